"""Captures the disk refused, kept in typing order until they can be written.

The TUI shows them as unsaved; nothing typed is lost while the disk is full, read-only or gone.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from matchdesk.store.clock import now_iso
from matchdesk.store.errors import NotFound
from matchdesk.store.models import Channel, RecordResult
from matchdesk.store.workshop import Workshop


@dataclass(frozen=True)
class PendingCapture:
    """What the facilitator typed, for which presentation, and when."""

    presentation_uid: str
    text: str
    channel: Channel = Channel.UNSPECIFIED
    note: str = ""
    typed_at: str = ""


class PendingQueue:
    """An ordered queue of unsaved captures."""

    def __init__(self) -> None:
        self._items: list[PendingCapture] = []

    def add(
        self,
        presentation_uid: str,
        text: str,
        channel: Channel = Channel.UNSPECIFIED,
        note: str = "",
    ) -> PendingCapture:
        item = PendingCapture(presentation_uid, text, Channel(channel), note, now_iso())
        self._items.append(item)
        return item

    def __len__(self) -> int:
        return len(self._items)

    def __iter__(self) -> Iterator[PendingCapture]:
        return iter(tuple(self._items))

    def flush(self, workshop: Workshop) -> list[RecordResult]:
        """Write the queue in order; stop at the first refusal (raised) and keep the rest."""
        results: list[RecordResult] = []
        while self._items:
            item = self._items[0]
            try:
                result = workshop.record_interests(
                    item.presentation_uid,
                    item.text,
                    item.channel,
                    item.note,
                    captured_at=item.typed_at,
                )
            except NotFound:  # the presentation was removed meanwhile: report, don't block
                result = RecordResult(unknown=(item.text,))
            results.append(result)
            self._items.pop(0)
        return results
