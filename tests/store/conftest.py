"""Two laptops of one workshop: the seed's table split between the room and the chat."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from matchdesk.store.exchange.importing import import_sources
from matchdesk.store.models import Channel, Interest
from matchdesk.store.workshop import Workshop

SEED_CSV = Path(__file__).parent.parent.parent / "store" / "data" / "astana2021.csv"
Pair = tuple[tuple[str, str], str]  # ((title, presenting code), interested code)


@dataclass(frozen=True)
class TwoLaptops:
    room: Path
    chat: Path
    expected: frozenset[Pair]  # the seed's 39 interests
    kept: Pair  # withdrawn on the room laptop, which had not seen the chat's capture of it
    slip: Pair  # captured before the split, withdrawn on the chat laptop


def pair_of(workshop: Workshop, interest: Interest) -> Pair:
    presentation = workshop.presentation(interest.presentation_uid)
    return ((presentation.title, presentation.country.code), interest.country.code)


def pairs_of(workshop: Workshop) -> frozenset[Pair]:
    """Every live interest as ((title, presenting code), interested code)."""
    return frozenset(pair_of(workshop, i) for i in workshop.interests())


def split_seed(folder: Path) -> TwoLaptops:
    """A common start (the agenda and one slip, made on the podium laptop) copied to two
    laptops; the room captures rows 0 and 1 of every 3 of Table 1, the chat rows 1 and 2 (so a
    third are captured twice); each adds Carpathian Ukraine itself; the room then withdraws an
    interest both had captured, and the chat withdraws the slip."""
    with Workshop.open(folder / "expected.json") as seed:
        import_sources(seed, [SEED_CSV])
        rows = [pair_of(seed, i) for i in seed.interests()]
        agenda = [(p.title, p.country.code) for p in seed.presentations()]
    start = folder / "start.json"
    with Workshop.open(start, device="podium") as workshop:
        for title, code in agenda:
            workshop.add_presentation(title, code)
        workshop.set_info(title="Astana 2021")
        workshop.record_interests(workshop.presentations()[0].uid, "Norway")
    slip = (agenda[0], "NOR")
    room, chat = folder / "room.json", folder / "chat.json"
    shutil.copy(start, room)
    shutil.copy(start, chat)
    for path, device, keep, channel, custom in (
        (room, "room", {0, 1}, Channel.IN_ROOM, "Carpathian Ukraine"),
        (chat, "chat", {1, 2}, Channel.ONLINE, "carpathian  UKRAINE"),
    ):
        with Workshop.open(path, device=device) as workshop:
            workshop.add_custom_country(custom)
            uid = {(p.title, p.country.code): p.uid for p in workshop.presentations()}
            for n, (presentation, code) in enumerate(rows):
                if n % 3 in keep:
                    workshop.record_interests(uid[presentation], [workshop.country(code)], channel)
    kept = rows[1]
    with Workshop.open(room, device="room") as workshop:
        [interest] = [i for i in workshop.interests() if pair_of(workshop, i) == kept]
        workshop.withdraw_interest(interest.uid)
    with Workshop.open(chat, device="chat") as workshop:
        [interest] = [i for i in workshop.interests() if i.country.code == "NOR"]
        workshop.withdraw_interest(interest.uid)
    return TwoLaptops(room, chat, frozenset(rows), kept, slip)


@pytest.fixture
def two_laptops(tmp_path: Path) -> TwoLaptops:
    return split_seed(tmp_path)
