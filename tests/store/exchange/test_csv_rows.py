"""The CSV's lines, made by hand, are the bytes ``csv.writer`` writes for the neutralised
cells: quotes, commas, line breaks and formula-like text in any cell of any row."""

from __future__ import annotations

import csv
import io

from hypothesis import given, settings
from hypothesis import strategies as st

from matchdesk.store.exchange.export.csv_export import Group, csv_chunks, csv_field, flat_rows
from matchdesk.store.exchange.tabular import COLUMNS, neutralise_cell
from matchdesk.store.followup.exports import FollowupExport
from matchdesk.store.models import Country, Presentation

_PIECES = ["a", " ", ",", '"', "'", "\r", "\n", "\r\n", "\t", "=", "+", "-", "@", "é", "中", ";"]
_TEXT = st.lists(st.sampled_from(_PIECES), max_size=6).map("".join)
_COUNTRIES = [
    Country("KAZ", "Kazakhstan", "Republic of Kazakhstan"),
    Country("x-a-b", '=A, "B"', '=A, "B"', custom=True),
]


def _by_csv_writer(groups: list[Group], extra: tuple[str, ...], cells: dict) -> bytes:
    """The reference: every row through ``csv.writer``."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow((*COLUMNS, *extra))
    blank = ("",) * len(extra)
    keys = [
        key
        for presentation, captures in groups
        for key in [(presentation.uid, c[0].code) for c in captures] or [None]
    ]
    for row, key in zip(flat_rows(groups), keys, strict=True):
        more = cells.get(key, blank) if key else blank
        writer.writerow([*map(neutralise_cell, row), *map(neutralise_cell, more)])
    return b"\xef\xbb\xbf" + out.getvalue().encode("utf-8")


@st.composite
def _groups(draw: st.DrawFn) -> list[Group]:
    groups: list[Group] = []
    for number in range(draw(st.integers(0, 3))):
        presentation = Presentation(
            uid=f"p{number}",
            title=draw(_TEXT),
            country=draw(st.sampled_from(_COUNTRIES)),
            presenter=draw(_TEXT),
            theme=draw(_TEXT),
            position=number,
        )
        countries = draw(st.lists(st.sampled_from(_COUNTRIES), max_size=2, unique=True))
        captures = [(c, draw(_TEXT), draw(_TEXT), draw(_TEXT)) for c in countries]
        groups.append((presentation, captures))
    return groups


@settings(max_examples=200, deadline=None)
@given(groups=_groups(), followup=st.booleans(), cell=_TEXT)
def test_csv_lines_are_what_csv_writer_writes(
    groups: list[Group], followup: bool, cell: str
) -> None:
    extra = ("stage", "note, last") if followup else ()
    cells = {(p.uid, captures[0][0].code): (cell, "=1") for p, captures in groups if captures}
    chosen = FollowupExport(columns=extra, cells=cells) if followup else None
    made = b"".join(csv_chunks(groups, followup=chosen))
    assert made == _by_csv_writer(groups, extra, cells if followup else {})


@given(value=_TEXT)
def test_a_field_reads_back_as_its_neutralised_text(value: str) -> None:
    assert next(csv.reader([csv_field(value)])) in ([neutralise_cell(value)], [])
