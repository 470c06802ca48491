"""``matchdesk chat`` on a 10,000-message Zoom chat: reading and proposing in the process, and
the whole command (listing, then ``--accept-sure``) as a user runs it, beside its floors
measured in the same run (a bare ``python -c pass``, and reading the file's lines).

Run: ``.venv/bin/python tests/benchmarks/chat_bench.py``. The issue's bar: 10,000 messages
imported in under 2 s.
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from matchdesk.store.chat import ChatDesk, read_chat
from matchdesk.store.workshop import Workshop
from tests.store.chat.conftest import make_agenda
from tests.store.chat.hybrid_session import long_zoom_text

MESSAGES = 10_000
RUNS = 5


def timed(command: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, check=True)
    return time.perf_counter() - started


def line(name: str, samples: list[float]) -> str:
    return (
        f"{name:<44} p50 {statistics.median(samples) * 1000:7.0f} ms   "
        f"max {max(samples) * 1000:7.0f} ms"
    )


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        base = Path(folder)
        agenda = make_agenda(base / "agenda.json")
        chat = base / "meeting_saved_chat.txt"
        chat.write_text(long_zoom_text(MESSAGES), encoding="utf-8")
        size = chat.stat().st_size
        in_process: list[float] = []
        for _ in range(RUNS):
            started = time.perf_counter()
            with Workshop.open(agenda, readonly=True) as workshop:
                readings = ChatDesk(workshop).read(read_chat(chat, date="2021-10-29"))
            in_process.append(time.perf_counter() - started)
        proposals = sum(len(r.proposals) for r in readings)
        importing: list[float] = []
        for n in range(RUNS):
            copy = base / f"import{n}.json"
            shutil.copy(agenda, copy)
            started = time.perf_counter()
            with Workshop.open(copy) as workshop:
                desk = ChatDesk(workshop)
                desk.accept_sure(desk.read(read_chat(chat, date="2021-10-29")))
            importing.append(time.perf_counter() - started)
        floor_read = []
        for _ in range(RUNS):
            started = time.perf_counter()
            with chat.open(encoding="utf-8") as handle:
                sum(1 for _ in handle)
            floor_read.append(time.perf_counter() - started)
        exe = [sys.executable, "-m", "matchdesk"]
        listing = [
            timed([*exe, "chat", str(agenda), str(chat), "--json", "--date", "2021-10-29"])
            for _ in range(RUNS)
        ]
        accepting = []
        for n in range(RUNS):
            copy = base / f"accept{n}.json"
            shutil.copy(agenda, copy)
            accepting.append(
                timed([*exe, "chat", str(copy), str(chat), "--accept-sure", "--date", "2021-10-29"])
            )
        python = [timed([sys.executable, "-c", "pass"]) for _ in range(RUNS)]
        print(f"chat: {MESSAGES:,} messages, {size / 1e6:.1f} MB, {proposals:,} proposals")
        print(line("read + propose, in process", in_process))
        print(line("import: read, propose, accept the sure ones", importing))
        print(line("matchdesk chat --json (whole command)", listing))
        print(line("matchdesk chat --accept-sure (whole command)", accepting))
        print(line("floor: read the file's lines", floor_read))
        print(line("floor: python -c pass", python))


if __name__ == "__main__":
    main()
