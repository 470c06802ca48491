"""Tallies: one definition, kept current write by write and computed whole for exports.

A ``TallyBook`` counts light entries (codes and channels, no frozen values). The ``Workshop``
keeps one book current as each write lands, touching only the presentations it changed, and
``compute_tallies`` fills a fresh one: the numbers on screen and in an export come from the same
counting code, so they cannot drift apart.
"""

from __future__ import annotations

import heapq
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from itertools import chain, repeat
from operator import attrgetter
from types import MappingProxyType
from typing import Any

import msgspec

from matchdesk.store.models import (
    Channel,
    Country,
    CountryCount,
    Interest,
    Presentation,
    PresentationTally,
    PresentingCount,
    Tallies,
    Totals,
    top_rows,
)


class Entry(msgspec.Struct, frozen=True, gc=False):
    """One live interest as the counts see it. A struct made in C: 100,000 are made at open,
    in three quarters of the time slotted dataclasses took (39 against 52 ms); never walked by
    the collector, as it holds only text."""

    uid: str
    country: str  # the interested country's code
    channel: str  # a ``Channel`` value
    key: str = ""  # its record's key in the file's table ("" when counted from values)
    stamp: str = ""  # its capture's clock stamp (identity.capture_stamp); "" from values


# (stamp, uid): the order of capture (``identity.capture_rank``); ``attrgetter`` makes the key
# in C, a third of sorting 100,000 entries at open.
_capture_order: Callable[[Entry], tuple[str, str]] = attrgetter("stamp", "uid")
_country_of: Callable[[Entry], str] = attrgetter("country")


def _in_capture_order(entries: Iterable[Entry]) -> tuple[Entry, ...]:
    """One presentation's entries in the order of capture (by stamp, then uid:
    ``identity.capture_rank``; entries counted from values keep the order given), the first of
    each country only."""
    row = tuple(entries)
    if row and row[0].stamp:  # whatever order the file holds
        row = tuple(sorted(row, key=_capture_order))
    if len({entry.country for entry in row}) != len(row):
        found: dict[str, Entry] = {}
        for entry in row:
            found.setdefault(entry.country, entry)
        row = tuple(found.values())
    return row


class LazyInterests(Sequence[Interest]):
    """A presentation's interests as frozen values, built only when someone reads them.

    ``tally`` and the reports need countries and counts only; building 100,000 ``Interest``
    values for them took longer than the whole command may. Compares like a tuple."""

    __slots__ = ("_entries", "_lookup", "_values")

    def __init__(self, entries: tuple[Entry, ...], lookup: Callable[[str], Interest]) -> None:
        self._entries = entries
        self._lookup = lookup
        self._values: tuple[Interest, ...] | None = None

    def _all(self) -> tuple[Interest, ...]:
        if self._values is None:
            self._values = tuple(self._lookup(entry.uid) for entry in self._entries)
        return self._values

    def __getitem__(self, index: int | slice) -> Any:
        return self._all()[index]

    def __len__(self) -> int:
        return len(self._entries)

    def __iter__(self) -> Iterator[Interest]:
        return iter(self._all())

    def __eq__(self, other: object) -> bool:
        if isinstance(other, LazyInterests):
            return self._all() == other._all()
        return isinstance(other, tuple) and self._all() == other

    def __hash__(self) -> int:
        return hash(self._all())

    def __repr__(self) -> str:
        return repr(self._all())


class TallyBook:
    """The agenda (live presentations in order), each one's live interests, and the counters
    derived from them (docs/app.md, "Tallies")."""

    def __init__(self) -> None:
        self._agenda: list[tuple[str, str]] = []  # (presentation uid, presenting code)
        self._position: dict[str, int] = {}
        self._rows: dict[str, tuple[Entry, ...]] = {}
        self._interested: Counter[str] = Counter()
        self._channels: Counter[str] = Counter()
        self._presenting: Counter[str] = Counter()

    # -- changing --------------------------------------------------------------------------
    def set_agenda(self, agenda: Sequence[tuple[str, str]]) -> None:
        """The live presentations are now ``agenda`` (uid, presenting code), in agenda order.

        Interests of a presentation that left the agenda stop counting; one that joins it
        starts with none until ``set_interests``.
        """
        uids = {uid for uid, _ in agenda}
        for uid in [uid for uid in self._rows if uid not in uids]:
            self._count(self._rows.pop(uid), -1)
        self._agenda = list(agenda)
        self._position = {uid: n for n, (uid, _) in enumerate(self._agenda)}
        self._presenting = Counter(code for _, code in self._agenda)
        for uid, _ in self._agenda:
            self._rows.setdefault(uid, ())

    def set_interests(self, presentation_uid: str, entries: Iterable[Entry]) -> None:
        """The live interests of one presentation are now ``entries``, kept in capture order
        (by stamp, then uid: ``identity.capture_rank``; entries counted from values keep the
        order given); a country counts once per presentation, however many captures name it
        (the first)."""
        if presentation_uid not in self._position:
            return
        held = self._rows.get(presentation_uid)
        if held:
            self._count(held, -1)
        row = self._rows[presentation_uid] = _in_capture_order(entries)
        self._count(row, +1)

    def fill(self, rows: Mapping[str, Iterable[Entry]]) -> None:
        """``set_interests`` of every presentation in ``rows``, in a book that counts no
        interest yet (at open), counted in one pass: a network's 50 workshops hold 5,000
        presentations, and two counter updates each were a tenth of their counting."""
        if any(self._rows.values()):
            raise ValueError("fill() is for a book that counts no interest yet")
        for presentation_uid, entries in rows.items():
            if presentation_uid in self._position:
                self._rows[presentation_uid] = _in_capture_order(entries)
        self._count(tuple(chain.from_iterable(map(self._rows.__getitem__, self.agenda))), +1)

    def add_interests(self, presentation_uid: str, entries: Sequence[Entry]) -> bool:
        """New interests captured for one presentation, after those it has (a capture).

        False, changing nothing, when one of them names a country already counted there or
        was captured before the last one counted: ``set_interests`` then says which capture
        represents it and where it stands.
        """
        if presentation_uid not in self._position:
            return True
        row = self._rows.get(presentation_uid, ())
        countries = {e.country for e in row}
        if len({e.country for e in entries} | countries) != len(countries) + len(entries):
            return False
        if row and entries and _capture_order(entries[0]) < _capture_order(row[-1]):
            return False  # captured before the last one shown (a peer's): set_interests sorts
        self._rows[presentation_uid] = row + tuple(entries)
        self._count(entries, +1)
        return True

    def _count(self, entries: Iterable[Entry], sign: int) -> None:
        entries = tuple(entries)
        countries = [entry.country for entry in entries]
        channels = [entry.channel for entry in entries]
        if sign > 0:
            self._interested.update(countries)
            self._channels.update(channels)
            return
        self._interested.subtract(countries)
        self._channels.subtract(channels)
        for country in set(countries):
            if not self._interested[country]:
                del self._interested[country]

    # -- reading ---------------------------------------------------------------------------
    @property
    def agenda(self) -> list[str]:
        """Live presentation uids in agenda order."""
        return [uid for uid, _ in self._agenda]

    def position(self, presentation_uid: str) -> int | None:
        """The 0-based agenda index of a live presentation."""
        return self._position.get(presentation_uid)

    @property
    def interest_by_country(self) -> Mapping[str, int]:
        """Live interests per interested country code (a read-only view)."""
        return MappingProxyType(self._interested)

    @property
    def presenting(self) -> Mapping[str, int]:
        """Live presentations per presenting country code (a read-only view)."""
        return MappingProxyType(self._presenting)

    def entries(self, presentation_uid: str) -> tuple[Entry, ...]:
        return self._rows.get(presentation_uid, ())

    def count(self, presentation_uid: str) -> int:
        return len(self._rows.get(presentation_uid, ()))

    def max_count(self) -> int:
        return max((len(found) for found in self._rows.values()), default=0)

    def totals(self) -> Totals:
        interested = set(self._interested)
        return Totals(
            presentations=len(self._agenda),
            presenting_countries=len(self._presenting),
            interests=sum(self._interested.values()),
            interested_countries=len(interested),
            countries_involved=len(set(self._presenting) | interested),
            by_channel={c.value: self._channels.get(c.value, 0) for c in Channel},
        )

    def top_countries(self, limit: int, name: Callable[[str], str]) -> list[tuple[str, int]]:
        """(code, interests) of the most interested countries, ties by ``name(code)``."""
        return heapq.nsmallest(
            limit, self._interested.items(), key=lambda kv: (-kv[1], name(kv[0]).casefold())
        )

    def top_presentations(self, limit: int) -> list[tuple[int, str, int]]:
        """(agenda number, uid, interests): agenda order when all fit, else the most interest
        first (ties in agenda order)."""
        rows = [(n + 1, uid, len(self._rows[uid])) for n, (uid, _) in enumerate(self._agenda)]
        return top_rows(rows, limit)

    def snapshot(
        self,
        presentation: Callable[[str], Presentation],
        interest: Callable[[str], Interest],
        country: Callable[[str], Country],
    ) -> Tallies:
        """Every count as frozen values (the lookups turn uids and codes into them)."""
        rows: list[PresentationTally] = []
        received: Counter[str] = Counter()
        matrix: Counter[tuple[str, str]] = Counter()
        names = {code: country(code) for code in set(self._interested) | set(self._presenting)}
        for uid, presenter in self._agenda:
            entries = self._rows[uid]
            received[presenter] += len(entries)
            codes = list(map(_country_of, entries))  # in C: 100,000 entries at the largest
            matrix.update(zip(repeat(presenter), codes))
            rows.append(
                PresentationTally(
                    presentation=presentation(uid),
                    interested=tuple(map(names.__getitem__, codes)),
                    interests=LazyInterests(entries, interest),
                )
            )
        interested = tuple(
            CountryCount(names[code], count)
            for code, count in sorted(
                self._interested.items(), key=lambda kv: (-kv[1], names[kv[0]].name.casefold())
            )
        )
        presenting = tuple(
            PresentingCount(names[code], n, received[code])
            for code, n in sorted(
                self._presenting.items(),
                key=lambda kv: (-received[kv[0]], -kv[1], names[kv[0]].name.casefold()),
            )
        )
        return Tallies(
            totals=self.totals(),
            presentations=tuple(rows),
            interested_countries=interested,
            presenting_countries=presenting,
            matrix=dict(matrix),
        )


def compute_tallies(
    presentations: Sequence[Presentation], interests: Iterable[Interest]
) -> Tallies:
    """Count over live records: ``presentations`` in agenda order, ``interests`` in capture order.

    Interests in presentations that are not listed (removed ones) do not count.
    """
    book = TallyBook()
    book.set_agenda([(p.uid, p.country.code) for p in presentations])
    by_uid: dict[str, Interest] = {}
    grouped: dict[str, list[Entry]] = {p.uid: [] for p in presentations}
    countries = {p.country.code: p.country for p in presentations}
    for item in interests:
        bucket = grouped.get(item.presentation_uid)
        if bucket is None:
            continue
        by_uid[item.uid] = item
        countries.setdefault(item.country.code, item.country)
        bucket.append(Entry(item.uid, item.country.code, item.channel.value))
    for uid, entries in grouped.items():
        book.set_interests(uid, entries)
    by_presentation = {p.uid: p for p in presentations}
    return book.snapshot(by_presentation.__getitem__, by_uid.__getitem__, countries.__getitem__)
