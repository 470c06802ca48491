"""DOCX: the report for Word, built with python-docx from the shared report model.

The document's frame (headings, header lines, sentences, the table and its header row) goes
through python-docx's API; the table's body rows and the long per-country lists are parsed from
generated WordprocessingML in one go, because python-docx's per-paragraph calls alone take
10,000 interests past the 2-second budget.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import datetime

from docx import Document
from docx.document import Document as DocumentObject
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls
from docx.table import _Cell

from matchdesk.store.exchange.export._xml import escape, xml_safe
from matchdesk.store.exchange.export._zip import restamp_zip
from matchdesk.store.exchange.report import Report
from matchdesk.store.followup.report import Section

_xml = xml_safe  # python-docx raises on characters XML cannot hold


def _paragraph(text: str, *, style_id: str = "") -> str:
    """One ``<w:p>`` holding ``text`` as a single run (an empty paragraph for "")."""
    props = f'<w:pPr><w:pStyle w:val="{escape(style_id)}"/></w:pPr>' if style_id else ""
    if not text:
        return f"<w:p>{props}</w:p>"
    return f'<w:p>{props}<w:r><w:t xml:space="preserve">{escape(_xml(text))}</w:t></w:r></w:p>'


def _cell_xml(lines: Sequence[str], width: int) -> str:
    """A table cell (a cell must hold at least one paragraph, so "" gives an empty one)."""
    body = "".join(_paragraph(line) for line in lines) or "<w:p/>"
    return f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/></w:tcPr>{body}</w:tc>'


def _fill(cell: _Cell, text: str) -> None:
    cell.paragraphs[0].add_run(_xml(text)).bold = True


def _append_block(document: DocumentObject, xml: str) -> None:
    """Add generated paragraphs at the end of the body (before its section properties)."""
    fragment = parse_xml(f"<w:body {nsdecls('w')}>{xml}</w:body>")
    body = document.element.body
    anchor = body.sectPr
    for element in list(fragment):
        if anchor is not None:
            anchor.addprevious(element)
        else:
            body.append(element)


def _bullets(document: DocumentObject, lines: Sequence[str]) -> None:
    style_id = document.styles["List Bullet"].style_id
    _append_block(document, "".join(_paragraph(line, style_id=style_id) for line in lines))


def render_docx(report: Report, when: datetime, followup: Section | None = None) -> bytes:
    """Heading, header lines, Table 1 ("Table Grid", bold header row), then the sentences."""
    document = Document()
    props = document.core_properties
    props.title = _xml(report.title)
    props.author = "matchdesk"
    props.last_modified_by = "matchdesk"
    props.comments = ""
    props.revision = 1
    props.created = when
    props.modified = when

    document.add_heading(_xml(report.title), level=1)
    for field in report.header:
        paragraph = document.add_paragraph()
        paragraph.add_run(f"{field.label}: ").bold = True
        paragraph.add_run(_xml(field.value))

    document.add_heading(report.caption, level=2)
    table = document.add_table(rows=1, cols=len(report.columns))
    table.style = "Table Grid"
    # The header row repeats at the top of every page the table runs onto.
    table.rows[0]._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
    header = table.rows[0].cells
    for cell, column in zip(header, report.columns, strict=True):
        _fill(cell, column)
    widths = [cell.width.twips if cell.width is not None else 0 for cell in header]
    rows = "".join(
        "<w:tr>"
        + _cell_xml(row.title.splitlines(), widths[0])
        + _cell_xml([row.presenting_country], widths[1])
        + _cell_xml([f"{n}. {name}" for n, name in enumerate(row.interested, 1)], widths[2])
        + "</w:tr>"
        for row in report.rows
    )
    if rows:
        fragment = parse_xml(f"<w:tbl {nsdecls('w')}>{rows}</w:tbl>")
        for tr in list(fragment):
            table._tbl.append(tr)

    document.add_heading("Totals", level=2)
    for sentence in report.sentences:
        document.add_paragraph(_xml(sentence))

    if report.by_interested_country:
        document.add_heading("Interest by country", level=2)
        _bullets(
            document, [f"{line.country}: {line.interests}" for line in report.by_interested_country]
        )

    if report.by_presenting_country:
        document.add_heading("Presenting countries", level=2)
        lines = []
        for line in report.by_presenting_country:
            practices = "best practice" if line.presentations == 1 else "best practices"
            received = "interest" if line.interests_received == 1 else "interests"
            lines.append(
                f"{line.country}: {line.presentations} {practices}, "
                f"{line.interests_received} {received} received"
            )
        _bullets(document, lines)

    if report.channel_sentence:
        document.add_heading("Channels", level=2)
        document.add_paragraph(_xml(report.channel_sentence))
        _bullets(
            document,
            [f"{channel.label.capitalize()}: {channel.interests}" for channel in report.channels],
        )

    if followup is not None:  # follow-up hook: heading, sentences, one table
        document.add_heading(followup.heading, level=2)
        for sentence in followup.paragraphs:
            document.add_paragraph(_xml(sentence))
        grid = document.add_table(rows=0, cols=len(followup.columns), style="Table Grid")
        for n, row in enumerate((followup.columns, *followup.rows)):
            for cell, text in zip(grid.add_row().cells, row, strict=True):
                cell.text = _xml(text)
                cell.paragraphs[0].runs[0].bold = n == 0

    buffer = io.BytesIO()
    document.save(buffer)
    return restamp_zip(buffer.getvalue(), when)
