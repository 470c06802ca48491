"""The report's language: its gettext catalog, its dates and lists, its writing direction.

The fixed text of every export is English in the code and translated by the gettext catalogs
in ``locale/`` (kept with Babel's tools: docs/translating.md). Plurals go through
``ngettext``/``npgettext``, so each catalog's own Plural-Forms picks the form (Russian has
three, Arabic six). Dates and lists ("A, B and C") come from the CLDR data Babel gives, which
knows the genitive months and conjunctions each language needs, kept in ``cldr.json``
(``cldr.py``).
"""

from __future__ import annotations

import functools
import gettext
import re
from datetime import date
from pathlib import Path

from matchdesk.store.countries.languages import LANGUAGES
from matchdesk.store.errors import InvalidValue
from matchdesk.store.exchange import cldr

DOMAIN = "messages"
# Beside this module, as the package is installed (a folder): through importlib.resources it
# cost every export and follow-up list 9 ms of imports.
LOCALE_DIR = str(Path(__file__).with_name("locale"))
# The language tag documents carry (w:lang), so spelling and hyphenation follow the text.
_TAGS = {"en": "en-GB", "fr": "fr-FR", "es": "es-ES", "ru": "ru-RU", "ar": "ar-SA", "zh": "zh-CN"}
_RIGHT_TO_LEFT = frozenset({"ar"})
_AND_BEFORE_LATIN = re.compile("(?<=\\s)\u0648(?=[^\\s\\d\u0600-\u06ff])")


def check_lang(lang: str) -> str:
    """Refuse a language the reports are not written in, naming the ones they are."""
    if lang not in LANGUAGES:
        raise InvalidValue(
            f"Unknown report language {lang!r}; choose one of {', '.join(LANGUAGES)}."
        )
    return lang


class Wording:
    """One language's words for the exports; call sites use gettext's names so that
    ``pybabel extract`` finds every message."""

    def __init__(self, lang: str) -> None:
        self.lang = check_lang(lang)
        self.tag = _TAGS[lang]
        self.rtl = lang in _RIGHT_TO_LEFT
        self._catalog = _catalog(lang)

    def gettext(self, message: str) -> str:
        return self._catalog.gettext(message)

    def pgettext(self, context: str, message: str) -> str:
        return self._catalog.pgettext(context, message)

    def ngettext(self, singular: str, plural: str, n: int, **fields: str) -> str:
        """The form for ``n``, with ``{n}`` (and any other ``fields``) filled in."""
        return self._catalog.ngettext(singular, plural, n).format(n=n, **fields)

    def npgettext(self, context: str, singular: str, plural: str, n: int, **fields: str) -> str:
        """The form for ``n`` in ``context``, with ``{n}`` (and ``fields``) filled in."""
        return self._catalog.npgettext(context, singular, plural, n).format(n=n, **fields)

    def date(self, day: date) -> str:
        """``29 October 2021``, ``29 octobre 2021``, ``29 октября 2021 г.``, ``2021年10月29日``."""
        return cldr.long_date(day, self.lang)

    def join(self, items: list[str]) -> str:
        """``A, B and C`` as the language lists things (``A、B和C``, ``A وB وC``)."""
        joined = cldr.join([item for item in items if item], self.lang)
        if self.rtl:
            # Arabic writes "و" ("and") against the next word; before a Latin name a space
            # keeps it from reading as part of the name before it ("Cooperationو Astana").
            joined = _AND_BEFORE_LATIN.sub("\u0648 ", joined)
        return joined


@functools.cache
def wording(lang: str = "en") -> Wording:
    """The (cached) wording of ``lang``."""
    return Wording(lang)


def _catalog(lang: str) -> gettext.NullTranslations:
    """English is the catalogs' source text; the other languages must have a compiled catalog
    (a missing one is a packaging fault, so it fails loudly rather than print English)."""
    if lang == "en":
        return gettext.NullTranslations()
    return gettext.translation(DOMAIN, LOCALE_DIR, languages=[lang])
