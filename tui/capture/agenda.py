"""The agenda's keys on the capture screen: register, edit, remove and move presentations
(each through the session, refused in a read-only window), then highlight the one changed;
go to a presentation by its number."""

from __future__ import annotations

from typing import TYPE_CHECKING

from matchdesk.store import Presentation
from matchdesk.tui.capture.guard import attempt, refuse_if_read_only
from matchdesk.tui.text import count

if TYPE_CHECKING:  # the screen that hosts these keys
    from matchdesk.tui.screens.capture import CaptureScreen


class AgendaKeys:
    """What ctrl+n, ctrl+e, ctrl+d and the moves do, for the capture screen."""

    def __init__(self, screen: CaptureScreen) -> None:
        self.screen = screen
        self.session = screen.session

    def select(self, presentation: Presentation | None) -> None:
        if presentation is None:
            return
        index = self.session.workshop.position(presentation.uid)
        if index is not None:
            self.screen.table.cursor_row = index
        self.screen.country_input.focus()

    def goto(self, number: int) -> None:
        """Highlight presentation ``number`` (1-based)."""
        count = len(self.session.presentations)
        if not 1 <= number <= count:
            self.screen.notify(
                f"There is no presentation {number}; the agenda has {count}.", severity="error"
            )
            return
        self.screen.table.cursor_row = number - 1

    def ask_goto(self) -> None:
        """Ask for a presentation's number (ctrl+g), then highlight it."""

        def chosen(number: int | None) -> None:
            if number is not None:
                self.goto(number)

        from matchdesk.tui.dialogs.simple import GotoDialog

        dialog = GotoDialog(len(self.session.presentations))
        self.screen.app.push_screen(dialog, chosen)

    def new(self) -> None:
        if refuse_if_read_only(self.screen, self.session):
            return
        from matchdesk.tui.dialogs.presentation import PresentationDialog

        self.screen.app.push_screen(PresentationDialog(self.session), self.select)

    def edit(self) -> None:
        if refuse_if_read_only(self.screen, self.session):
            return
        current = self.screen.current()
        if current is None:
            self.screen.notify("There is no presentation to edit yet.", severity="error")
            return
        from matchdesk.tui.dialogs.presentation import PresentationDialog

        self.screen.app.push_screen(PresentationDialog(self.session, current), self.select)

    def remove(self) -> None:
        if refuse_if_read_only(self.screen, self.session):
            return
        current = self.screen.current()
        if current is None:
            self.screen.notify("There is no presentation to remove.", severity="error")
            return
        interests = self.session.workshop.interest_count(current.uid)

        def confirmed(yes: bool | None) -> None:
            if yes and attempt(self.screen, lambda: self.session.remove_presentation(current.uid)):
                self.screen.notify(f"Removed “{current.title}” (ctrl+z brings it back).")

        from matchdesk.tui.dialogs.confirm import ConfirmDialog

        self.screen.app.push_screen(
            ConfirmDialog(
                f"Remove “{current.title}” ({current.country.name})? "
                f"Its {count(interests, 'interest')} will stop counting.",
                yes="Remove",
                no="Keep",
            ),
            confirmed,
        )

    def move(self, delta: int) -> None:
        current = self.screen.current()
        index = self.session.workshop.position(current.uid) if current else None
        if current is None or index is None:
            return
        target = index + delta
        if not 0 <= target < len(self.session.presentations) or refuse_if_read_only(
            self.screen, self.session
        ):
            return
        attempt(self.screen, lambda: self.session.move_presentation(current.uid, target))
        self.select(current)
