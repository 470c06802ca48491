"""The follow-up screen: every possibility for partnership by stage, for the secretariat.

Stage groups with their counts on the left (←/→ walk them), the possibilities of the group on
the right, the highlighted one's details below. Actions apply to the marked possibilities (space
marks), or to the highlighted one; each is one undo step (ctrl+z).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from weakref import WeakKeyDictionary

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Static

from matchdesk.store import (
    ALL,
    CLOSED,
    GROUPS,
    OUTCOMES,
    Change,
    Filter,
    Followup,
    Key,
    MatchdeskError,
    Outcome,
    Possibility,
    Stage,
    StorageWriteFailed,
    Workshop,
    build_filter,
    group_label,
)
from matchdesk.tui.dialogs.followup import (
    Field,
    FieldsDialog,
    FilterDialog,
    FilterText,
    StageDialog,
)
from matchdesk.tui.host import host
from matchdesk.tui.keys import bindings, writes
from matchdesk.tui.session import Session
from matchdesk.tui.text import plain
from matchdesk.tui.widgets.followup_panels import PossibilityDetail, StageGroups
from matchdesk.tui.widgets.footer import KeyFooter
from matchdesk.tui.widgets.possibility_list import PossibilityList

# One follow-up index per open workshop: opening the screen again costs nothing.
_DESKS: WeakKeyDictionary[Workshop, Followup] = WeakKeyDictionary()


def desk_for(workshop: Workshop) -> Followup:
    desk = _DESKS.get(workshop)
    if desk is None:
        desk = _DESKS[workshop] = Followup(workshop)
    return desk


def _many(count: int) -> str:
    return f"{count} possibilit{'y' if count == 1 else 'ies'}"


def filter_words(chosen: Filter, text: FilterText) -> str:
    """What a filter keeps, in the words its dialog was given."""
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
    if chosen.overdue:
        words.append("overdue")
    if chosen.stale_days is not None:
        words.append(f"stale {chosen.stale_days}+ days")
    return ", ".join(words)


def filter_from(workshop: Workshop, text: FilterText) -> Filter:
    """The filter the dialog's text asks for (names resolved in ``workshop``)."""
    days = text.stale_days.strip()
    if text.stale and not days.isdigit():
        raise MatchdeskError(f"Stale takes a number of days, such as 30, not {days!r}.")
    return build_filter(
        workshop,
        presenting=text.presenting,
        interested=text.interested,
        presentation=text.presentation,
        owner=text.owner,
        overdue=text.overdue,
        stale=int(days) if text.stale else None,
    )


class FollowupScreen(Screen[None]):
    """Reads and writes through the session (so a read-only window refuses changes)."""

    KEY_SCOPES = ("followup",)
    BINDINGS = bindings("followup")
    DEFAULT_CSS = """
    FollowupScreen { layout: vertical; }
    FollowupScreen #fu-title { height: 1; padding: 0 1; background: $primary; color: $text;
        text-style: bold;
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

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """A read-only window offers no key that writes (footer, palette, help)."""
        return not (self.session.read_only and writes(action))

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
            yield StageGroups(id="fu-stages")
            with Vertical():
                yield Static(id="fu-columns")
                yield PossibilityList(id="fu-list")
        yield PossibilityDetail(id="fu-detail")
        yield KeyFooter()

    @property
    def desk(self) -> Followup:
        """The follow-up of the session's workshop (a read-only window gets a fresh one)."""
        return desk_for(self.session.workshop)

    @property
    def list(self) -> PossibilityList:
        return self.query_one("#fu-list", PossibilityList)

    def on_mount(self) -> None:
        self.redraw()
        self.list.focus()
        host(self).workshop_changed.subscribe(self, self.on_workshop_change, immediate=True)
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
        self.query_one("#fu-stages", StageGroups).show(counts, self.group)
        current = self.list.current
        self.list.show(shown, keep=current.key if current else None)
        self._show_title(len(base), len(shown))
        self.redraw_columns()

    def redraw_columns(self) -> None:
        width = self.list.size.width or 80
        self.query_one("#fu-columns", Static).update(plain(self.list.header(width)))

    def _show_title(self, selected: int, shown: int) -> None:
        total = len(self.desk.possibilities())
        marked = len(self.list.marked)
        title = f"Follow-up · {_many(total)}"
        if marked:
            title += f" · {marked} marked (actions apply to them)"
        title += f" · {self.session.info().title}"
        self.query_one("#fu-title", Static).update(plain(title))
        parts = [f"{'All' if self.group == ALL else group_label(self.group).capitalize()}: {shown}"]
        if self.filter.narrowed:
            parts.append(
                f"filtered to {selected} of {total}: {filter_words(self.filter, self.filter_text)}"
            )
        parts.append("space marks and moves down · ! overdue · ⚠ changed on two laptops")
        self.query_one("#fu-filter", Static).update(plain(" · ".join(parts)))

    @on(PossibilityList.Highlighted, "#fu-list")
    def _show_detail(self, event: PossibilityList.Highlighted) -> None:
        self.query_one("#fu-detail", PossibilityDetail).show(event.possibility)

    # -- acting ----------------------------------------------------------------------------------
    def _targets(self) -> Sequence[Key]:
        if self.list.marked:
            return [p.key for p in self.desk.possibilities() if p.key in self.list.marked]
        current = self.list.current
        return [current.key] if current else []

    def _what(self, keys: Sequence[Key]) -> str:
        if len(keys) == 1:
            p = self.desk.possibility(keys[0])
            return f"{p.country.name} → {p.presentation.title}"
        return _many(len(keys))

    def _act(self, keys: Sequence[Key], write: Callable[[Followup], Change | None]) -> None:
        """One write through the session; say what it did, or why not."""
        desk = self.desk
        try:
            change = self.session.run(lambda: write(desk))
        except StorageWriteFailed as error:
            self.notify(f"{error} Nothing was changed.", severity="error", timeout=10)
            return
        except MatchdeskError as error:
            self.notify(str(error), severity="error", timeout=8)
            return
        if change is None:
            self.notify(f"Nothing to change for {self._what(keys)}.", severity="warning")
            return
        cleared = ""
        if self.list.marked:  # done with them: the next action starts from the highlight
            self.list.marked = set()
            self.list.refresh()
            self.redraw()
            cleared = "; marks cleared"
        self.notify(f"Saved: {change.label} (ctrl+z undoes){cleared}.")

    def _chosen(self) -> Sequence[Key] | None:
        keys = self._targets()
        if not keys:
            self.notify("No possibility here to change.", severity="warning")
            return None
        if self.session.read_only:
            self.notify(self.session.read_only_sentence(), severity="error", timeout=6)
            return None
        return keys

    def action_advance(self) -> None:
        if (keys := self._chosen()) is not None:
            self._act(keys, lambda desk: desk.advance(keys))

    def action_set_stage(self) -> None:
        keys = self._chosen()
        if keys is None:
            return
        state = self.desk.possibility(keys[0]).state if len(keys) == 1 else None
        current = (state.outcome or state.stage) if state else None

        def chosen(value: Stage | Outcome | None) -> None:
            if isinstance(value, Outcome):
                self._act(keys, lambda desk: desk.set_stage(keys, outcome=value))
            elif value is not None:
                self._act(keys, lambda desk: desk.set_stage(keys, value))

        self.app.push_screen(StageDialog(self._what(keys), current), chosen)

    def _fields(
        self,
        title: str,
        fields: Sequence[Field],
        write: Callable[[Followup, Sequence[Key], dict[str, str]], Change | None],
    ) -> None:
        keys = self._chosen()
        if keys is None:
            return

        def saved(values: dict[str, str] | None) -> None:
            if values is not None:
                self._act(keys, lambda desk: write(desk, keys, values))

        self.app.push_screen(FieldsDialog(f"{title} · {self._what(keys)}", fields), saved)

    def _single(self) -> Possibility | None:
        keys = self._targets()
        return self.desk.possibility(keys[0]) if len(keys) == 1 else None

    def action_note(self) -> None:
        self._fields(
            "Note",
            [Field("text", "Note (dated today)", "", "e.g. called the ministry")],
            lambda desk, keys, v: desk.add_note(keys, v["text"]),
        )

    def action_owner(self) -> None:
        one = self._single()
        self._fields(
            "Owner",
            [Field("owner", "Followed up by", one.state.owner if one else "", "a name")],
            lambda desk, keys, v: desk.set_owner(keys, v["owner"]),
        )

    def action_next_action(self) -> None:
        one = self._single()
        self._fields(
            "Next action",
            [
                Field("action", "Next action", one.state.next_action if one else "", "e.g. visit"),
                Field("due", "Due (YYYY-MM-DD)", one.state.due if one else "", "2025-03-31"),
            ],
            lambda desk, keys, v: desk.set_next_action(keys, v["action"], v["due"]),
        )

    def action_contacts(self) -> None:
        one = self._single()
        self._fields(
            "Contacts",
            [
                Field(
                    "presenting",
                    "Sharing side",
                    one.state.contacts_presenting if one else "",
                    "name, e-mail",
                ),
                Field(
                    "interested",
                    "Interested side",
                    one.state.contacts_interested if one else "",
                    "name, e-mail",
                ),
            ],
            lambda desk, keys, v: desk.set_contacts(keys, v["presenting"], v["interested"]),
        )

    def action_history(self) -> None:
        from matchdesk.tui.screens.followup_history import HistoryScreen

        current = self.list.current
        if current is None:
            self.notify("No possibility here.", severity="warning")
            return
        self.app.push_screen(HistoryScreen(current, self.desk.history(current.key)))

    def action_toggle_mark(self) -> None:
        current = self.list.current
        if current is None:
            return
        self.list.marked ^= {current.key}
        self.list.refresh_line(self.list.cursor)
        self.list.action_move(1)
        self.redraw()

    def action_mark_all(self) -> None:
        """Mark every possibility shown; when some are marked, unmark them all."""
        self.list.marked = set() if self.list.marked else {p.key for p in self.list.rows}
        self.list.refresh()
        self.redraw()

    def action_group(self, delta: int) -> None:
        self.group = GROUPS[(GROUPS.index(self.group) + delta) % len(GROUPS)]
        self.redraw()

    def action_filters(self) -> None:
        def chosen(value: tuple[Filter, FilterText] | None) -> None:
            if value is not None:
                self.filter, self.filter_text = value
                self.redraw()

        self.app.push_screen(
            FilterDialog(self.filter_text, lambda text: filter_from(self.session.workshop, text)),
            chosen,
        )

    def action_reset_filters(self) -> None:
        self.filter, self.filter_text = Filter(), FilterText()
        self.redraw()

    def action_close(self) -> None:
        self.dismiss()
