"""The options every Textual widget takes, typed for our widgets that pass them on.

Our widgets take their own arguments and hand ``id``, ``classes`` and the rest to Textual's
constructor; ``**kwargs: Unpack[WidgetOptions]`` lets mypy check both the callers and the hand-on.
"""

from __future__ import annotations

from typing import TypedDict


class WidgetOptions(TypedDict, total=False):
    """``Widget.__init__``'s keyword arguments that every Textual widget accepts."""

    name: str | None
    id: str | None
    classes: str | None
    disabled: bool
