"""Schema versions: an older file is migrated after a backup; a newer one is refused clearly."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from matchdesk.store.errors import SchemaTooNew
from matchdesk.store.file.schema import SCHEMA_VERSION
from matchdesk.store.workshop import Workshop

FIXTURE = Path(__file__).parents[2] / "fixtures" / "workshop_v1.json"


@pytest.fixture
def old_file(tmp_path: Path) -> Path:
    target = tmp_path / "old.json"
    shutil.copy(FIXTURE, target)
    return target


def test_old_file_is_migrated_after_a_backup(old_file: Path) -> None:
    original = old_file.read_bytes()
    with Workshop.open(old_file) as workshop:
        info = workshop.info()
        interests = workshop.interests()
    assert (info.attendance_in_room, info.attendance_online) == (40, 88)
    assert [i.country.code for i in interests] == ["KAZ", "THA"]
    assert {i.channel.value for i in interests} == {"unspecified"}
    assert old_file.with_name("old.json.v1-backup").read_bytes() == original
    data = json.loads(old_file.read_bytes())
    meta = next(iter(data["meta"].values()))
    assert meta["schema_version"] == SCHEMA_VERSION
    assert "attendance" not in meta
    assert all("channel" in d for d in data["interests"].values())


def test_readonly_open_migrates_in_memory_only(old_file: Path, cli) -> None:
    original = old_file.read_bytes()
    result = cli("tally", old_file, "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["totals"]["interests"] == 2
    assert old_file.read_bytes() == original


def test_newer_schema_is_refused_naming_versions(old_file: Path, cli) -> None:
    data = json.loads(old_file.read_bytes())
    data["meta"]["1"]["schema_version"] = SCHEMA_VERSION + 5
    old_file.write_text(json.dumps(data))
    before = old_file.read_bytes()
    with pytest.raises(SchemaTooNew, match=f"schema version {SCHEMA_VERSION + 5}"):
        Workshop.open(old_file)
    result = cli("check", old_file)
    assert result.returncode == 1
    assert f"reads up to version {SCHEMA_VERSION}" in result.stderr
    assert old_file.read_bytes() == before


def test_a_version_2_file_is_migrated_to_3_after_a_backup(tmp_path: Path) -> None:
    path = tmp_path / "v2.json"
    with Workshop.open(path) as workshop:
        p = workshop.add_presentation("Project Rangeet", "India")
        workshop.record_interests(p.uid, "kaz, tha")
    data = json.loads(path.read_bytes())
    next(iter(data["meta"].values()))["schema_version"] = 2
    path.write_text(json.dumps(data))
    original = path.read_bytes()
    with Workshop.open(path) as workshop:
        assert workshop.totals().interests == 2
    assert path.with_name("v2.json.v2-backup").read_bytes() == original
    assert next(iter(json.loads(path.read_bytes())["meta"].values()))["schema_version"] == 3
