"""What a follower shows while a busy peer captures a burst that crosses checkpoints, through
real Syncthing: the delay from a capture on laptop B (acknowledged: on B's disk) to the moment
laptop A's painted screen counts it.

    python tests/benchmarks/follower_bench.py [--captures 4000]

Laptop A is ``matchdesk open room.json --with chat.json`` in a real pty (its screen read back
by pyte, ``pty_bench.Terminal``); laptop B is a process capturing one interest at a time into
chat.json through the facade, as fast as its disk allows (each capture one fsynced journal
append), with the default checkpoint size, so the burst crosses several checkpoints (each one
rewrites chat.json and starts a new journal). Two Syncthing daemons on loopback carry the
files (the e2e test's recipe, ``fsWatcherDelayS=1``). Figures: ``delay_s.{p50,p95,max}`` over
every capture, ``steps_s.max`` (the longest wait between two advances of A's painted total
while B was capturing), the burst's length and B's checkpoints.
"""

from __future__ import annotations

import argparse
import json
import queue
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from bulk import CODES, percentiles
from pty_bench import Terminal

from matchdesk.store.file.paths import file_stamp
from matchdesk.store.workshop import Workshop
from tests.e2e.test_syncthing import two_daemons

TOTAL = re.compile(r"(\d+) possibilities")

LAPTOP_B = """
import json, os, sys, time
from matchdesk.store.file.paths import file_stamp
from matchdesk.store.workshop import Workshop
path, count, codes = sys.argv[1], int(sys.argv[2]), sys.argv[3].split(",")
workshop = Workshop.open(path, device="chat")
agenda = workshop.presentations()
acked, inodes = [], set()
print("ready", flush=True)
sys.stdin.readline()
for k in range(count):
    p = agenda[k % len(agenda)]
    workshop.record_interest(p.uid, codes[k // len(agenda)], "online")
    acked.append(time.perf_counter())
    inodes.add(os.stat(path).st_ino)
workshop.close()
print(json.dumps({"acked": acked, "checkpoints": len(inodes) - 1}), flush=True)
"""


def _watch(path: Path, arrivals: list[float], stop: threading.Event) -> None:
    """Note each time the synced copy of ``path`` (or its journal) changes on this side."""
    last = None
    while not stop.is_set():
        now = file_stamp(path)  # the file and its journal segments
        if now != last:
            arrivals.append(time.perf_counter())
            last = now
        time.sleep(0.05)


def bench_follower(folder: Path, count: int = 4000) -> dict[str, Any]:
    program = shutil.which("syncthing")
    if program is None:
        return {"skipped": "syncthing is not installed"}
    presentations = 100
    per = -(-count // presentations)
    start = folder / "start.json"
    with Workshop.open(start, device="podium") as workshop:
        for n in range(presentations):
            workshop.add_presentation(f"Practice {n + 1}", CODES[n % len(CODES)])
    with two_daemons(folder, program) as (folder_a, folder_b):
        room, chat = folder_a / "room.json", folder_b / "chat.json"
        shutil.copy(start, room)
        shutil.copy(start, chat)
        deadline = time.monotonic() + 120
        while not (folder_a / "chat.json").exists() and time.monotonic() < deadline:
            time.sleep(0.1)
        term = Terminal(room, [folder_a / "chat.json"])
        term.until(lambda text: "0 possibilities" in text, 120)
        writer = subprocess.Popen(
            [sys.executable, "-c", LAPTOP_B, str(chat), str(count), ",".join(CODES[: per + 20])],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert writer.stdin is not None and writer.stdout is not None
        assert writer.stdout.readline().strip() == "ready"
        painted: list[tuple[float, int]] = []
        shown = 0
        arrivals: list[float] = []  # when A's copy of B's file or journal changed (Syncthing)
        watching = threading.Event()
        threading.Thread(
            target=_watch, args=(folder_a / "chat.json", arrivals, watching), daemon=True
        ).start()
        writer.stdin.write("go\n")
        writer.stdin.flush()
        began = time.perf_counter()
        deadline = began + 600
        while shown < count and time.perf_counter() < deadline:
            try:
                arrived, data = term.chunks.get(timeout=1)
            except queue.Empty:
                continue
            term.stream.feed(data)
            while not term.chunks.empty():
                arrived, data = term.chunks.get_nowait()
                term.stream.feed(data)
            found = TOTAL.search(term.text())
            if found and int(found.group(1)) > shown:
                shown = int(found.group(1))
                painted.append((arrived, shown))
        watching.set()
        result = json.loads(writer.stdout.readline())
        writer.wait(timeout=60)
        term.close()
    acked: list[float] = result["acked"]
    delays = []
    for k, at in enumerate(acked, start=1):  # first paint that counts capture k
        seen = next((t for t, total in painted if total >= k), None)
        if seen is not None:
            delays.append((seen - at) * 1000)
    during = [t for t, _ in painted if t <= acked[-1]]
    steps = [later - earlier for earlier, later in zip([began, *during], during, strict=False)]
    return {
        "captures": count,
        "shown": shown,
        "burst_s": round(acked[-1] - began, 1),
        "checkpoints": result["checkpoints"],
        "delay_s": {k: round(v / 1000, 2) for k, v in percentiles(delays).items()},
        "delay_max_s": round(max(delays) / 1000, 2) if delays else None,
        "steps_s": {"max": round(max(steps), 2) if steps else None, "paints": len(painted)},
        # Syncthing's side: how often A's copy changed while B captured, and the longest wait.
        "arrivals_during_burst": sum(1 for t in arrivals if t <= acked[-1]),
        # matchdesk's side: from the copy's change to the next advance of the painted total.
        "arrival_to_paint_s_max": round(
            max(
                (
                    next((t for t, _ in painted if t >= arrived), arrived) - arrived
                    for arrived in arrivals[1:]
                ),
                default=0,
            ),
            2,
        ),
        "arrival_gap_max_s": round(
            max((b - a for a, b in zip([began, *arrivals], arrivals, strict=False)), default=0), 2
        ),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--captures", type=int, default=4000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        print(json.dumps(bench_follower(Path(tmp), args.captures), indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
