"""Plain frozen values that cross the store boundary (the TUI never sees TinyDB documents)."""

from __future__ import annotations

import heapq
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, TypeVar

T = TypeVar("T")

# A stored record as the file holds it (TinyDB's document): only the store handles these.
Doc = dict[str, Any]

# The languages country names are shown and reports written in: the UN's six official ones.
LANGUAGES: dict[str, str] = {
    "en": "English",
    "fr": "Français",
    "es": "Español",
    "ru": "Русский",
    "ar": "العربية",
    "zh": "中文",
}
# The workshop's export formats, and the paper its documents print on (a UN report is A4).
FORMATS: tuple[str, ...] = ("csv", "xlsx", "md", "json", "docx")
PAPERS: tuple[str, ...] = ("a4", "letter")


class Channel(StrEnum):
    """How an interest reached the facilitator."""

    IN_ROOM = "in_room"
    ONLINE = "online"
    UNSPECIFIED = "unspecified"

    @property
    def label(self) -> str:
        return {"in_room": "in the room", "online": "online", "unspecified": "unspecified"}[
            self.value
        ]


class Mode(StrEnum):
    """How the workshop is held."""

    IN_ROOM = "in_room"
    ONLINE = "online"
    HYBRID = "hybrid"


@dataclass(frozen=True)
class Country:
    """An ISO 3166 country (``code`` is alpha-3) or a workshop's custom entity (``custom``)."""

    code: str
    name: str
    official_name: str
    custom: bool = False

    def display(self, names: str = "short") -> str:
        """The name for a report: ``short`` ("Kazakhstan") or ``official``."""
        return self.official_name if names == "official" else self.name


@dataclass(frozen=True)
class WorkshopInfo:
    """The workshop's header, as the report prints it."""

    title: str = ""
    date: str = ""  # ISO date, "" when unknown
    venue: str = ""
    organisers: tuple[str, ...] = ()
    mode: Mode | None = None
    attendance_in_room: int | None = None
    attendance_online: int | None = None
    language: str = "en"  # the language country names are shown in (the UI stays English)


@dataclass(frozen=True)
class Presentation:
    """A best practice presented by a presenting country; ``position`` is its agenda order."""

    uid: str
    title: str
    country: Country
    presenter: str = ""
    theme: str = ""
    position: int = 0
    created_at: str = ""
    updated_at: str = ""


@dataclass(frozen=True)
class Interest:
    """One country's expression of interest in one presentation: a possibility for partnership."""

    uid: str
    presentation_uid: str
    country: Country
    channel: Channel = Channel.UNSPECIFIED
    note: str = ""
    captured_at: str = ""
    device: str = ""
    # Devices whose live captures make up this interest, earliest first ("podium", "chat").
    captured_on: tuple[str, ...] = ()


@dataclass(frozen=True)
class Change:
    """What one write touched, so a view redraws just that.

    Every write on the ``Workshop`` (a capture, an edit, an import, a retry, an undo or a redo)
    yields one, built from the records it wrote; subscribers receive each one.
    """

    label: str = ""
    # Presentations whose interests, fields or existence changed.
    presentations: frozenset[str] = frozenset()
    # The agenda itself changed: a presentation added, removed, moved or edited.
    agenda: bool = False
    # Workshop details that changed ("title", "date", ...).
    info: frozenset[str] = frozenset()
    # Custom countries were added or renamed, so names shown anywhere may have changed.
    countries: bool = False
    # Every table the write touched (a room such as follow-up watches its own).
    tables: frozenset[str] = frozenset()
    # The workshop's revision after this change (one more per write).
    revision: int = 0


@dataclass(frozen=True)
class RecordResult:
    """What ``Workshop.record_interests`` did with each name it was given."""

    recorded: tuple[Interest, ...] = ()
    duplicates: tuple[Country, ...] = ()
    unknown: tuple[str, ...] = ()


@dataclass(frozen=True)
class CountryCount:
    """Interests expressed by one interested country."""

    country: Country
    interests: int


@dataclass(frozen=True)
class PresentingCount:
    """What one presenting country presented and the interest its presentations received."""

    country: Country
    presentations: int
    interests_received: int


@dataclass(frozen=True)
class PresentationTally:
    """One row of the report's table: a presentation and who wants to learn from it."""

    presentation: Presentation
    interested: tuple[Country, ...]
    interests: Sequence[Interest]  # built only when read (tallies.LazyInterests)

    @property
    def count(self) -> int:
        return len(self.interested)


@dataclass(frozen=True)
class Totals:
    """The headline numbers (docs/app.md, "Tallies")."""

    presentations: int = 0
    presenting_countries: int = 0
    interests: int = 0
    interested_countries: int = 0
    countries_involved: int = 0
    by_channel: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class Tallies:
    """Every count the app shows or exports, computed from the live records only."""

    totals: Totals
    presentations: tuple[PresentationTally, ...]
    interested_countries: tuple[CountryCount, ...]
    presenting_countries: tuple[PresentingCount, ...]
    matrix: dict[tuple[str, str], int]  # (presenting code, interested code) -> interests


AgendaRow = tuple[int, Presentation, int]  # (agenda number, presentation, interests)


def top_rows(rows: Sequence[tuple[int, T, int]], limit: int) -> list[tuple[int, T, int]]:
    """(number, item, count) rows as a ranking shows them: agenda order when all fit, else the
    most counted first (ties in agenda order)."""
    if len(rows) <= limit:
        return list(rows)
    return heapq.nsmallest(limit, rows, key=lambda row: (-row[2], row[0]))


@dataclass(frozen=True)
class Standings:
    """The running tallies as a panel shows them, at any size: the totals, every live
    presentation with its count (agenda order), every interested country with its count (most
    first, ties by name)."""

    totals: Totals
    presentations: tuple[AgendaRow, ...]
    countries: tuple[CountryCount, ...]

    def top_presentations(self, limit: int) -> list[AgendaRow]:
        return top_rows(self.presentations, limit)

    def top_countries(self, limit: int) -> tuple[CountryCount, ...]:
        return self.countries[:limit]


@dataclass(frozen=True)
class ImportReport:
    """What an import added, skipped and created."""

    sources: tuple[str, ...] = ()
    presentations_added: int = 0
    interests_added: int = 0
    duplicates_skipped: int = 0
    custom_countries_created: tuple[str, ...] = ()
    presentations_existing: int = 0
    blank_countries: int = 0  # interested-country cells such as "NA" or "-", read as empty
