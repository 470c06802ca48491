"""``matchdesk merge``: other laptops' files of the same workshop joined into FILE."""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterator, Sequence
from pathlib import Path

import click

from matchdesk.store import Workshop
from matchdesk.tui.cli.base import EXISTING, reports_errors


@click.command("merge")
@click.argument("file", type=EXISTING)
@click.argument("others", nargs=-1, required=True, type=EXISTING)
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@click.option(
    "--force", is_flag=True, help="Merge files of another workshop too (a different meta.uid)."
)
@reports_errors
def merge_cmd(file: Path, others: tuple[Path, ...], as_json: bool, force: bool) -> None:
    """Merge OTHERS (other laptops' files of this workshop) into FILE, in one write."""
    from matchdesk.store import merge_files

    with Workshop.open(file, create=False) as workshop:
        report = merge_files(workshop, list(others), force=force)
    if as_json:
        click.echo(json.dumps(report.as_json(), ensure_ascii=False, indent=2, default=str))
    else:
        click.echo("\n".join(report.lines()))


PEERS = click.option(
    "--with",
    "peers",
    multiple=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="Another laptop's file of this workshop, read and never written (repeat for more).",
)


@contextlib.contextmanager
def reading_with_peers(file: Path, peers: Sequence[Path]) -> Iterator[Workshop]:
    """FILE read-only, with its peers' records joined in (``tally --with``); a peer that
    cannot be read is a warning on stderr and is counted without."""
    from matchdesk.store import open_combined

    with open_combined(file, peers, readonly=True) as workshop:
        for problem in workshop.problems():
            click.echo(f"matchdesk: warning: {problem} Counted without it.", err=True)
        yield workshop


COMMANDS = (merge_cmd,)
