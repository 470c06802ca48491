"""The command palette's matchdesk commands, made from the key table (so nothing is missing).

Each command has a short name ("New presentation", "Channel: online"); its keys and the help
sentence are the line under it, and a search matches either. Of Textual's own entries only
the theme stays (a projector may want a light one): quit, help and keys are matchdesk's own.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from functools import partial
from typing import Any

from textual.app import App, SystemCommand
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.widget import Widget

from matchdesk.tui.keys import KEYS, Key, pretty_keys

# Short names where the footer's word is too terse out of context ("New", "+1"); the others
# use the footer's word (Key.description).
NAMES: dict[tuple[str, str], str] = {
    ("app", "help"): "Help: every key",
    ("app", "retry_save"): "Retry saving",
    ("app", "save_as"): "Save as another file",
    ("app", "merge_files"): "Merge laptops' files",
    ("input", "screen.previous_presentation"): "Previous presentation",
    ("input", "screen.next_presentation"): "Next presentation",
    ("capture", "channel('in_room')"): "Channel: in the room",
    ("capture", "channel('online')"): "Channel: online",
    ("capture", "new_presentation"): "New presentation",
    ("capture", "edit_presentation"): "Edit presentation",
    ("capture", "remove_presentation"): "Remove presentation",
    ("capture", "move_presentation(-1)"): "Move presentation earlier",
    ("capture", "move_presentation(1)"): "Move presentation later",
    ("capture", "goto"): "Go to presentation",
    ("capture", "workshop_details"): "Workshop details",
    ("capture", "focus_input"): "Country input",
    ("interests", "withdraw"): "Withdraw interest",
    ("interests", "cycle_channel"): "Switch interest's channel",
    ("interests", "edit_note"): "Note on interest",
    ("board", "toggle_numbers"): "Hide/reveal numbers",
    ("board", "channel('in_room')"): "Channel: in the room",
    ("board", "channel('online')"): "Channel: online",
    ("board", "toggle_input"): "Input under the board",
    ("followup", "toggle_mark"): "Mark/unmark",
    ("followup", "group(-1)"): "Previous stage group",
    ("followup", "group(1)"): "Next stage group",
    ("followup", "advance"): "Advance one stage",
    ("followup", "set_stage"): "Set stage or close",
    ("followup", "note"): "Write a note",
    ("followup", "owner"): "Set owner",
    ("followup", "next_action"): "Set next action",
    ("followup", "contacts"): "Set contacts",
    ("followup", "reset_filters"): "Reset filters",
}


class MatchdeskCommands(Provider):
    """Offers every action that the screen under the palette (or the app) can run."""

    def _targets(self) -> dict[str, Widget | App[Any]]:
        screen = self.screen
        targets: dict[str, Widget | App[Any]] = {"app": self.app}
        for scope in getattr(screen, "KEY_SCOPES", ()):  # "input" actions name the screen
            targets[scope] = screen
        if "interests" in targets:
            from matchdesk.tui.widgets.interest_table import InterestTable

            tables = screen.query(InterestTable)
            if tables:
                targets["interests"] = tables.first()
            else:
                del targets["interests"]
        return targets

    def _commands(self) -> Iterator[tuple[str, str, Callable[[], object]]]:
        targets = self._targets()
        for key in KEYS:
            target = targets.get(key.scope)
            if target is None or not key.palette or not key.action:
                continue
            if key.writes and getattr(getattr(self.app, "session", None), "read_only", False):
                continue  # a read-only window offers nothing that writes
            if not hasattr(target, "action_" + key.action.split("(")[0].rsplit(".", 1)[-1]):
                continue  # an app without that action (the network app has no undo)
            under = f"{pretty_keys(key.keys)} · {_sentence(key)}"
            yield name_of(key), under, partial(target.run_action, key.action)

    async def discover(self) -> Hits:
        for title, under, command in self._commands():
            yield DiscoveryHit(title, command, help=under)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, under, command in self._commands():
            score = max(matcher.match(title), matcher.match(under) * 0.5)  # the name first
            if score > 0:
                yield Hit(score, matcher.highlight(title), command, text=title, help=under)


def name_of(key: Key) -> str:
    """The command's short name in the palette."""
    return NAMES.get((key.scope, key.action), key.description)


def _sentence(key: Key) -> str:
    """The help sentence without its final full stop."""
    return key.help.split(". ")[0].rstrip(".")


def theme_only(app: App[Any]) -> Iterable[SystemCommand]:
    """Textual's system commands, cut to the one that helps here (``get_system_commands``)."""
    yield SystemCommand(
        "Theme",
        "Change the colours (a projector may read better in a light theme)",
        app.action_change_theme,
    )
