"""The bundled reference workshop: SSN4PSI's hybrid matchmaking workshop, Astana, 2021."""

from __future__ import annotations

from importlib.resources import as_file, files
from pathlib import Path

from matchdesk.store.exchange.importing import import_sources
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


def create_demo(path: Path) -> Path:
    """Write a fresh copy of the demo workshop at ``path`` (which must not exist yet)."""
    path = Path(path)
    with Workshop.open(path) as workshop:
        with as_file(files("matchdesk.store") / "data" / "astana2021.csv") as table:
            import_sources(workshop, [table])
        workshop.set_info(
            title=DEMO_INFO.title,
            date=DEMO_INFO.date,
            venue=DEMO_INFO.venue,
            organisers=DEMO_INFO.organisers,
            mode=DEMO_INFO.mode,
            attendance_in_room=DEMO_INFO.attendance_in_room,
            attendance_online=DEMO_INFO.attendance_online,
        )
    return path
