"""matchdesk benchmarks: print the figures, and write them as JSON with ``--json OUT``.

    python tests/benchmarks/run.py [--json OUT] [--only store|export|ui|typing|session] [--priority]

``--priority`` (root only) runs everything at nice -10, for a machine shared with other work.

Figures (keys of the JSON):
  store.capture_ms.{100,1000,10000}.{p50,p95}  durable record_interest with N interests stored
  store.fsync_append_ms.{p50,p95}              a bare 100-byte append + fsync, same folder
  export_s.{csv,xlsx,md,json,docx}             export at 10,000 interests (export_bench.py)
  ui.{10000,100000}.first_paint_s.{runs,max}       the app in a real pty, read back by pyte
  ui.{10000,100000}.enter_to_tally_ms.{p50,p95,max}  (tests/benchmarks/pty_bench.py)
  ui.{10000,100000}.key_to_preview_ms.{p50,p95,max}
  typing.keys_per_interest, typing.preview_ms.{p50,p95,max}   Table 1 typed by a new user
                                               (tests/benchmarks/typing_bench.py)
  session.rss_mb.{start,middle,end}            5,000 captures with undos in the running app
                                               (session_bench.py; takes several minutes)
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))

from bulk import CODES, build_workshop, percentiles

from matchdesk.store.workshop import Workshop

CAPTURES = 300


def bench_capture(folder: Path, stored: int) -> dict[str, float]:
    path = folder / f"capture-{stored}.json"
    build_workshop(path, presentations=stored // 20, per=20)
    samples: list[float] = []
    with Workshop.open(path) as workshop:
        targets = [p.uid for p in workshop.presentations()]
        used = {(i.presentation_uid, i.country.code) for i in workshop.interests()}
        pairs = [
            (uid, code) for code in reversed(CODES) for uid in targets if (uid, code) not in used
        ][:CAPTURES]
        for uid, code in pairs:
            started = time.perf_counter()
            workshop.record_interest(uid, code)
            samples.append((time.perf_counter() - started) * 1000)
    return percentiles(samples)


def bench_fsync_append(folder: Path) -> dict[str, float]:
    samples: list[float] = []
    fd = os.open(folder / "bare.log", os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
    try:
        for _ in range(CAPTURES):
            started = time.perf_counter()
            os.write(fd, b"x" * 99 + b"\n")
            os.fsync(fd)
            samples.append((time.perf_counter() - started) * 1000)
    finally:
        os.close(fd)
    return percentiles(samples)


def run_store(folder: Path) -> dict[str, Any]:
    fsync = bench_fsync_append(folder)
    capture = {str(n): bench_capture(folder, n) for n in (100, 1000, 10000)}
    fsync_again = bench_fsync_append(folder)
    fsync = {k: round(min(fsync[k], fsync_again[k]), 3) for k in fsync}
    return {"store": {"capture_ms": capture, "fsync_append_ms": fsync}}


def run_optional(name: str, module: str, func: str, folder: Path) -> dict[str, Any]:
    try:
        bench: Callable[[Path], dict[str, Any]] = getattr(__import__(module), func)
    except (ImportError, AttributeError) as exc:
        print(f"({name} benchmark unavailable: {exc})", file=sys.stderr)
        return {}
    return {name: bench(folder)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", type=Path, help="write the figures to this file")
    parser.add_argument("--only", choices=["store", "export", "ui", "typing", "session"])
    parser.add_argument("--priority", action="store_true", help="nice -10 (root only)")
    args = parser.parse_args()
    if args.priority:
        os.nice(-10)  # inherited by the app processes the pty benchmark starts
    results: dict[str, Any] = {}
    with tempfile.TemporaryDirectory(prefix="matchdesk-bench-", dir=Path.cwd()) as tmp:
        folder = Path(tmp)
        if args.only in (None, "store"):
            results.update(run_store(folder))
        if args.only in (None, "export"):
            results.update(run_optional("export_s", "export_bench", "bench_exports", folder))
        if args.only in (None, "ui"):
            results.update(run_optional("ui", "pty_bench", "bench_pty", folder))
        if args.only in (None, "typing"):
            results.update(run_optional("typing", "typing_bench", "bench_typing", folder))
        if args.only in (None, "session"):
            results.update(run_optional("session", "session_bench", "bench_session", folder))
    print(json.dumps(results, indent=2))
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
