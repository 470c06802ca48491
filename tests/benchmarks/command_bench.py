"""Whole ``matchdesk`` commands as processes at 100,000 interests over 1,000 presentations.

Time: ``hyperfine`` when installed (``apt-get install hyperfine``; it is not required),
else repeated subprocess runs; p50, p95 (nearest rank) and max of ``RUNS`` runs after a warm-up.
The floor, ``json_load``: a bare ``json.load`` of the same snapshot as a process (``floors.py``),
timed before the commands and again after them; each command is compared with their mean
(the machine's load drifts during a run), and both are kept for the spread.
Memory: each command once more in a process of its own, its peak RSS read from the kernel
(``RUSAGE_CHILDREN`` of a fresh wrapper), next to the snapshot's size (the target: 4 times).

The commands run as an installed matchdesk runs, with Python's bytecode cache on
(``bulk.installed_env``; the cache goes to a folder of the benchmark's own).
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))

from bulk import build_workshop, installed_env
from floors import json_load_argv, time_process

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


def time_command(argv: list[str], folder: Path, runs: int = RUNS) -> dict[str, float]:
    """Seconds per run: p50, p95 and max of ``runs`` after one warm-up (``floors.py``)."""
    return time_process(argv, folder, runs)


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
    """``seconds.<command>.{p50,p95,max}`` and ``peak_rss_mb.<command>`` plus the snapshot's
    size and each peak as a multiple of it; ``seconds.json_load`` is the floor (``floors.py``),
    the mean of ``json_load_before`` and ``json_load_after``."""
    path = build_workshop(folder / "commands.json", presentations, per)
    out = folder / "out"
    out.mkdir(exist_ok=True)
    floor = json_load_argv([path])
    before = time_command(floor, folder, runs)
    seconds = {}
    peaks = {}
    for name, args in COMMANDS.items():
        argv = _argv(args, path, out)
        seconds[name] = time_command(argv, folder, runs)
        peaks[name] = peak_rss_mb(argv, folder)
    after = time_command(floor, folder, runs)
    seconds["json_load"] = {k: round((before[k] + after[k]) / 2, 3) for k in before}
    snapshot_mb = round(path.stat().st_size / 2**20, 3)
    return {
        "interests": presentations * per,
        "snapshot_mb": snapshot_mb,
        "seconds": seconds,
        "json_load_before": before,
        "json_load_after": after,
        "peak_rss_mb": peaks,
        "peak_rss_x_snapshot": {k: round(v / snapshot_mb, 2) for k, v in peaks.items()},
    }


if __name__ == "__main__":
    with tempfile.TemporaryDirectory(dir=Path.cwd()) as tmp:
        print(json.dumps(bench_commands(Path(tmp)), indent=2))
