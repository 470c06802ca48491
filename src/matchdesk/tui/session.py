"""The TUI's single door to the workshop: every change goes through here.

Each method calls the ``Workshop`` facade, then refreshes the ``TallyModel`` for only what the
change touched and tells its listeners (the app, which broadcasts to its screens) with a
``Change``. Undo/redo are mirrored
(one entry per facade commit, detected by ``Workshop.revision``) so that undoing a capture also
refreshes just that presentation.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from matchdesk.store.models import (
    Channel,
    Country,
    Interest,
    Presentation,
    RecordResult,
    WorkshopInfo,
)
from matchdesk.store.workshop import Workshop
from matchdesk.tui.tally_model import TallyModel

T = TypeVar("T")


@dataclass(frozen=True)
class Change:
    """What a change touched: some presentations' interests, or (``None``) everything."""

    presentations: frozenset[str] | None = frozenset()
    info: bool = False
    label: str = ""

    @property
    def everything(self) -> bool:
        return self.presentations is None


EVERYTHING = Change(None, info=True)


class Session:
    """A workshop opened for writing by the TUI, with the numbers it shows."""

    def __init__(self, workshop: Workshop) -> None:
        self.workshop = workshop
        self.model = TallyModel.from_tallies(workshop.tallies())
        self._undo: list[Change] = []
        self._redo: list[Change] = []
        self._closed = False
        self.listeners: list[Callable[[Change], None]] = []

    def close(self) -> None:
        """Release the file (idempotent): folds the journal into the snapshot and unlocks."""
        if not self._closed:
            self._closed = True
            self.workshop.close()

    # -- reading -------------------------------------------------------------------------
    @property
    def presentations(self) -> list[Presentation]:
        return self.model.presentations

    def info(self) -> WorkshopInfo:
        return self.workshop.info()

    def resolve_typed(self, text: str) -> Country | None:
        return self.workshop.resolve_typed(text)

    def suggest(self, text: str, limit: int = 8) -> list[Country]:
        return self.workshop.suggest(text, limit)

    # -- the change machinery ----------------------------------------------------------------
    def _run(self, change: Change, write: Callable[[], T]) -> tuple[T, Change | None]:
        """Call the facade; if it committed, remember ``change`` for undo and refresh."""
        before = self.workshop.revision
        result = write()
        if self.workshop.revision == before:
            return result, None
        self._undo.append(change)
        self._redo.clear()
        self._refresh(change)
        self._announce(change)
        return result, change

    def _announce(self, change: Change) -> None:
        for listener in self.listeners:
            listener(change)

    def _refresh(self, change: Change) -> None:
        if change.presentations is None:
            self.model.reload(self.workshop.presentations(), self.workshop.interests())
            return
        for uid in change.presentations:
            self.model.replace(uid, self.workshop.interests(uid))

    def undo(self) -> tuple[str | None, Change | None]:
        label = self.workshop.undo()
        if label is None:
            return None, None
        change = self._undo.pop() if self._undo else EVERYTHING
        self._redo.append(change)
        self._refresh(change)
        done = Change(change.presentations, change.info, label)
        self._announce(done)
        return label, done

    def redo(self) -> tuple[str | None, Change | None]:
        label = self.workshop.redo()
        if label is None:
            return None, None
        change = self._redo.pop() if self._redo else EVERYTHING
        self._undo.append(change)
        self._refresh(change)
        done = Change(change.presentations, change.info, label)
        self._announce(done)
        return label, done

    # -- interests -----------------------------------------------------------------------
    def record(
        self, presentation_uid: str, text: str | list[Country], channel: Channel
    ) -> tuple[RecordResult, Change | None]:
        """Record what was typed ("kaz, tha, phl"); on disk when this returns."""
        return self._run(
            Change(frozenset({presentation_uid})),
            lambda: self.workshop.record_interests(presentation_uid, text, channel=channel),
        )

    def withdraw(self, interest: Interest) -> Change | None:
        return self._run(
            Change(frozenset({interest.presentation_uid})),
            lambda: self.workshop.withdraw_interest(interest.uid),
        )[1]

    def update_interest(
        self, interest: Interest, *, channel: Channel | None = None, note: str | None = None
    ) -> tuple[Interest, Change | None]:
        return self._run(
            Change(frozenset({interest.presentation_uid})),
            lambda: self.workshop.update_interest(interest.uid, channel=channel, note=note),
        )

    def add_custom_country(self, name: str) -> tuple[Country, Change | None]:
        return self._run(Change(frozenset()), lambda: self.workshop.add_custom_country(name))

    # -- presentations and details ---------------------------------------------------------
    def add_presentation(
        self, title: str, country: Country, presenter: str = "", theme: str = ""
    ) -> tuple[Presentation, Change | None]:
        return self._run(
            Change(None),
            lambda: self.workshop.add_presentation(title, country, presenter, theme),
        )

    def update_presentation(self, uid: str, **fields: Any) -> tuple[Presentation, Change | None]:
        return self._run(Change(None), lambda: self.workshop.update_presentation(uid, **fields))

    def remove_presentation(self, uid: str) -> Change | None:
        return self._run(Change(None), lambda: self.workshop.remove_presentation(uid))[1]

    def move_presentation(self, uid: str, index: int) -> Change | None:
        return self._run(Change(None), lambda: self.workshop.move_presentation(uid, index))[1]

    def set_info(self, **fields: Any) -> tuple[WorkshopInfo, Change | None]:
        return self._run(Change(frozenset(), info=True), lambda: self.workshop.set_info(**fields))
