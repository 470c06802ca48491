"""``matchdesk network``: many workshops, one picture (docs/network.md).

Reads only: workshop files are opened read-only (they may be open in an app meanwhile). The
one thing it writes, when asked (``--link``, ``--unlink``, ``--set-region``), is a person's
decision in the network file of the first folder given.
"""

from __future__ import annotations

import gc
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from matchdesk.store import LANGUAGES, PAPERS, InvalidValue
from matchdesk.tui.cli.base import max_size, one_shot, reports_errors

if TYPE_CHECKING:
    from matchdesk.store import NetworkView


def _say_notes(view: NetworkView) -> None:
    for note in view.notes:
        click.echo(
            f"matchdesk: {'left out' if note.damaged else 'skipped'} {note.path}: {note.reason}",
            err=True,
        )


@click.command("network")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the roll-up as JSON.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["md", "docx", "xlsx"]),
    default=None,
    help="Write the network report in this format.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Where to write the report (default: network-report.FMT in the first folder); "
    "- prints Markdown.",
)
@click.option("--year", "years", type=int, multiple=True, help="Only workshops of this year.")
@click.option("--from", "date_from", default="", help="Only workshops on or after YYYY-MM-DD.")
@click.option("--to", "date_to", default="", help="Only workshops on or before YYYY-MM-DD.")
@click.option(
    "--link",
    nargs=2,
    default=None,
    metavar="A B",
    help="Record that presentations A and B (ids as listed) are one practice.",
)
@click.option(
    "--unlink",
    nargs=2,
    default=None,
    metavar="A B",
    help="Record that presentations A and B are different practices.",
)
@click.option(
    "--set-region",
    "set_region",
    nargs=2,
    default=None,
    metavar="COUNTRY SUB-REGION",
    help="Place a custom country in a UN M49 sub-region (e.g. 'Eastern Europe').",
)
@click.option(
    "--lang", type=click.Choice(list(LANGUAGES)), default="en", help="The report's language."
)
@click.option("--paper", type=click.Choice(PAPERS), default="a4", help="Report paper.")
@click.option("--text", "as_text", is_flag=True, help="Print text even at a terminal.")
@max_size("workshop file")
@reports_errors
@one_shot
def network_cmd(
    paths: tuple[Path, ...],
    as_json: bool,
    fmt: str | None,
    output: Path | None,
    years: tuple[int, ...],
    date_from: str,
    date_to: str,
    link: tuple[str, str] | None,
    unlink: tuple[str, str] | None,
    set_region: tuple[str, str] | None,
    lang: str,
    paper: str,
    as_text: bool,
    max_mb: int,
) -> None:
    """Roll up the workshop files in PATHS (files, or folders searched for them).

    At a terminal it opens the network screen; otherwise (or with --text) it prints the
    totals per workshop and year, countries, repeated practices, regions and follow-up.
    """
    from matchdesk.store import Filters, build, decide, network_folder
    from matchdesk.store import set_region as set_custom_region

    if as_json and fmt:
        raise click.UsageError("Give --json or --format, not both.")
    actions = [a for a in (link, unlink, set_region) if a]
    if len(actions) > 1:
        raise click.UsageError("Give one of --link, --unlink and --set-region at a time.")
    filters = Filters(years=tuple(sorted(set(years))), date_from=date_from, date_to=date_to)
    interactive = sys.stdin.isatty() and sys.stdout.isatty()
    if not (as_json or fmt or as_text or actions) and interactive:
        gc.enable()  # the screen runs for as long as a person likes: no ``one_shot`` for it
        from matchdesk.tui.launch import run_network

        sys.exit(run_network(list(paths), filters))
    view, loaded = build(paths, filters, max_mb << 20)
    if not loaded.workshops:
        _say_notes(view)
        raise InvalidValue(f"No workshop file found in {', '.join(str(p) for p in paths)}.")
    folder = network_folder(paths)
    pair = link or unlink
    if pair:
        a, b = pair
        click.echo(decide(view, folder, a, b, same=bool(link)))
        return
    if set_region:
        click.echo(set_custom_region(view, folder, *set_region))
        return
    _say_notes(view)
    if as_json:
        from matchdesk.store import network_json_text

        click.echo(network_json_text(view))
        return
    from matchdesk.store import network_document, render_network

    if not fmt:
        from matchdesk.store import render_text

        click.echo(render_text(network_document(view, lang)), nl=False)
        return
    data = render_network(view, fmt, lang=lang, paper=paper)
    if output is not None and str(output) == "-":
        if fmt != "md":
            raise click.UsageError(f"{fmt} is a binary format; give -o a file name.")
        click.echo(data.decode("utf-8"), nl=False)
        return
    from matchdesk.store import write_export

    target = output or folder / f"network-report.{fmt}"
    write_export(target, data)
    click.echo(f"Wrote {target}")


COMMANDS = (network_cmd,)
