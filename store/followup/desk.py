"""``Followup``: one workshop's possibilities with their follow-up, read and written through the
``Workshop`` facade.

Every action (a stage for 12 selected possibilities, a note, an owner, ...) is one
``Workshop.commit``: one transaction, one undo step, one ``Change``. The derived state is kept
per possibility and brought up to date from the records themselves whenever the workshop's
revision moved (an undo, a capture, a merge...), so whatever wrote them, it agrees with them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

from matchdesk.store.clock import now_iso
from matchdesk.store.errors import InvalidValue, NotFound
from matchdesk.store.file.schema import FOLLOWUP
from matchdesk.store.followup.filters import Filter
from matchdesk.store.followup.funnel import Funnel, funnel
from matchdesk.store.followup.records import (
    CONTACTS,
    KIND_LABELS,
    NEXT_ACTION,
    NOTE,
    OWNER,
    STAGE,
    Event,
    Key,
    events,
    fields_for,
)
from matchdesk.store.followup.rows import Countries, Listed, captures, listed, rows
from matchdesk.store.followup.stages import Outcome, Stage
from matchdesk.store.followup.state import EMPTY, FollowState, Possibility, derive, utc_stamp
from matchdesk.store.models import Change, Doc
from matchdesk.store.workshop import Workshop


class Followup:
    """The follow-up of one open workshop (a read-only open is enough to read)."""

    def __init__(self, workshop: Workshop) -> None:
        self.workshop = workshop
        self._revision = -1
        self._stamps: dict[str, tuple[Any, Any]] = {}  # uid -> (updated_at, deleted)
        self._uids: dict[Key, list[str]] = {}
        self._docs: dict[str, Doc] = {}
        self._states: dict[Key, FollowState] = {}
        self._possibilities: dict[Key, Possibility] | None = {}  # None: not made yet
        self._order: tuple[Possibility, ...] = ()
        self._built = -1  # the revision the possibilities were built at

    # -- keeping up with the records -------------------------------------------------------------
    def _sync_states(self) -> None:
        """Re-derive the states the records changed since the last look (cheap when nothing
        did)."""
        workshop = self.workshop
        if workshop.revision == self._revision:
            return
        if self._revision < 0:
            dirty = self._first_look()
        else:
            dirty = self._changes()
            docs, uids = self._docs, self._uids
            for key in dirty:
                self._states[key] = derive([docs[uid] for uid in uids[key]])
        self._revision = workshop.revision

    def _sync(self) -> None:
        """The states, then the possibilities, up to date with the records."""
        self._sync_states()
        if self._built != self._revision:
            self._rebuild()
            self._built = self._revision

    def _live_states(self) -> list[FollowState]:
        """The state of every live possibility, without building the possibilities (100,000
        interests: the funnel of an export needs only these)."""
        self._sync_states()
        states = self._states
        if not states:  # nothing followed up yet (a report made after the workshop)
            return [EMPTY] * self.workshop.totals().interests
        return [states.get(key, EMPTY) for key in self.workshop.interest_keys()]

    def _first_look(self) -> set[Key]:
        """Index every record and derive every possibility (the 50,000-record path: lean)."""
        stamps, docs, uids = self._stamps, self._docs, self._uids
        groups: dict[Key, list[Doc]] = {}
        for doc in self.workshop.ledger.peek(FOLLOWUP):
            try:  # what ``state.derive`` reads without checking
                uid, key = doc["uid"], (doc["presentation"], doc["country"])
                doc["kind"], doc["created_at"]
                deleted = doc["deleted"]
            except KeyError:
                continue  # not a follow-up record: nothing can be derived from it
            docs[uid] = doc
            stamps[uid] = (doc.get("updated_at"), deleted)
            if key in groups:
                groups[key].append(doc)
                uids[key].append(uid)
            else:
                groups[key] = [doc]
                uids[key] = [uid]
        self._states = {key: derive(group) for key, group in groups.items()}
        return set(groups)

    def _changes(self) -> set[Key]:
        """The possibilities whose records changed since the last look (undo, merge, ...)."""
        dirty: set[Key] = set()
        stamps, docs, uids = self._stamps, self._docs, self._uids
        for doc in self.workshop.ledger.peek(FOLLOWUP):
            uid: str | None = doc.get("uid")
            if uid is None:
                continue  # not a record of ours (``_first_look`` skips it too)
            stamp = (doc.get("updated_at"), doc.get("deleted"))
            known = stamps.get(uid)
            docs[uid] = doc
            if known == stamp:
                continue
            try:  # what ``state.derive`` reads without checking
                key = (doc["presentation"], doc["country"])
                doc["kind"], doc["created_at"], doc["deleted"]
            except KeyError:
                continue  # not a follow-up record: nothing can be derived from it
            stamps[uid] = stamp
            if known is None:
                uids.setdefault(key, []).append(uid)
            dirty.add(key)
        return dirty

    def _rebuild(self) -> None:
        """The possibilities afresh, each unchanged one (same state, presentation, ...) kept
        as it was: after a write, only what it changed is made again."""
        previous, states = self._by_key(), self._states
        countries = Countries(self.workshop)
        current: list[Possibility] = []
        for number, presentation, found in captures(self.workshop):
            uid = presentation.uid
            for code, _, note, captured_at in found:
                key = (uid, code)
                country = countries[code]
                state = states.get(key, EMPTY)
                old = previous.get(key) if previous else None  # the first build: none
                if (
                    old is not None
                    and old.state is state
                    and old.presentation is presentation
                    and old.country is country
                    and old.capture_note == note
                    and old.number == number
                ):
                    current.append(old)
                    continue
                # positional (presentation, code, country, number, captured_at, state,
                # capture_note): a sixth faster than by name, 100,000 times
                current.append(
                    Possibility(
                        presentation, code, country, number, utc_stamp(captured_at), state, note
                    )
                )
        self._order = tuple(current)  # agenda order, then capture order, as built
        self._possibilities = None

    def _by_key(self) -> dict[Key, Possibility]:
        """The possibilities by key, made when first asked for: ``matchdesk followup`` lists
        them all and never asks (100,000 keys in a dict: 4.5 MB, 10 ms)."""
        if self._possibilities is None:
            self._possibilities = {p.key: p for p in self._order}
        return self._possibilities

    # -- reading ---------------------------------------------------------------------------------
    def possibilities(self) -> tuple[Possibility, ...]:
        """Every live interest as a possibility, in agenda order, then capture order."""
        self._sync()
        return self._order

    def possibility(self, key: Key) -> Possibility:
        self._sync()
        found = self._by_key().get(key)
        if found is None:
            raise NotFound("That possibility no longer exists (its interest was withdrawn).")
        return found

    def select(self, chosen: Filter, now: dt.datetime | None = None) -> Sequence[Possibility]:
        """The possibilities ``chosen`` selects, in order (all of them: no copy of 100,000)."""
        if chosen == Filter():
            return self.possibilities()
        moment = now or dt.datetime.now(dt.UTC)
        return [p for p in self.possibilities() if chosen.matches(p, moment)]

    def listed(self, chosen: Filter, now: dt.datetime | None = None) -> list[Listed]:
        """``select``'s possibilities as rows, by presentation: all of them without building
        a ``Possibility`` each (``matchdesk followup`` only prints them)."""
        if chosen != Filter():
            return listed(self.select(chosen, now))
        if self._built == self.workshop.revision:  # built already: no second walk
            return listed(self._order)
        self._sync_states()
        return list(rows(self.workshop, self._states))

    def funnel(self, among: Iterable[Possibility] | None = None) -> Funnel:
        """The funnel of ``among`` (every possibility by default)."""
        if among is None:
            return funnel(self._live_states())
        return funnel(p.state for p in among)

    def history(self, key: Key) -> tuple[Event, ...]:
        """Every live record of one possibility, oldest first (concurrent ones marked)."""
        self._sync()
        return events(self._docs[uid] for uid in self._uids.get(key, ()))

    def all_events(self) -> list[Event]:
        """The live history of every live possibility, oldest first (the History sheet)."""
        self._sync()
        found: list[Event] = []
        for key in (p.key for p in self._order):
            if key in self._uids:
                found.extend(events(self._docs[uid] for uid in self._uids[key]))
        return sorted(found, key=lambda e: (e.at, e.device, e.uid))

    def has_records(self) -> bool:
        """Whether any live possibility has any follow-up at all."""
        return any(state.records for state in self._live_states())

    # -- writing ---------------------------------------------------------------------------------
    def _record(self, key: Key, kind: str, **values: Any) -> tuple[str, Doc]:
        doc = self.workshop.ledger.new_record(
            presentation=key[0], country=key[1], kind=kind, **fields_for(kind, values)
        )
        state = self.possibility(key).state
        if kind != NOTE:
            doc["replaces"] = list(state.heads.get(kind, ()))
        if doc["created_at"] <= state.last_activity:  # same millisecond, or a clock behind
            doc["created_at"] = doc["updated_at"] = _just_after(state.last_activity)
        return (FOLLOWUP, doc)

    def _commit(self, label: str, writes: Sequence[tuple[str, Doc]]) -> Change | None:
        """One undo step; None when there was nothing to write (no step, no change)."""
        if not writes:
            return None
        return self.workshop.ledger.commit(label, writes)

    def _keys(self, keys: Iterable[Key]) -> list[Key]:
        chosen = list(dict.fromkeys(keys))
        for key in chosen:
            self.possibility(key)  # raises when one is gone
        if not chosen:
            raise InvalidValue("Select at least one possibility.")
        return chosen

    def plan_stage(
        self, key: Key, stage: Stage | None, outcome: Outcome | None
    ) -> list[tuple[str, Doc]]:
        """The record that moves ``key`` to ``stage`` (or closes it with ``outcome`` at its
        current stage); nothing when it is there already."""
        state = self.possibility(key).state
        target = stage or state.stage
        if target is state.stage and outcome is state.outcome:
            return []
        return [self._record(key, STAGE, stage=target.value, outcome=outcome or "")]

    def set_stage(
        self, keys: Iterable[Key], stage: Stage | None = None, outcome: Outcome | None = None
    ) -> Change | None:
        """Move possibilities to ``stage`` (reopening closed ones), or close them with
        ``outcome``; one undo step for all of them."""
        if stage is None and outcome is None:
            raise InvalidValue("Choose a stage or an outcome.")
        chosen = self._keys(keys)
        writes = [w for key in chosen for w in self.plan_stage(key, stage, outcome)]
        what = f"closed: {outcome.label}" if outcome else (stage or Stage.INTERESTED).label
        return self._commit(f"{what} ({_many(len(writes))})", writes)

    def advance(self, keys: Iterable[Key]) -> Change | None:
        """Move each open possibility one stage on (closed and implemented ones stay)."""
        writes = []
        for key in self._keys(keys):
            state = self.possibility(key).state
            following = state.stage.following()
            if state.closed or following is None:
                continue
            writes += self.plan_stage(key, following, None)
        return self._commit(f"advance ({_many(len(writes))})", writes)

    def note_record(self, key: Key, text: str) -> tuple[str, Doc]:
        return self._record(key, NOTE, text=text)

    def add_note(self, keys: Iterable[Key], text: str) -> Change | None:
        writes = [self.note_record(key, text) for key in self._keys(keys)]
        return self._commit(f"note ({_many(len(writes))})", writes)

    def plan_setting(self, key: Key, kind: str, **values: str) -> list[tuple[str, Doc]]:
        """The record of a new owner, next action or contacts; nothing when unchanged."""
        state = self.possibility(key).state
        fields = fields_for(kind, values)
        if fields == _setting(state, kind):
            return []
        return [self._record(key, kind, **fields)]

    def set_owner(self, keys: Iterable[Key], owner: str) -> Change | None:
        return self._set(keys, OWNER, owner=owner)

    def set_next_action(self, keys: Iterable[Key], action: str, due: str = "") -> Change | None:
        return self._set(keys, NEXT_ACTION, action=action, due=due)

    def set_contacts(self, keys: Iterable[Key], presenting: str, interested: str) -> Change | None:
        return self._set(keys, CONTACTS, presenting=presenting, interested=interested)

    def _set(self, keys: Iterable[Key], kind: str, **values: str) -> Change | None:
        writes = [w for key in self._keys(keys) for w in self.plan_setting(key, kind, **values)]
        return self._commit(f"{KIND_LABELS[kind]} ({_many(len(writes))})", writes)

    def apply(self, label: str, writes: Sequence[tuple[str, Doc]]) -> Change | None:
        """Write planned records (``plan_*``, a spreadsheet, a merge) as one undo step."""
        return self._commit(label, writes)


def _setting(state: FollowState, kind: str) -> dict[str, str]:
    """A state's current value of one setting, as ``fields_for`` spells it."""
    if kind == OWNER:
        return {"owner": state.owner}
    if kind == NEXT_ACTION:
        return {"action": state.next_action, "due": state.due}
    return {"presenting": state.contacts_presenting, "interested": state.contacts_interested}


def _many(count: int) -> str:
    return f"{count} possibilit{'y' if count == 1 else 'ies'}"


def _just_after(stamp: str) -> str:
    """One millisecond after ``stamp``: a record is never stamped before (or with) one its
    device saw, so two notes written in one millisecond keep their order."""
    try:
        moment = dt.datetime.fromisoformat(utc_stamp(stamp)) + dt.timedelta(milliseconds=1)
    except ValueError:  # an imported record's odd stamp: keep ours
        return now_iso()
    return moment.astimezone(dt.UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")
