"""Commands that open the TUI: ``open`` and ``demo``."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from matchdesk.store import MAX_READ_MB
from matchdesk.tui.cli.base import FILE, default_file, max_size, reports_errors
from matchdesk.tui.cli.merge_commands import PEERS


@click.command("open")
@click.argument("file", type=FILE, required=False)
@click.option(
    "--read-only",
    "read_only",
    is_flag=True,
    help="Show FILE without changing it, following another matchdesk writing to it.",
)
@PEERS
@click.option(
    "--chat",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    metavar="PATH",
    help="Follow a video call's saved chat as the meeting client writes it (f9 reviews it).",
)
@max_size("--with file")
@reports_errors
def open_cmd(
    file: Path | None,
    read_only: bool,
    peers: tuple[Path, ...] = (),
    chat: Path | None = None,
    max_mb: int = MAX_READ_MB,
) -> None:
    """Open the TUI on FILE (created if missing); --with follows other laptops' files live."""
    from matchdesk.tui.launch import run_tui

    path = file or default_file()
    if file is None and not read_only:  # the user data folder, made on first use; a named
        path.parent.mkdir(parents=True, exist_ok=True)  # folder that is missing is refused
    sys.exit(run_tui(path, read_only=read_only, peers=peers, chat=chat, max_bytes=max_mb << 20))


@click.command("demo")
@click.option(
    "--network",
    is_flag=True,
    help="Write Astana 2021 and two generated workshops to a fresh folder; open the network.",
)
@reports_errors
def demo_cmd(network: bool) -> None:
    """Open the TUI on a fresh copy of the bundled Astana 2021 workshop (or a demo network)."""
    from matchdesk.tui.launch import run_demo, run_demo_network

    sys.exit(run_demo_network() if network else run_demo())


COMMANDS = (open_cmd, demo_cmd)
