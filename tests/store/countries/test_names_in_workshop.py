"""Names in any language, as people write them, reach the right country through the app's and
the import's resolver; spreadsheet blanks are no country; the workshop's language decides how
the facade names countries (issue 11)."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from openpyxl import Workbook

from matchdesk.store.countries import is_blank
from matchdesk.store.errors import ImportFailed, InvalidValue
from matchdesk.store.exchange.importing import Customs, import_sources
from matchdesk.store.models import Change
from matchdesk.store.workshop import Workshop

SIX_NAMES = [
    ("Казахстан", "KAZ"),
    ("Қазақстан", "KAZ"),
    ("Kazajistán", "KAZ"),
    ("Thaïlande", "THA"),
    ("تايلاند", "THA"),
    ("泰国", "THA"),
]


def _csv(path: Path, rows: list[tuple[str, str, str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["title", "presenter_country", "interested_country"])
        writer.writerows(rows)
    return path


@pytest.mark.parametrize(("name", "code"), SIX_NAMES)
def test_typed_in_the_app_records_the_right_country(
    workshop: Workshop, name: str, code: str
) -> None:
    p = workshop.add_presentation("E-government", "Philippines")
    result = workshop.record_interests(p.uid, name)
    assert result.unknown == ()
    assert [i.country.code for i in result.recorded] == [code]
    assert [i.country.code for i in workshop.interests(p.uid)] == [code]


@pytest.mark.parametrize(("name", "code"), SIX_NAMES)
def test_imported_records_the_right_country(tmp_path: Path, name: str, code: str) -> None:
    source = _csv(tmp_path / "s.csv", [("E-government", name, name)])
    with Workshop.open(tmp_path / "w.json") as workshop:
        report = import_sources(workshop, [source])
        (tally,) = workshop.tallies().presentations
    assert report.custom_countries_created == ()
    assert tally.presentation.country.code == code
    assert [c.code for c in tally.interested] == [code]


def test_several_languages_typed_at_once(workshop: Workshop) -> None:
    p = workshop.add_presentation("E-government", "Philippines")
    result = workshop.record_interests(p.uid, "Казахстан, 泰国; Filipinas")
    assert [i.country.code for i in result.recorded] == ["KAZ", "THA", "PHL"]


# The mixed test: one country under many names, as officials, spreadsheets and databases
# write it, must be counted once.
MIXED = {
    "KAZ": ["Kazakhstan", "Republic of Kazakhstan", "Казахстан", "Қазақстан", "KAZ", "kz"],
    "KOR": ["Korea, Rep.", "South Korea", "ROK", "Republic of Korea", "Korea, South", "韩国"],
    "PRK": ["DPRK", "Korea, North", "Korea, Dem. People's Rep."],
    "EGY": ["Egypt, Arab Rep.", "Egypt", "Égypte"],
    "GMB": ["Gambia, The", "The Gambia", "Gambia"],
    "KGZ": ["Kyrgyz Republic", "Kyrgyzstan", "Кыргызстан"],
    "IRN": ["Iran, Islamic Rep.", "Iran", "Iran (Islamic Republic of)"],
    "GBR": ["UK", "United Kingdom", "Great Britain", "Royaume-Uni"],
    "USA": ["USA", "United States", "U.S.", "Estados Unidos"],
    "LCA": ["St. Lucia", "Saint Lucia", "St Lucia"],
    "COD": ["Congo, Dem. Rep.", "Congo DR", "Democratic Republic of Congo", "DRC"],
    "CIV": ["Cote dIvoire", "Côte d'Ivoire", "Ivory Coast"],
    "CHN": ["PRC", "China", "中国"],
    "ARE": ["UAE", "United Arab Emirates"],
    "THA": ["Thailand", "The Kingdom of Thailand", "Thaïlande", "泰国"],
}


def test_one_country_is_never_counted_under_several_names(tmp_path: Path) -> None:
    rows = [
        (f"Practice {n}", "Philippines", name)
        for n, name in enumerate(name for names in MIXED.values() for name in names)
    ]
    rows += [("Practice 0", "Philippines", "NA"), ("Practice 1", "Philippines", "n/a")]
    source = _csv(tmp_path / "mixed.csv", rows)
    with Workshop.open(tmp_path / "w.json") as workshop:
        report = import_sources(workshop, [source])
        tallies = workshop.tallies()
    assert report.custom_countries_created == ()
    assert report.blank_countries == 2
    assert tallies.totals.interested_countries == len(MIXED)
    counted = {line.country.code: line.interests for line in tallies.interested_countries}
    assert counted == {code: len(names) for code, names in MIXED.items()}


def test_korea_alone_is_asked_in_the_app_and_refused_on_import(tmp_path: Path) -> None:
    with Workshop.open(tmp_path / "w.json") as workshop:
        p = workshop.add_presentation("E-government", "Philippines")
        result = workshop.record_interests(p.uid, "Korea")
        assert (result.recorded, result.unknown) == ((), ("Korea",))
        assert [c.code for c in workshop.suggest("Korea")[:2]] == ["KOR", "PRK"]
        with pytest.raises(InvalidValue, match="could mean South Korea or North Korea"):
            workshop.add_custom_country("Korea")  # asked, never made a custom country
        before = workshop.tallies().totals
    source = _csv(tmp_path / "s.csv", [("Open data", "Kazakhstan", "Korea")])
    with Workshop.open(tmp_path / "w.json") as workshop:
        with pytest.raises(ImportFailed, match=r"'Korea' \(line 2\) could mean"):
            import_sources(workshop, [source], customs=Customs(every=True))
        assert workshop.tallies().totals == before  # nothing written
        assert workshop.custom_countries() == ()


# -- spreadsheet blanks in the interested-country column are not countries ----------------------
BLANK_CELLS = ["NA", "N/A", "n/a", "N.A.", "none", "None", "-", "--", "?", "TBD", "tbd"]
BLANK_CELLS += ["nan", "null", "nil", "Not applicable", "—", "…", "\u200b", "  ", ""]


@pytest.mark.parametrize("cell", BLANK_CELLS)
def test_blank_cells(cell: str) -> None:
    assert is_blank(cell)


@pytest.mark.parametrize("cell", ["Namibia", "NAM", "Nauru", "NO", "Niger", "N", "🇰🇿", "Kaz"])
def test_countries_and_symbols_are_not_blank(cell: str) -> None:
    assert not is_blank(cell)


def test_na_is_a_blank_not_namibia(tmp_path: Path) -> None:
    marked = ["NA", "N/A", "n/a", "none", "-", "--", "?", "TBD"]
    rows = [("Open data", "Kazakhstan", cell) for cell in marked]
    rows += [("Open data", "Kazakhstan", ""), ("E-court", "Thailand", "NA")]
    rows += [("Open data", "Kazakhstan", "Namibia"), ("E-court", "Thailand", "NAM")]
    source = _csv(tmp_path / "sheet.csv", rows)
    with Workshop.open(tmp_path / "w.json") as workshop:
        report = import_sources(workshop, [source])
        tallies = workshop.tallies()
        customs = workshop.custom_countries()
    assert report.blank_countries == len(marked) + 1  # the empty cell is not counted
    assert report.presentations_added == 2  # "E-court" is registered by its blank row too
    assert report.interests_added == 2
    assert report.custom_countries_created == ()
    assert customs == ()
    interested = {
        t.presentation.title: [c.code for c in t.interested] for t in tallies.presentations
    }
    assert interested == {"Open data": ["NAM"], "E-court": ["NAM"]}


def test_blanks_in_a_workbook(tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    sheet.append(["title", "presenter_country", "interested_country"])
    sheet.append(["Open data", "Kazakhstan", "N/A"])
    sheet.append(["Open data", "Kazakhstan", "Philippines"])
    sheet.append(["E-court", "Thailand", None])
    book.save(tmp_path / "sheet.xlsx")
    with Workshop.open(tmp_path / "w.json") as workshop:
        report = import_sources(workshop, [tmp_path / "sheet.xlsx"])
    assert (report.blank_countries, report.interests_added, report.presentations_added) == (1, 1, 2)


def test_the_import_command_says_how_many_cells_it_read_as_blank(tmp_path: Path, cli) -> None:
    source = _csv(tmp_path / "s.csv", [("Open data", "KAZ", "NA"), ("Open data", "KAZ", "-")])
    done = cli("import", tmp_path / "w.json", source)
    assert done.returncode == 0, done.stderr
    assert done.stdout.count("\n") == 1  # one summary line
    assert "2 interested country cell(s) such as NA or - read as blank." in done.stdout
    assert "custom" not in done.stdout


def test_a_blank_is_never_a_custom_country(tmp_path: Path) -> None:
    with Workshop.open(tmp_path / "w.json") as workshop:
        for name in ("N/A", "TBD", "-"):
            with pytest.raises(InvalidValue, match="means no country"):
                workshop.add_custom_country(name)
        assert workshop.custom_countries() == ()


# -- the workshop's language --------------------------------------------------------------------
def test_a_new_workshop_shows_names_in_english(workshop: Workshop) -> None:
    assert workshop.info().language == "en"
    assert workshop.resolve("Казахстан").name == "Kazakhstan"  # type: ignore[union-attr]


def test_language_is_validated(workshop: Workshop) -> None:
    with pytest.raises(InvalidValue, match="en, fr, es, ru, ar, zh"):
        workshop.set_info(language="de")
    assert workshop.set_info(language=" FR ").language == "fr"
    assert workshop.set_info(language="").language == "en"


def test_the_facade_names_countries_in_the_workshops_language(workshop_file: Path) -> None:
    with Workshop.open(workshop_file) as workshop:
        p = workshop.add_presentation("E-government", "Kazakhstan")
        workshop.record_interests(p.uid, "tha, phl")
        changes: list[Change] = []
        workshop.subscribe(changes.append)
        workshop.set_info(language="ru")
        assert changes[-1].countries and "language" in changes[-1].info
        tally = workshop.tallies().presentations[0]
        assert tally.presentation.country.name == "Казахстан"
        assert [c.name for c in tally.interested] == ["Таиланд", "Филиппины"]
        assert [c.code for c in tally.interested] == ["THA", "PHL"]
        assert workshop.presentations()[0].country.official_name == "Республика Казахстан"
        assert [c.country.name for c in workshop.top_countries(5)] == ["Таиланд", "Филиппины"]
        # typed names in any language still resolve, and come back in Russian
        result = workshop.record_interests(p.uid, "Vietnam")
        assert [i.country.name for i in result.recorded] == ["Вьетнам"]
        workshop.undo()
        workshop.undo()  # the language change
        assert workshop.info().language == "en"
        assert workshop.tallies().presentations[0].presentation.country.name == "Kazakhstan"
        workshop.redo()
    with Workshop.open(workshop_file, readonly=True) as again:
        assert again.info().language == "ru"
        assert again.presentations()[0].country.name == "Казахстан"
    # the records stay language-free: codes, never names
    stored = json.loads(workshop_file.read_text(encoding="utf-8"))
    assert {d["country"] for d in stored["interests"].values()} == {"THA", "PHL", "VNM"}
    assert "Казахстан" not in workshop_file.read_text(encoding="utf-8")
    assert next(iter(stored["meta"].values()))["language"] == "ru"


def test_a_version_2_file_gets_english(tmp_path: Path) -> None:
    path = tmp_path / "v2.json"
    with Workshop.open(path) as workshop:
        workshop.add_presentation("Project Rangeet", "India")
    data = json.loads(path.read_bytes())
    meta = next(iter(data["meta"].values()))
    meta["schema_version"] = 2
    del meta["language"]
    path.write_text(json.dumps(data))
    with Workshop.open(path) as workshop:
        assert workshop.info().language == "en"
    assert next(iter(json.loads(path.read_bytes())["meta"].values()))["language"] == "en"


def test_an_unknown_stored_language_reads_as_english(tmp_path: Path) -> None:
    path = tmp_path / "w.json"
    with Workshop.open(path) as workshop:
        workshop.add_presentation("Project Rangeet", "India")
    data = json.loads(path.read_bytes())
    next(iter(data["meta"].values()))["language"] = "tlh"
    path.write_text(json.dumps(data))
    with Workshop.open(path, readonly=True) as workshop:
        assert workshop.info().language == "en"
        assert workshop.presentations()[0].country.name == "India"


def test_a_reader_learns_that_every_name_changed(workshop_file: Path) -> None:
    with Workshop.open(workshop_file) as writer:
        writer.add_presentation("Project Rangeet", "India")
        before = Workshop.open(workshop_file, readonly=True)
        writer.set_info(language="zh")
        after = Workshop.open(workshop_file, readonly=True)
        try:
            change = after.difference(before)
            assert change.countries and "language" in change.info
            assert after.presentations()[0].country.name == "印度"
        finally:
            before.close()
            after.close()


def test_a_json_export_brings_its_language_along(tmp_path: Path) -> None:
    with Workshop.open(tmp_path / "fr.json") as workshop:
        workshop.set_info(title="Atelier", language="fr")
        workshop.add_presentation("Justice numérique", "Thaïlande")
        dump = workshop.dump()
    source = tmp_path / "export.json"
    source.write_text(json.dumps(dump), encoding="utf-8")
    with Workshop.open(tmp_path / "new.json") as workshop:
        import_sources(workshop, [source])
        assert workshop.info().language == "fr"
        assert workshop.presentations()[0].country.name == "Thaïlande"
