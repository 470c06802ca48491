"""Commands that move data in and out: ``import``, ``export`` and ``tally``."""

from __future__ import annotations

import json
from pathlib import Path

import click

from matchdesk.store.exchange.tally_output import tallies_json, tallies_text
from matchdesk.store.workshop import Workshop
from matchdesk.tui.cli.base import EXISTING, FILE, reports_errors
from matchdesk.tui.cli.merge_commands import PEERS, reading_with_peers


@click.command("import")
@click.argument("file", type=FILE)
@click.argument("sources", nargs=-1, required=True, type=click.Path(path_type=Path))
@reports_errors
def import_cmd(file: Path, sources: tuple[Path, ...]) -> None:
    """Add presentations and interests from .csv, .xlsx or matchdesk .json SOURCES."""
    from matchdesk.store.exchange.importing import import_sources

    with Workshop.open(file) as workshop:
        report = import_sources(workshop, list(sources))
    parts = [
        f"Imported {report.presentations_added} new presentation(s) and "
        f"{report.interests_added} interest(s) into {file}."
    ]
    if report.presentations_existing:
        parts.append(f"{report.presentations_existing} presentation(s) were already there.")
    if report.duplicates_skipped:
        parts.append(f"Skipped {report.duplicates_skipped} repeated interest(s).")
    if report.custom_countries_created:
        parts.append("New custom countries: " + ", ".join(report.custom_countries_created) + ".")
    click.echo(" ".join(parts))


@click.command("tally")
@click.argument("file", type=EXISTING)
@click.option("--json", "as_json", is_flag=True, help="Print the tallies as JSON.")
@PEERS
@reports_errors
def tally_cmd(file: Path, as_json: bool, peers: tuple[Path, ...]) -> None:
    """Print the tallies of FILE (works while the TUI holds it), with its peers' if --with."""
    opened = reading_with_peers(file, peers) if peers else Workshop.open(file, readonly=True)
    with opened as workshop:
        tallies = workshop.tallies()
        title = workshop.info().title
    if as_json:
        click.echo(json.dumps(tallies_json(tallies), ensure_ascii=False, indent=2))
    else:
        click.echo(tallies_text(title, tallies))


@click.command("export")
@click.argument("file", type=EXISTING)
@click.option(
    "--format",
    "fmt",
    required=True,
    type=click.Choice(["csv", "xlsx", "md", "json", "docx"]),
    help="The file format to write.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Where to write (default: beside FILE); - writes to standard output.",
)
@click.option(
    "--names",
    type=click.Choice(["short", "official"]),
    default="short",
    help="Country names: short (Kazakhstan) or official (Republic of Kazakhstan).",
)
@reports_errors
def export_cmd(file: Path, fmt: str, output: Path | None, names: str) -> None:
    """Export FILE as a report, spreadsheet or archive (works while the TUI holds it)."""
    from matchdesk.store.exchange.export import default_output_path, render_workshop, write_export

    with Workshop.open(file, readonly=True) as workshop:
        data = render_workshop(workshop, fmt, names)
    if output is not None and str(output) == "-":
        if fmt in ("xlsx", "docx"):
            raise click.UsageError(f"{fmt} is a binary format; give -o a file name.")
        click.echo(data.decode("utf-8-sig"), nl=False)  # no BOM in a pipe
        return
    target = output or default_output_path(file, fmt)
    write_export(target, data)
    click.echo(f"Wrote {target}")


COMMANDS = (import_cmd, export_cmd, tally_cmd)
