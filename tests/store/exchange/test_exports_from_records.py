"""Exports written from the records as they are made give what the frozen values give, byte
for byte; the lazy parts of a read-only open (the names index, the captures' index) change
nothing a reader sees."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from matchdesk.store.exchange.export import (
    FORMATS,
    Choices,
    export_workshop,
    json_export,
    render,
    render_workshop,
)
from matchdesk.store.exchange.export.docx_export import render_docx
from matchdesk.store.exchange.export.json_export import render_json
from matchdesk.store.exchange.tally_output import tallies_json
from matchdesk.store.followup import Followup, Stage
from matchdesk.store.followup.exports import followup_export
from matchdesk.store.followup.funnel import funnel
from matchdesk.store.merge.combined import open_combined
from matchdesk.store.merge.merging import merge_files
from matchdesk.store.models import Channel
from matchdesk.store.workshop import Workshop
from tests.conftest import run_cli
from tests.store.conftest import TwoLaptops

HOSTILE = 'a "quote", & <b> and \'; =SUM(1)\r\nsecond\rthird\n\nلاجئين English'


@pytest.fixture
def merged(two_laptops: TwoLaptops) -> Path:
    """The seed captured on two laptops and merged (interests captured twice, presentations
    registered twice), then followed up, with a hostile note and a stray channel."""
    with Workshop.open(two_laptops.room, device="room") as workshop:
        merge_files(workshop, [two_laptops.chat])
        first = workshop.presentations()[0]
        interest = workshop.record_interests(first.uid, "Fiji", Channel.IN_ROOM, HOSTILE)
        doc = workshop.ledger.record("interests", interest.recorded[0].uid) or {}
        workshop.ledger.commit(
            "a channel from elsewhere", [("interests", {**doc, "channel": "phone"})]
        )
        desk = Followup(workshop)
        keys = [p.key for p in desk.possibilities()]
        desk.set_stage(keys[:4], Stage.CONTACTED)
        desk.add_note(keys[:1], HOSTILE)
    return two_laptops.room


@pytest.mark.parametrize("fmt", FORMATS)
def test_an_export_from_the_records_is_the_export_of_the_values(
    merged: Path, tmp_path: Path, fmt: str
) -> None:
    with Workshop.open(merged, readonly=True) as workshop:
        from_values = render(
            fmt,
            info=workshop.info(),
            tallies=workshop.tallies(),
            dump=workshop.dump(),
            followup=followup_export(Followup(workshop), fmt),
        )
        target = tmp_path / f"out.{fmt}"
        export_workshop(workshop, fmt, target)
        assert target.read_bytes() == render_workshop(workshop, fmt) == from_values


def test_csv_follow_up_columns_from_the_records(merged: Path) -> None:
    with Workshop.open(merged, readonly=True) as workshop:
        extra = followup_export(Followup(workshop), "csv", columns=True)
        from_values = render(
            "csv", info=workshop.info(), tallies=workshop.tallies(), followup=extra
        )
        assert render_workshop(workshop, "csv", Choices(followup_columns=True)) == from_values


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=6), inner, max_size=4)
    ),
    max_leaves=20,
)


@settings(max_examples=150, deadline=None)
@given(
    st.dictionaries(
        st.text(max_size=8),
        json_values | st.lists(st.dictionaries(st.sampled_from(["uid", "%s", "é"]), json_values)),
        max_size=5,
    )
)
def test_the_json_export_is_json_dumps_indented(dump: dict) -> None:
    expected = json.dumps(dump, ensure_ascii=False, indent=2) + "\n"
    assert render_json(dump) == expected.encode("utf-8", "surrogatepass")


def test_the_json_export_of_keys_json_converts() -> None:
    dump = {"a": [{1: "x", None: [1.5, {"b": float("nan")}]}, {"k": {}}], "b": []}
    assert render_json(dump) == (json.dumps(dump, ensure_ascii=False, indent=2) + "\n").encode()


_PLAIN_VALUE = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**64), max_value=2**64)
    | st.text(alphabet=st.characters(codec="utf-8") | st.sampled_from('\x00\x1f\x7f\u2028"\\'))
)


@pytest.mark.parametrize("orjson", [True, False], ids=["orjson", "layout"])
@settings(max_examples=40, deadline=None)
@given(
    record=st.dictionaries(st.sampled_from(["uid", "note", "n", "é", "%s"]), _PLAIN_VALUE),
    other=st.dictionaries(st.text(max_size=4), json_values, max_size=3),
    count=st.integers(0, 1_300),
)
def test_a_table_of_plain_records_is_json_dumps_indented(
    record: dict, other: dict, count: int, orjson: bool
) -> None:
    """Records of text, numbers, booleans and nulls (every table of a workshop) are written
    by orjson, when it is installed, a few hundred at a time: the same bytes, whatever a record
    holds and wherever a batch ends; a record orjson would write otherwise goes the long way."""
    if orjson and json_export._orjson is None:
        pytest.skip("orjson is not installed")
    records = [{**record, "number": n} for n in range(count)]
    if count > 700:
        records[700] = other  # a batch with a float or a nested value in it
    dump = {"meta": [{"title": "x"}], "interests": records, "empty": []}
    expected = json.dumps(dump, ensure_ascii=False, indent=2) + "\n"
    with pytest.MonkeyPatch.context() as patch:
        if not orjson:
            patch.setattr(json_export, "_orjson", None)
        assert render_json(dump) == expected.encode("utf-8", "surrogatepass")


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_the_docx_body_is_what_lxml_writes(merged: Path, lang: str) -> None:
    """The body goes into the package as text, never parsed: it must be what parsing and
    saving it gives (lxml's escaping, its empty elements, a carriage return read as a line
    feed), so Word, LibreOffice and python-docx read what they read before."""
    import io
    import zipfile

    from matchdesk.store.exchange.document import Column, Document, Items, Paragraph, Table

    with Workshop.open(merged, readonly=True) as workshop:
        data = render_workshop(workshop, "docx", Choices(lang=lang))
    document = Document(
        "Title " + HOSTILE,
        lang,
        (
            Paragraph(HOSTILE),
            Paragraph(""),
            Items(("", HOSTILE, "x")),
            Table((Column("a"), Column("n", numeric=True)), ((HOSTILE, 3), (Items(()), 0))),
        ),
    )
    from datetime import datetime

    for docx in (data, render_docx(document, datetime(2021, 10, 29))):
        part = zipfile.ZipFile(io.BytesIO(docx)).read("word/document.xml")
        parsed = etree.fromstring(part)
        again = etree.tostring(parsed, encoding="UTF-8", standalone=True, xml_declaration=True)
        assert part.split(b"?>", 1)[1] == again.split(b"?>", 1)[1]


def test_tally_json_is_one_compact_line(merged: Path) -> None:
    with Workshop.open(merged, readonly=True) as workshop:
        expected = json.dumps(
            tallies_json(workshop.tallies()), ensure_ascii=False, separators=(",", ":")
        )
    done = run_cli("tally", merged, "--json")
    assert done.returncode == 0, done.stderr
    assert done.stdout == expected + "\n"


def test_a_reader_counts_and_shows_what_a_writer_does(merged: Path) -> None:
    with Workshop.open(merged, readonly=True) as reader:
        seen = (reader.interests(), reader.tallies(), list(reader.interest_keys()))
        first = reader.presentations()[0]
        fields = reader.capture_fields(first.uid)
    with Workshop.open(merged) as writer:
        assert (writer.interests(), writer.tallies(), list(writer.interest_keys())) == seen
        assert writer.capture_fields(first.uid) == fields
        assert any(len(i.captured_on) == 2 for i in writer.interests())  # captured twice
        assert {("phone" in f) for f in fields} == {False}  # a stray channel reads unspecified


def test_a_readers_interest_list_shows_where_each_was_captured_as_a_writers(
    merged: Path,
) -> None:
    """A reader (and the app before its first paint) builds one presentation's interests
    without indexing every capture: where each was captured, a country withdrawn and
    captured again, and the captures merged from two laptops read as a writer reads them."""
    with Workshop.open(merged, device="podium") as workshop:
        first = workshop.presentations()[0]
        again = workshop.record_interests(first.uid, "Japan", Channel.ONLINE, "")
        workshop.withdraw_interest(again.recorded[0].uid)
        workshop.record_interests(first.uid, "Japan", Channel.IN_ROOM, "")
    with Workshop.open(merged, readonly=True) as reader:
        seen = [reader.interests(p.uid) for p in reader.presentations()]
    with Workshop.open(merged) as writer:
        assert [writer.interests(p.uid) for p in writer.presentations()] == seen
    shown = {i.country.name: (i.channel, i.captured_on) for i in seen[0]}
    assert shown["Japan"] == (Channel.IN_ROOM, ("podium",))
    assert any(len(i.captured_on) == 2 for row in seen for i in row)  # merged captures


def test_the_follow_up_reads_the_fields_of_the_interests_values_hold(merged: Path) -> None:
    """Merged captures, a presentation registered twice, a hostile note: the records'
    fields (what the follow-up reads) are the values' fields, in the same order."""
    for readonly in (True, False):
        with Workshop.open(merged, readonly=readonly) as workshop:
            values = [
                (i.presentation_uid, i.country.code, i.note, i.captured_at)
                for i in workshop.interests()
            ]
            assert workshop.interest_fields() == values
            assert any(note.startswith('a "quote", &') for *_, note, _ in values)


def test_the_funnel_counts_every_possibility_without_building_them(merged: Path) -> None:
    with Workshop.open(merged) as workshop:
        desk = Followup(workshop)
        assert desk.funnel() == funnel(p.state for p in Followup(workshop).possibilities())
        assert desk.funnel().count_at(Stage.CONTACTED) == 4
        assert desk.has_records()
        withdrawn = desk.possibilities()[0]
        workshop.withdraw_interest(workshop.interests(withdrawn.key[0])[0].uid)
        assert desk.funnel() == funnel(p.state for p in desk.possibilities())


def test_capturing_with_a_peer_replaces_records_never_copies_them(
    two_laptops: TwoLaptops,
) -> None:
    """``open --with`` indexes the joined view as a reader first: its writes must still find
    the records they replace."""
    with open_combined(two_laptops.room, [two_laptops.chat]) as workshop:
        first = workshop.presentations()[0]
        before = len(list(workshop.ledger.records("interests", deleted=True)))
        interest = workshop.interests(first.uid)[0]
        workshop.update_interest(interest.uid, channel=Channel.ONLINE)
        workshop.record_interest(first.uid, "Fiji")
        assert len(list(workshop.ledger.records("interests", deleted=True))) == before + 1
        assert workshop.interests(first.uid)[0].channel is Channel.ONLINE
        workshop.undo()
        workshop.undo()
        assert workshop.interests(first.uid)[0].channel is interest.channel


def test_counting_never_builds_the_index_of_names(seeded_file: Path) -> None:
    """A command that only counts stored codes does not pay for the names in seven
    languages (0.1 s); resolving a name builds it."""
    script = (
        "import sys\n"
        "from matchdesk.store.countries.index import iso_index\n"
        "from matchdesk.store.exchange.export import render_workshop\n"
        "from matchdesk.store.workshop import Workshop\n"
        f"with Workshop.open({str(seeded_file)!r}, readonly=True) as workshop:\n"
        "    workshop.tallies()\n"
        "    for fmt in ('csv', 'md', 'json'):\n"
        "        render_workshop(workshop, fmt)\n"
        "    print(iso_index.cache_info().currsize)\n"
        "    workshop.resolve('Kazakhstan')\n"
        "    print(iso_index.cache_info().currsize)\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["0", "1"]
