"""The follow-up where people meet it: a real 80x24 terminal, LibreOffice, pandoc."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest

from matchdesk.store.exchange.export import Choices, render_workshop
from matchdesk.store.followup import Followup, Outcome, Stage
from matchdesk.store.workshop import Workshop

from ..conftest import require_program
from .test_tmux import Terminal, cli, matchdesk_command, until

pytestmark = pytest.mark.e2e

SENTENCE = "Of 39 possibilities, 3 were contacted, 2 led to field visits and 1 to an adaptation."


@pytest.fixture
def terminal():
    term = Terminal()
    yield term
    term.tmux("kill-server", check=False)


def _contacted(path: Path) -> int:
    done = cli("followup", str(path), "--json")
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)["funnel"]["reached"]["contacted"]


def test_followup_screen_in_a_real_80x24_terminal(
    seeded_file: Path, tmp_path: Path, terminal: Terminal
) -> None:
    rc_file = tmp_path / "rc"
    terminal.start([*matchdesk_command(), "open", str(seeded_file)], rc_file)
    until(lambda: "39 possibilities" in terminal.screen(), 15, "the capture screen")
    terminal.tmux("resize-window", "-t", "main", "-x", "80", "-y", "24")
    until(lambda: len(terminal.screen().splitlines()) == 24, 15, "an 80x24 terminal")
    terminal.keys("C-f")
    until(lambda: "Stage groups" in terminal.screen(), 15, "the follow-up screen")
    shown = terminal.screen()
    assert re.search(r"Interested +39", shown) and "2. Rapid Digiti" in shown  # agenda order
    assert "Advance" in shown.splitlines()[-1]  # the footer's keys
    terminal.keys("s")
    until(lambda: "Cancel (esc)" in terminal.screen(), 15, "the stage dialog, buttons visible")
    assert "Close: not pursued" in terminal.screen() and "Set (ctrl+s)" in terminal.screen()
    terminal.keys("Down")
    terminal.keys("Enter")
    until(lambda: _contacted(seeded_file) == 1, 15, "followup sees the stage")
    until(lambda: re.search(r"Contacted +1 ", terminal.screen()), 15, "the count moved")
    terminal.keys("C-q")
    until(rc_file.exists, 10, "matchdesk exited")
    assert rc_file.read_text().strip() == "0"


@pytest.fixture
def followed(seeded_file: Path) -> Workshop:
    with Workshop.open(seeded_file) as workshop:
        desk = Followup(workshop)
        keys = [p.key for p in desk.possibilities()]
        desk.set_stage(keys[:3], Stage.CONTACTED)
        desk.set_stage(keys[:2], Stage.FIELD_VISIT)
        desk.set_stage(keys[:1], outcome=Outcome.ADAPTED)
        desk.add_note(keys[:1], "Adapted the one-stop shop model")
        yield workshop


def _office_text(path: Path, out: Path) -> str:
    soffice = require_program("soffice")
    pdftotext = require_program("pdftotext")
    subprocess.run(
        [soffice, "--headless", "--convert-to", "pdf", "--outdir", str(out), str(path)],
        check=True,
        capture_output=True,
        timeout=180,
    )
    pdf = out / (path.stem + ".pdf")
    done = subprocess.run(
        [pdftotext, "-layout", str(pdf), "-"], check=True, capture_output=True, text=True
    )
    return " ".join(done.stdout.split())


def test_libreoffice_reads_the_follow_up_in_docx_and_xlsx(
    followed: Workshop, tmp_path: Path
) -> None:
    docx, xlsx = tmp_path / "report.docx", tmp_path / "book.xlsx"
    docx.write_bytes(render_workshop(followed, "docx"))
    xlsx.write_bytes(render_workshop(followed, "xlsx"))
    report = _office_text(docx, tmp_path)
    assert "Follow-up" in report and SENTENCE in report
    assert "Closed: adapted in part 1" in report and "Total 39" in report
    book = _office_text(xlsx, tmp_path)
    assert "Field visit" in book and "Adapted the one-stop shop model" in book
    assert "Closed: adapted in part (at Field visit)" in book


@pytest.mark.parametrize(
    ("lang", "heading", "words"),
    [("en", "Follow-up", ("Total", "Field")), ("fr", "Suivi", ("Total", "Visite"))],
)
def test_pandoc_reads_the_follow_up_section(
    followed: Workshop, tmp_path: Path, lang: str, heading: str, words: tuple[str, str]
) -> None:
    pandoc = require_program("pandoc")
    markdown = tmp_path / "report.md"
    markdown.write_bytes(render_workshop(followed, "md", Choices(lang=lang)))
    done = subprocess.run(
        [pandoc, "-f", "gfm", "-t", "json", str(markdown)],
        check=True,
        capture_output=True,
        text=True,
    )
    blocks = json.loads(done.stdout)["blocks"]
    start = next(
        n
        for n, b in enumerate(blocks)
        if b["t"] == "Header" and heading in json.dumps(b, ensure_ascii=False)
    )
    table = json.dumps(next(b for b in blocks[start:] if b["t"] == "Table"), ensure_ascii=False)
    assert all(f'"{word}"' in table for word in words) and '"39"' in table
