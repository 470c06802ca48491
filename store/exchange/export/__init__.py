"""Export a workshop as CSV, XLSX, Markdown, JSON or DOCX: one entry point for CLI and TUI.

``render`` only turns values into bytes (no file access), so a read-only open of a workshop
that the TUI holds is enough; ``write_export`` then replaces the target atomically.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from matchdesk.store.countries.languages import LANGUAGES
from matchdesk.store.errors import InvalidValue
from matchdesk.store.exchange.document import Heading
from matchdesk.store.exchange.export.csv_export import (
    Group,
    csv_chunks,
    tally_groups,
    workshop_groups,
)
from matchdesk.store.exchange.i18n import check_lang
from matchdesk.store.exchange.workshop_report import (
    NAMES,
    build_report,
    check_names,
    notes_blocks,
    report_document,
)
from matchdesk.store.file.atomic import atomic_write_bytes, write_atomically
from matchdesk.store.file.schema import FOLLOWUP
from matchdesk.store.models import FORMATS, PAPERS, Tallies, WorkshopInfo

if TYPE_CHECKING:
    from matchdesk.store.followup.exports import FollowupExport
    from matchdesk.store.workshop import Workshop

__all__ = [
    "EXTENSIONS",
    "FORMATS",
    "LANGUAGES",
    "NAMES",
    "PAPERS",
    "TEXT_FORMATS",
    "default_output_path",
    "export_workshop",
    "render",
    "render_chunks",
    "render_workshop",
    "workshop_chunks",
    "write_export",
]

# Formats that may go to standard output (``-o -``); the others are zip archives.
TEXT_FORMATS: tuple[str, ...] = ("csv", "md", "json")
EXTENSIONS: dict[str, str] = {fmt: f".{fmt}" for fmt in FORMATS}


def _check_format(fmt: str) -> str:
    if fmt not in FORMATS:
        raise InvalidValue(f"Unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}.")
    return fmt


def _check_paper(paper: str) -> str:
    if paper not in PAPERS:
        raise InvalidValue(f"Unknown paper {paper!r}; choose a4 or letter.")
    return paper


def render(
    fmt: str,
    *,
    info: WorkshopInfo,
    tallies: Tallies,
    dump: Mapping[str, Any] | None = None,
    names: str = "short",
    lang: str = "en",
    paper: str = "a4",
    followup: FollowupExport | None = None,
) -> bytes:
    """The export's bytes; the same input always gives the same bytes.

    ``dump`` (``Workshop.dump()``) is needed for "json" only; ``names`` ("short" or
    "official") and ``lang`` (en, fr, es, ru, ar, zh) apply to every format but JSON, which is
    lossless; ``paper`` ("a4" or "letter") to DOCX and to the workbook's print setup;
    ``followup`` (``store.followup.exports.followup_export``) adds the follow-up section, sheets or
    CSV columns.
    """
    return b"".join(
        render_chunks(
            fmt,
            info=info,
            tallies=tallies,
            dump=dump,
            names=names,
            lang=lang,
            paper=paper,
            followup=followup,
        )
    )


def render_chunks(
    fmt: str,
    *,
    info: WorkshopInfo,
    tallies: Tallies | Callable[[], Tallies],
    groups: Callable[[], Iterable[Group]] | None = None,
    dump: Mapping[str, Any] | None = None,
    names: str = "short",
    lang: str = "en",
    paper: str = "a4",
    followup: FollowupExport | None = None,
    notes: bool = False,
) -> Iterator[bytes]:
    """``render``'s bytes in pieces, to write as they come (a CSV or JSON of 100,000 interests
    is never held whole). ``groups`` gives the presentations and interests of the CSV and the
    workbook, anew for each pass, read from the records (``csv_export.workshop_groups``): the
    same as ``tallies`` gives them. ``tallies`` may be what makes them, called only by a
    format that counts (a workshop's CSV and JSON need none: 40 ms at 100,000 interests).
    Everything is checked before the first piece.

    Each format imports its own writer, and the follow-up's wording only a workshop with a
    follow-up does: an export pays for nothing it does not write (the follow-up rooms, orjson,
    zipfile with bz2 and lzma: some 30 ms of a command's start-up)."""
    _check_format(fmt)
    check_names(names)
    check_lang(lang)
    _check_paper(paper)
    if fmt == "json":
        if dump is None:
            raise InvalidValue("The JSON export needs the workshop's dump.")
        from matchdesk.store.exchange.export.json_export import json_chunks

        return json_chunks(dump)

    def counted() -> Tallies:
        """The tallies (``Workshop.tallies`` keeps them until the next write)."""
        return tallies() if callable(tallies) else tallies

    flat = groups or (lambda: tally_groups(counted()))
    if fmt == "csv":
        return csv_chunks(flat(), names, lang, followup)
    workbook = fmt == "xlsx"  # the matrix, and no Table 1 (the Interests sheet lists them)
    report = build_report(info, counted(), names, lang, table_one=not workbook, matrix=workbook)
    blocks = followup.blocks if followup else ()
    more = (*(notes_blocks(counted(), names, lang) if notes else ()), *blocks)
    if fmt == "md":
        from matchdesk.store.exchange.export.markdown import render_markdown

        return iter([render_markdown(report_document(report, *more))])
    from matchdesk.store.exchange.export._zip import fixed_timestamp  # zipfile, shutil

    when = fixed_timestamp(info.date)
    if fmt == "xlsx":
        from matchdesk.store.exchange.export.xlsx_export import render_xlsx  # XlsxWriter

        funnel = [b for b in blocks if not isinstance(b, Heading)]
        sheets = followup.sheets if followup else ()
        return iter([render_xlsx(report, flat, names, when, paper, sheets, funnel)])
    from matchdesk.store.exchange.export.docx_export import (
        render_docx,  # python-docx: ~0.1 s to import
    )

    return iter([render_docx(report_document(report, *more), when, paper)])


@dataclass(frozen=True)
class Choices:
    """What a person picks for a workshop's export (``matchdesk export``, the app's dialog):
    ``names`` and ``lang`` (every format but JSON), ``paper`` (DOCX, the workbook's print
    setup), and ``followup_columns``, the CSV's follow-up columns (``export --followup``)."""

    names: str = "short"
    lang: str = "en"
    paper: str = "a4"
    followup_columns: bool = False
    notes: bool = False  # the interests' notes as a section of the report (Markdown, Word)


def workshop_chunks(workshop: Workshop, fmt: str, choices: Choices = Choices()) -> Iterator[bytes]:
    """``render_chunks`` of an open workshop (a read-only open is enough; it must stay open
    while the pieces are taken)."""
    # The JSON export serialises the stored records as they are: no copy, none changed.
    dump = workshop.dump(copies=False) if fmt == "json" else None
    names, lang = choices.names, choices.lang
    extra = None
    # Without a follow-up record nothing has moved: no section, no sheets (the funnel of
    # 100,000 possibilities took 20 ms to say so); the CSV's columns are there when asked.
    if workshop.ledger.raw(FOLLOWUP) or choices.followup_columns:
        from matchdesk.store.followup import Followup
        from matchdesk.store.followup.exports import followup_export

        desk = Followup(workshop)
        extra = followup_export(desk, fmt, names, lang, columns=choices.followup_columns)
    return render_chunks(
        fmt,
        info=workshop.info(),
        tallies=workshop.tallies,
        groups=lambda: workshop_groups(workshop),
        dump=dump,
        names=names,
        lang=lang,
        paper=choices.paper,
        followup=extra,
        notes=choices.notes,
    )


def render_workshop(workshop: Workshop, fmt: str, choices: Choices = Choices()) -> bytes:
    """``render`` of an open workshop, whole (see ``workshop_chunks``)."""
    return b"".join(workshop_chunks(workshop, fmt, choices))


def export_workshop(
    workshop: Workshop, fmt: str, target: Path, choices: Choices = Choices()
) -> None:
    """Write ``render_workshop`` to ``target`` piece by piece, atomically: a reader sees the
    old export or the new one, never half; nothing is left behind when it fails."""
    write_atomically([Path(target)], workshop_chunks(workshop, fmt, choices))


def default_output_path(workshop_file: Path, fmt: str) -> Path:
    """Beside the workshop file, with the format's extension; never the workshop file itself
    (a workshop saved as ``x.json`` exports JSON to ``x.export.json``)."""
    workshop_file = Path(workshop_file)
    target = workshop_file.with_suffix(EXTENSIONS[_check_format(fmt)])
    if target == workshop_file:
        target = workshop_file.with_suffix(".export" + EXTENSIONS[fmt])
    return target


def write_export(path: Path, data: bytes) -> None:
    """Replace ``path`` atomically: a reader sees the old export or the new, never half."""
    atomic_write_bytes(Path(path), data)
