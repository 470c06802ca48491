"""Country names: typed or imported text -> an ISO 3166 country or a workshop's custom one.

Resolution is exact (docs/app.md, "Country names"): codes, then names in any of the UN's six
languages or Kazakh, the UN's names and the curated aliases (``index``), then the workshop's
custom countries. Prefix and fuzzy matching only ever *suggest*, so a custom entity such as
"Carpathian Ukraine" is never silently filed under Ukraine, and a name that means two
countries ("Korea") is never resolved.
"""

from __future__ import annotations

import difflib
from bisect import bisect_left
from collections.abc import Iterable, Iterator

from matchdesk.store.countries.custom import custom_code, make_custom
from matchdesk.store.countries.folding import normalise
from matchdesk.store.countries.index import (
    IsoIndex,
    core,
    countries_in,
    fuzzy_index,
    identifying_words,
    iso_codes,
    iso_country,
    iso_index,
    iso_named,
    name_words,
    named_in,
    typing_keys,
)
from matchdesk.store.countries.languages import DEFAULT_LANGUAGE, LANGUAGES
from matchdesk.store.countries.rules import Names, meanings
from matchdesk.store.errors import InvalidValue
from matchdesk.store.models import Country

__all__ = ["CountryResolver", "custom_code", "iso_country", "make_custom", "normalise"]

_FUZZY_CUTOFF = 0.6
_CLOSE_CUTOFF = 0.75  # a typo this close to a country's name is asked about on import
_SHORTLIST = 40  # names difflib compares a typo with, chosen by shared letter pairs
# What the rules made of a text, for every resolver in the process (they read ISO names only).
_RULE_CACHE: dict[str, tuple[str, ...]] = {}
_RULE_CACHE_SIZE = 4096


class CountryResolver:
    """Resolves names against ISO countries plus one workshop's custom countries.

    Countries come back named in ``lang`` (one of ``LANGUAGES``); names in every language
    resolve whatever ``lang`` is.
    """

    def __init__(self, custom: Iterable[Country] = (), lang: str = DEFAULT_LANGUAGE) -> None:
        self._codes = iso_codes()
        self.lang = lang if lang in LANGUAGES else DEFAULT_LANGUAGE
        self._named = named_in(self.lang)  # the countries a stored code named so far
        self._custom: dict[str, Country] = {}  # upper-case code -> Country, insertion order
        self._custom_keys: dict[str, Country] = {}
        self._custom_fuzzy: dict[str, tuple[str, ...]] = {}
        for country in custom:
            self.add_custom(country)

    @property
    def _iso(self) -> IsoIndex:
        """The index of names in seven languages (0.15 s), built on the first name resolved
        or suggested in this process: a command that only counts stored codes never needs it
        (``warm`` builds it ahead, for the app)."""
        return iso_index()

    @property
    def _countries(self) -> dict[str, Country]:
        """Every ISO country, named: for resolving and suggesting names (a stored code only
        names its own, ``by_code``)."""
        return countries_in(self.lang)

    @staticmethod
    def warm() -> None:
        """Build the index of names now, so the first name typed does not wait for it."""
        iso_index()

    def add_custom(self, country: Country) -> None:
        """Register a custom country; re-adding a code replaces it (e.g. after a rename)."""
        if not country.custom:
            raise ValueError(f"{country.name!r} is not a custom country.")
        code = country.code.strip().upper()
        if not code or code in self._codes:
            raise ValueError(f"{country.code!r} cannot be a custom country's code.")
        self._custom[code] = country
        keys: dict[str, Country] = {}
        for entry in self._custom.values():  # few entries: rebuilding keeps the first name owner
            for key in (normalise(entry.name), normalise(entry.official_name)):
                if key:
                    keys.setdefault(key, entry)
        self._custom_keys = keys
        self._custom_fuzzy = fuzzy_index((key, c.code.upper()) for key, c in keys.items())

    def custom(self) -> tuple[Country, ...]:
        """The registered custom countries, in the order they were added."""
        return tuple(self._custom.values())

    def by_code(self, code: str) -> Country | None:
        """The ISO (alpha-2/alpha-3) or custom country with *code*, in any case."""
        code = code.strip().upper()
        alpha_3 = self._codes.get(code)
        if alpha_3 is None:
            return self._custom.get(code)
        return self._named.get(alpha_3) or iso_named(alpha_3, self.lang)

    def resolve(self, text: str) -> Country | None:
        """The country *text* names exactly, else None; never guesses (see module docstring).

        A name that means several countries (in one language or across two) resolves to none
        (unless the workshop has a custom country of that name, made by a person).
        """
        stripped = text.strip()
        if len(stripped) in (2, 3) and stripped.isascii() and stripped.isalpha():
            alpha_3 = self._codes.get(stripped.upper())
            if alpha_3 is not None:
                return self._countries[alpha_3]
        key = normalise(text)
        alpha_3 = self._iso.by_key.get(key)
        if alpha_3 is not None:
            return self._countries[alpha_3]
        custom = self._custom_keys.get(key) or self._custom.get(stripped.upper())
        if custom is not None or key in self._iso.ambiguous:
            return custom
        codes = self._by_rule(text)
        return self._countries[codes[0]] if len(codes) == 1 else None

    def ambiguous(self, text: str) -> tuple[Country, ...]:
        """The countries *text* could mean when it names more than one ("Korea", "Rep. of
        Korea"), else ()."""
        key = normalise(text)
        codes = self._iso.ambiguous.get(key, ())
        if not codes and key not in self._iso.by_key:
            found = self._by_rule(text)
            codes = found if len(found) > 1 else ()
        return tuple(self._countries[code] for code in codes)

    def _by_rule(self, text: str) -> tuple[str, ...]:
        """The ISO countries *text* means by rule (``rules``): abbreviations, designations,
        inverted and qualified forms. Remembered: a keystroke asks it up to three times
        (``resolve_typed``, then ``suggest``'s exact match and ambiguity)."""
        found = _RULE_CACHE.get(text)
        if found is None:
            iso = self._iso
            if len(_RULE_CACHE) >= _RULE_CACHE_SIZE:
                _RULE_CACHE.clear()
            found = _RULE_CACHE[text] = meanings(text, Names(iso.by_key, iso.ambiguous, iso.cores))
        return found

    def check_unambiguous(self, text: str) -> None:
        """Refuse (``InvalidValue``) a name that means several countries, naming them, so it
        is never filed as a custom country either."""
        countries = self.ambiguous(text)
        if countries:
            names = " or ".join(country.name for country in countries)
            raise InvalidValue(f"{text.strip()!r} could mean {names}: write the one you mean.")

    def resolve_typed(self, text: str) -> Country | None:
        """Like resolve(), but also accepts an unambiguous prefix of 3+ characters while typing,
        of a name in English or the resolver's language (``typing_keys``)."""
        country = self.resolve(text)
        if country is not None:
            return country
        key = normalise(text)
        if len(key) < 3:
            return None
        found: dict[str, Country] = {}
        keys = typing_keys(self.lang)
        index = bisect_left(keys, key, key=lambda item: item[0])
        while index < len(keys) and keys[index][0].startswith(key):
            found[keys[index][1]] = self._countries[keys[index][1]]
            index += 1
        for custom_key, custom in self._custom_keys.items():
            if custom_key.startswith(key):
                found[custom.code] = custom
        return next(iter(found.values())) if len(found) == 1 else None

    def suggest(self, text: str, limit: int = 8) -> list[Country]:
        """Candidates for *text*, best first; only suggests, the caller decides.

        Groups, each ordered by name: the exact match (or every country an ambiguous name
        means); codes and names starting with *text*; official names and aliases starting
        with it; names with a word starting with it ("ukr" -> Ukraine, Carpathian Ukraine);
        then fuzzy matches for typos.
        """
        key = normalise(text)
        if not key or limit <= 0:
            return []
        groups: tuple[dict[str, Country], ...] = ({}, {}, {})
        if len(key) <= 3 and key.isalpha() and key.isascii():
            for code, alpha_3 in self._codes.items():
                if code.lower().startswith(key):
                    groups[0][alpha_3] = self._countries[alpha_3]
        spaced = " " + key
        primary = self._iso.primary
        countries = self._countries
        for spaced_key, name_key, alpha_3 in self._iso.spaced:  # one search per key, no copies
            if spaced in spaced_key:
                group = (0 if name_key in primary else 1) if spaced_key.startswith(spaced) else 2
                groups[group][alpha_3] = countries[alpha_3]
        for name_key, country in self._custom_keyed():
            if name_key.startswith(key):
                groups[0][country.code] = country
            elif spaced in " " + name_key:
                groups[2][country.code] = country

        result: dict[str, Country] = {}
        exact = self.resolve(text)
        for country in (exact,) if exact is not None else self.ambiguous(text):
            result[country.code] = country
        for members in groups:
            for country in sorted(members.values(), key=self._order):
                result.setdefault(country.code, country)
        if len(result) < limit:
            for country in self._fuzzy(core(key), limit):
                result.setdefault(country.code, country)
        return list(result.values())[:limit]

    def close(self, text: str, limit: int = 3) -> list[Country]:
        """The ISO countries an unknown name is close to, best first: a typo of one's name
        ("Czeck Republic") or a fragment of it ("Zealand", "Papua"). What an import asks
        about before it makes a custom country; [] when nothing is close ("Atlantis"), and
        for a name that holds a country's name and more ("Carpathian Ukraine", "Mexico
        City"): a region or a city, made a custom country on purpose."""
        key = normalise(text)
        if not key:
            return []
        found: dict[str, Country] = {}
        for country in self._fuzzy(core(key), limit, _CLOSE_CUTOFF):
            if not country.custom:
                found.setdefault(country.code, country)
        words = identifying_words(key)
        if words:
            holding = {
                code for word in words for name, code in name_words().get(word, ()) if words < name
            }
            for code in sorted(holding, key=lambda code: self._order(self._countries[code])):
                found.setdefault(code, self._countries[code])
        return list(found.values())[:limit]

    def _fuzzy(self, core: str, limit: int, cutoff: float = _FUZZY_CUTOFF) -> list[Country]:
        """Countries whose name (form words dropped) is close to *core*, closest first."""
        iso = self._iso.fuzzy
        choices = {name: iso[name] for name in self._iso.pairs.near(core, _SHORTLIST)}
        # one ranking, so a close custom name beats a weak ISO match
        for key, codes in self._custom_fuzzy.items():
            choices[key] = choices.get(key, ()) + codes
        matches = difflib.get_close_matches(core, choices, n=limit, cutoff=cutoff)
        found = (self.by_code(code) for match in matches for code in choices[match])
        return [country for country in found if country is not None]

    def _custom_keyed(self) -> Iterator[tuple[str, Country]]:
        """Every (normalised key, custom country) pair, codes included ("x carpathian ukraine")."""
        yield from self._custom_keys.items()
        for country in self._custom.values():
            yield normalise(country.code), country

    def _order(self, country: Country) -> tuple[str, str]:
        return (self._iso.order.get(country.code) or normalise(country.name), country.code)
