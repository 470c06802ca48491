"""The workbook's matrix rows, made by hand, are the bytes XlsxWriter writes when it writes
every cell itself: names that wrap or read as formulas, zeros left blank, the totals."""

from __future__ import annotations

import io
import zipfile
from dataclasses import replace
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from xlsxwriter.worksheet import Worksheet

from matchdesk.store.exchange.export._zip import ZIP_EPOCH
from matchdesk.store.exchange.export.xlsx_export import (
    _matrix_sheet,
    _print_setup,
    _Styles,
    cell_text,
    matrix_head,
    new_workbook,
)
from matchdesk.store.exchange.i18n import Wording, wording
from matchdesk.store.exchange.workshop_report import Matrix, Report, build_report
from matchdesk.store.models import Tallies, Totals, WorkshopInfo

SHEET = "xl/worksheets/sheet1.xml"


def _by_xlsxwriter(sheet: Worksheet, styles: _Styles, report: Report, w: Wording) -> None:
    """The reference: the matrix as it was written cell by cell through XlsxWriter."""
    matrix = report.matrix
    total = w.gettext("Total")
    across = matrix_head(sheet, styles, matrix, w)  # the header is XlsxWriter's in both
    for number, (name, counts) in enumerate(zip(matrix.presenting, matrix.counts, strict=True), 1):
        styles.text(sheet, number, 0, cell_text(name), width=45)
        for index, count in enumerate(counts, 1):
            if count:
                sheet.write_number(number, index, count, styles.number)
        sheet.write_number(number, len(across), sum(counts), styles.bold)
    last = len(matrix.presenting) + 1
    column_totals = [sum(column) for column in zip(*matrix.counts, strict=True)] or [0] * len(
        matrix.interested
    )
    styles.text(sheet, last, 0, cell_text(total), "bold")
    for index, count in enumerate([*column_totals, sum(column_totals)], 1):
        sheet.write_number(last, index, count, styles.bold)
    sheet.freeze_panes(1, 1)
    _print_setup(sheet, "a4", landscape=len(across) > 10)
    if len(matrix.interested) > 40:
        sheet.fit_to_pages(0, 0)
        sheet.repeat_columns(0, 0)


def _part(report: Report, folder: Path, *, by_hand: bool) -> bytes:
    buffer = io.BytesIO()
    book = new_workbook(buffer, "t", ZIP_EPOCH, str(folder))
    styles = _Styles(book)
    sheet = book.add_worksheet("Matrix")
    w = wording(report.lang)
    splice = _matrix_sheet(sheet, styles, report, w, "a4", str(folder)) if by_hand else None
    if not by_hand:
        _by_xlsxwriter(sheet, styles, report, w)
    book.close()
    with zipfile.ZipFile(buffer) as package:
        part = package.read(SHEET)
    return b"".join(splice(part)) if splice else part


_NAMES = ["Chad", "=1+1", "'quoted", "", " edge ", "A & B <c>", "x" * 50, "é\nzh 中"]


@st.composite
def _reports(draw: st.DrawFn) -> Report:
    presenting = draw(st.lists(st.sampled_from(_NAMES), max_size=4))
    interested = draw(st.lists(st.sampled_from(_NAMES), max_size=45))
    counts = tuple(
        tuple(draw(st.lists(st.integers(0, 3), min_size=len(interested), max_size=len(interested))))
        for _ in presenting
    )
    empty = Tallies(Totals(), (), (), (), {})
    lang = draw(st.sampled_from(["en", "ar"]))
    report = build_report(WorkshopInfo(title="t"), empty, "short", lang)
    return replace(report, matrix=Matrix(tuple(presenting), tuple(interested), counts))


@settings(max_examples=80, deadline=None)
@given(report=_reports())
def test_matrix_rows_by_hand_are_what_xlsxwriter_writes(report: Report, tmp_path_factory) -> None:
    folder = tmp_path_factory.mktemp("matrix")
    assert _part(report, folder, by_hand=True) == _part(report, folder, by_hand=False)
