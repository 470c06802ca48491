"""Commands that look after the workshop file itself: ``check`` and ``restore``."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from matchdesk.store.workshop import Workshop
from matchdesk.tui.cli.base import EXISTING, FILE, reports_errors


@click.command("check")
@click.argument("file", type=EXISTING)
@reports_errors
def check_cmd(file: Path) -> None:
    """Verify FILE (readable, replayable, consistent records) and list its backups."""
    from matchdesk.store.file.recovery import list_backups

    for backup in list_backups(file):
        state = (
            f"sound, {backup.presentations} presentations, {backup.interests} interests"
            if backup.sound
            else f"damaged: {backup.problem}"
        )
        click.echo(f"backup {backup.path} ({backup.saved_at}): {state}")
    with Workshop.open(file, readonly=True) as workshop:
        problems = workshop.check()
        totals = workshop.tallies().totals
    if problems:
        for problem in problems:
            click.echo(f"matchdesk: {file}: {problem}", err=True)
        sys.exit(1)
    click.echo(
        f"{file} is sound: {totals.presentations} presentations, {totals.interests} interests."
    )


@click.command("restore")
@click.argument("file", type=FILE)
@click.option(
    "--from",
    "source",
    type=click.Path(dir_okay=False, exists=True, path_type=Path),
    help="The backup to restore (default: the newest sound one).",
)
@reports_errors
def restore_cmd(file: Path, source: Path | None) -> None:
    """Replace FILE by a backup; the current file is kept as FILE.damaged-<time>."""
    from matchdesk.store.file.recovery import restore

    result = restore(file, source)
    kept = f" The previous file was kept as {result.damaged_copy}." if result.damaged_copy else ""
    click.echo(
        f"Restored {file} from {result.restored_from}: {result.presentations} presentations, "
        f"{result.interests} interests.{kept}"
    )


COMMANDS = (check_cmd, restore_cmd)
