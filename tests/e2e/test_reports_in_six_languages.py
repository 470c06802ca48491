"""The network report and the workshop report with its follow-up, in the six report languages,
as LibreOffice prints them: every page numbered in the report's language under the report's
title, no word of a table cell broken, no English stage or region name in another language.

One LibreOffice run converts the 24 files (4 reports x 6 languages), in a private profile.
"""

from __future__ import annotations

import re
import subprocess
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from matchdesk.store.demo import create_demo_network
from matchdesk.store.exchange import document as doc
from matchdesk.store.exchange.export import Choices, render_workshop
from matchdesk.store.exchange.i18n import wording
from matchdesk.store.exchange.workshop_report import build_report, report_document
from matchdesk.store.followup import Followup, Outcome, Stage
from matchdesk.store.followup.exports import followup_blocks
from matchdesk.store.network.network_report import network_document, render_network
from matchdesk.store.network.rollup import build
from matchdesk.store.workshop import Workshop

from ..conftest import require_program

# One LibreOffice run converts 24 files: minutes on a busy machine, not the usual 120 s.
pytestmark = [pytest.mark.e2e, pytest.mark.timeout(900)]

LANGS = ("en", "fr", "es", "ru", "ar", "zh")
REPORTS = ("network-docx", "network-xlsx", "workshop-docx", "workshop-xlsx")
# English words a translated report must not print (the demo's titles hold none of them).
ENGLISH = (
    "Contacted",
    "contacted:",
    "Learning and sharing",
    "Field visit",
    "Implemented",
    "not pursued",
    "adapted in part",
    "knowledge gained",
    "Western Asia",
    "Southern Asia",
    "Central Asia",
    "Sub-Saharan",
    "Follow-up",
    "Page 1 of",
)
_BIDI = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")


@dataclass(frozen=True)
class Printed:
    folder: Path
    documents: dict[tuple[str, str], doc.Document]  # (report, lang) -> what it says
    titles: dict[tuple[str, str], str]

    def pages(self, name: str, *, layout: bool = False) -> list[str]:
        command = ["pdftotext", "-enc", "UTF-8", *(["-layout"] if layout else [])]
        out = subprocess.run(
            [*command, str(self.folder / "pdf" / f"{name}.pdf"), "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        return [_BIDI.sub("", page) for page in out.split("\f")[:-1]]


def _follow_up(path: Path) -> None:
    with Workshop.open(path) as workshop:
        desk = Followup(workshop)
        keys = [p.key for p in desk.possibilities()]
        desk.set_stage(keys[:10], Stage.CONTACTED)
        desk.set_stage(keys[:4], Stage.FIELD_VISIT)
        desk.set_stage(keys[4:6], outcome=Outcome.NOT_PURSUED)
        desk.set_stage(keys[:1], Stage.ADAPTATION)
        desk.add_note(keys[:2], "Call planned with the ministry")


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> Printed:
    soffice = require_program("soffice")
    require_program("pdftotext")
    folder = tmp_path_factory.mktemp("six")
    network = folder / "network"
    create_demo_network(network)
    astana = network / "astana-2021.json"
    _follow_up(astana)
    view, _ = build([network])
    files, documents, titles = [], {}, {}
    with Workshop.open(astana, readonly=True) as workshop:
        for lang in LANGS:
            for fmt in ("docx", "xlsx"):
                target = folder / "in" / f"network-{fmt}-{lang}.{fmt}"
                target.parent.mkdir(exist_ok=True)
                target.write_bytes(render_network(view, fmt, lang))
                files.append(target)
                target = folder / "in" / f"workshop-{fmt}-{lang}.{fmt}"
                target.write_bytes(render_workshop(workshop, fmt, Choices(lang=lang)))
                files.append(target)
            report = build_report(workshop.info(), workshop.tallies(), lang=lang)
            documents["workshop", lang] = report_document(
                report, *followup_blocks(Followup(workshop), lang)
            )
            documents["network", lang] = network_document(view, lang)
            for name in ("workshop", "network"):
                titles[name, lang] = documents[name, lang].title
    done = subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={(folder / 'profile').as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder / "pdf"),
            *map(str, files),
        ],
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    missing = [f.name for f in files if not (folder / "pdf" / f"{f.stem}.pdf").exists()]
    assert done.returncode == 0 and not missing, (done.stderr, missing)
    return Printed(folder, documents, titles)


def _squash(text: str) -> str:
    text = unicodedata.normalize("NFKC", _BIDI.sub("", text))
    return "".join(c for c in text if not c.isspace() and unicodedata.category(c)[0] not in "CMZ")


def _cases() -> Iterator[tuple[str, str]]:
    for report in REPORTS:
        for lang in LANGS:
            yield report, lang


@pytest.mark.parametrize(("report", "lang"), list(_cases()))
def test_every_page_is_numbered_in_the_language_under_the_title(
    printed: Printed, report: str, lang: str
) -> None:
    name, fmt = report.split("-")
    pages = printed.pages(f"{name}-{fmt}-{lang}", layout=True)
    footer = wording(lang).gettext("Page {page} of {pages}")
    title = _squash(printed.titles[name, lang])
    assert pages
    words = [_squash(part) for part in re.split(r"\{pages?\}", footer) if _squash(part)]
    for number, page in enumerate(pages, 1):
        lines = [line for line in page.splitlines() if line.strip()]
        # The foot of the page (a right-to-left line comes out in visual order: its words
        # and numbers are looked for, not their order).
        foot = lines[-1]
        numbers = sorted(map(int, re.findall(r"\d+", foot)))
        assert numbers == sorted([number, len(pages)]), (number, foot)
        assert all(word in _squash(foot) for word in words), (number, foot)
        if lang != "ar":  # (an Arabic title too comes out in visual order)
            assert title[:40] in _squash(lines[0]), (number, lines[0])


def _table_words(document: doc.Document, *, dates: bool) -> list[str]:
    """Every word of every table cell (headings too) that must print whole: letters and
    digits only, shorter than the longest word a cell may break (20), and none that a PDF's
    text layer spells otherwise (Arabic lam-alef ligatures and vowel marks)."""
    words = []
    for block in document.blocks:
        if not isinstance(block, doc.Table):
            continue
        texts = [c.title for c in block.columns]
        for row in block.rows:
            for cell in row:
                if isinstance(cell, doc.Date) and not dates:
                    continue  # a workbook's date shows as the spreadsheet formats it
                texts += list(cell.items) if isinstance(cell, doc.Items) else [str(cell)]
        for text in texts:
            for word in text.split():
                word = word.strip("()[]“”\"'.,;:«»،؛")
                if not 2 <= len(word) <= 20 or not all(c.isalnum() for c in word):
                    continue
                if re.search("ل[اأإآ]", word) or any(unicodedata.combining(c) for c in word):
                    continue
                words.append(word)
    return words


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("report", ["network-docx", "network-xlsx", "workshop-docx"])
def test_no_word_of_a_table_cell_is_broken(printed: Printed, report: str, lang: str) -> None:
    """Each word of the tables is printed whole as often as the tables hold it (a word broken
    across two lines of a cell is missing once from ``pdftotext -layout``)."""
    name, fmt = report.split("-")
    pages = printed.pages(f"{name}-{fmt}-{lang}", layout=True)
    # The running title and the page number are not table text.
    body = "\n".join(
        "\n".join([line for line in page.splitlines() if line.strip()][1:-1]) for page in pages
    )
    # pdftotext puts a space between Chinese characters and digits ("2021 年 10 月"); a word
    # broken in a cell has its parts on two lines, never one space apart.
    body = re.sub(r"(?<=\S) (?=\S)", "", body)
    words = _table_words(printed.documents[name, lang], dates=fmt == "docx")
    assert words
    assert not sorted({word for word in words if body.count(word) < words.count(word)})


@pytest.mark.parametrize("lang", LANGS[1:])
@pytest.mark.parametrize("report", REPORTS)
def test_no_english_stage_or_region_name_in_a_translated_report(
    printed: Printed, report: str, lang: str
) -> None:
    name, fmt = report.split("-")
    text = " ".join(" ".join(printed.pages(f"{name}-{fmt}-{lang}")).split())
    assert not [word for word in ENGLISH if word in text]
    if name == "workshop":  # the follow-up section is there, in the language
        assert wording(lang).pgettext("follow-up stage", "Field visit") in text


def test_markdown_keeps_its_column_widths_and_arabic_reads_right_to_left(tmp_path: Path) -> None:
    """Through pandoc: the best practice column gets the most room (the separator's dashes),
    and the Arabic report's paragraphs and table run right to left (its metadata block)."""
    pandoc = require_program("pandoc")
    network = tmp_path / "network"
    create_demo_network(network)
    with Workshop.open(network / "astana-2021.json") as workshop:
        workshop.add_presentation("=1+1", "India")
        for lang in ("en", "ar"):
            (tmp_path / f"{lang}.md").write_bytes(
                render_workshop(workshop, "md", Choices(lang=lang))
            )
    native = subprocess.run(
        [pandoc, "-f", "markdown", "-t", "native", str(tmp_path / "en.md")],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    widths = [float(w) for w in re.findall(r"ColWidth ([\d.e-]+)", native)[:3]]
    assert len(widths) == 3 and widths[0] == max(widths) and widths[1] < 0.2, widths
    out = tmp_path / "ar.docx"
    subprocess.run(
        [pandoc, "-f", "gfm", "-t", "docx", "-o", str(out), str(tmp_path / "ar.md")],
        check=True,
        timeout=120,
    )
    import docx

    document = docx.Document(str(out))
    body = document.element.body.xml
    assert body.count("<w:bidi/>") > 10  # every paragraph, those in the table too
    cells = [c.text for row in document.tables[0].rows for c in row.cells]
    assert "\u200e=1+1\u200e" in cells  # kept left to right: never "1+1="
    assert any("\u061b 2. " in c for c in cells)  # countries apart by the Arabic semicolon
