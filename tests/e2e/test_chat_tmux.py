"""As a new user would: the Astana session's online interests saved as a Zoom chat, reviewed in
the app in a real terminal (tmux), exported: Table 1 holds them, with channel online.

Half of the seed's Table 1 is captured in the room (imported); the other half reaches the
facilitator only through the chat, with greetings, thanks and a private message around it.
After each key, what the screen says is compared with ``matchdesk tally --json``.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from .test_tmux import Terminal, cli, matchdesk_command, until

pytestmark = pytest.mark.e2e


@pytest.fixture
def terminal():  # type: ignore[no-untyped-def]
    term = Terminal()
    yield term
    term.tmux("kill-server", check=False)


def split_seed(seed_csv: Path, folder: Path) -> tuple[Path, Path, list[tuple[int, str]]]:
    """The room's CSV (every presentation, odd rows' interests) and the Zoom chat of the
    others (country named in the message, practice by number): what the chat should add."""
    with seed_csv.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    agenda = list(dict.fromkeys(r["title"] for r in rows))
    room = folder / "room.csv"
    online: list[tuple[int, str]] = []
    with room.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["title", "presenter_country", "interested_country", "channel"])
        for n, row in enumerate(rows):
            chat = n % 2 == 1 and row["interested_country"] != "Carpathian Ukraine"
            if chat:
                online.append((agenda.index(row["title"]) + 1, row["interested_country"]))
            writer.writerow(
                [
                    row["title"],
                    row["presenter_country"],
                    "" if chat else row["interested_country"],
                    "in_room",
                ]
            )
    lines = [
        "10:30:02 From Host - SSN4PSI to Everyone:",
        "\tWelcome! Please write your country and the practice number.",
        "10:30:40 From Ana Cruz (Philippines) to Everyone:",
        "\tGood morning from Manila 🇵🇭",
        "10:31:00 From Ana Cruz (Philippines) to Host - SSN4PSI(Direct Message):",
        "\tsecret-pineapple",
    ]
    for n, (number, country) in enumerate(online):
        minute = 32 + n
        lines += [
            f"10:{minute:02d}:10 From Delegate {n} to Everyone:",
            f"\t{country} is interested in practice {number}",
            f"10:{minute:02d}:40 From Delegate {n} to Everyone:",
            "\tThank you for the presentation!",
        ]
    zoom = folder / "2021-10-29 10.02.11 Matchmaking Workshop" / "meeting_saved_chat.txt"
    zoom.parent.mkdir()
    zoom.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return room, zoom, online


def tally(path: Path) -> dict:
    result = cli("tally", str(path), "--json")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_astana_chat_reviewed_in_a_terminal(
    tmp_path: Path, terminal: Terminal, seed_csv: Path
) -> None:
    room, zoom, online = split_seed(seed_csv, tmp_path)
    path = tmp_path / "astana.json"
    assert cli("import", str(path), str(room)).returncode == 0
    in_room = tally(path)["totals"]["interests"]
    assert in_room + len(online) == 39

    listed = cli("chat", str(path), str(zoom), "--json")  # the import, as a user checks it
    assert listed.returncode == 0, listed.stderr
    proposals = [p for line in listed.stdout.splitlines() for p in json.loads(line)["proposals"]]
    assert len(proposals) == len(online) and all(p["sure"] for p in proposals)
    assert "secret-pineapple" not in listed.stdout

    rc_file = tmp_path / "rc"
    terminal.start([*matchdesk_command(), "open", str(path), "--chat", str(zoom)], rc_file)
    until(lambda: f"{in_room} possibilities" in terminal.screen(), 20, "the capture screen")
    terminal.keys("F9")
    until(lambda: f"new {len(online)} ·" in terminal.screen(), 15, "the chat screen's proposals")
    screen = terminal.screen()
    assert "private skipped" in screen and "secret-pineapple" not in screen
    assert tally(path)["totals"]["by_channel"].get("online", 0) == 0

    terminal.keys("Down", "Down", "Enter")  # the first delegate's proposal, by hand
    until(lambda: "accepted 1 ·" in terminal.screen(), 10, "one accepted on screen")
    assert tally(path)["totals"]["by_channel"]["online"] == 1

    terminal.keys("a")  # the sure ones
    until(lambda: f"accepted {len(online)} ·" in terminal.screen(), 10, "all accepted on screen")
    totals = tally(path)["totals"]
    assert totals["interests"] == 39 and totals["by_channel"]["online"] == len(online)

    terminal.keys("C-z")  # takes back the "a" step
    until(lambda: "accepted 1 ·" in terminal.screen(), 10, "undo on screen")
    assert tally(path)["totals"]["by_channel"]["online"] == 1
    terminal.keys("C-y")
    until(lambda: f"accepted {len(online)} ·" in terminal.screen(), 10, "redo on screen")
    assert tally(path)["totals"]["by_channel"]["online"] == len(online)

    terminal.keys("Escape")
    until(lambda: "39 possibilities" in terminal.screen(), 10, "the capture screen, 39")
    terminal.keys("C-q")
    until(rc_file.exists, 15, "matchdesk exited")
    assert rc_file.read_text().strip() == "0"

    report = cli("export", str(path), "--format", "md", "-o", "-")
    assert report.returncode == 0, report.stderr
    assert "39 possibilities for partnerships" in report.stdout
    table = report.stdout.split("| Best practice", 1)[1].split("\n\n", 1)[0]
    assert "Nepal" in table and "France" in table
    rows = list(
        csv.DictReader(
            io.StringIO(
                cli("export", str(path), "--format", "csv", "-o", "-").stdout.lstrip("\ufeff")
            )
        )
    )
    channels = {row["channel"] for row in rows if row["note"].startswith("chat: ")}
    assert channels == {"online"} and len([r for r in rows if r["channel"] == "online"]) == len(
        online
    )
    for stored in tmp_path.iterdir():
        if stored.is_file():
            assert b"secret-pineapple" not in stored.read_bytes(), stored
