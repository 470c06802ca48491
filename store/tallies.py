"""Tallies as one pure function of the records, so every view, export and command agrees."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence

from matchdesk.store.models import (
    Channel,
    CountryCount,
    Interest,
    Presentation,
    PresentationTally,
    PresentingCount,
    Tallies,
    Totals,
)


def compute_tallies(
    presentations: Sequence[Presentation], interests: Iterable[Interest]
) -> Tallies:
    """Count over live records: ``presentations`` in agenda order, ``interests`` in capture order.

    Interests in presentations that are not listed (removed ones) do not count.
    """
    by_presentation: dict[str, list[Interest]] = {p.uid: [] for p in presentations}
    for interest in interests:
        bucket = by_presentation.get(interest.presentation_uid)
        if bucket is not None:
            bucket.append(interest)

    rows: list[PresentationTally] = []
    interested = Counter[str]()
    channels = Counter[str]({c.value: 0 for c in Channel})
    countries = {}
    presenting_presentations = Counter[str]()
    presenting_received = Counter[str]()
    matrix: Counter[tuple[str, str]] = Counter()
    first_seen: dict[str, int] = {}
    for presentation in presentations:
        presenter = presentation.country
        countries[presenter.code] = presenter
        presenting_presentations[presenter.code] += 1
        found = by_presentation[presentation.uid]
        presenting_received[presenter.code] += len(found)
        for interest in found:
            code = interest.country.code
            countries[code] = interest.country
            interested[code] += 1
            first_seen.setdefault(code, len(first_seen))
            channels[interest.channel.value] += 1
            matrix[(presenter.code, code)] += 1
        rows.append(
            PresentationTally(
                presentation=presentation,
                interested=tuple(i.country for i in found),
                interests=tuple(found),
            )
        )

    interested_counts = tuple(
        CountryCount(countries[code], count)
        for code, count in sorted(
            interested.items(), key=lambda kv: (-kv[1], countries[kv[0]].name.casefold())
        )
    )
    presenting_counts = tuple(
        PresentingCount(countries[code], n, presenting_received[code])
        for code, n in sorted(
            presenting_presentations.items(),
            key=lambda kv: (-presenting_received[kv[0]], -kv[1], countries[kv[0]].name.casefold()),
        )
    )
    totals = Totals(
        presentations=len(presentations),
        presenting_countries=len(presenting_presentations),
        interests=sum(interested.values()),
        interested_countries=len(interested),
        countries_involved=len(set(presenting_presentations) | set(interested)),
        by_channel=dict(channels),
    )
    return Tallies(
        totals=totals,
        presentations=tuple(rows),
        interested_countries=interested_counts,
        presenting_countries=presenting_counts,
        matrix=dict(matrix),
    )
