"""The network end to end: ``matchdesk demo --network`` in a real 80x24 terminal, a match
linked by key, and the network report as LibreOffice and pandoc read it."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from matchdesk.store.demo import create_demo_network

from ..conftest import require_program, run_cli
from .test_tmux import Terminal, matchdesk_command, terminal, until

pytestmark = pytest.mark.e2e
__all__ = ["terminal"]  # the fixture, shared with the capture's terminal tests


def test_demo_network_in_a_real_terminal(tmp_path: Path, terminal: Terminal) -> None:
    rc_file = tmp_path / "rc"
    terminal.start([*matchdesk_command(), "demo", "--network"], rc_file)
    terminal.tmux("resize-window", "-t", "main", "-x", "80", "-y", "24", check=False)
    until(lambda: "3 workshops · 75 possibilities" in terminal.screen(), 20, "the network")
    assert "Matches (1)" in terminal.screen()
    terminal.keys("4")
    until(lambda: "Fostering e-gov" in terminal.screen(), 15, "the suggested match")
    terminal.keys("y")
    until(lambda: "19 practices" in terminal.screen(), 15, "the link counted")
    terminal.keys("C-q")
    until(rc_file.exists, 10, "matchdesk exited")
    assert rc_file.read_text().strip() == "0", terminal.screen()
    [folder] = (Path(os.environ["XDG_DATA_HOME"]) / "matchdesk" / "demo").glob("network-*")
    result = run_cli("network", folder, "--json")
    assert result.returncode == 0, result.stderr
    [practice] = json.loads(result.stdout)["repeated_practices"]
    assert practice["country"]["code"] == "GEO" and len(practice["presentations"]) == 2


def test_network_reports_read_in_libreoffice_and_pandoc(tmp_path: Path) -> None:
    soffice, pdftotext = require_program("soffice"), require_program("pdftotext")
    pandoc = require_program("pandoc")
    folder = tmp_path / "network"
    create_demo_network(folder)
    reports = []
    for fmt in ("docx", "xlsx", "md"):
        target = tmp_path / f"network-{fmt}.{fmt}"
        written = run_cli("network", folder, "--format", fmt, "-o", target)
        assert written.returncode == 0, written.stderr
        reports.append(target)
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path / "pdf"),
            *map(str, reports[:2]),
        ],
        capture_output=True,
        timeout=600,
        check=True,
    )
    sentence = "3 workshops generated 75 possibilities for partnerships"
    for name in ("network-docx", "network-xlsx"):
        shown = subprocess.run(
            [pdftotext, "-layout", str(tmp_path / "pdf" / f"{name}.pdf"), "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        assert sentence in " ".join(shown.split()), name
        assert "Kazakhstan" in shown and "Carpathian Ukraine" in shown, name
    plain = subprocess.run(
        [pandoc, "-f", "gfm", "-t", "plain", str(reports[2])],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert sentence in " ".join(plain.split())
    assert "Presenting \\ interested" in plain
