"""The follow-up in the exports: a Markdown/DOCX section once anything moved, in the report's
language; XLSX sheets laid out like the others; CSV columns on request; JSON whole."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

import pytest
from docx import Document
from openpyxl import load_workbook

from matchdesk.store.exchange.export import Choices, render_workshop
from matchdesk.store.exchange.i18n import wording
from matchdesk.store.followup import OUTCOMES, STAGES, Followup, Outcome, Stage
from matchdesk.store.followup.exports import CSV_COLUMNS, stage_name
from matchdesk.store.followup.rows import listed
from matchdesk.store.workshop import Workshop

SENTENCE = "Of 39 possibilities, 3 were contacted and 1 led to a field visit."


@pytest.fixture
def followed(seeded_file: Path):
    """The seed with 3 contacted, 1 of them on to a field visit, 1 closed, a hostile owner."""
    with Workshop.open(seeded_file) as workshop:
        desk = Followup(workshop)
        keys = [p.key for p in desk.possibilities()]
        desk.set_stage(keys[:3], Stage.CONTACTED)
        desk.set_stage(keys[:1], Stage.FIELD_VISIT)
        desk.set_stage(keys[2:3], outcome=Outcome.NOT_PURSUED)
        desk.set_owner(keys[:1], "=HYPERLINK(1)")
        desk.set_next_action(keys[:1], "Book the visit", "2022-03-01")
        desk.add_note(keys[:1], "Visit agreed\nfor March")
        yield workshop


def test_no_section_until_something_moved_past_interested(seeded_file: Path) -> None:
    with Workshop.open(seeded_file) as workshop:
        desk = Followup(workshop)
        assert render_workshop(workshop, "xlsx") == render_workshop(workshop, "xlsx")
        plain = load_workbook(io.BytesIO(render_workshop(workshop, "xlsx"))).sheetnames
        assert plain == ["Interests", "Tallies", "Matrix"]  # nothing recorded: no sheets
        desk.add_note([desk.possibilities()[0].key], "Called")  # a note alone moves nothing
        assert "Follow-up" not in render_workshop(workshop, "md").decode()
        texts = [p.text for p in Document(io.BytesIO(render_workshop(workshop, "docx"))).paragraphs]
        assert "Follow-up" not in texts
        sheets = load_workbook(io.BytesIO(render_workshop(workshop, "xlsx"))).sheetnames
        assert sheets[-2:] == ["Follow-up", "History"]  # a record exists: the sheets do


def test_markdown_section_sentences_and_a_table_that_adds_up(followed: Workshop) -> None:
    text = render_workshop(followed, "md").decode()
    section = text.split("## Follow-up", 1)[1]
    assert SENTENCE in section
    assert "Of these, 1 was closed: 1 not pursued." in section
    rows = [line for line in section.splitlines() if line.startswith("| ") and "---" not in line]
    assert rows[0] == "| Stage | Possibilities for partnerships |"
    assert rows[-1] == "| **Total** | **39** |"  # the total row in bold, as in Word
    cells = [r.replace("**", "").strip("| ").split(" | ") for r in rows[1:]]
    counts = {name: int(count) for name, count in cells}
    assert counts["Interested"] == 36 and counts["Field visit"] == 1
    assert counts["Closed: not pursued"] == 1
    assert sum(v for k, v in counts.items() if k != "Total") == counts["Total"] == 39
    assert text.index("## Channels") < text.index("## Follow-up")  # after the report's sections


def test_docx_section(followed: Workshop) -> None:
    document = Document(io.BytesIO(render_workshop(followed, "docx")))
    texts = [p.text for p in document.paragraphs]
    assert "Follow-up" in texts and SENTENCE in texts
    table = document.tables[-1]
    assert [c.text for c in table.rows[0].cells] == ["Stage", "Possibilities for partnerships"]
    assert [c.text for c in table.rows[-1].cells] == ["Total", "39"]


@pytest.mark.parametrize(
    ("lang", "heading", "sentence"),
    [
        ("fr", "Suivi", "Sur 39 possibilités, 3 ont été contactées et 1 a mené à une visite"),
        ("ru", "Дальнейшая работа", "Из 39 возможностей по 3 установлен контакт и 1 привела"),
        ("zh", "后续跟进", "在39个伙伴关系机会中，3个已联系和1个促成了实地考察。"),
    ],
)
def test_the_section_speaks_the_reports_language(
    followed: Workshop, lang: str, heading: str, sentence: str
) -> None:
    text = render_workshop(followed, "md", Choices(lang=lang)).decode()
    section = text.split(f"## {heading}\n", 1)[1]
    assert sentence in section
    assert "Stage" not in section and "Interested" not in section  # nothing left in English
    texts = [
        p.text
        for p in Document(
            io.BytesIO(render_workshop(followed, "docx", Choices(lang=lang)))
        ).paragraphs
    ]
    assert heading in texts


def test_stage_names_are_the_apps_in_english() -> None:
    w = wording("en")
    for stage in STAGES:
        assert stage_name(stage, w) == stage.label.capitalize()
    for outcome in OUTCOMES:
        assert stage_name(outcome, w) == f"Closed: {outcome.label}"


def test_xlsx_follow_up_and_history_sheets(followed: Workshop) -> None:
    data = render_workshop(followed, "xlsx")
    assert data == render_workshop(followed, "xlsx")  # reproducible bytes
    book = load_workbook(io.BytesIO(data))
    sheet = book["Follow-up"]
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert rows[0] == [
        "Best practice",
        "Country sharing the idea",
        "Interested country",
        "Stage",
        "Owner",
        "Next action",
        "Due",
        "Last activity",
        "Contacts (sharing)",
        "Contacts (interested)",
        "Notes",
        "Changed on two laptops",
    ]
    assert len(rows) == 1 + 39
    first = rows[1]
    assert first[3] == "Field visit" and first[4] == "=HYPERLINK(1)"
    assert sheet["E2"].quotePrefix and sheet["E2"].data_type == "s"  # shown as typed, text
    assert first[6] == dt.datetime(2022, 3, 1) and sheet["G2"].number_format == "yyyy-mm-dd"
    assert isinstance(first[7], dt.datetime)
    assert first[10] == "Visit agreed\nfor March" and sheet["K2"].alignment.wrap_text
    assert [r[3] for r in rows[1:]].count("Closed: not pursued") == 1
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref == "A1:L40"
    assert sheet.page_setup.orientation == "landscape" and sheet.print_title_rows == "$1:$1"

    history = book["History"]
    lines = [list(r) for r in history.iter_rows(values_only=True)]
    assert lines[0][:6] == ["When (UTC)", *rows[0][:3], "Change", "Details"]
    assert history["A2"].number_format == "yyyy-mm-dd hh:mm:ss"
    changes = [(r[4], r[5]) for r in lines[1:]]
    assert len(changes) == 3 + 1 + 1 + 1 + 1 + 1  # every live record, one row each
    assert ("Stage", "Field visit") in changes
    assert ("Note", "Visit agreed\nfor March") in changes
    assert ("Next action", "Book the visit, due 2022-03-01") in changes
    assert changes.count(("Stage", "Closed: not pursued (at Contacted)")) == 1
    assert history.auto_filter.ref == f"A1:H{len(lines)}"


def test_xlsx_sheets_in_arabic_read_right_to_left(followed: Workshop) -> None:
    book = load_workbook(io.BytesIO(render_workshop(followed, "xlsx", Choices(lang="ar"))))
    assert book.sheetnames[-2:] == ["المتابعة", "السجل"]
    assert all(ws.sheet_view.rightToLeft for ws in book.worksheets)


def test_csv_follow_up_columns_only_when_asked(followed: Workshop) -> None:
    plain = render_workshop(followed, "csv").decode("utf-8-sig")
    assert "stage" not in plain.splitlines()[0]
    text = render_workshop(followed, "csv", Choices(followup_columns=True)).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][-len(CSV_COLUMNS) :] == list(CSV_COLUMNS)
    first = dict(zip(rows[0], rows[1], strict=True))
    assert first["stage"] == "field visit" and first["owner"] == "'=HYPERLINK(1)"
    assert first["due"] == "2022-03-01" and first["last_note"] == "Visit agreed\nfor March"
    assert sum(1 for row in rows[1:] if row[-len(CSV_COLUMNS)] == "interested") == 36


def test_json_holds_every_follow_up_record(followed: Workshop) -> None:
    data = json.loads(render_workshop(followed, "json"))
    assert len(data["followup"]) == 3 + 1 + 1 + 1 + 1 + 1


def test_the_workbook_has_a_funnel_sheet_with_sentences_and_counts(tmp_path: Path) -> None:
    """Once a possibility moved, the workbook says the funnel as the report does: the
    sentences across a "Funnel" sheet, then the counts as numbers with a bold total."""
    import io

    import openpyxl

    from matchdesk.store.demo import create_demo
    from matchdesk.store.exchange.export import render_workshop
    from matchdesk.store.followup import Followup, Stage
    from matchdesk.store.workshop import Workshop

    with Workshop.open(create_demo(tmp_path / "demo.json")) as workshop:
        plain = openpyxl.load_workbook(io.BytesIO(render_workshop(workshop, "xlsx")))
        desk = Followup(workshop)
        desk.set_stage([p.key for p in desk.possibilities()][:3], Stage.CONTACTED)
        book = openpyxl.load_workbook(io.BytesIO(render_workshop(workshop, "xlsx")))
    assert "Funnel" not in plain.sheetnames
    assert book.sheetnames[:4] == ["Interests", "Tallies", "Matrix", "Funnel"]
    rows = [r for r in book["Funnel"].iter_rows(values_only=True) if any(r)]
    assert rows[0][0] == "Of 39 possibilities, 3 were contacted."
    counts = {r[0]: r[1] for r in rows if isinstance(r[1], int)}
    assert counts["Contacted"] == 3 and counts["Interested"] == 36 and counts["Total"] == 39
    total = next(row for row in book["Funnel"].iter_rows() if row[0].value == "Total")
    assert total[0].font.b and total[1].font.b
    assert book["Follow-up"].oddFooter.center.text == "Page &P of &N"


@pytest.mark.parametrize("batch", [1, 2, 2000])
def test_the_json_in_pieces_is_the_json_whole(followed: Workshop, batch: int) -> None:
    """``followup --json`` writes its possibilities a batch at a time: the same text."""
    from matchdesk.store.followup.filters import Filter
    from matchdesk.store.followup.listing import dumps, followup_json, followup_json_pieces

    desk = Followup(followed)
    today = dt.date(2026, 1, 1)
    for shown in (desk.possibilities(), ()):
        args = (followed.info().title, desk.funnel(), Filter())
        text = "".join(followup_json_pieces(*args, listed(shown), today, batch=batch))
        assert text == dumps(followup_json(*args, shown, today))
        assert json.loads(text)["count"] == len(shown)


def test_each_json_line_says_its_own_possibility(followed: Workshop) -> None:
    """``followup --json`` lays its lines out from parts many possibilities share (a state, a
    presentation, a country); each line still says its own possibility, byte for byte."""
    from matchdesk.store.exchange.json_text import one_line_encoder
    from matchdesk.store.followup.listing import FIELD_ORDER, possibility_json, possibility_lines

    encode = one_line_encoder()
    shown = list(Followup(followed).possibilities()) * 2  # every part seen again
    for today in (dt.date(2022, 2, 1), dt.date(2026, 1, 1)):  # before and after a due date
        lines = list(possibility_lines(listed(shown), today))
        assert lines == ["    " + encode(possibility_json(p, today)) for p in shown]
    assert [json.loads(line)["overdue"] for line in lines].count(True) == 2
    assert tuple(possibility_json(shown[0], today)) == FIELD_ORDER
