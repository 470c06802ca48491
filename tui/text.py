"""User text made safe to show: never parsed as markup, control characters made visible.

Titles, names and notes reach the screen only through these helpers, so a title such as
``[bold red]x`` or ``[@click=app.quit]go[/]`` is drawn as typed and a stray escape byte cannot
drive the terminal.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.cells import cell_len
from rich.text import Text
from textual.content import Content

if TYPE_CHECKING:
    from rich.console import JustifyMethod
    from textual.app import App

    _App = App[Any]  # for mypy, a mixin of the App is one: super().notify is App.notify
else:
    _App = object

# C0 controls -> their Unicode "control pictures" (␛, ␀, ...); DEL -> ␡; C1 controls and the
# bidirectional overrides (which can reorder what the room reads) -> the replacement character.
_VISIBLE: dict[int, str] = {code: chr(0x2400 + code) for code in range(0x20)}
_VISIBLE[0x7F] = "\u2421"
_VISIBLE.update({code: "\ufffd" for code in range(0x80, 0xA0)})
_VISIBLE.update({code: "\ufffd" for code in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))})


# What a text field keeps of a paste: C0/C1 controls and DEL dropped (as the store drops them),
# tabs and line breaks turned into spaces.
_TYPED: dict[int, str | None] = {code: None for code in (*range(0x20), 0x7F, *range(0x80, 0xA0))}
_TYPED.update({ord("\t"): " ", ord("\n"): " ", ord("\r"): " "})


def typed(text: str) -> str:
    """``text`` as a text field should hold it: no control character can reach the terminal."""
    return text.translate(_TYPED)


def visible(text: str) -> str:
    """``text`` with every control character replaced by a visible stand-in."""
    return text.translate(_VISIBLE)


def clip(text: str, width: int) -> str:
    """``text`` cut to ``width`` cells, ending in an ellipsis when it was longer."""
    if width <= 0:
        return ""
    content = Content(text)
    if content.cell_length <= width:
        return text
    return content.truncate(max(width - 1, 0)).plain + "…"


def fit(text: str, width: int, *, right: bool = False) -> str:
    """``text`` (user text: never markup, controls made visible) in exactly ``width`` cells,
    counted as the terminal counts them: a Chinese character takes two, so padding by
    characters would push the columns after it out of the line."""
    shown = clip(visible(text), width)
    padding = " " * (width - cell_len(shown))
    return padding + shown if right else shown + padding


_PLURALS = {"entry": "entries", "country": "countries", "match": "matches"}


def count(number: int, noun: str, plural: str | None = None) -> str:
    """``1 presentation``, ``3 presentations``, ``2 entries``: every count the app writes in
    words goes through here (no "interest(s)")."""
    return f"{number:,} {word_for(number, noun, plural)}"


def word_for(number: int, noun: str, plural: str | None = None) -> str:
    """The noun alone, as ``count`` says it (for a number drawn in another style)."""
    return noun if number == 1 else plural or _PLURALS.get(noun, noun + "s")


def plain(text: str, style: str = "") -> Content:
    """A ``Content`` for user text: never markup."""
    return Content.styled(visible(text), style) if style else Content(visible(text))


def cell(text: str, style: str = "", *, justify: JustifyMethod = "left") -> Text:
    """A Rich ``Text`` for a DataTable cell (DataTable would parse a ``str`` as markup)."""
    return Text(visible(text), style=style, no_wrap=True, overflow="ellipsis", justify=justify)


# A toast's severity is drawn in colour; these words say it too (screen readers, NO_COLOR).
SEVERITY_WORDS = {"error": "Error", "warning": "Warning"}


def said_plainly(message: str, severity: str = "information", title: str = "") -> str:
    """A notification as one plain sentence: its severity in words, its title joined in."""
    text = f"{title}: {message}" if title else message
    word = SEVERITY_WORDS.get(severity)
    if word and not text.startswith(word):
        text = f"{word}: {text}"
    return visible(text)


class PlainNotifications(_App):
    """An ``App`` mixin: every notification is plain text (messages quote names, titles and
    paths people typed, which must never be parsed as markup; screens' ``notify`` comes
    here). ``MatchdeskApp`` does the same in its own ``notify``."""

    def notify(self, message: str, **options: Any) -> None:
        severity = options.get("severity", "information")
        text = said_plainly(message, severity, options.pop("title", ""))
        options.update(markup=False)
        super().notify(text, **options)
