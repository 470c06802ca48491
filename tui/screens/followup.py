"""The follow-up screen: every possibility for partnership by stage, for the secretariat.

Stage groups with their counts on the left (←/→ walk them), the possibilities of the group on
the right, the highlighted one's details below. Actions apply to the marked possibilities (space
marks), or to the highlighted one; each is one undo step (ctrl+z).
"""

from __future__ import annotations

import datetime as dt

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Static

from matchdesk.store import (
    ALL,
    CLOSED,
    GROUPS,
    OUTCOMES,
    Change,
    Filter,
    Outcome,
    Possibility,
    group_label,
)
from matchdesk.tui.dialogs.followup import (
    FilterText,
)
from matchdesk.tui.keys import bindings
from matchdesk.tui.screens.followup_actions import FollowupActions, many_possibilities
from matchdesk.tui.session import Session
from matchdesk.tui.signals import signals
from matchdesk.tui.text import plain
from matchdesk.tui.widgets.footer import KeyFooter
from matchdesk.tui.widgets.possibility_list import PossibilityList


def _group_of(possibility: Possibility) -> int:
    state = possibility.state
    return len(GROUPS) if state.closed else GROUPS.index(state.stage.value)


class FollowupScreen(FollowupActions):
    """Reads and writes through the session (so a read-only window refuses changes)."""

    KEY_SCOPES = ("followup",)
    BINDINGS = bindings("followup")
    DEFAULT_CSS = """
    FollowupScreen { layout: vertical; }
    FollowupScreen #fu-title { height: 1; padding: 0 1; background: $primary; text-style: bold;
        text-wrap: nowrap; text-overflow: ellipsis; }
    FollowupScreen #fu-filter { height: 1; padding: 0 1; color: $text-muted;
        text-wrap: nowrap; text-overflow: ellipsis; }
    FollowupScreen #fu-main { height: 1fr; }
    FollowupScreen #fu-stages { width: 27; padding: 0 1; border-right: vkey $primary-muted; }
    FollowupScreen #fu-columns { height: 1; text-style: bold; color: $text-muted;
        text-wrap: nowrap; }
    FollowupScreen #fu-detail { height: 2; padding: 0 1; background: $boost;
        text-wrap: nowrap; text-overflow: ellipsis; }
    """

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.group = ALL
        self.filter = Filter()
        self.filter_text = FilterText()
        self.painted = False  # the first full screen is drawn (benchmarks wait for it)

    def compose(self) -> ComposeResult:
        yield Static(id="fu-title")
        yield Static(id="fu-filter")
        with Horizontal(id="fu-main"):
            yield Static(id="fu-stages")
            with Vertical():
                yield Static(id="fu-columns")
                yield PossibilityList(id="fu-list")
        yield Static(id="fu-detail")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.redraw()
        self.list.focus()
        signals(self.app).workshop_changed.subscribe(self, self.on_workshop_change, immediate=True)
        self.call_after_refresh(self._painted)

    def _painted(self) -> None:
        self.redraw_columns()
        self.painted = True

    def on_workshop_change(self, change: Change) -> None:
        self.redraw()

    def on_resize(self) -> None:
        self.call_after_refresh(self.redraw_columns)

    # -- drawing ---------------------------------------------------------------------------------
    def redraw(self) -> None:
        """Everything from the records: counts, the group's possibilities, the details."""
        now = dt.datetime.now(dt.UTC)
        base = self.desk.select(self.filter.without_group(), now)
        self.list.marked &= {p.key for p in base}
        counts = dict.fromkeys((*GROUPS, *OUTCOMES), 0)
        counts[ALL] = len(base)
        shown: list[Possibility] = []
        for p in base:  # one pass: 10,000 possibilities stay quick
            state = p.state
            group = CLOSED if state.closed else state.stage.value
            counts[group] += 1
            if state.outcome is not None:
                counts[state.outcome] += 1
            if self.group in (ALL, group):
                shown.append(p)
        self._show_stages(counts)
        if self.group in (ALL, CLOSED):
            shown.sort(key=_group_of)  # grouped by stage, agenda order within each
        current = self.list.current
        self.list.show(shown, keep=current.key if current else None)
        self._show_title(len(base), len(shown))
        self.redraw_columns()

    def redraw_columns(self) -> None:
        width = self.list.size.width or 80
        self.query_one("#fu-columns", Static).update(plain(self.list.header(width)))

    def _show_stages(self, counts: dict[str | Outcome, int]) -> None:
        lines = [plain("Stage groups  ←/→", "bold")]
        for group in GROUPS:
            label = "All" if group == ALL else group_label(group).capitalize()
            text = f"{label:<20}{counts[group]:>4}"
            lines.append(plain(text, "reverse bold" if group == self.group else ""))
        for outcome in OUTCOMES:
            label = outcome.label.replace(" gained", "")
            lines.append(plain(f"  {label:<18}{counts[outcome]:>4}", "dim"))
        self.query_one("#fu-stages", Static).update(Content("\n").join(lines))

    def _show_title(self, selected: int, shown: int) -> None:
        total = len(self.desk.possibilities())
        marked = len(self.list.marked)
        title = f"Follow-up · {many_possibilities(total)}"
        if marked:
            title += f" · {marked} marked (actions apply to them)"
        title += f" · {self.session.info().title}"
        self.query_one("#fu-title", Static).update(plain(title))
        parts = [f"{'All' if self.group == ALL else group_label(self.group).capitalize()}: {shown}"]
        if self.filter.narrowed:
            parts.append(f"filtered to {selected} of {total}: {self._filter_words()}")
        parts.append("f filter · r reset · space mark · enter history")
        self.query_one("#fu-filter", Static).update(plain(" · ".join(parts)))

    def _filter_words(self) -> str:
        text = self.filter_text
        words = [
            f"{name} {value}"
            for name, value in (
                ("presenting", text.presenting),
                ("interested", text.interested),
                ("presentation", text.presentation),
                ("owner", text.owner),
            )
            if value.strip()
        ]
        if self.filter.overdue:
            words.append("overdue")
        if self.filter.stale_days is not None:
            words.append(f"stale {self.filter.stale_days}+ days")
        return ", ".join(words)

    @on(PossibilityList.Highlighted, "#fu-list")
    def _show_detail(self, event: PossibilityList.Highlighted) -> None:
        p = event.possibility
        detail = self.query_one("#fu-detail", Static)
        if p is None:
            detail.update(plain("No possibility here."))
            return
        state = p.state
        first = (
            f"{p.country.name} → {p.number}. {p.presentation.title} "
            f"({p.presentation.country.name}) · {state.label} · "
            f"owner: {state.owner or 'nobody yet'}"
        )
        due = f", due {state.due}" if state.due else ""
        if p.overdue(dt.date.today()):
            due += " (OVERDUE)"
        second = f"Next: {state.next_action or '—'}{due}"
        if state.notes:
            second += f" · {len(state.notes)} note(s), last: {' '.join(state.notes[-1].split())}"
        if state.contacts_presenting or state.contacts_interested:
            second += f" · contacts: {state.contacts_presenting or '—'} / "
            second += state.contacts_interested or "—"
        lines = [plain(first), plain(second)]
        if state.conflicts:
            lines[0] = Content.assemble(
                ("⚠ changed on two laptops: " + ", ".join(state.conflicts) + " · ", "bold $error"),
                lines[0],
            )
        detail.update(Content("\n").join(lines))

    def action_close(self) -> None:
        self.dismiss()
