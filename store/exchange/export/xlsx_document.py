"""Any report document as a workbook: a summary sheet, then one sheet per table.

The network report goes through here. The sheet of a table is named after the heading above
it; the sentences and labelled lines go to the first sheet. Cells are written as the
workshop workbook writes them (``xlsx_export``): text only through the quote-prefix-safe
path, counts as numbers, wrapped rows tall enough, one page wide with the header repeated.
"""

from __future__ import annotations

import io
from datetime import datetime, time

from xlsxwriter.worksheet import Worksheet

from matchdesk.store.exchange import document as doc
from matchdesk.store.exchange.export.xlsx_export import (
    _print_setup,
    _Styles,
    _width_of,
    cell_text,
    new_workbook,
    row_height,
    running_text,
    sheet_name,
    wrapped_lines,
)
from matchdesk.store.exchange.i18n import wording

_SUMMARY_WIDTH = 64  # characters: within a portrait page even in a wide fallback font
_DAY_COLUMN = 14


def _text(cell: doc.Cell) -> str:
    if isinstance(cell, doc.Items):
        return "\n".join(cell.items) or doc.NONE
    return cell_text(str(cell))


def _table_sheet(sheet: Worksheet, styles: _Styles, table: doc.Table, paper: str) -> None:
    """Counts as numbers, dates as dates, text as text; a count column's heading and its
    words ("not tracked") to the right, with the numbers; a total row bold."""
    texts = [
        [_text(c) if not isinstance(c, int) and not _is_day(c) else "" for c in row]
        for row in table.rows
    ]
    widths = [
        min(45, _width_of([column.title, *(row[i] for row in texts)]))
        if not column.numeric
        else max(
            [10, *(len(word) + 2 for word in column.title.split()), *(len(r[i]) + 2 for r in texts)]
        )
        for i, column in enumerate(table.columns)
    ]
    for index in range(len(table.columns)):
        if any(_is_day(row[index]) for row in table.rows):
            widths[index] = max(widths[index], _DAY_COLUMN)
    for index, width in enumerate(widths):
        sheet.set_column(index, index, width)
    for index, column in enumerate(table.columns):
        kind = "header_number" if column.numeric else "header"
        styles.text(sheet, 0, index, cell_text(column.title), kind)
    header_lines = max(
        (wrapped_lines(c.title, widths[i]) for i, c in enumerate(table.columns)), default=1
    )
    if header_lines > 1:
        sheet.set_row(0, row_height(header_lines))
    last = len(table.rows)
    for number, (row, text_row) in enumerate(zip(table.rows, texts, strict=True), 1):
        lines = 1
        total = table.total and number == last
        for index, cell in enumerate(row):
            if isinstance(cell, int):
                style = styles.bold_number if total else styles.number
                sheet.write_number(number, index, cell, style)
            elif isinstance(cell, doc.Date) and cell.day is not None:
                sheet.write_datetime(number, index, datetime.combine(cell.day, time()), styles.day)
            elif text_row[index]:
                kind = "bold" if total else "right" if table.columns[index].numeric else "text"
                styles.text(sheet, number, index, text_row[index], kind, width=widths[index])
                lines = max(lines, wrapped_lines(text_row[index], widths[index]))
        if lines > 1:
            sheet.set_row(number, row_height(lines))
    sheet.freeze_panes(1, 1)
    _print_setup(sheet, paper, landscape=sum(widths) > 90)


def _is_day(cell: doc.Cell) -> bool:
    return isinstance(cell, doc.Date) and cell.day is not None


def render_document_xlsx(document: doc.Document, when: datetime, paper: str = "a4") -> bytes:
    """The workbook of ``document``, stamped ``when`` (the same document, the same bytes)."""
    w = wording(document.lang)
    buffer = io.BytesIO()
    book = new_workbook(buffer, document.title, when)
    styles = _Styles(book)
    taken: set[str] = set()
    summary = book.add_worksheet(sheet_name(w.gettext("Totals"), taken))
    sheets = [summary]
    summary.set_column(0, 0, _SUMMARY_WIDTH)
    row = 0

    def say(text: str, kind: str = "wrap") -> None:
        nonlocal row
        styles.text(summary, row, 0, cell_text(text), kind)
        lines = wrapped_lines(text, _SUMMARY_WIDTH)
        if lines > 1:
            summary.set_row(row, row_height(lines))
        row += 1

    say(document.title, "bold")
    heading = document.title
    for block in document.blocks:
        if isinstance(block, doc.Heading):
            heading = block.text
        elif isinstance(block, doc.Paragraph):
            say(block.text)
        elif isinstance(block, doc.Fields):
            for field in block.fields:
                say(f"{field.label} {field.value}")
        elif isinstance(block, doc.Items):
            for item in block.items:
                say(item)
        elif isinstance(block, doc.Table):
            sheet = book.add_worksheet(sheet_name(heading, taken))
            sheets.append(sheet)
            _table_sheet(sheet, styles, block, paper)
            if w.rtl:
                sheet.right_to_left()
    if w.rtl:
        summary.right_to_left()
    _print_setup(summary, paper, landscape=False, repeat=False)
    running_text(sheets, document.title, w)
    book.close()
    return buffer.getvalue()
