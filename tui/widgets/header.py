"""One line naming the workshop: title, date, venue, mode and attendance."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Static

from matchdesk.store import Mode, WorkshopInfo
from matchdesk.tui.text import plain

MODE_LABELS = {Mode.HYBRID: "hybrid", Mode.IN_ROOM: "in the room", Mode.ONLINE: "online"}


def header_text(info: WorkshopInfo, path: Path | None = None) -> str:
    parts = [info.title or "Untitled workshop (f3 to name it)"]
    if info.date:
        parts.append(info.date)
    if info.venue:
        parts.append(info.venue)
    if info.mode:
        parts.append(MODE_LABELS[info.mode])
    attendance = []
    if info.attendance_in_room is not None:
        attendance.append(f"{info.attendance_in_room} in the room")
    if info.attendance_online is not None:
        attendance.append(f"{info.attendance_online} online")
    if attendance:
        parts.append(" + ".join(attendance))
    if path is not None:
        parts.append(path.name)
    return " · ".join(parts)


class WorkshopHeader(Static):
    """The capture screen's first line (user text, so never markup)."""

    DEFAULT_CSS = """
    WorkshopHeader {
        height: 1; width: 1fr; background: $primary; color: $text; padding: 0 1;
        text-wrap: nowrap; text-overflow: ellipsis; text-style: bold;
    }
    """

    def show(self, info: WorkshopInfo, path: Path | None = None) -> None:
        self.update(plain(header_text(info, path)))
