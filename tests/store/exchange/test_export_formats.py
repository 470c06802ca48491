"""Exports: each format opened back with its own library, spreadsheet safety, reproducibility,
and export -> import round trips through real workshop files."""

from __future__ import annotations

import csv
import importlib.util
import io
import json
import math
import re
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
from matchdesk.store.exchange.document import Column, Document, Heading, Items, Paragraph, Table
from matchdesk.store.exchange.export import (
    EXTENSIONS,
    FORMATS,
    TEXT_FORMATS,
    default_output_path,
    render,
    write_export,
)
from matchdesk.store.exchange.export.docx_export import column_widths
from matchdesk.store.exchange.export.markdown import inline, render_markdown_text
from matchdesk.store.exchange.export.xlsx_export import sheet_name, wrapped_lines
from matchdesk.store.exchange.importing import Customs, import_sources
from matchdesk.store.exchange.tabular import COLUMNS, neutralise_cell
from matchdesk.store.models import Channel, Country, Tallies, Totals, WorkshopInfo
from matchdesk.store.validation import clean_text
from matchdesk.store.workshop import Workshop
from tests.conftest import run_cli

TABLE_ONE = ["Best practice", "Country sharing the idea", "Countries interested"]
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


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
    """Fixed document times, never "now": the same workshop gives the same file."""
    data = render(fmt, info=SEED_INFO, tallies=build_tallies(SEED))
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        stamps = {info.date_time for info in archive.infolist()}
    # python-docx's entries are stamped with the workshop's day, XlsxWriter's with its epoch.
    assert stamps == {(2021, 10, 29, 0, 0, 0) if fmt == "docx" else (1980, 1, 1, 0, 0, 0)}
    if fmt == "docx":
        props = docx.Document(io.BytesIO(data)).core_properties
    else:
        props = openpyxl.load_workbook(io.BytesIO(data)).properties
    for stamp in (props.created, props.modified):
        assert stamp.replace(tzinfo=None) == datetime(2021, 10, 29)
    undated = render(fmt, info=WorkshopInfo(), tallies=build_tallies(SEED))
    with zipfile.ZipFile(io.BytesIO(undated)) as archive:
        assert archive.infolist()[0].date_time == (1980, 1, 1, 0, 0, 0)


def test_language_and_paper_are_checked() -> None:
    tallies = build_tallies(SEED)
    with pytest.raises(InvalidValue, match="en, fr, es, ru, ar, zh"):
        render("md", info=SEED_INFO, tallies=tallies, lang="kk")
    with pytest.raises(InvalidValue, match="a4 or letter"):
        render("docx", info=SEED_INFO, tallies=tallies, paper="a5")


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


def _quoted(cell: Any) -> bool:
    return bool(cell.quotePrefix)


def test_xlsx_formula_like_text_is_shown_as_typed_and_stays_text() -> None:
    """No visible apostrophe: a quote-prefix style instead; and no cell is ever a formula."""
    data = render("xlsx", info=SEED_INFO, tallies=_hostile_tallies())
    book = openpyxl.load_workbook(io.BytesIO(data))
    assert book.sheetnames == ["Interests", "Tallies", "Matrix"]
    seen: dict[str, Any] = {}
    for ws in book:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (ws.title, cell.coordinate, cell.value)
                if isinstance(cell.value, str):
                    seen.setdefault(cell.value, cell)
                    assert _quoted(cell) == cell.value.startswith((*FORMULA_START, "'")), (
                        cell.coordinate,
                        cell.value,
                    )
    for text in (*HOSTILE, "=cmd|' /C calc'!A0"):
        assert text in seen and _quoted(seen[text])
        assert neutralise_cell(text) not in seen  # nothing shows an apostrophe
    assert "#N/A" in seen and not _quoted(seen["#N/A"])  # text, not an error value
    archive = zipfile.ZipFile(io.BytesIO(data))
    assert b"<f>" not in b"".join(archive.read(name) for name in archive.namelist())


def test_xlsx_texts_are_xml_safe_and_keep_their_spaces() -> None:
    tallies = build_tallies(
        [("Bell\x07 <b>&amp;</b>", "KAZ", ["THA"]), ("  spaced  ", "KAZ", [])],
        notes={(0, 0): "two\r\nlines"},
    )
    sheets = _xlsx_cells(render("xlsx", info=WorkshopInfo(), tallies=tallies))
    interests = sheets["Interests"]
    assert interests[1][0] == "Bell <b>&amp;</b>"
    assert interests[1][6] == "two\nlines"
    assert interests[2][0] == "  spaced  "


def test_xlsx_interests_sheet_holds_the_csv_with_real_dates() -> None:
    tallies = build_tallies(SEED)
    sheets = _xlsx_cells(render("xlsx", info=SEED_INFO, tallies=tallies))
    csv_rows = _csv_cells(render("csv", info=SEED_INFO, tallies=tallies))
    assert sheets["Interests"][1][7] == datetime(2021, 10, 29, 10, 0, 1)

    def as_csv(value: Any) -> str:
        if isinstance(value, datetime):
            return value.isoformat() + "Z"
        return neutralise_cell(value) if isinstance(value, str) else ""

    assert [[as_csv(value) for value in row] for row in sheets["Interests"]] == csv_rows


def test_xlsx_layout_prints_and_filters() -> None:
    tallies = build_tallies(SEED, notes={(1, 0): "first line\nsecond line\nthird line"})
    data = render("xlsx", info=SEED_INFO, tallies=tallies, paper="letter")
    book = openpyxl.load_workbook(io.BytesIO(data))
    interests, totals, matrix = book.worksheets
    assert interests.freeze_panes == "A2"  # a long list: the header stays
    assert totals.freeze_panes is None  # several small tables: nothing to freeze
    assert matrix.freeze_panes == "B2"  # names down and across
    assert interests.auto_filter.ref == f"A1:H{1 + 39}"
    assert interests["A1"].font.bold
    assert 40 <= interests.column_dimensions["A"].width <= 61  # XlsxWriter adds its padding
    assert interests["H2"].number_format == "yyyy-mm-dd hh:mm:ss"
    note = interests["G5"]  # row 5: the second presentation's first interest
    assert note.value.count("\n") == 2 and note.alignment.wrap_text
    assert interests.row_dimensions[5].height >= 3 * 15
    for ws, orientation in ((interests, "landscape"), (totals, "portrait")):
        assert ws.page_setup.orientation == orientation
        assert ws.sheet_properties.pageSetUpPr.fitToPage
        assert ws.page_setup.fitToHeight == 0
        # One page wide, or as many as the columns need at a readable size, the first
        # column (the best practice) repeated on each.
        widths = sum(d.width for d in ws.column_dimensions.values() if d.width)
        across = ws.page_setup.fitToWidth or 1
        assert across == max(1, math.ceil(widths / 125)) or ws is totals
        if across > 1:
            assert ws.print_title_cols == "$A:$A"
        assert ws.page_setup.paperSize == 1  # US Letter, as asked
    assert interests.print_title_rows == matrix.print_title_rows == "$1:$1"


def test_xlsx_totals_sentences_span_the_sheet_with_room_for_every_line() -> None:
    book = openpyxl.load_workbook(
        io.BytesIO(render("xlsx", info=SEED_INFO, tallies=build_tallies(SEED)))
    )
    totals = book["Tallies"]
    merged = {str(r) for r in totals.merged_cells.ranges}
    sentence_rows = [
        row[0].row
        for row in totals.iter_rows()
        if str(row[0].value or "").startswith(("The deliberations", "In all"))
    ]
    assert len(sentence_rows) == 2
    width = sum(totals.column_dimensions[c].width for c in "ABC")
    for number in sentence_rows:
        assert f"A{number}:C{number}" in merged
        text = totals[f"A{number}"].value
        height = totals.row_dimensions[number].height or 15  # 15: the default, not written
        assert height >= 15 * wrapped_lines(text, width)


def test_wrapped_lines_and_sheet_names() -> None:
    assert wrapped_lines("short", 20) == 1
    assert wrapped_lines("x" * 40, 21) == 2
    assert wrapped_lines("a\nb\n" + "c" * 30, 11) == 5
    taken: set[str] = set()
    assert sheet_name("Présentateur / intéressé: [x]?", taken) == "Présentateur   intéressé   x"
    assert sheet_name("Présentateur   intéressé   x", taken) == "Présentateur   intéressé   x 2"
    assert len(sheet_name("y" * 40, taken)) == 31


def test_xlsx_tallies_and_matrix() -> None:
    sheets = _xlsx_cells(render("xlsx", info=SEED_INFO, tallies=build_tallies(SEED)))
    rows = sheets["Tallies"]
    heads = [
        i for i, row in enumerate(rows) if row[0] in ("Interested country", "Presenting country")
    ]
    totals = {row[0]: row[1] for row in rows[: heads[0]] if row[0]}
    assert totals["Best practices presented"] == 10
    assert totals["Presenting countries"] == 8
    assert totals["Possibilities for partnerships"] == 39
    assert totals["Interested countries"] == 9
    assert totals["Countries involved"] == 13
    assert totals["Possibilities expressed without a recorded channel"] == 39
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


def test_xlsx_in_arabic_reads_right_to_left() -> None:
    data = render("xlsx", info=SEED_INFO, tallies=build_tallies(SEED), lang="ar")
    book = openpyxl.load_workbook(io.BytesIO(data))
    assert book.sheetnames == ["الاهتمامات", "الإحصاءات", "المصفوفة"]
    assert all(ws.sheet_view.rightToLeft for ws in book)
    assert book.worksheets[0]["A1"].value == "title"  # the import columns keep their names


# -- Markdown -----------------------------------------------------------------------------------


def test_markdown_report() -> None:
    text = render("md", info=SEED_INFO, tallies=build_tallies(SEED)).decode("utf-8")
    assert text.startswith("# Matchmaking Workshop on “Public Service Delivery")
    assert "**Date:** 29 October 2021\\\n" in text  # a hard line break, not raw HTML
    assert "**Attendance:** 40 in the room and 88 online" in text
    assert "| Best practice | Country sharing the idea | Countries interested |" in text
    for title, _, _ in SEED:
        assert inline(title) in text
    assert "generated 39 possibilities for partnerships for 10 best practices" in text
    assert (
        "| Rapid Digitization | Bangladesh | 1. Philippines; 2. Thailand; 3. Kazakhstan; "
        "4. Russian Federation; 5. Carpathian Ukraine |"
    ) in text
    # Dashes in proportion to the content (pandoc's Markdown reader keeps them as widths).
    assert re.search(
        r"\| Interested country \| Possibilities for partnerships \|\n\| -{18} \| -{12}: \|", text
    )
    assert "<" not in text.replace("\\<", "")  # no raw HTML anywhere
    assert text.endswith("\n") and not text.endswith("\n\n")


def test_markdown_escapes_what_a_renderer_would_read() -> None:
    assert inline("a|b\nc") == "a\\|b c"
    assert inline("<script>*x*") == "\\<script\\>\\*x\\*"
    assert inline("R&amp;D ~~x~~") == "R\\&amp;D \\~\\~x\\~\\~"
    assert inline("# not a heading") == "\\# not a heading"
    assert inline("- not a list") == "\\- not a list"
    assert inline("1. not a list") == "1\\. not a list"
    tallies = build_tallies([("Pipes | and\nbreaks", "KAZ", ["THA"]), ("Nobody", "FJI", [])])
    text = render("md", info=WorkshopInfo(), tallies=tallies).decode()
    table = [line for line in text.splitlines() if line.startswith(("| Pipes", "| Nobody"))]
    assert table == [
        "| Pipes \\| and breaks | Kazakhstan | 1. Thailand |",
        "| Nobody | Fiji | — |",
    ]


def test_markdown_channels_and_official_names() -> None:
    tallies = build_tallies(SEED, channels=(Channel.IN_ROOM, Channel.ONLINE, Channel.ONLINE))
    text = render("md", info=SEED_INFO, tallies=tallies, names="official").decode()
    assert "Of the 39 possibilities for partnerships, 13 were expressed in the room" in text
    assert "| In the room | 13 |" in text
    assert "| Republic of Kazakhstan |" in text


def test_any_document_renders_in_both_writers() -> None:
    """A section the report does not know yet (follow-up, network) is just more blocks."""
    document = Document(
        "Network",
        "en",
        (
            Heading("Follow-up funnel"),
            Paragraph("Three stages."),
            Items(("Contacted", "Visited"), numbered=False),
            Table((Column("Stage"), Column("Interests", numeric=True)), (("Contacted", 3),)),
        ),
    )
    text = render_markdown_text(document)
    assert "## Follow-up funnel\n\nThree stages.\n\n- Contacted\n- Visited\n" in text
    assert "| Stage | Interests |\n| --------- | --------: |\n| Contacted | 3 |" in text
    from matchdesk.store.exchange.export.docx_export import render_docx

    word = docx.Document(io.BytesIO(render_docx(document, datetime(2021, 10, 29))))
    texts = [p.text for p in word.paragraphs]
    assert texts[:4] == ["Network", "Follow-up funnel", "Three stages.", "Contacted"]
    assert [c.text for c in word.tables[0].rows[1].cells] == ["Contacted", "3"]


# -- DOCX ---------------------------------------------------------------------------------------


def _numbering(cell: Any) -> list[str]:
    return [p._p.xpath("string(./w:pPr/w:numPr/w:numId/@w:val)") for p in cell.paragraphs]


def test_docx_has_the_report_as_tables_and_sentences() -> None:
    data = render("docx", info=SEED_INFO, tallies=_hostile_tallies())
    document = docx.Document(io.BytesIO(data))
    table_one, by_country, presenting, channels = document.tables
    assert table_one.style.name == "Table Grid"
    assert [c.text for c in table_one.rows[0].cells] == TABLE_ONE
    assert all(run.bold for c in table_one.rows[0].cells for p in c.paragraphs for run in p.runs)
    assert table_one.rows[0]._tr.xpath("./w:trPr/w:tblHeader")  # repeats on each page
    assert all(row._tr.xpath("./w:trPr/w:cantSplit") for row in table_one.rows)
    assert len(table_one.rows) == 1 + len(SEED) + 3
    second = table_one.rows[2].cells
    assert second[0].text == "Rapid Digitization"
    assert second[1].text == "Bangladesh"
    # A real numbered list ("1." comes from the numbering, not the text), one per cell.
    assert [p.text for p in second[2].paragraphs] == [
        "Philippines",
        "Thailand",
        "Kazakhstan",
        "Russian Federation",
        "Carpathian Ukraine",
    ]
    first_list, second_list = _numbering(table_one.rows[1].cells[2]), _numbering(second[2])
    assert len(set(first_list)) == len(set(second_list)) == 1 and first_list[0] != second_list[0]
    assert table_one.rows[-1].cells[2].text == "—"  # "#N/A": nobody interested
    assert [c.text for c in by_country.rows[0].cells] == [
        "Interested country",
        "Possibilities for partnerships",
    ]
    rows = {row.cells[0].text: [c.text for c in row.cells[1:]] for row in presenting.rows}
    assert rows["Bangladesh"] == ["3", "12"]
    assert [c.text for c in channels.rows[1].cells] == ["In the room", "21"]
    paragraphs = [p.text for p in document.paragraphs]
    assert document.paragraphs[0].text.startswith("Matchmaking Workshop")
    assert "Attendance: 40 in the room and 88 online" in paragraphs
    assert any(p.startswith("The deliberations generated 42 possibilities") for p in paragraphs)


def test_docx_lists_hang_under_their_numbers_and_restart_in_each_cell() -> None:
    data = render("docx", info=SEED_INFO, tallies=build_tallies(SEED))
    document = docx.Document(io.BytesIO(data))
    numbering = document.part.numbering_part.element
    used = {n for row in document.tables[0].rows[1:] for n in _numbering(row.cells[2])}
    assert len(used) == len(SEED)
    for num in numbering.findall(f"{W}num"):
        if num.get(f"{W}numId") in used:
            assert num.find(f"{W}lvlOverride/{W}startOverride").get(f"{W}val") == "1"
            abstract = num.find(f"{W}abstractNumId").get(f"{W}val")
    level = numbering.xpath(f"./w:abstractNum[@w:abstractNumId='{abstract}']/w:lvl")[0]
    assert level.find(f"{W}numFmt").get(f"{W}val") == "decimal"
    assert level.find(f"{W}lvlText").get(f"{W}val") == "%1."
    assert int(level.find(f"{W}pPr/{W}ind").get(f"{W}hanging")) > 0


def test_docx_columns_follow_their_content() -> None:
    document = docx.Document(
        io.BytesIO(render("docx", info=SEED_INFO, tallies=build_tallies(SEED)))
    )
    grid = document.tables[0]._tbl.tblGrid.findall(f"{W}gridCol")
    widths = [int(col.get(f"{W}w")) for col in grid]
    assert widths[0] == max(widths)  # the best practice column is the widest
    assert sum(widths) == 11906 - 2 * 1418  # the whole A4 text width
    assert min(widths) >= len("Herzegovina") * 120  # no country name is broken mid-word


@pytest.mark.parametrize("lang", ["ru", "ar"])
def test_docx_widths_are_whole_twips_in_every_language(lang: str) -> None:
    """Cyrillic and Arabic names measure in fractions of a character; Word reads a width only
    as whole twips ("3668.0" was written until mypy saw the float)."""
    data = render("docx", info=SEED_INFO, tallies=build_tallies(SEED), lang=lang)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        body = archive.read("word/document.xml").decode()
    widths = re.findall(r'w:w="([^"]*)"', body)
    assert widths and [w for w in widths if not w.isdigit()] == []


def test_column_widths_keep_floors_and_asks() -> None:
    long = "word " * 60
    table = Table(
        (Column("Title"), Column("Count", numeric=True)),
        tuple((long, 7) for _ in range(5)),
    )
    (narrow, wide), fits = column_widths(table, 9000)
    assert narrow + wide == 9000 and narrow > wide and fits
    assert wide >= len("Count") * 120  # the header's word is not broken
    few = Table((Column("A"), Column("B")), (("x", "y"),))
    assert sum(column_widths(few, 9000)[0]) == 9000


def test_a_table_too_wide_for_its_words_says_so_and_never_cuts_a_number() -> None:
    columns = tuple(Column(f"Presentations{n}", numeric=True) for n in range(5))
    table = Table(columns, ((123456789,) * 5,))
    widths, fits = column_widths(table, 9000)
    assert not fits and sum(widths) == 9000  # the writer turns the page for it
    widths, fits = column_widths(table, 14000)
    assert fits and min(widths) >= len("Presentations0") * 130


def test_docx_is_a4_in_british_english_with_clean_properties() -> None:
    data = render("docx", info=SEED_INFO, tallies=build_tallies(SEED))
    document = docx.Document(io.BytesIO(data))
    section = document.sections[0]
    assert (section.page_width.twips, section.page_height.twips) == (11906, 16838)
    props = document.core_properties
    assert props.title == SEED_INFO.title
    assert props.language == "en-GB"
    assert props.author == props.last_modified_by == "matchdesk"
    assert props.comments == "" and props.keywords == ""
    defaults = document.styles.element.find(f"{W}docDefaults")
    assert defaults.find(f"{W}rPrDefault/{W}rPr/{W}lang").get(f"{W}val") == "en-GB"
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = archive.namelist()
        app = archive.read("docProps/app.xml").decode()
        settings = archive.read("word/settings.xml").decode()
    assert not [n for n in names if "thumbnail" in n or "customXml" in n or "WithEffects" in n]
    assert "<Application>matchdesk</Application>" in app and "Macintosh" not in app
    assert "savePreviewPicture" not in settings and "en-US" not in settings
    letter = docx.Document(
        io.BytesIO(render("docx", info=SEED_INFO, tallies=build_tallies(SEED), paper="letter"))
    )
    assert (letter.sections[0].page_width.twips, letter.sections[0].page_height.twips) == (
        12240,
        15840,
    )


def test_docx_in_arabic_runs_right_to_left() -> None:
    data = render("docx", info=SEED_INFO, tallies=build_tallies(SEED), lang="ar")
    document = docx.Document(io.BytesIO(data))
    body = document.element.body
    assert all(p.find(f"{W}pPr/{W}bidi") is not None for p in body.iter(f"{W}p"))
    assert all(t.find(f"{W}tblPr/{W}bidiVisual") is not None for t in body.iter(f"{W}tbl"))
    assert document.sections[0]._sectPr.find(f"{W}bidi") is not None
    defaults = document.styles.element.find(f"{W}docDefaults")
    assert defaults.find(f"{W}pPrDefault/{W}pPr/{W}bidi") is not None
    assert defaults.find(f"{W}rPrDefault/{W}rPr/{W}lang").get(f"{W}bidi") == "ar-SA"
    assert [c.text for c in document.tables[0].rows[0].cells] == [
        "الممارسة الفضلى",
        "البلد الذي يتقاسم الفكرة",
        "البلدان المهتمة",
    ]
    sentence = next(p for p in document.paragraphs if p.text.startswith("أسفرت المداولات"))
    assert all(run._r.find(f"{W}rPr/{W}rtl") is not None for run in sentence.runs)
    title = document.paragraphs[0].text  # an English title, held left to right by marks
    assert title == f"\u200e{SEED_INFO.title}\u200e"


def test_docx_strips_what_xml_cannot_hold() -> None:
    tallies = build_tallies([("Bell\x07 and NUL\x00", "KAZ", ["THA"])])
    document = docx.Document(io.BytesIO(render("docx", info=WorkshopInfo(), tallies=tallies)))
    assert document.tables[0].rows[1].cells[0].text == "Bell and NUL"


def test_docx_keeps_a_texts_outer_spaces_and_marks_only_those() -> None:
    """Spaces where a text begins or ends are marked to be kept (``xml:space``), as
    python-docx marks them; a text without them carries no mark (a report of 100,000 names
    is 2 MB lighter)."""
    from matchdesk.store.exchange.export.docx_export import render_docx

    document = Document("Spaces", "en", (Paragraph("  two before, one after "), Items(("Fiji",))))
    data = render_docx(document, datetime(2021, 10, 29))
    word = docx.Document(io.BytesIO(data))
    assert [p.text for p in word.paragraphs][1:3] == ["  two before, one after ", "Fiji"]
    body = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode()
    assert '<w:t xml:space="preserve">  two before, one after </w:t>' in body
    assert "<w:t>Fiji</w:t>" in body and "<w:t>Spaces</w:t>" in body


def test_the_demo_is_dated_on_the_workshops_day(tmp_path: Path) -> None:
    with Workshop.open(create_demo(tmp_path / "demo.json"), readonly=True) as workshop:
        stamps = {interest.captured_at[:10] for interest in workshop.interests()}
        assert stamps == {workshop.info().date} == {"2021-10-29"}


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("fr", ("39 possibilités de partenariat", "10 bonnes pratiques", "8 pays", "9 pays")),
        ("ru", ("39 возможностей", "10 передовым практикам", "8 странами", "9 стран")),
    ],
)
def test_demo_report_in_french_and_russian(
    lang: str, words: tuple[str, ...], tmp_path: Path
) -> None:
    """``export --lang fr|ru --format docx`` on the demo: the totals sentence, read back with
    python-docx, names the right numbers in that language."""
    demo = create_demo(tmp_path / "demo.json")
    target = tmp_path / f"report-{lang}.docx"
    done = run_cli("export", demo, "--format", "docx", "--lang", lang, "-o", target)
    assert done.returncode == 0, done.stderr
    document = docx.Document(str(target))
    sentence = next(p.text for p in document.paragraphs if all(w in p.text for w in words))
    assert "39" in sentence
    assert [c.text for c in document.tables[0].rows[0].cells] != TABLE_ONE
    assert document.core_properties.language == {"fr": "fr-FR", "ru": "ru-RU"}[lang]


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
    """A flat file carries no custom flag: its custom countries are accepted as such on purpose
    (``matchdesk import --custom-all``), as a rapporteur re-importing an export would."""
    with Workshop.open(folder / f"from-{source.name}.json") as workshop:
        import_sources(workshop, [source], customs=Customs(every=True))
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


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_leading_quotes_and_formula_starts_come_back_exactly(fmt: str, tmp_path: Path) -> None:
    titles = ["'=already quoted", "''", "'plain", "=SUM(A1)", "-2", "@x"]
    with Workshop.open(tmp_path / "w.json") as workshop:
        for title in titles:
            workshop.record_interest(workshop.add_presentation(title, "India").uid, "Fiji")
        info, tallies = workshop.info(), workshop.tallies()
    source = tmp_path / f"export.{fmt}"
    source.write_bytes(render(fmt, info=info, tallies=tallies))
    again = _imported_tallies(tmp_path, source)
    assert [t.presentation.title for t in again.presentations] == titles

    def stamps(tallies: Tallies) -> list[datetime]:
        return [
            datetime.fromisoformat(i.captured_at)
            for t in tallies.presentations
            for i in t.interests
        ]

    assert stamps(again) == stamps(tallies)  # to the millisecond, through a real date cell


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
    xlsx_cells = {}
    for ws in book:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f"
                xlsx_cells[cell.value] = cell
    for text in HOSTILE:  # the text is still there, made harmless
        assert "'" + text in csv_cells
        assert _quoted(xlsx_cells[text])


def test_seed_docx_and_markdown(seeded: tuple[Path, Tallies, dict[str, Path]]) -> None:
    _, tallies, written = seeded
    table = docx.Document(str(written["docx"])).tables[0]
    assert [c.text for c in table.rows[0].cells] == TABLE_ONE
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
