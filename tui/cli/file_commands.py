"""Commands that look after the workshop file itself: ``check`` and ``restore``."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from matchdesk.store import MatchdeskError, Workshop
from matchdesk.tui.cli.base import EXISTING, FILE, max_size, one_shot, reports_errors


@click.command("check")
@click.argument("file", type=EXISTING)
@click.option("--deep", is_flag=True, help="Also run every record check on each backup (slower).")
@max_size("workshop file")
@reports_errors
@one_shot
def check_cmd(file: Path, deep: bool, max_mb: int) -> None:
    """Verify FILE (readable, replayable, consistent records) and list its backups.

    Each backup is parsed and counted; ``--deep`` also opens it as a workshop and checks its
    records, as for FILE itself."""
    from matchdesk.store import digest, list_backups, require_within

    require_within(file, max_mb << 20)  # before a byte is read

    # The newest backup is usually the snapshot itself: count those bytes once.
    try:
        before = file.stat()
        snapshot = digest(file)
    except OSError:
        before, snapshot = None, (0, b"")
    refused: MatchdeskError | None = None
    known = {}
    try:
        with Workshop.open(file, readonly=True, frozen=True) as workshop:
            problems = workshop.check()
            totals = workshop.totals()
            if _same_file(before, file) and not workshop.journaled():
                known[snapshot] = (totals.presentations, totals.interests)
    except MatchdeskError as exc:
        refused = exc  # the backups are listed all the same: they are the way out
    for backup in list_backups(file, known, max_mb << 20):
        state = (
            f"sound, {backup.presentations} presentations, {backup.interests} interests"
            if backup.sound
            else f"damaged: {backup.problem}"
        )
        if deep and backup.sound:
            with Workshop.open(backup.path, readonly=True, offer_backup=False, frozen=True) as copy:
                found = copy.check()
            if found:
                state = f"opens, but {len(found)} problem(s): " + "; ".join(found[:3])
        click.echo(f"backup {backup.path} ({backup.saved_at}): {state}")
    if refused is not None:
        raise refused
    if problems:
        for problem in problems:
            click.echo(f"matchdesk: {file}: {problem}", err=True)
        sys.exit(1)
    click.echo(
        f"{file} is sound: {totals.presentations} presentations, {totals.interests} interests."
    )


def _same_file(before: os.stat_result | None, path: Path) -> bool:
    """Whether ``path`` is still the file ``before`` described (not replaced by a writer)."""
    try:
        after = path.stat()
    except OSError:
        return False
    return before is not None and (before.st_ino, before.st_size, before.st_mtime_ns) == (
        after.st_ino,
        after.st_size,
        after.st_mtime_ns,
    )


@click.command("restore")
@click.argument("file", type=FILE)
@click.option(
    "--from",
    "source",
    type=click.Path(dir_okay=False, exists=True, path_type=Path),
    help="The backup to restore (default: the newest sound one).",
)
@max_size("backup")
@reports_errors
def restore_cmd(file: Path, source: Path | None, max_mb: int) -> None:
    """Put back a backup of FILE (the newest sound one, or --from) and replay the journal on
    top of it; the current file and the journal are kept aside, never deleted."""
    from matchdesk.store import restore

    result = restore(file, source, max_mb << 20)
    entries = f"{result.replayed} journal entr{'y' if result.replayed == 1 else 'ies'}"
    lines = [
        f"Restored {file} from {result.restored_from} and replayed {entries} on top: "
        f"{result.presentations} presentations, {result.interests} interests."
    ]
    if result.damaged_journal:
        lines.append(
            f"The replay stopped where {result.damaged_journal}: the entries after it are "
            "not in the restored file."
        )
    if result.damaged_copy:
        lines.append(f"The previous file was kept as {result.damaged_copy}.")
    if result.journal_copies:
        names = ", ".join(str(p) for p in result.journal_copies)
        lines.append(f"The journal was kept as {names}.")
    click.echo(" ".join(lines))


COMMANDS = (check_cmd, restore_cmd)
