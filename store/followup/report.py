"""The follow-up as plain data for the exports: a document section, two sheets, CSV columns.

Writers only lay these out (a heading, paragraphs and a table; rows of cells); every number and
sentence is computed here from the records, so each format says the same thing.

- Markdown and DOCX: the "Follow-up" section, only once anything moved past "interested";
- XLSX: the "Follow-up" sheet (one row per possibility) and the "History" sheet, once any
  follow-up was recorded;
- CSV with ``--followup``: extra columns, keyed by possibility, that ``followup --import``
  reads back;
- JSON: nothing here, the dump holds every record.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from matchdesk.store.followup.desk import Followup
from matchdesk.store.followup.funnel import sentences, table
from matchdesk.store.followup.records import Key, describe
from matchdesk.store.followup.state import Possibility

HEADING = "Follow-up"
CSV_COLUMNS: tuple[str, ...] = (
    "stage",
    "owner",
    "next_action",
    "due",
    "contacts_presenting",
    "contacts_interested",
    "last_activity",
    "last_note",
)
SHEET_COLUMNS: tuple[str, ...] = (
    "Best practice",
    "Country sharing the idea",
    "Country interested",
    "Stage",
    "Owner",
    "Next action",
    "Due",
    "Last activity",
    "Contacts (sharing)",
    "Contacts (interested)",
    "Notes",
    "Concurrent changes",
)
HISTORY_COLUMNS: tuple[str, ...] = (
    "When (UTC)",
    "Best practice",
    "Country sharing the idea",
    "Country interested",
    "What",
    "Device",
    "Concurrent",
)


@dataclass(frozen=True)
class Section:
    """A document section: a heading, paragraphs, then one table (header row first)."""

    heading: str
    paragraphs: tuple[str, ...]
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Sheet:
    name: str
    rows: tuple[tuple[str, ...], ...]  # the header row first


@dataclass(frozen=True)
class FollowupExport:
    """What one export format needs of the follow-up (empty parts: nothing to add)."""

    section: Section | None = None
    sheets: tuple[Sheet, ...] = ()
    columns: tuple[str, ...] = ()
    cells: Mapping[Key, tuple[str, ...]] = field(default_factory=dict)


def _name(possibility: Possibility, names: str) -> tuple[str, str, str]:
    return (
        possibility.presentation.title,
        possibility.presentation.country.display(names),
        possibility.country.display(names),
    )


def _when(stamp: str, *, time: bool = True) -> str:
    return stamp[:16].replace("T", " ") if time else stamp[:10]


def section(desk: Followup) -> Section | None:
    """The funnel as sentences and a table; None while nothing moved past "interested"."""
    counts = desk.funnel()
    if not counts.moved:
        return None
    columns, rows = table(counts)
    return Section(
        HEADING,
        sentences(counts),
        columns,
        tuple((label, str(count)) for label, count in rows),
    )


def sheets(desk: Followup, names: str = "short") -> tuple[Sheet, ...]:
    """The Follow-up and History sheets; none before any follow-up was recorded."""
    if not desk.has_records():
        return ()
    rows = [SHEET_COLUMNS]
    for p in desk.possibilities():
        state = p.state
        rows.append(
            (
                *_name(p, names),
                state.label,
                state.owner,
                state.next_action,
                state.due,
                _when(p.last_activity, time=False),
                state.contacts_presenting,
                state.contacts_interested,
                "\n".join(state.notes),
                ", ".join(state.conflicts),
            )
        )
    found = {p.key: p for p in desk.possibilities()}
    history = [HISTORY_COLUMNS]
    for event in desk.all_events():
        history.append(
            (
                _when(event.at),
                *_name(found[event.key], names),
                describe(event),
                event.device,
                "yes" if event.concurrent else "",
            )
        )
    return (Sheet("Follow-up", tuple(rows)), Sheet("History", tuple(history)))


def csv_cells(desk: Followup) -> dict[Key, tuple[str, ...]]:
    """The ``CSV_COLUMNS`` values of every possibility."""
    return {
        p.key: (
            p.state.label,
            p.state.owner,
            p.state.next_action,
            p.state.due,
            p.state.contacts_presenting,
            p.state.contacts_interested,
            p.last_activity,
            p.state.notes[-1] if p.state.notes else "",
        )
        for p in desk.possibilities()
    }


def followup_export(
    desk: Followup, fmt: str, names: str = "short", *, columns: bool = False
) -> FollowupExport:
    """What ``fmt`` includes of the follow-up (``columns``: the CSV's, when asked)."""
    if fmt in ("md", "docx"):
        return FollowupExport(section=section(desk))
    if fmt == "xlsx":
        return FollowupExport(sheets=sheets(desk, names))
    if fmt == "csv" and columns:
        return FollowupExport(columns=CSV_COLUMNS, cells=csv_cells(desk))
    return FollowupExport()
