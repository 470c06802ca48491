"""A writer that indexes for writes later (the app paints its first screen first) counts,
captures, withdraws and undoes as one indexed at open does."""

from __future__ import annotations

import shutil
from pathlib import Path

from matchdesk.store.exchange.tally_output import tallies_json
from matchdesk.store.workshop import Workshop
from matchdesk.store.workshop.index import RecordIndex


def _indexes(index: RecordIndex) -> tuple[object, ...]:
    return (dict(index.ids("interests")), index.interests_of, index.live_interest)


def _same_as_indexed_afresh(workshop: Workshop) -> None:
    fresh = RecordIndex(workshop.ledger.storage, writer=True)
    fresh.rebuild()
    assert _indexes(workshop.ledger.index) == _indexes(fresh)


def _session(workshop: Workshop, later: bool) -> dict:
    first, second = (p.uid for p in workshop.presentations()[:2])
    workshop.record_interests(first, "fji, nzl")  # before ready_to_write: built when needed
    workshop.undo()
    workshop.record_interests(second, "fji")
    if later:
        _same_as_indexed_afresh(workshop)
        workshop.ready_to_write()
    workshop.record_interests(first, "nzl")
    workshop.withdraw_interest(workshop.interests(second)[-1].uid)
    _same_as_indexed_afresh(workshop)
    return tallies_json(workshop.tallies())


def test_a_writer_indexed_later_writes_as_one_indexed_at_open(
    seeded_file: Path, tmp_path: Path
) -> None:
    copy = shutil.copy(seeded_file, tmp_path / "copy.json")
    with Workshop.open(seeded_file) as eager:
        opened = tallies_json(eager.tallies())
        expected = _session(eager, later=False)
    with Workshop.open(copy, index_later=True) as later:
        assert tallies_json(later.tallies()) == opened  # the counts need nothing more
        assert _session(later, later=True) == expected
    with Workshop.open(copy, readonly=True) as reader:
        assert tallies_json(reader.tallies()) == expected != opened
