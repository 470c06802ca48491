"""Horizontal bars drawn with block characters (eighths), for the tallies panel and the board."""

from __future__ import annotations

_EIGHTHS = " ▏▎▍▌▋▊▉"


def bar(value: int, maximum: int, width: int) -> str:
    """A bar ``width`` cells wide at most, proportional to ``value / maximum``."""
    if width <= 0 or maximum <= 0 or value <= 0:
        return ""
    eighths = max(1, round(value / maximum * width * 8))
    full, part = divmod(min(eighths, width * 8), 8)
    return "█" * full + (_EIGHTHS[part] if part else "")
