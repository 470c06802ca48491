"""An import never makes a custom country silently when a close ISO name exists: it stops
before writing and lists each unknown name with its line and closest countries, in one message;
``--custom NAME`` / ``--custom-all`` accept names as custom countries on purpose."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from matchdesk.store.errors import ImportFailed, UnknownCountries
from matchdesk.store.exchange.importing import Customs, import_sources
from matchdesk.store.workshop import Workshop


def _csv(path: Path, rows: list[tuple[str, str, str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["title", "presenter_country", "interested_country"])
        writer.writerows(rows)
    return path


SHEET = [
    ("Open data", "Kazakhstan", "Czechia"),
    ("Open data", "Kazakhstan", "Czeck Republic"),  # line 3: a typo of Czechia
    ("E-services", "Thailand", "Czeck Republic"),
    ("E-services", "Thailand", "Czech Rep."),  # a table's abbreviation: Czechia itself
    ("E-services", "Thailand", "Carpathian Ukraine"),  # a region holding a country's name
]


def _tally(cli, path: Path) -> dict:
    result = cli("tally", path, "--json")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_a_typo_of_a_country_is_refused_naming_line_and_country(cli, tmp_path: Path) -> None:
    source = _csv(tmp_path / "sheet.csv", SHEET)
    target = tmp_path / "w.json"
    result = cli("import", target, source)
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr  # one clear line
    assert "'Czeck Republic' (line 3 and 1 more): did you mean Czechia?" in lines[0]
    assert "--custom" in lines[0] and "Traceback" not in result.stderr
    assert not target.exists()  # nothing written, not even an empty workshop


def test_custom_makes_the_custom_country_on_purpose(cli, tmp_path: Path) -> None:
    source = _csv(tmp_path / "sheet.csv", SHEET)
    target = tmp_path / "w.json"
    result = cli("import", target, source, "--custom", "czeck republic")
    assert result.returncode == 0, result.stderr
    assert "New custom countries: Czeck Republic, Carpathian Ukraine." in result.stdout
    tally = _tally(cli, target)
    interested = {c["name"]: c["interests"] for c in tally["interested_countries"]}
    # "Czech Rep." is Czechia: one country with two interests, never a second "Czech Rep."
    assert interested == {"Czechia": 2, "Czeck Republic": 2, "Carpathian Ukraine": 1}


def test_custom_all_accepts_every_unknown_name(cli, tmp_path: Path) -> None:
    source = _csv(tmp_path / "sheet.csv", [*SHEET, ("E-services", "Thailand", "Zealand")])
    target = tmp_path / "w.json"
    assert cli("import", target, source).returncode == 1
    result = cli("import", target, source, "--custom-all")
    assert result.returncode == 0, result.stderr
    names = {c["name"] for c in _tally(cli, target)["interested_countries"]}
    assert {"Czeck Republic", "Zealand", "Czechia"} <= names


def test_every_unknown_name_is_listed_once_in_one_message(tmp_path: Path) -> None:
    rows = [
        ("Open data", "Kazakstan", "Slovaka"),
        ("Open data", "Kazakhstan", "Korea"),
        ("Open data", "Kazakhstan", "Papua"),
    ]
    source = _csv(tmp_path / "s.csv", rows)
    with Workshop.open(tmp_path / "w.json") as workshop:
        with pytest.raises(UnknownCountries) as caught:
            import_sources(workshop, [source])
        assert workshop.tallies().totals.presentations == 0
    found = {name.name: name for name in caught.value.names}
    assert set(found) == {"Kazakstan", "Slovaka", "Korea", "Papua"}
    assert found["Kazakstan"].closest[0] == "KAZ" and found["Kazakstan"].where == "line 2"
    assert found["Slovaka"].closest[0] == "SVK"
    assert found["Papua"].closest == ("PNG",)
    assert found["Korea"].ambiguous and set(found["Korea"].closest) == {"KOR", "PRK"}
    text = str(caught.value)
    assert "'Korea' (line 3) could mean" in text and "'Papua' (line 4): did you mean" in text


def test_a_name_that_means_two_is_never_made_custom(tmp_path: Path) -> None:
    source = _csv(tmp_path / "s.csv", [("Open data", "Kazakhstan", "Korea")])
    with Workshop.open(tmp_path / "w.json") as workshop:
        with pytest.raises(UnknownCountries):
            import_sources(workshop, [source], customs=Customs(names=("Korea",), every=True))
        assert workshop.custom_countries() == ()


def test_a_chosen_country_files_the_name_under_it(tmp_path: Path) -> None:
    """What the app's review does when a suggestion is picked."""
    source = _csv(tmp_path / "s.csv", [("Open data", "Kazakhstan", "Czeck Republic")])
    with Workshop.open(tmp_path / "w.json") as workshop:
        report = import_sources(
            workshop, [source], customs=Customs(chosen={"czeck republic": "CZE"})
        )
        assert report.custom_countries_created == ()
        interested = workshop.tallies().presentations[0].interested
        assert [c.code for c in interested] == ["CZE"]


def test_names_far_from_any_country_become_custom_and_are_reported(tmp_path: Path) -> None:
    source = _csv(tmp_path / "s.csv", [("Open data", "Kazakhstan", "Atlantis")])
    with Workshop.open(tmp_path / "w.json") as workshop:
        report = import_sources(workshop, [source])
        assert report.custom_countries_created == ("Atlantis",)


def test_a_matchdesk_files_own_custom_countries_come_along(cli, tmp_path: Path) -> None:
    first = tmp_path / "first.json"
    with Workshop.open(first) as workshop:
        p = workshop.add_presentation("Open data", "Kazakhstan")
        workshop.record_interest(p.uid, workshop.add_custom_country("Zealand"))
    exported = tmp_path / "export.json"
    assert cli("export", first, "--format", "json", "-o", exported).returncode == 0
    result = cli("import", tmp_path / "second.json", exported)
    assert result.returncode == 0, result.stderr
    assert "Zealand" in {
        c["name"] for c in _tally(cli, tmp_path / "second.json")["interested_countries"]
    }


@pytest.mark.parametrize("cell", ["NA", "N/A", "-", "?", "TBD"])
def test_a_blank_presenting_country_is_refused_naming_the_line(tmp_path: Path, cell: str) -> None:
    source = _csv(
        tmp_path / "s.csv",
        [("Open data", "Kazakhstan", "Thailand"), ("E-services", cell, "Thailand")],
    )
    with Workshop.open(tmp_path / "w.json") as workshop:
        with pytest.raises(ImportFailed, match=r"line 3: the presenting country .* blank"):
            import_sources(workshop, [source])
        assert workshop.tallies().totals.presentations == 0
        assert workshop.custom_countries() == ()


def test_a_blank_cell_names_no_country_in_a_follow_up_sheet(cli, tmp_path: Path) -> None:
    """ "NA" in a follow-up sheet is no country either: never Namibia's possibility."""
    path = tmp_path / "w.json"
    with Workshop.open(path) as workshop:
        p = workshop.add_presentation("Open data", "Kazakhstan")
        workshop.record_interest(p.uid, "Namibia")
    sheet = tmp_path / "followup.csv"
    sheet.write_text(
        "title,presenter_country,interested_country,stage\nOpen data,Kazakhstan,NA,contacted\n",
        encoding="utf-8",
    )
    result = cli("followup", path, "--import", sheet)
    assert result.returncode == 1
    assert "no interest of 'NA'" in result.stderr and "nothing was written" in result.stderr
    sheet.write_text(
        "title,presenter_country,interested_country,stage\n"
        "Open data,Kazakhstan,Namibia,contacted\n",
        encoding="utf-8",
    )
    assert cli("followup", path, "--import", sheet).returncode == 0


def test_custom_never_makes_a_second_country_of_a_known_name(cli, tmp_path: Path) -> None:
    """ "Czech Rep." is how tables write Czechia: --custom does not split it off."""
    source = _csv(tmp_path / "s.csv", [("Open data", "Kazakhstan", "Czech Rep.")])
    result = cli("import", tmp_path / "w.json", source, "--custom", "Czech Rep.")
    assert result.returncode == 0, result.stderr
    assert "--custom 'Czech Rep.' is Czechia: no custom country was made." in result.stdout
    assert [c["code"] for c in _tally(cli, tmp_path / "w.json")["interested_countries"]] == ["CZE"]
