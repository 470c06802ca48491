"""``matchdesk board``: the board alone, for a second screen or the projector."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from matchdesk.tui.cli.base import EXISTING, reports_errors


@click.command("board")
@click.argument("file", type=EXISTING)
@reports_errors
def board_cmd(file: Path) -> None:
    """Show FILE's board, read-only, for a second screen or the projector.

    It follows the matchdesk window capturing into FILE: the presentation highlighted there,
    its interested countries as they come, the running totals. h hides the numbers.
    """
    from matchdesk.tui.launch import run_board

    sys.exit(run_board(file))


COMMANDS = (board_cmd,)
