"""Two facilitators over real Syncthing: two daemons on loopback share a folder; laptop A
captures in the app (Textual Pilot, this process), laptop B through the facade in a child
process that keeps its file open as the app does; each sees the combined tally within
seconds; then both files merge into one whose tallies equal the independent expectation.

Each daemon has its own home, listens on 127.0.0.1 only, and has discovery, relays, NAT and
usage reporting off; the other daemon is a static ``tcp://127.0.0.1:PORT`` address (the
design card's "Several facilitators" facts for Debian's syncthing 1.19).
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import socket
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from matchdesk.store.errors import MatchdeskError
from matchdesk.store.merge.join import read_state
from matchdesk.store.merge.merging import merge_files
from matchdesk.store.merge.peers import STIGNORE
from matchdesk.store.workshop import Workshop
from matchdesk.tui.app import make_app
from matchdesk.tui.widgets.tallies_panel import TalliesPanel

from ..conftest import require_program
from ..tui.conftest import SIZE, capture, text_of, type_text, wait_for

pytestmark = [pytest.mark.e2e, pytest.mark.timeout(150)]

PRESENTATIONS = [("Digital ID", "KAZ"), ("Telehealth", "BGD"), ("Project Rangeet", "IND")]
A_CAPTURES = [(0, "THA"), (0, "PHL"), (1, "NPL"), (2, "FJI")]  # typed in the app on A
B_CAPTURES = [(0, "PHL"), (1, "GEO"), (2, "KGZ"), (2, "FJI")]  # overlap: PHL on 0, FJI on 2
B_WITHDRAWS = (1, "GEO")  # B captures Georgia on 1, then withdraws it


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _set(parent: ET.Element, tag: str, value: str) -> None:
    node = parent.find(tag)
    if node is None:
        node = ET.SubElement(parent, tag)
    node.text = value


@dataclass
class Daemon:
    home: Path
    folder: Path
    port: int
    device_id: str = ""
    process: subprocess.Popen[bytes] | None = None

    def env(self) -> dict[str, str]:
        return {
            **os.environ,
            "HOME": str(self.home),
            "STNODEFAULTFOLDER": "1",
            "STNOUPGRADE": "1",
        }

    def generate(self, program: str) -> None:
        done = subprocess.run(
            [program, "generate", f"--home={self.home}"],
            capture_output=True,
            text=True,
            env=self.env(),
            timeout=60,
            check=True,
        )
        found = [w for line in (done.stdout + done.stderr).splitlines() for w in line.split()]
        self.device_id = found[found.index("ID:") + 1]

    def configure(self, other: Daemon) -> None:
        path = self.home / "config.xml"
        tree = ET.parse(path)
        root = tree.getroot()
        for folder in root.findall("folder"):
            root.remove(folder)
        folder = ET.SubElement(
            root,
            "folder",
            id="workshop",
            label="workshop",
            path=str(self.folder),
            type="sendreceive",
            rescanIntervalS="60",
            fsWatcherEnabled="true",
            fsWatcherDelayS="1",
        )
        for device in (self, other):
            ET.SubElement(folder, "device", id=device.device_id)
        peer = ET.SubElement(root, "device", id=other.device_id, name="other")
        _set(peer, "address", f"tcp://127.0.0.1:{other.port}")
        options = root.find("options")
        assert options is not None
        for tag, value in (
            ("listenAddress", f"tcp://127.0.0.1:{self.port}"),
            ("globalAnnounceEnabled", "false"),
            ("localAnnounceEnabled", "false"),
            ("relaysEnabled", "false"),
            ("natEnabled", "false"),
            ("urAccepted", "-1"),
            ("startBrowser", "false"),
            ("crashReportingEnabled", "false"),
            ("autoUpgradeIntervalH", "0"),
            ("reconnectionIntervalS", "1"),
        ):
            _set(options, tag, value)
        gui = root.find("gui")
        if gui is not None:
            gui.set("enabled", "false")
        tree.write(path)
        (self.folder / ".stignore").write_text(STIGNORE, encoding="utf-8")

    def start(self, program: str) -> None:
        self.process = subprocess.Popen(
            [program, "serve", f"--home={self.home}", "--no-browser", "--no-restart"],
            env=self.env(),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()


@contextlib.contextmanager
def two_daemons(root: Path, program: str) -> Iterator[tuple[Path, Path]]:
    """Two folders under ``root`` kept in sync by two real Syncthing daemons (also used by
    ``tests/benchmarks/follower_bench.py``); yields (A's, B's)."""
    a = Daemon(root / "home-a", root / "laptop-a", _free_port())
    b = Daemon(root / "home-b", root / "laptop-b", _free_port())
    for daemon in (a, b):
        daemon.home.mkdir()
        daemon.folder.mkdir()
        daemon.generate(program)
    a.configure(b)
    b.configure(a)
    try:
        a.start(program)
        b.start(program)
        yield a.folder, b.folder
    finally:
        a.stop()
        b.stop()


@pytest.fixture
def synced(tmp_path: Path) -> Iterator[tuple[Path, Path]]:
    """Two folders kept in sync by two real Syncthing daemons; yields (A's, B's)."""
    with two_daemons(tmp_path, require_program("syncthing")) as folders:
        yield folders


def until(condition: Callable[[], object], timeout: float, what: str) -> float:
    start = time.monotonic()
    while not condition():
        if time.monotonic() - start > timeout:
            raise AssertionError(f"{what}: not within {timeout}s")
        time.sleep(0.1)
    return time.monotonic() - start


def _tally(path: Path, *peers: Path) -> int:
    args = [str(path)] + [x for p in peers for x in ("--with", str(p))]
    done = subprocess.run(
        [sys.executable, "-m", "matchdesk", "tally", *args, "--json"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    return json.loads(done.stdout)["totals"]["interests"] if done.returncode == 0 else -1


LAPTOP_B = """
import sys
from matchdesk.store.workshop import Workshop
workshop = Workshop.open(sys.argv[1], device="chat")
agenda = workshop.presentations()
for line in sys.stdin:
    command, index, code = line.split()
    uid = agenda[int(index)].uid
    if command == "capture":
        workshop.record_interests(uid, code, "online")
    else:
        [found] = [i for i in workshop.interests(uid) if i.country.code == code]
        workshop.withdraw_interest(found.uid)
    print("ok", flush=True)
"""


async def test_two_laptops_follow_each_other_over_syncthing_then_merge(
    synced: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder_a, folder_b = synced
    start = tmp_path / "start.json"
    with Workshop.open(start, device="podium") as workshop:
        workshop.set_info(title="Astana over Syncthing")
        for title, code in PRESENTATIONS:
            workshop.add_presentation(title, code)
    room, chat = folder_a / "room.json", folder_b / "chat.json"
    shutil.copy(start, room)  # each laptop starts from the same file (a USB copy)
    shutil.copy(start, chat)
    synced_at = until(
        lambda: (folder_b / "room.json").exists() and (folder_a / "chat.json").exists(),
        60,
        "the first sync",
    )

    child = subprocess.Popen(
        [sys.executable, "-c", LAPTOP_B, str(chat)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "MATCHDESK_DEVICE": "chat"},
    )
    assert child.stdin is not None and child.stdout is not None

    def on_b(command: str, index: int, code: str) -> None:
        child.stdin.write(f"{command} {index} {code}\n")  # type: ignore[union-attr]
        child.stdin.flush()  # type: ignore[union-attr]
        assert child.stdout.readline().strip() == "ok"  # type: ignore[union-attr]

    monkeypatch.setenv("MATCHDESK_DEVICE", "room")
    expected = {(p, c) for p, c in A_CAPTURES} | {(p, c) for p, c in B_CAPTURES}
    expected.discard(B_WITHDRAWS)
    try:
        app = make_app(room, peers=[folder_a / "chat.json"])
        async with app.run_test(size=SIZE) as pilot:
            screen = capture(app)
            panel = screen.query_one("#tallies", TalliesPanel)

            def total() -> str:
                return text_of(panel).split(" possibilities", 1)[0].strip()

            for index, code in A_CAPTURES:
                screen.table.cursor_row = index
                await pilot.pause()
                await type_text(pilot, code)
                await pilot.press("enter")
            for index, code in B_CAPTURES:
                on_b("capture", index, code)
            on_b("withdraw", *B_WITHDRAWS)
            # Laptop A's screen shows both laptops' captures, each interest once.
            began = time.monotonic()
            await wait_for(pilot, lambda: total() == str(len(expected)), timeout=30)
            seen_on_a = time.monotonic() - began
            # Laptop B sees the combined tally too (A's file and journal, synced to B).
            seen_on_b = until(
                lambda: _tally(chat, folder_b / "room.json") == len(expected),
                30,
                "laptop B's combined tally",
            )
            await pilot.press("ctrl+q")
    finally:
        child.stdin.close()
        child.wait(timeout=30)

    # Both files, merged into one: the tallies equal the expectation counted here.
    until(lambda: _tally(folder_a / "chat.json") == len(B_CAPTURES) - 1, 30, "B's close syncs")
    merged = tmp_path / "merged.json"
    shutil.copy(room, merged)
    done = subprocess.run(
        [sys.executable, "-m", "matchdesk", "merge", str(merged), str(folder_a / "chat.json")],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    with Workshop.open(merged, readonly=True) as workshop:
        agenda = [p.uid for p in workshop.presentations()]
        found = {(agenda.index(i.presentation_uid), i.country.code) for i in workshop.interests()}
    assert found == expected
    # Nothing but the workshop files and their journals travelled.
    assert not list(folder_b.glob("room.json.lock")) and not list(folder_b.glob("*.bak*"))
    print(f"first sync {synced_at:.1f}s; A saw B in {seen_on_a:.1f}s; B saw A in {seen_on_b:.1f}s")


def _synced_copy(source: Path, copy: Path) -> bool:
    """Whether the other laptop's copy of ``source`` holds the same records (sync finished)."""
    try:
        return read_state(copy) == read_state(source)
    except (MatchdeskError, OSError):
        return False


def _cli(*args: object) -> subprocess.CompletedProcess[bytes]:
    done = subprocess.run(
        [sys.executable, "-m", "matchdesk", *map(str, args)],
        capture_output=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done


def _records_in_order(path: Path) -> dict[str, list[dict[str, object]]]:
    """The JSON export's records, table by table in the order exported (each laptop's own
    highlight aside)."""
    dump = json.loads(_cli("export", path, "--format", "json", "-o", "-").stdout)
    dump["workshop"].pop("current_presentation", None)
    return {key: value for key, value in dump.items() if isinstance(value, list | dict)}


@pytest.mark.timeout(300)
def test_each_laptop_merges_undoes_and_merges_again_then_both_print_the_same(
    synced: tuple[Path, Path], tmp_path: Path
) -> None:
    """Over real Syncthing: undoing a merge writes nothing in anybody's name (no withdrawal of
    a colleague's capture travels back), and after merging again both laptops export the same
    bytes whichever file each merged into."""
    folder_a, folder_b = synced
    start = tmp_path / "start.json"
    with Workshop.open(start, device="podium") as workshop:
        workshop.set_info(title="Astana over Syncthing")
        for title, code in PRESENTATIONS:
            workshop.add_presentation(title, code)
    room, chat = folder_a / "room.json", folder_b / "chat.json"
    shutil.copy(start, room)
    shutil.copy(start, chat)
    # Captures interleaved in time across the laptops: the order of capture is A, B, A, B...
    for path, device, index, code in (
        (room, "room", 0, "GHA"),
        (chat, "chat", 0, "CHL"),
        (room, "room", 0, "PER"),
        (chat, "chat", 0, "GHA"),
        (chat, "chat", 1, "GEO"),
        (room, "room", 1, "NPL"),
        (chat, "chat", 2, "FJI"),
    ):
        with Workshop.open(path, device=device) as workshop:
            workshop.record_interests(workshop.presentations()[index].uid, code)
    with Workshop.open(chat, device="chat") as workshop:
        [georgia] = [i for i in workshop.interests() if i.country.code == "GEO"]
        workshop.withdraw_interest(georgia.uid)
    expected = {"GHA", "CHL", "PER", "NPL", "FJI"}
    room_on_b, chat_on_a = folder_b / "room.json", folder_a / "chat.json"

    def both_synced() -> bool:
        return _synced_copy(room, room_on_b) and _synced_copy(chat, chat_on_a)

    until(both_synced, 60, "the first sync")
    before = {room: read_state(room), chat: read_state(chat)}
    for path, device, other in ((room, "room", chat_on_a), (chat, "chat", room_on_b)):
        with Workshop.open(path, device=device) as workshop:
            merge_files(workshop, [other])
            assert {i.country.code for i in workshop.interests()} == expected
            assert workshop.undo() is not None
        assert read_state(path) == before[path]  # undone: nothing written in anyone's name
        until(both_synced, 60, f"{path.name} undone, synced")
    _cli("merge", room, chat_on_a)
    _cli("merge", chat, room_on_b)
    until(both_synced, 60, "both merged files synced")
    for fmt in ("md", "csv"):
        assert _cli("export", room, "--format", fmt, "-o", "-").stdout == (
            _cli("export", chat, "--format", fmt, "-o", "-").stdout
        ), fmt
    tallies = [json.loads(_cli("tally", path, "--json").stdout) for path in (room, chat)]
    assert tallies[0] == tallies[1]
    assert tallies[0]["totals"]["interests"] == len(expected)
    [first, *_] = tallies[0]["presentations"]
    assert [c["code"] for c in first["interested"]] == ["GHA", "CHL", "PER"]
    assert _records_in_order(room) == _records_in_order(chat)
