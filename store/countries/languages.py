"""Country names in the UN's six languages (and Kazakh), from pycountry's bundled translations.

One place that knows which languages matchdesk writes and reads, so the resolver (typed and
imported names) and the exports (``--lang``) agree on them.
"""

from __future__ import annotations

import functools
import gettext

import pycountry

from matchdesk.store.models import Country

# The languages reports can be written in: the six official languages of the UN.
LANGUAGES: dict[str, str] = {
    "en": "English",
    "fr": "Français",
    "es": "Español",
    "ru": "Русский",
    "ar": "العربية",
    "zh": "中文",
}
# pycountry's locale for each language names are read or written in (Kazakh: read only).
LOCALES: dict[str, str] = {
    "fr": "fr",
    "es": "es",
    "ru": "ru",
    "ar": "ar",
    "zh": "zh_CN",
    "kk": "kk",
}


@functools.cache
def _catalog(lang: str) -> gettext.NullTranslations:
    locale = LOCALES.get(lang)
    if locale is None:
        return gettext.NullTranslations()
    return gettext.translation(
        "iso3166-1", pycountry.LOCALES_DIR, languages=[locale], fallback=True
    )


def translated(english: str, lang: str) -> str:
    """pycountry's ``lang`` translation of one of its English names (itself if it has none)."""
    return _catalog(lang).gettext(english)


def country_name(country: Country, lang: str = "en") -> str:
    """The name to print for ``country`` in ``lang``; custom countries keep their own name."""
    if country.custom or lang == "en":
        return country.name
    record = pycountry.countries.get(alpha_3=country.code)
    if record is None:
        return country.name
    official = translated(record.name, lang)
    common = getattr(record, "common_name", None)
    if common:  # "Bolivia" rather than "Bolivia, Estado plurinacional de"
        name = translated(common, lang)
        if name != common or "," in official:
            return name
    return official
