"""Workshop details: title, date, venue, organisers, mode, the language of country names,
and attendance (with +/- keys)."""

from __future__ import annotations

from typing import Unpack

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Label, Select, Static

from matchdesk.store import LANGUAGES, MatchdeskError, Mode, WorkshopInfo
from matchdesk.tui.dialogs.base import Dialog
from matchdesk.tui.keys import bindings
from matchdesk.tui.options import WidgetOptions
from matchdesk.tui.session import Session
from matchdesk.tui.widgets.plain_input import PlainInput

# The six UN languages, each in its own words: the app shows country names in the chosen one.
LANGUAGE_CHOICES: list[tuple[str, str]] = [
    (f"{name} ({code})", code) for code, name in LANGUAGES.items()
]
MODES: list[tuple[str, Mode]] = [
    ("hybrid (in the room and online)", Mode.HYBRID),
    ("in the room", Mode.IN_ROOM),
    ("online", Mode.ONLINE),
]


class AttendanceInput(PlainInput):
    """A head count: digits only, and + / - (or up / down) add or take away one person."""

    BINDINGS = bindings("workshop")

    def __init__(self, value: int | None, **kwargs: Unpack[WidgetOptions]) -> None:
        super().__init__(
            "" if value is None else str(value),
            restrict=r"\d*",
            placeholder="0",
            **kwargs,
        )

    def check_consume_key(self, key: str, character: str | None) -> bool:
        """Leave + and - to the bindings (only digits are typed into a head count)."""
        return character is not None and character.isdigit()

    def action_bump(self, delta: int) -> None:
        current = int(self.value) if self.value.isdigit() else 0
        self.value = str(max(0, current + delta))
        self.cursor_position = len(self.value)


class WorkshopDialog(Dialog[WorkshopInfo]):
    """Saves through the session and returns the saved details (None when cancelled)."""

    LAST_FIELD = "online"

    DEFAULT_CSS = """
    WorkshopDialog .pair { height: auto; }
    WorkshopDialog .pair Vertical { height: auto; width: 1fr; }
    WorkshopDialog .pair #language-box { width: 24; }
    """

    def __init__(self, session: Session) -> None:
        super().__init__()
        self._session = session

    def compose(self) -> ComposeResult:
        info = self._session.info()
        with Vertical(classes="dialog-body"):
            yield Static("Workshop details", classes="dialog-title")
            yield Label("Title")
            yield PlainInput(info.title, id="title")
            yield Label("Date (YYYY-MM-DD)")
            yield PlainInput(info.date, id="date", placeholder="2021-10-29")
            yield Label("Venue")
            yield PlainInput(info.venue, id="venue")
            yield Label("Organisers (separated by ;)")
            yield PlainInput("; ".join(info.organisers), id="organisers")
            with Horizontal(classes="pair"):
                with Vertical():
                    yield Label("Mode")
                    yield Select(MODES, value=info.mode or Select.NULL, id="mode", prompt="not set")
                with Vertical(id="language-box"):
                    yield Label("Country names in")
                    yield Select(
                        LANGUAGE_CHOICES, value=info.language, id="language", allow_blank=False
                    )
            with Horizontal(classes="pair"):
                with Vertical():
                    yield Label("In the room (+/-)")
                    yield AttendanceInput(info.attendance_in_room, id="in_room")
                with Vertical():
                    yield Label("Online (+/-)")
                    yield AttendanceInput(info.attendance_online, id="online")
            yield Static("", classes="dialog-error")
            yield self.button_row("Save")

    def action_save(self) -> None:
        mode = self.query_one("#mode", Select).value
        language = self.query_one("#language", Select).value
        try:
            saved = self._session.set_info(
                title=self.value_of("title"),
                date=self.value_of("date").strip(),
                venue=self.value_of("venue"),
                organisers=self.value_of("organisers"),
                mode=None if mode is Select.NULL else mode,
                attendance_in_room=self.value_of("in_room") or None,
                attendance_online=self.value_of("online") or None,
                language=language,
            )
        except MatchdeskError as error:
            self.show_error(str(error))
            return
        self.dismiss(saved)
