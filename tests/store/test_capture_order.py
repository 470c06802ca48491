"""One order everywhere: Table 1's countries, the interest lists, the CSV rows, ``tally --json``
and the JSON export's records follow the order of capture (clock stamp, then device, then
uid), so the laptop merged into and the order of merging change nothing that is printed."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from matchdesk.store.clock import Clock
from matchdesk.store.exchange.export import render_workshop
from matchdesk.store.exchange.tally_output import tallies_json
from matchdesk.store.identity import capture_rank, in_capture_order
from matchdesk.store.merge.merging import merge_files
from matchdesk.store.workshop import Workshop


def _at(workshop: Workshop, device: str, wall: str) -> None:
    """The laptop's clock reads ``wall`` (a colleague's laptop, minutes apart)."""
    workshop.ledger.clock = Clock(device, now=lambda: wall)


def _capture(path: Path, device: str, wall: str, country: str) -> None:
    with Workshop.open(path, device=device) as workshop:
        _at(workshop, device, wall)
        workshop.record_interests(workshop.presentations()[0].uid, country)


def _outputs(path: Path) -> dict[str, object]:
    with Workshop.open(path, readonly=True) as workshop:
        out: dict[str, object] = {
            fmt: render_workshop(workshop, fmt) for fmt in ("md", "csv", "docx")
        }
        out["tally"] = tallies_json(workshop.tallies())
        out["names"] = [i.country.name for i in workshop.interests()]
        dump = json.loads(render_workshop(workshop, "json"))
        dump["workshop"].pop("current_presentation", None)  # each laptop's own highlight
        out["json"] = dump
        return out


def test_every_laptop_prints_the_countries_in_the_order_they_were_captured(
    tmp_path: Path,
) -> None:
    start = tmp_path / "start.json"
    with Workshop.open(start, device="podium") as workshop:
        _at(workshop, "podium", "2021-10-29T09:00:00.000Z")
        workshop.set_info(title="Astana 2021")
        workshop.add_presentation("ASAN service", "AZE")
    room, chat = tmp_path / "room.json", tmp_path / "chat.json"
    shutil.copy(start, room)
    shutil.copy(start, chat)
    _capture(room, "room", "2021-10-29T10:00:00.000Z", "Ghana")
    _capture(chat, "chat", "2021-10-29T10:01:00.000Z", "Chile")
    _capture(room, "room", "2021-10-29T10:02:00.000Z", "Peru")
    for into, other, device in ((room, chat, "room"), (chat, room, "chat")):
        with Workshop.open(into, device=device) as workshop:
            merge_files(workshop, [other])
    room_out, chat_out = _outputs(room), _outputs(chat)
    assert room_out["names"] == ["Ghana", "Chile", "Peru"]
    assert "1. Ghana; 2. Chile; 3. Peru" in room_out["md"].decode()  # type: ignore[union-attr]
    csv_rows = room_out["csv"].decode().splitlines()[1:]  # type: ignore[union-attr]
    assert [row.split(",")[4] for row in csv_rows] == ["Ghana", "Chile", "Peru"]
    for key in room_out:
        assert room_out[key] == chat_out[key], key


_STAMPS = st.sampled_from(
    ["2021-06-01T10:00:00.000Z/000000/a", "2021-06-01T10:00:00.000Z/000001/a", "2021-06-02"]
)
_UIDS = st.sampled_from(["u1", "u2", "u3"])
_STAMPED = st.fixed_dictionaries({"uid": _UIDS, "hlc": _STAMPS})  # as the app writes them
_ODD = st.fixed_dictionaries(  # an older file's, or a damaged one's
    {"uid": _UIDS},
    optional={
        "hlc": st.one_of(st.none(), st.integers(0, 2)),
        "captured_at": st.sampled_from(["2021-06-01T09:00:00Z", "2021-06-03T09:00:00Z"]),
    },
)
_RECORDS = st.one_of(
    st.lists(_STAMPED, max_size=8), st.lists(st.one_of(_STAMPED, _ODD), max_size=8)
)


@given(_RECORDS, st.booleans())
def test_the_dump_orders_any_file_as_the_sort_by_capture_does(docs: list, ahead: bool) -> None:
    """The JSON export's order, taken as it stands when the stamps rise: the same records as
    sorting them by capture, whatever a file holds (no stamp, a stamp that is not text,
    equal stamps, records in another order)."""
    if ahead:  # the file the app writes alone: records in the order of their stamps
        docs = sorted(docs, key=capture_rank)
    assert in_capture_order(docs) == sorted(docs, key=capture_rank)
