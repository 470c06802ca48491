"""Many possibilities updated at once: from a secretariat's spreadsheet, or ``followup --set``.

Every update is checked against the workshop before anything is written: a row that names no
existing interest, an unknown stage or a bad date refuses the whole batch, naming its line. An
empty cell changes nothing, and a value the possibility already has writes no record, so
importing the same sheet twice changes nothing the second time.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from matchdesk.store.countries import is_blank
from matchdesk.store.errors import ImportFailed, InvalidValue, MatchdeskError
from matchdesk.store.followup.desk import Followup
from matchdesk.store.followup.records import CONTACTS, NEXT_ACTION, OWNER, Key
from matchdesk.store.followup.stages import Outcome, Stage, parse_stage
from matchdesk.store.models import Change, Doc

# What ``--set FIELD=VALUE`` and a follow-up sheet's columns may change.
SETTABLE: tuple[str, ...] = (
    "stage",
    "owner",
    "next_action",
    "due",
    "note",
    "contacts_presenting",
    "contacts_interested",
)


@dataclass(frozen=True)
class Update:
    """What to change on one possibility; ``None`` (or an empty note) leaves a field alone."""

    where: str
    key: Key
    stage: Stage | Outcome | None = None
    owner: str | None = None
    next_action: str | None = None
    due: str | None = None
    note: str = ""
    contacts_presenting: str | None = None
    contacts_interested: str | None = None


def update_from(where: str, key: Key, values: dict[str, str]) -> Update:
    """An ``Update`` from text values (cells or ``--set``); empty text leaves a field alone."""
    unknown = sorted(set(values) - set(SETTABLE))
    if unknown:
        raise ImportFailed(f"{where}: cannot set {', '.join(unknown)}; use {', '.join(SETTABLE)}.")
    given = {name: text.strip() for name, text in values.items() if text and text.strip()}
    try:
        stage = parse_stage(given["stage"]) if "stage" in given else None
    except InvalidValue as exc:
        raise ImportFailed(f"{where}: {exc}") from None
    return Update(
        where=where,
        key=key,
        stage=stage,
        owner=given.get("owner"),
        next_action=given.get("next_action"),
        due=given.get("due"),
        note=values.get("note", "").strip(),
        contacts_presenting=given.get("contacts_presenting"),
        contacts_interested=given.get("contacts_interested"),
    )


def locate(desk: Followup, where: str, title: str, presenting: str, interested: str) -> Key:
    """The possibility a row names by title + presenting country + interested country; a blank
    cell ("NA", "-") names no country, as in an import (never Namibia)."""
    workshop = desk.workshop
    presenter = None if is_blank(presenting) else workshop.resolve(presenting)
    country = None if is_blank(interested) else workshop.resolve(interested)
    presentation = workshop.find_presentation(title, presenter) if presenter else None
    key = (presentation.uid, country.code) if presentation and country else None
    if key is None or key not in {p.key for p in desk.possibilities()}:
        raise ImportFailed(
            f"{where}: this workshop has no interest of {interested or '(no country)'!r} in "
            f"{title!r} presented by {presenting or '(no country)'!r}; nothing was written."
        )
    return key


def plan(desk: Followup, updates: Sequence[Update]) -> list[tuple[str, Doc]]:
    """The records all ``updates`` write; raises ``ImportFailed`` (nothing written) on any."""
    lines: dict[Key, str] = {}
    writes: list[tuple[str, Doc]] = []
    for update in updates:
        if update.key in lines:
            raise ImportFailed(
                f"{update.where}: the same possibility as {lines[update.key]}; "
                "give each possibility one row."
            )
        lines[update.key] = update.where
        try:
            writes += _plan_one(desk, update)
        except MatchdeskError as exc:
            raise ImportFailed(f"{update.where}: {exc}") from None
    return writes


def _plan_one(desk: Followup, update: Update) -> list[tuple[str, Doc]]:
    possibility = desk.possibility(update.key)
    state = possibility.state
    key = update.key
    writes: list[tuple[str, Doc]] = []
    if isinstance(update.stage, Outcome):
        writes += desk.plan_stage(key, None, update.stage)
    elif update.stage is not None:
        writes += desk.plan_stage(key, update.stage, None)
    if update.owner is not None:
        writes += desk.plan_setting(key, OWNER, owner=update.owner)
    if update.next_action is not None or update.due is not None:
        action = state.next_action if update.next_action is None else update.next_action
        due = state.due if update.due is None else update.due
        writes += desk.plan_setting(key, NEXT_ACTION, action=action, due=due)
    if update.contacts_presenting is not None or update.contacts_interested is not None:
        writes += desk.plan_setting(
            key,
            CONTACTS,
            presenting=_or(update.contacts_presenting, state.contacts_presenting),
            interested=_or(update.contacts_interested, state.contacts_interested),
        )
    note = update.note
    # A note already written (or the capture's own note, as ``export --followup`` gives it
    # back) is not written again: the same sheet imported twice adds nothing.
    if note and note not in state.notes and note != possibility.capture_note:
        writes.append(desk.note_record(key, note))
    return writes


def _or(value: str | None, current: str) -> str:
    return current if value is None else value


def apply_updates(desk: Followup, label: str, updates: Iterable[Update]) -> Change | None:
    """Plan, then write everything as one undo step (None when nothing changes)."""
    return desk.apply(label, plan(desk, list(updates)))
