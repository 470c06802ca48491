"""The network screen: many workshops in one picture, and the practice matches to decide.

Four tabs: the workshops (with each year and the whole network), the countries (sorted by
practices offered, interest expressed or interest received), the M49 region matrix as a heat
table (regions or sub-regions), and the suggested practice matches, where a key links two
presentations as one practice or keeps them apart. The files are read in a worker thread,
read-only; a decision is written to the network file and the view counted again.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static, TabbedContent, TabPane
from textual.worker import get_current_worker

from matchdesk.store import (
    EVERY_WORKSHOP,
    Filters,
    Funnel,
    Loaded,
    MatchdeskError,
    Measures,
    NetworkView,
    RegionMatrix,
    build,
    decide,
    recount,
)
from matchdesk.tui.keys import bindings
from matchdesk.tui.text import cell, clip, count, plain

SORTS: tuple[tuple[str, str], ...] = (
    ("practices_offered", "practices offered"),
    ("interest_expressed", "interest expressed (asked)"),
    ("interest_received", "interest received"),
)
# Heat-table shades, faint to strong (background of a cell by its share of the largest).
HEAT = ("#1d3b53", "#245a7a", "#2d7aa1", "#3a9bc8", "#4fbde8")


def _count(value: int) -> Text:
    return cell(str(value), justify="right")


def heat_cell(value: int, peak: int) -> Text:
    """A count shaded by its size; blank for none (the heat table's cell)."""
    if not value:
        return cell("·", "dim", justify="right")
    shade = HEAT[min(len(HEAT) - 1, (value * len(HEAT) - 1) // max(peak, 1))]
    return cell(f" {value} ", f"bold white on {shade}", justify="right")


def _funnel(funnel: Funnel) -> Text:
    """Follow-up in a cell: how many possibilities moved past "interested", or "untracked"."""
    if not funnel.tracked:
        return cell("untracked", "dim")
    moved = sum(n for stage, n in funnel.stages.items() if stage != "interested")
    return cell(f"{moved} moved", justify="right")


def _measures(m: Measures) -> tuple[Text, ...]:
    return (
        _count(m.presentations),
        _count(m.possibilities),
        _count(m.country_pairs),
        _count(m.countries_involved),
    )


class NetworkScreen(Screen[None]):
    """The roll-up of the workshop files under ``paths``."""

    KEY_SCOPES = ("network",)
    BINDINGS = bindings("network")
    DEFAULT_CSS = """
    NetworkScreen { layout: vertical; }
    NetworkScreen #network-summary { height: auto; padding: 0 1; background: $primary;
        color: $text; }
    NetworkScreen TabbedContent { height: 1fr; }
    NetworkScreen TabPane { padding: 0; }
    NetworkScreen DataTable { height: 1fr; }
    NetworkScreen .caption { height: auto; color: $text-muted; padding: 0 1; }
    """

    sort: reactive[int] = reactive(0, init=False)
    sub_regions: reactive[bool] = reactive(False, init=False)

    def __init__(self, paths: Sequence[Path], filters: Filters = EVERY_WORKSHOP) -> None:
        super().__init__()
        self.paths = list(paths)
        self.filters = filters
        self.loaded: Loaded | None = None
        self.view: NetworkView | None = None

    def compose(self) -> ComposeResult:
        yield Static(plain("Reading the workshop files…"), id="network-summary")
        with TabbedContent(id="network-tabs"):
            with TabPane("1 Workshops", id="workshops"):
                yield Static(id="workshop-caption", classes="caption")
                yield DataTable(id="workshop-table", cursor_type="row", zebra_stripes=True)
            with TabPane("2 Countries", id="countries"):
                yield Static(id="country-caption", classes="caption")
                yield DataTable(id="country-table", cursor_type="row", zebra_stripes=True)
            with TabPane("3 Regions", id="regions"):
                yield Static(id="region-caption", classes="caption")
                yield DataTable(id="region-table", cursor_type="cell")
            with TabPane("4 Matches", id="matches"):
                yield Static(id="match-caption", classes="caption")
                yield DataTable(id="match-table", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        self.load()

    @work(thread=True, exclusive=True, group="network")
    def load(self) -> None:
        """Read every file (read-only) off the UI thread, then show the view."""
        try:
            view, loaded = build(self.paths, self.filters)
        except MatchdeskError as error:
            self.app.call_from_thread(self._failed, str(error))
            return
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self.show, view, loaded)

    def _failed(self, message: str) -> None:
        self.query_one("#network-summary", Static).update(plain(message))
        self.notify(message, severity="error", timeout=10)

    # -- drawing ---------------------------------------------------------------------------
    def show(self, view: NetworkView, loaded: Loaded | None = None) -> None:
        if loaded is not None:
            self.loaded = loaded
            damaged = [note for note in view.notes if note.damaged]
            for note in damaged:
                self.notify(f"Left out {note.path.name}: {note.reason}", severity="warning")
        self.view = view
        totals = view.totals
        waiting = len(view.suggestions)
        summary = (
            f"{count(totals.workshops, 'workshop')} · "
            f"{count(totals.possibilities, 'possibility', 'possibilities')} · "
            f"{count(totals.practices, 'practice')} · "
            f"{count(totals.countries_involved, 'country')} · {waiting} to decide"
        )
        if view.left_out:
            summary += f" · {view.left_out} left out by the filter"
        self.query_one("#network-summary", Static).update(plain(summary))
        self.query_one("#network-tabs", TabbedContent).get_tab(
            "matches"
        ).label = f"4 Matches ({waiting})"
        self._workshops(view)
        self._countries(view)
        self._regions(view)
        self._matches(view)

    def _workshops(self, view: NetworkView) -> None:
        table = self.query_one("#workshop-table", DataTable)
        table.clear(columns=True)
        for title in ("Workshop", "Date", "Pres.", "Poss.", "Pairs", "Ctries", "Follow-up"):
            table.add_column(title, key=title)
        for row in view.workshops:
            table.add_row(
                cell(clip(row.title or row.path.name, 22)),
                cell(row.date or "—"),
                *_measures(row.measures),
                _funnel(row.funnel),
                key=row.uid,
            )
        for year in view.years:
            n = year.measures.workshops
            table.add_row(
                cell(f"{year.year or 'Undated'}: {n} workshop{'s' if n != 1 else ''}", "bold"),
                cell(""),
                *_measures(year.measures),
                cell(""),
            )
        table.add_row(
            cell(f"All {count(view.totals.workshops, 'workshop')}", "bold"),
            cell(""),
            *_measures(view.totals),
            _funnel(view.funnel),
        )

    def _countries(self, view: NetworkView) -> None:
        field, words = SORTS[self.sort]
        self.query_one("#country-caption", Static).update(
            plain(f"Sorted by {words} (s changes the order)")
        )
        table = self.query_one("#country-table", DataTable)
        table.clear(columns=True)
        for title in ("Country", "Region", "Offered", "Asked", "Received"):
            table.add_column(title, key=title)
        rows = sorted(view.countries, key=lambda r: (-getattr(r, field), r.country.name.casefold()))
        for row in rows:
            table.add_row(
                cell(clip(row.country.name, 28)),
                cell(clip(row.place.sub_region, 24), "dim"),
                _count(row.practices_offered),
                _count(row.interest_expressed),
                _count(row.interest_received),
                key=row.country.code,
            )

    def _regions(self, view: NetworkView) -> None:
        matrix: RegionMatrix = view.sub_regions if self.sub_regions else view.regions
        what = "sub-region" if self.sub_regions else "region"
        other = "regions" if self.sub_regions else "sub-regions"
        self.query_one("#region-caption", Static).update(
            plain(
                f"Possibilities by presenting {what} (rows) and interested {what} (columns); "
                f"{matrix.total} in all. g switches to {other}."
            )
        )
        table = self.query_one("#region-table", DataTable)
        table.clear(columns=True)
        width = 16 if self.sub_regions else 10
        table.add_column("From \\ to", key="row")
        for label in matrix.labels:
            table.add_column(cell(clip(label, width), justify="right"), key=label)
        table.add_column(cell("Total", "bold", justify="right"), key="total")
        peak = max(matrix.cells.values(), default=0)
        for row in matrix.labels:
            table.add_row(
                cell(clip(row, 24), "bold"),
                *(heat_cell(matrix.cells.get((row, column), 0), peak) for column in matrix.labels),
                cell(str(matrix.row_total(row)), "bold", justify="right"),
                key=row,
            )
        table.add_row(
            cell("Total", "bold"),
            *(cell(str(matrix.column_total(c)), "bold", justify="right") for c in matrix.labels),
            cell(str(matrix.total), "bold", justify="right"),
        )

    def _matches(self, view: NetworkView) -> None:
        waiting = len(view.suggestions)
        self.query_one("#match-caption", Static).update(
            plain(
                f"{waiting} suggested match{'es' if waiting != 1 else ''}: y links the "
                "highlighted pair as one practice, n keeps them apart."
                if waiting
                else "No suggested match is waiting for a decision."
            )
        )
        table = self.query_one("#match-table", DataTable)
        table.clear(columns=True)
        names = {row.country.code: row.country.name for row in view.countries}
        for title in ("Earlier title", "Later title", "Country", "Sim."):
            table.add_column(title, key=title)
        for index, s in enumerate(view.suggestions):
            table.add_row(
                cell(clip(f"{s.earlier.title} ({view.workshops[s.earlier.workshop].year})", 30)),
                cell(clip(f"{s.later.title} ({view.workshops[s.later.workshop].year})", 30)),
                cell(clip(names.get(s.later.country, s.later.country), 12)),
                _count(s.score),
                key=str(index),
            )

    @on(DataTable.RowHighlighted, "#workshop-table")
    def _show_workshop(self, event: DataTable.RowHighlighted) -> None:
        """The highlighted workshop's whole title and file (the table clips titles)."""
        view = self.view
        if view is None:
            return
        index = event.cursor_row
        text = (
            f"{view.workshops[index].title} — {view.workshops[index].path}"
            if index < len(view.workshops)
            else "Each year, then all the workshops together."
        )
        self.query_one("#workshop-caption", Static).update(plain(text))

    # -- keys ------------------------------------------------------------------------------
    def watch_sort(self) -> None:
        if self.view is not None:
            self._countries(self.view)

    def watch_sub_regions(self) -> None:
        if self.view is not None:
            self._regions(self.view)

    def action_show_tab(self, tab: str) -> None:
        self.query_one("#network-tabs", TabbedContent).active = tab
        self.query_one(f"#{tab} DataTable", DataTable).focus()

    def action_cycle_sort(self) -> None:
        self.action_show_tab("countries")
        self.sort = (self.sort + 1) % len(SORTS)
        self.notify(f"Countries sorted by {SORTS[self.sort][1]}.")

    def action_toggle_regions(self) -> None:
        self.action_show_tab("regions")
        self.sub_regions = not self.sub_regions

    def action_decide(self, same: bool) -> None:
        """Link (``same``) or keep apart the highlighted suggested match; never silently."""
        view, loaded = self.view, self.loaded
        if view is None or loaded is None or loaded.folder is None:
            return
        tabs = self.query_one("#network-tabs", TabbedContent)
        if tabs.active != "matches":
            self.action_show_tab("matches")
            self.notify("Highlight a suggested match, then press y (same) or n (different).")
            return
        table = self.query_one("#match-table", DataTable)
        if not view.suggestions or table.cursor_row >= len(view.suggestions):
            self.notify("No suggested match is waiting for a decision.", severity="warning")
            return
        match = view.suggestions[table.cursor_row]
        try:
            sentence = decide(view, loaded.folder, match.earlier.uid, match.later.uid, same=same)
            fresh = recount(loaded, self.filters)
        except MatchdeskError as error:
            self.notify(str(error), severity="error", timeout=10)
            return
        self.notify(sentence, timeout=8)
        row = table.cursor_row
        self.show(fresh)
        if fresh.suggestions:
            table.move_cursor(row=min(row, len(fresh.suggestions) - 1))

    def action_close(self) -> None:
        if len(self.app.screen_stack) > 1:
            self.dismiss()
        else:
            self.notify("This is the network view; ctrl+q quits.")
