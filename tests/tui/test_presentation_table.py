"""The presentation table shows values it was given: no workshop behind it, so a window that
swaps its workshop (a read-only window re-reading the file) never leaves it reading a closed
one, and a resize lays out the same rows and counts again."""

from __future__ import annotations

from pathlib import Path

from textual.app import App, ComposeResult

from matchdesk.store.workshop import Workshop
from matchdesk.tui.widgets.presentation_table import PresentationTable

from .conftest import wait_for


class TableApp(App[None]):
    def compose(self) -> ComposeResult:
        yield PresentationTable()


def _count(table: PresentationTable, row: int) -> str:
    return str(table.get_row_at(row)[-1])


async def test_a_resize_after_the_workshop_closed_shows_the_same_rows(demo_file: Path) -> None:
    with Workshop.open(demo_file, readonly=True) as workshop:
        agenda = workshop.presentations()
        counts = {p.uid: workshop.interest_count(p.uid) for p in agenda}
    app = TableApp()
    async with app.run_test(size=(100, 30)) as pilot:
        table = app.query_one(PresentationTable)
        table.load(agenda, counts, keep=agenda[2].uid)
        assert table.row_count == 10 and table.current_uid == agenda[2].uid
        table.set_count(agenda[0].uid, 42)
        columns = len(table.columns)
        await pilot.resize_terminal(60, 20)  # narrow: the country column goes
        await wait_for(pilot, lambda: len(table.columns) == columns - 1)
        assert table.row_count == 10 and table.current_uid == agenda[2].uid
        assert _count(table, 0) == "42"
        assert [_count(table, n) for n in range(1, 10)] == [str(counts[p.uid]) for p in agenda[1:]]
