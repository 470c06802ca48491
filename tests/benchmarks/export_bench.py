"""Export timings at 10,000 interests over 500 presentations (issue 4: each at most 2 seconds).

``bench_exports`` is called by ``tests/benchmarks/run.py``, which reports ``export_s.<fmt>``.
Each figure is what ``matchdesk export`` costs a user: open the file read-only, compute the
tallies (and the dump, for JSON), render, and write the file atomically.
"""

from __future__ import annotations

import csv
import io
import sys
import tempfile
import time
from pathlib import Path

import pycountry

from matchdesk.store.exchange.export import FORMATS, default_output_path, render, write_export
from matchdesk.store.exchange.importing import import_sources
from matchdesk.store.exchange.tabular import COLUMNS
from matchdesk.store.models import Mode
from matchdesk.store.workshop import Workshop

PRESENTATIONS = 500
INTERESTS_PER_PRESENTATION = 20  # 500 x 20 = 10,000
_CHANNELS = ("in_room", "online", "unspecified")


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


def bench_exports(tmpdir: Path) -> dict[str, float]:
    """Seconds per format, each measured from a read-only open to the file written."""
    tmpdir = Path(tmpdir)
    path = build_workshop(tmpdir)
    timings: dict[str, float] = {}
    for fmt in FORMATS:
        start = time.perf_counter()
        with Workshop.open(path, readonly=True) as workshop:
            info, tallies = workshop.info(), workshop.tallies()
            dump = workshop.dump() if fmt == "json" else None
        data = render(fmt, info=info, tallies=tallies, dump=dump)
        write_export(default_output_path(path, fmt), data)
        timings[fmt] = time.perf_counter() - start
    return timings


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        timings = bench_exports(Path(tmp))
    for fmt, seconds in timings.items():
        print(f"export_s.{fmt} {seconds:.3f}")
    return 0 if all(seconds <= 2.0 for seconds in timings.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
