"""The exports as a rapporteur's software shows them: LibreOffice (to PDF, read back with
pdftotext) and pandoc (GitHub Markdown to Word, read back with python-docx).

LibreOffice is slow to start, so one session fixture converts every file in one run (and
re-saves the workbooks in a second one), in a private profile so parallel runs never collide.
"""

from __future__ import annotations

import json
import re
import subprocess
import unicodedata
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

import docx
import pytest

from matchdesk.store.demo import create_demo
from matchdesk.store.exchange.export import Choices, render_workshop, write_export
from matchdesk.store.exchange.importing import import_sources
from matchdesk.store.models import Channel, Tallies
from matchdesk.store.validation import clean_text, title_key
from matchdesk.store.workshop import Workshop

from ..conftest import require_program

pytestmark = pytest.mark.e2e

CORPUS: list[str] = json.loads(
    (Path(__file__).parent.parent / "fixtures" / "hostile.json").read_text(encoding="utf-8")
)
HYPERLINK = '=HYPERLINK("http://x","go")'
SHORT = 300  # rows with titles up to this long fit on a page: they must never split


def _hostile_workshop(path: Path) -> Path:
    """Every distinct hostile string as a title, presenter and note; each row framed by two
    unique custom countries ("Row 7 start" presents, "Row 7 end" is the last interested), so
    a page break inside a row shows in the PDF's text."""
    with Workshop.open(path) as workshop:
        workshop.set_info(title="Hostile & <strange> | workshop", date="2021-10-29")
        seen: set[str] = set()
        for raw in CORPUS:
            title = clean_text(raw)
            if not title or title_key(title) in seen:
                continue
            seen.add(title_key(title))
            row = len(seen)
            presentation = workshop.add_presentation(
                title, workshop.add_custom_country(f"Row {row} start"), presenter=raw
            )
            workshop.record_interest(presentation.uid, "Kazakhstan", Channel.IN_ROOM, note=raw)
            workshop.record_interest(presentation.uid, "Thailand", Channel.ONLINE)
            end = workshop.add_custom_country(f"Row {row} end")
            workshop.record_interest(presentation.uid, end, Channel.ONLINE)
    return path


@dataclass(frozen=True)
class Converted:
    folder: Path
    workshops: dict[str, Path]  # "demo", "hostile" -> workshop file

    def pdf(self, name: str) -> Path:
        return self.folder / "pdf" / f"{name}.pdf"

    def pages(self, name: str) -> list[str]:
        out = subprocess.run(
            ["pdftotext", "-enc", "UTF-8", str(self.pdf(name)), "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        return out.split("\f")

    def resaved(self, name: str) -> Path:
        return self.folder / "resaved" / f"{name}.xlsx"


def _soffice(profile: Path, target: str, outdir: Path, files: list[Path]) -> None:
    soffice = require_program("soffice")
    done = subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--convert-to",
            target,
            "--outdir",
            str(outdir),
            *map(str, files),
        ],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    missing = [f for f in files if not (outdir / f"{f.stem}.{target.split(':')[0]}").exists()]
    assert done.returncode == 0 and not missing, (done.stdout, done.stderr, missing)


@pytest.fixture(scope="session")
def converted(tmp_path_factory: pytest.TempPathFactory) -> Converted:
    require_program("soffice")
    require_program("pdftotext")
    folder = tmp_path_factory.mktemp("office")
    workshops = {
        "demo": create_demo(folder / "demo.json"),
        "hostile": _hostile_workshop(folder / "hostile.json"),
    }
    files: list[Path] = []
    for name, path in workshops.items():
        with Workshop.open(path, readonly=True) as workshop:
            for fmt, lang in (("docx", "en"), ("xlsx", "en"), ("docx", "ar")):
                if lang == "ar" and name != "demo":
                    continue
                target = folder / "in" / f"{name}-{fmt}-{lang}.{fmt}"
                target.parent.mkdir(exist_ok=True)
                write_export(target, render_workshop(workshop, fmt, Choices(lang=lang)))
                files.append(target)
    profile = folder / "profile"
    _soffice(profile, "pdf", folder / "pdf", files)
    workbooks = [f for f in files if f.suffix == ".xlsx"]
    _soffice(profile, "xlsx:Calc MS Excel 2007 XML", folder / "resaved", workbooks)
    return Converted(folder, workshops)


def _squash(text: str) -> str:
    """Text as compared with a PDF's: no spaces or line breaks, no marks or controls."""
    text = unicodedata.normalize("NFKC", text)
    return "".join(c for c in text if not c.isspace() and unicodedata.category(c)[0] not in "CMZ")


def _drawable(text: str) -> bool:
    """Whether the fonts here draw every character (no emoji, no bidi overrides)."""
    return all(unicodedata.category(c)[0] in "LNPZ" or c in "\n\t" for c in text)


def _titles(path: Path) -> list[str]:
    with Workshop.open(path, readonly=True) as workshop:
        return [p.title for p in workshop.presentations()]


def _totals_sentence(path: Path) -> str:
    with Workshop.open(path, readonly=True) as workshop:
        totals = workshop.tallies().totals
    return (
        f"The deliberations generated {totals.interests} possibilities for partnerships for "
        f"{totals.presentations} best practices presented by {totals.presenting_countries} "
        f"countries; {totals.interested_countries} countries expressed interest."
    )


@pytest.mark.parametrize(
    "name", ["demo-docx-en", "demo-xlsx-en", "hostile-docx-en", "hostile-xlsx-en"]
)
def test_the_totals_sentence_is_whole_on_one_page(converted: Converted, name: str) -> None:
    sentence = _squash(_totals_sentence(converted.workshops[name.split("-")[0]]))
    pages = [_squash(page) for page in converted.pages(name)]
    assert sum(sentence in page for page in pages) == 1, name


@pytest.mark.parametrize("name", ["demo", "hostile"])
def test_every_title_is_printed_and_no_row_of_table_one_splits(
    converted: Converted, name: str
) -> None:
    pages = converted.pages(f"{name}-docx-en")
    text = "\f".join(pages)
    totals = re.search(r"[\n\f]Totals\n", text)  # the heading may open a page
    assert totals is not None
    table = text[text.index("Table 1: Expression of interest") : totals.start()]
    printed = _squash(table)
    for title in _titles(converted.workshops[name]):
        if not _drawable(title):
            continue
        squashed = _squash(title)
        if len(title) <= SHORT:
            assert squashed in printed, title
        else:  # split over pages on purpose: its first and last words are both printed
            assert squashed[:40] in printed and squashed[-40:] in printed, title[:40]
    if name == "hostile":
        table_pages = table.split("\f")
        assert len(table_pages) > 3  # the table runs over several pages
        where: dict[str, set[int]] = {}
        for number, page in enumerate(table_pages):
            for marker in re.findall(r"Row \d+ (?:start|end)", " ".join(page.split())):
                where.setdefault(marker, set()).add(number)
        for row, title in enumerate(_titles(converted.workshops[name]), 1):
            start, end = where.get(f"Row {row} start"), where.get(f"Row {row} end")
            assert start and end, row
            if len(title) <= SHORT:
                assert start == end, (row, title[:40], start, end)


def test_no_apostrophe_shows_before_a_formula_like_text(converted: Converted) -> None:
    text = "\n".join(converted.pages("hostile-xlsx-en"))
    assert HYPERLINK in text
    assert "'" + HYPERLINK not in text
    assert "\n-2\n" in text and "'-2" not in text
    demo = "\n".join(converted.pages("demo-xlsx-en"))
    assert "2021-10-29 04:38:00" in demo  # captured_at as a date and time


def test_arabic_report_reads_right_to_left(converted: Converted) -> None:
    """In the Arabic report the header lines and Table 1 start at the right margin."""
    layout = subprocess.run(
        [
            "pdftotext",
            "-bbox-layout",
            "-f",
            "1",
            "-l",
            "1",
            str(converted.pdf("demo-docx-ar")),
            "-",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    root = ET.fromstring(re.sub(r"<!DOCTYPE[^>]*>", "", layout))
    ns = {"x": "http://www.w3.org/1999/xhtml"}
    page = root.find(".//x:page", ns)
    assert page is not None
    width = float(page.get("width", "0"))
    lines = []
    for line in root.iter(f"{{{ns['x']}}}line"):
        words = [w.text or "" for w in line.iter(f"{{{ns['x']}}}word")]
        lines.append((float(line.get("xMin", "0")), float(line.get("xMax", "0")), words))
    date = next(line for line in lines if "29" in line[2] and "2021" in line[2])
    assert date[0] > width / 2  # a short line, flush right
    rapid = next(line for line in lines if "Rapid" in line[2])
    assert rapid[0] > width / 2  # Table 1's first column is on the right


def _tallies(path: Path, source: Path) -> Tallies:
    with Workshop.open(path) as workshop:
        import_sources(workshop, [source])
        return workshop.tallies()


@pytest.mark.parametrize("name", ["demo", "hostile"])
def test_a_workbook_resaved_by_libreoffice_imports_the_same(
    converted: Converted, name: str, tmp_path: Path
) -> None:
    with Workshop.open(converted.workshops[name], readonly=True) as workshop:
        before = workshop.tallies()
    after = _tallies(tmp_path / "again.json", converted.resaved(f"{name}-xlsx-en"))
    assert after.totals == before.totals
    assert after.matrix == before.matrix
    assert [t.presentation.title for t in after.presentations] == [
        t.presentation.title for t in before.presentations
    ]


# -- pandoc: GitHub Markdown to Word ---------------------------------------------------------


def test_markdown_through_pandoc_keeps_countries_apart_and_specials_whole(tmp_path: Path) -> None:
    pandoc = require_program("pandoc")
    path = create_demo(tmp_path / "demo.json")
    special = "R&D <pilot> | phase &amp; 2"
    with Workshop.open(path) as workshop:
        uid = workshop.add_presentation(special, "India").uid
        workshop.record_interest(uid, "Fiji")
        workshop.add_presentation("Nobody yet", "Nepal")
        write_export(tmp_path / "report.md", render_workshop(workshop, "md"))
    out = tmp_path / "report.docx"
    subprocess.run(
        [pandoc, "-f", "gfm", "-t", "docx", "-o", str(out), str(tmp_path / "report.md")],
        check=True,
        timeout=120,
    )
    document = docx.Document(str(out))
    rows = {row.cells[0].text: [c.text for c in row.cells] for row in document.tables[0].rows}
    assert rows["Rapid Digitization"][2] == (
        "1. Philippines; 2. Thailand; 3. Kazakhstan; 4. Russian Federation; 5. Carpathian Ukraine"
    )
    assert rows[special] == [special, "India", "1. Fiji"]
    assert rows["Nobody yet"][2] == "—"
    paragraphs = [p.text for p in document.paragraphs]
    assert any(p.startswith("The deliberations generated 40 possibilities") for p in paragraphs)
