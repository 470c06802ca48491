"""Exports: each format opened back with its own library, spreadsheet safety, reproducibility,
and export -> import round trips through real workshop files."""

from __future__ import annotations

import csv
import importlib.util
import io
import json
import tempfile
import zipfile
from datetime import datetime
from pathlib import Path
from types import ModuleType
from typing import Any

import docx
import openpyxl
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from matchdesk.store.countries import is_blank
from matchdesk.store.demo import create_demo
from matchdesk.store.errors import InvalidValue
from matchdesk.store.exchange.export import (
    EXTENSIONS,
    FORMATS,
    TEXT_FORMATS,
    default_output_path,
    render,
    write_export,
)
from matchdesk.store.exchange.export.markdown import inline
from matchdesk.store.exchange.export.xlsx_export import column_letter
from matchdesk.store.exchange.importing import import_sources
from matchdesk.store.exchange.report import TABLE_COLUMNS
from matchdesk.store.exchange.tabular import COLUMNS, neutralise_cell
from matchdesk.store.models import Channel, Country, Tallies, Totals, WorkshopInfo
from matchdesk.store.validation import clean_text
from matchdesk.store.workshop import Workshop


def _load_builders() -> ModuleType:
    """test_report.py's builders, loaded by path so it works whatever pytest's import mode."""
    spec = importlib.util.spec_from_file_location(
        "_matchdesk_report_builders", Path(__file__).with_name("test_report.py")
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


B = _load_builders()
SEED, SEED_INFO, COUNTRIES, build_tallies = B.SEED, B.SEED_INFO, B.COUNTRIES, B.build_tallies

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
HOSTILE = ('=HYPERLINK("http://x","go")', "@SUM(A1)", "+1 555", "-2")


def _hostile_tallies() -> Tallies:
    """The seed plus rows whose every text field could be read as a formula."""
    countries = {
        **COUNTRIES,
        "X-EVIL": Country("X-EVIL", "=cmd|' /C calc'!A0", "=cmd|' /C calc'!A0", custom=True),
    }
    specs = [
        *SEED,
        (HOSTILE[0], "KAZ", ["X-CARPATHIAN"]),
        (HOSTILE[1], "X-EVIL", ["THA", "X-EVIL"]),
        ("#N/A", "NPL", []),
    ]
    n = len(SEED)
    return build_tallies(
        specs,
        countries=countries,
        channels=(Channel.IN_ROOM, Channel.ONLINE),
        notes={(n, 0): HOSTILE[2], (n + 1, 0): HOSTILE[3], (n + 1, 1): "\tTab\r\nline"},
        presenters={n: HOSTILE[3], n + 1: HOSTILE[0]},
        themes={n: HOSTILE[1], n + 1: HOSTILE[2]},
    )


def _csv_cells(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def _xlsx_cells(data: bytes) -> dict[str, list[list[Any]]]:
    book = openpyxl.load_workbook(io.BytesIO(data))
    return {ws.title: [[c.value for c in row] for row in ws.iter_rows()] for ws in book}


def _assert_no_formula_start(values: list[Any]) -> None:
    for value in values:
        if isinstance(value, str):
            assert not value.startswith(FORMULA_START), value


# -- entry points -----------------------------------------------------------------------------


def test_formats_and_extensions() -> None:
    assert FORMATS == ("csv", "xlsx", "md", "json", "docx")
    assert set(TEXT_FORMATS) == {"csv", "md", "json"}
    assert EXTENSIONS["md"] == ".md"


def test_bad_format_and_names_are_refused_in_words() -> None:
    tallies = build_tallies(SEED)
    with pytest.raises(InvalidValue, match="csv, xlsx, md, json, docx"):
        render("pdf", info=SEED_INFO, tallies=tallies)
    with pytest.raises(InvalidValue, match="short or official"):
        render("csv", info=SEED_INFO, tallies=tallies, names="local")
    with pytest.raises(InvalidValue, match="dump"):
        render("json", info=SEED_INFO, tallies=tallies)


def test_default_output_path_beside_the_workshop(tmp_path: Path) -> None:
    workshop = tmp_path / "astana.json"
    assert default_output_path(workshop, "csv") == tmp_path / "astana.csv"
    assert default_output_path(workshop, "docx") == tmp_path / "astana.docx"
    # Never the workshop file itself.
    assert default_output_path(workshop, "json") == tmp_path / "astana.export.json"
    assert default_output_path(tmp_path / "w.matchdesk", "md") == tmp_path / "w.md"
    with pytest.raises(InvalidValue):
        default_output_path(workshop, "pdf")


def test_write_export_replaces_whole_file(tmp_path: Path) -> None:
    target = tmp_path / "out.md"
    target.write_text("old")
    write_export(target, b"new")
    assert target.read_bytes() == b"new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.md"]


@pytest.mark.parametrize("fmt", FORMATS)
def test_same_input_same_bytes(fmt: str) -> None:
    tallies = _hostile_tallies()
    dump = {"format": "matchdesk", "title": "Ünïcode ✓"}
    first = render(fmt, info=SEED_INFO, tallies=tallies, dump=dump)
    assert first == render(fmt, info=SEED_INFO, tallies=tallies, dump=dump)


@pytest.mark.parametrize("fmt", ["xlsx", "docx"])
def test_documents_are_stamped_with_the_workshop_date(fmt: str) -> None:
    data = render(fmt, info=SEED_INFO, tallies=build_tallies(SEED))
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert {info.date_time for info in archive.infolist()} == {(2021, 10, 29, 0, 0, 0)}
    if fmt == "docx":
        props = docx.Document(io.BytesIO(data)).core_properties
    else:
        props = openpyxl.load_workbook(io.BytesIO(data)).properties
    for stamp in (props.created, props.modified):
        assert stamp.replace(tzinfo=None) == datetime(2021, 10, 29)
    undated = render(fmt, info=WorkshopInfo(), tallies=build_tallies(SEED))
    with zipfile.ZipFile(io.BytesIO(undated)) as archive:
        assert archive.infolist()[0].date_time == (1980, 1, 1, 0, 0, 0)


# -- CSV ----------------------------------------------------------------------------------------


def test_csv_is_excel_friendly_and_flat() -> None:
    data = render("csv", info=SEED_INFO, tallies=build_tallies(SEED))
    assert data.startswith(b"\xef\xbb\xbf")
    assert b"\r\n" in data and data.count(b"\n") == data.count(b"\r\n")
    rows = _csv_cells(data)
    assert tuple(rows[0]) == COLUMNS
    assert len(rows) == 1 + 39
    assert rows[1] == [
        SEED[0][0],
        "Kazakhstan",
        "",
        "",
        "Kazakhstan",
        "unspecified",
        "",
        "2021-10-29T10:00:01Z",
    ]
    assert [r[4] for r in rows[4:9]] == [
        "Philippines",
        "Thailand",
        "Kazakhstan",
        "Russian Federation",
        "Carpathian Ukraine",
    ]


def test_csv_registers_presentations_without_interest() -> None:
    tallies = build_tallies([("Nobody yet", "FJI", []), ("Chosen", "IND", ["KAZ"])])
    rows = _csv_cells(render("csv", info=WorkshopInfo(), tallies=tallies))
    assert rows[1][:2] == ["Nobody yet", "Fiji"]
    assert rows[1][4:] == ["", "", "", ""]
    assert rows[2][:5] == ["Chosen", "India", "", "", "Kazakhstan"]


def test_csv_official_names() -> None:
    rows = _csv_cells(render("csv", info=SEED_INFO, tallies=build_tallies(SEED), names="official"))
    assert rows[1][1] == "Republic of Kazakhstan"
    assert "Carpathian Ukraine" in {r[4] for r in rows}


def test_csv_neutralises_every_formula_start_and_keeps_the_text() -> None:
    rows = _csv_cells(render("csv", info=SEED_INFO, tallies=_hostile_tallies()))
    cells = [cell for row in rows for cell in row]
    _assert_no_formula_start(cells)
    for text in (*HOSTILE, "=cmd|' /C calc'!A0", "\tTab\r\nline"):
        assert neutralise_cell(text) in cells
    assert "#N/A" in cells


# -- XLSX ---------------------------------------------------------------------------------------


def test_xlsx_sheets_hold_no_formula_and_no_formula_start() -> None:
    data = render("xlsx", info=SEED_INFO, tallies=_hostile_tallies())
    book = openpyxl.load_workbook(io.BytesIO(data))
    assert book.sheetnames == ["Interests", "Tallies", "Matrix"]
    values = []
    for ws in book:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (ws.title, cell.coordinate, cell.value)
                values.append(cell.value)
    _assert_no_formula_start(values)
    for text in (*HOSTILE, "=cmd|' /C calc'!A0"):
        assert neutralise_cell(text) in values
    assert "#N/A" in values  # text, not an error value
    assert b"<f>" not in b"".join(
        zipfile.ZipFile(io.BytesIO(data)).read(n)
        for n in zipfile.ZipFile(io.BytesIO(data)).namelist()
    )


def test_xlsx_texts_are_xml_safe_and_keep_their_spaces() -> None:
    assert column_letter(1) == "A"
    assert column_letter(26) == "Z"
    assert column_letter(27) == "AA"
    assert column_letter(703) == "AAA"
    tallies = build_tallies(
        [("Bell\x07 <b>&amp;</b>", "KAZ", ["THA"]), ("  spaced  ", "KAZ", [])],
        notes={(0, 0): "two\r\nlines"},
    )
    sheets = _xlsx_cells(render("xlsx", info=WorkshopInfo(), tallies=tallies))
    interests = sheets["Interests"]
    assert interests[1][0] == "Bell <b>&amp;</b>"
    assert interests[1][6] == "two\nlines"
    assert interests[2][0] == "  spaced  "


def test_xlsx_interests_sheet_matches_the_csv() -> None:
    tallies = build_tallies(SEED)
    sheets = _xlsx_cells(render("xlsx", info=SEED_INFO, tallies=tallies))
    csv_rows = _csv_cells(render("csv", info=SEED_INFO, tallies=tallies))
    as_text = [[value or "" for value in row] for row in sheets["Interests"]]
    assert as_text == csv_rows


def test_xlsx_layout_is_readable() -> None:
    data = render("xlsx", info=SEED_INFO, tallies=build_tallies(SEED))
    book = openpyxl.load_workbook(io.BytesIO(data))
    interests = book["Interests"]
    assert interests.freeze_panes == "A2"
    assert book["Tallies"].freeze_panes == "A2"
    assert book["Matrix"].freeze_panes == "B2"
    assert interests["A1"].font.bold
    title_width = interests.column_dimensions["A"].width
    assert 40 <= title_width <= 60
    assert interests.column_dimensions["C"].width >= len("presenter")


def test_xlsx_tallies_and_matrix() -> None:
    sheets = _xlsx_cells(render("xlsx", info=SEED_INFO, tallies=build_tallies(SEED)))
    rows = sheets["Tallies"]
    heads = [
        i for i, row in enumerate(rows) if row[0] in ("Interested country", "Presenting country")
    ]
    totals = {row[0]: row[1] for row in rows[: heads[0]] if row[0]}
    assert totals["Best practices presented"] == 10
    assert totals["Presenting countries"] == 8
    assert totals["Possibilities for partnerships (interests)"] == 39
    assert totals["Interested countries"] == 9
    assert totals["Countries involved"] == 13
    assert totals["Interests unspecified"] == 39
    assert any(str(value).startswith("The deliberations generated 39") for value in totals)
    interested = {row[0]: row[1] for row in rows[heads[0] + 1 : heads[1]] if row[0]}
    assert interested["Kazakhstan"] == 10
    assert interested["Carpathian Ukraine"] == 5
    assert rows[heads[1]][:3] == [
        "Presenting country",
        "Best practices presented",
        "Interest received",
    ]
    presenting = {row[0]: row[1:3] for row in rows[heads[1] + 1 :]}
    assert presenting["Bangladesh"] == [3, 12]
    matrix = sheets["Matrix"]
    header = matrix[0]
    by_name = {row[0]: row for row in matrix[1:]}
    carpathian = header.index("Carpathian Ukraine")
    assert by_name["Bangladesh"][carpathian] == 3
    assert by_name["Kazakhstan"][carpathian] is None  # blank, not 0
    assert by_name["Total"][-1] == 39
    assert by_name["Bangladesh"][-1] == 12


# -- Markdown -----------------------------------------------------------------------------------


def test_markdown_report() -> None:
    text = render("md", info=SEED_INFO, tallies=build_tallies(SEED)).decode("utf-8")
    assert text.startswith("# Matchmaking Workshop on “Public Service Delivery")
    assert "**Date:** 29 October 2021" in text
    assert "**Attendance:** 40 in the room and 88 online" in text
    assert "| Best practice | Country sharing the idea | Countries interested |" in text
    for title, _, _ in SEED:
        assert inline(title) in text
    assert "Carpathian Ukraine" in text
    assert "generated 39 possibilities for partnerships for 10 best practices" in text
    assert (
        "| Rapid Digitization | Bangladesh | 1. Philippines<br>2. Thailand<br>3. Kazakhstan"
        "<br>4. Russian Federation<br>5. Carpathian Ukraine |"
    ) in text
    assert text.endswith("\n") and not text.endswith("\n\n")


def test_markdown_table_cells_cannot_break_the_table() -> None:
    assert inline("a|b\nc") == "a\\|b<br>c"
    assert inline("<script>*x*") == "\\<script\\>\\*x\\*"
    tallies = build_tallies([("Pipes | and\nbreaks", "KAZ", ["THA"])])
    text = render("md", info=WorkshopInfo(), tallies=tallies).decode()
    table = [line for line in text.splitlines() if line.startswith("| Pipes")]
    assert table == ["| Pipes \\| and<br>breaks | Kazakhstan | 1. Thailand |"]


def test_markdown_channels_and_official_names() -> None:
    tallies = build_tallies(SEED, channels=(Channel.IN_ROOM, Channel.ONLINE, Channel.ONLINE))
    text = render("md", info=SEED_INFO, tallies=tallies, names="official").decode()
    assert "Of the 39 possibilities for partnerships, 13 were expressed in the room" in text
    assert "- In the room: 13" in text
    assert "| Republic of Kazakhstan |" in text


# -- DOCX ---------------------------------------------------------------------------------------


def test_docx_has_the_table_and_the_sentences() -> None:
    data = render("docx", info=SEED_INFO, tallies=_hostile_tallies())
    document = docx.Document(io.BytesIO(data))
    assert len(document.tables) == 1
    table = document.tables[0]
    assert table.style.name == "Table Grid"
    assert [c.text for c in table.rows[0].cells] == [
        "Best practice",
        "Country sharing the idea",
        "Countries interested",
    ]
    assert all(run.bold for c in table.rows[0].cells for p in c.paragraphs for run in p.runs)
    assert table.rows[0]._tr.xpath("./w:trPr/w:tblHeader")  # repeats on each page
    assert len(table.rows) == 1 + len(SEED) + 3
    second = table.rows[2].cells
    assert second[0].text == "Rapid Digitization"
    assert second[1].text == "Bangladesh"
    assert [p.text for p in second[2].paragraphs] == [
        "1. Philippines",
        "2. Thailand",
        "3. Kazakhstan",
        "4. Russian Federation",
        "5. Carpathian Ukraine",
    ]
    assert table.rows[-1].cells[2].text == ""  # "#N/A": nobody interested
    paragraphs = [p.text for p in document.paragraphs]
    assert document.paragraphs[0].text.startswith("Matchmaking Workshop")
    assert "Attendance: 40 in the room and 88 online" in paragraphs
    assert any(p.startswith("The deliberations generated 42 possibilities") for p in paragraphs)
    assert document.core_properties.author == "matchdesk"


def test_docx_strips_what_xml_cannot_hold() -> None:
    tallies = build_tallies([("Bell\x07 and NUL\x00", "KAZ", ["THA"])])
    document = docx.Document(io.BytesIO(render("docx", info=WorkshopInfo(), tallies=tallies)))
    assert document.tables[0].rows[1].cells[0].text == "Bell and NUL"


# -- JSON ---------------------------------------------------------------------------------------


def test_json_serialises_the_dump_as_it_is() -> None:
    dump = {"format": "matchdesk", "z": 1, "a": ["Côte d’Ivoire", "=SUM(A1)"], "n": None}
    data = render("json", info=WorkshopInfo(), tallies=build_tallies([]), dump=dump)
    assert data.endswith(b"}\n")
    assert "Côte d’Ivoire".encode() in data
    assert json.loads(data) == dump
    assert list(json.loads(data)) == ["format", "z", "a", "n"]
    assert data == (json.dumps(dump, ensure_ascii=False, indent=2) + "\n").encode()


# -- end to end, through real workshop files ------------------------------------------------------


def _seed_with_hostile_rows(folder: Path) -> Path:
    path = create_demo(folder / "astana.json")
    with Workshop.open(path) as workshop:
        first = workshop.add_presentation(HOSTILE[0], "Kazakhstan", presenter=HOSTILE[3])
        workshop.record_interest(first.uid, "Carpathian Ukraine", Channel.IN_ROOM, HOSTILE[2])
        second = workshop.add_presentation(HOSTILE[1], "Nepal", theme=HOSTILE[2])
        workshop.record_interest(second.uid, "Thailand", Channel.ONLINE, HOSTILE[3])
    return path


def _export_all(path: Path, names: str = "short") -> dict[str, Path]:
    with Workshop.open(path, readonly=True) as workshop:
        info, tallies, dump = workshop.info(), workshop.tallies(), workshop.dump()
    written = {}
    for fmt in FORMATS:
        target = default_output_path(path, fmt)
        write_export(target, render(fmt, info=info, tallies=tallies, dump=dump, names=names))
        written[fmt] = target
    return written


def _imported_tallies(folder: Path, source: Path) -> Tallies:
    with Workshop.open(folder / f"from-{source.name}.json") as workshop:
        import_sources(workshop, [source])
        return workshop.tallies()


def _shape(tallies: Tallies) -> list[tuple[str, str, tuple[str, ...]]]:
    return [
        (t.presentation.title, t.presentation.country.code, tuple(c.code for c in t.interested))
        for t in tallies.presentations
    ]


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Tallies, dict[str, Path]]:
    folder = tmp_path_factory.mktemp("seeded")
    path = _seed_with_hostile_rows(folder)
    with Workshop.open(path, readonly=True) as workshop:
        tallies = workshop.tallies()
    return path, tallies, _export_all(path)


def test_seed_totals_in_the_file(seeded: tuple[Path, Tallies, dict[str, Path]]) -> None:
    _, tallies, written = seeded
    assert tallies.totals == Totals(
        12, 8, 41, 9, 13, {"in_room": 1, "online": 1, "unspecified": 39}
    )
    assert all(p.exists() and p.stat().st_size > 0 for p in written.values())


@pytest.mark.parametrize("fmt", ["csv", "json", "xlsx"])
def test_export_imports_back_with_identical_totals(
    fmt: str, seeded: tuple[Path, Tallies, dict[str, Path]], tmp_path: Path
) -> None:
    _, tallies, written = seeded
    again = _imported_tallies(tmp_path, written[fmt])
    assert again.totals == tallies.totals
    assert again.matrix == tallies.matrix
    if fmt == "json":
        assert _shape(again) == _shape(tallies)  # lossless, titles included


def test_official_names_import_back_too(tmp_path: Path) -> None:
    path = _seed_with_hostile_rows(tmp_path)
    written = _export_all(path, names="official")
    with Workshop.open(path, readonly=True) as workshop:
        tallies = workshop.tallies()
    for fmt in ("csv", "xlsx"):
        again = _imported_tallies(tmp_path, written[fmt])
        assert again.totals == tallies.totals
        assert again.matrix == tallies.matrix


def test_seed_spreadsheets_are_safe(seeded: tuple[Path, Tallies, dict[str, Path]]) -> None:
    _, _, written = seeded
    csv_cells = [c for row in _csv_cells(written["csv"].read_bytes()) for c in row]
    _assert_no_formula_start(csv_cells)
    book = openpyxl.load_workbook(written["xlsx"])
    xlsx_cells = []
    for ws in book:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f"
                xlsx_cells.append(cell.value)
    _assert_no_formula_start(xlsx_cells)
    for text in HOSTILE:  # the text is still there, made harmless
        assert "'" + text in csv_cells
        assert "'" + text in xlsx_cells


def test_seed_docx_and_markdown(seeded: tuple[Path, Tallies, dict[str, Path]]) -> None:
    _, tallies, written = seeded
    table = docx.Document(str(written["docx"])).tables[0]
    assert [c.text for c in table.rows[0].cells] == list(TABLE_COLUMNS)
    assert len(table.rows) == 1 + len(tallies.presentations) == 13
    assert [r.cells[0].text for r in table.rows[1:]] == [
        t.presentation.title for t in tallies.presentations
    ]
    text = written["md"].read_text(encoding="utf-8")
    for t in tallies.presentations:
        assert inline(t.presentation.title) in text
    assert "Carpathian Ukraine" in text
    assert "The deliberations generated 41 possibilities for partnerships" in text


# -- property: arbitrary Unicode survives CSV and JSON --------------------------------------------

_text = st.text(min_size=1, max_size=40).filter(lambda s: bool(clean_text(s)))


@settings(
    max_examples=40, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow]
)
@given(title=_text, other_title=_text, name=_text)
def test_unicode_titles_and_names_round_trip(title: str, other_title: str, name: str) -> None:
    if " ".join(clean_text(title).casefold().split()) == " ".join(
        clean_text(other_title).casefold().split()
    ):
        other_title += " (bis)"  # one country cannot present the same title twice
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        with Workshop.open(folder / "w.json") as workshop:
            # An ISO country's name cannot be a custom country, nor can "NA", "-" or "Korea".
            assume(workshop.resolve(clean_text(name)) is None)
            assume(not is_blank(clean_text(name)) and not workshop.resolver.ambiguous(name))
            custom = workshop.add_custom_country(name)
            first = workshop.add_presentation(title, custom)
            workshop.record_interest(first.uid, "Kazakhstan")
            workshop.record_interest(first.uid, custom)
            second = workshop.add_presentation(other_title, "Kazakhstan")
            workshop.record_interest(second.uid, custom, note=title)
            workshop.add_presentation(other_title, custom)  # nobody interested
            info, tallies, dump = workshop.info(), workshop.tallies(), workshop.dump()
        expected = {
            (t.presentation.title, t.presentation.country.name): [c.name for c in t.interested]
            for t in tallies.presentations
        }
        for fmt in ("csv", "json"):
            source = folder / f"export.{fmt}"
            source.write_bytes(render(fmt, info=info, tallies=tallies, dump=dump))
            again = _imported_tallies(folder, source)
            assert again.totals == tallies.totals
            got = {
                (t.presentation.title, t.presentation.country.name): [c.name for c in t.interested]
                for t in again.presentations
            }
            assert got == expected  # formula-like text comes back exactly, quote removed


def test_export_while_the_tui_holds_the_file(tmp_path: Path) -> None:
    """A read-only open beside the writer sees the latest capture and exports it."""
    path = _seed_with_hostile_rows(tmp_path)
    with Workshop.open(path) as writer:
        late = writer.add_presentation("Late addition", "India")
        writer.record_interest(late.uid, "Fiji", Channel.IN_ROOM)
        with Workshop.open(path, readonly=True) as reader:
            info, tallies, dump = reader.info(), reader.tallies(), reader.dump()
        for fmt in FORMATS:
            target = default_output_path(path, fmt)
            write_export(target, render(fmt, info=info, tallies=tallies, dump=dump))
    assert tallies.totals.interests == 42
    assert "| Late addition | India | 1. Fiji |" in default_output_path(path, "md").read_text()
