"""Bad import sources: exit 1, one clear line, no traceback, the workshop file unchanged."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook

from matchdesk.store.exchange.importing import import_sources
from matchdesk.store.workshop import Workshop


def _snapshot(path: Path) -> dict[str, bytes]:
    return {
        p.name: p.read_bytes()
        for p in sorted(path.parent.iterdir())
        if p.is_file() and not p.name.endswith(".lock")
    }


def _assert_refused(cli, workshop_file: Path, source: Path, words: str) -> None:
    before = _snapshot(workshop_file)
    result = cli("import", workshop_file, source)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert words in lines[0]
    after = {k: v for k, v in _snapshot(workshop_file).items() if k != source.name}
    assert after == {k: v for k, v in before.items() if k != source.name}


HEADER = "title,presenter_country,interested_country\n"


@pytest.mark.parametrize(
    ("name", "content", "words"),
    [
        (
            "latin1.csv",
            (HEADER + "Caf\xe9 talk,France,Kazakhstan\n").encode("latin-1"),
            "not UTF-8",
        ),
        ("nocols.csv", b"name,country\nx,France\n", "missing required column"),
        ("quotes.csv", (HEADER + '"A "bad" title",France,Kazakhstan\n').encode(), "line 2"),
        ("unclosed.csv", (HEADER + '"never closed,France,Kazakhstan\n').encode(), "malformed"),
        ("nocountry.csv", (HEADER + "A title,,Kazakhstan\n").encode(), "presenting country"),
        (
            "channel.csv",
            b"title,presenter_country,interested_country,channel\nT,France,Chad,zoom\n",
            "channel",
        ),
        (
            "when.csv",
            b"title,presenter_country,interested_country,captured_at\nT,France,Chad,soon\n",
            "captured_at",
        ),
        ("empty.csv", b"", "empty"),
        ("bad.xlsx", b"PK\x03\x04 not really a zip", "not a readable .xlsx"),
        ("bad.json", b"{not json", "not valid JSON"),
        ("other.json", b'{"hello": 1}', "not a matchdesk export"),
        ("table.txt", b"x", "use .csv, .xlsx or .json"),
    ],
)
def test_bad_source_is_refused(
    seeded_file: Path, cli, name: str, content: bytes, words: str
) -> None:
    source = seeded_file.parent / name
    source.write_bytes(content)
    _assert_refused(cli, seeded_file, source, words)


def test_missing_source(seeded_file: Path, cli) -> None:
    _assert_refused(cli, seeded_file, seeded_file.parent / "nowhere.csv", "does not exist")


def test_bad_row_after_good_rows_writes_nothing(workshop: Workshop, tmp_path: Path) -> None:
    source = tmp_path / "half.csv"
    source.write_text(HEADER + "Good one,France,Kazakhstan\nBad one,,Chad\n", encoding="utf-8")
    with pytest.raises(Exception, match="line 3"):
        import_sources(workshop, [source])
    assert workshop.presentations() == ()


def test_bom_and_header_case(workshop: Workshop, tmp_path: Path) -> None:
    source = tmp_path / "bom.csv"
    source.write_bytes(
        "\ufeffTITLE, Presenter_Country ,Interested_Country,Channel\n"
        "Talk,Fiji,THA,in room\nTalk,Fiji,,\nSolo,Chad,,\n".encode()
    )
    report = import_sources(workshop, [source])
    assert (report.presentations_added, report.interests_added) == (2, 1)
    [interest] = workshop.interests()
    assert interest.channel == "in_room"
    assert interest.country.code == "THA"


def test_xlsx_import(workshop: Workshop, tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    sheet.append(["Title", "presenter_country", "interested_country", "note"])
    sheet.append(["Telehealth", "Bangladesh", "Republic of the Philippines", "asked twice"])
    sheet.append(["Telehealth", "Bangladesh", "Carpathian Ukraine", None])
    sheet.append([None, None, None, None])
    book.save(tmp_path / "in.xlsx")
    report = import_sources(workshop, [tmp_path / "in.xlsx"])
    assert report.interests_added == 2
    assert report.custom_countries_created == ("Carpathian Ukraine",)
    notes = {i.country.name: i.note for i in workshop.interests()}
    assert notes["Philippines"] == "asked twice"


def test_several_sources_all_or_nothing(workshop: Workshop, tmp_path: Path, seed_csv: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_bytes(b"title\nx\n")
    with pytest.raises(Exception, match="presenter_country"):
        import_sources(workshop, [seed_csv, bad])
    assert workshop.tallies().totals.interests == 0


def test_control_characters_are_stripped(workshop: Workshop, tmp_path: Path) -> None:
    source = tmp_path / "ctl.csv"
    source.write_text(HEADER + "Ti\x1b[31mtle\x07,Chad,Fiji\n", encoding="utf-8")
    import_sources(workshop, [source])
    assert workshop.presentations()[0].title == "Ti[31mtle"


def test_json_import_never_reuses_a_tombstones_uid(workshop: Workshop, tmp_path: Path) -> None:
    """A uid names one record for ever: a withdrawn interest's uid is not taken over."""
    import json

    p = workshop.add_presentation("Project Rangeet", "India")
    gone = workshop.record_interest(p.uid, "Fiji")
    workshop.withdraw_interest(gone.uid)
    dump = workshop.dump()
    for doc in dump["interests"]:
        doc["deleted"] = False  # the same interest, live in another facilitator's file
    (tmp_path / "other.json").write_text(json.dumps(dump), encoding="utf-8")
    report = import_sources(workshop, [tmp_path / "other.json"])
    assert report.interests_added == 1
    [live] = workshop.interests(p.uid)
    assert live.uid != gone.uid
    tombstone = next(d for d in workshop.dump()["interests"] if d["uid"] == gone.uid)
    assert tombstone["deleted"] is True
