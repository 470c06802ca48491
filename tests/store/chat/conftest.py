"""A workshop with the Astana agenda and no interests yet, for the chat's proposals."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from matchdesk.store.workshop import Workshop

SEED_CSV = Path(__file__).parents[3] / "store" / "data" / "astana2021.csv"


def agenda() -> list[tuple[str, str]]:
    with SEED_CSV.open(encoding="utf-8") as handle:
        rows = [(r["title"], r["presenter_country"]) for r in csv.DictReader(handle)]
    return list(dict.fromkeys(rows))


def make_agenda(path: Path, *, device: str = "podium") -> Path:
    with Workshop.open(path, device=device) as workshop:
        for title, country in agenda():
            workshop.add_presentation(title, country)
        workshop.add_custom_country("Carpathian Ukraine")
        workshop.set_info(title="Astana 2021", date="2021-10-29")
    return path


@pytest.fixture
def agenda_file(tmp_path: Path) -> Path:
    return make_agenda(tmp_path / "workshop.json")
