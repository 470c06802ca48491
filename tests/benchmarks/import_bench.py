"""``matchdesk import`` of a 5 MB and a 50 MB CSV: time and peak RSS, each in its own process.

The CSV has the export's columns and rows a rapporteur would have: titles, country names,
channels, timestamps and notes of a sentence or two (repeated interests are skipped, as on a
real sheet that lists a country twice).
"""

from __future__ import annotations

import csv
import json
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import pycountry

from matchdesk.store.exchange.tabular import COLUMNS

SIZES_MB = (5, 50)
_PEAK = (
    "import resource, subprocess, sys, time\n"
    "started = time.perf_counter()\n"
    "subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, check=True)\n"
    "peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss\n"
    "print(time.perf_counter() - started, peak)\n"
)
_WORDS = [
    "follow",
    "up",
    "with",
    "the",
    "ministry",
    "on",
    "the",
    "pilot,",
    "share",
    "the",
    "toolkit",
    "and",
    "the",
    "evaluation",
    "report;",
    "the",
    "delegation",
    "asked",
    "about",
    "costs,",
    "staffing",
    "and",
    "the",
    "legal",
    "basis",
    "for",
    "data",
    "sharing",
]


def write_csv(path: Path, megabytes: int, seed: int = 2021) -> int:
    """A CSV of about ``megabytes`` MB; the number of rows."""
    rng = random.Random(seed)
    names = sorted(c.name for c in pycountry.countries)
    target = megabytes << 20
    rows = 0
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(COLUMNS)
        while handle.tell() < target:
            n = rows // 200
            note = " ".join(rng.choices(_WORDS, k=rng.randint(10, 60)))
            writer.writerow(
                [
                    f"Best practice {n + 1}: one-stop public service centres, round {n % 7}",
                    names[n % len(names)],
                    f"Presenter {n}",
                    "digitalisation",
                    names[rng.randrange(len(names))],
                    rng.choice(("in_room", "online", "unspecified")),
                    note,
                    "2021-10-29T10:30:00Z",
                ]
            )
            rows += 1
    return rows


def import_once(source: Path, target: Path) -> dict[str, float]:
    argv = [sys.executable, "-m", "matchdesk", "import", str(target), str(source)]
    argv += ["--max-size", str(source.stat().st_size // 2**20 + 1)]
    done = subprocess.run(
        [sys.executable, "-c", _PEAK, *argv], capture_output=True, text=True, check=True
    )
    seconds, peak_kb = done.stdout.split()
    return {"seconds": round(float(seconds), 2), "peak_rss_mb": round(int(peak_kb) / 1024, 1)}


def bench_import(folder: Path) -> dict[str, Any]:
    results: dict[str, Any] = {}
    for megabytes in SIZES_MB:
        source = folder / f"import-{megabytes}mb.csv"
        rows = write_csv(source, megabytes)
        started = time.perf_counter()
        figures = import_once(source, folder / f"import-{megabytes}mb.json")
        with_journal = time.perf_counter() - started
        results[f"{megabytes}mb"] = {"rows": rows, **figures, "wall_s": round(with_journal, 2)}
    return results


if __name__ == "__main__":
    with tempfile.TemporaryDirectory(dir=Path.cwd()) as tmp:
        print(json.dumps(bench_import(Path(tmp)), indent=2))
