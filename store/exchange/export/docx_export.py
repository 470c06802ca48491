"""DOCX of any report document, on python-docx's package, styles and properties.

python-docx gives the package, the built-in styles (headings, "Table Grid"), the section, the
numbering part and the core properties. The body is generated as WordprocessingML from the
document's blocks, because python-docx's per-paragraph calls alone take 10,000 interests past
the 2-second budget, and because what a rapporteur needs here has no python-docx call: rows
that never split, a repeated header row, real numbered lists that restart in every cell,
right-to-left paragraphs and tables. The body is written into the package's document part a
table row at a time, never parsed: 100,000 interests as a tree took 300 MB. It is written
exactly as lxml would serialise it (``<w:pPr/>``, text escaped as lxml escapes it), so the
part holds what parsing and saving it gave before, byte for byte.
"""

from __future__ import annotations

import io
import math
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime

from docx import Document as new_docx
from docx.document import Document as DocxDocument
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Twips

from matchdesk.store.exchange.document import (
    NONE,
    Block,
    Cell,
    Document,
    Fields,
    Heading,
    Items,
    Paragraph,
    Table,
    cell_lines,
)
from matchdesk.store.exchange.export._xml import xml_safe
from matchdesk.store.exchange.export._zip import restamp_zip
from matchdesk.store.exchange.i18n import wording

# Page width, height and side margin, in twips (1/1440 inch): A4 with 2.5 cm margins,
# US Letter with 1 inch.
_PAGES = {"a4": (11906, 16838, 1418), "letter": (12240, 15840, 1440)}
_CHAR = 130  # a generous average character width at 11 pt (wide fallback fonts too), in twips
_CELL_PAD = 2 * 108  # Table Grid's left and right cell margins
_HANG = 360  # a list item's hanging indent: the number, then the text aligned under itself
_LINE = 280  # a generous line height at 11 pt, in twips
_KEEP_TOGETHER = 0.6  # rows up to this share of a page's text height never split
_MAX_CHARS = 60  # a column never asks for more than this many characters per line
_WORD_CAP = 20  # nor refuses to break a word longer than this
_RTL_TEXT = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]")
_LTR_TEXT = re.compile("[A-Za-z\u00c0-\u024f\u0370-\u052f]")
_APP_XML = (
    "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
    "<Application>matchdesk</Application><DocSecurity>0</DocSecurity></Properties>"
)


@dataclass(frozen=True)
class Layout:
    """How a paragraph sits: its style, its lines kept on one page, its list, no space after
    it (``tight``), centred."""

    style: str = ""
    keep: bool = False
    num: int = 0
    tight: bool = False
    centre: bool = False


_PLAIN = Layout()


class _Writer:
    """Turns blocks into WordprocessingML for one document (styles, direction, numbering)."""

    def __init__(self, docx: DocxDocument, rtl: bool, text_area: tuple[int, int]) -> None:
        styles = docx.styles
        self.rtl = rtl
        self.text_width, self.text_height = text_area
        self.headings = {level: styles[f"Heading {level}"].style_id for level in range(1, 7)}
        self.grid = styles["Table Grid"].style_id
        self.numbering = docx.part.numbering_part.element
        ids = [int(n.get(qn("w:abstractNumId"))) for n in self.numbering.iter(qn("w:abstractNum"))]
        self.decimal, self.bullet = max(ids, default=0) + 1, max(ids, default=0) + 2
        self.nums: list[str] = []
        self.next_num = 1 + max(
            (int(n.get(qn("w:numId"))) for n in self.numbering.iter(qn("w:num"))), default=0
        )
        self.planned: Iterator[int] = iter(())  # the lists' numbers, in document order
        self.runs: dict[tuple[str, bool], str] = {}  # a name is in thousands of lists

    def plan(self, blocks: Sequence[Block]) -> None:
        """Number every list the blocks hold, in document order, so the numbering part is
        complete before the body is written a piece at a time."""
        first = self.next_num
        for block in blocks:
            cells = [c for row in block.rows for c in row] if isinstance(block, Table) else [block]
            for cell in cells:
                if isinstance(cell, Items) and cell.items:
                    self.new_list(cell.numbered)
        self.planned = iter(range(first, self.next_num))

    # -- paragraphs ----------------------------------------------------------------------------
    def run(self, text: str, *, bold: bool = False) -> str:
        found = self.runs.get((text, bold))
        if found is None:
            found = self.runs[text, bold] = self._run(text, bold=bold)
        return found

    def _run(self, text: str, *, bold: bool) -> str:
        text = xml_safe(text)
        props = "<w:b/><w:bCs/>" if bold else ""
        if self.rtl and _RTL_TEXT.search(text):
            props += "<w:rtl/>"
        elif self.rtl and _LTR_TEXT.search(text):
            # Left-to-right text (an English title) in a right-to-left paragraph: marks at
            # both ends keep its leading and trailing quotes and brackets where they belong.
            text = f"\u200e{text}\u200e"
        props = f"<w:rPr>{props}</w:rPr>" if props else ""
        body = "<w:br/>".join(_text_element(line) for line in text.split("\n"))
        return f"<w:r>{props}{body}</w:r>"

    def paragraph(self, runs: str, layout: Layout = _PLAIN) -> str:
        """A ``<w:p>``."""
        return f"<w:p>{self.properties(layout)}{runs}</w:p>"

    def properties(self, layout: Layout) -> str:
        """A paragraph's ``<w:pPr>``, in the schema's order (Word refuses any other)."""
        props = f'<w:pStyle w:val="{layout.style}"/>' if layout.style else ""
        props += "<w:keepLines/>" if layout.keep else ""
        if layout.num:
            props += f'<w:numPr><w:ilvl w:val="0"/><w:numId w:val="{layout.num}"/></w:numPr>'
        props += "<w:bidi/>" if self.rtl else ""
        props += '<w:spacing w:after="0"/>' if layout.tight else ""
        props += '<w:jc w:val="center"/>' if layout.centre else ""
        return _element("w:pPr", props)

    def new_list(self, numbered: bool) -> int:
        """A list whose numbering starts at 1 (each table cell's list restarts)."""
        number = self.next_num
        self.next_num += 1
        abstract = self.decimal if numbered else self.bullet
        self.nums.append(
            f'<w:num w:numId="{number}"><w:abstractNumId w:val="{abstract}"/>'
            '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>'
        )
        return number

    def items(self, items: Items, *, tight: bool) -> str:
        if not items.items:
            return self.paragraph(self.run(NONE), Layout(tight=tight))
        start = "<w:p>" + self.properties(Layout(keep=True, num=next(self.planned), tight=tight))
        return "".join(f"{start}{self.run(item)}</w:p>" for item in items.items)

    # -- tables --------------------------------------------------------------------------------
    def cell(self, cell: Cell, width: int, *, header: bool = False, centre: bool = False) -> str:
        shade = '<w:shd w:val="clear" w:color="auto" w:fill="E7E6E6"/>' if header else ""
        props = f'<w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{shade}</w:tcPr>'
        if isinstance(cell, Items):
            body = self.items(cell, tight=True)
        else:
            text = str(cell) or NONE
            body = self.paragraph(self.run(text, bold=header), Layout(tight=True, centre=centre))
        return f"<w:tc>{props}{body}</w:tc>"

    def table(self, table: Table) -> Iterator[str]:
        """The table a row at a time."""
        widths = column_widths(table, self.text_width)
        looks = '<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="1" '
        looks += 'w:lastColumn="0" w:noHBand="0" w:noVBand="1"/>'
        props = (
            f'<w:tblPr><w:tblStyle w:val="{self.grid}"/>{"<w:bidiVisual/>" if self.rtl else ""}'
            f'<w:tblW w:w="{sum(widths)}" w:type="dxa"/><w:tblLayout w:type="fixed"/>{looks}'
            "</w:tblPr>"
        )
        grid = "".join(f'<w:gridCol w:w="{width}"/>' for width in widths)
        # The header row repeats on every page; no row is ever split across two pages.
        header = "".join(
            self.cell(column.title, width, header=True, centre=column.numeric)
            for column, width in zip(table.columns, widths, strict=True)
        )
        yield f"<w:tbl>{props}<w:tblGrid>{grid}</w:tblGrid>"
        yield f"<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>{header}</w:tr>"
        for row in table.rows:
            cells = "".join(
                self.cell(cell, width, centre=column.numeric)
                for cell, column, width in zip(row, table.columns, widths, strict=True)
            )
            # A row that fits on a page never splits; one taller than that must, or an office
            # suite cuts it off at the page's foot and its end is lost.
            fits = row_lines(row, widths) * _LINE <= _KEEP_TOGETHER * self.text_height
            yield f"<w:tr>{_element('w:trPr', '<w:cantSplit/>' if fits else '')}{cells}</w:tr>"
        yield "</w:tbl>"

    # -- blocks --------------------------------------------------------------------------------
    def body(self, blocks: Sequence[Block]) -> Iterator[str]:
        """The blocks (``plan``-ned) as the body's XML, a paragraph or a table row at a time."""
        for block in blocks:
            if isinstance(block, Table):
                yield from self.table(block)
                # A table is followed by an empty paragraph, so two tables never merge.
                yield self.paragraph("", Layout(tight=True))
            else:
                yield self.block(block)

    def block(self, block: Block) -> str:
        """Any block but a table."""
        if isinstance(block, Heading):
            style = self.headings[max(1, min(block.level, 6))]
            return self.paragraph(self.run(block.text), Layout(style=style))
        if isinstance(block, Paragraph):
            # keepLines: a sentence to paste is never cut by a page break.
            return self.paragraph(self.run(block.text or NONE), Layout(keep=True))
        if isinstance(block, Fields):
            last = len(block.fields) - 1
            return "".join(
                self.paragraph(
                    self.run(field.label + " ", bold=True) + self.run(field.value),
                    Layout(tight=number < last),
                )
                for number, field in enumerate(block.fields)
            )
        assert isinstance(block, Items)
        return self.items(block, tight=False)

    def add_numbering(self) -> None:
        """Put the two list definitions (decimal "1.", bullet) and every list instance into
        the numbering part, each kind where the schema wants it."""
        definitions, instances = self._numbering_xml()
        numbering = self.numbering
        for xml, before in (
            (definitions, numbering.find(qn("w:num"))),
            (instances, numbering.find(qn("w:numIdMacAtCleanup"))),
        ):
            for element in list(parse_xml(f"<w:numbering {nsdecls('w')}>{xml}</w:numbering>")):
                if before is not None:
                    before.addprevious(element)
                else:
                    numbering.append(element)

    def _numbering_xml(self) -> tuple[str, str]:
        indent = f'<w:pPr><w:ind w:left="{_HANG}" w:hanging="{_HANG}"/></w:pPr>'

        def level(abstract: int, fmt: str, text: str) -> str:
            return (
                f'<w:abstractNum w:abstractNumId="{abstract}">'
                '<w:multiLevelType w:val="singleLevel"/><w:lvl w:ilvl="0">'
                f'<w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/>'
                f'<w:lvlJc w:val="left"/>{indent}</w:lvl></w:abstractNum>'
            )

        definitions = level(self.decimal, "decimal", "%1.") + level(self.bullet, "bullet", "•")
        return definitions, "".join(self.nums)


def _element(name: str, content: str) -> str:
    """``<name>content</name>``, or ``<name/>`` when empty, as lxml writes it."""
    return f"<{name}>{content}</{name}>" if content else f"<{name}/>"


def _text_element(line: str) -> str:
    """A ``<w:t>`` of one line, escaped as lxml escapes text (an XML parser reads a carriage
    return as a line feed)."""
    text = line.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = text.replace("\r", "\n")
    return f'<w:t xml:space="preserve">{text}</w:t>' if text else '<w:t xml:space="preserve"/>'


def row_lines(row: Sequence[Cell], widths: Sequence[int]) -> int:
    """About how many lines a table row takes (its tallest cell), counted generously."""
    tallest = 1
    for cell, width in zip(row, widths, strict=True):
        per_line = max(1, (width - _CELL_PAD - (_HANG if isinstance(cell, Items) else 0)) // _CHAR)
        lines = sum(max(1, math.ceil(len(line) / per_line)) for line in cell_lines(cell))
        tallest = max(tallest, lines)
    return tallest


def column_widths(table: Table, total: int) -> list[int]:
    """Twips per column, proportioned to content within ``total``.

    Each column asks for enough width to show its typical (90th percentile) cell on one line,
    and needs at least enough not to break its longest word. When the asks do not fit, the
    width is shared in proportion to the square roots of the asks, no column getting more than
    its ask or less than its floor: the best-practice column (long titles) ends widest while a
    country column keeps room for a country's name.
    """
    asks: list[int] = []
    floors: list[int] = []
    for index, column in enumerate(table.columns):
        longest_lines = []
        longest_word = max((len(word) for word in column.title.split()), default=1)
        pad = _CELL_PAD
        for row in table.rows:
            cell = row[index]
            if isinstance(cell, Items) and cell.items:
                pad = _CELL_PAD + _HANG
            lines = cell_lines(cell)
            longest_lines.append(max(len(line) for line in lines))
            longest_word = max([longest_word, *(len(w) for line in lines for w in line.split())])
        longest_lines.sort()
        typical = longest_lines[int(0.9 * (len(longest_lines) - 1))] if longest_lines else 1
        floor = min(longest_word, _WORD_CAP) * _CHAR + pad
        floors.append(floor)
        asks.append(max(floor, min(typical, _MAX_CHARS) * _CHAR + pad))
    if sum(asks) <= total:
        return _share(total, asks)
    if sum(floors) >= total:
        return _share(total, floors)
    fixed: dict[int, int] = {}
    shares: dict[int, float] = {}
    while len(fixed) < len(asks):
        free = [i for i in range(len(asks)) if i not in fixed]
        weight = sum(math.sqrt(asks[i]) for i in free)
        remaining = total - sum(fixed.values())
        shares = {i: remaining * math.sqrt(asks[i]) / weight for i in free}
        bound = {i: asks[i] for i in free if shares[i] >= asks[i]}
        bound |= {i: floors[i] for i in free if shares[i] < floors[i]}
        if not bound:
            break
        fixed |= bound
    widths = [fixed.get(i, int(shares.get(i, 0))) for i in range(len(asks))]
    widths[asks.index(max(asks))] += total - sum(widths)
    return widths


def _share(total: int, weights: Sequence[int]) -> list[int]:
    widths = [total * weight // sum(weights) for weight in weights]
    widths[0] += total - sum(widths)
    return widths


def _clean_package(docx: DocxDocument, title: str, when: datetime, tag: str) -> None:
    """Core and app properties of this report, and nothing left of python-docx's template:
    no thumbnail, no customXml, no Word 2010 style copy, no "Microsoft Macintosh Word"."""
    package = docx.part.package
    for rels, reltypes in (
        (package.rels, {RT.THUMBNAIL}),
        (
            docx.part.rels,
            {
                RT.CUSTOM_XML,
                "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects",
            },
        ),
    ):
        for rid in [rid for rid, rel in rels.items() if rel.reltype in reltypes]:
            del rels[rid]
    for part in package.iter_parts():
        if part.partname == "/docProps/app.xml":
            part._blob = _APP_XML.encode("utf-8")  # a plain Part: its bytes are what is saved
    props = docx.core_properties
    props.title = xml_safe(title)
    props.language = tag
    props.author = props.last_modified_by = "matchdesk"
    props.comments = props.subject = props.keywords = props.category = ""
    props.revision = 1
    props.created = props.modified = when
    settings = docx.settings.element
    for name in ("w:savePreviewPicture", "w:rsids", "w14:docId", "w:attachedTemplate"):
        for element in settings.findall(qn(name)):
            settings.remove(element)
    for element in settings.findall(qn("w:themeFontLang")):
        element.set(qn("w:val"), tag)


def _language(docx: DocxDocument, tag: str, rtl: bool) -> None:
    """The language every run defaults to; for Arabic, right-to-left paragraphs by default."""
    defaults = docx.styles.element.find(qn("w:docDefaults"))
    r_props = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    # w:val is for Latin and Cyrillic text, w:eastAsia for Han, w:bidi for Arabic: a Chinese
    # or Arabic report's Latin names (and their line breaking) stay British English.
    east_asian, complex_script = tag.startswith("zh"), rtl
    lang = r_props.find(qn("w:lang"))
    lang.set(qn("w:val"), "en-GB" if east_asian or complex_script else tag)
    lang.set(qn("w:eastAsia"), tag if east_asian else "en-US")
    lang.set(qn("w:bidi"), tag if complex_script else "ar-SA")
    if rtl:
        p_props = defaults.find(qn("w:pPrDefault")).find(qn("w:pPr"))
        p_props.insert(0, parse_xml(f"<w:bidi {nsdecls('w')}/>"))


def _page(docx: DocxDocument, paper: str, rtl: bool) -> tuple[int, int]:
    """Paper size and margins; returns the text area's width and height in twips."""
    width, height, margin = _PAGES[paper]
    section = docx.sections[0]
    section.page_width, section.page_height = Twips(width), Twips(height)
    section.left_margin = section.right_margin = Twips(margin)
    section.top_margin = section.bottom_margin = Twips(margin)
    if rtl:  # the section itself runs right to left (columns, page order of a book fold)
        section._sectPr.find(qn("w:docGrid")).addprevious(parse_xml(f"<w:bidi {nsdecls('w')}/>"))
    return width - 2 * margin, height - 2 * margin


def render_docx(document: Document, when: datetime, paper: str = "a4") -> bytes:
    """The document on ``paper`` ("a4" or "letter"), stamped ``when`` (reproducible bytes)."""
    words = wording(document.lang)
    docx = new_docx()
    _clean_package(docx, document.title, when, words.tag)
    _language(docx, words.tag, words.rtl)
    writer = _Writer(docx, words.rtl, _page(docx, paper, words.rtl))
    blocks = (Heading(document.title, 1), *document.blocks)
    writer.plan(blocks)
    writer.add_numbering()
    buffer = io.BytesIO()
    docx.save(buffer)  # the body still empty: its text goes straight into the package

    def with_body(part: bytes) -> Iterator[bytes]:
        head, tail = part.rsplit(b"<w:sectPr", 1)
        yield head
        for piece in writer.body(blocks):
            yield piece.encode("utf-8")
        yield b"<w:sectPr" + tail

    return restamp_zip(buffer.getvalue(), when, {"word/document.xml": with_body})
