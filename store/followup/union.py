"""Merging two laptops' follow-up: a union of append-only records, by uid.

A record's content never changes after it is written; only its tombstone does (an undo sets
it, a redo clears it), restamping ``updated_at``. So two copies of one uid differ at most in
that, and the later stamp wins. That is a maximum under a total order: merging is idempotent,
commutative and associative, and no note is ever lost. Concurrent stage changes survive as two
records replacing the same one; ``state.derive`` flags them.

``matchdesk merge`` (the merge room) calls ``merge_followup`` with the other file's records.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from matchdesk.store.file.schema import FOLLOWUP
from matchdesk.store.models import Change, Doc
from matchdesk.store.workshop import Workshop


def version(doc: Doc) -> tuple[str, bool, str]:
    """Which copy of one uid is newer: the later stamp; on a tie the tombstone, then device."""
    return (str(doc.get("updated_at", "")), bool(doc.get("deleted")), str(doc.get("device", "")))


def union(
    ours: Iterable[Doc],
    theirs: Iterable[Doc],
    newer: Callable[[Doc], tuple[Any, ...]] = version,  # the merge room may pass its clock's order
) -> list[Doc]:
    """The records of ``theirs`` that ``ours`` lacks or holds an older copy of."""
    mine = {d["uid"]: d for d in ours if d.get("uid")}
    wanted: dict[str, Doc] = {}
    for doc in theirs:
        uid = doc.get("uid")
        if not uid:
            continue
        best = wanted.get(uid) or mine.get(uid)
        if best is None or newer(doc) > newer(best):
            wanted[uid] = dict(doc)
    return [doc for uid, doc in wanted.items() if mine.get(uid) != doc]


def merge_followup(workshop: Workshop, theirs: Iterable[Doc]) -> Change | None:
    """Bring the other file's follow-up records into ``workshop``: one write, one undo step;
    None when it had them all already."""
    writes = [(FOLLOWUP, doc) for doc in union(workshop.ledger.peek(FOLLOWUP), theirs)]
    if not writes:
        return None
    return workshop.ledger.commit(f"merge follow-up ({len(writes)} records)", writes)
