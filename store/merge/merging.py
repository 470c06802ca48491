"""``matchdesk merge FILE OTHER...``: other laptops' files joined into this one, in one write."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from matchdesk.store.errors import InvalidValue
from matchdesk.store.file.limits import MAX_READ_BYTES, require_within
from matchdesk.store.file.schema import COUNTRIES, FOLLOWUP, INTERESTS, META, PRESENTATIONS
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


def _workshop_words(meta: Doc, fallback: str) -> str:
    """A workshop named by its title, or ``fallback`` when it has none."""
    title = str(meta.get("title") or "")
    return f"“{title}”" if title else fallback


def read_others(
    workshop: Workshop, paths: Sequence[Path], *, force: bool, max_bytes: int = MAX_READ_BYTES
) -> list[State]:
    """The other files' records, each checked to be a file of this same workshop.

    A file of another workshop (another ``meta.uid``) is refused, naming both titles, unless
    ``force``: then its details count as this workshop's.
    """
    own = next(workshop.ledger.records(META), {})
    states: list[State] = []
    for path in paths:
        if Path(path).resolve() == workshop.path.resolve():
            raise InvalidValue(f"{path} is the file being merged into; name the other files.")
        state = read_state(Path(path), max_bytes)
        meta = meta_of(state)
        if meta.get("uid") != own.get("uid"):
            if not force:
                theirs = _workshop_words(meta, "an untitled one")
                ours = _workshop_words(own, "the untitled one")
                raise InvalidValue(
                    f"{Path(path).name} belongs to another workshop ({theirs}), not to {ours} "
                    f"in {workshop.path.name}; nothing was merged. Add --force to merge it "
                    "anyway."
                )
            state = as_workshop(state, str(own.get("uid")))
        states.append(state)
    return states


def merge_files(
    workshop: Workshop,
    paths: Sequence[Path],
    *,
    force: bool = False,
    max_bytes: int = MAX_READ_BYTES,
) -> MergeReport:
    """Join the files at ``paths`` into ``workshop`` as one transaction (and one undo step);
    nothing is written when any of them is refused, unreadable or over ``max_bytes``."""
    if not paths:
        raise InvalidValue("Name at least one file to merge.")
    for path in paths:  # every size first: a refusal costs a stat, not a read
        require_within(Path(path), max_bytes)
    others = read_others(workshop, paths, force=force, max_bytes=max_bytes)
    tables = {name for state in others for name in state}
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
        workshop.ledger.commit(f"merge {', '.join(names)}", writes, exact=True)
    followup = FOLLOWUP in {table for table, _ in writes}
    return build_report(
        workshop.path.name,
        names,
        len(writes),
        mine,
        joined,
        lambda code: workshop.country(code).name,
        conflicts(workshop, joined),
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
