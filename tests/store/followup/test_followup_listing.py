"""What ``matchdesk followup`` prints is laid out from parts many possibilities share (a
presentation, a country, a state) and from rows, not ``Possibility`` values: each line still
says its own possibility, as ``json.dumps`` and a line-by-line layout write it."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from matchdesk.store.followup import Filter, Followup, Outcome, Stage
from matchdesk.store.followup.funnel import funnel
from matchdesk.store.followup.listing import followup_lines, possibility_json, possibility_lines
from matchdesk.store.followup.rows import listed
from matchdesk.store.followup.state import FollowState, Possibility, utc_stamp
from matchdesk.store.merge.merging import merge_files
from matchdesk.store.models import Country, Presentation
from matchdesk.store.workshop import Workshop
from tests.store.conftest import split_seed

TODAY = dt.date(2026, 1, 1)
_TEXT = st.text(max_size=40)
_STAMP = st.sampled_from(["", "2025-12-31T23:59:59.999Z", "2026-01-01T00:00:00.000Z"])
_CAPTURED = _STAMP | st.just("2026-01-01T01:30:00+01:00")  # as an import may hold it
_DUE = st.sampled_from(["", "2025-12-31", "2026-01-01", "2026-06-01"])
_STATE = st.builds(
    FollowState,
    stage=st.sampled_from(Stage),
    outcome=st.none() | st.sampled_from(Outcome),
    owner=_TEXT,
    next_action=_TEXT,
    due=_DUE,
    contacts_presenting=_TEXT,
    last_activity=_STAMP,
    notes=st.lists(_TEXT, max_size=3).map(tuple),
    conflicts=st.lists(st.sampled_from(["stage", "owner"]), max_size=2, unique=True).map(tuple),
)
_COUNTRY = st.builds(Country, code=st.text(max_size=3), name=_TEXT, official_name=st.just(""))


@st.composite
def _possibilities(draw: st.DrawFn) -> list[Possibility]:
    """Possibilities in agenda order drawn from small pools, so parts come back."""
    countries = draw(st.lists(_COUNTRY, min_size=1, max_size=4))
    states = draw(st.lists(_STATE, min_size=1, max_size=4))
    found = []
    for number in range(1, draw(st.integers(1, 4)) + 1):
        title = draw(_TEXT)
        presentation = Presentation(f"p{number}", title, draw(st.sampled_from(countries)))
        for _ in range(draw(st.integers(0, 5))):
            country = draw(st.sampled_from(countries))
            state = draw(st.sampled_from(states))
            found.append(
                Possibility(presentation, country.code, country, number, draw(_CAPTURED), state)
            )
    return found


def _row(p: Possibility) -> tuple[object, ...]:
    return (p.number, p.presentation, p.code, p.country, p.capture_note, p.captured_at, p.state)


def _fit(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _line(p: Possibility) -> str:
    """One possibility's line of the listing, laid out alone."""
    state = p.state
    due = state.due + (" overdue" if p.overdue(TODAY) else "")
    return (
        f"{p.number:>3}  {_fit(p.presentation.title, 28):<28}  "
        f"{_fit(p.presentation.country.name, 14):<14}  {_fit(p.country.name, 14):<14}  "
        f"{_fit(state.label, 22):<22}  {_fit(state.owner, 12):<12}  "
        f"{due}{' !' if state.conflicts else ''}"
    ).rstrip()


@settings(max_examples=200, deadline=None)
@given(shown=_possibilities())
def test_each_listed_line_says_its_own_possibility(shown: list[Possibility]) -> None:
    rows = listed(shown)
    assert sum(len(group.rows) for group in rows) == len(shown)
    expected = ["    " + json.dumps(possibility_json(p, TODAY), ensure_ascii=False) for p in shown]
    assert list(possibility_lines(rows, TODAY)) == expected
    lines = list(followup_lines("", funnel(()), rows, TODAY, narrowed=False))
    end = len(lines) - (2 if any(p.state.conflicts for p in shown) else 0)
    assert lines[end - len(shown) : end] == [_line(p) for p in shown]


def test_the_rows_list_what_select_selects(seeded_file: Path) -> None:
    """``listed`` walks the records itself when nothing was built yet: the same possibilities,
    in the same order, with the same states as ``select``, before and after a write."""
    with Workshop.open(seeded_file) as workshop:
        desk = Followup(workshop)
        keys = [p.key for p in desk.possibilities()]
        desk.set_stage(keys[:3], Stage.CONTACTED)
        desk.set_owner(keys[1:2], "Ana")
        now = dt.datetime.now(dt.UTC)
        for chosen in (Filter(), Filter(group="contacted"), Filter(owner="-")):
            expected = [_row(p) for p in desk.select(chosen, now)]
            fresh = Followup(workshop)  # nothing built: walks the records
            for lister in (fresh, desk):  # desk: built by select
                found = [
                    (g.number, g.presentation, code, country, note, utc_stamp(captured_at), state)
                    for g in lister.listed(chosen, now)
                    for code, country, note, captured_at, state in g.rows
                ]
                assert found == expected
        assert len(expected) == 38  # Ana's is not nobody's


def test_a_country_captured_on_two_laptops_is_one_possibility(tmp_path: Path) -> None:
    """After a merge, a third of the interests were captured on both laptops: the follow-up
    lists each once, as many as the tallies count, in the listing and the desk alike."""
    laptops = split_seed(tmp_path)
    with Workshop.open(laptops.room, device="room") as room:
        merge_files(room, [laptops.chat])
        interests = room.totals().interests
        keys = [
            (g.presentation.uid, code)
            for g in Followup(room).listed(Filter())
            for code, *_ in g.rows
        ]
        assert interests == 39 and len(keys) == interests == len(set(keys))
        assert sorted(keys) == sorted(p.key for p in Followup(room).possibilities())
