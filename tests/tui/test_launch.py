"""``matchdesk demo`` copies the demo into the user data folder; a held file is refused."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

from matchdesk.store.errors import WorkshopLocked
from matchdesk.store.workshop import Workshop
from matchdesk.tui import launch
from matchdesk.tui.app import make_app

from .conftest import SIZE, said, text_of, wait_for


def test_demo_copy_lives_in_the_user_data_folder_and_is_announced(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    seen: dict[str, object] = {}

    def fake_run_tui(path: Path, *, notice: str | None = None) -> int:
        seen.update(path=path, notice=notice)
        return 0

    monkeypatch.setattr(launch, "run_tui", fake_run_tui)
    assert launch.run_demo() == 0
    path = seen["path"]
    assert isinstance(path, Path) and path.parent == launch.demo_folder()
    assert path.name.startswith("astana-2021-") and path.suffix == ".json"
    assert str(path) in str(seen["notice"])
    with Workshop.open(path, readonly=True) as workshop:
        assert workshop.tallies().totals.interests == 39
    assert launch.new_demo_copy() != path  # each run gets a fresh copy


async def test_the_app_says_where_the_demo_lives(demo_file: Path) -> None:
    app = make_app(demo_file, notice=f"This is a fresh copy, saved at {demo_file}")
    notes = said(app)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert any(str(demo_file) in m for m in notes)


def test_a_file_held_by_another_writer_is_refused_in_a_sentence(demo_file: Path) -> None:
    with Workshop.open(demo_file), pytest.raises(WorkshopLocked, match="already open"):
        launch.run_tui(demo_file)
    assert gc.isenabled()  # the collector, paused for the start, runs again


async def test_the_collector_waits_until_the_app_has_painted(demo_file: Path) -> None:
    """Python's cyclic collector is off while the app starts (imports, opening, the first
    screen) and on again once the screen is painted and the names prepared."""
    with launch.collection_paused() as started:
        assert not gc.isenabled()
        app = make_app(demo_file)
        app.started.append(started)
        async with app.run_test(size=SIZE) as pilot:
            await wait_for(pilot, gc.isenabled)
            assert "39 possibilities" in text_of(app.screen.query_one("#totals"))
    assert gc.isenabled()
    with launch.collection_paused():  # a start that never paints: on again at the end
        assert not gc.isenabled()
    assert gc.isenabled()


def test_demo_network_writes_three_workshops_in_a_fresh_folder(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    seen: list[list[Path]] = []

    def fake_run_network(paths: list[Path], *args: object) -> int:
        seen.append(paths)
        return 0

    monkeypatch.setattr(launch, "run_network", fake_run_network)
    assert launch.run_demo_network() == 0
    [[folder]] = seen
    assert folder.parent == launch.demo_folder() and folder.name.startswith("network-")
    titles = []
    for path in sorted(folder.glob("*.json")):
        with Workshop.open(path, readonly=True) as workshop:
            titles.append(workshop.info().title)
    assert len(titles) == 3 and sum("(generated example)" in t for t in titles) == 2
    assert launch.new_demo_network() != folder
