"""XLSX: the flat import columns plus the tallies and the presenting x interested matrix.

The SpreadsheetML is written here directly rather than through openpyxl: openpyxl spends about
15 microseconds per cell, which alone takes 10,000 interests past the 2-second budget. Writing
it ourselves also settles two safety questions by construction: every text is an inline string
(``t="inlineStr"``) and no ``<f>`` element is ever produced, so nothing can become a formula or
an error value; texts are neutralised as well, for whoever copies them elsewhere. openpyxl (and
the importer) read the result back.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Sequence
from datetime import datetime

from matchdesk.store.exchange.export._xml import escape, xml_safe
from matchdesk.store.exchange.export.csv_export import flat_rows
from matchdesk.store.exchange.report import Report
from matchdesk.store.exchange.tabular import COLUMNS, neutralise_cell
from matchdesk.store.followup.report import Sheet
from matchdesk.store.models import Tallies

Value = str | int | None

_MIN_WIDTH = 8
_MAX_WIDTH = 60
# Style indexes in styles.xml below: 0 plain, 1 bold (headers), 2 wrapped (multi-line text).
_PLAIN, _BOLD, _WRAP = 0, 1, 2

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'

_STYLES = (
    _HEAD + f'<styleSheet xmlns="{_MAIN}">'
    '<fonts count="2">'
    '<font><sz val="11"/><name val="Calibri"/><family val="2"/></font>'
    '<font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font>'
    "</fonts>"
    '<fills count="2"><fill><patternFill patternType="none"/></fill>'
    '<fill><patternFill patternType="gray125"/></fill></fills>'
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="3">'
    '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>'
    '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1">'
    '<alignment vertical="top" wrapText="1"/></xf>'
    "</cellXfs>"
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
    "</styleSheet>"
)


def column_letter(index: int) -> str:
    """1 -> "A", 27 -> "AA"."""
    letters = ""
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


def cell_text(value: str) -> str:
    """What a text cell holds: XML-safe, one kind of line break, never a formula start."""
    value = xml_safe(value.replace("\r\n", "\n").replace("\r", "\n"))
    return neutralise_cell(value)


def _width(value: Value) -> int:
    if value is None:
        return 0
    text = str(value)
    if "\n" in text:
        return max(len(line) for line in text.split("\n"))
    return len(text)


def _sheet_xml(
    rows: Sequence[Sequence[Value]],
    bold_rows: frozenset[int],
    freeze_column: bool,
) -> str:
    """One worksheet: frozen header row (and first column), fitted widths, inline strings."""
    prepared = [
        [cell_text(v) if isinstance(v, str) and v else (v if v != "" else None) for v in row]
        for row in rows
    ]
    columns = max((len(row) for row in prepared), default=1) or 1
    letters = [column_letter(i + 1) for i in range(columns)]
    widths = []
    for index in range(columns):
        widest = max((_width(row[index]) for row in prepared if index < len(row)), default=0)
        widths.append(min(_MAX_WIDTH, max(_MIN_WIDTH, widest + 2)))

    if freeze_column:
        pane = (
            '<pane xSplit="1" ySplit="1" topLeftCell="B2" activePane="bottomRight" '
            'state="frozen"/><selection pane="topRight"/><selection pane="bottomLeft"/>'
            '<selection pane="bottomRight" activeCell="B2" sqref="B2"/>'
        )
    else:
        pane = (
            '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>'
            '<selection pane="bottomLeft" activeCell="A2" sqref="A2"/>'
        )
    out = [
        _HEAD,
        f'<worksheet xmlns="{_MAIN}" xmlns:r="{_REL}">',
        f'<dimension ref="A1:{letters[-1]}{max(len(prepared), 1)}"/>',
        f'<sheetViews><sheetView workbookViewId="0">{pane}</sheetView></sheetViews>',
        '<sheetFormatPr defaultRowHeight="15"/><cols>',
    ]
    out += [
        f'<col min="{i}" max="{i}" width="{w}" customWidth="1"/>' for i, w in enumerate(widths, 1)
    ]
    out.append("</cols><sheetData>")
    for number, row in enumerate(prepared, 1):
        bold = (number - 1) in bold_rows
        cells = []
        for letter, value in zip(letters, row, strict=False):
            if value is None:
                continue
            ref = f"{letter}{number}"
            if isinstance(value, int):
                style = ' s="1"' if bold else ""
                cells.append(f'<c r="{ref}"{style}><v>{value}</v></c>')
                continue
            style = _BOLD if bold else (_WRAP if "\n" in value else _PLAIN)
            attr = f' s="{style}"' if style else ""
            space = ' xml:space="preserve"' if value != value.strip() else ""
            cells.append(
                f'<c r="{ref}"{attr} t="inlineStr"><is><t{space}>{escape(value)}</t></is></c>'
            )
        out.append(f'<row r="{number}">{"".join(cells)}</row>')
    out.append("</sheetData></worksheet>")
    return "".join(out)


def _tallies_rows(report: Report) -> tuple[list[list[Value]], frozenset[int]]:
    totals = report.totals
    rows: list[list[Value]] = [
        ["Measure", "Count"],
        ["Best practices presented", totals.presentations],
        ["Presenting countries", totals.presenting_countries],
        ["Possibilities for partnerships (interests)", totals.interests],
        ["Interested countries", totals.interested_countries],
        ["Countries involved", totals.countries_involved],
    ]
    rows += [[f"Interests {line.label}", line.interests] for line in report.channels]
    rows.append([])
    rows += [[sentence] for sentence in report.sentences]
    if report.channel_sentence:
        rows.append([report.channel_sentence])
    bold = {0}
    rows.append([])
    bold.add(len(rows))
    rows.append(["Interested country", "Possibilities for partnerships"])
    rows += [[line.country, line.interests] for line in report.by_interested_country]
    rows.append([])
    bold.add(len(rows))
    rows.append(["Presenting country", "Best practices presented", "Interest received"])
    rows += [
        [line.country, line.presentations, line.interests_received]
        for line in report.by_presenting_country
    ]
    return rows, frozenset(bold)


def _matrix_rows(report: Report) -> list[list[Value]]:
    """Counts as numbers (blank for none) with totals computed here: no formulas."""
    matrix = report.matrix
    rows: list[list[Value]] = [["Presenting \\ Interested", *matrix.interested, "Total"]]
    for name, counts in zip(matrix.presenting, matrix.counts, strict=True):
        rows.append([name, *(count or None for count in counts), sum(counts)])
    column_totals = [sum(column) for column in zip(*matrix.counts, strict=True)] or [0] * len(
        matrix.interested
    )
    rows.append(["Total", *column_totals, sum(column_totals)])
    return rows


def _package_parts(title: str, sheets: Sequence[str], when: datetime) -> dict[str, str]:
    """Everything but the worksheets: content types, relationships, workbook, styles, props."""
    stamp = when.strftime("%Y-%m-%dT%H:%M:%SZ")
    sheet_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
    content_types = "".join(
        f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="{sheet_type}"/>'
        for i in range(1, len(sheets) + 1)
    )
    sheet_rels = "".join(
        f'<Relationship Id="rId{i}" Type="{_REL}/worksheet" Target="worksheets/sheet{i}.xml"/>'
        for i in range(1, len(sheets) + 1)
    )
    sheet_list = "".join(
        f'<sheet name="{escape(name)}" sheetId="{i}" r:id="rId{i}"/>'
        for i, name in enumerate(sheets, 1)
    )
    office = "application/vnd.openxmlformats-officedocument"
    return {
        "[Content_Types].xml": _HEAD
        + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" '
        'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" '
        f'ContentType="{office}.spreadsheetml.sheet.main+xml"/>'
        f"{content_types}"
        f'<Override PartName="/xl/styles.xml" ContentType="{office}.spreadsheetml.styles+xml"/>'
        '<Override PartName="/docProps/core.xml" '
        'ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
        '<Override PartName="/docProps/app.xml" '
        f'ContentType="{office}.extended-properties+xml"/>'
        "</Types>",
        "_rels/.rels": _HEAD + f'<Relationships xmlns="{_PKG_REL}">'
        f'<Relationship Id="rId1" Type="{_REL}/officeDocument" Target="xl/workbook.xml"/>'
        f'<Relationship Id="rId2" Type="{_PKG_REL}/metadata/core-properties" '
        'Target="docProps/core.xml"/>'
        f'<Relationship Id="rId3" Type="{_REL}/extended-properties" Target="docProps/app.xml"/>'
        "</Relationships>",
        "docProps/app.xml": _HEAD + "<Properties xmlns="
        '"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
        "<Application>matchdesk</Application></Properties>",
        "docProps/core.xml": _HEAD + "<cp:coreProperties "
        'xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"<dc:title>{escape(xml_safe(title))}</dc:title>"
        "<dc:creator>matchdesk</dc:creator><cp:lastModifiedBy>matchdesk</cp:lastModifiedBy>"
        f'<dcterms:created xsi:type="dcterms:W3CDTF">{stamp}</dcterms:created>'
        f'<dcterms:modified xsi:type="dcterms:W3CDTF">{stamp}</dcterms:modified>'
        "</cp:coreProperties>",
        "xl/workbook.xml": _HEAD + f'<workbook xmlns="{_MAIN}" xmlns:r="{_REL}">'
        f'<bookViews><workbookView activeTab="0"/></bookViews><sheets>{sheet_list}</sheets>'
        "</workbook>",
        "xl/_rels/workbook.xml.rels": _HEAD + f'<Relationships xmlns="{_PKG_REL}">'
        f"{sheet_rels}"
        f'<Relationship Id="rId{len(sheets) + 1}" Type="{_REL}/styles" Target="styles.xml"/>'
        "</Relationships>",
        "xl/styles.xml": _STYLES,
    }


def render_xlsx(
    report: Report, tallies: Tallies, names: str, when: datetime, extra: Sequence[Sheet] = ()
) -> bytes:
    """Sheets "Interests" (re-importable), "Tallies" and "Matrix", every entry stamped ``when``."""
    tallies_rows, tallies_bold = _tallies_rows(report)
    matrix_rows = _matrix_rows(report)
    sheets = {
        "Interests": _sheet_xml(
            [list(COLUMNS), *flat_rows(tallies, names)], frozenset({0}), freeze_column=False
        ),
        "Tallies": _sheet_xml(tallies_rows, tallies_bold, freeze_column=False),
        "Matrix": _sheet_xml(matrix_rows, frozenset({0, len(matrix_rows) - 1}), freeze_column=True),
    }
    for sheet in extra:  # follow-up hook: the Follow-up and History sheets
        sheets[sheet.name] = _sheet_xml(sheet.rows, frozenset({0}), freeze_column=False)
    parts = _package_parts(report.title, list(sheets), when)
    order = ["[Content_Types].xml", "_rels/.rels", "docProps/app.xml", "docProps/core.xml"]
    order += ["xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/styles.xml"]
    for number, xml in enumerate(sheets.values(), 1):
        parts[f"xl/worksheets/sheet{number}.xml"] = xml
        order.append(f"xl/worksheets/sheet{number}.xml")
    stamp = (when.year, when.month, when.day, when.hour, when.minute, when.second)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in order:
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o600 << 16
            archive.writestr(info, parts[name].encode("utf-8"))
    return buffer.getvalue()
