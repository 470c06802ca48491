"""Typing ahead, in a real terminal (tmux): of a really slow disk, and of the app opening.

The slow disk is ``MATCHDESK_SLOW_FSYNC=0.5``: the store's documented diagnostic setting that
adds that many seconds to every fsync of the journal (docs/troubleshooting.md), as a slow USB
stick does. A real slow device (a throttled loop mount) would need root and a kernel module;
the setting slows exactly the call that stalls the app, and nothing else.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from matchdesk.store.workshop import Workshop

from .test_tmux import Terminal, matchdesk_command, tally, until

pytestmark = pytest.mark.e2e

FSYNC_S = 0.5  # added to every fsync of the journal: ten entries take 5 s of disk
BURST = ["kaz", "tha", "phl", "syr", "npl", "ind", "fra", "bgd", "geo", "nga"]


@pytest.fixture
def tmux_terminal() -> Iterator[Terminal]:
    term = Terminal()
    yield term
    term.tmux("kill-server", check=False)


def test_a_burst_typed_ahead_of_a_slow_disk_in_a_real_terminal(
    tmp_path: Path, tmux_terminal: Terminal
) -> None:
    path = tmp_path / "workshop.json"
    with Workshop.open(path) as workshop:
        workshop.add_presentation("Rapid Digitization", "bgd")
    rc_file = tmp_path / "rc"
    argv = ["env", f"MATCHDESK_SLOW_FSYNC={FSYNC_S}", *matchdesk_command(), "open", str(path)]
    tmux_terminal.start(argv, rc_file)
    until(lambda: "Rapid Digitization" in tmux_terminal.screen(), 15, "the capture screen")

    started = time.monotonic()
    for entry in BURST:  # 40 ms a key, as a quick typist, whatever the app is doing
        for key in [*entry, "Enter"]:
            tmux_terminal.keys(*(["-l", key] if key != "Enter" else [key]))
            time.sleep(0.04)
    typing = time.monotonic() - started
    until(lambda: tally(path) == 10, 20, "all ten entries on disk")
    tmux_terminal.keys("C-q")
    until(rc_file.exists, 10, "matchdesk exited")
    assert rc_file.read_text().strip() == "0"
    with Workshop.open(path, readonly=True) as workshop:
        [presentation] = workshop.presentations()
        codes = [i.country.code for i in workshop.interests(presentation.uid)]
        assert workshop.custom_countries() == ()
    assert codes == [code.upper() for code in BURST]
    # The typing outran the disk, as it must for this test: its 20 tmux calls take about 1 s,
    # near 3 s on a machine under load, against the disk's 5 s.
    assert typing < len(BURST) * FSYNC_S, "the typing outran the disk, as it should"


def test_keys_typed_as_the_app_opens_are_kept(tmp_path: Path, tmux_terminal: Terminal) -> None:
    """A facilitator who types as the app opens loses nothing: the keys arrive before the
    first screen has a focused input (or before the app has the terminal, whose Enter is then
    a line feed), wait, and are typed into the input once it is there, Enter included."""
    path = tmp_path / "workshop.json"
    with Workshop.open(path) as workshop:
        workshop.add_presentation("Rapid Digitization", "bgd")
    rc_file = tmp_path / "rc"
    tmux_terminal.start([*matchdesk_command(), "open", str(path)], rc_file)
    for key in ("ind", "Enter", "tha", "Enter"):  # at once: the app is still starting
        tmux_terminal.keys(*(["-l", key] if key != "Enter" else [key]))
    until(lambda: tally(path) == 2, 15, "both entries typed early on disk")
    until(lambda: "Thailand" in tmux_terminal.screen(), 15, "the second entry in the list")
    tmux_terminal.keys("C-q")
    until(rc_file.exists, 10, "matchdesk exited")
    assert rc_file.read_text().strip() == "0"
    with Workshop.open(path, readonly=True) as workshop:
        [presentation] = workshop.presentations()
        assert [i.country.code for i in workshop.interests(presentation.uid)] == ["IND", "THA"]
