"""Practice identity across workshops: suggested by the machine, decided by a person.

The same practice presented again often comes back with a changed title. Candidates are
presentations by the same presenting country at an earlier workshop: first an equal
normalised title, then a similar one (RapidFuzz's token-set similarity). A candidate is only
ever a suggestion; presentations count as one practice only once a person linked them
(``records``), and a pair a person called different is never suggested again.
"""

from __future__ import annotations

import functools
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from matchdesk.store.countries.folding import normalise
from matchdesk.store.network.records import DIFFERENT, SAME, Records

# Token-set similarity (0-100) from which a title counts as "similar": a subtitle added or
# words reordered stay above it; another practice of the same country rarely reaches it.
SIMILAR = 85
SHORT_ID = 8


def short_id(uid: str) -> str:
    """What people type to name a presentation (``--link``): the first characters of its uid."""
    return uid[:SHORT_ID]


def title_key(title: str) -> str:
    """Titles compare with case, accents, punctuation and spacing ignored."""
    return normalise(title)


@dataclass(frozen=True)
class PracticeRef:
    """One presentation at one workshop, as practice identity sees it."""

    uid: str
    workshop: int  # the workshop's place in the view (earlier workshops first)
    title: str
    country: str  # the presenting country's code


@dataclass(frozen=True)
class Suggestion:
    """Two presentations that may be one practice, waiting for a person's decision."""

    earlier: PracticeRef
    later: PracticeRef
    score: int  # 100 for an equal normalised title
    same_title: bool


class Groups:
    """Presentations joined into practices by the links people confirmed (union-find)."""

    def __init__(self, refs: Iterable[PracticeRef], records: Records) -> None:
        self._parent: dict[str, str] = {ref.uid: ref.uid for ref in refs}
        for decision in records.decisions.values():
            if decision.decision == SAME and all(uid in self._parent for uid in decision.pair):
                a, b = sorted(decision.pair)
                self._join(a, b)

    def _root(self, uid: str) -> str:
        parent = self._parent
        while parent[uid] != uid:
            parent[uid] = parent[parent[uid]]
            uid = parent[uid]
        return uid

    def _join(self, a: str, b: str) -> None:
        ra, rb = self._root(a), self._root(b)
        if ra != rb:
            self._parent[max(ra, rb)] = min(ra, rb)

    def practice(self, uid: str) -> str:
        """The practice a presentation belongs to (the same for every linked presentation)."""
        return self._root(uid)


def suggest(refs: Sequence[PracticeRef], groups: Groups, records: Records) -> list[Suggestion]:
    """For each presentation, the best earlier candidate not yet decided, at most one per pair
    of practices; the strongest suggestions first."""
    by_country: dict[str, list[PracticeRef]] = defaultdict(list)
    for ref in refs:
        by_country[ref.country].append(ref)
    best: dict[frozenset[str], Suggestion] = {}
    rejected = {pair for pair, d in records.decisions.items() if d.decision == DIFFERENT}
    for members in by_country.values():
        if len({ref.workshop for ref in members}) < 2:
            continue
        members.sort(key=lambda ref: ref.workshop)
        keys = [title_key(ref.title) for ref in members]
        # each member's practice and numbers once: the pairs below are quadratic per country
        roots = [groups.practice(ref.uid) for ref in members]
        numbers = [_numbers(key) for key in keys]
        workshops = [ref.workshop for ref in members]
        for index, ref in enumerate(members):
            root, mine = roots[index], numbers[index]
            earlier = [  # the members of earlier workshops (sorted: those before the first here)
                n
                for n in range(bisect_left(workshops, ref.workshop, hi=index))
                if roots[n] != root
                and not (mine and numbers[n] and numbers[n] != mine)  # never similar (_similar)
                and not (rejected and frozenset((members[n].uid, ref.uid)) in rejected)
            ]
            found = _best(keys[index], [keys[n] for n in earlier])
            if found is None:
                continue
            position, score = found
            other = members[earlier[position]]
            pair = frozenset((roots[earlier[position]], root))
            candidate = Suggestion(other, ref, score, keys[earlier[position]] == keys[index])
            held = best.get(pair)
            if held is None or candidate.score > held.score:
                best[pair] = candidate
    return sorted(
        best.values(),
        key=lambda s: (-s.score, s.later.workshop, s.later.title.casefold(), s.later.uid),
    )


@functools.cache
def _numbers(key: str) -> frozenset[str]:
    return frozenset(word for word in key.split() if word.isdigit())


def _similar(key: str, other: str, score: float) -> float:
    """Token-set similarity; 0 when both titles carry numbers and they differ ("Phase 2",
    "Programme 2025": another practice more often than a reworded one)."""
    if score < SIMILAR:
        return 0
    mine, theirs = _numbers(key), _numbers(other)
    return 0 if mine and theirs and mine != theirs else score


def _best(key: str, candidates: list[str]) -> tuple[int, int] | None:
    """(index, score) of the closest candidate at least ``SIMILAR``; an equal title wins and,
    among equals, the latest (closest in time) one."""
    if not candidates or not key:
        return None
    if key in candidates:
        return len(candidates) - 1 - candidates[::-1].index(key), 100
    from rapidfuzz import fuzz, process  # 7 ms: only when titles are compared

    scores = process.extract(
        key,
        candidates,
        scorer=fuzz.token_set_ratio,
        score_cutoff=SIMILAR,
        processor=None,
        limit=None,
    )
    found = [
        (similar, position)
        for choice, score, position in scores
        if (similar := _similar(key, choice, score))
    ]
    if not found:
        return None
    score, position = max(found)  # the most similar; among equals, the latest
    return int(position), min(99, round(score))
