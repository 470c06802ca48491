"""Durable captures, long enough to cross several checkpoints, each size in its own process.

    python tests/benchmarks/store_bench.py            # every size
    python tests/benchmarks/store_bench.py 100000     # one size (what ``bench_store`` runs)

A capture is ``Workshop.record_interest`` returning: the entry is fsynced in the journal.
``CAPTURES`` in a row at 1 MiB checkpoints (about 3,100 captures each) cross several
checkpoints, which now run in a background thread: the max is the figure to watch.

The floor: a bare 100-byte append + fsync to a file beside the workshop, made just before each
capture in the same process (``floor`` beside each size: the same disk at the same moments, so
a busy disk or CPU weighs on both alike); the targets compare a size's p50 and max with its own
floor's p50. ``fsync_append_ms``: the same bare append alone, 2,000 in a row, at the end.

``cpu``: the main thread's processor time in each capture (``time.thread_time``, read outside
the timed window): what the capture itself computes (a collection, the start of a checkpoint),
which neither the disk nor the other processes of a busy machine move much; the wall max
beside it is what a user waits, the disk's and the machine's hiccups included (the floor's own
max says how large those were in the same run).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))

from bulk import CODES, build_workshop, percentiles

from matchdesk.store.workshop import Workshop

CAPTURES = 10_000
SIZES = (100, 1_000, 10_000, 100_000)
PER = {100: 20, 1_000: 20, 10_000: 20, 100_000: 100}  # interests per presentation


def capture_run(folder: Path, stored: int) -> dict[str, Any]:
    per = PER[stored]
    presentations = stored // per
    empty = max(0, CAPTURES // (len(CODES) - per) + 1 - presentations)
    path = build_workshop(folder / f"capture-{stored}.json", presentations, per, empty)
    samples: list[float] = []
    cpu: list[float] = []
    bare: list[float] = []  # the floor: a bare append + fsync just before each capture
    fd = os.open(folder / f"bare-{stored}.log", os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    with Workshop.open(path) as workshop:
        storage = workshop.ledger.storage
        folds = 0
        for n in range(CAPTURES):
            uid = workshop.presentations()[n % len(workshop.presentations())].uid
            code = next(c for c in CODES if not workshop.has_interest(uid, workshop.country(c)))
            busy = storage._folder is not None and storage._folder.is_alive()
            started = time.perf_counter()
            os.write(fd, b"x" * 99 + b"\n")
            os.fsync(fd)
            bare.append((time.perf_counter() - started) * 1000)
            processor = time.thread_time()
            started = time.perf_counter()
            workshop.record_interest(uid, code)
            samples.append((time.perf_counter() - started) * 1000)
            cpu.append((time.thread_time() - processor) * 1000)
            folds += not busy and storage._folder is not None and storage._folder.is_alive()
    os.close(fd)
    floor = percentiles(bare)
    return {
        **percentiles(samples),
        "captures": CAPTURES,
        "checkpoints": folds,
        "floor": floor,
        "cpu": percentiles(cpu),
    }


def fsync_append(folder: Path, count: int = 2_000) -> dict[str, float]:
    samples: list[float] = []
    fd = os.open(folder / "bare.log", os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    try:
        for _ in range(count):
            started = time.perf_counter()
            os.write(fd, b"x" * 99 + b"\n")
            os.fsync(fd)
            samples.append((time.perf_counter() - started) * 1000)
    finally:
        os.close(fd)
    return percentiles(samples)


def bench_store(folder: Path) -> dict[str, Any]:
    """``capture_ms.<size>`` (each in a fresh process) and ``fsync_append_ms``."""
    capture: dict[str, Any] = {}
    for stored in SIZES:
        done = subprocess.run(
            [sys.executable, __file__, str(stored), str(folder)],
            capture_output=True,
            text=True,
            check=True,
        )
        capture[str(stored)] = json.loads(done.stdout)
    return {"capture_ms": capture, "fsync_append_ms": fsync_append(folder)}


if __name__ == "__main__":
    if len(sys.argv) > 1:
        where = Path(sys.argv[2]) if len(sys.argv) > 2 else Path(tempfile.mkdtemp())
        print(json.dumps(capture_run(where, int(sys.argv[1]))))
    else:
        with tempfile.TemporaryDirectory(dir=Path.cwd()) as tmp:
            print(json.dumps(bench_store(Path(tmp)), indent=2))
