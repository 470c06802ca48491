"""Country names: typed or imported text -> an ISO 3166 country or a workshop's custom one.

Resolution is exact (README, "Country names"): codes, pycountry's names, a short alias
table, then the workshop's custom countries. Prefix and fuzzy matching only ever *suggest*, so a
custom entity such as "Carpathian Ukraine" is never silently filed under Ukraine.
"""

from __future__ import annotations

import difflib
import functools
import hashlib
import re
import unicodedata
from bisect import bisect_left
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

import pycountry

from matchdesk.store.countries.aliases import ALIASES
from matchdesk.store.models import Country

_PREFIXES = ("the ", "government of ")
_NOT_ALNUM_RUN = re.compile(r"[^a-z0-9]+")
_NOT_ASCII_ALNUM = re.compile(r"[^a-z0-9]")
# Latin letters NFKD does not decompose, so custom codes keep them readable ("Łódź" -> LODZ).
_TRANSLIT = str.maketrans(
    {"ł": "l", "ø": "o", "đ": "d", "ð": "d", "þ": "th", "æ": "ae", "œ": "oe", "ı": "i", "ħ": "h"}
)
_CODE_MAX = 40
_HASH_LEN = 6
# Words of a state's form, dropped before fuzzy matching so "Republic of Kazakhstn" is compared
# as "kazakhstn" (better matches, and short strings keep difflib fast).
_FORM_WORDS = frozenset(
    {"the", "of", "republic", "kingdom", "federal", "federative", "democratic", "people", "s"}
    | {"state", "islamic", "socialist", "plurinational", "bolivarian", "commonwealth"}
    | {"independent", "principality", "grand", "duchy"}
)
_FUZZY_CUTOFF = 0.6
_INVERTED = re.compile(r"^(?P<short>[^,]+), (?P<form>[^,]+ of(?: the)?)$", re.IGNORECASE)


def normalise(name: str) -> str:
    """Fold *name* to the key all matching uses, so spelling noise never blocks a match.

    Case, accents, punctuation, symbols and extra spaces are ignored, and so are a leading
    "the" and "government of (the)", which printed delegation lists often carry.
    """
    if name.isascii():  # fast path: for ASCII, casefold is lower and NFKD changes nothing
        text = " ".join(_NOT_ALNUM_RUN.sub(" ", name.lower()).split())
    else:
        text = _fold(name)
    while True:
        for prefix in _PREFIXES:
            if text.startswith(prefix):
                text = text[len(prefix) :]
                break
        else:
            return text


def _fold(text: str) -> str:
    """Casefold, strip accents and blank out non-alphanumerics until stable (idempotence)."""
    for _ in range(4):  # one pass almost always suffices; NFKD can expose uppercase letters
        chars: list[str] = []
        for ch in unicodedata.normalize("NFKD", text.casefold()):
            category = unicodedata.category(ch)
            if category in ("Mn", "Me"):  # accents and other non-spacing marks
                continue
            chars.append(ch if category[0] in "LNM" else " ")
        folded = " ".join("".join(chars).split())
        if folded == text:
            break
        text = folded
    return text


def _digest(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest().upper()


def custom_code(name: str) -> str:
    """A stable code for a custom country, readable in exports and never an ISO code.

    "X-" plus an ASCII slug of the normalised name ("X-CARPATHIAN-UKRAINE"). A hash is added
    when the slug would lose information (non-Latin letters, over-long names) so distinct
    names keep distinct codes; names with no Latin letters at all get "X-" + 10 hex digits.
    """
    key = normalise(name)
    digest = _digest(key or name.strip())
    words = key.translate(_TRANSLIT).split()
    ascii_words = [_NOT_ASCII_ALNUM.sub("", word) for word in words]
    slug = "-".join(word for word in ascii_words if word).upper()
    if not slug:
        return "X-" + digest[:10]
    code = "X-" + slug
    lossy = "".join(ascii_words) != "".join(words)
    if lossy or len(code) > _CODE_MAX:
        room = _CODE_MAX - len("X-") - 1 - _HASH_LEN
        code = "X-" + slug[:room].rstrip("-") + "-" + digest[:_HASH_LEN]
    return code


def make_custom(name: str) -> Country:
    """A custom country for *name* (stripped); blank names are refused, a report can't show one."""
    name = name.strip()
    if not name:
        raise ValueError("A custom country needs a name.")
    return Country(code=custom_code(name), name=name, official_name=name, custom=True)


@dataclass(frozen=True)
class _IsoIndex:
    """Everything derived from pycountry, built once per process."""

    by_code: dict[str, Country]  # "KZ" / "KAZ" -> Country
    by_key: dict[str, Country]  # normalised name / official / common / alias -> Country
    primary: frozenset[str]  # the by_key keys that are a name a list shows, ranked first
    sorted_keys: list[tuple[str, Country]]  # by_key's items sorted, for prefix bisection
    fuzzy: dict[str, tuple[Country, ...]]  # _core(key) -> countries, for typo suggestions
    order: dict[str, str]  # alpha-3 -> normalised display name, for ordering suggestions


def _iso_from_record(record: Any) -> Country:
    name: str = record.name
    return Country(
        code=record.alpha_3,
        name=getattr(record, "common_name", None) or name,
        official_name=getattr(record, "official_name", None) or name,
        custom=False,
    )


def _record_keys(record: Any) -> list[str]:
    """A record's normalised names, plus "Korea, Republic of" -> "Republic of Korea"."""
    names = [getattr(record, attr, None) for attr in ("name", "official_name", "common_name")]
    keys = [normalise(name) for name in names if name]
    match = _INVERTED.match(record.name)
    if match:
        keys.append(normalise(f"{match['form']} {match['short']}"))
    return [key for key in keys if key]


def _core(key: str) -> str:
    """*key* without the words of a state's form ("republic of korea" -> "korea")."""
    return " ".join(word for word in key.split() if word not in _FORM_WORDS) or key


def _fuzzy_index(entries: Iterable[tuple[str, Country]]) -> dict[str, tuple[Country, ...]]:
    index: dict[str, dict[str, Country]] = {}
    for key, country in entries:
        index.setdefault(_core(key), {})[country.code] = country
    return {core: tuple(countries.values()) for core, countries in index.items()}


@functools.cache
def _iso() -> _IsoIndex:
    by_code: dict[str, Country] = {}
    by_key: dict[str, Country] = {}
    order: dict[str, str] = {}
    primary: set[str] = set()
    for record in pycountry.countries:
        country = _iso_from_record(record)
        by_code[record.alpha_2.upper()] = country
        by_code[record.alpha_3.upper()] = country
        order[country.code] = normalise(country.name)
        primary.update((order[country.code], normalise(record.name)))
        for key in _record_keys(record):
            by_key.setdefault(key, country)
    for alias, alpha_3 in ALIASES.items():
        if alpha_3 in by_code:  # an alias for a code this pycountry lacks is simply unused
            by_key.setdefault(normalise(alias), by_code[alpha_3])
    return _IsoIndex(
        by_code=by_code,
        by_key=by_key,
        primary=frozenset(primary),
        sorted_keys=sorted(by_key.items(), key=lambda item: item[0]),
        fuzzy=_fuzzy_index(by_key.items()),
        order=order,
    )


def iso_country(code: str) -> Country | None:
    """The ISO country for an alpha-2 or alpha-3 *code* in any case, else None."""
    return _iso().by_code.get(code.strip().upper())


class CountryResolver:
    """Resolves names against ISO countries plus one workshop's custom countries."""

    def __init__(self, custom: Iterable[Country] = ()) -> None:
        self._iso = _iso()
        self._custom: dict[str, Country] = {}  # upper-case code -> Country, insertion order
        self._custom_keys: dict[str, Country] = {}
        self._custom_fuzzy: dict[str, tuple[Country, ...]] = {}
        for country in custom:
            self.add_custom(country)

    def add_custom(self, country: Country) -> None:
        """Register a custom country; re-adding a code replaces it (e.g. after a rename)."""
        if not country.custom:
            raise ValueError(f"{country.name!r} is not a custom country.")
        code = country.code.strip().upper()
        if not code or code in self._iso.by_code:
            raise ValueError(f"{country.code!r} cannot be a custom country's code.")
        self._custom[code] = country
        keys: dict[str, Country] = {}
        for entry in self._custom.values():  # few entries: rebuilding keeps the first name owner
            for key in (normalise(entry.name), normalise(entry.official_name)):
                if key:
                    keys.setdefault(key, entry)
        self._custom_keys = keys
        self._custom_fuzzy = _fuzzy_index(keys.items())

    def custom(self) -> tuple[Country, ...]:
        """The registered custom countries, in the order they were added."""
        return tuple(self._custom.values())

    def by_code(self, code: str) -> Country | None:
        """The ISO (alpha-2/alpha-3) or custom country with *code*, in any case."""
        code = code.strip().upper()
        return self._iso.by_code.get(code) or self._custom.get(code)

    def resolve(self, text: str) -> Country | None:
        """The country *text* names exactly, else None; never guesses (see module docstring)."""
        stripped = text.strip()
        if len(stripped) in (2, 3) and stripped.isascii() and stripped.isalpha():
            country = self._iso.by_code.get(stripped.upper())
            if country is not None:
                return country
        key = normalise(text)
        return (
            self._iso.by_key.get(key)
            or self._custom_keys.get(key)
            or self._custom.get(stripped.upper())
        )

    def resolve_typed(self, text: str) -> Country | None:
        """Like resolve(), but also accepts an unambiguous prefix of 3+ characters while typing."""
        country = self.resolve(text)
        if country is not None:
            return country
        key = normalise(text)
        if len(key) < 3:
            return None
        found: dict[str, Country] = {}
        keys = self._iso.sorted_keys
        index = bisect_left(keys, key, key=lambda item: item[0])
        while index < len(keys) and keys[index][0].startswith(key):
            found[keys[index][1].code] = keys[index][1]
            index += 1
        for custom_key, custom in self._custom_keys.items():
            if custom_key.startswith(key):
                found[custom.code] = custom
        return next(iter(found.values())) if len(found) == 1 else None

    def suggest(self, text: str, limit: int = 8) -> list[Country]:
        """Candidates for *text*, best first; only suggests, the caller decides.

        Groups, each ordered by name: the exact match; codes and names starting with *text*;
        official names and aliases starting with it; names with a word starting with it
        ("ukr" -> Ukraine, Carpathian Ukraine); then fuzzy matches for typos.
        """
        key = normalise(text)
        if not key or limit <= 0:
            return []
        groups: tuple[dict[str, Country], ...] = ({}, {}, {})
        if len(key) <= 3 and key.isalpha() and key.isascii():
            for code, country in self._iso.by_code.items():
                if code.lower().startswith(key):
                    groups[0][country.code] = country
        spaced = " " + key
        primary = self._iso.primary
        for name_key, country in self._keyed():
            if name_key.startswith(key):
                groups[0 if country.custom or name_key in primary else 1][country.code] = country
            elif spaced in " " + name_key:
                groups[2][country.code] = country

        result: dict[str, Country] = {}
        exact = self.resolve(text)
        if exact is not None:
            result[exact.code] = exact
        for group in groups:
            for country in sorted(group.values(), key=self._order):
                result.setdefault(country.code, country)
        if len(result) < limit:
            for country in self._fuzzy(_core(key), limit):
                result.setdefault(country.code, country)
        return list(result.values())[:limit]

    def _fuzzy(self, core: str, limit: int) -> list[Country]:
        """Countries whose name (form words dropped) is close to *core*, closest first."""
        choices = self._iso.fuzzy
        if self._custom_fuzzy:  # one ranking, so a close custom name beats a weak ISO match
            choices = dict(choices)
            for key, countries in self._custom_fuzzy.items():
                choices[key] = choices.get(key, ()) + countries
        matches = difflib.get_close_matches(core, choices, n=limit, cutoff=_FUZZY_CUTOFF)
        return [country for match in matches for country in choices[match]]

    def _keyed(self) -> Iterator[tuple[str, Country]]:
        """Every (normalised key, country) pair, custom codes included ("x carpathian ukraine")."""
        yield from self._iso.by_key.items()
        yield from self._custom_keys.items()
        for country in self._custom.values():
            yield normalise(country.code), country

    def _order(self, country: Country) -> tuple[str, str]:
        return (self._iso.order.get(country.code) or normalise(country.name), country.code)
