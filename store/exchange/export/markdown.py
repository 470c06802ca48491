"""Markdown of any report document, the same in a GitHub-style renderer and through
``pandoc -f gfm``: no raw HTML, every special character escaped, lists in cells as "; "."""

from __future__ import annotations

import functools
import re

from matchdesk.store.exchange import document as doc
from matchdesk.store.exchange.document import NONE

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


def _cell(cell: doc.Cell) -> str:
    if isinstance(cell, doc.Items):
        if not cell.items:
            return NONE
        if cell.numbered:
            return "; ".join(
                f"{number}. {inline(item)}" for number, item in enumerate(cell.items, 1)
            )
        return "; ".join(inline(item) for item in cell.items)
    return inline(str(cell)) or NONE


def _row(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def _table(table: doc.Table) -> list[str]:
    out = [_row([inline(column.title) for column in table.columns])]
    out.append(_row(["---:" if column.numeric else "---" for column in table.columns]))
    out += [_row([_cell(cell) for cell in row]) for row in table.rows]
    return out


def _block(block: doc.Block) -> list[str]:
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
    return _table(block)


def render_markdown_text(document: doc.Document) -> str:
    """The whole document as Markdown text (``\\n`` lines, ending in one newline)."""
    out: list[str] = [f"# {inline(document.title)}", ""]
    for block in document.blocks:
        out += [*_block(block), ""]
    return "\n".join(out).rstrip("\n") + "\n"


def render_markdown(document: doc.Document) -> bytes:
    """UTF-8 bytes of :func:`render_markdown_text`."""
    return render_markdown_text(document).encode("utf-8")
