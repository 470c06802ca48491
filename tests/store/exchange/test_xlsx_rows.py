"""The workbook's list rows, made by hand, are the bytes XlsxWriter writes when it writes every
cell itself, and a text is never taken for markup (XlsxWriter reads "<r>…</r>" as rich text)."""

from __future__ import annotations

import io
import math
import zipfile
from datetime import datetime, timedelta, timezone
from pathlib import Path

import openpyxl
from hypothesis import given, settings
from hypothesis import strategies as st
from xlsxwriter.worksheet import Worksheet

from matchdesk.store.exchange.document import Sheet
from matchdesk.store.exchange.export import render_workshop
from matchdesk.store.exchange.export._zip import ZIP_EPOCH
from matchdesk.store.exchange.export.xlsx_export import (
    _PAGE_CHARS,
    _list_sheet,
    _print_setup,
    _Styles,
    _widest,
    captured_time,
    cell_text,
    new_workbook,
    row_height,
    wrapped_lines,
    wraps,
)
from matchdesk.store.exchange.export.xlsx_rows import XLS_STRMAX
from matchdesk.store.workshop import Workshop

SHEET = "xl/worksheets/sheet1.xml"
COLUMNS = ("title", "note", "captured_at", "day")
TIMES, DAYS = frozenset({2}), frozenset({3})


def _by_xlsxwriter(sheet: Worksheet, styles: _Styles, table: Sheet) -> None:
    """The reference: every cell through XlsxWriter's own ``write_*`` calls, each text's wrap
    and lines worked out at its column's final width."""
    texts = [[cell_text(value) for value in row] for row in table.rows]
    widest = [_widest(name) for name in table.columns]
    for row in texts:
        for index, text in enumerate(row):
            if text and index not in table.times:
                widest[index] = max(widest[index], _widest(text))
    widths = [min(60.0, max(8.0, w + 2)) for w in widest]
    for index in table.times:
        widths[index] = 21
    for index in table.days:
        widths[index] = max(12, widths[index])
    for index, width in enumerate(widths):
        sheet.set_column(index, index, width)
    for index, name in enumerate(table.columns):
        styles.text(sheet, 0, index, cell_text(name), "header")
    for number, row in enumerate(texts, 1):
        lines = 1
        for index, text in enumerate(row):
            moment = captured_time(text) if index in table.times | table.days else None
            if moment is not None:
                style = styles.date if index in table.times else styles.day
                sheet.write_datetime(number, index, moment, style)
            elif text:
                width = widths[index]
                sheet.write_string(number, index, text, styles.text_format(text, width=width))
                if wraps(text, width):
                    lines = max(lines, wrapped_lines(text, width))
        if lines > 1:
            sheet.set_row(number, row_height(lines))
    sheet.freeze_panes(1, 0)
    sheet.autofilter(0, 0, len(table.rows), len(table.columns) - 1)
    _print_setup(sheet, "a4", landscape=True)
    across = math.ceil(sum(widths) / _PAGE_CHARS)
    if across > 1:
        sheet.fit_to_pages(across, 0)
        sheet.repeat_columns(0)


def _parts(table: Sheet, folder: Path, *, by_hand: bool, runs=None) -> tuple[bytes, bytes]:
    """The sheet's part and the styles' part of a one-sheet workbook (by hand: of ``runs``
    when given)."""
    buffer = io.BytesIO()
    book = new_workbook(buffer, "t", ZIP_EPOCH, str(folder))
    styles = _Styles(book)
    sheet = book.add_worksheet("List")
    splice = _list_sheet(sheet, styles, table, "a4", str(folder), runs) if by_hand else None
    if not by_hand:
        _by_xlsxwriter(sheet, styles, table)
    book.close()
    with zipfile.ZipFile(buffer) as package:
        part, style_part = package.read(SHEET), package.read("xl/styles.xml")
    return (b"".join(splice(part)) if splice else part), style_part


_PIECES = ["a", "Z", " ", "\n", "\r", "\t", "&", "<", ">", '"', "=", "_x0041_", "_x", "\x01"]
_PIECES += ["é", "لا", "中", "🎉", "\ufffe", "—", "x" * 70]
_TEXT = st.lists(st.sampled_from(_PIECES), max_size=12).map("".join)
_TIME = st.one_of(
    st.just(""),
    st.sampled_from(
        [
            "2021-06-01T09:30:00+06:00",
            "2021-06-01 09:30",
            "1900-01-01T00:00:00",
            "1900-02-28T12:00:00",
            "1900-03-01T12:00:00Z",
            " 2024-02-29T23:59:59.999999+00:00 ",
            "soon",
        ]
    ),
    _TEXT,
)
_ROW = st.tuples(_TEXT.map(lambda text: "t" + text), _TEXT, _TIME, _TIME)


@settings(max_examples=150, deadline=None)
@given(rows=st.lists(_ROW, max_size=12))
def test_rows_by_hand_are_what_xlsxwriter_writes(
    rows: list[tuple[str, ...]], tmp_path_factory
) -> None:
    rows = [row for row in rows if not any(v.startswith("<r>") and v.endswith("</r>") for v in row)]
    table = Sheet("List", COLUMNS, tuple(rows), TIMES, DAYS)
    folder = tmp_path_factory.mktemp("rows")
    assert _parts(table, folder, by_hand=True) == _parts(table, folder, by_hand=False)


@settings(max_examples=150, deadline=None)
@given(rows=st.lists(_ROW, max_size=12))
def test_rows_with_their_time_last_are_what_xlsxwriter_writes(
    rows: list[tuple[str, ...]], tmp_path_factory
) -> None:
    """The Interests sheet's layout (texts, then one time) takes the quick path for a row
    whose texts are known: the bytes are the same."""
    rows = [
        row[:3] for row in rows if not any(v.startswith("<r>") and v.endswith("</r>") for v in row)
    ]
    table = Sheet("List", COLUMNS[:3], tuple(rows + rows), TIMES)  # the second time known
    folder = tmp_path_factory.mktemp("rows")
    assert _parts(table, folder, by_hand=True) == _parts(table, folder, by_hand=False)


def _no_markup(texts: tuple[str, ...]) -> bool:
    return not any(v.startswith("<r>") and v.endswith("</r>") for v in texts)


_RUN = st.tuples(
    st.tuples(_TEXT.map(lambda text: "t" + text), _TEXT).filter(_no_markup),
    st.lists(st.tuples(_TEXT, _TIME).filter(_no_markup), min_size=1, max_size=4),
)


@settings(max_examples=150, deadline=None)
@given(runs=st.lists(_RUN, max_size=8))
def test_rows_given_as_runs_are_what_xlsxwriter_writes_of_the_whole_rows(
    runs: list[tuple[tuple[str, str], list[tuple[str, str]]]], tmp_path_factory
) -> None:
    """The Interests sheet gives a presentation's cells once for all its rows (a run): the
    bytes are those of every row written whole, a tall cell in the shared part or the own
    part included, the texts seen in an earlier run known."""
    runs = runs + runs
    rows = tuple((*head, *row) for head, own in runs for row in own)
    columns = ("title", "presenter", "note", "captured_at")
    by_runs = Sheet("List", columns, (), frozenset({3}))
    whole = Sheet("List", columns, rows, frozenset({3}))
    folder = tmp_path_factory.mktemp("runs")
    made = _parts(by_runs, folder, by_hand=True, runs=runs)
    assert made == _parts(whole, folder, by_hand=False)


_ANY_TIME = st.builds(
    lambda moment, minutes, sep, spec: (
        moment.replace(tzinfo=None if minutes is None else timezone(timedelta(minutes=minutes)))
        .isoformat(sep, spec)
        .replace("+00:00", "Z" if sep == "T" and minutes == 0 else "+00:00")
    ),
    st.datetimes(min_value=datetime(1899, 12, 1), max_value=datetime(9999, 12, 30)),
    st.one_of(st.none(), st.integers(-14 * 60, 14 * 60)),
    st.sampled_from(["T", " "]),
    st.sampled_from(["seconds", "milliseconds", "microseconds"]),
)


@settings(max_examples=60, deadline=None)
@given(times=st.lists(_ANY_TIME, min_size=1, max_size=20))
def test_every_time_is_the_serial_day_xlsxwriter_writes(times: list[str], tmp_path_factory) -> None:
    """Any moment, naive or with any offset (UTC written "Z" as captures are), becomes the
    number XlsxWriter's ``write_datetime`` gives it, Excel's 1900 leap-year bug included."""
    table = Sheet("List", COLUMNS, tuple(("t", "", time, "") for time in times), TIMES, DAYS)
    folder = tmp_path_factory.mktemp("times")
    assert _parts(table, folder, by_hand=True) == _parts(table, folder, by_hand=False)


def test_a_text_too_long_for_a_cell_is_cut_where_xlsxwriter_cuts_it(tmp_path: Path) -> None:
    long = "n" * (XLS_STRMAX - 1) + "🎉 end"  # the emoji would straddle the limit: dropped whole
    table = Sheet("List", COLUMNS, (("title", long, "", ""), ("t2", "é" * 40_000, "", "")))
    assert _parts(table, tmp_path, by_hand=True) == _parts(table, tmp_path, by_hand=False)


def test_rich_text_markup_in_any_cell_stays_text(tmp_path: Path) -> None:
    """A title, a presenter, a note and a custom country reading "<r>…</r>" come back as
    typed from every sheet: XlsxWriter alone would have written them as rich-text runs."""
    markup = "<r>Evil</r>"
    with Workshop.open(tmp_path / "w.json") as workshop:
        country = workshop.add_custom_country("<r>Region</r>")
        presentation = workshop.add_presentation(markup, country, presenter=markup)
        workshop.record_interest(presentation.uid, "Chad", note=markup)
        data = render_workshop(workshop, "xlsx")
    book = openpyxl.load_workbook(io.BytesIO(data))
    values = {
        sheet.title: {c.value for row in sheet.iter_rows() for c in row if c.value}
        for sheet in book.worksheets
    }
    assert {markup, "<r>Region</r>"} <= values["Interests"]
    assert "<r>Region</r>" in values["Tallies"] and "<r>Region</r>" in values["Matrix"]
