"""The ``matchdesk`` command line (DESIGN.md, "Command line"): exit 0 ok, 1 refused, 2 bad usage."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Any, TypeVar

import click

from matchdesk import __version__
from matchdesk.store.errors import MatchdeskError
from matchdesk.store.models import Tallies
from matchdesk.store.workshop import Workshop

F = TypeVar("F", bound=Callable[..., Any])


def fail(message: str) -> None:
    """One clear line on stderr and exit 1: refused or bad data, never a traceback."""
    click.echo(f"matchdesk: {message}", err=True)
    sys.exit(1)


def reports_errors(func: F) -> F:
    """Turn store errors (and any unexpected one) into one line and exit 1."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except MatchdeskError as exc:
            fail(str(exc))
        except (click.exceptions.Exit, click.ClickException, SystemExit, KeyboardInterrupt):
            raise
        except OSError as exc:
            fail(f"{exc.filename or 'a file'}: {exc.strerror or exc}.")
        except Exception as exc:  # last resort: still no traceback for the user
            fail(f"unexpected error ({type(exc).__name__}: {exc}); nothing further was written.")

    return wrapper  # type: ignore[return-value]


def default_file() -> Path:
    """The default workshop file in the platform's user data folder."""
    from platformdirs import user_data_path

    return user_data_path("matchdesk", appauthor=False) / "workshop.json"


FILE = click.Path(dir_okay=False, path_type=Path)
EXISTING = click.Path(dir_okay=False, path_type=Path)


@click.group(invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="matchdesk")
@click.pass_context
def main(ctx: click.Context) -> None:
    """Capture expressions of interest at matchmaking workshops, offline."""
    if ctx.invoked_subcommand is None:
        path = default_file()
        path.parent.mkdir(parents=True, exist_ok=True)
        ctx.invoke(open_cmd, file=path)


@main.command("open")
@click.argument("file", type=FILE, required=False)
@click.option(
    "--read-only",
    "read_only",
    is_flag=True,
    help="Show FILE without changing it, following another matchdesk writing to it.",
)
@reports_errors
def open_cmd(file: Path | None, read_only: bool) -> None:
    """Open the TUI on FILE (created if missing)."""
    from matchdesk.tui.launch import run_tui

    path = file or default_file()
    if not read_only:
        path.parent.mkdir(parents=True, exist_ok=True)
    sys.exit(run_tui(path, read_only=read_only))


@main.command("demo")
@reports_errors
def demo_cmd() -> None:
    """Open the TUI on a fresh copy of the bundled Astana 2021 workshop."""
    from matchdesk.tui.launch import run_demo

    sys.exit(run_demo())


@main.command("import")
@click.argument("file", type=FILE)
@click.argument("sources", nargs=-1, required=True, type=click.Path(path_type=Path))
@reports_errors
def import_cmd(file: Path, sources: tuple[Path, ...]) -> None:
    """Add presentations and interests from .csv, .xlsx or matchdesk .json SOURCES."""
    from matchdesk.store.importing import import_sources

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


@main.command("tally")
@click.argument("file", type=EXISTING)
@click.option("--json", "as_json", is_flag=True, help="Print the tallies as JSON.")
@reports_errors
def tally_cmd(file: Path, as_json: bool) -> None:
    """Print the tallies of FILE (works while the TUI holds it)."""
    with Workshop.open(file, readonly=True) as workshop:
        tallies = workshop.tallies()
        title = workshop.info().title
    if as_json:
        click.echo(json.dumps(tallies_json(tallies), ensure_ascii=False, indent=2))
    else:
        click.echo(tallies_text(title, tallies))


@main.command("check")
@click.argument("file", type=EXISTING)
@reports_errors
def check_cmd(file: Path) -> None:
    """Verify FILE (readable, replayable, consistent records) and list its backups."""
    from matchdesk.store.recovery import list_backups

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


@main.command("restore")
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
    from matchdesk.store.recovery import restore

    result = restore(file, source)
    kept = f" The previous file was kept as {result.damaged_copy}." if result.damaged_copy else ""
    click.echo(
        f"Restored {file} from {result.restored_from}: {result.presentations} presentations, "
        f"{result.interests} interests.{kept}"
    )


@main.command("export")
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
    from matchdesk.store.export import default_output_path, render_workshop, write_export

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


def country_json(country: Any) -> dict[str, str]:
    return {"code": country.code, "name": country.name}


def tallies_json(tallies: Tallies) -> dict[str, Any]:
    """The ``tally --json`` shape of DESIGN.md."""
    totals = tallies.totals
    return {
        "totals": {
            "presentations": totals.presentations,
            "presenting_countries": totals.presenting_countries,
            "interests": totals.interests,
            "interested_countries": totals.interested_countries,
            "countries_involved": totals.countries_involved,
            "by_channel": dict(totals.by_channel),
        },
        "presentations": [
            {
                "uid": row.presentation.uid,
                "title": row.presentation.title,
                "presenter_country": country_json(row.presentation.country),
                "interests": row.count,
                "interested": [country_json(c) for c in row.interested],
            }
            for row in tallies.presentations
        ],
        "interested_countries": [
            {**country_json(c.country), "interests": c.interests}
            for c in tallies.interested_countries
        ],
        "presenting_countries": [
            {
                **country_json(c.country),
                "presentations": c.presentations,
                "interests_received": c.interests_received,
            }
            for c in tallies.presenting_countries
        ],
    }


def tallies_text(title: str, tallies: Tallies) -> str:
    """A plain table for the terminal."""
    totals = tallies.totals
    lines = [title or "(untitled workshop)", ""]
    lines.append(
        f"{totals.interests} possibilities for partnership · {totals.presentations} presentations"
        f" · {totals.presenting_countries} presenting countries · {totals.interested_countries}"
        f" interested countries · {totals.countries_involved} countries involved"
    )
    channels = totals.by_channel
    lines.append(
        f"In the room {channels.get('in_room', 0)} · online {channels.get('online', 0)}"
        f" · unspecified {channels.get('unspecified', 0)}"
    )
    lines += ["", "Presentations"]
    width = max((len(r.presentation.title[:60]) for r in tallies.presentations), default=10)
    for n, row in enumerate(tallies.presentations, start=1):
        title_cell = row.presentation.title[:60].ljust(width)
        lines.append(f"{n:>3}. {title_cell}  {row.presentation.country.name:<28} {row.count:>4}")
    lines += ["", "Interested countries"]
    for count in tallies.interested_countries:
        lines.append(f"  {count.country.name:<40} {count.interests:>4}")
    return "\n".join(lines)
