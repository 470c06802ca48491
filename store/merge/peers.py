"""Peers: other laptops' workshop files that a sync tool (or a USB stick) puts beside ours.

A peer is read, never written: no lock, no checkpoint, no repair. What is read is the file and
its journal (a capture reaches the journal first) and any ``.sync-conflict-*`` copy Syncthing
left of it (joining one loses nothing). A read can catch the file mid-copy: then the peer keeps
its last good records and says why, and the next change of the file is read again.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from matchdesk.store.errors import InvalidValue, MatchdeskError
from matchdesk.store.file.limits import MAX_READ_BYTES
from matchdesk.store.file.paths import file_stamp
from matchdesk.store.merge.join import (
    State,
    file_records,
    join_docs,
    join_states,
    meta_of,
    read_state,
)
from matchdesk.store.models import Doc

Stamp = tuple[object, ...]

# A shared folder's ``.stignore`` (docs/merging.md): each laptop's workshop file and
# its journal (and ``.journal.folding`` while a checkpoint runs) travel; the lock, backups,
# migration copies, damaged and restored copies and temp files are one laptop's own and stay.
STIGNORE = """\
// matchdesk: workshop files and their journals sync; these stay on each laptop
*.lock
*.bak[0-9]
*.v[0-9]-backup
*.damaged-*
*.restored-*
.*.tmp
"""


def conflict_copies(path: Path) -> list[Path]:
    """Syncthing's copies of ``path`` from a sync conflict (``room.sync-conflict-….json``)."""
    try:
        names = os.listdir(path.parent)
    except OSError:
        return []
    prefix = f"{path.stem}.sync-conflict-"
    return sorted(
        path.with_name(n) for n in names if n.startswith(prefix) and n.endswith(path.suffix)
    )


def peer_stamp(path: Path) -> Stamp:
    """Changes whenever the peer's file, its journal or a conflict copy of it changes."""
    return (file_stamp(path), *((c.name, file_stamp(c)) for c in conflict_copies(path)))


@dataclass(frozen=True)
class Reading:
    """One read of a peer: the records that changed since the last good read, or a problem."""

    stamp: Stamp
    state: State | None = None
    changed: tuple[tuple[str, Doc], ...] = ()
    problem: str = ""


@dataclass
class Peer:
    """One peer file and what was last read of it."""

    path: Path
    stamp: Stamp | None = None  # of the last read, good or not
    state: State = field(default_factory=dict)  # the last good records
    problem: str = ""  # why the last read failed; "" when it was good
    read_once: bool = False
    max_bytes: int = MAX_READ_BYTES  # a bigger file is not read (``file/limits.py``)

    @property
    def name(self) -> str:
        return self.path.name

    def changed(self) -> bool:
        return peer_stamp(self.path) != self.stamp

    def read(self, workshop_uid: str, known: State | None = None) -> Reading:
        """Read the peer (any thread: touches nothing but the files and this object's last
        state, which only ``accept`` replaces).

        The file is read a batch of records at a time, and a record equal to one in ``known``
        (the view's records; by default what was last read of this peer) is kept as that very
        object: a peer that holds what this laptop holds costs its index, not a second copy.
        """
        stamp = peer_stamp(self.path)
        try:
            known = self.state if known is None else known
            states = [self._read_file(known)]
            for copy in conflict_copies(self.path):
                try:
                    states.append(read_state(copy, self.max_bytes))
                except MatchdeskError:
                    continue  # a half-synced conflict copy: the file itself is what counts
            state = join_states(states)
            uid = meta_of(state).get("uid")
            if uid != workshop_uid:
                title = meta_of(state).get("title")
                named = f"“{title}”" if title else "an untitled one"
                raise InvalidValue(
                    f"{self.name} is a file of another workshop ({named}); it is not followed."
                )
        except MatchdeskError as error:
            return Reading(stamp, problem=str(error))
        except OSError as error:
            return Reading(stamp, problem=f"{self.name} cannot be read: {error.strerror}.")
        changed = tuple(  # a record ``known`` holds as it is changes nothing
            (table, doc)
            for table, docs in state.items()
            for uid, doc in docs.items()
            if doc is not known.get(table, {}).get(uid)
            and self.state.get(table, {}).get(uid) != doc
        )
        return Reading(stamp, state, changed)

    def _read_file(self, known: State) -> State:
        """The peer file's records, each one ``known`` holds equal shared with it."""
        state: State = {}
        for table, doc in file_records(self.path, self.max_bytes):
            uid = doc["uid"]
            same = known.get(table, {}).get(uid)
            if same is not None and same == doc:
                doc, uid = same, same["uid"]
            docs = state.setdefault(table, {})
            twice = docs.get(uid)  # read again (a checkpoint meanwhile): join, lose nothing
            docs[uid] = doc if twice is None or twice is doc else join_docs(twice, doc)
        return state

    def accept(self, reading: Reading) -> None:
        """Remember a reading (its records when it was good, its problem when not)."""
        self.stamp = reading.stamp
        self.problem = reading.problem
        self.read_once = True
        if reading.state is not None:
            self.state = reading.state
