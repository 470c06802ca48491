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
# A workbook custom property saying its text cells hold the text as typed (a quote-prefix style,
# not a literal apostrophe, keeps them text). Office suites keep it when they save the file
# again, even where they drop the cell style, so import knows no apostrophe is to be removed.
AS_TYPED = ("matchdesk_text", "as typed")

# Cells a spreadsheet would treat as a formula (OWASP "CSV injection").
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_QUOTED_START = (*_FORMULA_START, "'")  # made once: ``neutralise_cell`` runs on every cell


def formula_like(value: str) -> bool:
    """Whether a spreadsheet could take ``value`` for a formula (or eat its leading quote)."""
    return value.startswith(_QUOTED_START)


def neutralise_cell(value: str) -> str:
    """Prefix a quote so spreadsheets show the text instead of evaluating it.

    A value that already starts with a quote gets one too, so ``restore_cell`` is exact.
    """
    return "'" + value if formula_like(value) else value


def restore_cell(value: str) -> str:
    """Undo ``neutralise_cell`` on import, so export then import gives back the same text."""
    if value.startswith("'") and value[1:].startswith(_QUOTED_START):
        return value[1:]
    return value
