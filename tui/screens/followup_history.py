"""One possibility's whole follow-up history, oldest first, concurrent changes flagged."""

from __future__ import annotations

from collections.abc import Sequence

from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from matchdesk.store import Event, Possibility, describe
from matchdesk.tui.keys import bindings
from matchdesk.tui.text import count, plain


def history_lines(possibility: Possibility, events: Sequence[Event]) -> Content:
    """Date, device and what happened, one record a line (a note keeps its line breaks)."""
    lines = [plain(f"{possibility.captured_at[:16].replace('T', ' ')}  interest captured", "dim")]
    for event in events:
        when = event.at[:16].replace("T", " ")
        line = plain(f"{when}  {describe(event)}  ({event.device})")
        if event.concurrent:
            line = Content.assemble(line, ("  ⚠ concurrent", "bold $error"))
        lines.append(line)
    if possibility.state.conflicts:
        lines += [
            Content(""),
            plain(
                "⚠ Changed on two laptops without seeing each other: "
                f"{', '.join(possibility.state.conflicts)}. The newest is shown; setting it "
                "again resolves it.",
                "bold $error",
            ),
        ]
    return Content("\n").join(lines)


class HistoryScreen(ModalScreen[None]):
    """Escape (or Enter) closes."""

    KEY_SCOPES = ("history",)
    BINDINGS = bindings("history")
    DEFAULT_CSS = """
    HistoryScreen { align: center middle; }
    HistoryScreen > Vertical { width: 100; max-width: 100%; height: auto; max-height: 100%;
        border: thick $primary; background: $surface; padding: 0 1; }
    HistoryScreen #history-title { text-style: bold; height: auto; margin-bottom: 1; }
    HistoryScreen VerticalScroll { height: auto; max-height: 100%; }
    """

    def __init__(self, possibility: Possibility, events: Sequence[Event]) -> None:
        super().__init__()
        self._possibility = possibility
        self._events = tuple(events)

    def compose(self) -> ComposeResult:
        p = self._possibility
        title = (
            f"{p.country.name} → {p.number}. {p.presentation.title} "
            f"({p.presentation.country.name}) · {p.state.label} · "
            f"{count(len(self._events), 'record')} · esc closes"
        )
        with Vertical():
            yield Static(plain(title), id="history-title")
            with VerticalScroll():
                yield Static(history_lines(p, self._events), id="history")

    def action_close(self) -> None:
        self.dismiss()
