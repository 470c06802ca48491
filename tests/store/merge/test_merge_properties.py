"""The merge as properties: random divergent histories on 2-4 laptops from a common start,
written through the real facade to real files, merged in every order and grouping, give the
same records and the same tallies; a capture no other laptop saw always survives."""

from __future__ import annotations

import contextlib
import itertools
import shutil
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from matchdesk.store.errors import MatchdeskError
from matchdesk.store.merge.join import State, join_states, read_state
from matchdesk.store.merge.merging import merge_files
from matchdesk.store.models import Channel
from matchdesk.store.validation import title_key
from matchdesk.store.workshop import Workshop

COUNTRIES = ["KAZ", "THA", "PHL", "IND", "FJI"]
TITLES = ["Project Rangeet", "project  rangeet", "ASAN service", "Telehealth"]
WORDS = ["", "follow up", "in the chat", "asked twice"]

OPS = st.one_of(
    st.tuples(
        st.just("capture"),
        st.integers(0, 5),
        st.sampled_from(COUNTRIES),
        st.sampled_from(list(Channel)),
    ),
    st.tuples(st.just("withdraw"), st.integers(0, 20)),
    st.tuples(st.just("note"), st.integers(0, 20), st.sampled_from(WORDS)),
    st.tuples(st.just("channel"), st.integers(0, 20), st.sampled_from(list(Channel))),
    st.tuples(st.just("theme"), st.integers(0, 5), st.sampled_from(WORDS)),
    st.tuples(st.just("title"), st.integers(0, 5), st.sampled_from(TITLES)),
    st.tuples(st.just("add"), st.sampled_from(TITLES), st.sampled_from(COUNTRIES)),
    st.tuples(st.just("remove"), st.integers(0, 5)),
    st.tuples(st.just("move"), st.integers(0, 5), st.integers(0, 5)),
    st.tuples(st.just("venue"), st.sampled_from(WORDS)),
    st.tuples(st.just("custom"), st.sampled_from(["Region A", "region  a", "Region B"])),
    st.tuples(st.just("undo")),
    st.tuples(st.just("sync"), st.integers(0, 3)),
)


def _nth(items: tuple[Any, ...], n: int) -> Any:
    return items[n % len(items)] if items else None


def _apply(workshops: list[Workshop], me: int, op: tuple[Any, ...]) -> None:
    w = workshops[me]
    kind, args = op[0], op[1:]
    presentations, interests = w.presentations(), w.interests()
    with contextlib.suppress(MatchdeskError):
        if kind == "capture" and (p := _nth(presentations, args[0])):
            w.record_interests(p.uid, args[1], args[2])
        elif kind == "withdraw" and (i := _nth(interests, args[0])):
            w.withdraw_interest(i.uid)
        elif kind == "note" and (i := _nth(interests, args[0])):
            w.update_interest(i.uid, note=args[1])
        elif kind == "channel" and (i := _nth(interests, args[0])):
            w.update_interest(i.uid, channel=args[1])
        elif kind == "theme" and (p := _nth(presentations, args[0])):
            w.update_presentation(p.uid, theme=args[1])
        elif kind == "title" and (p := _nth(presentations, args[0])):
            w.update_presentation(p.uid, title=args[1])
        elif kind == "add":
            w.add_presentation(args[0], args[1])
        elif kind == "remove" and (p := _nth(presentations, args[0])):
            w.remove_presentation(p.uid)
        elif kind == "move" and (p := _nth(presentations, args[0])):
            w.move_presentation(p.uid, args[1])
        elif kind == "venue":
            w.set_info(venue=args[0])
        elif kind == "custom":
            w.add_custom_country(args[0])
        elif kind == "undo":
            w.undo()
        elif kind == "sync":
            other = args[0] % len(workshops)
            if other != me:
                merge_files(w, [workshops[other].path])


def _histories(folder: Path, devices: int, steps: list[tuple[int, tuple[Any, ...]]]) -> list[Path]:
    start = folder / "start.json"
    with Workshop.open(start, device="origin") as w:
        w.set_info(title="Property workshop", venue="Astana")
        for title, code in (("Digital ID", "KAZ"), ("Telehealth", "BGD"), ("CAF", "FRA")):
            w.add_presentation(title, code)
        w.record_interests(w.presentations()[0].uid, "tha, phl")
    paths = [folder / f"laptop{n}.json" for n in range(devices)]
    for path in paths:
        shutil.copy(start, path)
    workshops = [Workshop.open(p, device=f"laptop{n}") for n, p in enumerate(paths)]
    try:
        for who, op in steps:
            _apply(workshops, who % devices, op)
    finally:
        for w in workshops:
            w.close()
    return paths


def _groupings(items: list[State]) -> list[State]:
    """The join of ``items`` under every binary bracketing (in this order)."""
    if len(items) == 1:
        return [items[0]]
    found = []
    for cut in range(1, len(items)):
        for left in _groupings(items[:cut]):
            for right in _groupings(items[cut:]):
                found.append(join_states([left, right]))
    return found


def _tally_view(path: Path) -> tuple[Any, ...]:
    """What a rapporteur sees: presentations with their interested countries, and totals."""
    with Workshop.open(path, readonly=True) as w:
        rows = sorted(
            (
                p.title,
                p.country.code,
                p.theme,
                tuple(
                    sorted((i.country.code, i.channel.value, i.note) for i in w.interests(p.uid))
                ),
            )
            for p in w.presentations()
        )
        return (tuple(rows), w.totals(), w.info().venue, len(w.custom_countries()))


STEPS = st.lists(st.tuples(st.integers(0, 3), OPS), min_size=1, max_size=18)


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(devices=st.integers(2, 4), steps=STEPS)
def test_merge_is_commutative_associative_and_idempotent(
    devices: int, steps: list[tuple[int, tuple[Any, ...]]]
) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        paths = _histories(folder, devices, steps)
        states = [read_state(p) for p in paths]
        expected = join_states(states)
        for order in itertools.permutations(states):
            assert join_states(order) == expected
        for grouped in _groupings(states):
            assert grouped == expected
        for state in states:
            assert join_states([expected, state]) == expected  # idempotent: nothing new

        # Through the facade, as `matchdesk merge` does: every file into the first, one at a
        # time, and all at once into the last in the reverse order.
        one_by_one, at_once = folder / "one.json", folder / "once.json"
        shutil.copy(paths[0], one_by_one)
        shutil.copy(paths[-1], at_once)
        with Workshop.open(one_by_one, device="merger") as w:
            for path in paths[1:]:
                merge_files(w, [path])
        with Workshop.open(at_once, device="merger") as w:
            merge_files(w, list(reversed(paths[:-1])))
            assert w.check() == []
        assert read_state(one_by_one) == read_state(at_once) == expected
        assert _tally_view(one_by_one) == _tally_view(at_once)

        # Each interest counts once, and a capture that no other laptop ever saw survives any
        # withdrawal made elsewhere (add wins over an unseen withdrawal).
        with Workshop.open(one_by_one, readonly=True) as w:
            live = {p.uid: (title_key(p.title), p.country.code) for p in w.presentations()}
            shown = [(live[i.presentation_uid], i.country.code) for i in w.interests()]
            assert len(shown) == len(set(shown)) == w.totals().interests
            holders: dict[str, list[dict[str, Any]]] = {}
            for state in states:
                for uid, doc in state.get("interests", {}).items():
                    holders.setdefault(uid, []).append(doc)
            for docs in holders.values():
                if len(docs) == 1 and not docs[0].get("deleted"):
                    record = w.ledger.record("interests", docs[0]["uid"])
                    assert record is not None and not record.get("deleted")
