"""The key table is the bindings: docs/keys.md, the help screen and the palette agree with it."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.binding import Binding
from textual.geometry import Region

from matchdesk.tui.app import MatchdeskApp, make_app
from matchdesk.tui.dialogs.base import Dialog
from matchdesk.tui.dialogs.confirm import ConfirmDialog
from matchdesk.tui.dialogs.import_review import ImportReviewDialog
from matchdesk.tui.dialogs.workshop import AttendanceInput
from matchdesk.tui.keys import KEYS, keys_for, keys_markdown, pretty_keys
from matchdesk.tui.screens.board import BoardScreen
from matchdesk.tui.screens.capture import CaptureScreen
from matchdesk.tui.screens.chat import ChatScreen
from matchdesk.tui.screens.conflicts import ConflictsScreen
from matchdesk.tui.screens.followup import FollowupScreen
from matchdesk.tui.screens.followup_history import HistoryScreen
from matchdesk.tui.screens.help import HelpScreen
from matchdesk.tui.screens.network import NetworkScreen
from matchdesk.tui.widgets.country_input import CountryInput
from matchdesk.tui.widgets.interest_table import InterestTable

from .conftest import SIZE, type_text, wait_for

DOCS = Path(__file__).resolve().parents[2] / "docs" / "keys.md"
OWNERS = {
    "app": MatchdeskApp,
    "capture": CaptureScreen,
    "input": CountryInput,
    "interests": InterestTable,
    "board": BoardScreen,
    "followup": FollowupScreen,
    "history": HistoryScreen,
    "dialog": Dialog,
    "workshop": AttendanceInput,
    "confirm": ConfirmDialog,
    "help": HelpScreen,
    "conflicts": ConflictsScreen,
    "network": NetworkScreen,
    "chat": ChatScreen,
    "review": ImportReviewDialog,
}


def test_docs_keys_md_is_the_generated_table() -> None:
    assert DOCS.read_text(encoding="utf-8") == keys_markdown(), (
        "docs/keys.md is stale: regenerate it with "
        "python -c 'from matchdesk.tui.keys import keys_markdown; print(keys_markdown(), end=\"\")'"
    )


def test_every_class_binds_exactly_its_rows_of_the_table() -> None:
    for scope, owner in OWNERS.items():
        declared = {
            (b.key, b.action, b.description) for b in owner.BINDINGS if isinstance(b, Binding)
        }
        table = {(k.keys, k.action, k.description) for k in keys_for(scope) if k.action}
        assert declared == table, scope
    assert {k.scope for k in KEYS} == set(OWNERS)


def test_every_table_row_is_documented() -> None:
    markdown = keys_markdown()
    for key in KEYS:
        assert key.help in markdown
        for name in key.keys.split(","):
            assert f"`{name}`" in markdown


@pytest.mark.parametrize("size", [SIZE, (80, 24), (60, 18)])
async def test_help_screen_shows_every_description_whole(
    demo_file: Path, size: tuple[int, int]
) -> None:
    """Descriptions wrap under themselves: at 80 and 60 columns no sentence is cut."""
    app = make_app(demo_file)
    async with app.run_test(size=size) as pilot:
        await pilot.press("f1")
        await wait_for(pilot, lambda: isinstance(app.screen, HelpScreen))
        await pilot.pause()
        blocks = list(app.screen.query(".scope-keys"))
        assert all(b.region.right <= size[0] for b in blocks)
        drawn = " ".join(
            strip.text
            for block in blocks
            for strip in block.render_lines(Region(0, 0, *block.outer_size))
        )
        drawn = " ".join(drawn.split())
        for key in KEYS:
            assert f"{pretty_keys(key.keys)} {' '.join(key.help.split())}" in drawn, key.help
        await pilot.press("escape")
        await wait_for(pilot, lambda: not isinstance(app.screen, HelpScreen))


async def test_command_palette_runs_matchdesk_actions(demo_file: Path) -> None:
    app = make_app(demo_file)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p")
        await wait_for(pilot, lambda: app.screen.__class__.__name__ == "CommandPalette")
        await type_text(pilot, "board")
        await pilot.pause()
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, BoardScreen))


async def test_palette_offers_every_action_of_the_capture_screen(demo_file: Path) -> None:
    from matchdesk.tui.commands import MatchdeskCommands

    app = make_app(demo_file)
    async with app.run_test(size=SIZE):
        provider = MatchdeskCommands(app.screen)
        titles = [title for title, _, _ in provider._commands()]
        wanted = [
            k
            for k in KEYS
            if (k.palette and k.action and k.scope in CaptureScreen.KEY_SCOPES)
            or (k.scope == "app" and k.palette)
        ]
        assert len(titles) == len(wanted)


async def test_the_palette_names_matchdesks_actions_short_and_textuals_theme_only(
    demo_file: Path,
) -> None:
    app = make_app(demo_file)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p")
        await wait_for(pilot, lambda: app.screen.__class__.__name__ == "CommandPalette")
        await pilot.press("down")  # every command, as discovered
        options = app.screen.query_one("OptionList")
        await wait_for(pilot, lambda: options.option_count > 10)
        prompts = [str(getattr(o.prompt, "plain", o.prompt)) for o in options.options]
        titles = [p.splitlines()[0] for p in prompts]
        for wanted in ("New presentation", "Channel: online", "Board", "Theme", "Undo"):
            assert wanted in titles, titles
        for textual_own in ("Quit the application", "Maximize", "Screenshot", "Keys"):
            assert not any(textual_own in p for p in prompts), prompts
        assert all(len(t) <= 30 for t in titles), titles
