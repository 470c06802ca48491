"""Export a workshop as CSV, XLSX, Markdown, JSON or DOCX: one entry point for CLI and TUI.

``render`` only turns values into bytes (no file access), so a read-only open of a workshop
that the TUI holds is enough; ``write_export`` then replaces the target atomically.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from matchdesk.store.countries.languages import LANGUAGES
from matchdesk.store.errors import InvalidValue
from matchdesk.store.exchange.export._zip import fixed_timestamp
from matchdesk.store.exchange.export.csv_export import render_csv
from matchdesk.store.exchange.export.json_export import render_json
from matchdesk.store.exchange.export.markdown import render_markdown
from matchdesk.store.exchange.export.xlsx_export import render_xlsx
from matchdesk.store.exchange.i18n import check_lang
from matchdesk.store.exchange.report import NAMES, build_report, check_names, report_document
from matchdesk.store.file.atomic import atomic_write_bytes
from matchdesk.store.models import Tallies, WorkshopInfo

if TYPE_CHECKING:
    from matchdesk.store.workshop import Workshop

__all__ = [
    "EXTENSIONS",
    "FORMATS",
    "LANGUAGES",
    "NAMES",
    "PAPERS",
    "TEXT_FORMATS",
    "default_output_path",
    "render",
    "render_workshop",
    "write_export",
]

FORMATS: tuple[str, ...] = ("csv", "xlsx", "md", "json", "docx")
# Formats that may go to standard output (``-o -``); the others are zip archives.
TEXT_FORMATS: tuple[str, ...] = ("csv", "md", "json")
EXTENSIONS: dict[str, str] = {fmt: f".{fmt}" for fmt in FORMATS}
# Paper for the documents and the workbook's print setup (a UN report is A4).
PAPERS: tuple[str, ...] = ("a4", "letter")


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
) -> bytes:
    """The export's bytes; the same input always gives the same bytes.

    ``dump`` (``Workshop.dump()``) is needed for "json" only; ``names`` ("short" or
    "official") and ``lang`` (en, fr, es, ru, ar, zh) apply to every format but JSON, which is
    lossless; ``paper`` ("a4" or "letter") to DOCX and to the workbook's print setup.
    """
    _check_format(fmt)
    check_names(names)
    check_lang(lang)
    _check_paper(paper)
    if fmt == "json":
        if dump is None:
            raise InvalidValue("The JSON export needs the workshop's dump.")
        return render_json(dump)
    if fmt == "csv":
        return render_csv(tallies, names, lang)
    report = build_report(info, tallies, names, lang)
    if fmt == "md":
        return render_markdown(report_document(report))
    when = fixed_timestamp(info.date)
    if fmt == "xlsx":
        return render_xlsx(report, tallies, names, when, paper)
    from matchdesk.store.exchange.export.docx_export import (
        render_docx,  # python-docx: ~0.1 s to import
    )

    return render_docx(report_document(report), when, paper)


def render_workshop(
    workshop: Workshop, fmt: str, names: str = "short", lang: str = "en", paper: str = "a4"
) -> bytes:
    """``render`` of an open workshop (a read-only open is enough)."""
    dump = workshop.dump() if fmt == "json" else None  # the deep copy is for JSON only
    return render(
        fmt,
        info=workshop.info(),
        tallies=workshop.tallies(),
        dump=dump,
        names=names,
        lang=lang,
        paper=paper,
    )


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
