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

import functools
import io
import math
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from itertools import repeat
from typing import Any, TypeVar, cast
from unicodedata import east_asian_width

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
from matchdesk.store.exchange.i18n import Wording, wording

# Page width, height and side margin, in twips (1/1440 inch): A4 with 2.5 cm margins,
# US Letter with 1 inch.
_PAGES = {"a4": (11906, 16838, 1418), "letter": (12240, 15840, 1440)}
_CHAR = 130  # a generous average character width at 11 pt (wide fallback fonts too), in twips
_CELL_PAD = 2 * 108  # Table Grid's left and right cell margins
_HANG = 360  # a list item's hanging indent: the number, then the text aligned under itself
_RTL_NUMBER_GAP = 108  # right to left, the number's distance from the cell's border
_LINE = 280  # a generous line height at 11 pt, in twips
_KEEP_TOGETHER = 0.6  # rows up to this share of a page's text height never split
_MAX_CHARS = 60  # a column never asks for more than this many characters per line
_WORD_CAP = 20  # nor refuses to break a word longer than this
_BOLD = 1.25  # a bold heading's characters are this much wider than a cell's
_SMALL_TABLE = 16  # a table of fewer rows than this, and ...
_SMALL_SHARE = 0.35  # ... no taller than this share of a page, is never split across pages
_RTL_TEXT = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]")
_LTR_TEXT = re.compile("[A-Za-z\u00c0-\u024f\u0370-\u052f]")
_NEUTRAL_START = re.compile(r"[^\w\s]")  # a sign or a mark first: "=1+1", "+7 ..."
_T = TypeVar("_T")
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
    with_next: bool = False  # on the same page as the next paragraph (or table row)
    num: int = 0
    tight: bool = False
    centre: bool = False


_PLAIN = Layout()


class _Writer:
    """Turns blocks into WordprocessingML for one document (styles, direction, numbering)."""

    def __init__(self, docx: DocxDocument, rtl: bool, page: _Page) -> None:
        styles = docx.styles
        self.rtl = rtl
        self.page = page
        self.text_width, self.text_height = page.text_area(landscape=False)
        self.headings = {level: styles[f"Heading {level}"].style_id for level in range(1, 7)}
        self.grid = styles["Table Grid"].style_id
        self.caption = styles["Caption"].style_id
        self.numbering = docx.part.numbering_part.element
        ids = [int(n.get(qn("w:abstractNumId"))) for n in self.numbering.iter(qn("w:abstractNum"))]
        self.decimal, self.bullet = max(ids, default=0) + 1, max(ids, default=0) + 2
        self.nums: list[str] = []
        self.next_num = 1 + max(
            (int(n.get(qn("w:numId"))) for n in self.numbering.iter(qn("w:num"))), default=0
        )
        self.planned: Iterator[int] = iter(())  # the lists' numbers, in document order
        self.runs: dict[tuple[str, bool], str] = {}  # a name is in thousands of lists
        self.widths: dict[int, tuple[list[int], bool]] = {}  # table id -> widths, landscape
        self.landscape: list[bool] = []  # per block, whether its page is turned

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
        self.landscape = [False] * len(blocks)
        wide = self.page.text_area(landscape=True)[0]
        for index, block in enumerate(blocks):
            if not isinstance(block, Table):
                continue
            widths, fits = column_widths(block, self.text_width)
            if not fits:  # too wide to show every word whole: a landscape page, if that helps
                turned, _ = column_widths(block, wide)
                self.widths[id(block)] = (turned, True)
                # The table turns with its heading and the sentences introducing it.
                back = index
                while back >= 0 and not isinstance(blocks[back], Heading):
                    back -= 1
                for number in range(max(back, 0), index + 1):
                    self.landscape[number] = True
            else:
                self.widths[id(block)] = (widths, False)
        turned = [index for index, flag in enumerate(self.landscape) if flag]
        if turned:  # pages turn once and back once: what lies between two wide tables turns too
            if not any(isinstance(block, Table) for block in blocks[: turned[0]]):
                turned[0] = 0  # only a header and sentences before: the report starts turned
            for index in range(turned[0], turned[-1] + 1):
                self.landscape[index] = True
                block = blocks[index]
                if isinstance(block, Table) and not self.widths[id(block)][1]:
                    self.widths[id(block)] = (column_widths(block, wide)[0], True)

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
        elif self.rtl and (_LTR_TEXT.search(text) or _NEUTRAL_START.match(text)):
            # Left-to-right text (an English title, a "=1+1") in a right-to-left paragraph:
            # marks at both ends keep its leading and trailing quotes, brackets and signs
            # where they belong.
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
        props += "<w:keepNext/>" if layout.with_next else ""
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

    def items(self, items: Items, *, tight: bool, with_next: bool = False) -> str:
        if not items.items:
            return self.paragraph(self.run(NONE), Layout(tight=tight, with_next=with_next))
        layout = Layout(keep=True, num=next(self.planned), tight=tight, with_next=with_next)
        start = "<w:p>" + self.properties(layout)
        # A country is in thousands of lists: its run is looked up by C loops (100,000 items).
        found = list(map(self.runs.get, zip(items.items, repeat(False))))
        runs = [self.run(item) for item in items.items] if None in found else found
        return start + f"</w:p>{start}".join(cast(list[str], runs)) + "</w:p>"

    # -- tables --------------------------------------------------------------------------------
    def cell(
        self,
        cell: Cell,
        width: int,
        *,
        header: bool = False,
        centre: bool = False,
        bold: bool = False,
        with_next: bool = False,
    ) -> str:
        shade = '<w:shd w:val="clear" w:color="auto" w:fill="E7E6E6"/>' if header else ""
        props = f'<w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{shade}</w:tcPr>'
        if isinstance(cell, Items):
            body = self.items(cell, tight=True, with_next=with_next)
        else:
            text = str(cell) or NONE
            layout = Layout(tight=True, centre=centre, with_next=with_next)
            body = self.paragraph(self.run(text, bold=header or bold), layout)
        return f"<w:tc>{props}{body}</w:tc>"

    def table(self, table: Table) -> Iterator[str]:
        """The table a row at a time."""
        found = self.widths.get(id(table))
        widths = found[0] if found else column_widths(table, self.text_width)[0]
        text_height = self.page.text_area(landscape=bool(found and found[1]))[1]
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
            self.cell(column.title, width, header=True, centre=column.numeric, with_next=True)
            for column, width in zip(table.columns, widths, strict=True)
        )
        yield f"<w:tbl>{props}<w:tblGrid>{grid}</w:tblGrid>"
        yield f"<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>{header}</w:tr>"
        last = len(table.rows) - 1
        # A small table stays on one page (its rows kept with the next); a long one keeps at
        # least its header with its first row.
        together = last < _SMALL_TABLE and (
            sum(row_lines(row, widths) for row in table.rows) * _LINE <= _SMALL_SHARE * text_height
        )
        for number, row in enumerate(table.rows):
            bold = table.total and number == last
            with_next = number < last and (together or number == 0)
            cells = "".join(
                self.cell(cell, width, centre=column.numeric, bold=bold, with_next=with_next)
                for cell, column, width in zip(row, table.columns, widths, strict=True)
            )
            # A row that fits on a page never splits; one taller than that must, or an office
            # suite cuts it off at the page's foot and its end is lost.
            fits = row_lines(row, widths) * _LINE <= _KEEP_TOGETHER * text_height
            yield f"<w:tr>{_element('w:trPr', '<w:cantSplit/>' if fits else '')}{cells}</w:tr>"
        yield "</w:tbl>"

    # -- blocks --------------------------------------------------------------------------------
    def body(self, blocks: Sequence[Block]) -> Iterator[str]:
        """The blocks (``plan``-ned) as the body's XML, a paragraph or a table row at a time;
        a section break wherever the page turns (a wide table on a landscape page)."""
        # Sentences introducing a table stay on the page where it begins.
        introduces = [False] * len(blocks)
        for index in range(len(blocks) - 2, -1, -1):
            following = blocks[index + 1]
            introduces[index] = isinstance(following, Table) or (
                isinstance(following, Paragraph) and introduces[index + 1]
            )
        for index, block in enumerate(blocks):
            if index and self.landscape[index] != self.landscape[index - 1]:
                # The break closes the section before it: its paragraph carries that section's
                # page (a sectPr in the last paragraph of a section, as Word writes it).
                section = self.page.section(landscape=self.landscape[index - 1])
                yield f"<w:p><w:pPr>{'<w:bidi/>' if self.rtl else ''}{section}</w:pPr></w:p>"
            if isinstance(block, Table):
                if block.caption:  # a real caption, on the page where the table begins
                    caption = Layout(style=self.caption, keep=True, with_next=True)
                    yield self.paragraph(self.run(block.caption, bold=True), caption)
                yield from self.table(block)
                if block.source:
                    yield self.paragraph(self.run(block.source), Layout(style=self.caption))
                # A table is followed by an empty paragraph, so two tables never merge.
                yield self.paragraph("", Layout(tight=True))
            else:
                yield self.block(block, with_next=introduces[index])

    def block(self, block: Block, *, with_next: bool = False) -> str:
        """Any block but a table (``with_next``: kept on the page of the table after it)."""
        if isinstance(block, Heading):
            style = self.headings[max(1, min(block.level, 6))]
            return self.paragraph(self.run(block.text), Layout(style=style))
        if isinstance(block, Paragraph):
            # keepLines: a sentence to paste is never cut by a page break.
            return self.paragraph(
                self.run(block.text or NONE), Layout(keep=True, with_next=with_next)
            )
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
        # Right to left, "left" is the paragraph's start (the right); there an office suite
        # draws the number against the cell's border: a little more indent keeps it inside.
        start = _HANG + (_RTL_NUMBER_GAP if self.rtl else 0)
        indent = f'<w:pPr><w:ind w:left="{start}" w:hanging="{_HANG}"/></w:pPr>'

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
    return as a line feed); its spaces kept as they are where it begins or ends with one, as
    python-docx marks them (elsewhere the mark is 21 bytes of 100,000 names' 18 MB)."""
    text = line.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = text.replace("\r", "\n")
    if not text:
        return '<w:t xml:space="preserve"/>'
    if text.strip() != text:
        return f'<w:t xml:space="preserve">{text}</w:t>'
    return f"<w:t>{text}</w:t>"


def row_lines(row: Sequence[Cell], widths: Sequence[int]) -> int:
    """About how many lines a table row takes (its tallest cell), counted generously."""
    tallest = 1
    for cell, width in zip(row, widths, strict=True):
        per_line = max(1, (width - _CELL_PAD - (_HANG if isinstance(cell, Items) else 0)) // _CHAR)
        counts = _LINE_COUNTS.get(per_line)
        if counts is None:
            counts = _LINE_COUNTS[per_line] = _Memo(functools.partial(_line_count, per_line))
        tallest = max(tallest, sum(map(counts.__getitem__, cell_lines(cell))))
    return tallest


def _line_count(per_line: int, line: str) -> int:
    return max(1, math.ceil(len(line) / per_line))


class _Memo(dict[str, _T]):
    """A measure of each text, remembered: a country's name is in thousands of cells, and a
    dict's own lookup, mapped in C, takes a sixth of a cached function's call (100,000 names
    a table)."""

    def __init__(self, measure: Callable[[str], _T]) -> None:
        super().__init__()
        self.measure = measure

    def __missing__(self, text: str) -> _T:
        if len(self) > _REMEMBERED:
            self.clear()
        found = self[text] = self.measure(text)
        return found


_REMEMBERED = 1 << 16  # distinct texts a memo keeps at most
_LINE_COUNTS: dict[int, _Memo[int]] = {}  # the lines a text takes, by characters a line


def column_widths(table: Table, total: int) -> tuple[list[int], bool]:
    """Twips per column, proportioned to content within ``total``, and whether every word
    fits whole.

    Each column asks for enough width to show its typical (90th percentile) cell on one line,
    and needs at least enough not to break its longest word (a number or a heading's word
    whatever its length; a text's words up to ``_WORD_CAP`` characters). When the asks do not
    fit, the width is shared in proportion to the square roots of the asks, no column getting
    more than its ask or less than its floor: the best-practice column (long titles) ends
    widest while a country column keeps room for a country's name. When even the floors do
    not fit, the floors are shared out and ``fits`` is False (the page should turn).
    """
    asks: list[float] = []  # a non-Latin text measures in fractions of a character
    floors: list[int] = []
    for index, column in enumerate(table.columns):
        longest_lines = []
        title_word = max((_units(word) for word in column.title.split()), default=1)
        longest_word: float = 1
        pad = _CELL_PAD
        for row in table.rows:
            cell = row[index]
            if isinstance(cell, Items) and cell.items:
                pad = _CELL_PAD + _HANG
            # C loops: a country's name is measured once, found 100,000 times.
            lines = cell_lines(cell)
            longest_lines.append(max(map(_WIDTHS.__getitem__, lines)))
            longest_word = max(longest_word, max(map(_WORDS.__getitem__, lines)))
        longest_lines.sort()
        typical = longest_lines[int(0.9 * (len(longest_lines) - 1))] if longest_lines else 1
        if not column.numeric:
            longest_word = min(longest_word, _WORD_CAP)
        # A heading's word is bold: wider than the same word in a cell.
        floor = math.ceil(max(longest_word, title_word * _BOLD) * _CHAR) + pad
        floors.append(floor)
        asks.append(max(floor, min(typical, _MAX_CHARS) * _CHAR + pad))
    if sum(asks) <= total:
        return _share(total, asks), True
    if sum(floors) >= total:
        return _share(total, floors), sum(floors) == total
    fixed: dict[int, float] = {}
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
    widths = [int(fixed.get(i, shares.get(i, 0))) for i in range(len(asks))]  # whole twips
    widths[asks.index(max(asks))] += total - sum(widths)
    return widths, True


def _longest_word(line: str) -> float:
    return max((_units(word) for word in line.split()), default=0)


def _units(text: str) -> float:
    """Width of ``text`` in average Latin characters, generously for the wide fonts an office
    suite falls back on: a Chinese or Japanese character is about twice a Latin one (a
    Chinese heading has no spaces: it is one word), Cyrillic and Arabic letters a little
    wider."""
    if text.isascii():
        return len(text)
    return sum(_wide(c) for c in text)


def _wide(char: str) -> float:
    if east_asian_width(char) in "WF":
        return 1.8
    code = ord(char)
    if 0x0600 <= code <= 0x06FF or 0xFB50 <= code <= 0xFEFF:
        return 1.3
    if 0x0400 <= code <= 0x04FF:
        return 1.15
    return 1.0


_WIDTHS = _Memo(_units)  # a line's width
_WORDS = _Memo(_longest_word)  # its longest word's


def _share(total: int, weights: Sequence[float]) -> list[int]:
    widths = [int(total * weight // sum(weights)) for weight in weights]  # whole twips
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


@dataclass(frozen=True)
class _Page:
    """The paper, its margins, and the references to the running header and footer, so a
    section of turned (landscape) pages can say the same."""

    width: int
    height: int
    margin: int
    references: str  # <w:headerReference/><w:footerReference/>
    rtl: bool

    def text_area(self, *, landscape: bool) -> tuple[int, int]:
        """The text's width and height in twips."""
        width, height = (self.height, self.width) if landscape else (self.width, self.height)
        return width - 2 * self.margin, height - 2 * self.margin

    def section(self, *, landscape: bool) -> str:
        """A ``<w:sectPr>`` of this paper, turned or not."""
        width, height = (self.height, self.width) if landscape else (self.width, self.height)
        orient = ' w:orient="landscape"' if landscape else ""
        margin = self.margin
        return (
            f"<w:sectPr>{self.references}"
            f'<w:pgSz w:w="{width}" w:h="{height}"{orient}/>'
            f'<w:pgMar w:top="{margin}" w:right="{margin}" w:bottom="{margin}" '
            f'w:left="{margin}" w:header="709" w:footer="709" w:gutter="0"/>'
            f'<w:cols w:space="720"/>{"<w:bidi/>" if self.rtl else ""}'
            '<w:docGrid w:linePitch="360"/></w:sectPr>'
        )


def _page(docx: DocxDocument, paper: str, rtl: bool, title: str, words: Wording) -> _Page:
    """Paper size and margins, the running header (the report's title) and footer ("Page 3
    of 7" in the report's language) on every page."""
    width, height, margin = _PAGES[paper]
    section = docx.sections[0]
    section.page_width, section.page_height = Twips(width), Twips(height)
    section.left_margin = section.right_margin = Twips(margin)
    section.top_margin = section.bottom_margin = Twips(margin)
    section.header_distance = section.footer_distance = Twips(709)
    if rtl:  # the section itself runs right to left (columns, page order of a book fold)
        section._sectPr.find(qn("w:docGrid")).addprevious(parse_xml(f"<w:bidi {nsdecls('w')}/>"))
    header = section.header.paragraphs[0]
    header.style = docx.styles["Header"]
    _append_runs(header, _runs(title, rtl))
    footer = section.footer.paragraphs[0]
    footer.style = docx.styles["Footer"]
    footer.alignment = 1  # centred
    # TRANSLATORS: the footer of every page of a Word report; {page} and {pages} are numbers
    # the word processor fills in.
    before, rest = words.gettext("Page {page} of {pages}").split("{page}", 1)
    between, after = rest.split("{pages}", 1)
    _append_runs(
        footer,
        _runs(before, rtl)
        + _field("PAGE")
        + _runs(between, rtl)
        + _field("NUMPAGES")
        + _runs(after, rtl),
    )
    references = "".join(
        f'<w:{kind}Reference w:type="default" r:id="{element.get(qn("r:id"))}"/>'
        for kind in ("header", "footer")
        for element in section._sectPr.findall(qn(f"w:{kind}Reference"))
    )
    return _Page(width, height, margin, references, rtl)


def _runs(text: str, rtl: bool) -> str:
    if not text:
        return ""
    props = "<w:rPr><w:rtl/></w:rPr>" if rtl and _RTL_TEXT.search(text) else ""
    if rtl and not props and _LTR_TEXT.search(text):
        text = f"\u200e{text}\u200e"
    return f"<w:r>{props}{_text_element(xml_safe(text))}</w:r>"


def _field(code: str) -> str:
    """A field the word processor computes on every page (PAGE, NUMPAGES)."""
    return f'<w:fldSimple w:instr=" {code} "><w:r><w:t>1</w:t></w:r></w:fldSimple>'


def _append_runs(paragraph: Any, xml: str) -> None:
    wrapper = parse_xml(f"<w:p {nsdecls('w', 'r')}>{xml}</w:p>")
    for element in list(wrapper):
        paragraph._p.append(element)


def render_docx(document: Document, when: datetime, paper: str = "a4") -> bytes:
    """The document on ``paper`` ("a4" or "letter"), stamped ``when`` (reproducible bytes)."""
    words = wording(document.lang)
    docx = new_docx()
    _clean_package(docx, document.title, when, words.tag)
    _language(docx, words.tag, words.rtl)
    writer = _Writer(docx, words.rtl, _page(docx, paper, words.rtl, document.title, words))
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
        if writer.landscape and writer.landscape[-1]:  # the last section is a turned one
            yield writer.page.section(landscape=True).encode("utf-8")
            yield b"</w:body>" + tail.split(b"</w:body>", 1)[1]
        else:
            yield b"<w:sectPr" + tail

    return restamp_zip(buffer.getvalue(), when, {"word/document.xml": with_body})
