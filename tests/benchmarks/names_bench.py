"""Country names: what the index of names in seven languages costs, per process and per key.

- names.index_s: building the index in a fresh process (the first resolver: what opening a
  workshop adds once), and names.first_resolver_process_s, that whole process; max of 5.
- names.resolve_us: exact resolution of mixed names (World Bank, abbreviations, six
  languages), p50/p95/max in microseconds.
- names.keystroke_ms: ``resolve_typed`` + ``suggest`` for every prefix of those names, as a
  country input asks on each key, p50/p95/max in milliseconds.
- names.import_2000_s: ``matchdesk import`` of 2,000 rows of such names, a whole process.
"""

from __future__ import annotations

import csv
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from bulk import percentiles

from matchdesk.store.countries import CountryResolver

NAMES = [
    "Kazakhstan", "Казахстан", "Қазақстан", "Kazajistán", "Thaïlande", "تايلاند", "泰国",
    "Egypt, Arab Rep.", "Gambia, The", "Korea, Rep.", "Iran, Islamic Rep.", "Kyrgyz Republic",
    "UK", "USA", "DPRK", "PRC", "UAE", "St. Lucia", "Congo DR", "Cote dIvoire", "Filipinas",
    "Republic of the Philippines", "Government of the People's Republic of Bangladesh",
    "Korea", "NA", "Kazakstan", "Carpathian Ukraine",
]  # fmt: skip
RUNS = 5


BUILD = """
import time
import matchdesk.store.countries as c
started = time.perf_counter()
c.CountryResolver().resolve("kaz")
print(time.perf_counter() - started)
"""


def _build() -> tuple[float, float]:
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", BUILD], check=True, capture_output=True, text=True)
    return float(done.stdout), time.perf_counter() - started


def bench_index() -> dict[str, float]:
    runs = [_build() for _ in range(RUNS)]
    return {
        "index_s": round(max(index for index, _ in runs), 3),
        "first_resolver_process_s": round(max(process for _, process in runs), 3),
    }


def _spread(samples: list[float]) -> dict[str, float]:
    return {**percentiles(samples), "max": round(max(samples), 3)}


def bench_lookups() -> dict[str, Any]:
    resolver = CountryResolver()
    resolver.resolve("warm up")
    resolve: list[float] = []
    for _ in range(40):
        for name in NAMES:
            started = time.perf_counter()
            resolver.resolve(name)
            resolve.append((time.perf_counter() - started) * 1e6)
    keystroke: list[float] = []
    for name in NAMES:
        for end in range(1, len(name) + 1):
            started = time.perf_counter()
            resolver.resolve_typed(name[:end])
            resolver.suggest(name[:end])
            keystroke.append((time.perf_counter() - started) * 1000)
    return {"resolve_us": _spread(resolve), "keystroke_ms": _spread(keystroke)}


def bench_import(folder: Path) -> float:
    source = folder / "names.csv"
    rows = [n for n in NAMES if n not in ("Korea", "Carpathian Ukraine")]
    with source.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["title", "presenter_country", "interested_country"])
        for n in range(2000):
            writer.writerow([f"Practice {n // 20}", "Kazakhstan", rows[n % len(rows)]])
    target = folder / "names.json"
    started = time.perf_counter()
    subprocess.run(  # the typo "Kazakstan" is accepted as a custom country, on purpose
        [sys.executable, "-m", "matchdesk", "import", str(target), str(source), "--custom-all"],
        check=True,
        capture_output=True,
    )
    return round(time.perf_counter() - started, 3)


def bench_names(folder: Path) -> dict[str, Any]:
    return {**bench_index(), **bench_lookups(), "import_2000_s": bench_import(folder)}
