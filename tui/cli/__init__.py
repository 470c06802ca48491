"""The ``matchdesk`` command line (README, "Commands"): exit 0 ok, 1 refused, 2 bad usage.

One module per group of commands, so a new command is a new file: ``app_commands`` opens the
TUI, ``board_commands`` the projector's board, ``chat_commands`` reads a video call's chat,
``data_commands`` imports, exports and tallies, ``file_commands`` checks and restores,
``followup_commands`` follows up, ``merge_commands`` merges laptops' files,
``network_commands`` rolls up many workshops; ``GROUPS`` names them. Nothing here imports
Textual until a command opens the TUI.
"""

from __future__ import annotations

from importlib import import_module

import click

from matchdesk.tui.cli import app_commands
from matchdesk.tui.cli.base import Main, default_file


def _show_version(ctx: click.Context, _: click.Parameter, value: bool) -> None:
    """``--version``, read from the package's metadata only when asked (reading it costs
    every command 30 ms)."""
    if not value or ctx.resilient_parsing:
        return
    from importlib.metadata import PackageNotFoundError, version

    try:
        found = version("matchdesk")
    except PackageNotFoundError:  # running from a checkout that was never installed
        found = "0+unknown"
    click.echo(f"matchdesk, version {found}")
    ctx.exit()


@click.group(
    cls=Main, invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]}
)
@click.option(
    "--version",
    is_flag=True,
    expose_value=False,
    is_eager=True,
    callback=_show_version,
    help="Show the version and exit.",
)
@click.pass_context
def main(ctx: click.Context) -> None:
    """Capture expressions of interest at matchmaking workshops, offline."""
    if ctx.invoked_subcommand is None:
        path = default_file()
        path.parent.mkdir(parents=True, exist_ok=True)
        ctx.invoke(app_commands.open_cmd, file=path)


GROUPS = (
    "app",
    "board",
    "chat",
    "data",
    "file",
    "followup",
    "merge",
    "network",
)  # tui/cli/<group>_commands.py

for _group in GROUPS:
    for _command in import_module(f"{__name__}.{_group}_commands").COMMANDS:
        main.add_command(_command)
