"""This laptop's workshop with its peers' records joined in (``open --with``, ``tally --with``).

``CombinedWorkshop`` is a ``Workshop`` over a ``CombinedLedger``, whose records live in memory:
the join of this laptop's file and everything read from its peers. Reading it shows the
combined workshop (tallies, interests with their provenance, conflicts). Writing it writes this
laptop's file first (through that file's own ledger), one transaction as always, then the
memory: the peers' files are never written. A capture costs what it costs without peers (plus
the same incremental update in memory); a peer's change costs a read off the Enter path and a
join of just the records that changed.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Iterable, Sequence
from pathlib import Path

from matchdesk.store.clock import stamp_record
from matchdesk.store.file.limits import MAX_READ_BYTES
from matchdesk.store.file.schema import COUNTRIES, INTERESTS, PRESENTATIONS
from matchdesk.store.history import Step
from matchdesk.store.merge.join import State, join_docs, keep_own, workshop_state
from matchdesk.store.merge.peers import Peer, Reading
from matchdesk.store.models import Change, Doc
from matchdesk.store.workshop import Ledger, Workshop, paused_gc
from matchdesk.store.workshop.ledger import Write
from matchdesk.store.workshop.opening import memory_storage


def _numbered(state: State) -> dict[str, dict[str, Doc]]:
    return {
        name: {str(n): doc for n, doc in enumerate(docs.values(), start=1)}
        for name, docs in state.items()
    }


class CombinedLedger(Ledger):
    """The ledger of a view over peers: its records live in memory (this laptop's file joined
    with the peers'); a write goes to ``local`` (this laptop's file's ledger) first, then to
    memory. The peers' files are never written."""

    def __init__(self, local: Ledger, peers: list[Peer], state: State) -> None:
        self.local = local
        self.peers = peers
        storage = memory_storage(local.path, _numbered(state))
        super().__init__(
            local.path, storage, None, local.device, readonly=local.readonly, clock=local.clock
        )

    def write(self, label: str, writes: Iterable[Write], *, owned: bool = False) -> Step:
        """This laptop's file first (on disk before anything counts it), then memory (a copy,
        ``owned`` or not: this laptop's file holds the records given)."""
        writes = self._with_named_customs(list(writes))
        for table, doc in writes:  # stamped against what this view shows (peers included)
            stamp_record(self.index.doc(table, doc["uid"]), doc, self.clock)
        self.local.commit(label, writes)
        return self.store(label, writes)

    def _with_named_customs(self, writes: list[Write]) -> list[Write]:
        """``writes`` after the custom-country records they name that only a peer holds: a
        capture of a country a colleague made ("Carpathian Ukraine") brings its record into
        this laptop's file, which must name every country it counts."""
        codes = {
            doc["country"]
            for table, doc in writes
            if table in (INTERESTS, PRESENTATIONS) and self.names.country(doc["country"]).custom
        }
        if not codes:
            return writes
        codes -= {d.get("code") for d in self.local.records(COUNTRIES)}
        codes -= {doc.get("code") for table, doc in writes if table == COUNTRIES}
        brought = [(COUNTRIES, d) for d in self.records(COUNTRIES) if d.get("code") in codes]
        return [*brought, *writes]

    def file_step(self) -> Step | None:
        return self.local.history.next_undo()  # what ``local.commit`` just pushed

    def restore(self, step: Step, *, forward: bool) -> Change:
        """Undo (or redo) a merge: this laptop's file exactly as it was, then the view as the
        join of that file and what the peers hold now (their captures still show while they
        are followed: they live in their files)."""
        if step.local is not None:
            self.local.put_exact(step.local.restore(forward=forward))
        items: list[tuple[str, str, Doc | None]] = []
        for table, uid, _ in step.restore(forward=forward):
            mine = self.local.record(table, uid)
            joined = mine
            for peer in self.peers:
                theirs = peer.state.get(table, {}).get(uid)
                if theirs is not None:
                    joined = theirs if joined is None else join_docs(joined, theirs)
            items.append((table, uid, None if joined is None else keep_own(joined, mine)))
        self.put_exact(items)
        return self.restored(step)

    def absorb(self, label: str, writes: list[Write]) -> Change:
        """Join records a peer brought into memory only (no undo step, nothing on disk)."""
        return self.settle(self.store(label, writes))

    @property
    def journal(self) -> Path:
        return self.local.journal

    def journaled(self) -> bool:
        return self.local.journaled()

    def writer(self) -> str:
        return self.local.writer()

    def disk_stamp(self) -> tuple[tuple[int, int, int] | None, ...]:
        return self.local.disk_stamp()

    def save_as(self, target: str | os.PathLike[str]) -> None:
        self.local.save_as(target)
        self.path = self.local.path
        self.announce(Change(f"continue in {self.path.name}", info=frozenset({"path"})))

    def close(self) -> None:
        try:
            self.storage.close()
        finally:
            self.local.close()


class CombinedWorkshop(Workshop):
    """A workshop file (``local``) with peers: reads show all, writes go to ``local`` only."""

    ledger: CombinedLedger

    def __init__(
        self, local: Workshop, peers: Sequence[Path], max_bytes: int = MAX_READ_BYTES
    ) -> None:
        self.local = local
        self.peers = [Peer(Path(p).expanduser().absolute(), max_bytes=max_bytes) for p in peers]
        self.workshop_uid = str(local.ledger.meta().get("uid", ""))
        state = workshop_state(local)
        readings = [peer.read(self.workshop_uid, state) for peer in self.peers]
        for peer, reading in zip(self.peers, readings, strict=True):
            peer.accept(reading)
            for table, doc in reading.changed:
                docs = state.setdefault(table, {})
                mine = docs.get(doc["uid"])
                docs[doc["uid"]] = doc if mine is None else keep_own(join_docs(mine, doc), mine)
        super().__init__(CombinedLedger(local.ledger, self.peers, state))

    def absorb(self, peer: Peer, reading: Reading) -> Change | None:
        """Join what a peer read brought (memory only; no undo step); its ``Change``, or None
        when nothing shown changed (or the read failed: ``peer.problem`` says why)."""
        peer.accept(reading)
        writes = []
        for table, doc in reading.changed:
            current = self.ledger.index.doc(table, doc["uid"])
            joined = doc if current is None else keep_own(join_docs(current, doc), current)
            if joined != current:
                writes.append((table, joined))
        if not writes:
            return None
        return self.ledger.absorb(f"changes from {peer.name}", writes)

    def problems(self) -> list[str]:
        """Why peers are not shown just now (missing, half-written, damaged, foreign)."""
        return [peer.problem for peer in self.peers if peer.problem]


def combined_view(workshop: Workshop) -> CombinedWorkshop | None:
    """``workshop`` when it is a view over other laptops' files (``open --with``), else None."""
    return workshop if isinstance(workshop, CombinedWorkshop) else None


def open_combined(
    path: Path,
    peers: Sequence[Path],
    *,
    readonly: bool = False,
    max_bytes: int | None = None,
) -> CombinedWorkshop:
    """Open ``path`` (for writing unless ``readonly``) and read its ``peers`` once (a peer
    over ``max_bytes``, by default ``MAX_READ_BYTES``, is not read: its problem says so)."""
    local = Workshop.open(path, readonly=readonly)
    limit = MAX_READ_BYTES if max_bytes is None else max_bytes
    try:
        with paused_gc():  # as ``Workshop.open``: loading frees nothing worth a collection
            combined = CombinedWorkshop(local, peers, limit)
    except BaseException:
        local.close()
        raise
    if not readonly:
        gc.freeze()  # the view's records live as long as it does (``local.close`` unfreezes)
    return combined
