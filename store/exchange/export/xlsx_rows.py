"""A list sheet's rows (the Interests sheet's 100,000) as worksheet XML made by hand, spliced
into the part XlsxWriter wrote for the sheet's header, columns and print setup.

XlsxWriter spends some 30 µs on each cell it writes (its checks, its row table, its XML
writer): 4 s for a 100,000-interest workbook. These rows are the bytes XlsxWriter writes in
``constant_memory`` mode (a test compares them), each distinct cell made once, but a text is
always a text: XlsxWriter takes one that reads ``<r>…</r>`` for rich-text markup.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from itertools import islice
from pathlib import Path
from typing import IO

from xlsxwriter.utility import xl_rowcol_to_cell

XLS_STRMAX = 32767  # UTF-16 units a cell holds: longer text is cut, as XlsxWriter cuts it
DEFAULT_ROW_PIXELS = 20
_ESCAPE_LIKE = re.compile("(_x[0-9a-fA-F]{4}_)")  # read back as a character: escape the "_"
_CONTROL = re.compile("([\x00-\x08\x0b-\x1f])")
_EDGE_SPACE = re.compile(r"^\s|\s$")
_DIMENSION = re.compile(rb'<dimension ref="[^"]*"/>')
_EXCEL_EPOCH = datetime(1899, 12, 31)
_EXCEL_EPOCH_UTC = _EXCEL_EPOCH.replace(tzinfo=UTC)
_ROWS_PER_PIECE = 500
_READ_BYTES = 1 << 20


def text_cell(text: str, style: int) -> str:
    """A text cell after its ``<c r="..."``: an inline string, escaped, never markup."""
    text = _cut(text)
    text = _ESCAPE_LIKE.sub(r"_x005F\1", text)
    text = _CONTROL.sub(lambda match: f"_x{ord(match.group(1)):04X}_", text)
    space = ' xml:space="preserve"' if _EDGE_SPACE.search(text) else ""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return f' s="{style}" t="inlineStr"><is><t{space}>{text}</t></is></c>'


def number_cell(number: float, style: int) -> str:
    """A number cell after its ``<c r="..."``."""
    return f"{number_head(style)}{number:.16G}</v></c>"


def number_head(style: int) -> str:
    """A number cell after its ``<c r="..."``, up to its number (then ``</v></c>``)."""
    return f' s="{style}"><v>'


def excel_serial(value: str) -> float | None:
    """``excel_time`` of the ISO time ``value`` (UTC when it has an offset), None if it is not
    one: what ``excel_time(captured_time(value))`` gives, three times as fast (an aware time
    is measured from an aware epoch instead of being made naive first, 1.8 µs a cell); the
    list of 100,000 interests has one on every row."""
    try:
        moment = datetime.fromisoformat(value.strip())
    except ValueError:
        return None
    delta = moment - (_EXCEL_EPOCH if moment.tzinfo is None else _EXCEL_EPOCH_UTC)
    if delta.days <= 366:  # 1900 or before: ``excel_time`` keeps Excel's leap-year bug
        naive = moment.astimezone(UTC).replace(tzinfo=None) if moment.tzinfo else moment
        return excel_time(naive)
    return delta.days + (delta.seconds + delta.microseconds / 1e6) / 86400 + 1


def excel_time(moment: datetime) -> float:
    """A naive datetime as a spreadsheet's serial day (1900 system, its leap-year bug kept)."""
    delta = moment - _EXCEL_EPOCH
    serial = delta.days + (delta.seconds + delta.microseconds / 1e6) / 86400
    if moment.year <= 1900 and tuple(moment.isocalendar()) == (1900, 1, 1):
        serial -= 1
    return serial + 1 if serial > 59 else serial


def row_start(number: int, height: float | None) -> str:
    """``<row>`` for the 1-based row ``number``; ``height`` in points, None for the default."""
    if height is None:
        return f'<row r="{number}">'
    pixels = int(height * 4.0 / 3.0 + 0.5)  # XlsxWriter keeps heights in whole pixels
    if pixels == DEFAULT_ROW_PIXELS:
        return f'<row r="{number}">'
    return f'<row r="{number}" ht="{pixels * 0.75:.16g}" customHeight="1">'


def write_rows(handle: IO[bytes], rows: Iterable[str]) -> None:
    """Write ``rows`` (each a ``<row>`` element) to ``handle``, a few hundred at a time."""
    rows = iter(rows)
    while piece := "".join(islice(rows, _ROWS_PER_PIECE)):
        handle.write(piece.encode("utf-8"))


def splice(part: bytes, rows: Path, last_row: int, columns: int) -> Iterator[bytes]:
    """XlsxWriter's ``part`` (the header row only) with the rows ``write_rows`` wrote to the
    file ``rows`` after the header, its dimension widened to ``last_row`` (0-based) by
    ``columns``."""
    head, end, tail = part.partition(b"</sheetData>")
    if not end:
        raise ValueError("the worksheet part has no sheet data")
    if last_row:
        last = xl_rowcol_to_cell(last_row, columns - 1)
        head = _DIMENSION.sub(f'<dimension ref="A1:{last}"/>'.encode(), head, count=1)
    yield head
    with rows.open("rb") as handle:
        while piece := handle.read(_READ_BYTES):
            yield piece
    yield end + tail


def _cut(text: str) -> str:
    """``text`` within ``XLS_STRMAX`` UTF-16 units, never halving a character."""
    if len(text) <= XLS_STRMAX // 2:
        return text
    units = text.encode("utf-16-le")
    if len(units) <= 2 * XLS_STRMAX:
        return text
    return units[: 2 * XLS_STRMAX].decode("utf-16-le", errors="ignore")
