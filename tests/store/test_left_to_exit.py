"""A one-shot command's records are left to the process's end; anywhere else they are freed."""

from __future__ import annotations

import gc
import weakref
from pathlib import Path

from matchdesk.store import left_to_exit
from matchdesk.store.workshop import Workshop
from matchdesk.store.workshop.memory import freed_at_close


def _closed_ledger(path: Path) -> weakref.ref[object]:
    with Workshop.open(path, readonly=True) as workshop:
        return weakref.ref(workshop.ledger)


def test_a_closed_workshop_is_freed_outside_a_one_shot_command(workshop_file: Path) -> None:
    Workshop.open(workshop_file).close()
    ledger = _closed_ledger(workshop_file)
    gc.collect()
    assert ledger() is None  # the app opens and closes files all day: nothing may pile up


def test_inside_one_its_records_wait_for_the_process_to_end(workshop_file: Path) -> None:
    Workshop.open(workshop_file).close()
    with left_to_exit():
        ledger = _closed_ledger(workshop_file)
    gc.collect()
    assert ledger() is not None


def test_inside_freed_at_close_a_closed_workshop_is_freed_even_in_one(
    workshop_file: Path,
) -> None:
    """``matchdesk network`` counts 50 workshops one after another and keeps their counts:
    holding every one to the process's end took 130 MB for 36 MB of files."""
    Workshop.open(workshop_file).close()
    with left_to_exit(), freed_at_close():
        ledger = _closed_ledger(workshop_file)
    assert ledger() is None  # freed by reference counting, at once
    with freed_at_close(), left_to_exit():  # the innermost says
        ledger = _closed_ledger(workshop_file)
    gc.collect()
    assert ledger() is not None
