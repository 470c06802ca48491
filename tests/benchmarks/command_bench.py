"""Whole ``matchdesk`` commands as processes at 100,000 interests over 1,000 presentations.

Time: repeated subprocess runs; p50, p95 (nearest rank) and max of ``RUNS`` runs after a
warm-up, and the median CPU time.
The floor: a bare ``json.load`` of the same snapshot as a process (``floors.py``), timed in turn
with each command, run by run (``floors.time_in_turn``: the machine drifts during a run), kept
as ``json_load_beside.<command>``; ``seconds.json_load`` is their median.
Memory: each command once more in a process of its own, its peak RSS read from the kernel
(``RUSAGE_CHILDREN`` of a fresh wrapper), next to the snapshot's size (the target: 4 times).

The commands run as an installed matchdesk runs, with Python's bytecode cache on
(``bulk.installed_env``; the cache goes to a folder of the benchmark's own).
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))

from bulk import build_workshop, installed_env
from floors import json_load_argv, time_in_turn

RUNS = 10
COMMANDS: dict[str, list[str]] = {
    "tally_json": ["tally", "{file}", "--json"],
    "check": ["check", "{file}"],
    "followup": ["followup", "{file}"],
    "followup_json": ["followup", "{file}", "--json"],
    **{
        f"export_{fmt}": ["export", "{file}", "--format", fmt, "-o", f"{{out}}/out.{fmt}"]
        for fmt in ("csv", "xlsx", "md", "json", "docx")
    },
}
_PEAK = (
    "import resource, subprocess, sys\n"
    "subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, check=True)\n"
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
)


def _argv(args: list[str], file: Path, out: Path) -> list[str]:
    return [sys.executable, "-m", "matchdesk", *(a.format(file=file, out=out) for a in args)]


def peak_rss_mb(argv: list[str], folder: Path) -> float:
    done = subprocess.run(
        [sys.executable, "-c", _PEAK, *argv],
        capture_output=True,
        text=True,
        check=True,
        env=installed_env(folder),
    )
    return round(int(done.stdout) / 1024, 1)


def bench_commands(
    folder: Path, presentations: int = 1_000, per: int = 100, runs: int = RUNS
) -> dict[str, Any]:
    """``seconds.<command>.{p50,p95,max,cpu_p50}`` and ``peak_rss_mb.<command>`` plus the
    snapshot's size and each peak as a multiple of it; ``json_load_beside.<command>``, the
    floor (``floors.py``) timed in turn with that command; ``seconds.json_load``, their
    median."""
    path = build_workshop(folder / "commands.json", presentations, per)
    out = folder / "out"
    out.mkdir(exist_ok=True)
    floor = json_load_argv([path])
    seconds: dict[str, dict[str, float]] = {}
    beside: dict[str, dict[str, float]] = {}
    peaks = {}
    for name, args in COMMANDS.items():
        argv = _argv(args, path, out)
        seconds[name], beside[name] = time_in_turn([argv, floor], folder, runs)
        peaks[name] = peak_rss_mb(argv, folder)
    figures = next(iter(beside.values()))
    seconds["json_load"] = {
        k: round(statistics.median(f[k] for f in beside.values()), 3) for k in figures
    }
    snapshot_mb = round(path.stat().st_size / 2**20, 3)
    return {
        "interests": presentations * per,
        "snapshot_mb": snapshot_mb,
        "seconds": seconds,
        "json_load_beside": beside,
        "peak_rss_mb": peaks,
        "peak_rss_x_snapshot": {k: round(v / snapshot_mb, 2) for k, v in peaks.items()},
    }


if __name__ == "__main__":
    with tempfile.TemporaryDirectory(dir=Path.cwd()) as tmp:
        print(json.dumps(bench_commands(Path(tmp)), indent=2))
