"""Keeping the cyclic garbage collector off the records, which live as long as the workshop,
and its passes short while captures come; leaving the records to the end of a one-shot
process."""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator

# While a workshop is open for writing: a young pass every 350 new containers, every second one
# a middle pass, a full one as often as with Python's (700, 10, 10) (every 84,700). What a
# capture leaves (its record's values, index entries, undo step) survives, and Python's middle
# pass walked eleven young passes' worth of it at once: the longest pause of a capture (1.5-2.5
# ms at 100 to 10,000 stored, 5 ms at 100,000, where each object walked costs a cache miss).
# Each object is still walked once young and once in the middle generation: the same work, in
# pieces an eleventh of the size.
WRITING_THRESHOLDS = (350, 1, 120)
_THRESHOLDS: list[tuple[int, int, int]] = []  # the thresholds before each writer opened

_LEFT: list[object] = []  # what closed ledgers leave for the process's end (``left_to_exit``)
_LEAVING: list[bool] = []  # inside ``left_to_exit`` (True), ``freed_at_close`` (False)


@contextlib.contextmanager
def paused_gc() -> Iterator[None]:
    """Loading creates a few hundred thousand containers and frees none: the cyclic garbage
    collector would scan them again and again for nothing."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def writer_opened(writes: bool) -> None:
    """A workshop opened: if for writing, captures come, so collect in small steps."""
    if not writes:
        return
    threshold = gc.get_threshold()
    _THRESHOLDS.append((threshold[0], threshold[1], threshold[2]))
    gc.set_threshold(*WRITING_THRESHOLDS)


def writer_closed() -> None:
    """A writable workshop closed: what was frozen at open may be collected again, and the
    thresholds go back once the last writer closes."""
    gc.unfreeze()
    if _THRESHOLDS:
        gc.set_threshold(*_THRESHOLDS.pop())


@contextlib.contextmanager
def left_to_exit() -> Iterator[None]:
    """Inside, a closed workshop's records are not freed when it is dropped: a process that
    ends as soon as its one command is done lets the system take them back at once, instead of
    freeing 100,000 records one by one (60 ms, a tenth of ``tally``). Only for a process that
    ends next: outside it (the app, the tests) records are freed as usual."""
    _LEAVING.append(True)
    try:
        yield
    finally:
        _LEAVING.pop()


@contextlib.contextmanager
def freed_at_close() -> Iterator[None]:
    """Inside, a closed workshop is freed at once, even in a one-shot process: for a command
    that reads many workshops one after another and keeps only their counts (``matchdesk
    network``: holding all 50 to the end took 130 MB for 36 MB of files)."""
    _LEAVING.append(False)
    try:
        yield
    finally:
        _LEAVING.pop()


def leave(records: object) -> None:
    """Keep ``records`` until the process ends, inside ``left_to_exit``; else nothing."""
    if _LEAVING and _LEAVING[-1]:
        _LEFT.append(records)
