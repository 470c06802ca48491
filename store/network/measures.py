"""The headline numbers of one workshop, one year or the whole network (``Measures``).

Each workshop's distinct countries, pairs and practices are gathered once (``reach``) and a
year's or the network's are the union of its workshops' sets: counted afresh for each, the
100,000 interests of 50 workshops were walked three times (per workshop, per year, in all).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from matchdesk.store.network.discover import WorkshopData


@dataclass(frozen=True)
class Measures:
    """The headline numbers of one workshop, one year, or the whole network."""

    workshops: int = 0
    presentations: int = 0
    practices: int = 0  # distinct after links: a practice presented twice counts once
    possibilities: int = 0  # interests, each a possibility for partnership
    country_pairs: int = 0  # distinct (presenting, interested) country pairs
    countries_involved: int = 0  # distinct, presenting or interested
    presenting_countries: int = 0
    interested_countries: int = 0


@dataclass(frozen=True)
class Reach:
    """What one workshop adds to any measure that counts it."""

    presentations: int
    possibilities: int
    presenting: frozenset[str]
    interested: frozenset[str]
    pairs: dict[str, frozenset[str]]  # presenting code -> the codes interested in it
    practices: frozenset[str]


def reach(workshop: WorkshopData, practice: dict[str, str]) -> Reach:
    """One workshop's counts and distinct sets (``practice``: each presentation's practice)."""
    presenting: set[str] = set()
    interested: set[str] = set()
    pairs: dict[str, set[str]] = {}
    practices: set[str] = set()
    for row in workshop.rows:
        code = row.presentation.country.code
        presenting.add(code)
        practices.add(practice[row.presentation.uid])
        interested.update(row.interested)
        if code in pairs:
            pairs[code].update(row.interested)
        else:
            pairs[code] = set(row.interested)
    return Reach(
        workshop.totals.presentations,
        workshop.totals.interests,
        frozenset(presenting),
        frozenset(interested),
        {code: frozenset(codes) for code, codes in pairs.items()},
        frozenset(practices),
    )


def measures(reaches: Sequence[Reach]) -> Measures:
    """The measures of the workshops whose ``reaches`` these are."""
    if len(reaches) == 1:  # a workshop's own row (50 of them): its sets as they are
        [only] = reaches
        presenting, interested, practices = only.presenting, only.interested, only.practices
        pairs = sum(map(len, only.pairs.values()))
    else:
        presenting = frozenset().union(*(r.presenting for r in reaches))
        interested = frozenset().union(*(r.interested for r in reaches))
        practices = frozenset().union(*(r.practices for r in reaches))
        targets: dict[str, set[str]] = {}
        for r in reaches:
            for code, codes in r.pairs.items():
                found = targets.get(code)
                if found is None:
                    targets[code] = set(codes)
                else:
                    found |= codes
        pairs = sum(map(len, targets.values()))
    return Measures(
        workshops=len(reaches),
        presentations=sum(r.presentations for r in reaches),
        practices=len(practices),
        possibilities=sum(r.possibilities for r in reaches),
        country_pairs=pairs,
        countries_involved=len(presenting | interested),
        presenting_countries=len(presenting),
        interested_countries=len(interested),
    )
