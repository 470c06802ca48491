"""The command palette's matchdesk commands, made from the key table (so nothing is missing)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial
from typing import Any

from textual.app import App
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.widget import Widget

from matchdesk.tui.keys import KEYS, Key, pretty_keys


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
            if not hasattr(target, "action_" + key.action.split("(")[0].rsplit(".", 1)[-1]):
                continue  # an app without that action (the network app has no undo)
            yield _title(key), f"{pretty_keys(key.keys)}", partial(target.run_action, key.action)

    async def discover(self) -> Hits:
        for title, keys, command in self._commands():
            yield DiscoveryHit(title, command, help=keys)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, keys, command in self._commands():
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, matcher.highlight(title), command, text=title, help=keys)


def _title(key: Key) -> str:
    """The help sentence without its final full stop, as the command's name."""
    return key.help.split(". ")[0].rstrip(".")
