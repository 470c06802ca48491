"""A 60x18 terminal still works; 500 presentations stay smooth."""

from __future__ import annotations

import time
from pathlib import Path

from matchdesk.store.models import Channel
from matchdesk.store.schema import INTERESTS, PRESENTATIONS
from matchdesk.store.workshop import Workshop
from matchdesk.tui.app import make_app

from .conftest import capture, stored_interests, type_text, wait_for


async def test_small_terminal_60x18(demo_file: Path) -> None:
    app = make_app(demo_file)
    async with app.run_test(size=(60, 18)) as pilot:
        screen = capture(app)
        assert not screen.query_one("#tallies").display  # gives way to the capture column
        for widget_id in ("#presentations", "#interests", "#country", "#current"):
            region = screen.query_one(widget_id).region
            assert region.height >= 1 and region.right <= 60 and region.bottom <= 18, widget_id
        await pilot.press("down")
        await type_text(pilot, "fiji")
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.session.model.totals().interests == 40)
        assert stored_interests(demo_file) == 40
        await pilot.press("ctrl+l")
        await pilot.pause()
        await pilot.press("escape", "f1")
        await pilot.pause()


def build_large(path: Path, presentations: int = 500, per: int = 20) -> Path:
    """A workshop with ``presentations`` x ``per`` interests, written in one import step."""
    from matchdesk.store.countries import _iso

    countries = sorted({c.code: c for c in _iso().by_code.values()}.values(), key=lambda c: c.code)
    with Workshop.open(path) as workshop:
        writes = []
        for n in range(presentations):
            doc = workshop.new_record(
                title=f"Practice {n + 1}",
                country=countries[n % len(countries)].code,
                presenter="",
                theme="",
                position=n + 1,
            )
            writes.append((PRESENTATIONS, doc))
            for k in range(per):
                country = countries[(n * 7 + k * 13) % len(countries)]
                writes.append(
                    (
                        INTERESTS,
                        workshop.new_record(
                            presentation=doc["uid"],
                            country=country.code,
                            channel=Channel.ONLINE.value,
                            note="",
                            captured_at="2021-10-29T10:00:00Z",
                        ),
                    )
                )
        workshop.apply_import("benchmark data", writes)
    return path


async def test_500_presentations_stay_smooth(tmp_path: Path) -> None:
    path = build_large(tmp_path / "large.json", 500, 20)
    app = make_app(path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = capture(app)
        assert screen.table.row_count == 500
        await type_text(pilot, "500")
        await pilot.press("enter")
        last = app.session.presentations[-1].uid
        await wait_for(pilot, lambda: screen.current_uid == last)
        await type_text(pilot, "fiji, kaz")
        started = time.perf_counter()
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.session.model.totals().interests >= 10_001)
        assert time.perf_counter() - started < 1.0
        assert screen.table.get_cell(last, "count").plain == str(app.session.model.count(last))
        await pilot.press("pageup", "up")
        await wait_for(pilot, lambda: screen.current_uid != last)
