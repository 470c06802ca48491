"""The network screen at 80x24: the tables, the sort, the heat table, deciding a match."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.app import App
from textual.pilot import Pilot
from textual.widgets import DataTable

from matchdesk.store.demo import create_demo_network
from matchdesk.store.network.records import NETWORK_FILE, read_records
from matchdesk.tui.app import make_app
from matchdesk.tui.network_app import NetworkApp
from matchdesk.tui.screens.capture import CaptureScreen
from matchdesk.tui.screens.network import NetworkScreen

from .conftest import said, text_of, wait_for

SMALL = (80, 24)


@pytest.fixture
def network(tmp_path: Path) -> Path:
    folder = tmp_path / "network"
    create_demo_network(folder)
    return folder


def _cells(table: DataTable, row: int) -> list[str]:
    return [str(getattr(c, "plain", c)).strip() for c in table.get_row_at(row)]


async def _loaded(pilot: Pilot, app: App[int]) -> NetworkScreen:
    await wait_for(pilot, lambda: isinstance(app.screen, NetworkScreen) and app.screen.view)
    await pilot.pause()
    assert isinstance(app.screen, NetworkScreen)
    return app.screen


async def test_the_screen_shows_workshops_countries_and_regions(network: Path) -> None:
    app = NetworkApp([network])
    async with app.run_test(size=SMALL) as pilot:
        screen = await _loaded(pilot, app)
        summary = text_of(screen.query_one("#network-summary"))
        assert "3 workshops · 75 possibilities · 20 practices" in summary
        workshops = screen.query_one("#workshop-table", DataTable)
        assert workshops.row_count == 3 + 3 + 1  # workshops, each year, all
        assert _cells(workshops, 6)[:6] == ["All 3 workshops", "", "20", "75", "67", "19"]
        assert screen.query_one("#workshop-table").region.right <= SMALL[0]

        await pilot.press("2")
        countries = screen.query_one("#country-table", DataTable)
        assert _cells(countries, 0)[0] == "Bangladesh"  # 3 practices offered
        await pilot.press("s")
        await wait_for(pilot, lambda: _cells(countries, 0)[0] == "Kazakhstan")  # 17 asked
        assert _cells(countries, 0)[2:] == ["1", "17", "3"]
        await pilot.press("s")
        await wait_for(pilot, lambda: _cells(countries, 0)[0] == "Bangladesh")  # 12 received

        await pilot.press("3")
        regions = screen.query_one("#region-table", DataTable)
        last = regions.row_count - 1
        assert _cells(regions, last)[0] == "Total" and _cells(regions, last)[-1] == "75"
        await pilot.press("g")
        await wait_for(pilot, lambda: "Central Asia" in _cells(regions, 2)[0])
        assert _cells(regions, regions.row_count - 1)[-1] == "75"


async def test_a_match_is_linked_by_a_key_and_recorded(network: Path) -> None:
    app = NetworkApp([network])
    messages = said(app)
    async with app.run_test(size=SMALL) as pilot:
        screen = await _loaded(pilot, app)
        await pilot.press("y")  # not on the matches yet: shows them, decides nothing
        assert screen.query_one("#network-tabs").active == "matches"
        assert not (network / NETWORK_FILE).exists()
        matches = screen.query_one("#match-table", DataTable)
        assert matches.row_count == 1 and "Fostering e-gov" in _cells(matches, 0)[0]
        await pilot.press("y")
        await wait_for(pilot, lambda: screen.view is not None and not screen.view.suggestions)
        assert any("linked as one practice" in m for m in messages)
        assert "19 practices" in text_of(screen.query_one("#network-summary"))
        assert matches.row_count == 0
    records, _ = read_records([network / NETWORK_FILE])
    assert [d.decision for d in records.decisions.values()] == ["same"]


async def test_the_capture_screen_opens_the_network_of_its_folder(network: Path) -> None:
    app = make_app(network / "astana-2021.json")
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("f4")
        screen = await _loaded(pilot, app)
        assert screen.view is not None and screen.view.totals.workshops == 3
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, CaptureScreen))


async def test_the_palette_offers_the_network_keys_and_no_undo(network: Path) -> None:
    from .conftest import type_text

    app = NetworkApp([network])
    async with app.run_test(size=SMALL) as pilot:
        screen = await _loaded(pilot, app)
        await pilot.press("ctrl+p")
        await wait_for(pilot, lambda: app.screen.__class__.__name__ == "CommandPalette")

        def offered() -> list[str]:
            options = app.screen.query_one("OptionList").options
            return [getattr(o.prompt, "plain", str(o.prompt)) for o in options]

        await type_text(pilot, "undo the last change")
        await pilot.pause(0.3)
        assert not any("Undo the last change" in text for text in offered())
        app.screen.query_one("Input").value = ""
        await type_text(pilot, "region matrix")
        await wait_for(pilot, lambda: any("region matrix" in text for text in offered()))
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.screen is screen)
        await wait_for(pilot, lambda: screen.query_one("#network-tabs").active == "regions")
