"""Register or edit a presentation: title, presenting country (same resolver), presenter, theme."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.suggester import SuggestFromList
from textual.widgets import Input, Label, Static

from matchdesk.store import MatchdeskError, Presentation
from matchdesk.tui.dialogs.base import Dialog
from matchdesk.tui.session import Session
from matchdesk.tui.text import plain
from matchdesk.tui.widgets.country_input import CountrySuggester
from matchdesk.tui.widgets.plain_input import PlainInput

THEMES = ("governance", "digitalisation", "education and skills", "health")


class PresentationDialog(Dialog[Presentation]):
    """Saves through the session and returns the saved presentation (None when cancelled)."""

    LAST_FIELD = "theme"
    DEFAULT_CSS = """
    PresentationDialog #country-preview { height: 1; padding: 0 1; color: $text-muted; }
    """

    def __init__(self, session: Session, presentation: Presentation | None = None) -> None:
        super().__init__()
        self._session = session
        self._presentation = presentation

    def compose(self) -> ComposeResult:
        current = self._presentation
        themes = sorted({*THEMES, *(p.theme for p in self._session.presentations if p.theme)})
        with Vertical(classes="dialog-body"):
            yield Static(
                "Edit presentation" if current else "New presentation", classes="dialog-title"
            )
            yield Label("Title")
            yield PlainInput(
                current.title if current else "", id="title", placeholder="e.g. Rapid Digitization"
            )
            yield Label("Presenting country")
            yield PlainInput(
                current.country.name if current else "",
                id="country",
                placeholder="name or code, e.g. bgd",
                suggester=CountrySuggester(self._session.suggest),
            )
            yield Static(id="country-preview")
            yield Label("Presenter")
            yield PlainInput(current.presenter if current else "", id="presenter")
            yield Label("Theme")
            yield PlainInput(
                current.theme if current else "",
                id="theme",
                suggester=SuggestFromList(themes, case_sensitive=False),
                placeholder="governance, digitalisation, education and skills, health…",
            )
            yield Static("", classes="dialog-error")
            yield self.button_row("Save")

    def on_mount(self) -> None:
        self._preview_country(self.value_of("country"))

    @on(Input.Changed, "#country")
    def _country_changed(self, event: Input.Changed) -> None:
        self._preview_country(event.value)

    def _preview_country(self, typed: str) -> None:
        """What Save records as the presenting country, as the capture input says it."""
        typed = typed.strip()
        country = self._session.resolve_typed(typed) if typed else None
        if country is not None:
            line = plain(f"→ {country.name}")
        elif meanings := self._session.meanings(typed):
            line = plain(f"→ {typed}? could mean {' or '.join(c.name for c in meanings)}")
        else:
            line = plain(f"→ {typed}?" if typed else "")
        self.query_one("#country-preview", Static).update(line)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter takes the grey completion first (the theme "digi" -> "digitalisation"),
        as the right arrow does: what the field showed is what is saved. (Textual then runs
        ``Dialog.on_input_submitted``: next field, or save.)"""
        field = event.input
        if field.suggester is not None and field.cursor_at_end:
            field.action_cursor_right()

    def action_save(self) -> None:
        typed = self.value_of("country").strip()
        country = self._session.resolve_typed(typed)
        if country is None:
            names = ", ".join(c.name for c in self._session.suggest(typed, 4))
            hint = f" Did you mean: {names}?" if names else ""
            self.show_error(
                f"“{typed}” is not a country matchdesk knows.{hint} "
                "(Custom countries are created from the capture input.)"
                if typed
                else "Type the presenting country."
            )
            self.query_one("#country", Input).focus()
            return
        fields = {
            "title": self.value_of("title"),
            "presenter": self.value_of("presenter"),
            "theme": self.value_of("theme"),
        }
        try:
            if self._presentation is None:
                saved = self._session.add_presentation(country=country, **fields)
            else:
                saved = self._session.update_presentation(
                    self._presentation.uid, country=country, **fields
                )
        except MatchdeskError as error:
            self.show_error(str(error))
            return
        self.dismiss(saved)
