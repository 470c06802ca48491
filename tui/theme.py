"""The high-contrast theme, and the one the person asked for.

``MATCHDESK_THEME=matchdesk-high-contrast`` (or the palette's "theme") picks it. Every text is
white, yellow, cyan, green or light red on black, or black on yellow: each pair is at least 7:1
(WCAG AAA), which ``tests/tui/test_accessibility.py`` checks on the painted screen. Textual's
own ``NO_COLOR`` handling (greys only) still applies on top of any theme.
"""

from __future__ import annotations

import os
from typing import Any

from textual.app import App
from textual.theme import Theme

HIGH_CONTRAST = Theme(
    name="matchdesk-high-contrast",
    primary="#FFFF00",
    secondary="#00FFFF",
    accent="#00FFFF",
    warning="#FFFF00",
    error="#FF9E9E",
    success="#00FF00",
    foreground="#FFFFFF",
    background="#000000",
    surface="#000000",
    panel="#000000",
    boost="#000000",
    dark=True,
    variables={
        # Textual dims these with transparency, which is what drops a text under 7:1.
        "text-muted": "auto 90%",
        "text-disabled": "#E0E0E0",
        "foreground-muted": "#FFFFFF",
        "foreground-disabled": "#E0E0E0",
        "primary-muted": "#FFFF00",
        "accent-muted": "#00FFFF",
        "warning-muted": "#000000",
        "error-muted": "#000000",
        "success-muted": "#000000",
        "block-cursor-foreground": "#000000",
        "block-cursor-background": "#FFFF00",
        "block-cursor-blurred-foreground": "#000000",
        "block-cursor-blurred-background": "#FFFFFF",
        "block-hover-background": "#000000",
        "input-selection-background": "#FFFF00",
        "input-selection-foreground": "#000000",
        "input-cursor-background": "#FFFFFF",
        "input-cursor-foreground": "#000000",
        "footer-background": "#000000",
        "footer-foreground": "#FFFFFF",
        "footer-key-foreground": "#FFFF00",
        "footer-description-foreground": "#FFFFFF",
        "scrollbar": "#FFFFFF",
        "scrollbar-background": "#000000",
        "surface-active": "#000000",
        "button-color-foreground": "#000000",
    },
)

THEME_VARIABLE = "MATCHDESK_THEME"


def use_themes(app: App[Any]) -> None:
    """Register matchdesk's themes and take the one ``MATCHDESK_THEME`` names, if known."""
    app.register_theme(HIGH_CONTRAST)
    wanted = os.environ.get(THEME_VARIABLE, "").strip()
    if wanted and wanted in app.available_themes:
        app.theme = wanted
