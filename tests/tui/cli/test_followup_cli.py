"""``matchdesk followup`` as a user runs it: listing, --set, a follow-up sheet, refusals."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from matchdesk.store.followup import Followup, Outcome, Stage
from matchdesk.store.workshop import Workshop
from tests.conftest import run_cli

SHEET_HEADER = "title,presenter_country,interested_country,stage,owner,next_action,due,note\n"


def _state(path: Path, title: str, interested: str):
    with Workshop.open(path, readonly=True) as workshop:
        return next(
            p.state
            for p in Followup(workshop).possibilities()
            if p.presentation.title == title and p.country.code == interested
        )


def _disk(path: Path) -> dict[str, bytes]:
    """The workshop file, its journal and backups (the lock names its last holder)."""
    return {
        p.name: p.read_bytes()
        for p in path.parent.iterdir()
        if p.name.startswith(path.name) and p.suffix != ".lock"
    }


def test_listing_prints_the_funnel_and_json_counts_add_up(seeded_file: Path) -> None:
    with Workshop.open(seeded_file) as workshop:
        desk = Followup(workshop)
        keys = [p.key for p in desk.possibilities()]
        desk.set_stage(keys[:5], Stage.CONTACTED)
        desk.set_stage(keys[:2], Stage.FIELD_VISIT)
        desk.set_stage(keys[4:5], outcome=Outcome.NOT_PURSUED)
    done = run_cli("followup", seeded_file, "--json")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    funnel = data["funnel"]
    assert funnel["total"] == data["count"] == 39
    assert sum(funnel["at"].values()) == 39
    assert funnel["at"]["field_visit"] == 2 and funnel["at"]["not_pursued"] == 1
    assert funnel["reached"]["contacted"] == 5 and funnel["reached"]["field_visit"] == 2
    assert funnel["sentences"][0] == (
        "Of 39 possibilities, 5 were contacted and 2 led to field visits."
    )
    shown = run_cli("followup", seeded_file, "--stage", "field visit")
    assert shown.returncode == 0
    assert "2 possibilities selected" in shown.stdout and "Total" in shown.stdout
    closed = json.loads(run_cli("followup", seeded_file, "--stage", "closed", "--json").stdout)
    assert [p["label"] for p in closed["possibilities"]] == ["closed: not pursued"]


def test_set_changes_the_selection_in_one_step(seeded_file: Path) -> None:
    done = run_cli(
        "followup", seeded_file, "--interested", "kaz", "--set", "stage=contacted",
        "--set", "owner=Dana", "--set", "due=2031-01-31", "--set", "next_action=Call",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "Updated 10 of 10 possibilities" in done.stdout
    state = _state(seeded_file, "Rapid Digitization", "KAZ")
    assert (state.stage, state.owner, state.due) == (Stage.CONTACTED, "Dana", "2031-01-31")
    refused = run_cli("followup", seeded_file, "--set", "owner=Ravi")
    assert refused.returncode == 1 and "select some" in refused.stderr
    assert _state(seeded_file, "Rapid Digitization", "KAZ").owner == "Dana"


def test_a_follow_up_sheet_updates_many_and_twice_changes_nothing(
    seeded_file: Path, tmp_path: Path
) -> None:
    sheet = tmp_path / "secretariat.csv"
    sheet.write_text(
        "\ufeff"
        + SHEET_HEADER
        + "Rapid Digitization,Bangladesh,Kazakhstan,Field visit,Aigerim,Visit Dhaka,"
        "2031-03-31,Visit agreed\n"
        + "rapid digitization,BGD,tha,contacted,,,,\n"
        + "Project Rangeet,India,Kazakhstan,closed: not pursued,,,,No budget this year\n",
        encoding="utf-8",
    )
    done = run_cli("followup", seeded_file, "--import", sheet)
    assert done.returncode == 0, done.stderr
    assert "Updated 3 of 3 possibilities" in done.stdout
    kaz = _state(seeded_file, "Rapid Digitization", "KAZ")
    assert (kaz.stage, kaz.owner, kaz.next_action, kaz.due, kaz.notes) == (
        Stage.FIELD_VISIT,
        "Aigerim",
        "Visit Dhaka",
        "2031-03-31",
        ("Visit agreed",),
    )
    assert _state(seeded_file, "Project Rangeet", "KAZ").outcome is Outcome.NOT_PURSUED
    again = run_cli("followup", seeded_file, "--import", sheet)
    assert again.returncode == 0 and "Nothing to change" in again.stdout


@pytest.mark.parametrize(
    ("row", "words"),
    [
        ("Rapid Digitization,Bangladesh,Atlantis,contacted,,,,", "no interest of 'Atlantis'"),
        ("Rapid Digitization,India,Kazakhstan,contacted,,,,", "no interest of 'Kazakhstan'"),
        ("Rapid Digitization,Bangladesh,Kazakhstan,signed,,,,", "'signed' is not a stage"),
        ("Rapid Digitization,Bangladesh,Kazakhstan,,,,31/03/2031,", "not a date"),
    ],
)
def test_a_refused_row_names_its_line_and_writes_nothing(
    seeded_file: Path, tmp_path: Path, row: str, words: str
) -> None:
    sheet = tmp_path / "sheet.csv"
    good = "Project Rangeet,India,Kazakhstan,contacted,Dana,,,\n"
    sheet.write_text(SHEET_HEADER + good + row + "\n", encoding="utf-8")
    before = _disk(seeded_file)
    done = run_cli("followup", seeded_file, "--import", sheet)
    assert done.returncode == 1
    assert "line 3" in done.stderr and words in done.stderr and "Traceback" not in done.stderr
    assert _disk(seeded_file) == before  # the good row was not written either


def test_export_followup_columns_read_back_as_a_sheet(seeded_file: Path, tmp_path: Path) -> None:
    with Workshop.open(seeded_file) as workshop:
        desk = Followup(workshop)
        key = desk.possibilities()[0].key
        desk.set_stage([key], Stage.LEARNING)
        desk.set_owner([key], "Dana")
        desk.add_note([key], "Shared the manual")
    out = tmp_path / "followup.csv"
    done = run_cli("export", seeded_file, "--format", "csv", "--followup", "-o", out)
    assert done.returncode == 0, done.stderr
    lines = out.read_text(encoding="utf-8-sig").splitlines()
    assert lines[0].endswith(",stage,owner,next_action,due,contacts_presenting,"
                             "contacts_interested,last_activity,last_note")  # fmt: skip
    assert any(",learning and sharing,Dana," in line for line in lines)
    back = run_cli("followup", seeded_file, "--import", out)
    assert back.returncode == 0 and "Nothing to change" in back.stdout, back.stderr
    plain = run_cli("export", seeded_file, "--format", "csv", "-o", "-")
    assert "stage" not in plain.stdout.splitlines()[0]


def test_a_follow_up_sheet_gets_the_imports_limits(seeded_file: Path, tmp_path: Path) -> None:
    """Read as the import reads: a file that is not UTF-8 names its line, a named pipe is
    refused before anything is read; nothing is written either way."""
    latin = tmp_path / "latin.csv"
    good = "Project Rangeet,India,Kazakhstan,contacted,Dana,,,\n"
    latin.write_bytes(
        (SHEET_HEADER + good).encode() + "Lagos,Nigeria,Côte,,,,,\n".encode("latin-1")
    )
    pipe = tmp_path / "pipe.csv"
    os.mkfifo(pipe)
    before = _disk(seeded_file)
    for sheet, words in ((latin, "line 3: the file is not UTF-8"), (pipe, "is a named pipe")):
        done = run_cli("followup", seeded_file, "--import", sheet)
        assert done.returncode == 1 and words in done.stderr, done.stderr
    assert _disk(seeded_file) == before


def test_possibilities_are_listed_in_agenda_order(seeded_file: Path) -> None:
    """A late capture for presentation 1 is listed with presentation 1, not last."""
    with Workshop.open(seeded_file) as workshop:
        first = workshop.presentations()[0]
        workshop.record_interests(first.uid, "fji")
        assert workshop.interests()[-1].country.code == "FJI"  # captured last
        numbers = [p.number for p in Followup(workshop).possibilities()]
    assert numbers == sorted(numbers)
    data = json.loads(run_cli("followup", seeded_file, "--json").stdout)
    listed = [(p["number"], p["interested_country"]["code"]) for p in data["possibilities"]]
    assert [n for n, _ in listed] == sorted(n for n, _ in listed)
    ones = [code for n, code in listed if n == 1]
    assert ones[-1] == "FJI" and len(ones) >= 2  # capture order within the presentation
