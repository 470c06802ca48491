"""Which possibilities to show: by stage group, countries, presentation, owner, overdue, stale.

One ``Filter`` serves the follow-up screen and ``matchdesk followup`` alike, so both answer the
same question the same way.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from matchdesk.store.errors import InvalidValue
from matchdesk.store.followup.stages import STAGES, Outcome, Stage, parse_stage
from matchdesk.store.followup.state import Possibility
from matchdesk.store.validation import clean_text, title_key
from matchdesk.store.workshop import Workshop

STALE_DAYS = 30  # "no activity for N days", N by default
ALL, CLOSED = "", "closed"
# The screen's stage groups, in funnel order: every open stage, then everything closed.
GROUPS: tuple[str, ...] = (ALL, *(s.value for s in STAGES), CLOSED)


def group_label(group: str) -> str:
    if group == ALL:
        return "all"
    if group == CLOSED:
        return "closed"
    return Stage(group).label if group in Stage._value2member_map_ else Outcome(group).label


def parse_group(text: str) -> str:
    """``--stage`` words: a stage (open ones at it), an outcome, "closed" or "all"."""
    word = text.strip().casefold()
    if word in ("", "all"):
        return ALL
    if word == CLOSED:
        return CLOSED
    return parse_stage(text).value


@dataclass(frozen=True)
class Filter:
    """Every condition must hold; empty fields do not filter."""

    group: str = ALL
    presenting: str = ""  # presenting country code
    interested: str = ""  # interested country code
    presentations: frozenset[str] | None = None  # presentation uids
    owner: str = ""  # compared case-insensitively; "-" means nobody yet
    overdue: bool = False
    stale_days: int | None = None

    def __post_init__(self) -> None:
        if self.stale_days is not None and not 0 <= self.stale_days <= 36_500:
            raise InvalidValue(f"Stale means some days without activity, not {self.stale_days}.")

    def without_group(self) -> Filter:
        return replace(self, group=ALL)

    @property
    def narrowed(self) -> bool:
        """Anything besides the stage group filters."""
        return self.without_group() != Filter()

    def matches(self, possibility: Possibility, now: dt.datetime) -> bool:
        state = possibility.state
        if self.group and not _in_group(self.group, possibility):
            return False
        if self.presenting and possibility.presentation.country.code != self.presenting:
            return False
        if self.interested and possibility.country.code != self.interested:
            return False
        chosen = self.presentations
        if chosen is not None and possibility.presentation.uid not in chosen:
            return False
        if self.owner:
            wanted = "" if self.owner == "-" else self.owner.casefold()
            if state.owner.casefold() != wanted:
                return False
        if self.overdue and not possibility.overdue(now.date()):
            return False
        return self.stale_days is None or possibility.stale(self.stale_days, now)


def _in_group(group: str, possibility: Possibility) -> bool:
    state = possibility.state
    if group == CLOSED:
        return state.closed
    if group in Outcome._value2member_map_:
        return state.outcome is Outcome(group)
    return not state.closed and state.stage.value == group


def build_filter(
    workshop: Workshop,
    *,
    stage: str = "",
    presenting: str = "",
    interested: str = "",
    presentation: str = "",
    owner: str = "",
    overdue: bool = False,
    stale: int | None = None,
) -> Filter:
    """A ``Filter`` from what a person typed; an unknown country or presentation is refused."""
    return Filter(
        group=parse_group(stage),
        presenting=_country_code(workshop, presenting, "presenting"),
        interested=_country_code(workshop, interested, "interested"),
        presentations=_presentations(workshop, presentation),
        owner=clean_text(owner),
        overdue=overdue,
        stale_days=stale,
    )


def _country_code(workshop: Workshop, text: str, role: str) -> str:
    text = clean_text(text)
    if not text:
        return ""
    found = workshop.resolve_typed(text)
    if found is None:
        raise InvalidValue(f"No {role} country is called {text!r}.")
    return found.code


def _presentations(workshop: Workshop, text: str) -> frozenset[str] | None:
    """By agenda number ("3"), or every title holding the text (case ignored)."""
    text = clean_text(text)
    if not text:
        return None
    agenda = workshop.presentations()
    if text.lstrip("#").isdigit():
        number = int(text.lstrip("#"))
        if not 1 <= number <= len(agenda):
            raise InvalidValue(f"There is no presentation {number}; the agenda has {len(agenda)}.")
        return frozenset({agenda[number - 1].uid})
    wanted = title_key(text)
    found = frozenset(p.uid for p in agenda if wanted in title_key(p.title))
    if not found:
        raise InvalidValue(f"No presentation title contains {text!r}.")
    return found
