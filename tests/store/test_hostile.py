"""The hostile corpus through every store entry point: nothing crashes, nothing is interpreted,
every string is stored sanitised of control characters."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from matchdesk.store.exchange.importing import import_sources
from matchdesk.store.exchange.tabular import restore_cell
from matchdesk.store.validation import clean_text, title_key
from matchdesk.store.workshop import Workshop

CORPUS: list[str] = json.loads(
    (Path(__file__).parent.parent / "fixtures" / "hostile.json").read_text(encoding="utf-8")
)


def test_corpus_is_big_and_varied() -> None:
    assert len(CORPUS) >= 100
    assert any("\x1b" in s for s in CORPUS) and any(len(s) >= 10_000 for s in CORPUS)
    assert "" in CORPUS and "[/b]" in CORPUS and "=1+1" in CORPUS


def _rows() -> list[tuple[str, str]]:
    """(raw string, title to store it under): blank strings ride under a plain title."""
    rows, seen = [], set()
    for n, raw in enumerate(CORPUS):
        title = raw if clean_text(raw) else f"blank {n}"
        key = title_key(clean_text(title))
        if key not in seen:
            seen.add(key)
            rows.append((raw, title))
    return rows


def _assert_stored(workshop: Workshop, rows: list[tuple[str, str]], strip=lambda s: s) -> None:
    by_title = {p.title: p for p in workshop.presentations()}
    assert len(by_title) == len(rows)
    for raw, title in rows:
        p = by_title[clean_text(strip(title))]
        assert p.presenter == clean_text(strip(raw))
        [interest] = workshop.interests(p.uid)
        assert interest.note == clean_text(strip(raw), multiline=True)
        for text in (p.title, p.presenter, interest.note):
            assert not any((ord(c) < 32 and c != "\n") or 0x7F <= ord(c) <= 0x9F for c in text)


def test_csv_import(workshop: Workshop, tmp_path: Path) -> None:
    rows = _rows()
    source = tmp_path / "hostile.csv"
    with source.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["title", "presenter_country", "presenter", "interested_country", "note"])
        for raw, title in rows:
            writer.writerow([title, "Fiji", raw, "Kazakhstan", raw])
    report = import_sources(workshop, [source])
    assert report.presentations_added == len(rows)
    _assert_stored(workshop, rows, restore_cell)  # "'=x" is a spreadsheet's quoted "=x"


def test_xlsx_import(workshop: Workshop, tmp_path: Path) -> None:
    def strip(text: str) -> str:  # a workbook cannot hold these characters at all
        return restore_cell(ILLEGAL_CHARACTERS_RE.sub("", text))

    rows = [(r, t) for r, t in _rows() if clean_text(strip(t))]
    book = Workbook()
    sheet = book.active
    sheet.append(["title", "presenter_country", "presenter", "interested_country", "note"])
    for raw, title in rows:
        sheet.append([strip(title), "Fiji", strip(raw), "Kazakhstan", strip(raw)])
    for row in sheet.iter_rows():
        for cell in row:
            cell.data_type = "s"  # text as typed, never a formula
    book.save(tmp_path / "hostile.xlsx")
    import_sources(workshop, [tmp_path / "hostile.xlsx"])
    _assert_stored(workshop, rows, strip)


def test_json_import_of_raw_strings(workshop: Workshop, tmp_path: Path) -> None:
    rows = _rows()
    with Workshop.open(tmp_path / "src.json") as source:
        for n, _ in enumerate(rows):
            p = source.add_presentation(f"placeholder {n}", "Fiji")
            source.record_interest(p.uid, "Kazakhstan")
        dump = source.dump()
    for (raw, title), p in zip(rows, dump["presentations"], strict=True):
        p["title"], p["presenter"] = title, raw
        interest = next(i for i in dump["interests"] if i["presentation"] == p["uid"])
        interest["note"] = raw
    (tmp_path / "raw.json").write_text(json.dumps(dump), encoding="utf-8")
    import_sources(workshop, [tmp_path / "raw.json"])
    _assert_stored(workshop, rows)


@pytest.mark.parametrize("raw", [s for s in CORPUS if clean_text(s)][:60])
def test_typed_entries(workshop: Workshop, raw: str) -> None:
    """What the TUI passes on: titles, presenters and typed country text never crash."""
    p = workshop.add_presentation(raw, "Fiji", presenter=raw, theme=raw)
    assert p.title == clean_text(raw)
    result = workshop.record_interests(p.uid, raw)
    assert len(result.recorded) + len(result.unknown) + len(result.duplicates) >= 0
    workshop.update_presentation(p.uid, title=raw + " (edited)")
    assert workshop.suggest(raw) is not None


def test_export_every_format_and_back(workshop: Workshop, tmp_path: Path) -> None:
    """The corpus goes out in every format: no formula cell, reports render, CSV/JSON import back
    into the same records (XLSX too)."""
    import io
    import zipfile

    from docx import Document
    from openpyxl import load_workbook

    from matchdesk.store.exchange.export import FORMATS, render

    rows = _rows()
    for n, (raw, title) in enumerate(rows):
        p = workshop.add_presentation(title, "Fiji", presenter=raw)
        workshop.record_interest(p.uid, "Kazakhstan" if n % 2 else "Chad", note=raw)
    info, tallies, dump = workshop.info(), workshop.tallies(), workshop.dump()
    out = {fmt: render(fmt, info=info, tallies=tallies, dump=dump) for fmt in FORMATS}
    cells = [c for row in csv.reader(io.StringIO(out["csv"].decode("utf-8-sig"))) for c in row]
    assert not any(c.startswith(("=", "+", "-", "@", "\t", "\r")) for c in cells)
    (tmp_path / "x.xlsx").write_bytes(out["xlsx"])
    book = load_workbook(tmp_path / "x.xlsx")
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f"
                if isinstance(cell.value, str) and cell.value.startswith(("=", "+", "-", "@")):
                    assert cell.quotePrefix  # shown as typed, kept as text
    assert b"<f>" not in zipfile.ZipFile(io.BytesIO(out["xlsx"])).read("xl/worksheets/sheet1.xml")
    (tmp_path / "x.docx").write_bytes(out["docx"])
    assert len(Document(str(tmp_path / "x.docx")).tables[0].rows) == len(rows) + 1
    markdown = out["md"].decode("utf-8")
    assert "\x1b" not in markdown and f"{len(rows)} possibilities" in markdown
    for fmt in ("csv", "json", "xlsx"):
        (tmp_path / f"x.{fmt}").write_bytes(out[fmt])
        with Workshop.open(tmp_path / f"back-{fmt}.json") as again:
            import_sources(again, [tmp_path / f"x.{fmt}"])
            assert sorted(p.title for p in again.presentations()) == sorted(
                p.title for p in workshop.presentations()
            )
            assert sorted(i.note for i in again.interests()) == sorted(
                i.note for i in workshop.interests()
            )
