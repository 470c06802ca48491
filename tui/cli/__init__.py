"""The ``matchdesk`` command line (README, "Commands"): exit 0 ok, 1 refused, 2 bad usage.

One module per group of commands, so a new command is a new file: ``app_commands`` opens the
TUI, ``board_commands`` the projector's board, ``chat_commands`` reads a video call's chat,
``data_commands`` imports, exports and tallies, ``file_commands`` checks and restores,
``followup_commands`` follows up, ``merge_commands`` merges laptops' files,
``network_commands`` rolls up many workshops; ``COMMANDS`` says which holds which command,
imported when that command runs. Nothing here imports Textual until a command opens the TUI.
"""

from __future__ import annotations

from importlib import import_module

import click

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


# Each command -> the module of this package that defines it (``<group>_commands.py``). A
# command's module is imported only when that command runs (or the help lists them all), so
# ``tally`` never loads the chat's fuzzy matching, the follow-up room or the TUI.
# tests/tui/cli/test_command_imports.py holds this table to each module's ``COMMANDS``.
COMMANDS: dict[str, str] = {
    "board": "board",
    "chat": "chat",
    "check": "file",
    "demo": "app",
    "export": "data",
    "followup": "followup",
    "import": "data",
    "merge": "merge",
    "network": "network",
    "open": "app",
    "restore": "file",
    "tally": "data",
}
GROUPS = tuple(sorted(set(COMMANDS.values())))  # tui/cli/<group>_commands.py


class Commands(Main):
    """``Main`` whose commands are imported when first asked for, by name."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*self.commands, *COMMANDS})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        group = COMMANDS.get(cmd_name)
        if cmd_name not in self.commands and group is not None:
            for command in import_module(f"{__name__}.{group}_commands").COMMANDS:
                self.add_command(command)
        return super().get_command(ctx, cmd_name)


@click.group(
    cls=Commands,
    invoke_without_command=True,
    context_settings={"help_option_names": ["-h", "--help"]},
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
        from matchdesk.tui.cli.app_commands import open_cmd

        ctx.invoke(open_cmd, file=path)
