"""Import from the app (f10): names that are no country are reviewed before anything is written;
one key files a name under a suggestion (1, 2, 3) or makes it a custom country (c)."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

from matchdesk.tui.app import make_app
from matchdesk.tui.dialogs.import_review import ImportFileDialog, ImportReviewDialog

from .conftest import SIZE, answerable, said, stored_interests, type_text, wait_for


def _sheet(path: Path) -> Path:
    rows = [
        ("Open data", "Kazakhstan", "Czechia"),
        ("Open data", "Kazakhstan", "Czeck Republic"),  # a typo: picked as Czechia (1)
        ("Open data", "Kazakhstan", "Zealand"),  # a fragment: made a custom country (c)
        ("Open data", "Kazakhstan", "Korea"),  # two countries: 2 picks North Korea
    ]
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["title", "presenter_country", "interested_country"])
        writer.writerows(rows)
    return path


def _tally(path: Path) -> dict:
    command = [sys.executable, "-m", "matchdesk", "tally", str(path), "--json"]
    result = subprocess.run(command, capture_output=True, text=True, timeout=60, check=True)
    return json.loads(result.stdout)


async def test_review_picks_and_creates_before_anything_is_written(tmp_path: Path) -> None:
    sheet = _sheet(tmp_path / "sheet.csv")
    target = tmp_path / "w.json"
    app = make_app(target)
    messages = said(app)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f10")
        dialog = await answerable(pilot, ImportFileDialog)
        path_input = dialog.query_one("#path")
        path_input.value = ""  # type: ignore[attr-defined]
        await type_text(pilot, str(sheet))
        await pilot.press("enter")
        review = await answerable(pilot, ImportReviewDialog)
        assert stored_interests(target) == 0  # asked first: nothing written yet
        # rows, in first-seen order: Czeck Republic (highlighted), Zealand, Korea
        await pilot.press("1")  # Czeck Republic -> Czechia; the highlight moves on
        await pilot.press("c")  # Zealand -> a custom country
        await pilot.press("c")  # Korea means two: refused as a custom country
        await wait_for(pilot, lambda: any("means several" in m for m in messages))
        await pilot.press("ctrl+s")  # Korea still open: refused, the dialog stays
        await wait_for(pilot, lambda: any("Still to decide: Korea" in m for m in messages))
        assert app.screen is review
        await pilot.press("2")  # Korea -> North Korea
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: any(m.startswith("Imported 1") for m in messages))
        assert "New custom countries: Zealand." in messages[-1]
    tally = _tally(target)
    interested = {c["name"]: c["interests"] for c in tally["interested_countries"]}
    assert interested == {"Czechia": 1, "Zealand": 1, "North Korea": 1}
    assert tally["totals"]["interests"] == 3  # "Czeck Republic" was Czechia: one interest


async def test_cancelling_the_review_writes_nothing(tmp_path: Path) -> None:
    sheet = _sheet(tmp_path / "sheet.csv")
    target = tmp_path / "w.json"
    app = make_app(target)
    messages = said(app)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f10")
        dialog = await answerable(pilot, ImportFileDialog)
        dialog.query_one("#path").value = str(sheet)  # type: ignore[attr-defined]
        await pilot.press("ctrl+s")
        await answerable(pilot, ImportReviewDialog)
        await pilot.press("escape")
        await wait_for(pilot, lambda: any("nothing was written" in m for m in messages))
    assert _tally(target)["totals"]["interests"] == 0
