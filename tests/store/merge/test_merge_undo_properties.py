"""Merge, undo, merge again as properties: random divergent histories on 2-4 laptops (the
histories of ``test_merge_properties``), each laptop merging the others in its own order,
undoing every merge and merging again, end with files equal to a single merge and with the
same exports on every laptop: Markdown, CSV and DOCX bytes, ``tally --json``, and JSON
records in the same order (only each laptop's own highlight may differ)."""

from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from matchdesk.store.exchange.export import render_workshop
from matchdesk.store.exchange.tally_output import tallies_json
from matchdesk.store.merge.join import read_state
from matchdesk.store.merge.merging import merge_files
from matchdesk.store.workshop import Workshop
from tests.store.merge.test_merge_properties import STEPS, _histories


def _exports(path: Path) -> dict[str, Any]:
    with Workshop.open(path, readonly=True) as workshop:
        out: dict[str, Any] = {fmt: render_workshop(workshop, fmt) for fmt in ("md", "csv", "docx")}
        out["tally"] = tallies_json(workshop.tallies())
        dump = json.loads(render_workshop(workshop, "json"))
        dump["workshop"].pop("current_presentation", None)  # this laptop's own highlight
        out["json"] = dump
        return out


def _without_own(state: dict[str, Any]) -> dict[str, Any]:
    meta = {
        uid: {k: v for k, v in d.items() if k != "current_presentation"}
        for uid, d in state.get("meta", {}).items()
    }
    return {**state, "meta": meta}


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(devices=st.integers(2, 4), steps=STEPS, shift=st.integers(0, 3))
def test_merge_undo_merge_equals_merge_and_every_laptop_exports_the_same(
    devices: int, steps: list[tuple[int, tuple[Any, ...]]], shift: int
) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        paths = _histories(folder, devices, steps)
        copies = []
        for n, path in enumerate(paths):
            others = [p for p in paths if p != path]
            k = (shift + n) % len(others)
            order = others[k:] + others[:k]
            if n % 2:
                order.reverse()
            once, again = folder / f"once{n}.json", folder / f"again{n}.json"
            shutil.copy(path, once)
            shutil.copy(path, again)
            with Workshop.open(once, device=f"laptop{n}") as workshop:
                merge_files(workshop, order)
            with Workshop.open(again, device=f"laptop{n}") as workshop:
                # One at a time, each its own undo step (a merge that brings nothing has none).
                steps_made = sum(bool(merge_files(workshop, [o]).written) for o in order)
                for _ in range(steps_made):
                    assert workshop.undo() is not None
                assert not workshop.can_undo
                assert read_state(again) == read_state(path)  # as before any merge
                merge_files(workshop, list(reversed(order)))
            assert read_state(again) == read_state(once)  # merge, undo, merge = merge
            copies.append(again)
        first = _exports(copies[0])
        states = [_without_own(read_state(p)) for p in copies]
        for path, state in zip(copies[1:], states[1:], strict=True):
            assert state == states[0]
            exports = _exports(path)
            for key, value in first.items():
                assert exports[key] == value, key
