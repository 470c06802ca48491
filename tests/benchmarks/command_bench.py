"""Whole ``matchdesk`` commands as processes at 100,000 interests over 1,000 presentations.

Time: ``hyperfine`` when installed (``apt-get install hyperfine``; it is not required),
else repeated subprocess runs; p50, p95 (nearest rank) and max of ``RUNS`` runs after a warm-up.
Memory: each command once more in a process of its own, its peak RSS read from the kernel
(``RUSAGE_CHILDREN`` of a fresh wrapper), next to the snapshot's size (the target: 4 times).

The commands run as an installed matchdesk runs, with Python's bytecode cache on
(``bulk.installed_env``; the cache goes to a folder of the benchmark's own).
"""

from __future__ import annotations

import json
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))

from bulk import build_workshop, installed_env, percentiles

RUNS = 10
COMMANDS: dict[str, list[str]] = {
    "tally_json": ["tally", "{file}", "--json"],
    "check": ["check", "{file}"],
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
    """Seconds per run: p50, p95 and max of ``runs`` after one warm-up."""
    env = installed_env(folder)
    hyperfine = shutil.which("hyperfine")
    if hyperfine:
        report = folder / "hyperfine.json"
        options = ["--warmup", "1", "--runs", str(runs), "-N", "--export-json", str(report)]
        subprocess.run(
            [hyperfine, *options, shlex.join(argv)], capture_output=True, check=True, env=env
        )
        times = json.loads(report.read_text())["results"][0]["times"]
    else:
        subprocess.run(argv, capture_output=True, check=True, env=env)
        times = []
        for _ in range(runs):
            started = time.perf_counter()
            subprocess.run(argv, capture_output=True, check=True, env=env)
            times.append(time.perf_counter() - started)
    return {k: round(v / 1000, 3) for k, v in percentiles([t * 1000 for t in times]).items()}


def peak_rss_mb(argv: list[str], folder: Path) -> float:
    done = subprocess.run(
        [sys.executable, "-c", _PEAK, *argv],
        capture_output=True,
        text=True,
        check=True,
        env=installed_env(folder),
    )
    return round(int(done.stdout) / 1024, 1)


def bench_commands(folder: Path, presentations: int = 1_000, per: int = 100) -> dict[str, Any]:
    """``seconds.<command>.{p50,p95,max}`` and ``peak_rss_mb.<command>`` plus the snapshot's
    size and each peak as a multiple of it."""
    path = build_workshop(folder / "commands.json", presentations, per)
    out = folder / "out"
    out.mkdir(exist_ok=True)
    seconds = {}
    peaks = {}
    for name, args in COMMANDS.items():
        argv = _argv(args, path, out)
        seconds[name] = time_command(argv, folder)
        peaks[name] = peak_rss_mb(argv, folder)
    snapshot_mb = round(path.stat().st_size / 2**20, 1)
    return {
        "interests": presentations * per,
        "snapshot_mb": snapshot_mb,
        "seconds": seconds,
        "peak_rss_mb": peaks,
        "peak_rss_x_snapshot": {k: round(v / snapshot_mb, 2) for k, v in peaks.items()},
    }


if __name__ == "__main__":
    with tempfile.TemporaryDirectory(dir=Path.cwd()) as tmp:
        print(json.dumps(bench_commands(Path(tmp)), indent=2))
