"""While a workshop is open for writing, the cyclic collector works in small steps, and still
frees what dies; closing gives the process its thresholds back."""

from __future__ import annotations

import gc
import weakref
from pathlib import Path

from matchdesk.store.workshop import Workshop
from matchdesk.store.workshop.memory import WRITING_THRESHOLDS


class _Cycle:
    """A weakly referenceable object in a reference cycle: only the cyclic collector frees it."""

    def __init__(self) -> None:
        self.me = self


def test_a_writer_collects_in_small_steps_and_gives_the_thresholds_back(
    workshop_file: Path,
) -> None:
    before = gc.get_threshold()
    with Workshop.open(workshop_file) as workshop:
        assert gc.get_threshold() == WRITING_THRESHOLDS
        with Workshop.open(workshop.path.with_name("other.json")):
            assert gc.get_threshold() == WRITING_THRESHOLDS
        assert gc.get_threshold() == WRITING_THRESHOLDS  # the first one is still open
    assert gc.get_threshold() == before
    with Workshop.open(workshop_file, readonly=True):
        assert gc.get_threshold() == before  # a reader captures nothing


def test_what_dies_while_capturing_is_freed_without_asking(workshop_file: Path) -> None:
    """Smaller steps still reach a dead cycle: memory stays flat over a long session, with no
    ``gc.collect()`` anywhere on the way."""
    with Workshop.open(workshop_file) as workshop:
        uid = workshop.add_presentation("Rice terraces", "JPN").uid
        dead = weakref.ref(_Cycle())
        for code in ("FJI", "NZL", "JPN", "KEN", "PER", "IND"):
            workshop.record_interest(uid, code)
            for _ in range(WRITING_THRESHOLDS[0]):  # what a capture in the app allocates
                _Cycle()
        assert gc.isenabled()
        assert dead() is None
