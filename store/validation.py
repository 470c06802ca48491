"""Checks and normal forms for what people type or import, before it becomes a record."""

from __future__ import annotations

import datetime as dt
import functools
import re
import unicodedata
from typing import Any

from matchdesk.store.errors import InvalidValue
from matchdesk.store.models import LANGUAGES, Mode, WorkshopInfo

MAX_TEXT = 10_000


@functools.cache
def _controls() -> re.Pattern[str]:
    """C0/C1 controls and DEL, plus lone surrogates (no encoder can write them). Compiled when
    first needed, not as every command starts: the surrogates make it a large character set
    (0.3 to 0.6 ms to compile)."""
    return re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")


def clean_text(value: str, *, multiline: bool = False) -> str:
    """Strip control characters (C0, C1, DEL) so no escape sequence reaches a terminal or file.

    Line breaks survive only where ``multiline`` text is expected (notes); elsewhere every run of
    whitespace becomes one space.
    """
    value = unicodedata.normalize("NFC", value)
    if multiline:
        value = value.replace("\r\n", "\n").replace("\r", "\n")
        return _controls().sub("", value.replace("\t", " ")).strip()
    value = value.replace("\t", " ").replace("\n", " ").replace("\r", " ")
    return " ".join(_controls().sub("", value).split())


def title_key(title: str) -> str:
    """How presentation titles compare: case and spacing ignored."""
    return " ".join(title.casefold().split())


def clean_field(
    value: object, what: str, *, required: bool = False, multiline: bool = False
) -> str:
    """Typed or imported text as stored: controls stripped, length bounded, required enforced."""
    if value is None:
        value = ""
    if not isinstance(value, str):
        value = str(value)
    text = clean_text(value, multiline=multiline)
    if required and not text:
        raise InvalidValue(f"The {what} cannot be empty.")
    if len(text) > MAX_TEXT:
        raise InvalidValue(f"The {what} is longer than {MAX_TEXT:,} characters.")
    return text


def info_fields(info: WorkshopInfo) -> dict[str, Any]:
    return {
        "title": info.title,
        "date": info.date,
        "venue": info.venue,
        "organisers": list(info.organisers),
        "mode": info.mode.value if info.mode else None,
        "attendance_in_room": info.attendance_in_room,
        "attendance_online": info.attendance_online,
        "language": info.language,
    }


def validate_language(value: Any) -> str:
    """One of the UN's six languages, by code ("fr"); empty means English."""
    code = "en" if value in (None, "") else str(value).strip().casefold()
    if code not in LANGUAGES:
        raise InvalidValue(f"The language must be one of {', '.join(LANGUAGES)}, not {value!r}.")
    return code


def validate_info(name: str, value: Any) -> Any:
    if name in ("title", "venue"):
        return clean_field(value, name)
    if name == "date":
        text = clean_field(value, "date")
        if text:
            try:
                dt.date.fromisoformat(text)
            except ValueError:
                raise InvalidValue(f"The date {text!r} is not a date like 2021-10-29.") from None
        return text
    if name == "organisers":
        items = value.split(";") if isinstance(value, str) else list(value)
        return [t for t in (clean_field(i, "organiser") for i in items) if t]
    if name == "mode":
        if value in (None, ""):
            return None
        try:
            return Mode(value).value
        except ValueError:
            raise InvalidValue(
                f"The mode must be in_room, online or hybrid, not {value!r}."
            ) from None
    if name == "language":
        return validate_language(value)
    # attendance
    if value in (None, ""):
        return None
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise InvalidValue(f"Attendance must be a whole number, not {value!r}.") from None
    if number < 0 or number > 1_000_000:
        raise InvalidValue(f"Attendance must be between 0 and 1,000,000, not {number}.")
    return number
