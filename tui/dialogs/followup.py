"""The follow-up screen's dialogs: a stage or an outcome, a few text fields, the filters.

Fields sit beside their labels, one line each, so every dialog (buttons included) fits an
80x24 terminal.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Label, OptionList, Static
from textual.widgets.option_list import Option

from matchdesk.store import OUTCOMES, STAGES, STALE_DAYS, Filter, MatchdeskError, Outcome, Stage
from matchdesk.tui.dialogs.base import Dialog
from matchdesk.tui.text import plain
from matchdesk.tui.widgets.plain_input import PlainInput
from matchdesk.tui.widgets.tick_box import TickBox

_COMPACT_CSS = """
{name} .field-row {{ height: 1; margin-bottom: 1; }}
{name} .field-row Label {{ width: 22; margin: 0; }}
{name} .field-row Input {{ width: 1fr; }}
"""


@dataclass(frozen=True)
class Field:
    """One line of a ``FieldsDialog``."""

    id: str
    label: str
    value: str = ""
    placeholder: str = ""


def field_row(field: Field) -> Horizontal:
    return Horizontal(
        Label(field.label),
        PlainInput(field.value, placeholder=field.placeholder, id=field.id, compact=True),
        classes="field-row",
    )


class StageDialog(Dialog[Stage | Outcome]):
    """Pick a stage (moving there) or an outcome (closing); returns it."""

    DEFAULT_CSS = """
    StageDialog OptionList { height: auto; max-height: 14; }
    """

    def __init__(self, what: str, current: Stage | Outcome | None = None) -> None:
        super().__init__()
        self._what = what
        self._current = current

    def compose(self) -> ComposeResult:
        options = [Option(f"{s.label.capitalize()}", id=s.value) for s in STAGES]
        options += [Option(f"Close: {o.label}", id=o.value) for o in OUTCOMES]
        with Vertical(classes="dialog-body"):
            yield Static(plain(f"Stage of {self._what}"), classes="dialog-title")
            yield OptionList(*options, id="stages")
            yield self.button_row("Set")

    def on_mount(self) -> None:
        stages = self.query_one("#stages", OptionList)
        current = self._current.value if self._current is not None else Stage.INTERESTED.value
        stages.highlighted = stages.get_option_index(current)
        stages.focus()

    @on(OptionList.OptionSelected)
    def action_save(self) -> None:
        stages = self.query_one("#stages", OptionList)
        if stages.highlighted is None:
            return
        value = stages.get_option_at_index(stages.highlighted).id or ""
        self.dismiss(Stage(value) if value in Stage._value2member_map_ else Outcome(value))


class FieldsDialog(Dialog[dict[str, str]]):
    """A title and a few one-line text fields; returns {field id: text}."""

    DEFAULT_CSS = _COMPACT_CSS.format(name="FieldsDialog")

    def __init__(self, title: str, fields: Sequence[Field]) -> None:
        super().__init__()
        self._title = title
        self._fields = tuple(fields)
        self.LAST_FIELD = self._fields[-1].id

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-body"):
            yield Static(plain(self._title), classes="dialog-title")
            for field in self._fields:
                yield field_row(field)
            yield Static("", classes="dialog-error")
            yield self.button_row("Save")

    def action_save(self) -> None:
        self.dismiss({field.id: self.value_of(field.id) for field in self._fields})


@dataclass(frozen=True)
class FilterText:
    """The filter as typed, to fill the dialog again."""

    presenting: str = ""
    interested: str = ""
    presentation: str = ""
    owner: str = ""
    overdue: bool = False
    stale: bool = False
    stale_days: str = str(STALE_DAYS)


class FilterDialog(Dialog[tuple[Filter, FilterText]]):
    """The filters; ``build`` turns the typed text into a ``Filter`` or says what is wrong."""

    DEFAULT_CSS = (
        _COMPACT_CSS.format(name="FilterDialog")
        + """
    FilterDialog Checkbox { margin-left: 1; }
    FilterDialog #stale { margin: 0 0 1 1; }
    """
    )
    LAST_FIELD = "stale_days"

    def __init__(self, text: FilterText, build: Callable[[FilterText], Filter]) -> None:
        super().__init__()
        self._text = text
        self._build = build

    def compose(self) -> ComposeResult:
        text = self._text
        with Vertical(classes="dialog-body"):
            yield Static("Filter the possibilities (empty: any)", classes="dialog-title")
            yield field_row(Field("presenting", "Presenting country", text.presenting, "e.g. bgd"))
            yield field_row(Field("interested", "Interested country", text.interested, "e.g. kaz"))
            yield field_row(
                Field("presentation", "Presentation", text.presentation, "number or title words")
            )
            yield field_row(Field("owner", "Owner", text.owner, "a name; - for nobody yet"))
            yield TickBox(
                "Overdue only (due date passed)", text.overdue, id="overdue", compact=True
            )
            yield TickBox("Stale only (no activity for…)", text.stale, id="stale", compact=True)
            yield field_row(Field("stale_days", "…this many days", text.stale_days, "30"))
            yield Static("", classes="dialog-error")
            yield self.button_row("Filter")

    def action_save(self) -> None:
        typed = FilterText(
            presenting=self.value_of("presenting"),
            interested=self.value_of("interested"),
            presentation=self.value_of("presentation"),
            owner=self.value_of("owner"),
            overdue=self.query_one("#overdue", TickBox).value,
            stale=self.query_one("#stale", TickBox).value,
            stale_days=self.value_of("stale_days").strip(),
        )
        try:
            chosen = self._build(typed)
        except MatchdeskError as error:
            self.show_error(str(error))
            return
        self.dismiss((chosen, typed))
