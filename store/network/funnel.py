"""The follow-up funnel of one workshop: the seam the follow-up room plugs into.

Follow-up (issue 13) keeps its history records in a table of its own and derives each
possibility's current stage. Until that room is on this branch, ``workshop_funnel`` only knows
whether a file tracks follow-up at all; wiring it is replacing the body of ``workshop_funnel``
with a count of the follow-up room's current stage per live interest.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from matchdesk.store.workshop import Workshop

# The table the follow-up room writes its history records to.
FOLLOW_UP_TABLE = "followup"
# The stages of a possibility, in order (design card, "Follow-up"); "closed" ends any of them.
STAGES: tuple[str, ...] = (
    "interested",
    "contacted",
    "learning and sharing",
    "field visit",
    "adaptation",
    "implemented",
    "closed",
)


@dataclass(frozen=True)
class Funnel:
    """How many possibilities stand at each stage; ``tracked`` False when nobody follows up."""

    tracked: bool = False
    stages: dict[str, int] = field(default_factory=dict)


NOT_TRACKED = Funnel()


def workshop_funnel(workshop: Workshop) -> Funnel:
    """The funnel of one open workshop; ``NOT_TRACKED`` when it has no follow-up records.

    The seam: when the follow-up room lands, count its derived current stage of each live
    interest here (``Funnel(True, {stage: count})``); callers and outputs need no change.
    """
    if next(workshop.records(FOLLOW_UP_TABLE), None) is None:
        return NOT_TRACKED
    return NOT_TRACKED  # follow-up records exist, but their stages are the follow-up room's


def total_funnel(funnels: Iterable[Funnel]) -> Funnel:
    """The network's funnel: the tracked workshops' stages added up."""
    tracked = [f for f in funnels if f.tracked]
    if not tracked:
        return NOT_TRACKED
    counts: Counter[str] = Counter()
    for funnel in tracked:
        counts.update(funnel.stages)
    return Funnel(True, {stage: counts.get(stage, 0) for stage in STAGES})
