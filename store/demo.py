"""The bundled reference workshop (SSN4PSI's hybrid matchmaking workshop, Astana, 2021), and
the demo network: Astana plus two generated workshops, marked as generated in their titles."""

from __future__ import annotations

from importlib.resources import as_file, files
from pathlib import Path

from matchdesk.store.errors import InvalidValue
from matchdesk.store.exchange.importing import Customs, import_sources
from matchdesk.store.models import Mode, WorkshopInfo
from matchdesk.store.workshop import Workshop

DEMO_INFO = WorkshopInfo(
    title="Matchmaking Workshop on “Public Service Delivery in the Era of SDGs”",
    date="2021-10-29",
    venue="Astana Civil Service Hub annual conference, Nur-Sultan, Kazakhstan",
    organisers=(
        "South-South Network for Public Service Innovation (SSN4PSI)",
        "Astana Civil Service Hub (ACSH)",
        "United Nations Office for South-South Cooperation (UNOSSC)",
    ),
    mode=Mode.HYBRID,
    attendance_in_room=40,
    attendance_online=88,
)


# The demo network's generated workshops: another year, countries that overlap Astana's,
# and Georgia's e-governance practice presented again under a changed title.
def _generated(title: str, date: str, mode: Mode) -> WorkshopInfo:
    return WorkshopInfo(
        title=f"{title} (generated example)",
        date=date,
        venue="Generated example data, not a real event",
        organisers=("matchdesk demo",),
        mode=mode,
    )


GENERATED: tuple[tuple[str, WorkshopInfo], ...] = (
    (
        "network2022.csv",
        _generated("Matchmaking Workshop on Digital Government, 2022", "2022-06-23", Mode.HYBRID),
    ),
    (
        "network2023.csv",
        _generated(
            "Matchmaking Workshop on Public Service Innovation, 2023", "2023-06-23", Mode.ONLINE
        ),
    ),
)


def _create_from(path: Path, table: str, info: WorkshopInfo) -> Path:
    """A new workshop at ``path`` from a bundled flat CSV and its details."""
    with Workshop.open(path) as workshop:
        with as_file(files("matchdesk.store") / "data" / table) as source:
            import_sources(workshop, [source], customs=Customs(every=True))  # made on purpose
        workshop.set_info(
            title=info.title,
            date=info.date,
            venue=info.venue,
            organisers=info.organisers,
            mode=info.mode,
            attendance_in_room=info.attendance_in_room,
            attendance_online=info.attendance_online,
        )
    return path


def create_demo(path: Path) -> Path:
    """Write a fresh copy of the demo workshop at ``path`` (which must not exist yet)."""
    return _create_from(Path(path), "astana2021.csv", DEMO_INFO)


def create_demo_network(folder: Path) -> list[Path]:
    """Write the demo network's three workshop files into ``folder`` (created, must be empty)."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    if any(folder.iterdir()):
        raise InvalidValue(f"{folder} is not empty; the demo network needs a fresh folder.")
    paths = [create_demo(folder / "astana-2021.json")]
    for table, info in GENERATED:
        paths.append(_create_from(folder / f"generated-{info.date[:4]}.json", table, info))
    return paths
