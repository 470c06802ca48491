"""The follow-up screen's actions: stage, note, owner, next action, contacts, history, marks,
groups and filters, each on the marked possibilities (or the highlighted one), each one undo
step written through the session. ``FollowupScreen`` (followup.py) draws; this part acts."""

from __future__ import annotations

from collections.abc import Callable
from weakref import WeakKeyDictionary

from textual.screen import Screen

from matchdesk.store import (
    GROUPS,
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
)
from matchdesk.tui.dialogs.followup import (
    Field,
    FieldsDialog,
    FilterDialog,
    FilterText,
    StageDialog,
)
from matchdesk.tui.session import Session
from matchdesk.tui.widgets.possibility_list import PossibilityList

# One follow-up index per open workshop: opening the screen again costs nothing.
_DESKS: WeakKeyDictionary[Workshop, Followup] = WeakKeyDictionary()


def desk_for(workshop: Workshop) -> Followup:
    desk = _DESKS.get(workshop)
    if desk is None:
        desk = _DESKS[workshop] = Followup(workshop)
    return desk


def many_possibilities(count: int) -> str:
    return f"{count} possibilit{'y' if count == 1 else 'ies'}"


# The screen's ``list`` (its possibility list) hides the builtin in the class's signatures.
Keys = list[Key]
Fields = list[Field]


class FollowupActions(Screen[None]):
    """What the secretariat does on the follow-up screen (``FollowupScreen`` extends it)."""

    session: Session
    group: str
    filter: Filter
    filter_text: FilterText

    @property
    def desk(self) -> Followup:
        """The follow-up of the session's workshop (a read-only window gets a fresh one)."""
        return desk_for(self.session.workshop)

    @property
    def list(self) -> PossibilityList:
        return self.query_one("#fu-list", PossibilityList)

    def redraw(self) -> None:
        """Draw the screen anew (``FollowupScreen.redraw``)."""
        raise NotImplementedError

    # -- acting ----------------------------------------------------------------------------------
    def _targets(self) -> Keys:
        if self.list.marked:
            return [p.key for p in self.desk.possibilities() if p.key in self.list.marked]
        current = self.list.current
        return [current.key] if current else []

    def _what(self, keys: Keys) -> str:
        if len(keys) == 1:
            p = self.desk.possibility(keys[0])
            return f"{p.country.name} → {p.presentation.title}"
        return many_possibilities(len(keys))

    def _act(self, keys: Keys, write: Callable[[Followup], Change | None]) -> None:
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
        else:
            self.notify(f"Saved: {change.label} (ctrl+z undoes).")

    def _chosen(self) -> Keys | None:
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
        fields: Fields,
        write: Callable[[Followup, Keys, dict[str, str]], Change | None],
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

    def _build_filter(self, text: FilterText) -> Filter:
        days = text.stale_days.strip()
        if text.stale and not days.isdigit():
            raise MatchdeskError(f"Stale takes a number of days, such as 30, not {days!r}.")
        return build_filter(
            self.session.workshop,
            presenting=text.presenting,
            interested=text.interested,
            presentation=text.presentation,
            owner=text.owner,
            overdue=text.overdue,
            stale=int(days) if text.stale else None,
        )

    def action_filters(self) -> None:
        def chosen(value: tuple[Filter, FilterText] | None) -> None:
            if value is not None:
                self.filter, self.filter_text = value
                self.redraw()

        self.app.push_screen(FilterDialog(self.filter_text, self._build_filter), chosen)

    def action_reset_filters(self) -> None:
        self.filter, self.filter_text = Filter(), FilterText()
        self.redraw()
