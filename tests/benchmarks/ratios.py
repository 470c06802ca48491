"""Each figure of a benchmark run as a ratio to its floor measured in the same run, against the
issue's targets (docs/performance.md). ``rows(results)`` reads the JSON ``run.py`` writes;
``table(runs)`` prints one line per figure, the ratio's median over repeated runs and its
spread first, the absolute values second.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

UI_SIZES = ("10000", "100000")


@dataclass(frozen=True)
class Row:
    """One figure: ``value / floor`` must stay at most ``target`` (under it when ``strict``)."""

    figure: str
    value: float
    floor: float
    target: float
    unit: str
    strict: bool = False

    @property
    def ratio(self) -> float:
        return self.value / self.floor if self.floor else float("inf")

    @property
    def holds(self) -> bool:
        return self.ratio < self.target if self.strict else self.ratio <= self.target


def _size(stored: str) -> str:
    return f"{int(stored):,}"


def _store(part: dict[str, Any]) -> Iterator[Row]:
    bare = part.get("fsync_append_ms", {})
    for stored, run in part.get("capture_ms", {}).items():
        floor = run.get("floor", bare)["p50"]
        yield Row(
            f"capture p50, {_size(stored)} stored / bare append p50", run["p50"], floor, 2, "ms"
        )
        yield Row(
            f"longest of {run['captures']:,} captures ({run['checkpoints']} checkpoints), "
            f"{_size(stored)} stored / bare append p50",
            run["max"],
            floor,
            20,
            "ms",
            strict=True,
        )


def _ui(part: dict[str, Any]) -> Iterator[Row]:
    floor = part.get("floor")
    if not floor:
        return
    for size in UI_SIZES:
        run = part.get(size)
        if not run:
            continue
        n = _size(size)
        for key, what in (
            ("enter_to_tally_ms", "Enter to painted total"),
            ("key_to_preview_ms", "last key to painted preview"),
        ):
            yield Row(f"{what} p95, {n} / bare app", run[key]["p95"], floor[key]["p95"], 2, "ms")
        paint = run["first_paint_s"]["max"]
        bare = floor["first_paint_s"]["max"]
        if size == "10000":
            yield Row(f"first full paint (worst of 3), {n} / bare app", paint, bare, 1.5, "s")
        else:
            load = run["json_load_s"]["p50"]
            yield Row(
                f"first full paint (worst of 3), {n} / (bare app + json.load p50)",
                paint,
                round(bare + load, 3),
                1,
                "s",
            )


def _commands(part: dict[str, Any]) -> Iterator[Row]:
    seconds = part.get("seconds", {})
    floor = seconds.get("json_load")
    if not floor:
        return
    n = _size(str(part["interests"]))
    beside = part.get("json_load_beside", {})  # timed in turn with each command (newer runs)
    for name, run in seconds.items():
        if name == "json_load":
            continue
        floor = beside.get(name, seconds["json_load"])
        target = 3 if name == "export_xlsx" else 1.5
        what = name.replace("_", " ").replace("tally json", "tally --json")
        what = what.replace("followup json", "followup --json")
        yield Row(f"`{what}` p95, {n} / json.load p95", run["p95"], floor["p95"], target, "s")
        if "cpu_p50" in run and floor.get("cpu_p50"):
            what = f"`{what}` CPU p50, {n} / json.load CPU p50"
            yield Row(what, run["cpu_p50"], floor["cpu_p50"], target, "s")
    snapshot = part["snapshot_mb"]
    for name, peak in part.get("peak_rss_mb", {}).items():
        yield Row(f"peak memory of `{name}`, {n} / snapshot size", peak, snapshot, 4, "MB")


def _network(part: dict[str, Any]) -> Iterator[Row]:
    floor = part.get("json_load_s")
    if floor and "json_s" in part:
        run = part["json_s"]
        what = "`network --json`, 50 x 2,000"
        yield Row(f"{what} p95 / json.load of the 50 p95", run["p95"], floor["p95"], 2, "s")
        if "cpu_p50" in run and floor.get("cpu_p50"):
            what = f"{what} CPU p50 / json.load of the 50 CPU p50"
            yield Row(what, run["cpu_p50"], floor["cpu_p50"], 2, "s")


def rows(results: dict[str, Any]) -> list[Row]:
    """The figures of one run that have a floor, in the report's order."""
    found: list[Row] = []
    for key, read in (("ui", _ui), ("commands", _commands), ("network", _network)):
        found += read(results.get(key, {}))
    found += _store(results.get("store", {}))
    return found


def _number(value: float) -> str:
    return f"{value:.3g}" if value < 100 else f"{value:.0f}"


def table(runs: Sequence[dict[str, Any]]) -> str:
    """A Markdown table of the runs' ratios: median (spread over the runs), target, whether the
    median holds, then the median value and floor."""
    by_figure: dict[str, list[Row]] = {}
    for results in runs:
        for row in rows(results):
            by_figure.setdefault(row.figure, []).append(row)
    lines = [
        "| figure | ratio | spread | target | holds | value | floor |",
        "|---|---|---|---|---|---|---|",
    ]
    for figure, found in by_figure.items():
        ratios = [r.ratio for r in found]
        first = found[0]
        ratio = statistics.median(ratios)
        holds = ratio < first.target if first.strict else ratio <= first.target
        spread = f"{min(ratios):.2f}–{max(ratios):.2f}" if len(found) > 1 else "one run"
        value = _number(statistics.median(r.value for r in found))
        floor = _number(statistics.median(r.floor for r in found))
        lines.append(
            f"| {figure} | {ratio:.2f}x | {spread} | {'<' if first.strict else '≤'} "
            f"{first.target:g}x | {'yes' if holds else 'NO'} | {value} {first.unit} "
            f"| {floor} {first.unit} |"
        )
    return "\n".join(lines)


if __name__ == "__main__":  # python tests/benchmarks/ratios.py OUT.json: the table again
    import json
    import sys

    with open(sys.argv[1], encoding="utf-8") as handle:
        print(table(json.load(handle)["runs"]))
