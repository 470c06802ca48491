"""Markdown of any report document, the same in a GitHub-style renderer and through
``pandoc -f gfm``: no raw HTML, every special character escaped, lists in cells as "; ".

A table's separator line gives each column dashes in proportion to its content, so pandoc's
Markdown reader (``-f markdown``) keeps the best practice wide and the counts narrow instead of
sharing the page equally. An Arabic report opens with pandoc's own metadata block
(``lang: ar``, ``dir: rtl``), which pandoc reads in GitHub Markdown too, so it renders right
to left without a line of HTML.
"""

from __future__ import annotations

import functools
import re

from matchdesk.store.exchange import document as doc
from matchdesk.store.exchange.document import NONE
from matchdesk.store.exchange.i18n import wording

# Characters that change how inline GFM renders: emphasis, code, links, tables, raw HTML and
# entities (``&amp;`` must stay six characters), strikethrough. A backslash makes each literal.
_INLINE = re.compile(r"([\\`*_\[\]<>|&~])")
# What would start a block at the beginning of a line: a heading, a quote, a list item, a
# setext underline. Escaping its first character keeps the line a plain paragraph.
_BLOCK_START = re.compile(r"^(\s*)([#>+=-]|\d+(?=[.)]))")


@functools.lru_cache(maxsize=8192)
def inline(text: str) -> str:
    """Text safe inside a line or a table cell; line breaks become spaces. Remembered: a
    country's name comes back in thousands of cells (100,000 at the largest workshops)."""
    escaped = _INLINE.sub(r"\\\1", " ".join(line.strip() for line in text.strip().splitlines()))
    return _BLOCK_START.sub(_escape_start, escaped)


def _escape_start(match: re.Match[str]) -> str:
    lead, start = match.group(1), match.group(2)
    if start[0].isdigit():  # "1." at the start: escape the dot after the number instead
        return f"{lead}{start}\\"
    return f"{lead}\\{start}"


_MAX_DASHES = 60  # a column's dashes never stand for more than this many characters


_NEUTRAL_START = re.compile(r"[^\w\s\u200e]")
_RTL_TEXT = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]")


def _left_to_right(text: str) -> str:
    """A text that begins with a sign ("=1+1") and holds no right-to-left letter, kept left
    to right in a right-to-left report by a mark at each end (else it shows as "1+1=")."""
    if _NEUTRAL_START.match(text) and not _RTL_TEXT.search(text):
        return f"\u200e{text}\u200e"
    return text


def _cell(cell: doc.Cell, joiner: str = "; ") -> str:
    if isinstance(cell, doc.Items):
        if not cell.items:
            return NONE
        if cell.numbered:
            return joiner.join(
                f"{number}. {inline(item)}" for number, item in enumerate(cell.items, 1)
            )
        return joiner.join(inline(item) for item in cell.items)
    return inline(str(cell)) or NONE


def _row(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def _table(table: doc.Table, joiner: str = "; ") -> list[str]:
    titles = [inline(column.title) for column in table.columns]
    rows = [[_cell(cell, joiner) for cell in row] for row in table.rows]
    if joiner != "; ":  # a right-to-left report
        rows = [[_left_to_right(text) for text in row] for row in rows]
    if table.total and rows:  # the total row in bold, as in the other formats
        rows[-1] = [f"**{text}**" for text in rows[-1]]
    separator = [
        "-" * (dashes - 1) + ":" if column.numeric else "-" * dashes
        for column, dashes in zip(table.columns, _dashes(titles, rows), strict=True)
    ]
    table_lines = [_row(titles), _row(separator), *(_row(row) for row in rows)]
    above = [f"**{inline(table.caption)}**", ""] if table.caption else []
    below = ["", f"*{inline(table.source)}*"] if table.source else []
    return [*above, *table_lines, *below]


def _dashes(titles: list[str], rows: list[list[str]]) -> list[int]:
    """Dashes per column: its typical (90th percentile) cell's length, at least its heading's
    longest word, at most ``_MAX_DASHES``; three at the least."""
    out = []
    for index, title in enumerate(titles):
        lengths = sorted(len(row[index]) for row in rows) or [0]
        typical = lengths[int(0.9 * (len(lengths) - 1))]
        word = max((len(w) for w in title.split()), default=0)
        out.append(max(3, word, min(typical, _MAX_DASHES)))
    return out


def _block(block: doc.Block, joiner: str = "; ") -> list[str]:
    if isinstance(block, doc.Heading):
        return [f"{'#' * max(1, min(block.level, 6))} {inline(block.text)}"]
    if isinstance(block, doc.Paragraph):
        return [inline(block.text) or NONE]
    if isinstance(block, doc.Fields):
        # A backslash at the end of a line is a hard line break: the header stays one block.
        lines = [f"**{inline(field.label)}** {inline(field.value)}" for field in block.fields]
        return [line + "\\" for line in lines[:-1]] + lines[-1:]
    if isinstance(block, doc.Items):
        if not block.items:
            return [NONE]
        return [
            f"{f'{number}.' if block.numbered else '-'} {inline(item)}"
            for number, item in enumerate(block.items, 1)
        ]
    return _table(block, joiner)


def render_markdown_text(document: doc.Document) -> str:
    """The whole document as Markdown text (``\\n`` lines, ending in one newline)."""
    words = wording(document.lang)
    out: list[str] = []
    joiner = "; "
    if words.rtl:
        out += ["---", f"lang: {words.tag}", "dir: rtl", "---", ""]
        joiner = "؛ "  # the Arabic semicolon between numbered countries
    out += [f"# {inline(document.title)}", ""]
    for block in document.blocks:
        out += [*_block(block, joiner), ""]
    return "\n".join(out).rstrip("\n") + "\n"


def render_markdown(document: doc.Document) -> bytes:
    """UTF-8 bytes of :func:`render_markdown_text`."""
    return render_markdown_text(document).encode("utf-8")
