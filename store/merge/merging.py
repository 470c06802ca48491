"""``matchdesk merge FILE OTHER...``: other laptops' files joined into this one, in one write."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

from matchdesk.store.errors import InvalidValue
from matchdesk.store.file.schema import COUNTRIES, INTERESTS, META, PRESENTATIONS
from matchdesk.store.merge.combined import CombinedWorkshop
from matchdesk.store.merge.conflicts import conflicts
from matchdesk.store.merge.join import (
    State,
    as_workshop,
    join_states,
    keep_own,
    meta_of,
    read_state,
    workshop_state,
)
from matchdesk.store.merge.report import MergeReport, build_report
from matchdesk.store.models import Doc
from matchdesk.store.workshop import Workshop

# Writes in this order, so a reader of the journal meets what a record names before it.
_ORDER = (META, COUNTRIES, PRESENTATIONS, INTERESTS)


def _title(meta: Doc) -> str:
    return str(meta.get("title") or "untitled")


def read_others(workshop: Workshop, paths: Sequence[Path], *, force: bool) -> list[State]:
    """The other files' records, each checked to be a file of this same workshop.

    A file of another workshop (another ``meta.uid``) is refused, naming both titles, unless
    ``force``: then its details count as this workshop's.
    """
    own = next(workshop.records(META), {})
    states: list[State] = []
    for path in paths:
        if Path(path).resolve() == workshop.path.resolve():
            raise InvalidValue(f"{path} is the file being merged into; name the other files.")
        state = read_state(Path(path))
        meta = meta_of(state)
        if meta.get("uid") != own.get("uid"):
            if not force:
                raise InvalidValue(
                    f"{Path(path).name} belongs to another workshop (“{_title(meta)}”), not to "
                    f"“{_title(own)}” ({workshop.path.name}); nothing was merged. Add --force "
                    "to merge it anyway."
                )
            state = as_workshop(state, str(own.get("uid")))
        states.append(state)
    return states


def merge_files(workshop: Workshop, paths: Sequence[Path], *, force: bool = False) -> MergeReport:
    """Join the files at ``paths`` into ``workshop`` as one transaction (and one undo step);
    nothing is written when any of them is refused or unreadable."""
    if not paths:
        raise InvalidValue("Name at least one file to merge.")
    others = read_others(workshop, paths, force=force)
    tables: Iterable[str] = {name for state in others for name in state}
    mine = workshop_state(workshop, tables)
    seen: list[State] = []
    if isinstance(workshop, CombinedWorkshop):  # following peers: this laptop's file gets all
        seen, mine = [mine], workshop_state(workshop.local, tables)
    joined = join_states([mine, *seen, *others])
    tables = sorted(joined, key=lambda t: (_ORDER.index(t) if t in _ORDER else len(_ORDER), t))
    for table in tables:  # this file keeps its own highlight (clock.OWN_FIELDS)
        ours = mine.get(table, {})
        joined[table] = {uid: keep_own(doc, ours.get(uid)) for uid, doc in joined[table].items()}
    writes = [
        (table, doc)
        for table in tables
        for uid, doc in joined[table].items()
        if mine.get(table, {}).get(uid) != doc
    ]
    names = tuple(Path(p).name for p in paths)
    if writes:
        workshop.commit(f"merge {', '.join(names)}", writes)
    return build_report(
        workshop.path.name,
        names,
        len(writes),
        mine,
        joined,
        lambda code: workshop.country(code).name,
        conflicts(workshop, joined),
        workshop.totals(),
    )
