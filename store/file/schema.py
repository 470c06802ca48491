"""Schema versions of the workshop file and the migrations between them."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from matchdesk.store.errors import CorruptWorkshop, SchemaTooNew
from matchdesk.store.file.snapshot import Tables

SCHEMA_VERSION = 3
META, PRESENTATIONS, INTERESTS, COUNTRIES = "meta", "presentations", "interests", "countries"
# Version 3: the follow-up history (store/followup/), one record per stage change, note, ...
FOLLOWUP = "followup"
# The chat room (store/chat/): the facilitator's decision on each proposal read from a video
# call's chat, and when each presentation became the highlighted one (the session's timeline).
CHAT = "chat"
TIMELINE = "timeline"
# The meta field naming the presentation being discussed (what ``matchdesk board`` shows).
CURRENT_PRESENTATION = "current_presentation"


def file_version(tables: Tables, path: Path) -> int:
    """The schema version a file declares (0 for a file we have not written yet)."""
    meta = tables.get(META) or {}
    if not meta:
        if any(tables.get(t) for t in (PRESENTATIONS, INTERESTS, COUNTRIES)):
            raise CorruptWorkshop(f"{path} has records but no meta record; it is not a workshop.")
        return 0
    version = next(iter(meta.values())).get("schema_version")
    if not isinstance(version, int) or version < 1:
        raise CorruptWorkshop(f"{path} has no valid schema_version; it is not a workshop.")
    if version > SCHEMA_VERSION:
        raise SchemaTooNew(
            f"{path} was written by a newer matchdesk (schema version {version}; this one reads "
            f"up to version {SCHEMA_VERSION}). Upgrade matchdesk to open it."
        )
    return version


def _v1_to_v2(tables: Tables) -> None:
    """Version 1 had no interest channel and kept attendance as one nested object."""
    for doc in tables.get(INTERESTS, {}).values():
        doc.setdefault("channel", "unspecified")
        doc.setdefault("note", "")
    for doc in tables.get(META, {}).values():
        attendance = doc.pop("attendance", None) or {}
        doc.setdefault("attendance_in_room", attendance.get("in_room"))
        doc.setdefault("attendance_online", attendance.get("online"))
        doc["schema_version"] = 2


def _v2_to_v3(tables: Tables) -> None:
    """Version 3 is additive: new tables (follow-up, merge, network) start empty and new fields
    are optional, so a version-2 file needs only its new version number (after its backup).
    Defaults for fields that version 3 adds go here."""
    for doc in tables.get(META, {}).values():
        doc.setdefault("language", "en")  # country names shown in English, as before
        doc.setdefault(CURRENT_PRESENTATION, None)
        doc["schema_version"] = 3


MIGRATIONS: dict[int, Callable[[Tables], None]] = {1: _v1_to_v2, 2: _v2_to_v3}


def migrate(tables: Tables, version: int) -> None:
    """Bring ``tables`` from ``version`` to ``SCHEMA_VERSION`` in memory."""
    while version < SCHEMA_VERSION:
        MIGRATIONS[version](tables)
        version += 1
