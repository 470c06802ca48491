"""``matchdesk merge``: other laptops' files of the same workshop joined into FILE."""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterator, Sequence
from pathlib import Path

import click

from matchdesk.store import StorageWriteFailed, Workshop
from matchdesk.tui.cli.base import EXISTING, max_size, reports_errors


@click.command("merge")
@click.argument("file", type=EXISTING)
@click.argument("others", nargs=-1, required=True, type=EXISTING)
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@click.option(
    "--force", is_flag=True, help="Merge files of another workshop too (a different meta.uid)."
)
@max_size("file to merge")
@reports_errors
def merge_cmd(
    file: Path, others: tuple[Path, ...], as_json: bool, force: bool, max_mb: int
) -> None:
    """Merge OTHERS (other laptops' files of this workshop) into FILE, in one write."""
    from matchdesk.store import merge_files, require_within

    for other in others:  # refused before FILE is locked: a refusal leaves nothing behind
        require_within(other, max_mb << 20)
    workshop = Workshop.open(file, create=False)
    try:
        report = merge_files(workshop, list(others), force=force, max_bytes=max_mb << 20)
    except BaseException:
        workshop.close()
        raise
    try:
        workshop.close()
        folded = ""
    except StorageWriteFailed as exc:  # the merge landed (journal, fsynced); the fold did not
        folded = (
            f"warning: {exc} The merge itself is saved, in {workshop.journal.name}; "
            f"matchdesk folds it into {file.name} the next time it opens it."
        )
    if as_json:
        click.echo(json.dumps(report.as_json(), ensure_ascii=False, indent=2, default=str))
    else:
        click.echo("\n".join(report.lines()))
    if folded:
        click.echo(f"matchdesk: {folded}", err=True)


PEERS = click.option(
    "--with",
    "peers",
    multiple=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="Another laptop's file of this workshop, read and never written (repeat for more).",
)


@contextlib.contextmanager
def reading_with_peers(
    file: Path, peers: Sequence[Path], max_bytes: int | None = None
) -> Iterator[Workshop]:
    """FILE read-only, with its peers' records joined in (``tally --with``); a peer that
    cannot be read (or is over ``max_bytes``) is a warning on stderr and is counted without."""
    from matchdesk.store import MAX_READ_BYTES, open_combined

    limit = MAX_READ_BYTES if max_bytes is None else max_bytes
    with open_combined(file, peers, readonly=True, max_bytes=limit) as workshop:
        for problem in workshop.problems():
            click.echo(f"matchdesk: warning: {problem} Counted without it.", err=True)
        yield workshop


COMMANDS = (merge_cmd,)
