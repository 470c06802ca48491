"""matchdesk benchmarks: every figure beside its floor measured in the same run, as a ratio.

    python tests/benchmarks/run.py [--json OUT] [--only PART ...] [--repeat N] [--priority]

Prints a Markdown table (``ratios.py``): each figure that has a floor as its ratio to the floor
(median over the ``--repeat`` runs, and their spread), the target, whether it holds, then the
value and the floor; ``--json OUT`` writes every figure of every run and the table's rows.
``--priority`` (root only) runs everything at nice -10, for a machine shared with other work.
Floors: ``floors.py`` (json.load, how processes are timed), ``bare_app.py`` (the bare Textual
app of the painted figures), ``store_bench.fsync_append`` (the bare fsynced append).

Parts and figures (keys of the JSON):
  store     store.capture_ms.{100,1000,10000,100000}.{p50,p95,max,checkpoints}
            10,000 durable record_interest in a row, crossing several checkpoints, each size
            in its own process, its floor store.capture_ms.<size>.floor measured just before;
            store.fsync_append_ms: a bare 100-byte append + fsync (store_bench.py)
  commands  commands.seconds.<command>.{p50,p95,max} and commands.peak_rss_mb.<command>: whole
            ``matchdesk`` processes at 100,000 interests over 1,000 presentations (tally --json,
            check, followup, every export format), hyperfine when installed; the floor
            commands.seconds.json_load (command_bench.py)
  import    import.{5mb,50mb}.{rows,seconds,peak_rss_mb}: ``matchdesk import`` of a CSV, each
            in its own process (import_bench.py)
  export    export_s.{csv,xlsx,md,json,docx,docx_fr,docx_ar}.{p50,max}: ``matchdesk export`` at
            10,000 interests, the whole command as a process (export_bench.py)
  ui        ui.{10000,100000}.first_paint_s.{runs,max}: the app in a real pty, read back by
            pyte; ui.{10000,100000}.enter_to_tally_ms.{p50,p95,max} and
            ui.{10000,100000}.key_to_preview_ms.{p50,p95,max}; the floor ui.floor (the bare
            app, same figures) and ui.<size>.json_load_s (pty_bench.py)
  typing    typing.keys_per_interest, typing.preview_ms.{p50,p95,max}: Table 1 typed by a new
            user (typing_bench.py)
  session   session.rss_mb.{start,middle,end}   5,000 captures with undos in the running app
            (session_bench.py; takes several minutes)
  board     board.capture_to_board_ms.{100,10000}.{p50,p95,max}: a capture painted on
            ``matchdesk board`` in tmux (board_bench.py)
  names     names.{index_s,resolve_us,keystroke_ms,import_2000_s,...}: country names
            (names_bench.py)
  merge     merge.merge_s.{p50,max}: ``matchdesk merge`` of two 10,000-interest files;
            merge.merge_peak.{peak_rss_mb,x_file}: its peak memory beside the larger file;
            merge.with_peer.capture_to_tally_ms: Enter to tally with one 10,000-interest peer
            (merge_bench.py)
  limits    read_limits.{peak_rss_mb,peak_x_file}.{merge,check,tally_with,network,open,
            open_with}: peak memory of whole processes reading a 100,000-interest file, beside
            its size and start-up's floor; read_limits.peer_x_file: what following a copy adds
            to the app; read_limits.refuse_s.<command>: a 1 GB file refused unread
            (read_limits_bench.py)
  follower  follower.delay_s.{p50,p95,max}, follower.steps_s.max: a 4,000-capture burst on
            laptop B crossing checkpoints, to laptop A's painted total through two Syncthing
            daemons (follower_bench.py)
  network   network.{json_s,screen_s}.{p50,max}: 50 workshops x 2,000 interests, ``matchdesk
            network --json`` and the screen, whole processes; the floor network.json_load_s
            (network_bench.py)
  followup  followup.cli_s.{list,json,stage}.{p50,p95,max}, followup.screen_open_s.{p50,max}:
            10,000 interests, 50,000 history records (followup_bench.py)
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
import tempfile
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))

from ratios import rows, table

PARTS: dict[str, tuple[str, str, str]] = {  # part: (JSON key, module, function)
    "store": ("store", "store_bench", "bench_store"),
    "commands": ("commands", "command_bench", "bench_commands"),
    "import": ("import", "import_bench", "bench_import"),
    "export": ("export_s", "export_bench", "bench_exports"),
    "ui": ("ui", "pty_bench", "bench_pty"),
    "typing": ("typing", "typing_bench", "bench_typing"),
    "session": ("session", "session_bench", "bench_session"),
    "names": ("names", "names_bench", "bench_names"),
    "board": ("board", "board_bench", "bench_board"),
    "merge": ("merge", "merge_bench", "bench_merge"),
    "limits": ("read_limits", "read_limits_bench", "bench_read_limits"),
    "follower": ("follower", "follower_bench", "bench_follower"),
    "network": ("network", "network_bench", "bench_network"),
    "followup": ("followup", "followup_bench", "bench_followup"),
}


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
    parser.add_argument("--only", choices=list(PARTS), nargs="+", help="run only these parts")
    parser.add_argument("--repeat", type=int, default=1, help="run the parts N times (spread)")
    parser.add_argument("--priority", action="store_true", help="nice -10 (root only)")
    args = parser.parse_args()
    if args.priority:
        os.nice(-10)  # inherited by the app processes the pty benchmark starts
    load_at_start = os.getloadavg()
    runs: list[dict[str, Any]] = []
    for _ in range(max(1, args.repeat)):
        results: dict[str, Any] = {}
        with tempfile.TemporaryDirectory(prefix="matchdesk-bench-", dir=Path.cwd()) as tmp:
            folder = Path(tmp)
            for part in args.only or list(PARTS):
                results.update(run_optional(*PARTS[part], folder))
        runs.append(results)
    summary = table(runs)
    print(summary)
    if args.json:
        report = {
            "machine": {**machine(), "load_average_at_start": load_at_start},
            "runs": runs,
            "ratios": [[asdict(row) | {"ratio": row.ratio} for row in rows(r)] for r in runs],
        }
        args.json.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    return 0


def machine() -> dict[str, Any]:
    """What the absolute values were measured on (docs/performance.md describes it)."""
    import platform

    import textual

    model = ""
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    memory = ""
    with contextlib.suppress(OSError):
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                memory = line.split(":", 1)[1].strip()
                break
    return {
        "cpu": model,
        "cores": os.cpu_count(),
        "memory": memory,
        "load_average": os.getloadavg(),
        "python": platform.python_version(),
        "textual": textual.__version__,
        "system": platform.platform(),
    }


if __name__ == "__main__":
    sys.exit(main())
