"""The country input: previews the country being typed, even after commas ("kaz, tha, ph")."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Unpack

from textual.events import Focus
from textual.suggester import Suggester

from matchdesk.store import Country
from matchdesk.tui.keys import bindings
from matchdesk.tui.options import WidgetOptions
from matchdesk.tui.textual_compat import QuietInput, restart_blink, set_suggestion, suggestion
from matchdesk.tui.widgets.plain_input import PlainInput

if TYPE_CHECKING:
    from matchdesk.store import PreviewPart

_LAST_PART = re.compile(r"^(?P<head>.*[,;]\s*|\s*)(?P<tail>[^,;]*)$", re.DOTALL)


class CountrySuggester(Suggester):
    """Inline completion of the last comma-separated part (codes, names, official names)."""

    def __init__(self, suggest: Callable[[str, int], list[Country]]) -> None:
        # No cache: custom countries may be added while the app runs.
        super().__init__(use_cache=False, case_sensitive=True)
        self._suggest = suggest

    async def get_suggestion(self, value: str) -> str | None:
        match = _LAST_PART.match(value)
        if match is None:
            return None
        tail = match["tail"]
        typed = tail.strip().casefold()
        if not typed or typed.isdigit():
            return None
        for country in self._suggest(typed, 5):
            for name in (country.name, country.official_name):
                if name.casefold().startswith(typed) and len(name) > len(typed):
                    return value + name[len(tail.lstrip()) :]
        return None


class CountryInput(QuietInput, PlainInput):
    """Where the facilitator types countries; what it previews is what Enter records.

    The preview is computed as each key lands (not by Textual's asynchronous suggester), so the
    grey completion, the "→ Country" line and the entry taken at Enter always agree. Enter calls
    ``on_enter`` at once, in key order: nothing typed after it can join the entry. Input
    inherits scroll bindings for up/down; these replace them so the arrows reach the agenda.
    """

    BINDINGS = bindings("input")

    DEFAULT_CSS = """
    CountryInput { width: 1fr; }
    """

    def __init__(
        self,
        preview: Callable[[str], tuple[PreviewPart, ...]],
        on_enter: Callable[[], None],
        **kwargs: Unpack[WidgetOptions],
    ) -> None:
        super().__init__(
            placeholder="Country or code — kaz, tha, phl — then Enter",
            # Input selects its text when it gets the focus, a moment later (an event): the
            # next key typed would then replace what was typed just before it.
            select_on_focus=False,
            **kwargs,
        )
        self.preview_of = preview
        self.entered = on_enter
        self.parts: tuple[PreviewPart, ...] = ()

    def value_changed(self, value: str) -> None:
        """Every key previews at once (``QuietInput``: no layout pass per key)."""
        self.refresh_preview()

    def refresh_preview(self) -> None:
        """Preview the value again (the workshop's counts, hence the ranking, may have moved)."""
        value = self.value
        if not value.strip():  # the names' module waits for the first letter (not the paint)
            self.parts = ()
            set_suggestion(self, "")
            return
        from matchdesk.store import SEPARATORS

        self.parts = self.preview_of(value)
        last = self.parts[-1].completion if self.parts else None
        open_end = value[-1] not in SEPARATORS and not value[-1].isspace()
        set_suggestion(self, value + last.rest if last and last.rest and open_end else "")

    def on_focus(self, event: Focus) -> None:
        self.refresh_preview()  # Input forgets its suggestion on focus (its own handler ran)

    def action_cursor_right(self, select: bool = False) -> None:
        """At the end, → accepts the completion as the country's name (not " → Name")."""
        last = self.parts[-1].completion if self.parts else None
        if not select and self.cursor_at_end and suggestion(self) and last is not None:
            match = _LAST_PART.match(self.value)
            head = match["head"] if match else ""
            self.value = head + last.country.name
            self.cursor_position = len(self.value)
            return
        super().action_cursor_right(select)

    async def action_submit(self) -> None:  # Input's is a coroutine: so is its override
        self.entered()

    def take(self) -> tuple[str, tuple[PreviewPart, ...]]:
        """What was typed and what it previews, leaving the input empty for the next entry."""
        taken = (self.value, self.parts)
        self.value = ""
        return taken

    def type_text(self, text: str) -> None:
        """Insert typed characters now (replacing a selection), as a key or a paste would."""
        restart_blink(self)
        if self.selection.is_empty:
            self.insert_text_at_cursor(text)
        else:
            self.replace(text, *self.selection)
