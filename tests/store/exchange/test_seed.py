"""The seed's Table 1, imported with its names exactly as printed, gives the report's numbers."""

from __future__ import annotations

import json
from pathlib import Path

from matchdesk.store.demo import DEMO_INFO, create_demo
from matchdesk.store.exchange.importing import import_sources
from matchdesk.store.workshop import Workshop


def _counts(tally: dict) -> dict[str, int]:
    return {c["name"]: c["interests"] for c in tally["interested_countries"]}


def test_seed_table_totals_by_cli(seeded_file: Path, cli) -> None:
    result = cli("tally", seeded_file, "--json")
    assert result.returncode == 0, result.stderr
    tally = json.loads(result.stdout)
    assert tally["totals"] == {
        "presentations": 10,
        "presenting_countries": 8,
        "interests": 39,
        "interested_countries": 9,
        "countries_involved": 13,
        "by_channel": {"in_room": 0, "online": 0, "unspecified": 39},
    }
    counts = _counts(tally)
    assert counts["Kazakhstan"] == 10
    assert counts["Thailand"] == 7
    assert counts["Philippines"] == 5
    assert counts["Russian Federation"] == 4
    assert counts["Carpathian Ukraine"] == 5
    assert "Ukraine" not in counts


def test_custom_country_is_its_own_code(seeded_file: Path, cli) -> None:
    tally = json.loads(cli("tally", seeded_file, "--json").stdout)
    codes = {c["name"]: c["code"] for c in tally["interested_countries"]}
    assert codes["Kazakhstan"] == "KAZ"
    assert codes["Carpathian Ukraine"] not in {"UKR", "UA"}
    assert not codes["Carpathian Ukraine"].isalpha() or len(codes["Carpathian Ukraine"]) > 3
    presenting = {c["name"]: c for c in tally["presenting_countries"]}
    assert presenting["Bangladesh"]["presentations"] == 3
    assert presenting["Bangladesh"]["interests_received"] == 12
    first = tally["presentations"][0]
    assert first["title"].startswith("Measures Taken Towards")
    assert first["presenter_country"] == {"code": "KAZ", "name": "Kazakhstan"}
    assert [c["code"] for c in first["interested"]] == ["KAZ", "PHL", "THA"]


def test_second_import_adds_nothing(seeded_file: Path, seed_csv: Path, cli) -> None:
    before = json.loads(cli("tally", seeded_file, "--json").stdout)
    result = cli("import", seeded_file, seed_csv)
    assert result.returncode == 0, result.stderr
    assert "Skipped 39 repeated" in result.stdout
    after = json.loads(cli("tally", seeded_file, "--json").stdout)
    assert after["totals"] == before["totals"]


def test_import_reports_new_custom_country(workshop_file: Path, seed_csv: Path, cli) -> None:
    result = cli("import", workshop_file, seed_csv)
    assert result.returncode == 0, result.stderr
    assert "Imported 10 new presentation(s) and 39 interest(s)" in result.stdout
    assert "New custom countries: Carpathian Ukraine." in result.stdout


def test_demo_workshop_carries_details(tmp_path: Path) -> None:
    path = create_demo(tmp_path / "demo.json")
    with Workshop.open(path, readonly=True) as workshop:
        info = workshop.info()
        totals = workshop.tallies().totals
    assert info == DEMO_INFO
    assert info.date == "2021-10-29"
    assert (info.attendance_in_room, info.attendance_online) == (40, 88)
    assert "Nur-Sultan" in info.venue
    assert (totals.presentations, totals.interests, totals.countries_involved) == (10, 39, 13)


def test_import_is_one_transaction(workshop: Workshop, seed_csv: Path) -> None:
    import_sources(workshop, [seed_csv])
    lines = workshop.ledger.storage.journal.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 1
    assert workshop.undo() is not None
    assert workshop.tallies().totals.interests == 0
