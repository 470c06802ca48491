"""docs/performance.md shows the ratio tables the benchmark printed, from the runs kept in
docs/performance.json (``tests/benchmarks/ratios.py`` makes them), and the README links it."""

from __future__ import annotations

import json
from pathlib import Path

import ratios

ROOT = Path(__file__).parent.parent
DOC = ROOT / "docs" / "performance.md"


def test_each_table_is_the_one_its_runs_give() -> None:
    reports = json.loads((ROOT / "docs" / "performance.json").read_text(encoding="utf-8"))
    text = DOC.read_text(encoding="utf-8")
    assert reports["reports"]
    for report in reports["reports"]:
        assert ratios.table(report["runs"]) in text, report["name"]


def test_the_readme_links_the_performance_page() -> None:
    assert "(docs/performance.md)" in (ROOT / "README.md").read_text(encoding="utf-8")
