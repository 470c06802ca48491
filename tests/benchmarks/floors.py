"""Floors: what the machine and the framework do for the same work, measured in the same run as
the figure they are compared with. Absolute times move 2-2.5x between machines; the ratio of a
figure to its floor moves much less, so the targets are ratios (``ratios.py``).

- ``json_load_argv``: a bare ``json.load`` of the same snapshot(s) as a whole process, the
  floor of every whole command (each has at least to read the file);
- ``time_process``: how a whole process is timed, floors and commands alike (hyperfine when
  installed, else repeated runs; p50, p95, max after one warm-up), run as installed
  (``bulk.installed_env``: the bytecode cache on); ``time_in_turn`` times a figure and its
  floor alternately, run by run;
- the bare fsynced append (``store_bench.fsync_append``) and the bare Textual app
  (``bare_app.py``, ``pty_bench.bench_floor``) live beside the figures they floor.
"""

from __future__ import annotations

import json
import resource
import shlex
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from bulk import installed_env, percentiles

JSON_LOAD = (
    "import json, sys\n"
    "for name in sys.argv[1:]:\n"
    "    with open(name, encoding='utf-8') as handle:\n"
    "        json.load(handle)\n"
)


def json_load_argv(paths: Sequence[Path]) -> list[str]:
    """A process that parses ``paths`` with the standard library and does nothing else."""
    return [sys.executable, "-c", JSON_LOAD, *(str(p) for p in paths)]


def time_process(argv: Sequence[str], folder: Path, runs: int) -> dict[str, float]:
    """Seconds per run of ``argv``: p50, p95 (nearest rank) and max of ``runs`` after one
    warm-up (which also compiles the modules into ``folder``'s bytecode cache), and
    ``cpu_p50``: the median of each run's user + system time.

    On a machine shared with other work the wall times wait for the processor as much as they
    use it; CPU times do not, so their ratio to the floor's says what the code costs when the
    wall-time ratio says what a person waits for.
    """
    env = installed_env(folder)
    hyperfine = shutil.which("hyperfine")
    if hyperfine:
        report = folder / "hyperfine.json"
        options = ["--warmup", "1", "--runs", str(runs), "-N", "--export-json", str(report)]
        subprocess.run(
            [hyperfine, *options, shlex.join(argv)], capture_output=True, check=True, env=env
        )
        result = json.loads(report.read_text())["results"][0]
        cpu = [u + s for u, s in zip(result["user_times"], result["system_times"], strict=True)]
        return _figures(result["times"], cpu)
    return time_in_turn([argv], folder, runs)[0]


def time_in_turn(argvs: Sequence[Sequence[str]], folder: Path, runs: int) -> list[dict[str, float]]:
    """``time_process``'s figures for each of ``argvs``, timed in turn, run by run (after one
    warm-up each): a figure and its floor timed alternately see the same machine, where timing
    all of one and then all of the other let the machine's drift fall between them (the floor
    timed before the commands and after them differed by a third in one run)."""
    env = installed_env(folder)
    for argv in argvs:
        subprocess.run(argv, capture_output=True, check=True, env=env)
    times: list[list[float]] = [[] for _ in argvs]
    cpu: list[list[float]] = [[] for _ in argvs]
    for _ in range(runs):
        for n, argv in enumerate(argvs):
            before = _children_cpu()
            started = time.perf_counter()
            subprocess.run(argv, capture_output=True, check=True, env=env)
            times[n].append(time.perf_counter() - started)
            cpu[n].append(_children_cpu() - before)
    return [_figures(t, c) for t, c in zip(times, cpu, strict=True)]


def _figures(times: Sequence[float], cpu: Sequence[float]) -> dict[str, float]:
    found = {k: round(v / 1000, 3) for k, v in percentiles([t * 1000 for t in times]).items()}
    found["cpu_p50"] = round(statistics.median(cpu), 3)
    return found


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime
