"""Opening the TUI on a damaged file or a held one: one sentence before any screen, or read-only.

Damaged files are refused by ``matchdesk open`` itself (a subprocess, as a user runs it) and
left byte for byte as they were; a file another matchdesk holds is opened read-only when asked,
and that second app follows the writer's captures.
"""

from __future__ import annotations

import errno
import json
import os
import pty
import select
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from matchdesk.store.errors import StorageWriteFailed, WorkshopLocked
from matchdesk.store.file.schema import SCHEMA_VERSION
from matchdesk.store.workshop import Workshop
from matchdesk.tui.app import make_app
from matchdesk.tui.launch import open_app
from matchdesk.tui.widgets.save_banner import SaveBanner

from .conftest import SIZE, capture, text_of, wait_for


def damaged(kind: str, path: Path) -> bytes:
    if kind == "truncated":
        with Workshop.open(path) as workshop:  # a real workshop, so backups exist beside it
            p = workshop.add_presentation("Project Rangeet", "India")
            workshop.record_interests(p.uid, "kaz, tha")
        whole = path.read_bytes()
        return whole[: len(whole) // 2]
    if kind == "zeros":
        return b"\x00" * 4096
    if kind == "not-json":
        return b"title,presenter_country\nRangeet,India\n"
    newer = {"_default": {}, "meta": {"1": {"uid": "m", "schema_version": SCHEMA_VERSION + 7}}}
    return json.dumps(newer).encode()


@pytest.mark.parametrize(
    ("kind", "words"),
    [
        ("truncated", "invalid JSON"),
        ("zeros", "only zero bytes"),
        ("not-json", "invalid JSON"),
        ("newer-schema", f"schema version {SCHEMA_VERSION + 7}"),
    ],
)
def test_open_refuses_a_damaged_file_in_one_line_and_leaves_it_alone(
    tmp_path: Path, cli, kind: str, words: str
) -> None:
    path = tmp_path / "w.json"
    data = damaged(kind, path)
    path.write_bytes(data)
    result = cli("open", path, timeout=30)
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert str(path) in lines[0] and words in lines[0], lines[0]
    assert "Traceback" not in result.stderr and result.stdout == ""  # no screen was drawn
    assert path.read_bytes() == data
    if kind == "truncated":
        assert f"matchdesk restore {path}" in lines[0]  # the newest sound backup is offered
        assert "1 presentations and 2 interests" in lines[0]


# -- locks ----------------------------------------------------------------------------------
HOLDER = """
import sys, time
from matchdesk.store.workshop import Workshop
workshop = Workshop.open(sys.argv[1])
print("ready", flush=True)
time.sleep(120)
"""


@pytest.fixture
def holder(demo_file: Path) -> Iterator[subprocess.Popen[str]]:
    """Another process holding ``demo_file`` for writing."""
    process = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(demo_file)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert process.stdout is not None and process.stdout.readline().strip() == "ready"
        yield process
    finally:
        process.kill()
        process.wait()


def test_held_file_names_the_holder_then_opens_read_only_if_asked(
    demo_file: Path, holder: subprocess.Popen[str]
) -> None:
    with pytest.raises(WorkshopLocked, match=f"process {holder.pid} on "):
        open_app(demo_file)  # not a terminal: the sentence goes up to the CLI
    asked: list[str] = []
    assert open_app(demo_file, ask=lambda q: asked.append(q) or False) is None
    app = open_app(demo_file, ask=lambda q: asked.append(q) or True)
    assert asked == ["Open read-only instead?"] * 2
    assert app is not None and app.session.read_only
    assert f"process {holder.pid}" in app.session.read_only_sentence()
    app.session.close()


def test_a_killed_holder_never_blocks(demo_file: Path, holder: subprocess.Popen[str]) -> None:
    holder.kill()
    holder.wait()
    reader = make_app(demo_file, read_only=True)  # the lock file still names the dead process
    assert "process" not in reader.session.read_only_sentence()
    reader.session.close()
    app = make_app(demo_file)  # the kernel dropped the dead process's lock
    assert not app.session.read_only
    app.session.close()


def test_a_read_only_stick_is_offered_read_only(
    demo_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from matchdesk.store.file import locking

    def refuse(self: locking.WriterLock) -> None:
        raise StorageWriteFailed(
            f"Cannot lock {self.path} for writing: Read-only file system.", errno.EROFS
        )

    monkeypatch.setattr(locking.WriterLock, "acquire", refuse)
    with pytest.raises(StorageWriteFailed, match="Read-only file system"):
        open_app(demo_file)
    app = open_app(demo_file, ask=lambda q: True)
    assert app is not None and app.session.read_only
    sentence = app.session.read_only_sentence()
    assert "cannot be changed here" in sentence and "process" not in sentence
    app.session.close()


def _read_until(fd: int, wanted: bytes, timeout: float = 20) -> bytes:
    seen = b""
    deadline = time.monotonic() + timeout
    while wanted not in seen and time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.2)
        if ready:
            try:
                chunk = os.read(fd, 4096)
            except OSError:
                break
            if not chunk:
                break
            seen += chunk
    return seen


def test_at_a_terminal_the_held_file_asks_and_no_exits_1(
    demo_file: Path, holder: subprocess.Popen[str]
) -> None:
    master, slave = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "matchdesk", "open", str(demo_file)],
        stdin=slave,
        stdout=slave,
        stderr=slave,
        start_new_session=True,
    )
    os.close(slave)
    try:
        shown = _read_until(master, b"[y/N]")
        assert f"process {holder.pid}".encode() in shown
        assert b"Open read-only instead? [y/N]" in shown
        os.write(master, b"n\r")
        assert process.wait(timeout=20) == 1
    finally:
        process.kill()
        process.wait()
        os.close(master)


# -- the read-only second app -----------------------------------------------------------------
async def test_read_only_app_refuses_changes_and_follows_the_writer(demo_file: Path) -> None:
    writer = Workshop.open(demo_file)  # the first matchdesk, writing
    try:
        app = make_app(demo_file, read_only=True)
        app.follow_every = 0.1
        async with app.run_test(size=SIZE) as pilot:
            screen = capture(app)
            first = app.session.presentations[0].uid
            assert text_of(screen.query_one("#header")).startswith("read-only · ")
            assert app.sub_title.endswith("(read-only)")
            banner = screen.query_one("#banner", SaveBanner)
            assert banner.display and f"process {os.getpid()}" in text_of(banner)
            await pilot.press("f", "j", "i", "enter")  # no input takes typing here
            await pilot.pause()
            assert screen.country_input.disabled and screen.country_input.value == ""
            assert not screen.country_input.display or not screen.bar.query_one("#entry").display
            assert "Fiji" not in text_of(screen.bar.query_one("#hint"))
            assert not app.active_bindings.keys() & {"ctrl+n", "f3", "ctrl+z", "f6"}
            for key in ("ctrl+n", "f3", "ctrl+z", "f6"):
                await pilot.press(key)
            await pilot.pause()
            assert app.screen is screen and app.session.workshop.interest_count(first) == 3
            writer.record_interests(first, "fji")  # the writer captures...
            await wait_for(
                pilot, lambda: app.session.workshop.interest_count(first) == 4
            )  # ...we follow
            assert screen.table.get_cell(first, "count").plain == "4"
            assert "Fiji" in {i.country.name for i in app.session.workshop.interests(first)}
            writer.add_presentation("Late addition", "Chile")
            await wait_for(pilot, lambda: screen.table.row_count == 11)
            writer.close()  # the checkpoint rewrites the file: still followed, same numbers
            await pilot.pause(0.3)
            assert app.session.workshop.totals().interests == 40
    finally:
        writer.close()
    with Workshop.open(demo_file, readonly=True) as reader:
        assert reader.tallies().totals.interests == 40
