"""Any report document as plain text for a terminal: aligned columns, wrapped sentences.

What ``matchdesk network`` prints when it is not asked for JSON or a file; long cells are
cut with "…" so each table row stays one line.
"""

from __future__ import annotations

import textwrap

from matchdesk.store.exchange import document as doc
from matchdesk.store.exchange.document import NONE

WIDTH = 100
_CELL_MAX = 48
# Control characters (C0 but line breaks, DEL, C1) never reach the terminal: a title in a
# file could otherwise carry escape sequences.
_CONTROLS = {code: "\ufffd" for code in (*range(0x20), 0x7F, *range(0x80, 0xA0))}
del _CONTROLS[ord("\n")]


def _cell(cell: doc.Cell) -> str:
    if isinstance(cell, doc.Items):
        return "; ".join(cell.items) or NONE
    text = " ".join(str(cell).split())
    return text if len(text) <= _CELL_MAX else text[: _CELL_MAX - 1] + "…"


def _table(table: doc.Table) -> list[str]:
    rows = [[_cell(c) for c in row] for row in table.rows]
    heads = [column.title for column in table.columns]
    widths = [max([len(h), *(len(r[i]) for r in rows)]) for i, h in enumerate(heads)]

    def line(cells: list[str]) -> str:
        return "  ".join(
            cell.rjust(width) if column.numeric else cell.ljust(width)
            for cell, width, column in zip(cells, widths, table.columns, strict=True)
        ).rstrip()

    return [line(heads), "  ".join("-" * w for w in widths), *(line(r) for r in rows)]


def render_text(document: doc.Document) -> str:
    out: list[str] = [document.title, "=" * len(document.title), ""]
    for block in document.blocks:
        if isinstance(block, doc.Heading):
            out += [block.text, "-" * len(block.text)]
        elif isinstance(block, doc.Paragraph):
            out += textwrap.wrap(block.text, WIDTH) or [""]
        elif isinstance(block, doc.Fields):
            out += [f"{field.label} {field.value}" for field in block.fields]
        elif isinstance(block, doc.Items):
            out += [f"- {item}" for item in block.items] or [NONE]
        elif isinstance(block, doc.Table):
            out += _table(block)
        out.append("")
    return "\n".join(out).translate(_CONTROLS)
