"""A small, format-free document: what a report says, not how a format shows it.

Report sections (Table 1, totals, the follow-up funnel, and later a network roll-up) are
built as these blocks; each writer (Markdown, DOCX) renders any sequence of them, so a new
section plugs in as more blocks without touching a writer. A ``Sheet`` is a list the workbook
adds as a sheet of its own (the follow-up's). All text is plain: writers escape
it for their format, nothing here is markup.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

NONE = "—"  # what a cell or list shows when it has nothing to list


@dataclass(frozen=True)
class Heading:
    """A section heading; level 1 is the document's title."""

    text: str
    level: int = 2


@dataclass(frozen=True)
class Paragraph:
    """Running text (a sentence to paste); line breaks inside are kept."""

    text: str


@dataclass(frozen=True)
class Field:
    """One labelled line, e.g. ``Date: 29 October 2021``; ``label`` carries its punctuation."""

    label: str
    value: str


@dataclass(frozen=True)
class Fields:
    """Labelled lines kept together as one block (a workshop header)."""

    fields: tuple[Field, ...]


@dataclass(frozen=True)
class Items:
    """A list, on its own or inside a table cell; empty shows :data:`NONE`."""

    items: tuple[str, ...]
    numbered: bool = False


@dataclass(frozen=True)
class Date:
    """A date as the report's language writes it (``text``), and the day itself, so a
    workbook can store a real date (``day`` None when the text is not an ISO date)."""

    text: str
    day: date | None = None

    def __str__(self) -> str:
        return self.text


Cell = str | int | Items | Date


@dataclass(frozen=True)
class Column:
    """A table column: its title, and whether it holds counts (right-aligned, narrow)."""

    title: str
    numeric: bool = False


@dataclass(frozen=True)
class Table:
    """Rows of cells under a header row; a row is never split across pages where the format
    can say so, and the header repeats on each page."""

    columns: tuple[Column, ...]
    rows: tuple[tuple[Cell, ...], ...]
    total: bool = False  # the last row adds up the others: printed bold
    caption: str = ""  # "Table 1: Expression of interest", above the table
    source: str = ""  # where its numbers come from, below it


Block = Heading | Paragraph | Fields | Items | Table


@dataclass(frozen=True)
class Document:
    """A whole report: a title (also the file's title property), its language, its blocks."""

    title: str
    lang: str
    blocks: tuple[Block, ...]


def cell_lines(cell: Cell) -> tuple[str, ...]:
    """The lines a cell shows, for measuring widths (an empty list shows :data:`NONE`)."""
    if isinstance(cell, Items):
        return cell.items or (NONE,)
    return tuple(str(cell).splitlines()) or ("",)


@dataclass(frozen=True)
class Sheet:
    """A list a workbook shows as a sheet of its own (the follow-up's): a header row, then rows
    of text; ``times`` and ``days`` name the columns holding ISO times or dates, which the
    workbook writes as real dates."""

    name: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    times: frozenset[int] = field(default_factory=frozenset)
    days: frozenset[int] = field(default_factory=frozenset)
