"""Commands that move data in and out: ``import``, ``export`` and ``tally``."""

from __future__ import annotations

import os
from pathlib import Path

import click

from matchdesk.store import (
    FORMATS,
    LANGUAGES,
    MAX_SOURCE_MB,
    PAPERS,
    SHARED_ENV,
    Workshop,
    tallies_json_text,
    tallies_text,
)
from matchdesk.tui.cli.base import EXISTING, FILE, max_size, one_shot, reports_errors
from matchdesk.tui.cli.merge_commands import PEERS, reading_with_peers
from matchdesk.tui.cli.progress import ProgressLine


def _share(ctx: click.Context, param: click.Parameter, value: bool) -> bool:
    """``--shared``: files this command creates are readable by others (as MATCHDESK_SHARED)."""
    if value:
        os.environ[SHARED_ENV] = "1"
    return value


SHARED = click.option(
    "--shared",
    is_flag=True,
    expose_value=False,
    callback=_share,
    help="Create files readable by other users (0644) instead of private (0600).",
)


@click.command("import")
@click.argument("file", type=FILE)
@click.argument("sources", nargs=-1, required=True, type=click.Path(path_type=Path))
@max_size("source", default_mb=MAX_SOURCE_MB, note="(a workbook may expand to 4 times this).")
@click.option(
    "--custom",
    "custom",
    multiple=True,
    metavar="NAME",
    help="Accept NAME as a custom country on purpose (repeatable), though it resembles one.",
)
@click.option(
    "--custom-all",
    is_flag=True,
    help="Accept every name that is no country as a custom country on purpose.",
)
@SHARED
@reports_errors
def import_cmd(
    file: Path, sources: tuple[Path, ...], max_mb: int, custom: tuple[str, ...], custom_all: bool
) -> None:
    """Add presentations and interests from .csv, .xlsx or matchdesk .json SOURCES.

    Nothing is written unless every row of every source is valid. A name that is no country
    but resembles one ("Czeck Republic": did you mean Czechia?) stops the import, listing
    each such name, its line and the closest countries, unless --custom NAME or --custom-all
    accepts it as a custom country."""
    from matchdesk.store import Customs, check_source, import_sources

    max_bytes = max_mb << 20
    for source in sources:  # before the lock: a FIFO or a device never holds it
        check_source(source, max_bytes)
    workshop = Workshop.open(file, defer_create=True)
    # A --custom name that is a country's name stays that country (never a second one).
    known = [(name, workshop.resolve(name)) for name in custom]
    with ProgressLine("Importing") as progress:
        try:
            report = import_sources(
                workshop,
                list(sources),
                max_bytes=max_bytes,
                progress=progress,
                customs=Customs(names=custom, every=custom_all),
            )
        except BaseException:
            workshop.abandon()
            raise
        workshop.close()
    parts = [
        f"Imported {report.presentations_added} new presentation(s) and "
        f"{report.interests_added} interest(s) into {file}."
    ]
    if report.presentations_existing:
        parts.append(f"{report.presentations_existing} presentation(s) were already there.")
    if report.duplicates_skipped:
        parts.append(f"Skipped {report.duplicates_skipped} repeated interest(s).")
    if report.blank_countries:
        parts.append(
            f"{report.blank_countries} interested country cell(s) such as NA or - read as blank."
        )
    if report.custom_countries_created:
        parts.append("New custom countries: " + ", ".join(report.custom_countries_created) + ".")
    for name, country in known:
        if country is not None:
            parts.append(f"--custom {name!r} is {country.name}: no custom country was made.")
    click.echo(" ".join(parts))


@click.command("tally")
@click.argument("file", type=EXISTING)
@click.option("--json", "as_json", is_flag=True, help="Print the tallies as JSON (compact).")
@click.option("--pretty", is_flag=True, help="With --json: indent the JSON for people.")
@PEERS
@max_size("--with file")
@reports_errors
@one_shot
def tally_cmd(
    file: Path, as_json: bool, pretty: bool, peers: tuple[Path, ...], max_mb: int
) -> None:
    """Print the tallies of FILE (works while the TUI holds it), with its peers' if --with."""
    opened = (
        reading_with_peers(file, peers, max_mb << 20)
        if peers
        else Workshop.open(file, readonly=True, frozen=True)
    )
    with opened as workshop:
        tallies = workshop.tallies()
        title = workshop.info().title
    if as_json:
        for piece in tallies_json_text(tallies, pretty=pretty):
            click.echo(piece, nl=False)
        click.echo()
    else:
        click.echo(tallies_text(title, tallies))


@click.command("export")
@click.argument("file", type=EXISTING)
@click.option(
    "--format",
    "fmt",
    required=True,
    type=click.Choice(FORMATS),
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
@click.option(
    "--lang",
    type=click.Choice(list(LANGUAGES)),
    default="en",
    help="The report's language: country names, headings, sentences (default: en).",
)
@click.option(
    "--paper",
    type=click.Choice(PAPERS),
    default="a4",
    help="Paper for Word and the workbook's print setup (default: a4).",
)
@click.option(
    "--followup", is_flag=True, help="csv: add the follow-up columns (stage, owner, due, ...)."
)
@SHARED
@reports_errors
@one_shot
def export_cmd(
    file: Path, fmt: str, output: Path | None, names: str, lang: str, paper: str, followup: bool
) -> None:
    """Export FILE as a report, spreadsheet or archive (works while the TUI holds it)."""
    from matchdesk.store import Choices, default_output_path, export_workshop, render_workshop

    choices = Choices(names, lang, paper, followup_columns=followup)
    piped = output is not None and str(output) == "-"
    if piped and fmt in ("xlsx", "docx"):
        raise click.UsageError(f"{fmt} is a binary format; give -o a file name.")
    target = output or default_output_path(file, fmt)
    with Workshop.open(file, readonly=True, frozen=True) as workshop:
        if piped:
            data = render_workshop(workshop, fmt, choices)
            click.echo(data.decode("utf-8-sig"), nl=False)  # no BOM in a pipe
            return
        # Written as it is made, atomically: a large CSV or JSON is never held whole.
        export_workshop(workshop, fmt, target, choices)
    click.echo(f"Wrote {target}")


COMMANDS = (import_cmd, export_cmd, tally_cmd)
