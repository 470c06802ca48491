"""The follow-up funnel of each workshop in the network, from the follow-up room.

Each possibility counts once: at its open stage, or, closed, at its outcome ("closed: adopted"),
so a workshop's counts add up to its possibilities (store/followup/funnel.py).
"""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from matchdesk.store.file.schema import FOLLOWUP

if TYPE_CHECKING:  # the follow-up room loads when a workshop has follow-up records (12 ms)
    from matchdesk.store.followup import Outcome, Stage
    from matchdesk.store.workshop import Workshop


def _label(item: Stage | Outcome) -> str:
    from matchdesk.store.followup import Outcome

    return f"closed: {item.label}" if isinstance(item, Outcome) else item.label


@functools.cache
def stage_labels() -> tuple[str, ...]:
    """The funnel's lines, in order: the open stages, then the outcomes that closed a
    possibility."""
    from matchdesk.store.followup import OUTCOMES, STAGES

    every: tuple[Stage | Outcome, ...] = (*STAGES, *OUTCOMES)
    return tuple(_label(item) for item in every)


@dataclass(frozen=True)
class Funnel:
    """How many possibilities stand at each stage; ``tracked`` False when nobody follows up."""

    tracked: bool = False
    stages: dict[str, int] = field(default_factory=dict)


NOT_TRACKED = Funnel()


def workshop_funnel(workshop: Workshop) -> Funnel:
    """The funnel of one open workshop; ``NOT_TRACKED`` when it has no follow-up records."""
    if next(workshop.ledger.records(FOLLOWUP), None) is None:
        return NOT_TRACKED
    from matchdesk.store.followup import Followup

    counts = Followup(workshop).funnel().at
    return Funnel(True, {_label(item): count for item, count in counts})


def total_funnel(funnels: Iterable[Funnel]) -> Funnel:
    """The network's funnel: the tracked workshops' stages added up."""
    tracked = [f for f in funnels if f.tracked]
    if not tracked:
        return NOT_TRACKED
    counts: Counter[str] = Counter()
    for funnel in tracked:
        counts.update(funnel.stages)
    return Funnel(True, {stage: counts.get(stage, 0) for stage in stage_labels()})
