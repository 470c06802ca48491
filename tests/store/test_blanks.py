"""Spreadsheet blanks in the interested-country column are not countries (issue 11)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from openpyxl import Workbook

from matchdesk.store.countries import is_blank
from matchdesk.store.errors import InvalidValue
from matchdesk.store.exchange.importing import import_sources
from matchdesk.store.workshop import Workshop

BLANK_CELLS = ["NA", "N/A", "n/a", "N.A.", "none", "None", "-", "--", "?", "TBD", "tbd"]
BLANK_CELLS += ["nan", "null", "nil", "Not applicable", "—", "…", "\u200b", "  ", ""]


@pytest.mark.parametrize("cell", BLANK_CELLS)
def test_blank_cells(cell: str) -> None:
    assert is_blank(cell)


@pytest.mark.parametrize("cell", ["Namibia", "NAM", "Nauru", "NO", "Niger", "N", "🇰🇿", "Kaz"])
def test_countries_and_symbols_are_not_blank(cell: str) -> None:
    assert not is_blank(cell)


def _csv(path: Path, rows: list[tuple[str, str, str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["title", "presenter_country", "interested_country"])
        writer.writerows(rows)
    return path


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
