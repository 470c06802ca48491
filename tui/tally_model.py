"""The numbers on screen, kept current in O(changed records) per capture.

``Workshop.tallies()`` recomputes everything (60-120 ms at 10,000 interests): too slow to run on
every Enter. This model starts from ``tallies()`` and then replaces only the interests of the
presentations a change touched; it applies the same definitions (DESIGN.md "Tallies") and the
tests check it against ``tallies()`` after every kind of change.
"""

from __future__ import annotations

import heapq
from collections import Counter
from collections.abc import Iterable, Sequence

from matchdesk.store.models import (
    Channel,
    Country,
    CountryCount,
    Interest,
    Presentation,
    Tallies,
    Totals,
)


class TallyModel:
    """Live presentations, their interests and the counters derived from them."""

    def __init__(self) -> None:
        self.presentations: list[Presentation] = []
        self._index: dict[str, int] = {}
        self._interests: dict[str, tuple[Interest, ...]] = {}
        self._interested: Counter[str] = Counter()
        self._channels: Counter[str] = Counter()
        self._presenting: Counter[str] = Counter()
        self._countries: dict[str, Country] = {}

    @classmethod
    def from_tallies(cls, tallies: Tallies) -> TallyModel:
        model = cls()
        model.reload(
            [row.presentation for row in tallies.presentations],
            [i for row in tallies.presentations for i in row.interests],
        )
        return model

    def reload(self, presentations: Sequence[Presentation], interests: Iterable[Interest]) -> None:
        """Start again from every live presentation and interest."""
        self.presentations = list(presentations)
        self._index = {p.uid: n for n, p in enumerate(self.presentations)}
        buckets: dict[str, list[Interest]] = {p.uid: [] for p in self.presentations}
        for interest in interests:
            bucket = buckets.get(interest.presentation_uid)
            if bucket is not None:
                bucket.append(interest)
        self._interests = {uid: tuple(found) for uid, found in buckets.items()}
        self._interested = Counter()
        self._channels = Counter()
        self._presenting = Counter(p.country.code for p in self.presentations)
        self._countries = {p.country.code: p.country for p in self.presentations}
        for found in self._interests.values():
            self._count(found, +1)

    def _count(self, interests: Iterable[Interest], sign: int) -> None:
        for interest in interests:
            code = interest.country.code
            self._countries.setdefault(code, interest.country)
            self._interested[code] += sign
            if not self._interested[code]:
                del self._interested[code]
            self._channels[interest.channel.value] += sign

    def replace(self, presentation_uid: str, interests: Sequence[Interest]) -> None:
        """The live interests of one presentation are now ``interests``."""
        if presentation_uid not in self._index:
            return
        self._count(self._interests.get(presentation_uid, ()), -1)
        self._interests[presentation_uid] = tuple(interests)
        self._count(interests, +1)

    # -- reading -------------------------------------------------------------------------
    def position(self, uid: str) -> int | None:
        """The 0-based agenda index of a presentation."""
        return self._index.get(uid)

    def interests(self, presentation_uid: str) -> tuple[Interest, ...]:
        return self._interests.get(presentation_uid, ())

    def count(self, presentation_uid: str) -> int:
        return len(self._interests.get(presentation_uid, ()))

    def totals(self) -> Totals:
        interested = set(self._interested)
        return Totals(
            presentations=len(self.presentations),
            presenting_countries=len(self._presenting),
            interests=sum(self._interested.values()),
            interested_countries=len(interested),
            countries_involved=len(set(self._presenting) | interested),
            by_channel={c.value: self._channels.get(c.value, 0) for c in Channel},
        )

    def top_countries(self, limit: int) -> list[CountryCount]:
        """Interested countries by interest, most first (ties by name), as ``tallies()``."""
        ranked = heapq.nsmallest(
            limit,
            self._interested.items(),
            key=lambda kv: (-kv[1], self._countries[kv[0]].name.casefold()),
        )
        return [CountryCount(self._countries[code], count) for code, count in ranked]

    def top_presentations(self, limit: int) -> list[tuple[int, Presentation, int]]:
        """(agenda number, presentation, interests): agenda order when all fit, else the most
        interest first (ties in agenda order)."""
        rows = [(n + 1, p, self.count(p.uid)) for n, p in enumerate(self.presentations)]
        if len(rows) <= limit:
            return rows
        return heapq.nsmallest(limit, rows, key=lambda row: (-row[2], row[0]))

    def max_count(self) -> int:
        return max((len(found) for found in self._interests.values()), default=0)
