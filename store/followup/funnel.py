"""The follow-up funnel: counts per stage that always add up, and the sentences to paste.

Two views of the same possibilities. ``at`` puts each one in exactly one line (its open stage,
or its outcome once closed), so the lines add up to the total. ``reached`` is cumulative, as a
funnel reads: a possibility closed as "adapted in part" after a field visit counts as
contacted, as a field visit and as an adaptation ("Of 39 possibilities, 12 were contacted, 4 led
to field visits and 1 to an adaptation.").
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from matchdesk.store.followup.stages import OUTCOMES, STAGES, Outcome, Stage
from matchdesk.store.followup.state import FollowState


@dataclass(frozen=True)
class Funnel:
    """Counts of one set of possibilities."""

    total: int
    at: tuple[tuple[Stage | Outcome, int], ...]  # open stages, then outcomes; sums to total
    reached: tuple[tuple[Stage, int], ...]  # how many got at least this far

    def count_at(self, value: Stage | Outcome) -> int:
        return dict(self.at)[value]

    def count_reached(self, stage: Stage) -> int:
        return dict(self.reached)[stage]

    @property
    def closed(self) -> int:
        return sum(self.count_at(o) for o in OUTCOMES)

    @property
    def moved(self) -> int:
        """Possibilities past "interested" (contacted or further, or closed)."""
        return self.total - self.count_at(Stage.INTERESTED)


def funnel(states: Iterable[FollowState]) -> Funnel:
    at: dict[Stage | Outcome, int] = dict.fromkeys((*STAGES, *OUTCOMES), 0)
    reached = [0] * len(STAGES)
    total = 0
    for state in states:
        total += 1
        at[state.outcome if state.outcome is not None else state.stage] += 1
        reached[state.reached.rank] += 1
    running = 0
    for rank in reversed(range(len(STAGES))):  # at least this far = this far or further
        running += reached[rank]
        reached[rank] = running
    return Funnel(total, tuple(at.items()), tuple(zip(STAGES, reached, strict=True)))


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def _listed(parts: list[str]) -> str:
    """ "a", "a and b", "a, b and c"."""
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


# How the sentence names reaching each stage past "contacted" (singular, plural).
_LED_TO = {
    Stage.LEARNING: ("learning and sharing", "learning and sharing"),
    Stage.FIELD_VISIT: ("a field visit", "field visits"),
    Stage.ADAPTATION: ("an adaptation", "adaptations"),
    Stage.IMPLEMENTED: ("an implementation", "implementations"),
}


def sentences(counts: Funnel) -> tuple[str, ...]:
    """The funnel in words, computed from ``counts`` only (nothing counted here)."""
    total = counts.total
    if not total:
        return ("There are no possibilities for partnership to follow up yet.",)
    contacted = counts.count_reached(Stage.CONTACTED)
    head = f"Of {_count(total, 'possibility', 'possibilities')}, "
    if not contacted:
        first = head + "none has been contacted yet."
    else:
        parts = [f"{contacted} {'was' if contacted == 1 else 'were'} contacted"]
        further = [
            (stage, counts.count_reached(stage))
            for stage in _LED_TO
            if counts.count_reached(stage)
            # learning and sharing is named only where some went no further than it
            and not (
                stage is Stage.LEARNING
                and counts.count_reached(stage) == counts.count_reached(Stage.FIELD_VISIT)
            )
        ]
        for n, (stage, count) in enumerate(further):
            one, many = _LED_TO[stage]
            parts.append(f"{count} {'led ' if n == 0 else ''}to {one if count == 1 else many}")
        first = head + _listed(parts) + "."
    out = [first]
    if counts.closed:
        closed = [f"{counts.count_at(o)} {o.label}" for o in OUTCOMES if counts.count_at(o)]
        verb = "was" if counts.closed == 1 else "were"
        out.append(f"{counts.closed} {verb} closed: {_listed(closed)}.")
    waiting = counts.count_at(Stage.INTERESTED)
    if waiting and contacted:
        out.append(f"{waiting} {'has' if waiting == 1 else 'have'} not been contacted yet.")
    return tuple(out)


def table(counts: Funnel) -> tuple[tuple[str, ...], tuple[tuple[str, int], ...]]:
    """Columns and one line per stage and outcome, then the total (the lines add up to it)."""
    rows: list[tuple[str, int]] = [
        (value.label.capitalize() if isinstance(value, Stage) else f"Closed: {value.label}", count)
        for value, count in counts.at
    ]
    rows.append(("Total", counts.total))
    return ("Stage", "Possibilities"), tuple(rows)
