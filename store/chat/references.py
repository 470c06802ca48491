"""Which presentation a chat message names: by its number in the agenda ("#3", "practice 3",
"проект 7", "3. ...") or by words of its title that no other title has ("Rangeet",
"e-governance", "telehealth", initials such as "CAF" or "GTH")."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from rapidfuzz import fuzz, process

from matchdesk.store.chat.words import words as words_of
from matchdesk.store.countries import normalise
from matchdesk.store.models import Presentation

_NUMBERED = re.compile(
    r"(?:#|№|\bn[°º]|\bno\.)\s*(\d{1,3})\b"
    r"|\b(?:practices?|practise|pr[aá]cticas?|pratiques?|projects?|projets?|proyectos?|"
    r"presentations?|pr[ée]sentations?|presentaci[oó]n|bp|items?|проекта?|практик[аиу]?|"
    r"презентаци[яию]|доклада?|номер)\s*(?:#|no\.?|n[°º]|№|number|num[eé]ro|número)?\s*"
    r"(\d{1,3})\b",
    re.IGNORECASE,
)
_LEADING = re.compile(r"^\s*(\d{1,2})\s*[.)]\s")
# Title words that say nothing about which practice it is.
_PLAIN = frozenset(
    [
        "about",
        "access",
        "achieved",
        "across",
        "aspirations",
        "better",
        "citizens",
        "delivery",
        "development",
        "dared",
        "doctor",
        "ensuring",
        "extraordinary",
        "fostering",
        "government",
        "health",
        "improve",
        "increase",
        "initiatives",
        "innovation",
        "measures",
        "national",
        "nation",
        "pursue",
        "project",
        "practice",
        "practices",
        "public",
        "population",
        "service",
        "services",
        "skills",
        "smart",
        "taken",
        "things",
        "through",
        "towards",
        "training",
        "amazing",
        "advice",
        "teenagers",
        "have",
        "their",
        "with",
        "from",
        "into",
        "that",
        "this",
        "tool",
    ]
)


class Presentations:
    """The agenda as the chat names it (numbers and distinctive title words)."""

    def __init__(self, agenda: Sequence[Presentation]) -> None:
        self.agenda = tuple(agenda)
        words: dict[str, set[int]] = {}
        for number, presentation in enumerate(self.agenda, 1):
            for word in self._title_words(presentation.title):
                words.setdefault(word, set()).add(number)
        # A word in one title only names that presentation.
        self._words = {word: next(iter(n)) for word, n in words.items() if len(n) == 1}
        self._cache: dict[str, int | None] = {}

    @staticmethod
    def _title_words(title: str) -> set[str]:
        found = {w for w in normalise(title).split() if len(w) >= 5 and w not in _PLAIN}
        found |= {w.casefold() for w in re.findall(r"\b[A-Z]{3,}\b", title)}
        run = ""
        for word in [*title.split(), "."]:  # initials of capitalised runs: "CAF", "GTH"
            if word[:1].isupper() and word[:1].isalpha():
                run += word[0]
                continue
            if 3 <= len(run) <= 6:
                found.add(run.casefold())
            run = ""
        return found

    def by_number(self, number: int) -> Presentation | None:
        return self.agenda[number - 1] if 1 <= number <= len(self.agenda) else None

    def named(self, text: str, words: Sequence[str] | None = None) -> list[Presentation]:
        """The presentations ``text`` names by number, else by title words, in text order."""
        numbers: list[int] = []
        for match in _NUMBERED.finditer(text):
            numbers.append(int(match.group(1) or match.group(2)))
        leading = _LEADING.match(text)
        if leading:
            numbers.insert(0, int(leading.group(1)))
        found = [p for p in (self.by_number(n) for n in dict.fromkeys(numbers)) if p is not None]
        if found:
            return found
        return self.by_title(text, words)

    def by_title(self, text: str, words: Sequence[str] | None = None) -> list[Presentation]:
        hits: Counter[int] = Counter()
        for word in set(words_of(text) if words is None else words):
            number = self._word(word)
            if number is not None:
                hits[number] += 1
        if not hits:
            return []
        best = max(hits.values())
        winners = [n for n, count in hits.items() if count == best]
        return [self.agenda[winners[0] - 1]] if len(winners) == 1 else []

    def _word(self, word: str) -> int | None:
        if word in self._cache:
            return self._cache[word]
        number = self._words.get(word)
        if number is None and len(word) >= 6 and self._words:
            match = process.extractOne(word, self._words.keys(), scorer=fuzz.ratio, score_cutoff=85)
            number = None if match is None else self._words[match[0]]
        self._cache[word] = number
        return number
