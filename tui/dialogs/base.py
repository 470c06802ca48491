"""What every dialog shares: Escape cancels, ctrl+s saves, errors shown inside the dialog."""

from __future__ import annotations

from typing import TypeVar

from textual import events, on
from textual.containers import Horizontal
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static

from matchdesk.tui.keys import bindings
from matchdesk.tui.text import plain
from matchdesk.tui.textual_compat import message_clock

T = TypeVar("T")

# How long a dialog that appeared unbidden waits for quiet before a key may answer it: nobody
# reads a dialog and answers within this, so a key sooner than that was typed ahead.
QUIET_SECONDS = 0.25


class Dialog(ModalScreen[T]):
    """A centred modal that returns a value through ``dismiss`` (``None`` when cancelled)."""

    BINDINGS = bindings("dialog")
    # The buttons are docked to the dialog's bottom edge, so they stay in view however short
    # the terminal; the fields scroll above them, and the focused field scrolls into view. On a
    # short terminal (under 30 rows) fields, selects and buttons take one row each.
    DEFAULT_CSS = """
    Dialog { align: center middle; }
    Dialog > .dialog-body {
        width: 72; max-width: 100%; height: auto; max-height: 100%;
        border: thick $primary; background: $surface; padding: 0 1;
        overflow-y: auto; scrollbar-size-vertical: 1;
    }
    Dialog .dialog-title { text-style: bold; margin-bottom: 1; }
    Dialog .dialog-error { color: $error; height: auto; }
    Dialog .dialog-buttons {
        dock: bottom; height: auto; align-horizontal: right; padding-top: 1;
        background: $surface;
    }
    Dialog .dialog-buttons Button { margin-left: 1; }
    Dialog Label { margin-top: 1; }

    Dialog.-short .dialog-title { margin-bottom: 0; }
    Dialog.-short Label { margin-top: 0; }
    Dialog.-short Input, Dialog.-short SelectCurrent {
        height: 1; border: none !important; padding: 0 1; background: $boost;
    }
    Dialog.-short Input:focus, Dialog.-short Select:focus > SelectCurrent {
        background: $primary 30%;
    }
    Dialog.-short Button { height: 1; border: none !important; min-width: 8; }
    Dialog.-short .dialog-buttons { padding-top: 0; margin-top: 1; }
    """

    # The id of the field whose Enter saves; Enter elsewhere moves to the next field.
    LAST_FIELD = ""
    # Printable keys that answer this dialog (any other printable key is typing, not an answer).
    ANSWER_KEYS: frozenset[str] = frozenset()

    def __init__(self, *, unbidden: bool = False) -> None:
        super().__init__()
        self.unbidden = unbidden
        self.since = message_clock() + QUIET_SECONDS

    def on_mount(self) -> None:
        self.since = max(self.since, message_clock() + QUIET_SECONDS)

    def typed_ahead(self, event: events.Key) -> bool:
        """True when ``event`` must not answer this dialog (``tui/capture/routing.py``).

        A dialog the facilitator did not ask for (a name the input did not know) appears in
        the middle of typing: a key typed before it appeared, or within ``QUIET_SECONDS`` of
        the typing that went on, or a letter that is not one of its answers, was meant for the
        input. Each such key pushes the quiet further, so a steady typist never answers it.
        """
        if not self.unbidden:
            return False
        typing = event.is_printable and event.key not in self.ANSWER_KEYS
        if event.time < self.since or typing:
            self.since = max(self.since, event.time + QUIET_SECONDS)
            return True
        return False

    @property
    def answerable(self) -> bool:
        """Whether a key pressed now could answer (tests wait for this, as a person would)."""
        return message_clock() >= self.since

    def value_of(self, field: str) -> str:
        return self.query_one(f"#{field}", Input).value

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if not self.LAST_FIELD:
            return
        event.stop()
        if event.input.id == self.LAST_FIELD:
            self.action_save()
        else:
            self.focus_next()

    def show_error(self, message: str) -> None:
        """Say what is wrong inside the dialog and as a notification."""
        for error in self.query(".dialog-error").results(Static):
            error.update(plain(message))
        self.notify(message, severity="error")

    @staticmethod
    def button_row(save: str = "Save") -> Horizontal:
        """The row a saving dialog ends with: ``save`` (ctrl+s) and Cancel (esc)."""
        return Horizontal(
            Button(f"{save} (ctrl+s)", variant="primary", id="save"),
            Button("Cancel (esc)", id="cancel"),
            classes="dialog-buttons",
        )

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)

    @on(Button.Pressed, "#save")
    def _save_pressed(self) -> None:
        self.action_save()

    # Tab is a priority binding: the app moves the focus when it reads the key, so letters
    # typed right after it go to the next field. Left to bubble up from the field, Tab moved
    # the focus only after the field had taken the letters queued behind it ("Title⇥kaz"
    # typed at speed put "kaz" in the title).
    def action_next_field(self) -> None:
        self.focus_next()

    def action_previous_field(self) -> None:
        self.focus_previous()

    def action_save(self) -> None:  # overridden by dialogs that save
        self.dismiss(None)
