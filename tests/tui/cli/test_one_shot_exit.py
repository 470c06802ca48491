"""A one-shot command run as a program ends without freeing what it read (``base.fast_exit``):
everything it prints or writes must still be there, whole, and a failure still says why."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from matchdesk.tui.cli import main
from tests.conftest import run_cli


def test_tally_json_through_a_pipe_is_whole_and_as_in_process(seeded_file: Path) -> None:
    done = run_cli("tally", seeded_file, "--json")
    in_process = CliRunner().invoke(main, ["tally", str(seeded_file), "--json"])
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    assert json.loads(done.stdout)["totals"]["interests"] == 39
    assert done.stdout == in_process.output


def test_exports_to_a_pipe_and_to_a_file_are_whole(seeded_file: Path, tmp_path: Path) -> None:
    piped = run_cli("export", seeded_file, "--format", "csv", "-o", "-")
    written = run_cli("export", seeded_file, "--format", "json", "-o", tmp_path / "out.json")
    in_process = CliRunner().invoke(
        main, ["export", str(seeded_file), "--format", "csv", "-o", "-"]
    )
    assert (piped.returncode, written.returncode) == (0, 0), piped.stderr + written.stderr
    assert piped.stdout == in_process.output
    assert len(piped.stdout.splitlines()) == 1 + 39  # the header and Table 1's interests
    assert len(json.loads((tmp_path / "out.json").read_text("utf-8"))["interests"]) == 39


def test_a_refused_one_shot_command_still_says_why(tmp_path: Path) -> None:
    missing = tmp_path / "missing.json"
    done = run_cli("tally", missing, "--json")
    assert done.returncode == 1
    assert done.stdout == ""
    assert str(missing) in done.stderr and "Traceback" not in done.stderr
