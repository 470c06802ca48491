"""The one undo history: what each write changed, before and after, so it can be reversed.

It lives in the store beside the records; the TUI only asks ``Workshop.undo()`` / ``redo()``
and redraws from the ``Change`` they return.
"""

from __future__ import annotations

import copy

from msgspec import Struct

from matchdesk.store.models import Doc

# Undo reaches back this many changes: enough for any slip, and memory stays flat all day.
UNDO_LIMIT = 500


class Step(Struct, frozen=True):
    """One undoable write: every record it touched, as (table, before, after)."""

    label: str
    writes: tuple[tuple[str, Doc | None, Doc], ...]
    # A merge: its records are other laptops', not this one's edits. Undo puts every record
    # back exactly as it was (the ones it brought are taken out again: they live on in the
    # peer's file) and redo puts the merged ones back; neither stamps anything in this
    # laptop's name, so merging again brings the same records back (merge, undo, merge =
    # merge).
    exact: bool = False
    # The same write as this laptop's file took it, when a view over peers (``open --with``)
    # made it: the view's records join the peers' in, the file's do not.
    local: Step | None = None

    def replay(self, *, forward: bool) -> list[tuple[str, Doc]]:
        """The records to write to redo (``forward``) or undo this step, in a safe order.

        Undoing a record that the step created tombstones it: nothing is ever removed (an
        ``exact`` step is put back by ``restore`` instead).
        """
        if forward:
            return [(table, copy.deepcopy(after)) for table, _, after in self.writes]
        return [
            (
                table,
                {**copy.deepcopy(after), "deleted": True}
                if before is None
                else copy.deepcopy(before),
            )
            for table, before, after in reversed(self.writes)
        ]

    def restore(self, *, forward: bool) -> list[tuple[str, str, Doc | None]]:
        """(table, uid, record) to put back exactly for an ``exact`` step; a record None is
        taken out of the file (it came in with the merge being undone)."""
        if forward:
            return [(table, after["uid"], after) for table, _, after in self.writes]
        return [(table, after["uid"], before) for table, before, after in reversed(self.writes)]


class History:
    """Bounded undo and redo stacks of ``Step``s."""

    def __init__(self, limit: int = UNDO_LIMIT) -> None:
        self.limit = limit
        self._undo: list[Step] = []
        self._redo: list[Step] = []

    def push(self, step: Step) -> None:
        """A new write: it becomes the one to undo, and nothing is left to redo."""
        self._undo.append(step)
        del self._undo[: -self.limit]
        self._redo.clear()

    def next_undo(self) -> Step | None:
        return self._undo[-1] if self._undo else None

    def next_redo(self) -> Step | None:
        return self._redo[-1] if self._redo else None

    def undone(self) -> None:
        """``next_undo()`` was reverted on disk."""
        self._redo.append(self._undo.pop())

    def redone(self) -> None:
        """``next_redo()`` was written again on disk."""
        self._undo.append(self._redo.pop())
