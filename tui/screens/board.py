"""The big-screen board for the projector: large totals, bars, top countries, hide/reveal."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Digits, Footer, Label, Static

from matchdesk.store.models import Change
from matchdesk.tui.keys import bindings
from matchdesk.tui.session import Session
from matchdesk.tui.text import clip, plain, visible
from matchdesk.tui.widgets.bars import bar

STATS = (
    ("interests", "possibilities for partnership"),
    ("presentations", "presentations"),
    ("interested_countries", "interested countries"),
    ("countries_involved", "countries involved"),
)


def bar_lines(rows: list[tuple[str, int]], width: int) -> Content:
    """Label, bar and number per row, sized to ``width`` cells."""
    peak = max((count for _, count in rows), default=0)
    label_width = max(min(width // 2, 48), 8)
    bar_width = max(width - label_width - 6, 4)
    lines = [
        Content.assemble(
            visible(clip(label, label_width).ljust(label_width)),
            " ",
            (bar(count, peak, bar_width), "$accent"),
            f" {count}",
        )
        for label, count in rows
    ]
    return Content("\n").join(lines) if lines else Content("Nothing yet.")


class BoardScreen(Screen[None]):
    """Follows every capture live; ``h`` hides the numbers until the facilitator reveals them."""

    KEY_SCOPES = ("board",)
    BINDINGS = bindings("board")
    DEFAULT_CSS = """
    BoardScreen { layout: vertical; }
    BoardScreen #board-title { height: auto; text-style: bold; padding: 0 2; background: $primary; }
    BoardScreen #stats { height: auto; padding: 1 1 0 1; }
    BoardScreen .stat { width: 1fr; height: auto; align-horizontal: center; }
    BoardScreen .stat Digits { width: 100%; text-align: center; color: $accent; }
    BoardScreen .stat Label { width: 100%; content-align: center middle; color: $text-muted; }
    BoardScreen #charts { height: 1fr; padding: 1 2; }
    BoardScreen #charts > Vertical { width: 1fr; padding: 0 1; }
    BoardScreen .chart-title { text-style: bold underline; }
    BoardScreen #curtain { display: none; height: 1fr; content-align: center middle;
                           text-style: bold; color: $text-muted; }
    BoardScreen.-hidden #curtain { display: block; }
    BoardScreen.-hidden #stats Digits, BoardScreen.-hidden #charts { display: none; }
    """

    revealed: reactive[bool] = reactive(True)

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session

    def compose(self) -> ComposeResult:
        yield Static(id="board-title")
        with Horizontal(id="stats"):
            for field, label in STATS:
                with Vertical(classes="stat"):
                    yield Digits("0", id=f"stat-{field}")
                    yield Label(label)
        yield Static("Numbers hidden — press h to reveal them.", id="curtain")
        with Horizontal(id="charts"):
            with Vertical():
                yield Static("Interest per presentation", classes="chart-title")
                yield Static(id="bars")
            with Vertical():
                yield Static("Top interested countries", classes="chart-title")
                yield Static(id="countries")
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self.app.workshop_changed.subscribe(self, self.on_workshop_change, immediate=True)
        self.redraw()
        self.call_after_refresh(self.redraw)

    def on_workshop_change(self, change: Change) -> None:
        self.redraw()

    def on_resize(self) -> None:
        self.call_after_refresh(self.redraw)  # sizes are known once the layout has run

    def redraw(self) -> None:
        workshop = self.session.workshop
        totals = workshop.totals()
        self.query_one("#board-title", Static).update(
            plain(self.session.info().title or "matchdesk")
        )
        for field, _ in STATS:
            self.query_one(f"#stat-{field}", Digits).update(str(getattr(totals, field)))
        charts = self.query_one("#charts")
        rows = max(charts.content_size.height - 1, 3) if charts.content_size.height else 12
        width = max(charts.content_size.width // 2 - 2, 20) if charts.content_size.width else 50
        top = workshop.top_presentations(rows)
        self.query_one("#bars", Static).update(
            bar_lines([(f"{n}. {p.title}", count) for n, p, count in top], width)
        )
        countries = workshop.top_countries(rows)
        self.query_one("#countries", Static).update(
            bar_lines([(c.country.name, c.interests) for c in countries], width)
        )

    def watch_revealed(self, revealed: bool) -> None:
        self.set_class(not revealed, "-hidden")

    def action_toggle_numbers(self) -> None:
        self.revealed = not self.revealed

    def action_close(self) -> None:
        self.dismiss()
