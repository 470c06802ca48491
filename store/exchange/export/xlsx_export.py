"""XLSX with XlsxWriter: the flat import columns, the tallies and the presenting x interested
matrix, then any list sheets (the follow-up's), laid out to read and to print.

Every text goes through ``write_string`` (never a formula, a number or a link, whatever it
says); a text a spreadsheet could take for a formula gets a quote-prefix cell style instead of
a visible apostrophe, so it shows as typed and stays text when someone edits the cell.
``captured_at`` is a real date and time (UTC). Wrapped cells get row heights that show all
their lines; each sheet prints one page wide with its header row repeated.
"""

from __future__ import annotations

import io
import math
import re
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import xlsxwriter
from xlsxwriter.format import Format
from xlsxwriter.utility import xl_col_to_name
from xlsxwriter.worksheet import Worksheet

from matchdesk.store.exchange.document import Block, Paragraph, Sheet, Table
from matchdesk.store.exchange.export._xml import xml_safe
from matchdesk.store.exchange.export._zip import ZIP_EPOCH, restamp_zip
from matchdesk.store.exchange.export.csv_export import Group, Run, flat_runs
from matchdesk.store.exchange.export.xlsx_rows import (
    excel_serial,
    number_cell,
    number_head,
    row_start,
    splice,
    text_cell,
    write_rows,
)
from matchdesk.store.exchange.i18n import Wording, wording
from matchdesk.store.exchange.tabular import AS_TYPED, COLUMNS, formula_like
from matchdesk.store.exchange.workshop_report import Matrix, Report, channel_phrase

_MIN_WIDTH = 8
_MAX_WIDTH = 60
_LINE_HEIGHT = 15.0  # points per line of 11-point Calibri
_MAX_HEIGHT = 409.0  # the tallest row a spreadsheet allows
_DATE_FORMAT = "yyyy-mm-dd hh:mm:ss"
_DATE_WIDTH = 21
_DAY_FORMAT = "yyyy-mm-dd"
_DAY_WIDTH = 12
_CAPTURED_AT = frozenset({COLUMNS.index("captured_at")})
_PAPER = {"a4": 9, "letter": 1}  # XlsxWriter's paper codes
_SHEET_NAME_BAD = re.compile(r"[\[\]:*?/\\]")
_MATRIX_FITS = 40  # up to this many interested countries, the matrix prints one page wide
_KEEP_TEXTS = 10_000  # distinct cell texts a list sheet keeps (names, titles, channels)
_NUMBER = "\x00"  # a row's number in its cells' XML: never in a cell's text (``text_cell``)


def _lines(heights: dict[str, int], value: str) -> int:
    """The lines ``value`` takes in its column (``heights``), 1 when not kept."""
    return heights.get(value, 1)


def cell_text(value: str) -> str:
    """What a text cell holds: XML-safe, one kind of line break."""
    return xml_safe(value.replace("\r\n", "\n").replace("\r", "\n"))


def wrapped_lines(text: str, width: float) -> int:
    """How many lines ``text`` takes in a wrapped cell ``width`` characters wide."""
    per_line = max(1, int(width) - 1)
    return sum(max(1, math.ceil(len(line) / per_line)) for line in text.split("\n"))


def row_height(lines: int) -> float:
    return min(_MAX_HEIGHT, lines * _LINE_HEIGHT)


def captured_time(value: str) -> datetime | None:
    """An ISO time as a naive UTC datetime (spreadsheets have no time zones); None if not one."""
    try:
        moment = datetime.fromisoformat(value.strip())
    except ValueError:
        return None
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC).replace(tzinfo=None)
    return moment


class _Styles:
    """The workbook's few cell formats, made once, and the one way text enters a cell."""

    def __init__(self, book: xlsxwriter.Workbook) -> None:
        top: dict[str, Any] = {"valign": "top"}
        kinds: dict[str, dict[str, Any]] = {
            "text": top,
            "wrap": {**top, "text_wrap": True},
            "header": {**top, "bold": True, "text_wrap": True, "bottom": 1},
            "bold": {**top, "bold": True},
            "right": {**top, "align": "right"},
            "header_number": {
                **top,
                "bold": True,
                "text_wrap": True,
                "bottom": 1,
                "align": "center",
            },
            "rotated": {
                "bold": True,
                "rotation": 90,
                "valign": "bottom",
                "align": "center",
                "bottom": 1,
            },
        }
        self._text = {
            (kind, quote): book.add_format({**props, "quote_prefix": quote})
            for kind, props in kinds.items()
            for quote in (False, True)
        }
        self.number = book.add_format(top)
        self.bold = self._text["bold", False]
        self.date = book.add_format({**top, "num_format": _DATE_FORMAT, "align": "left"})
        self.day = book.add_format({**top, "num_format": _DAY_FORMAT, "align": "left"})
        self.wrap = self._text["wrap", False]
        self.bold_number = book.add_format({**top, "bold": True})
        for style in (*self._text.values(), self.number, self.date, self.day, self.bold_number):
            style_index(style)  # in the workbook's styles even when only hand-made rows use it

    def text(
        self,
        sheet: Worksheet,
        row: int,
        column: int,
        value: str,
        kind: str = "text",
        width: float = 0,
    ) -> None:
        """Write ``value`` as text, never anything else (see ``text_format``)."""
        style = self.text_format(value, kind, width)
        if value.startswith("<r>") and value.endswith("</r>"):
            # XlsxWriter would write this text as rich-text markup: in three runs, it is text.
            sheet.write_rich_string(row, column, value[:1], value[1:2], value[2:], style)
        else:
            sheet.write_string(row, column, value, style)

    def text_format(self, value: str, kind: str = "text", width: float = 0) -> Format:
        """The style of a text cell: a text a spreadsheet could read as a formula gets the
        quote-prefix style; plain text wider than ``width`` wraps."""
        if kind == "text" and width and wraps(value, width):
            kind = "wrap"
        return self._text[kind, formula_like(value)]


def style_index(style: Format) -> int:
    """The style's number in the workbook, given on first use (XlsxWriter's own numbering)."""
    return int(style._get_xf_index())  # type: ignore[no-untyped-call]  # unannotated upstream


def wraps(text: str, width: float) -> bool:
    """Whether ``text`` needs more than one line in a column ``width`` characters wide."""
    return "\n" in text or len(text) > width - 1


def _width_of(values: Sequence[str]) -> float:
    widest = max((len(line) for value in values for line in value.split("\n")), default=0)
    return min(_MAX_WIDTH, max(_MIN_WIDTH, widest + 2))


_PAGE_CHARS = 125  # characters of column width a landscape page prints at a readable size


def _print_setup(sheet: Worksheet, paper: str, *, landscape: bool, repeat: bool = True) -> None:
    """One page wide, as tall as needed; the header row on every page; page numbers."""
    sheet.set_paper(_PAPER[paper])
    if landscape:
        sheet.set_landscape()
    else:
        sheet.set_portrait()
    sheet.fit_to_pages(1, 0)
    if repeat:
        sheet.repeat_rows(0)
    sheet.set_footer("&C&P / &N")


def running_text(sheets: Iterable[Worksheet], title: str, w: Wording) -> None:
    """The report's title at the top of every printed page and "Page 3 of 7" (in the
    report's language) at its foot, on every sheet."""
    # "&" starts a code in a header; a header holds at most 255 characters with its codes.
    name = xml_safe(" ".join(title.split()))
    name = name if len(name) <= 120 else name[:119] + "…"
    page = w.gettext("Page {page} of {pages}").replace("&", "&&")
    footer = "&C" + page.format(page="&P", pages="&N")
    for sheet in sheets:
        sheet.set_header("&C" + name.replace("&", "&&"))
        sheet.set_footer(footer)


def _list_sheet(
    sheet: Worksheet,
    styles: _Styles,
    table: Sheet,
    paper: str,
    rows_in: str,
    runs: Iterable[Run] | None = None,
) -> Callable[[bytes], Iterable[bytes]]:
    """One row per item under a frozen header, with an autofilter; ``table.times`` and
    ``table.days`` columns as real dates and times (UTC), any other cell as text.

    XlsxWriter writes the header, the columns and the print setup. The rows (``table.rows``,
    or ``runs``: rows given as the cells they share, then each row's own) are made by hand
    (``xlsx_rows``) in one pass, as they come, into a file in the private folder ``rows_in``,
    while the columns are measured: the Interests sheet's 100,000 rows are never held. This
    returns what makes the sheet's package part from XlsxWriter's. What a cell needs is worked
    out once per distinct text (a title or a country's name is on thousands of rows; a time is
    its own and is not kept), and the cells a run shares once per run (a presentation's four
    on each of its rows)."""
    dated = table.times | table.days
    # Whether a text wraps, and on how many lines, does not depend on the other rows: a
    # column is as wide as its widest line plus two (no line wraps) up to _MAX_WIDTH (then
    # the line wraps at that width either way); a time column is _DATE_WIDTH wide.
    wrap_at = [_DATE_WIDTH if i in table.times else _MAX_WIDTH for i in range(len(table.columns))]
    widest = [_widest(name) for name in table.columns]
    dates = {i: style_index(styles.date) for i in table.times}
    dates.update({i: style_index(styles.day) for i in table.days})
    letters = [xl_col_to_name(index) for index in range(len(table.columns))]
    # Per column, by value: the cell's XML with ``_NUMBER`` for its row's number ("" for an
    # empty cell), and the lines it takes. A row whose texts are all known is then made by
    # C loops (``map``, ``join``, ``replace``): 100,000 rows of five cells each.
    pieces: list[dict[str, str]] = [{"": ""} for _ in table.columns]
    heights: list[dict[str, int]] = [{"": 1} for _ in table.columns]
    tall = False  # whether any cell took more than one line
    kept = 0

    def cell(index: int, value: str) -> tuple[str, int] | None:
        if index in table.times and (serial := excel_serial(value)) is not None:
            return number_cell(serial, dates[index]), 1  # a time is plain text
        text = cell_text(value)
        if not text:
            return None
        if index not in table.times:  # a day column is as wide as its widest text
            widest[index] = max(widest[index], _widest(text))
        if index in dates and (serial := excel_serial(text)) is not None:
            return number_cell(serial, dates[index]), 1
        width = wrap_at[index]
        lines = wrapped_lines(text, width) if wraps(text, width) else 1
        return text_cell(text, style_index(styles.text_format(text, width=width))), lines

    def unknown(row: Sequence[str], got: list[str | None], first: int) -> None:
        """Fill in ``got`` the cells of ``row`` (columns from ``first`` on) not worked out
        before (and keep them)."""
        nonlocal kept, tall
        for index, piece in enumerate(got, first):
            if piece is not None:
                continue
            value = row[index - first]
            made = cell(index, value)
            piece, lines = (
                ("", 1) if made is None else (f'<c r="{letters[index]}{_NUMBER}"{made[0]}', made[1])
            )
            got[index - first] = piece
            tall = tall or lines > 1
            if index not in dated and kept < _KEEP_TEXTS:
                pieces[index][value] = piece
                heights[index][value] = lines
                kept += 1
            elif lines > 1:
                heights[index][value] = lines  # a tall time or text not kept: its lines are

    # A time column's ``number_cell`` up to its number (``.16G``, then ``</v></c>``).
    time_heads = [
        (i, f'<c r="{letters[i]}{_NUMBER}"{number_head(dates[i])}') for i in sorted(table.times)
    ]
    count = 0
    # The Interests sheet: its texts, then its one time. A row whose texts are all known and
    # whose time is one is a join of the texts' pieces (KeyError: a text is not known) and
    # the time's number.
    last = len(table.columns) - 1
    fast = table.times == {last} and not table.days
    known = dict.__getitem__
    time_head = time_heads[-1][1] if time_heads else ""
    get = dict.get

    def shared(head: Sequence[str]) -> tuple[str, int]:
        """The XML of the cells a run's rows share, and the lines the tallest takes."""
        got = list(map(get, pieces, head))
        if None in got:
            unknown(head, got, 0)
        text = "".join(got)  # type: ignore[arg-type]  # no None left: unknown() filled them
        return text, max(map(_lines, heights, head), default=1)

    def xml_rows() -> Iterator[str]:
        nonlocal count
        number = 1
        for head, rows in [((), table.rows)] if runs is None else runs:
            first = len(head)
            start, start_lines = shared(head)
            own, own_heights = pieces[first:], heights[first:]
            texts = pieces[first:last]
            own_times = [(i - first, made) for i, made in time_heads if i >= first]
            at = last - first if fast and first <= last else -1  # the time, when quick
            # The last time's number: an imported report gives every row the workshop's one
            # time, which is then read once, not 100,000 times (1.5 µs a row, formatted).
            seen, serial_text = "", None
            for row in rows:
                number += 1
                text = ""
                if at >= 0 and (value := row[at]):
                    if value != seen:
                        serial = excel_serial(value)
                        seen, serial_text = value, None if serial is None else f"{serial:.16G}"
                    if serial_text is not None:
                        try:
                            text = "".join(map(known, texts, row))
                        except KeyError:
                            pass
                        else:
                            text = f"{start}{text}{time_head}{serial_text}</v></c>"
                if not text:
                    got = list(map(get, own, row))
                    for index, time in own_times:  # a time is its own: made on every row
                        if (value := row[index]) and (serial := excel_serial(value)) is not None:
                            got[index] = f"{time}{serial:.16G}</v></c>"
                    if None in got:
                        unknown(row, got, first)
                    text = start + "".join(got)  # type: ignore[arg-type]  # unknown() filled
                    if not text:
                        continue
                opening = f'<row r="{number}">'
                if tall and (lines := max((start_lines, *map(_lines, own_heights, row)))) > 1:
                    opening = row_start(number, row_height(lines))
                yield f"{opening}{text.replace(_NUMBER, str(number))}</row>"
        count = number - 1

    with tempfile.NamedTemporaryFile("wb", dir=rows_in, delete=False) as made_rows:
        write_rows(made_rows, xml_rows())
    widths: list[float] = [min(_MAX_WIDTH, max(_MIN_WIDTH, w + 2)) for w in widest]
    for index in table.times:
        widths[index] = _DATE_WIDTH
    for index in table.days:
        widths[index] = max(_DAY_WIDTH, widths[index])
    for index, width in enumerate(widths):
        sheet.set_column(index, index, width)
    for index, name in enumerate(table.columns):
        styles.text(sheet, 0, index, cell_text(name), "header")
    sheet.freeze_panes(1, 0)
    sheet.autofilter(0, 0, count, len(table.columns) - 1)
    _print_setup(sheet, paper, landscape=True)
    # A wide list prints over as many pages across as it needs at a readable size (not one
    # page at 40 %), its first column (the best practice) on each.
    across = math.ceil(sum(widths) / _PAGE_CHARS)
    if across > 1:
        sheet.fit_to_pages(across, 0)
        sheet.repeat_columns(0, 0)  # the first column (XlsxWriter's typing wants both ends)
    return lambda part: splice(part, Path(made_rows.name), count, len(table.columns))


def _widest(text: str) -> int:
    """The length of the longest line of ``text``."""
    return max(map(len, text.split("\n"))) if "\n" in text else len(text)


def _tallies_sheet(
    sheet: Worksheet, styles: _Styles, report: Report, w: Wording, paper: str
) -> None:
    """The totals, the sentences to paste (wrapped across the sheet) and the per-country
    counts; printed portrait, one page wide, so a sentence is never cut between pages."""
    totals = report.totals
    measures: list[tuple[str, int]] = [
        (w.gettext("Best practices presented"), totals.presentations),
        (w.gettext("Presenting countries"), totals.presenting_countries),
        (w.gettext("Possibilities for partnerships"), totals.interests),
        (w.gettext("Interested countries"), totals.interested_countries),
        (w.gettext("Countries involved"), totals.countries_involved),
    ]
    # TRANSLATORS: a Tallies row: "Possibilities expressed in the room" ({channel} is the
    # phrase of the channel split's sentence).
    measures += [
        (
            w.gettext("Possibilities expressed {channel}").format(
                channel=channel_phrase(line.channel, w)
            ),
            line.interests,
        )
        for line in report.channels
    ]
    interested_head = (w.gettext("Interested country"), w.gettext("Possibilities for partnerships"))
    presenting_head = (
        w.gettext("Presenting country"),
        w.gettext("Best practices presented"),
        w.gettext("Interest received"),
    )
    names = [label for label, _ in measures]
    names += [line.country for line in report.by_interested_country]
    names += [line.country for line in report.by_presenting_country]
    # Count columns: narrow, but never breaking a word of their headers.
    count_heads = (
        (w.gettext("Count"), interested_head[1], presenting_head[1]),
        (presenting_head[2],),
    )
    widths = [min(45, _width_of([w.gettext("Measure"), *names]))]
    widths += [
        max(12, *(len(word) + 2 for h in heads for word in h.split())) for heads in count_heads
    ]
    for index, width in enumerate(widths):
        sheet.set_column(index, index, width)

    row = 0

    def header(cells: Sequence[str]) -> None:
        nonlocal row
        for index, text in enumerate(cells):
            styles.text(sheet, row, index, cell_text(text), "header")
        lines = max(wrapped_lines(text, widths[i]) for i, text in enumerate(cells))
        if lines > 1:
            sheet.set_row(row, row_height(lines))
        row += 1

    def line(label: str, *numbers: int) -> None:
        nonlocal row
        styles.text(sheet, row, 0, cell_text(label), width=widths[0])
        for index, number in enumerate(numbers, 1):
            sheet.write_number(row, index, number, styles.number)
        lines = wrapped_lines(label, widths[0])
        if lines > 1:
            sheet.set_row(row, row_height(lines))
        row += 1

    header((w.gettext("Measure"), w.gettext("Count")))
    for label, count in measures:
        line(label, count)
    row += 1
    sentences = [*report.sentences, *([report.channel_sentence] if report.channel_sentence else [])]
    for sentence in sentences:
        text = cell_text(sentence)
        sheet.merge_range(row, 0, row, len(widths) - 1, "", styles.wrap)
        styles.text(sheet, row, 0, text, "wrap")
        sheet.set_row(row, row_height(wrapped_lines(text, sum(widths))))
        row += 1
    if report.by_interested_country:
        row += 1
        header(interested_head)
        for entry in report.by_interested_country:
            line(entry.country, entry.interests)
    if report.by_presenting_country:
        row += 1
        header(presenting_head)
        for presenting in report.by_presenting_country:
            line(presenting.country, presenting.presentations, presenting.interests_received)
    _print_setup(sheet, paper, landscape=False, repeat=False)


def matrix_head(sheet: Worksheet, styles: _Styles, matrix: Matrix, w: Wording) -> list[str]:
    """The matrix's header row and its columns' widths; the names across (then "Total")."""
    corner, total = w.gettext("Presenting \\ interested"), w.gettext("Total")
    across = [*matrix.interested, total]
    sheet.set_column(0, 0, min(45, _width_of([corner, *matrix.presenting, total])))
    sheet.set_column(1, len(across), 6)
    styles.text(sheet, 0, 0, cell_text(corner), "header")
    for index, name in enumerate(across, 1):
        styles.text(sheet, 0, index, cell_text(name), "rotated")
    tallest = max((len(name) for name in across), default=1)
    sheet.set_row(0, min(_MAX_HEIGHT, 7.5 * tallest + 10))
    return across


def _matrix_sheet(
    sheet: Worksheet, styles: _Styles, report: Report, w: Wording, paper: str, rows_in: str
) -> Callable[[bytes], Iterable[bytes]]:
    """Presenting countries down, interested across (names turned upright to keep the columns
    narrow); counts as numbers, blank for none, totals computed here: no formulas.

    XlsxWriter writes the header row, the columns and the print setup; the rows (250 x 250
    cells at the largest workshops: 0.1 s through XlsxWriter's calls) are made by hand
    (``xlsx_rows``) into a file in ``rows_in``. This returns what makes the sheet's package
    part from XlsxWriter's."""
    matrix = report.matrix
    total = w.gettext("Total")
    across = matrix_head(sheet, styles, matrix, w)
    column_totals = [sum(column) for column in zip(*matrix.counts, strict=True)] or [0] * len(
        matrix.interested
    )
    letters = [xl_col_to_name(index) for index in range(len(across) + 1)]
    number, bold = style_index(styles.number), style_index(styles.bold)

    def row(at: int, name: str, style: int, counts: Iterable[int], end: str) -> str:
        """The row ``at`` (1-based): a name, its counts (none for a zero), then ``end``."""
        cells = "".join(
            f'<c r="{letters[index]}{at}"{number_cell(count, number)}'
            for index, count in enumerate(counts, 1)
            if count
        )
        return f'<row r="{at}"><c r="A{at}"{text_cell(name, style)}{cells}{end}</row>'

    with tempfile.NamedTemporaryFile("wb", dir=rows_in, delete=False) as made_rows:
        rows = []
        for at, (name, counts) in enumerate(zip(matrix.presenting, matrix.counts, strict=True), 2):
            text = cell_text(name)
            style = style_index(styles.text_format(text, width=45))
            end = f'<c r="{letters[len(across)]}{at}"{number_cell(sum(counts), bold)}'
            rows.append(row(at, text, style, counts, end))
        at = len(matrix.presenting) + 2
        text = cell_text(total)
        totals = [*column_totals, sum(column_totals)]
        last = "".join(  # the total row shows its zeros
            f'<c r="{letters[index]}{at}"{number_cell(count, bold)}'
            for index, count in enumerate(totals, 1)
        )
        rows.append(row(at, text, style_index(styles.text_format(text, "bold")), (), last))
        write_rows(made_rows, rows)
    sheet.freeze_panes(1, 1)
    fits = len(matrix.interested) <= _MATRIX_FITS
    _print_setup(sheet, paper, landscape=len(across) > 10)
    if not fits:  # too wide for one page: print across pages, the names column repeated
        sheet.fit_to_pages(0, 0)
        sheet.repeat_columns(0, 0)  # the first column (XlsxWriter's typing wants both ends)
    return lambda part: splice(part, Path(made_rows.name), at - 1, len(across) + 1)


def sheet_name(name: str, taken: set[str]) -> str:
    """A name a workbook accepts: no ``[]:*?/\\``, at most 31 characters, unique."""
    name = _SHEET_NAME_BAD.sub(" ", name).strip("' ")[:31] or "Sheet"
    candidate, number = name, 2
    while candidate.casefold() in taken:
        candidate = f"{name[:28]} {number}"
        number += 1
    taken.add(candidate.casefold())
    return candidate


def new_workbook(
    buffer: io.BytesIO, title: str, when: datetime, rows_in: str = ""
) -> xlsxwriter.Workbook:
    """A workbook where no text becomes a number, a formula or a link, stamped ``when``.

    With ``rows_in`` (a private folder), XlsxWriter's ``constant_memory`` mode: each row is
    written to a file there as soon as the next one starts, so a sheet of 100,000 rows is
    never held (text cells are then inline strings, not a shared table)."""
    memory = {"constant_memory": True, "tmpdir": rows_in} if rows_in else {"in_memory": True}
    book = xlsxwriter.Workbook(
        buffer,
        {
            **memory,
            "strings_to_numbers": False,
            "strings_to_formulas": False,
            "strings_to_urls": False,
        },
    )
    book.set_properties(
        {"title": xml_safe(title), "author": "matchdesk", "created": when.replace(tzinfo=None)}
    )
    book.set_custom_property(*AS_TYPED)
    return book


def render_xlsx(
    report: Report,
    groups: Callable[[], Iterable[Group]],
    names: str,
    when: datetime,
    paper: str = "a4",
    more: Sequence[Sheet] = (),
    funnel: Sequence[Block] = (),
) -> bytes:
    """Sheets "Interests" (re-importable), "Tallies" and "Matrix", named in the report's
    language, then "Funnel" (the follow-up's sentences and counts, once any moved) and the
    ``more`` sheets (the follow-up's); the document stamped ``when`` so the same workshop
    gives the same bytes."""
    with tempfile.TemporaryDirectory(prefix="matchdesk-") as rows_in:  # 0700, removed after
        data, list_rows = _workbook(report, groups, names, when, paper, more, rows_in, funnel)
        # Written through files, XlsxWriter stamps its entries 31 January 1980 and the files'
        # modes; in memory, 1 January and 0600: the entries get the latter, as they had.
        return restamp_zip(data, ZIP_EPOCH, list_rows)


def _workbook(
    report: Report,
    groups: Callable[[], Iterable[Group]],
    names: str,
    when: datetime,
    paper: str,
    more: Sequence[Sheet],
    rows_in: str,
    funnel: Sequence[Block] = (),
) -> tuple[bytes, dict[str, Callable[[bytes], Iterable[bytes]]]]:
    """``render_xlsx`` as XlsxWriter writes it (its rows in files in ``rows_in`` as they are
    made), and what adds the list sheets' rows to their parts, by part name."""
    w = wording(report.lang)
    buffer = io.BytesIO()
    book = new_workbook(buffer, report.title, when, rows_in)
    styles = _Styles(book)
    taken: set[str] = set()
    sheets = [
        book.add_worksheet(sheet_name(w.gettext("Interests"), taken)),
        book.add_worksheet(sheet_name(w.gettext("Tallies"), taken)),
        book.add_worksheet(sheet_name(w.gettext("Matrix"), taken)),
        *([book.add_worksheet(sheet_name(w.gettext("Funnel"), taken))] if funnel else []),
        *(book.add_worksheet(sheet_name(table.name, taken)) for table in more),
    ]
    if w.rtl:
        for sheet in sheets:
            sheet.right_to_left()
    interests = Sheet("", COLUMNS, (), _CAPTURED_AT)
    list_rows = {
        _part(1): _list_sheet(
            sheets[0], styles, interests, paper, rows_in, flat_runs(groups(), names, report.lang)
        )
    }
    _tallies_sheet(sheets[1], styles, report, w, paper)
    list_rows[_part(3)] = _matrix_sheet(sheets[2], styles, report, w, paper, rows_in)
    for number, (sheet, table) in enumerate(zip(sheets[3 + bool(funnel) :], more, strict=True)):
        part = _part(number + 4 + bool(funnel))
        list_rows[part] = _list_sheet(sheet, styles, table, paper, rows_in)
    if funnel:
        _funnel_sheet(sheets[3], styles, funnel, paper)
    running_text(sheets, report.title, w)
    book.close()
    return buffer.getvalue(), list_rows


def _funnel_sheet(sheet: Worksheet, styles: _Styles, blocks: Sequence[Block], paper: str) -> None:
    """The follow-up funnel: its sentences across the sheet, then its table (counts as
    numbers, the total row bold); portrait, one page wide."""
    widths = (60.0, 16.0)
    for index, width in enumerate(widths):
        sheet.set_column(index, index, width)
    row = 0
    for block in blocks:
        if isinstance(block, Paragraph):
            text = cell_text(block.text)
            sheet.merge_range(row, 0, row, 1, "", styles.wrap)
            styles.text(sheet, row, 0, text, "wrap")
            sheet.set_row(row, row_height(wrapped_lines(text, sum(widths))))
            row += 1
        elif isinstance(block, Table):
            row += 1
            for index, column in enumerate(block.columns):
                kind = "header_number" if column.numeric else "header"
                styles.text(sheet, row, index, cell_text(column.title), kind)
            lines = max(wrapped_lines(c.title, widths[i]) for i, c in enumerate(block.columns))
            if lines > 1:
                sheet.set_row(row, row_height(lines))
            for number, cells in enumerate(block.rows, 1):
                total = block.total and number == len(block.rows)
                for index, cell in enumerate(cells):
                    if isinstance(cell, int):
                        style = styles.bold_number if total else styles.number
                        sheet.write_number(row + number, index, cell, style)
                    else:
                        styles.text(
                            sheet,
                            row + number,
                            index,
                            cell_text(str(cell)),
                            "bold" if total else "text",
                            width=widths[index],
                        )
            row += len(block.rows) + 1
    _print_setup(sheet, paper, landscape=False, repeat=False)


def _part(number: int) -> str:
    """The package part of the workbook's sheet ``number`` (1-based), as XlsxWriter names it."""
    return f"xl/worksheets/sheet{number}.xml"
