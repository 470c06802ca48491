"""The import review in a real terminal (tmux): the unknown names are painted with their line and
closest countries, nothing is written until they are decided, and ``tally --json`` agrees with
the screen once they are."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from .test_tmux import Terminal, cli, matchdesk_command, terminal, until

pytestmark = pytest.mark.e2e
__all__ = ["terminal"]  # the fixture, shared with the capture's terminal tests


def _interested(path: Path) -> dict[str, int]:
    result = cli("tally", str(path), "--json")
    assert result.returncode == 0, result.stderr
    return {c["name"]: c["interests"] for c in json.loads(result.stdout)["interested_countries"]}


def test_import_review_in_a_real_terminal(tmp_path: Path, terminal: Terminal) -> None:
    sheet = tmp_path / "sheet.csv"
    with sheet.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["title", "presenter_country", "interested_country"])
        writer.writerow(["Open data", "Kazakhstan", "Czechia"])
        writer.writerow(["Open data", "Kazakhstan", "Czeck Republic"])
        writer.writerow(["E-services", "Thailand", "Zealand"])
    path = tmp_path / "w.json"
    rc_file = tmp_path / "rc"
    terminal.start([*matchdesk_command(), "open", str(path)], rc_file)
    until(lambda: "0 possibilities" in terminal.screen(), 15, "the capture screen")
    terminal.keys("F10")
    # the field holds the workshop's folder (its start may scroll out of a narrow field)
    until(lambda: f"{tmp_path.name[-8:]}/ " in terminal.screen(), 15, "the file dialog, ready")
    terminal.keys("C-u")  # the field starts with the workshop's folder: type the whole path
    until(lambda: "~/interests.csv" in terminal.screen(), 15, "the field emptied")
    terminal.keys("-l", str(sheet))
    until(lambda: f"{tmp_path.name[-8:]}/sheet.csv " in terminal.screen(), 15, "the path typed")
    terminal.keys("Enter")
    until(lambda: "2 names to review" in terminal.screen(), 10, "the review")
    screen = terminal.screen()
    assert "Czeck Republic (line 3), did you mean  1: Czechia" in screen, screen
    assert "→ ?" in screen
    assert "Zealand (line 4), did you mean  1: New Zealand" in screen, screen
    assert _interested(path) == {}  # nothing written while the names wait
    terminal.keys("1")
    until(lambda: "→ Czechia" in terminal.screen(), 15, "the pick painted")
    terminal.keys("c")
    until(lambda: "→ a custom country" in terminal.screen(), 15, "the custom country painted")
    terminal.keys("C-s")
    until(lambda: "Imported 2 presentation(s)" in terminal.screen(), 10, "the import said")
    until(lambda: "2 possibilities" in terminal.screen(), 15, "the tallies painted")
    # "Czeck Republic" was filed under Czechia, which line 2 already names: one interest
    assert _interested(path) == {"Czechia": 1, "Zealand": 1}
    terminal.keys("C-q")
    until(rc_file.exists, 10, "matchdesk exited")
    assert rc_file.read_text().strip() == "0", terminal.screen()
