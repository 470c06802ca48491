"""The ``matchdesk`` command line (README, "Commands"): exit 0 ok, 1 refused, 2 bad usage.

One module per group of commands, so a new command is a new file: ``app_commands`` opens the
TUI, ``board_commands`` the projector's board, ``data_commands`` imports, exports and tallies,
``file_commands`` checks and restores.
Nothing here imports Textual until a command opens the TUI.
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

import click

from matchdesk.tui.cli import app_commands, board_commands, data_commands, file_commands
from matchdesk.tui.cli.base import default_file

try:
    __version__ = version("matchdesk")
except PackageNotFoundError:  # running from a checkout that was never installed
    __version__ = "0+unknown"


@click.group(invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="matchdesk")
@click.pass_context
def main(ctx: click.Context) -> None:
    """Capture expressions of interest at matchmaking workshops, offline."""
    if ctx.invoked_subcommand is None:
        path = default_file()
        path.parent.mkdir(parents=True, exist_ok=True)
        ctx.invoke(app_commands.open_cmd, file=path)


for _module in (app_commands, board_commands, data_commands, file_commands):
    for _command in _module.COMMANDS:
        main.add_command(_command)
