"""The countries a chat message, or a sender's display name, names.

Names resolve as typed in the app (codes, names in the UN's six languages and Kazakh, the
curated aliases, the workshop's custom countries), looked up over every run of words of the
message; a code counts only written in capitals ("PHL"), since "can", "and" and "per" are
words as well as codes; a Russian name in another case ("из Казахстана") resolves by its
unambiguous beginning; a misspelt name ("Philipines") only when it is close to a country the
workshop already has, and the proposal says so.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from matchdesk.store.chat.words import words as words_of
from matchdesk.store.countries import CountryResolver, normalise
from matchdesk.store.countries.index import iso_index
from matchdesk.store.models import Country

MAX_WORDS = 6  # the longest country name looked for, in words
# Names that are also ordinary words in a chat ("того" is "of that" in Russian); a short key
# is a code or an alias ("us", "uk"), only taken in capitals.
_COMMON = frozenset({"того", "мали", "чад", "oman", "man", "chad", "jordan", "guinea"})
_CODE = re.compile(r"(?<![\w#])([A-Z]{3}|UK)(?![\w])")
_NOT_CODES = frozenset({"CAF", "AND", "ARE", "PER", "CAN", "BEN", "TON", "FIN", "NOR", "ICT"})
_CYRILLIC_WORD = re.compile(r"[а-яё]{5,}")
_SEGMENTS = re.compile(r"[()\[\]|,/;:]|\s[-–—]\s")


@dataclass(frozen=True)
class Found:
    """A country a text names; ``corrected`` holds the misspelt words it was read from."""

    country: Country
    corrected: str = ""


class CountryFinder:
    """Finds country names in free text for one workshop (its language, custom countries and
    the countries it already has, which misspellings are matched against)."""

    def __init__(self, resolver: CountryResolver, known: Iterable[Country] = ()) -> None:
        self.resolver = resolver
        index = iso_index()
        self._keys: dict[str, str] = {
            key: code for key, code in index.by_key.items() if len(key) > 3 and key not in _COMMON
        }
        for country in resolver.custom():
            for name in (country.name, country.official_name):
                key = normalise(name)
                if len(key) > 3:
                    self._keys[key] = country.code
        self._first: dict[str, int] = {}  # first word of a name -> most words of such a name
        for key in self._keys:
            words = key.split()
            if len(words) <= MAX_WORDS:
                self._first[words[0]] = max(self._first.get(words[0], 0), len(words))
        self._russian = CountryResolver(resolver.custom(), "ru")
        self._near: dict[str, Country] = {}
        for country in known:
            for name in (country.name, country.official_name):
                key = normalise(name)
                if len(key) >= 6:
                    self._near[key] = country
        self._typos: dict[str, Found | None] = {}
        self._stems: dict[str, Country | None] = {}
        self._senders: dict[str, Country | None] = {}

    def _country(self, code: str) -> Country | None:
        return self.resolver.by_code(code)

    def find(self, text: str, words: Sequence[str] | None = None) -> list[Found]:
        """The countries ``text`` (folded: ``words``) names, in the order it names them, each
        once."""
        found: dict[str, Found] = {}
        if words is None:
            words = words_of(text)
        index = 0
        while index < len(words):
            longest = self._first.get(words[index], 0)
            hit = None
            for size in range(min(longest, len(words) - index), 0, -1):
                code = self._keys.get(" ".join(words[index : index + size]))
                if code is not None:
                    hit = (code, size)
                    break
            if hit is not None:
                country = self._country(hit[0])
                if country is not None:
                    found.setdefault(country.code, Found(country))
                index += hit[1]
                continue
            word = words[index]
            if _CYRILLIC_WORD.fullmatch(word):
                russian = self._inflected(word)
                if russian is not None:
                    found.setdefault(russian.code, Found(russian))
            elif len(word) >= 6 and word.isalpha() and self._near:
                typo = self._typo(word)
                if typo is not None:
                    found.setdefault(typo.country.code, typo)
            index += 1
        for match in _CODE.finditer(text):
            code = match.group(1)
            if code in _NOT_CODES or text.isupper():
                continue
            country = self._country("GBR" if code == "UK" else code)
            if country is not None:
                found.setdefault(country.code, Found(country))
        return list(found.values())

    def _inflected(self, word: str) -> Country | None:
        """A Russian name in another grammatical case: "Казахстана", "Филиппин", "Грузии"."""
        if word not in self._stems:
            self._stems[word] = self._stem(word)
        return self._stems[word]

    def _stem(self, word: str) -> Country | None:
        for cut in (0, 1, 2):
            stem = word[: len(word) - cut] if cut else word
            if len(stem) < 4:
                break
            country = self._russian.resolve_typed(stem)
            if country is not None:
                return self._country(country.code) or country
        return None

    def _typo(self, word: str) -> Found | None:
        if word in self._typos:
            return self._typos[word]
        match = process.extractOne(word, self._near.keys(), scorer=fuzz.ratio, score_cutoff=86)
        result = None if match is None else Found(self._near[match[0]], corrected=word)
        self._typos[word] = result
        return result

    def in_sender(self, sender: str) -> Country | None:
        if sender not in self._senders:
            self._senders[sender] = self._in_sender(sender)
        return self._senders[sender]

    def _in_sender(self, sender: str) -> Country | None:
        """The country a display name carries in a part of its own: "Ana Cruz (Philippines)",
        "PHL - Ana Cruz", "Ana Cruz | Ministry of ..., Philippines"; never a first name such
        as "Georgia Smith"."""
        parts = [sender]
        code = re.match(r"^\s*([A-Z]{3})\s*[-–—:|]", sender)
        if code:
            country = self._country(code.group(1))
            if country is not None:
                return country
        parts = _SEGMENTS.split(sender)
        for part in reversed(parts):
            part = part.strip()
            if not part:
                continue
            country = self.resolver.resolve(part) if len(normalise(part)) > 3 else None
            if country is None and re.fullmatch(r"[A-Z]{3}", part):
                country = self._country(part)
            if country is not None:
                return self._country(country.code) or country
        return None
