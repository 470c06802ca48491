"""The benchmark harness on a tiny workshop: the floors are measured and every figure that has
one comes out as a ratio (the benchmarks themselves stay out of the suite: they take minutes)."""

from __future__ import annotations

import json
from pathlib import Path

import command_bench
import pty_bench
import pytest
import ratios


def test_a_whole_command_is_timed_beside_json_load_of_the_same_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(command_bench, "COMMANDS", {"tally_json": ["tally", "{file}", "--json"]})
    part = command_bench.bench_commands(tmp_path, presentations=3, per=2, runs=1)
    floor = part["json_load_beside"]["tally_json"]  # timed in turn with the command
    assert floor["p95"] > 0 and set(part["seconds"]["json_load"]) == set(floor)
    rows = {row.figure: row for row in ratios.rows({"commands": part})}
    tally = rows["`tally --json` p95, 6 / json.load p95"]
    assert tally.floor == floor["p95"] and tally.value == part["seconds"]["tally_json"]["p95"]
    assert tally.target == 1.5
    assert rows["peak memory of `tally_json`, 6 / snapshot size"].target == 4
    cpu = rows["`tally --json` CPU p50, 6 / json.load CPU p50"]
    assert cpu.value > 0 and cpu.floor == floor["cpu_p50"]
    table = ratios.table([{"commands": part}])
    assert "| `tally --json` p95, 6 / json.load p95 |" in table


def test_the_bare_app_paints_in_a_pty_as_matchdesk_is_measured(tmp_path: Path) -> None:
    """The floor of the painted figures: a bare Textual app, read back by the same emulator."""
    floor = pty_bench.bench_floor(tmp_path, samples=2, paints=1)
    assert floor["enter_to_tally_ms"]["samples"] == 2
    assert floor["key_to_preview_ms"]["p95"] > 0
    assert len(floor["first_paint_s"]["runs"]) == 1
    journal = (tmp_path / "bare.journal").read_text().splitlines()
    assert len(journal) == 2 and all(json.loads(line)["country"] for line in journal)


def test_ratios_say_which_targets_hold() -> None:
    floor = {"p50": 1.0, "p95": 1.0, "max": 1.0}
    results = {
        "ui": {
            "floor": {
                "first_paint_s": {"max": 0.4},
                "enter_to_tally_ms": {**floor, "p95": 10.0},
                "key_to_preview_ms": {**floor, "p95": 10.0},
            },
            "10000": {
                "first_paint_s": {"max": 0.8},
                "enter_to_tally_ms": {**floor, "p95": 19.0},
                "key_to_preview_ms": {**floor, "p95": 25.0},
                "json_load_s": floor,
            },
        },
        "store": {
            "capture_ms": {
                "100": {
                    "p50": 0.3,
                    "max": 4.0,
                    "captures": 10,
                    "checkpoints": 1,
                    "floor": {"p50": 0.2},
                },
            }
        },
    }
    held = {row.figure: row.holds for row in ratios.rows(results)}
    assert held == {
        "Enter to painted total p95, 10,000 / bare app": True,
        "last key to painted preview p95, 10,000 / bare app": False,
        "first full paint (worst of 3), 10,000 / bare app": False,
        "capture p50, 100 stored / bare append p50": True,
        "longest of 10 captures (1 checkpoints), 100 stored / bare append p50": False,
    }


def test_a_paint_counts_from_the_chunk_that_completed_it() -> None:
    """Frames written just after the awaited one, queued while the emulator read it, must not
    lend it their later arrival (the first paint was stamped with the third frame's)."""
    term = object.__new__(pty_bench.Terminal)
    term.screen = pty_bench.pyte.Screen(pty_bench.COLUMNS, pty_bench.LINES)
    term.stream = pty_bench.pyte.ByteStream(term.screen)
    term.chunks = pty_bench.queue.Queue()
    for arrived, data in ((1.0, b"10 possibilities"), (1.5, b"\r\nPractice 1"), (2.0, b" again")):
        term.chunks.put((arrived, data))
    assert term.until(lambda text: "Practice 1" in text, timeout=1) == 1.5
    assert term.until(lambda text: "again" in text, timeout=1) == 2.0
