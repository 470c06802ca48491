"""Read paths' peak memory against the file they read, and the cost of refusing one too big.

``bench_read_limits(tmpdir)`` is called by ``tests/benchmarks/run.py``; run alone with
``python tests/benchmarks/read_limits_bench.py``.

- ``peak_rss_mb.<command>`` and ``peak_x_file.<command>``: whole ``matchdesk`` processes on a
  100,000-interest workshop (``merge`` of a copy of it, ``check``, ``tally --with`` the copy,
  ``network`` over the folder holding both, and the app: ``open`` alone and ``open --with``
  the copy, in a pty until the combined total is painted), the peak resident memory beside
  the largest file read; ``floor_mb``: the same interpreter's peak for ``matchdesk --version``
  (start-up alone). ``peak_x_file`` is (peak - floor) / file size: what the read itself costs
  (for the app, Textual's own memory too); ``peer_x_file``: what following the copy adds to
  the app, (open_with - open) / file size.
- ``refuse_s.<command>``: the same commands given a 1 GB file (sparse: no disk used), refused
  (or, by ``tally --with`` and ``network``, left out) unread by the size limit, beside a
  100-interest workshop: seconds for the whole process.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))

from bulk import build_workshop, installed_env
from command_bench import peak_rss_mb
from pty_bench import Terminal


def _matchdesk(*args: object) -> list[str]:
    return [sys.executable, "-m", "matchdesk", *map(str, args)]


def bench_read_limits(folder: Path) -> dict[str, Any]:
    (folder / "network").mkdir()
    room = build_workshop(folder / "network" / "room.json", 1_000, 100)
    chat = folder / "network" / "chat.json"
    shutil.copy(room, chat)
    size_mb = room.stat().st_size / 2**20
    commands = {
        "merge": ["merge", room, chat],
        "check": ["check", room],
        "tally_with": ["tally", room, "--with", chat, "--json"],
        "network": ["network", folder / "network", "--json"],
    }
    floor = peak_rss_mb(_matchdesk("--version"), folder)
    peaks = {name: peak_rss_mb(_matchdesk(*args), folder) for name, args in commands.items()}
    for name, peers in (("open", []), ("open_with", [chat])):
        term = Terminal(room, peers=peers)
        try:
            term.until(lambda text: "100000 possibilities" in text, timeout=300)
        finally:
            term.close()
        peaks[name] = term.peak_rss_mb
    huge = folder / "huge.json"
    with huge.open("wb") as handle:
        handle.truncate(1 << 30)
    small = build_workshop(folder / "small.json", 10, 10)  # what the refusal costs, alone
    refused = {
        "merge": ["merge", small, huge],
        "check": ["check", huge],
        "tally_with": ["tally", small, "--with", huge],
        "network": ["network", huge, small],
    }
    refuse_s = {}
    for name, args in refused.items():
        started = time.perf_counter()
        subprocess.run(_matchdesk(*args), capture_output=True, env=installed_env(folder))
        refuse_s[name] = round(time.perf_counter() - started, 2)
    return {
        "file_mb": round(size_mb, 1),
        "floor_mb": floor,
        "peak_rss_mb": peaks,
        "peak_x_file": {k: round((v - floor) / size_mb, 2) for k, v in peaks.items()},
        "peer_x_file": round((peaks["open_with"] - peaks["open"]) / size_mb, 2),
        "refuse_s": refuse_s,
    }


if __name__ == "__main__":
    import json

    with tempfile.TemporaryDirectory() as tmp:
        print(json.dumps(bench_read_limits(Path(tmp)), indent=2))
