"""The follow-up in the exports: a Markdown/DOCX section once anything moved, XLSX sheets."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from docx import Document
from openpyxl import load_workbook

from matchdesk.store.exchange.export import render_workshop
from matchdesk.store.followup import Followup, Outcome, Stage
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
        desk.add_note(keys[:1], "Visit agreed\nfor March")
        yield workshop


def test_no_section_until_something_moved_past_interested(seeded_file: Path) -> None:
    with Workshop.open(seeded_file) as workshop:
        desk = Followup(workshop)
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
    assert "1 was closed: 1 not pursued." in section
    rows = [line for line in section.splitlines() if line.startswith("| ") and "---" not in line]
    counts = {cells[0]: int(cells[1]) for cells in (r.strip("| ").split(" | ") for r in rows[1:])}
    assert counts["Interested"] == 36 and counts["Field visit"] == 1
    assert sum(v for k, v in counts.items() if k != "Total") == counts["Total"] == 39


def test_docx_section(followed: Workshop) -> None:
    document = Document(io.BytesIO(render_workshop(followed, "docx")))
    texts = [p.text for p in document.paragraphs]
    assert "Follow-up" in texts and SENTENCE in texts
    table = document.tables[-1]
    assert [c.text for c in table.rows[0].cells] == ["Stage", "Possibilities"]
    assert [c.text for c in table.rows[-1].cells] == ["Total", "39"]


def test_xlsx_follow_up_and_history_sheets(followed: Workshop) -> None:
    book = load_workbook(io.BytesIO(render_workshop(followed, "xlsx")))
    sheet = [list(r) for r in book["Follow-up"].iter_rows(values_only=True)]
    assert sheet[0][:8] == [
        "Best practice",
        "Country sharing the idea",
        "Country interested",
        "Stage",
        "Owner",
        "Next action",
        "Due",
        "Last activity",
    ]
    assert len(sheet) == 1 + 39
    first = sheet[1]
    assert first[3] == "field visit" and first[4] == "'=HYPERLINK(1)"  # shown as text
    assert first[10] == "Visit agreed\nfor March"
    assert sorted(r[3] for r in sheet[1:]).count("closed: not pursued") == 1
    history = [list(r) for r in book["History"].iter_rows(values_only=True)]
    assert history[0][0] == "When (UTC)"
    whats = [r[4] for r in history[1:]]
    assert len(whats) == 3 + 1 + 1 + 1 + 1  # every live record, one row each
    assert "stage: field visit" in whats and "note: Visit agreed\nfor March" in whats
    assert whats.count("closed: not pursued (at contacted)") == 1
