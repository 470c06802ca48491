"""The country input: completes the name being typed, even after commas ("kaz, tha, ph")."""

from __future__ import annotations

import re
from collections.abc import Callable

from textual.suggester import Suggester

from matchdesk.store.models import Country
from matchdesk.tui.keys import bindings
from matchdesk.tui.widgets.plain_input import PlainInput

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


class CountryInput(PlainInput):
    """Where the facilitator types countries; Enter records them, up/down pick the presentation.

    Input inherits scroll bindings for up/down; these replace them so the arrows reach the agenda.
    """

    BINDINGS = bindings("input")

    DEFAULT_CSS = """
    CountryInput { width: 1fr; }
    """

    def __init__(self, suggest: Callable[[str, int], list[Country]], **kwargs: object) -> None:
        super().__init__(
            placeholder="Country or code — kaz, tha, phl — then Enter",
            suggester=CountrySuggester(suggest),
            **kwargs,  # type: ignore[arg-type]
        )
