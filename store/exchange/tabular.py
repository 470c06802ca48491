"""The flat row format shared by CSV/XLSX import and export, so export then import round-trips."""

from __future__ import annotations

COLUMNS: tuple[str, ...] = (
    "title",
    "presenter_country",
    "presenter",
    "theme",
    "interested_country",
    "channel",
    "note",
    "captured_at",
)
REQUIRED: tuple[str, ...] = ("title", "presenter_country")

# Cells a spreadsheet would treat as a formula (OWASP "CSV injection").
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def formula_like(value: str) -> bool:
    """Whether a spreadsheet could take ``value`` for a formula (or eat its leading quote)."""
    return value.startswith((*_FORMULA_START, "'"))


def neutralise_cell(value: str) -> str:
    """Prefix a quote so spreadsheets show the text instead of evaluating it.

    A value that already starts with a quote gets one too, so ``restore_cell`` is exact.
    """
    return "'" + value if formula_like(value) else value


def restore_cell(value: str) -> str:
    """Undo ``neutralise_cell`` on import, so export then import gives back the same text."""
    if value.startswith("'") and value[1:].startswith((*_FORMULA_START, "'")):
        return value[1:]
    return value
