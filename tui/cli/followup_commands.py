"""``matchdesk followup``: the funnel and the possibilities; many updated at once.

Listing only reads (it works while the TUI holds the file); ``--set`` and ``--import`` write
everything they change as one transaction, or nothing when any row or value is refused.
"""

from __future__ import annotations

import datetime as dt
import itertools
from pathlib import Path

import click

from matchdesk.store import (
    MAX_SOURCE_MB,
    STALE_DAYS,
    Filter,
    Followup,
    Update,
    Workshop,
    build_filter,
    plan,
    update_from,
)
from matchdesk.tui.cli.base import EXISTING, fail, max_size, one_shot, reports_errors


def _pairs(settings: tuple[str, ...]) -> dict[str, str]:
    values: dict[str, str] = {}
    for item in settings:
        field, sep, value = item.partition("=")
        if not sep or not field.strip():
            raise click.UsageError(f"--set takes FIELD=VALUE, not {item!r}.")
        values[field.strip().casefold().replace("-", "_")] = value
    return values


@click.command("followup")
@click.argument("file", type=EXISTING)
@click.option(
    "--stage",
    default="",
    metavar="S",
    help="Only possibilities at stage S (a stage, an outcome, closed or all).",
)
@click.option("--overdue", is_flag=True, help="Only open possibilities past their due date.")
@click.option(
    "--stale",
    type=click.IntRange(0, 36_500),
    default=None,
    is_flag=False,
    flag_value=STALE_DAYS,
    metavar="DAYS",
    help=f"Only open possibilities without activity for DAYS days ({STALE_DAYS} if not given).",
)
@click.option("--presenting", default="", metavar="COUNTRY", help="Only this presenting country.")
@click.option("--interested", default="", metavar="COUNTRY", help="Only this interested country.")
@click.option(
    "--presentation", default="", metavar="N|TITLE", help="Only this presentation (number/title)."
)
@click.option("--owner", default="", help="Only this owner (- for nobody yet).")
@click.option(
    "--set",
    "settings",
    multiple=True,
    metavar="FIELD=VALUE",
    help="Change the selected possibilities: stage, owner, next_action, due, note, "
    "contacts_presenting, contacts_interested (repeatable).",
)
@click.option(
    "--import",
    "sheet",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    metavar="CSV",
    help="Apply a follow-up sheet (title, presenter_country, interested_country, stage, "
    "owner, next_action, due, note).",
)
@max_size("--import sheet", default_mb=MAX_SOURCE_MB, note="(as import's --max-size).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@reports_errors
@one_shot
def followup_cmd(
    file: Path,
    stage: str,
    overdue: bool,
    stale: int | None,
    presenting: str,
    interested: str,
    presentation: str,
    owner: str,
    settings: tuple[str, ...],
    sheet: Path | None,
    max_mb: int,
    as_json: bool,
) -> None:
    """List the follow-up of FILE (funnel, possibilities), or update many at once."""
    from matchdesk.store import followup_json_pieces, followup_lines

    values = _pairs(settings)
    writing = bool(values) or sheet is not None
    if sheet is not None:  # before the lock: a sheet refused leaves nothing behind
        from matchdesk.store import check_source

        check_source(sheet, max_mb << 20)
    with Workshop.open(file, readonly=not writing, create=False, frozen=not writing) as workshop:
        desk = Followup(workshop)
        chosen = build_filter(
            workshop,
            stage=stage,
            presenting=presenting,
            interested=interested,
            presentation=presentation,
            owner=owner,
            overdue=overdue,
            stale=stale,
        )
        now = dt.datetime.now(dt.UTC)
        done = ""
        if sheet is not None:
            done = _import(desk, sheet, max_mb << 20)
        if values:
            if not (chosen.narrowed or stage):
                fail("--set changes the selected possibilities: select some (--stage all: all).")
            done = " ".join(filter(None, [done, _set(desk, chosen, values, now)]))
        shown = desk.listed(chosen, now)
        counts = desk.funnel()
        title = workshop.info().title
    if as_json:  # JSON escapes every control character: nothing for click to strip (42 MB)
        for piece in followup_json_pieces(title, counts, chosen, shown, now.date()):
            click.echo(piece, nl=False, color=True)
        click.echo()
        return
    if done:
        click.echo(done)
        return
    narrowed = chosen.narrowed or bool(stage)
    lines = followup_lines(title, counts, shown, now.date(), narrowed=narrowed)
    while batch := list(itertools.islice(lines, 500)):  # 100,000 lines: never all at once
        click.echo("\n".join(batch))


def _write(desk: Followup, label: str, updates: list[Update], how: str) -> str:
    """Write every update as one undo step; say what changed."""
    writes = plan(desk, updates)
    desk.apply(label, writes)
    changed = len({(doc["presentation"], doc["country"]) for _, doc in writes})
    read = f"{len(updates)} possibilit{'y' if len(updates) == 1 else 'ies'}"
    if not writes:
        return f"Nothing to change {how}: {read}, all up to date."
    return (
        f"Updated {changed} of {read} {how} "
        f"({len(writes)} follow-up record{'' if len(writes) == 1 else 's'})."
    )


def _import(desk: Followup, sheet: Path, max_bytes: int) -> str:
    from matchdesk.store import read_followup_csv

    updates = read_followup_csv(desk, sheet, max_bytes)
    return _write(desk, f"follow-up sheet {sheet.name}", updates, f"from {sheet}")


def _set(desk: Followup, chosen: Filter, values: dict[str, str], now: dt.datetime) -> str:
    updates = [update_from("--set", p.key, values) for p in desk.select(chosen, now)]
    return _write(desk, "follow-up --set", updates, "with --set")


COMMANDS = (followup_cmd,)
