"""The index of ISO country names in every language matchdesk reads, built once per process.

Sources: pycountry's names and its catalogs' translations (fr, es, ru, ar, zh, kk), the UN's
names (``m49``), the display names (``languages``), the curated ``aliases``. A key that more
than one country claims is *ambiguous*: it resolves to none and is offered as a suggestion.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator
from typing import Any

from msgspec import Struct

from matchdesk.store.countries import iso
from matchdesk.store.countries.aliases import ALIASES, AMBIGUOUS, FORMER_ISO
from matchdesk.store.countries.folding import normalise
from matchdesk.store.countries.languages import (
    DEFAULT_LANGUAGE,
    LANGUAGES,
    display_name,
    is_inverted,
    localised,
    official_display,
    translations,
)
from matchdesk.store.countries.m49 import un_names
from matchdesk.store.countries.rules import CONNECTORS, DISTINCTIVE, GENERIC, Cores, core_index
from matchdesk.store.models import Country

# Words of a state's form, dropped before fuzzy matching so "Republic of Kazakhstn" is compared
# as "kazakhstn" (better matches, and short strings keep difflib fast).
_FORM_WORDS = frozenset(
    {"the", "of", "republic", "kingdom", "federal", "federative", "democratic", "people", "s"}
    | {"state", "islamic", "socialist", "plurinational", "bolivarian", "commonwealth"}
    | {"independent", "principality", "grand", "duchy"}
)
FORM_WORDS = GENERIC | DISTINCTIVE | CONNECTORS
_WHOLE_ONLY = "whole"  # the "language" of names that resolve whole but never complete a prefix
_INVERTED = re.compile(r"^(?P<short>[^,]+), (?P<form>[^,]+ of(?: the)?)$", re.IGNORECASE)


class IsoIndex(Struct, frozen=True):
    """Everything derived from pycountry and the UN table, built once per process; codes only,
    so one index serves every language."""

    by_code: dict[str, str]  # "KZ" / "KAZ" -> "KAZ"
    by_key: dict[str, str]  # a normalised name that means one country -> its alpha-3
    ambiguous: dict[str, tuple[str, ...]]  # a name that means several -> their codes
    primary: frozenset[str]  # the keys that are a name a list shows, ranked first
    sorted_keys: list[tuple[str, str]]  # (key, alpha-3), sorted, for prefix bisection
    languages: dict[str, frozenset[str]]  # key -> the languages it is a name in
    fuzzy: dict[str, tuple[str, ...]]  # core(key) -> codes, for typo suggestions
    order: dict[str, str]  # alpha-3 -> normalised English display name, for ordering
    cores: Cores  # a name's identifying words -> (code, form words): what the rules match
    spaced: tuple[tuple[str, str, str], ...]  # (" " + key, key, alpha-3): suggestions' scan
    # The fuzzy cores by letter pair, for a typo's shortlist; built with the rest (not on the
    # first typo, which would then wait for it in front of the room).
    pairs: LetterPairs


def _english(record: Any) -> Country:
    name = display_name(record.alpha_3) or record.name
    return Country(
        code=record.alpha_3,
        name=name,
        official_name=official_display(record.alpha_3) or name,
        custom=False,
    )


def _record_names(record: Any) -> Iterator[tuple[str, str]]:
    """Every (language, name) of a record: pycountry's, its translations, the UN's, the
    display names."""
    for attr in ("name", "official_name", "common_name"):
        name = getattr(record, attr, None)
        if name:
            yield DEFAULT_LANGUAGE, name
    match = _INVERTED.match(record.name)  # "Korea, Republic of" -> "Republic of Korea"
    if match:
        yield DEFAULT_LANGUAGE, f"{match['form']} {match['short']}"
    yield from translations(record)
    for lang, names in un_names(record.alpha_3).items():
        for name in names:  # "China, Hong Kong SAR" resolves whole; "chin" stays China's
            yield (_WHOLE_ONLY if is_inverted(name) else lang), name
    for lang in LANGUAGES:
        yield lang, display_name(record.alpha_3, lang) or ""


def _historic_names(name: str) -> Iterator[str]:
    """ "Zaire, Republic of" -> itself, "Zaire", "Republic of Zaire"."""
    yield name
    short, _, form = name.partition(", ")
    if form:
        yield short
        yield f"{form} {short}"


def _variants(key: str) -> set[str]:
    """*key* and its "St"/"Ste" spellings ("saint lucia" -> "st lucia")."""
    words = key.split()
    if "saint" not in words and "sainte" not in words:
        return {key}
    short = " ".join({"saint": "st", "sainte": "ste"}.get(word, word) for word in words)
    return {key, short}


def core(key: str) -> str:
    """*key* without the words of a state's form ("republic of korea" -> "korea")."""
    return " ".join(word for word in key.split() if word not in _FORM_WORDS) or key


def fuzzy_index(entries: Iterable[tuple[str, str]]) -> dict[str, tuple[str, ...]]:
    index: dict[str, dict[str, None]] = {}
    for key, code in entries:
        index.setdefault(core(key), {})[code] = None
    return {core: tuple(codes) for core, codes in index.items()}


def _pairs(text: str) -> set[str]:
    padded = f" {text} "
    return {padded[i : i + 2] for i in range(len(padded) - 1)}


class LetterPairs(Struct, frozen=True):
    """Which names share letter pairs with a typo, so difflib compares a short list, not the
    thousands of names in seven languages (that kept a keystroke's suggestions under 2 ms)."""

    postings: dict[str, tuple[str, ...]]  # letter pair -> the cores holding it
    sizes: dict[str, int]  # core -> how many distinct letter pairs it has

    @classmethod
    def of(cls, cores: Iterable[str]) -> LetterPairs:
        postings: dict[str, list[str]] = {}
        sizes: dict[str, int] = {}
        for name in cores:
            pairs = _pairs(name)
            sizes[name] = len(pairs)
            for pair in pairs:
                postings.setdefault(pair, []).append(name)
        return cls({pair: tuple(names) for pair, names in postings.items()}, sizes)

    def near(self, text: str, n: int) -> list[str]:
        """The ``n`` cores most like *text* by shared letter pairs (Dice), most alike first."""
        pairs = _pairs(text)
        shared: dict[str, int] = {}
        for pair in pairs:
            for name in self.postings.get(pair, ()):
                shared[name] = shared.get(name, 0) + 1
        size = len(pairs)
        return sorted(shared, key=lambda name: -shared[name] / (size + self.sizes[name]))[:n]


@functools.cache
def iso_codes() -> dict[str, str]:
    """ "KZ" / "KAZ" -> "KAZ" for every ISO country: all a stored code needs, without the
    index of names (``iso_index``), which is built only once a name is resolved."""
    by_code: dict[str, str] = {}
    for record in iso.countries():
        by_code[record.alpha_2.upper()] = by_code[record.alpha_3.upper()] = record.alpha_3
    return by_code


@functools.cache
def iso_index() -> IsoIndex:
    by_code = iso_codes()
    meanings: dict[str, dict[str, None]] = {}  # key -> codes it names, in first-seen order
    langs: dict[str, set[str]] = {}  # key -> the languages it is a name in
    order: dict[str, str] = {}
    primary: set[str] = set()
    keys: dict[str, str] = {}  # name -> normalised, as the sources repeat names a lot

    def key_of(name: str) -> str:
        key = keys.get(name)
        if key is None:
            key = keys[name] = normalise(name)
        return key

    def add(name: str, code: str, lang: str = DEFAULT_LANGUAGE) -> None:
        for key in _variants(key_of(name)):
            if key:
                meanings.setdefault(key, {})[code] = None
                langs.setdefault(key, set()).add(lang)

    for record in iso.countries():
        code = record.alpha_3
        order[code] = key_of(display_name(code) or record.name)
        primary.add(key_of(record.name))
        primary.update(key_of(display_name(code, lang) or "") for lang in LANGUAGES)
        for lang, name in dict.fromkeys(_record_names(record)):
            add(name, code, lang)
    for alias, code in ALIASES.items():
        if code in by_code:  # an alias for a code this pycountry lacks is simply unused
            add(alias, code)
    for record in iso.historic_countries():
        code = FORMER_ISO.get(record.alpha_4, "")
        if code in by_code:
            for name in _historic_names(record.name):
                add(name, code)
    for name, codes in AMBIGUOUS.items():
        for code in codes:
            if code in by_code:
                add(name, code)
    pairs = sorted((key, code) for key, codes in meanings.items() for code in codes)
    fuzzy = fuzzy_index(pairs)
    english = {DEFAULT_LANGUAGE, _WHOLE_ONLY}
    cores = core_index((key, code) for key, code in pairs if langs[key] & english)
    return IsoIndex(
        by_code=by_code,
        by_key={key: next(iter(codes)) for key, codes in meanings.items() if len(codes) == 1},
        ambiguous={key: tuple(codes) for key, codes in meanings.items() if len(codes) > 1},
        primary=frozenset(primary - {""}),
        sorted_keys=pairs,
        languages={key: frozenset(found) for key, found in langs.items()},
        fuzzy=fuzzy,
        pairs=LetterPairs.of(fuzzy),
        order=order,
        cores=cores,
        spaced=tuple((" " + key, key, code) for key, code in pairs),
    )


@functools.cache
def name_words() -> dict[str, tuple[tuple[frozenset[str], str], ...]]:
    """word -> (the identifying words of a name holding it, code), for ``close``: built on
    the first unknown name an import meets, never on the typing path."""
    by_word: dict[str, dict[tuple[frozenset[str], str], None]] = {}
    for key, code in iso_index().sorted_keys:
        words = identifying_words(key)
        for word in words:
            by_word.setdefault(word, {})[(words, code)] = None
    return {word: tuple(found) for word, found in by_word.items()}


def identifying_words(key: str) -> frozenset[str]:
    """The words of a normalised name that are not a state's form ("of", "republic")."""
    return frozenset(word for word in key.split() if word not in FORM_WORDS)


@functools.cache
def typing_keys(lang: str) -> list[tuple[str, str]]:
    """The sorted (key, alpha-3) pairs a typed beginning completes to in a workshop shown in
    *lang*: names in English (and the curated aliases) and in *lang*. Whole names in any
    language resolve; beginnings in a third language would make "Hong" (Hongrie) or "Tai"
    (Tailandia) ambiguous for everyone, so they only suggest."""
    index = iso_index()
    wanted = {DEFAULT_LANGUAGE, lang}
    return [pair for pair in index.sorted_keys if index.languages[pair[0]] & wanted]


@functools.cache
def named_in(lang: str) -> dict[str, Country]:
    """The ISO countries named in *lang* so far, by alpha-3 (``iso_named`` fills it)."""
    return {}


def iso_named(alpha_3: str, lang: str) -> Country:
    """The ISO country *alpha_3* (a value of ``iso_codes``) named in *lang*, made on first
    use: a workshop names a few dozen countries, and naming all 249 costs every command
    3 ms (8 ms in French)."""
    named = named_in(lang)
    country = named.get(alpha_3)
    if country is None:
        if lang == DEFAULT_LANGUAGE:
            country = _english(iso.by_alpha_3(alpha_3))
        else:
            country = localised(iso_named(alpha_3, DEFAULT_LANGUAGE), lang)
        named[alpha_3] = country
    return country


@functools.cache
def countries_in(lang: str) -> dict[str, Country]:
    """Every ISO country by alpha-3, named in *lang*."""
    return {code: iso_named(code, lang) for code in dict.fromkeys(iso_codes().values())}


def iso_country(code: str) -> Country | None:
    """The ISO country (English names) for an alpha-2 or alpha-3 *code* in any case, else None."""
    alpha_3 = iso_codes().get(code.strip().upper())
    return iso_named(alpha_3, DEFAULT_LANGUAGE) if alpha_3 else None
