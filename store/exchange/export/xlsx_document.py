"""Any report document as a workbook: a summary sheet, then one sheet per table.

The network report goes through here. The sheet of a table is named after the heading above
it; the sentences and labelled lines go to the first sheet. Cells are written as the
workshop workbook writes them (``xlsx_export``): text only through the quote-prefix-safe
path, counts as numbers, wrapped rows tall enough, one page wide with the header repeated.
"""

from __future__ import annotations

import io
from datetime import datetime

from xlsxwriter.worksheet import Worksheet

from matchdesk.store.exchange import document as doc
from matchdesk.store.exchange.export.xlsx_export import (
    _print_setup,
    _Styles,
    _width_of,
    cell_text,
    new_workbook,
    row_height,
    sheet_name,
    wrapped_lines,
)
from matchdesk.store.exchange.i18n import wording

_SUMMARY_WIDTH = 100


def _text(cell: doc.Cell) -> str:
    if isinstance(cell, doc.Items):
        return "\n".join(cell.items) or doc.NONE
    return cell_text(str(cell))


def _table_sheet(sheet: Worksheet, styles: _Styles, table: doc.Table, paper: str) -> None:
    texts = [[_text(c) if not isinstance(c, int) else "" for c in row] for row in table.rows]
    widths = [
        min(45, _width_of([column.title, *(row[i] for row in texts)]))
        if not column.numeric
        else max([10, *(len(word) + 2 for word in column.title.split())])
        for i, column in enumerate(table.columns)
    ]
    for index, width in enumerate(widths):
        sheet.set_column(index, index, width)
    for index, column in enumerate(table.columns):
        styles.text(sheet, 0, index, cell_text(column.title), "header")
    header_lines = max(
        (wrapped_lines(c.title, widths[i]) for i, c in enumerate(table.columns)), default=1
    )
    if header_lines > 1:
        sheet.set_row(0, row_height(header_lines))
    for number, (row, text_row) in enumerate(zip(table.rows, texts, strict=True), 1):
        lines = 1
        for index, cell in enumerate(row):
            if isinstance(cell, int):
                sheet.write_number(number, index, cell, styles.number)
            elif text_row[index]:
                styles.text(sheet, number, index, text_row[index], width=widths[index])
                lines = max(lines, wrapped_lines(text_row[index], widths[index]))
        if lines > 1:
            sheet.set_row(number, row_height(lines))
    sheet.freeze_panes(1, 1)
    _print_setup(sheet, paper, landscape=sum(widths) > 90)


def render_document_xlsx(document: doc.Document, when: datetime, paper: str = "a4") -> bytes:
    """The workbook of ``document``, stamped ``when`` (the same document, the same bytes)."""
    w = wording(document.lang)
    buffer = io.BytesIO()
    book = new_workbook(buffer, document.title, when)
    styles = _Styles(book)
    taken: set[str] = set()
    summary = book.add_worksheet(sheet_name(w.gettext("Totals"), taken))
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
            _table_sheet(sheet, styles, block, paper)
            if w.rtl:
                sheet.right_to_left()
    if w.rtl:
        summary.right_to_left()
    _print_setup(summary, paper, landscape=False, repeat=False)
    book.close()
    return buffer.getvalue()
