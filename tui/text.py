"""User text made safe to show: never parsed as markup, control characters made visible.

Titles, names and notes reach the screen only through these helpers, so a title such as
``[bold red]x`` or ``[@click=app.quit]go[/]`` is drawn as typed and a stray escape byte cannot
drive the terminal.
"""

from __future__ import annotations

from typing import Any

from rich.console import JustifyMethod
from rich.text import Text
from textual.content import Content

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


def plain(text: str, style: str = "") -> Content:
    """A ``Content`` for user text: never markup."""
    return Content.styled(visible(text), style) if style else Content(visible(text))


def cell(text: str, style: str = "", *, justify: JustifyMethod = "left") -> Text:
    """A Rich ``Text`` for a DataTable cell (DataTable would parse a ``str`` as markup)."""
    return Text(visible(text), style=style, no_wrap=True, overflow="ellipsis", justify=justify)


class PlainNotifications:
    """An ``App`` mixin: every notification is plain text (messages quote names, titles and
    paths people typed, which must never be parsed as markup; screens' ``notify`` comes
    here). ``MatchdeskApp`` does the same in its own ``notify``."""

    def notify(self, message: str, **options: Any) -> None:
        options.update(title=visible(options.get("title", "")), markup=False)
        super().notify(visible(message), **options)  # type: ignore[misc]  # App's, after this mixin
