"""The live interests as possibilities' rows, read from the running tallies: what ``Followup``
makes its ``Possibility`` values of, and what ``matchdesk followup`` lists without making them
(a frozen value costs 0.9 microseconds to make, a tuple a thirtieth of that: 100,000 of them
were a tenth of the command).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass

from matchdesk.store.followup.records import Key
from matchdesk.store.followup.state import EMPTY, FollowState, Possibility
from matchdesk.store.models import Country, Presentation
from matchdesk.store.workshop import Workshop

Capture = tuple[str, str, str, str]  # code, channel, note, captured_at (``capture_fields``)

# One possibility as a row of its presentation's ``Listed``: (interested country code as its
# interest stores it, the interested country, capture note, captured_at as its record holds it
# (``utc_stamp`` makes it comparable: the JSON's last activity does, the text never reads it),
# state).
Row = tuple[str, Country, str, str, FollowState]


@dataclass(frozen=True, slots=True)
class Listed:
    """One presentation's possibilities (agenda number, capture order), as rows."""

    number: int
    presentation: Presentation
    rows: tuple[Row, ...]


def listed(possibilities: Iterable[Possibility]) -> list[Listed]:
    """``possibilities`` as ``Listed`` rows, a run of one presentation's at a time."""
    runs = itertools.groupby(possibilities, key=lambda p: (p.number, id(p.presentation)))
    found = []
    for _, run in runs:
        group = list(run)
        made = tuple((p.code, p.country, p.capture_note, p.captured_at, p.state) for p in group)
        found.append(Listed(group[0].number, group[0].presentation, made))
    return found


def captures(workshop: Workshop) -> Iterator[tuple[int, Presentation, list[Capture]]]:
    """Each live presentation (agenda number) with its interests as the exports read them:
    from the running tallies (capture order; ``interest_fields`` orders all 100,000 afresh),
    one per interested country (a possibility's key is (uid, code)): the tallies count a
    country once per presentation, however many laptops captured it."""
    done: set[str] = set()
    for number, presentation in enumerate(workshop.presentations(), 1):
        if presentation.uid in done:
            continue
        done.add(presentation.uid)
        yield number, presentation, workshop.capture_fields(presentation.uid)


def rows(workshop: Workshop, states: Mapping[Key, FollowState]) -> Iterator[Listed]:
    """``captures`` as rows, each with its state from ``states`` (``EMPTY`` when absent)."""
    countries = Countries(workshop)
    for number, presentation, found in captures(workshop):
        uid = presentation.uid
        made = [
            (
                code,
                countries[code],
                note,
                captured_at,
                states.get((uid, code), EMPTY) if states else EMPTY,
            )
            for code, _, note, captured_at in found
        ]
        yield Listed(number, presentation, tuple(made))


class Countries(dict[str, Country]):
    """The workshop's countries by code, each looked up once (100,000 interests, a few hundred
    countries)."""

    def __init__(self, workshop: Workshop) -> None:
        super().__init__()
        self.workshop = workshop

    def __missing__(self, code: str) -> Country:
        country = self[code] = self.workshop.country(code)
        return country
