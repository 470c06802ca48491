"""Country names in the UN's six languages (and Kazakh, read only).

One place that knows which languages matchdesk writes and reads, so the resolver (typed and
imported names), the app (the workshop's language) and the exports (``--lang``) agree. A name
to print comes from, in order: the curated display table (``display.py``); pycountry's name
(English) or its translation; the UN's short name in that language where pycountry has no
translation or an inverted one ("Russie, Fédération de").

pycountry's tables and catalogs are read through ``iso``, which finds them without importing
the package (its import reads the package metadata: 30 ms of every command's start).
"""

from __future__ import annotations

import functools
import gettext
from collections.abc import Iterator
from typing import Any

from matchdesk.store.countries import iso
from matchdesk.store.countries.display import DISPLAY, WRONG_TRANSLATIONS
from matchdesk.store.countries.m49 import un_formal, un_name
from matchdesk.store.models import LANGUAGES as LANGUAGES  # re-exported: the names' languages
from matchdesk.store.models import Country

DEFAULT_LANGUAGE = "en"
# pycountry's locale for each language names are read or written in (Kazakh: read only).
LOCALES: dict[str, str] = {
    "fr": "fr",
    "es": "es",
    "ru": "ru",
    "ar": "ar",
    "zh": "zh_CN",
    "kk": "kk",
}
_NAME_FIELDS = ("name", "official_name", "common_name")


@functools.cache
def _catalog(lang: str) -> gettext.NullTranslations:
    locale = LOCALES.get(lang)
    if locale is None:
        return gettext.NullTranslations()
    return gettext.translation("iso3166-1", iso.locales_dir(), languages=[locale], fallback=True)


def translated(english: str, lang: str) -> str:
    """pycountry's ``lang`` translation of one of its English names (itself if it has none)."""
    return _catalog(lang).gettext(english)


def _translation(record: Any, field: str, lang: str) -> str | None:
    """pycountry's translation of ``record.field``, None if missing or known to be wrong."""
    english = getattr(record, field, None)
    if not english:
        return None
    text = translated(english, lang)
    if text == english or (lang, record.alpha_3, english) in WRONG_TRANSLATIONS:
        return None
    return text


def translations(record: Any) -> Iterator[tuple[str, str]]:
    """Every (language, name) pycountry's catalogs give ``record`` in the languages read."""
    for lang in LOCALES:
        for field in _NAME_FIELDS:
            text = _translation(record, field, lang)
            if text:
                yield lang, text


def is_inverted(name: str) -> bool:
    """ "Palestine, État de": a list's sort form, not a name to print."""
    return ", " in name or "، " in name  # the Arabic comma too


@functools.cache
def display_name(code: str, lang: str = DEFAULT_LANGUAGE) -> str | None:
    """The everyday short name of the ISO country ``code`` (alpha-3) in ``lang``; None if no
    such country. Languages other than the six print English."""
    record = iso.by_alpha_3(code)
    if record is None:
        return None
    curated = DISPLAY.get(record.alpha_3, {})
    english = curated.get("en") or getattr(record, "common_name", None) or record.name
    if lang not in LANGUAGES or lang == DEFAULT_LANGUAGE:
        return english
    if lang in curated:
        return curated[lang]
    un = un_name(record.alpha_3, lang)
    name = _translation(record, "common_name", lang) or _translation(record, "name", lang)
    if name is None or (is_inverted(name) and un and not is_inverted(un)):
        return un or name or english
    return name


@functools.cache
def official_display(code: str, lang: str = DEFAULT_LANGUAGE) -> str | None:
    """The official name ("Republic of Kazakhstan") of ``code`` in ``lang``: the UN's formal
    name (UNTERM) where the UN gives one, never ISO's inverted form ("Russie, Fédération de");
    else pycountry's official name or its translation; else the short name."""
    record = iso.by_alpha_3(code)
    if record is None:
        return None
    lang = lang if lang in LANGUAGES else DEFAULT_LANGUAGE
    un = un_formal(record.alpha_3, lang)
    if un:
        return un
    un_english = un_formal(record.alpha_3, DEFAULT_LANGUAGE)
    if un_english and un_english == un_name(record.alpha_3, DEFAULT_LANGUAGE):
        return display_name(code, lang)  # the UN's formal name is the short one ("Nepal")
    english = getattr(record, "official_name", None)
    if lang == DEFAULT_LANGUAGE:
        return english or display_name(code)
    official = _translation(record, "official_name", lang) if english else None
    if official and is_inverted(official):
        official = None
    return official or display_name(code, lang)


def localised(country: Country, lang: str) -> Country:
    """``country`` with its names in ``lang``; custom countries keep their own name."""
    if country.custom:
        return country
    name = display_name(country.code, lang)
    if name is None:
        return country
    official = official_display(country.code, lang) or name
    return Country(code=country.code, name=name, official_name=official, custom=False)


def country_name(country: Country, lang: str = DEFAULT_LANGUAGE) -> str:
    """The name to print for ``country`` in ``lang``, whatever language ``country`` was built
    in; custom countries keep their own name."""
    if country.custom:
        return country.name
    return display_name(country.code, lang) or country.name
