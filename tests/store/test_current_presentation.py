"""The presentation being discussed: kept in the file for the board, never an undo step."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from matchdesk.store.errors import NotFound
from matchdesk.store.workshop import Workshop


def test_current_presentation_is_saved_followed_and_not_undone(tmp_path: Path) -> None:
    path = tmp_path / "w.json"
    with Workshop.open(path) as workshop:
        first = workshop.add_presentation("Project Rangeet", "India")
        second = workshop.add_presentation("Rapid Digitization", "Bangladesh")
        assert workshop.current_presentation() is None
        heard = []
        workshop.subscribe(heard.append)
        change = workshop.set_current_presentation(second.uid)
        assert change is not None and change.info == {"current_presentation"}
        assert heard == [change]
        assert workshop.set_current_presentation(second.uid) is None  # no write, no fsync
        assert workshop.can_undo  # still the presentation added, not the highlight
        workshop.set_info(title="Astana 2021")
        workshop.set_current_presentation(first.uid)
        workshop.undo()  # the title edit: the discussed presentation stays
        assert workshop.info().title == ""
        assert workshop.current_presentation() == first
        with Workshop.open(path, readonly=True) as reader:  # another process (the board)
            assert reader.current_presentation() == first
        workshop.remove_presentation(first.uid)
        assert workshop.current_presentation() is None
        workshop.set_current_presentation(second.uid)
        with pytest.raises(NotFound):
            workshop.set_current_presentation(first.uid)


def test_a_version_2_file_gets_no_current_presentation(tmp_path: Path) -> None:
    path = tmp_path / "w.json"
    with Workshop.open(path) as workshop:
        workshop.add_presentation("Project Rangeet", "India")
    data = json.loads(path.read_text())
    meta = next(iter(data["meta"].values()))
    assert meta["current_presentation"] is None  # new files write the field
    del meta["current_presentation"]
    meta["schema_version"] = 2
    path.write_text(json.dumps(data))
    with Workshop.open(path) as workshop:
        assert workshop.current_presentation() is None
    meta = next(iter(json.loads(path.read_text())["meta"].values()))
    assert meta["schema_version"] == 3 and meta["current_presentation"] is None
