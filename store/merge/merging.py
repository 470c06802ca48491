"""``matchdesk merge FILE OTHER...``: other laptops' files joined into this one, in one write."""

from __future__ import annotations

import copy
from collections.abc import Callable, Sequence
from pathlib import Path

from matchdesk.store.errors import InvalidValue
from matchdesk.store.file.limits import MAX_READ_BYTES, require_within
from matchdesk.store.file.schema import COUNTRIES, FOLLOWUP, INTERESTS, META, PRESENTATIONS
from matchdesk.store.merge.combined import CombinedWorkshop
from matchdesk.store.merge.conflicts import conflicts
from matchdesk.store.merge.join import State, file_records, join_docs, keep_own, state_of
from matchdesk.store.merge.merge_report import MergeReport, build_report
from matchdesk.store.models import Doc
from matchdesk.store.workshop import TABLES, Workshop

# Writes in this order, so a reader of the journal meets what a record names before it.
_ORDER = (META, COUNTRIES, PRESENTATIONS, INTERESTS)


def _workshop_words(meta: Doc, fallback: str) -> str:
    """A workshop named by its title, or ``fallback`` when it has none."""
    title = str(meta.get("title") or "")
    return f"“{title}”" if title else fallback


class _Records(dict[str, dict[str, Doc]]):
    """A workshop's stored records by table and uid (``workshop_state``), each table indexed
    when first asked for: a merge looks up only the tables the files bring."""

    def __init__(self, workshop: Workshop) -> None:
        super().__init__()
        self.workshop = workshop
        for table in TABLES:
            self[table]  # indexed now: the report reads them

    def __missing__(self, table: str) -> dict[str, Doc]:
        docs = self[table] = state_of({table: self.workshop.ledger.peek(table)}).get(table, {})
        return docs


def _join_file(
    path: Path,
    join_in: Callable[[str, Doc], None],
    workshop: Workshop,
    own: Doc,
    *,
    force: bool,
    max_bytes: int,
) -> None:
    """Join the records of the file at ``path`` in one by one (never the file whole beside
    the workshop), each checked to be of this same workshop.

    A file of another workshop (another ``meta.uid``) is refused, naming both titles, unless
    ``force``: then its details count as this workshop's.
    """
    for table, doc in file_records(path, max_bytes):
        if table == META and doc.get("uid") != own.get("uid"):
            if not force:
                theirs = _workshop_words(doc, "an untitled one")
                ours = _workshop_words(own, "the untitled one")
                raise InvalidValue(
                    f"{path.name} belongs to another workshop ({theirs}), not to {ours} in "
                    f"{workshop.path.name}; nothing was merged. Add --force to merge "
                    "it anyway."
                )
            doc = {**copy.deepcopy(doc), "uid": own.get("uid")}
        join_in(table, doc)


def merge_files(
    workshop: Workshop,
    paths: Sequence[Path],
    *,
    force: bool = False,
    max_bytes: int = MAX_READ_BYTES,
) -> MergeReport:
    """Join the files at ``paths`` into ``workshop`` as one transaction (and one undo step);
    nothing is written when any of them is refused, unreadable or over ``max_bytes``.

    The files are read a batch of records at a time and only the records that change are
    kept (``joined``), so a merge holds the workshop and what it gains, not every file whole.
    """
    if not paths:
        raise InvalidValue("Name at least one file to merge.")
    for path in paths:  # every size first: a refusal costs a stat, not a read
        require_within(Path(path), max_bytes)
        if Path(path).resolve() == workshop.path.resolve():
            raise InvalidValue(f"{path} is the file being merged into; name the other files.")
    own = workshop.ledger.meta()
    combined = isinstance(workshop, CombinedWorkshop)
    mine = _Records(workshop.local if isinstance(workshop, CombinedWorkshop) else workshop)
    joined: State = {}  # the records the join changes, by table and uid

    def join_in(table: str, doc: Doc) -> None:
        changed = joined.setdefault(table, {})
        uid = doc["uid"]
        current = changed.get(uid) or mine[table].get(uid)
        if current is None:
            changed[uid] = doc
        elif current is not doc and (new := join_docs(current, doc)) != current:
            changed[uid] = new

    for path in paths:
        _join_file(Path(path), join_in, workshop, own, force=force, max_bytes=max_bytes)
    if combined:  # following peers: this laptop's file gets all the view shows
        seen = _Records(workshop)
        for table in {*TABLES, *joined}:
            for doc in seen[table].values():
                join_in(table, doc)
        del seen
    tables = sorted(joined, key=lambda t: (_ORDER.index(t) if t in _ORDER else len(_ORDER), t))
    writes = []
    for table in tables:  # this file keeps its own highlight (clock.OWN_FIELDS)
        ours = mine.get(table, {})
        for uid, doc in joined[table].items():
            doc = joined[table][uid] = keep_own(doc, ours.get(uid))
            if ours.get(uid) != doc:
                writes.append((table, doc))
    names = tuple(Path(p).name for p in paths)
    if writes:
        workshop.ledger.commit(f"merge {', '.join(names)}", writes, exact=True)
    after = {t: {**mine.get(t, {}), **joined.get(t, {})} for t in mine.keys() | joined.keys()}
    followup = FOLLOWUP in {table for table, _ in writes}
    return build_report(
        workshop.path.name,
        names,
        len(writes),
        mine,
        after,
        lambda code: workshop.country(code).name,
        conflicts(workshop, after),
        workshop.totals(),
        followup_conflicts(workshop) if followup else (),
    )


def followup_conflicts(workshop: Workshop) -> tuple[str, ...]:
    """The possibilities whose follow-up was changed on two laptops unaware of each other
    (flagged "!" on the follow-up screen), in words."""
    from matchdesk.store.followup import Followup

    return tuple(
        f"{p.country.name} → “{p.presentation.title}”: {', '.join(p.state.conflicts)}"
        for p in Followup(workshop).possibilities()
        if p.state.conflicts
    )
