"""A one-shot command run as a program ends without freeing what it read (``base.fast_exit``):
everything it prints or writes must still be there, whole, and a failure still says why."""

from __future__ import annotations

import json
import subprocess
import sys
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


# Run as the program runs, reporting the largest young generation any collection walked once
# the workshop was open (a collection of the old generations during the imports is not the
# command's).
_WATCHED = """
import gc, sys
from matchdesk.store.workshop import Workshop
largest = [0]
opened = Workshop.open
def watched_open(*args, **kwargs):
    def walked(phase, info):
        if phase == "start" and info["generation"] < 2:
            young = sum(len(gc.get_objects(g)) for g in range(info["generation"] + 1))
            largest[0] = max(largest[0], young)
    gc.callbacks.append(walked)
    return opened(*args, **kwargs)
Workshop.open = watched_open
from matchdesk.tui.cli import base
end = base.end_process
def report_then_end(code):
    sys.stderr.write(f"largest young generation walked: {largest[0]}\\n")
    sys.stderr.flush()
    end(code)
base.end_process = report_then_end
sys.argv = ["matchdesk", *sys.argv[1:]]
from matchdesk.tui.cli import main
main()
"""


def test_a_one_shot_command_ends_without_walking_what_it_read(tmp_path: Path) -> None:
    """Turning the collector back on at the end made its first pass walk every value the
    command had made (120 ms of a 0.5 s ``tally`` at 100,000 interests) just before exit."""
    from tests.benchmarks.bulk import build_workshop

    path = build_workshop(tmp_path / "big.json", presentations=100, per=200)
    for command in (["tally", str(path), "--json"], ["check", str(path)]):
        done = subprocess.run(
            [sys.executable, "-c", _WATCHED, *command],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert done.returncode == 0, done.stderr
        walked = int(done.stderr.rsplit(":", 1)[1])
        assert walked < 20_000, f"{command[0]}: a collection walked {walked} young objects"
