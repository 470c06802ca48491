"""Export timings at 10,000 interests over 500 presentations (each at most 2 seconds).

``bench_exports`` is called by ``tests/benchmarks/run.py``, which reports
``export_s.<fmt>.{p50,max}``. Each figure is what a user waits for: the whole
``matchdesk export FILE --format F`` command in its own process (Python start-up, imports,
a read-only open, the tallies, rendering, the atomic write), timed from outside, several runs.
"""

from __future__ import annotations

import csv
import io
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pycountry

from matchdesk.store.exchange.export import FORMATS
from matchdesk.store.exchange.importing import import_sources
from matchdesk.store.exchange.tabular import COLUMNS
from matchdesk.store.models import Mode
from matchdesk.store.workshop import Workshop

PRESENTATIONS = 500
INTERESTS_PER_PRESENTATION = 20  # 500 x 20 = 10,000
_CHANNELS = ("in_room", "online", "unspecified")
RUNS = 5  # per format; the first warms the disk cache like a user's second export would not


def _source_csv(folder: Path) -> Path:
    """A flat CSV of the benchmark workshop (import is the fast way to fill a file)."""
    codes = sorted(country.alpha_3 for country in pycountry.countries)
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for number in range(PRESENTATIONS):
        presenter = codes[number % len(codes)]
        title = f"Best practice {number + 1}: public service delivery, idea {number * 7919 % 1000}"
        for offset in range(INTERESTS_PER_PRESENTATION):
            interested = codes[(number + 1 + offset * 3) % len(codes)]
            writer.writerow(
                [
                    title,
                    presenter,
                    f"Presenter {number}",
                    ("governance", "digitalisation", "health")[number % 3],
                    interested,
                    _CHANNELS[(number + offset) % 3],
                    "follow up by email" if offset % 5 == 0 else "",
                    f"2021-10-29T{9 + offset // 60:02d}:{offset % 60:02d}:00Z",
                ]
            )
    source = folder / "bench-source.csv"
    source.write_text(buffer.getvalue(), encoding="utf-8")
    return source


def build_workshop(folder: Path) -> Path:
    """A workshop file with 10,000 interests over 500 presentations, built through the facade."""
    path = folder / "bench-export.json"
    with Workshop.open(path) as workshop:
        report = import_sources(workshop, [_source_csv(folder)])
        workshop.set_info(
            title="Benchmark workshop",
            date="2021-10-29",
            venue="Astana",
            organisers=("SSN4PSI", "UNOSSC"),
            mode=Mode.HYBRID,
            attendance_in_room=40,
            attendance_online=88,
        )
    expected = PRESENTATIONS * INTERESTS_PER_PRESENTATION
    assert report.interests_added == expected, report
    return path


def _time_command(path: Path, fmt: str, lang: str) -> float:
    """Seconds for one ``matchdesk export`` process, from launch to exit."""
    started = time.perf_counter()
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "matchdesk",
            "export",
            str(path),
            "--format",
            fmt,
            "--lang",
            lang,
            "-o",
            str(path.with_name(f"out-{lang}.{fmt}")),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        raise RuntimeError(f"export --format {fmt} failed: {done.stderr.strip()}")
    return elapsed


def bench_exports(tmpdir: Path) -> dict[str, dict[str, float]]:
    """p50 and max seconds per format (and the French and Arabic Word report), each the
    whole command."""
    path = build_workshop(Path(tmpdir))
    cases = [(fmt, "en") for fmt in FORMATS] + [("docx", "fr"), ("docx", "ar")]
    timings: dict[str, dict[str, float]] = {}
    for fmt, lang in cases:
        samples = [_time_command(path, fmt, lang) for _ in range(RUNS)]
        key = fmt if lang == "en" else f"{fmt}_{lang}"
        timings[key] = {
            "p50": round(statistics.median(samples), 3),
            "max": round(max(samples), 3),
        }
    return timings


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        timings = bench_exports(Path(tmp))
    for fmt, figures in timings.items():
        print(f"export_s.{fmt} p50 {figures['p50']:.3f} max {figures['max']:.3f}")
    return 0 if all(figures["max"] <= 2.0 for figures in timings.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
