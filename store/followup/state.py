"""A possibility's current follow-up, derived from its history (never stored, never overwritten).

For each setting (stage, owner, next action, contacts) the current value is the newest record
that no other live record replaces. More than one such record means two laptops changed it
without seeing each other: the newest one shows, both stay in the history, the kind is flagged.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Mapping
from dataclasses import dataclass, field

from matchdesk.store.followup.records import (
    CONTACTS,
    NEXT_ACTION,
    NOTE,
    OWNER,
    SETTINGS,
    STAGE,
    Key,
    heads,
    order,
)
from matchdesk.store.followup.stages import Outcome, Stage, stage_label
from matchdesk.store.models import Country, Doc, Presentation


@dataclass(frozen=True)
class FollowState:
    """The derived follow-up of one possibility; ``heads`` are what a new setting replaces."""

    stage: Stage = Stage.INTERESTED
    outcome: Outcome | None = None
    owner: str = ""
    next_action: str = ""
    due: str = ""
    contacts_presenting: str = ""
    contacts_interested: str = ""
    last_activity: str = ""  # the newest live record's time ("" without any)
    notes: tuple[str, ...] = ()  # oldest first
    conflicts: tuple[str, ...] = ()  # kinds changed concurrently
    records: int = 0
    heads: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    recorded: frozenset[Stage] = frozenset()  # every stage a live stage record set

    @property
    def stages_recorded(self) -> frozenset[Stage]:
        """The stages someone recorded for it: "interested" (its capture), each stage it was
        set to (undone ones aside), and the stage its outcome names ("adapted in part": an
        adaptation). A stage skipped over is not among them: the funnel never claims it."""
        found = {Stage.INTERESTED, self.stage, *self.recorded}
        if self.outcome is not None and self.outcome.reached is not None:
            found.add(self.outcome.reached)
        return frozenset(found)

    @property
    def closed(self) -> bool:
        return self.outcome is not None

    @property
    def label(self) -> str:
        return stage_label(self.stage, self.outcome)

    @property
    def reached(self) -> Stage:
        """How far the funnel counts it: its stage, or further when its outcome says so."""
        implied = self.outcome.reached if self.outcome is not None else None
        return implied if implied is not None and implied.rank > self.stage.rank else self.stage

    @property
    def moved(self) -> bool:
        """Past "interested" (contacted or further, or closed)."""
        return self.closed or self.stage is not Stage.INTERESTED

    def overdue(self, today: dt.date) -> bool:
        """A next action whose due date has passed, on a possibility still open."""
        return bool(self.due) and not self.closed and self.due < today.isoformat()


EMPTY = FollowState()


def utc_stamp(text: str) -> str:
    """A time as records store it (UTC, milliseconds, "Z"), so stamps compare as text;
    an imported capture time may carry an offset or no fraction. "" stays ""."""
    if len(text) == 24 and text[19] == "." and text[23] == "Z":
        return text  # already so (every record matchdesk writes)
    if not text:
        return ""
    return _parsed_stamp(text)


@functools.lru_cache(maxsize=4096)
def _parsed_stamp(text: str) -> str:
    """``utc_stamp`` of another form; remembered, because an import gives thousands of
    captures one time (a 100,000-interest follow-up parsed it 100,000 times, 0.4 s)."""
    try:
        moment = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return text
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(dt.UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


_STAGES: dict[str, Stage] = {stage.value: stage for stage in Stage}
_OUTCOMES: dict[str, Outcome] = {outcome.value: outcome for outcome in Outcome}


def derive(docs: list[Doc]) -> FollowState:
    """The current follow-up from all records of one possibility (tombstones ignored).

    Runs for each of 10,000 possibilities when a workshop opens: written for speed.
    """
    settings: dict[str, list[Doc]] = {}
    notes: list[Doc] = []
    last = ""
    live = 0
    for doc in docs:  # indexed records always hold these fields (``Followup._sync``)
        if doc["deleted"]:
            continue
        live += 1
        kind = doc["kind"]
        if kind == NOTE:
            notes.append(doc)
        elif kind in settings:
            settings[kind].append(doc)
        else:
            settings[kind] = [doc]
        if doc["created_at"] > last:
            last = doc["created_at"]
    if not live:
        return EMPTY
    current: dict[str, Doc] = {}
    tops: dict[str, tuple[str, ...]] = {}
    conflicts: list[str] = []
    for kind, group in settings.items():
        found = group if len(group) == 1 else heads(group)
        current[kind] = found[-1]
        if len(found) == 1:
            tops[kind] = (found[0]["uid"],)
        else:
            tops[kind] = tuple([d["uid"] for d in found])
            conflicts.append(kind)
    stage_doc = current.get(STAGE)
    recorded = frozenset(
        _STAGES[doc["stage"]] for doc in settings.get(STAGE, ()) if doc.get("stage") in _STAGES
    )
    stage, outcome = Stage.INTERESTED, None
    if stage_doc is not None:
        stage = _STAGES.get(stage_doc.get("stage") or "", Stage.INTERESTED)
        outcome = _OUTCOMES.get(stage_doc.get("outcome") or "")
    action = current.get(NEXT_ACTION, {})
    contacts = current.get(CONTACTS, {})
    if len(notes) > 1:
        notes.sort(key=order)
    return FollowState(
        stage=stage,
        outcome=outcome,
        owner=current[OWNER].get("owner", "") if OWNER in current else "",
        next_action=action.get("action", ""),
        due=action.get("due", ""),
        contacts_presenting=contacts.get("presenting", ""),
        contacts_interested=contacts.get("interested", ""),
        last_activity=last,
        notes=tuple([d.get("text", "") for d in notes]),
        conflicts=tuple(sorted(conflicts, key=SETTINGS.index)) if conflicts else (),
        records=live,
        heads=tops,
        recorded=recorded,
    )


@dataclass(frozen=True, slots=True)
class Possibility:
    """One live interest seen as a possibility for partnership, with its follow-up (slots:
    100,000 of them stand at once: 5 MB less)."""

    presentation: Presentation
    code: str  # the interested country's code as its interest stores it
    country: Country  # the interested country
    number: int  # the presentation's place in the agenda (1-based)
    captured_at: str
    state: FollowState
    capture_note: str = ""

    @property
    def key(self) -> Key:
        """(presentation uid, interested country code): made when asked, not kept (100,000
        possibilities stand at once in ``matchdesk followup``: 7 MB of tuples)."""
        return (self.presentation.uid, self.code)

    @property
    def last_activity(self) -> str:
        """Its newest record's time, or its capture's (``last_activity``: rows say it too)."""
        return last_activity(self.state, self.captured_at)

    def overdue(self, today: dt.date) -> bool:
        """Its state's next action is overdue (``FollowState.overdue``)."""
        return self.state.overdue(today)

    def stale(self, days: int, now: dt.datetime) -> bool:
        """Open, and nothing happened to it for ``days`` days."""
        if self.state.closed:
            return False
        return self.last_activity < utc_stamp((now - dt.timedelta(days=days)).isoformat())


def last_activity(state: FollowState, captured_at: str) -> str:
    """The newest follow-up record's time, or the capture's when nothing followed yet."""
    return max(state.last_activity, captured_at)
