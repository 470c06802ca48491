"""The flat row format shared by CSV/XLSX import and export, so export then import round-trips."""

from __future__ import annotations

import re
import unicodedata

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
# C0/C1 controls and DEL, plus lone surrogates (no encoder can write them).
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")


def neutralise_cell(value: str) -> str:
    """Prefix a quote so spreadsheets show the text instead of evaluating it.

    A value that already starts with a quote gets one too, so ``restore_cell`` is exact.
    """
    if value.startswith((*_FORMULA_START, "'")):
        return "'" + value
    return value


def restore_cell(value: str) -> str:
    """Undo ``neutralise_cell`` on import, so export then import gives back the same text."""
    if value.startswith("'") and value[1:].startswith((*_FORMULA_START, "'")):
        return value[1:]
    return value


def clean_text(value: str, *, multiline: bool = False) -> str:
    """Strip control characters (C0, C1, DEL) so no escape sequence reaches a terminal or file.

    Line breaks survive only where ``multiline`` text is expected (notes); elsewhere every run of
    whitespace becomes one space.
    """
    value = unicodedata.normalize("NFC", value)
    if multiline:
        value = value.replace("\r\n", "\n").replace("\r", "\n")
        return _CONTROL.sub("", value.replace("\t", " ")).strip()
    value = value.replace("\t", " ").replace("\n", " ").replace("\r", " ")
    return " ".join(_CONTROL.sub("", value).split())
