"""``matchdesk chat``: the proposals a video call's saved chat makes, and ``--accept-sure``.

Listing only reads (it works while the TUI holds the file); ``--accept-sure`` records the
proposals whose presentation and country the message itself names, in one write.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

import click

from matchdesk.tui.cli.base import EXISTING, reports_errors

if TYPE_CHECKING:
    from matchdesk.store import Chat
    from matchdesk.store import ChatReading as Reading


def reading_json(reading: Reading) -> dict[str, object]:
    """One message as ``chat --json`` prints it (docs/online-delegates.md)."""
    message = reading.message
    return {
        "time": message.time,
        "sender": message.sender,
        "text": message.text,
        "proposals": [
            {
                "presentation": p.number,
                "title": p.presentation.title,
                "country": {"code": p.country.code, "name": p.country.name},
                "reason": p.reason,
                "status": p.status.value,
                "sure": p.sure,
            }
            for p in reading.proposals
        ],
        "note": reading.note,
    }


def reading_text(reading: Reading) -> str:
    message = reading.message
    lines = [f"{message.clock}  {message.sender}: {message.text}".replace("\n", "\n       ")]
    for p in reading.proposals:
        sure = ", sure" if p.sure else ""
        lines.append(
            f"       -> {p.number}. {p.presentation.title[:50]} | {p.country.name}: "
            f"{p.status.value} ({p.reason}{sure})"
        )
    if not reading.proposals:
        lines.append(f"       no proposal: {reading.note}")
    return "\n".join(lines)


def summary(chats: list[Chat], readings: list[Reading]) -> str:
    from matchdesk.store import Status

    counts = {status: 0 for status in Status}
    for reading in readings:
        for proposal in reading.proposals:
            counts[proposal.status] += 1
    private = sum(chat.private_dropped for chat in chats)
    parts = ", ".join(f"{n} {status.value}" for status, n in counts.items())
    return (
        f"{len(readings)} message(s) to everyone ({private} private message(s) skipped, "
        f"never stored); {sum(counts.values())} proposal(s): {parts}."
    )


@click.command("chat")
@click.argument("file", type=EXISTING)
@click.argument("chats", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--date", default="", metavar="YYYY-MM-DD", help="The chat's date (else its folder's name)."
)
@click.option("--json", "as_json", is_flag=True, help="One JSON object a line per message.")
@click.option(
    "--accept-sure",
    is_flag=True,
    help="Record the proposals whose presentation and country the message itself names.",
)
@click.option("--reactions", is_flag=True, help="Count a reaction as the reactor's +1.")
@reports_errors
def chat_cmd(
    file: Path,
    chats: tuple[Path, ...],
    date: str,
    as_json: bool,
    accept_sure: bool,
    reactions: bool,
) -> None:
    """Propose interests from a video call's saved CHAT files (Zoom, or Name: message lines)."""
    # The chat room (with rapidfuzz, 19 ms of imports) loads when a chat is read, not for --help.
    from matchdesk.store import ChatDesk, Status, Workshop, read_chat

    with Workshop.open(file, readonly=True) as workshop:  # a missing FILE: refused, exit 1
        fallback = workshop.info().date
    read = [read_chat(path, date=date, fallback_date=fallback) for path in chats]  # all first
    with Workshop.open(file, readonly=not accept_sure) as workshop:
        desk = ChatDesk(workshop, reactions=reactions)
        readings = [r for chat in read for r in desk.read(chat)]
        recorded = 0
        if accept_sure:
            change = desk.accept_sure(readings)
            if change is not None:
                before = sum(1 for r in readings for p in r.proposals if p.status == Status.NEW)
                readings = [r for chat in read for r in desk.read(chat)]
                after = sum(1 for r in readings for p in r.proposals if p.status == Status.NEW)
                recorded = before - after
    if as_json:
        lines = (json.dumps(reading_json(r), ensure_ascii=False) for r in readings)
        click.echo("\n".join(lines))
        return
    for reading in readings:
        click.echo(reading_text(reading))
    click.echo(summary(read, readings))
    if accept_sure:
        click.echo(f"Recorded {recorded} interest(s) from the chat into {file}, channel online.")


COMMANDS = (chat_cmd,)
