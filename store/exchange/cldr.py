"""The CLDR data a report's dates and lists need, as Babel gives it, kept beside this module.

A report writes one long date ("29 October 2021", "29 октября 2021 г.") and a few lists
("A, B and C", "A、B和C"). Babel formats them from its locale data, and importing Babel and
loading that data took every Word, Markdown and Excel export 15 to 40 ms: British English is
four files of it merged. The few patterns and names those two need, for the six
languages, are kept in ``cldr.json`` and applied here as Babel applies them (``format_date``
with the long format, ``format_list`` with the standard style). ``python -m
matchdesk.store.exchange.cldr`` writes the file again from the installed Babel, and
``tests/store/exchange/test_cldr.py`` holds every date of a year and lists of every length to
Babel's own output.
"""

from __future__ import annotations

import functools
import json
import re
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

DATA = Path(__file__).with_name("cldr.json")
# The CLDR locale of each report language: a UN report in English is British English.
LOCALES = {
    "en": "en_GB",
    "fr": "fr",
    "es": "es",
    "ru": "ru",
    "ar": "ar",
    "zh": "zh_Hans_CN",
}
# The fields a long date pattern may name here: day, month (number or wide name), year.
_DATE_FIELDS = frozenset({"d", "M", "MMMM", "y"})
_FIELD = re.compile(r"%\((\w+)\)s")


@functools.cache
def _locales() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(DATA.read_text(encoding="utf-8"))["locales"]
    return data


def _locale(lang: str) -> dict[str, Any]:
    found: dict[str, Any] = _locales()[LOCALES[lang]]
    return found


def long_date(day: date, lang: str) -> str:
    """``format_date(day, "long")`` in the language's locale."""
    found = _locale(lang)
    month = found["months"][day.month - 1]
    pattern: str = found["long_date"]
    return pattern % {"d": day.day, "M": day.month, "MMMM": month, "y": day.year}


def join(words: Sequence[str], lang: str) -> str:
    """``format_list(words)`` (the standard "and" list) in the language's locale."""
    if not words:
        return ""
    if len(words) == 1:
        return words[0]
    patterns: dict[str, str] = _locale(lang)["list"]
    if len(words) == 2 and "2" in patterns:
        return patterns["2"].format(*words)
    joined = patterns["start"].format(words[0], words[1])
    for word in words[2:-1]:
        joined = patterns["middle"].format(joined, word)
    return patterns["end"].format(joined, words[-1])


def extract() -> dict[str, Any]:
    """What ``cldr.json`` holds, from the installed Babel."""
    import babel
    from babel import Locale

    locales: dict[str, Any] = {}
    for name in LOCALES.values():
        locale = Locale.parse(name)
        pattern = locale.date_formats["long"].format  # Babel's own %-pattern of the fields
        fields = set(_FIELD.findall(pattern))
        if not fields <= _DATE_FIELDS:
            raise ValueError(f"{name}'s long date names {sorted(fields - _DATE_FIELDS)}")
        locales[name] = {
            "long_date": pattern,
            "months": [locale.months["format"]["wide"][month] for month in range(1, 13)],
            "list": dict(locale.list_patterns["standard"].items()),
        }
    return {"babel": babel.__version__, "locales": locales}


def text(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


if __name__ == "__main__":  # python -m matchdesk.store.exchange.cldr: write cldr.json again
    DATA.write_text(text(extract()), encoding="utf-8")
    sys.stdout.write(f"wrote {DATA}\n")
