"""Entries typed while the disk refused them: what became of an Enter, what a retry wrote, and
what the unsaved queue holds per presentation (the session keeps the queue; this reads it)."""

from __future__ import annotations

from msgspec import Struct

from matchdesk.store import Channel, Country, PendingQueue, RecordResult, Workshop


class Captured(Struct, frozen=True):
    """What became of one Enter: written now (``result``) or kept unsaved (``queued``)."""

    result: RecordResult | None = None
    queued: tuple[Country, ...] = ()
    duplicates: tuple[Country, ...] = ()
    unknown: tuple[str, ...] = ()


class Flushed(Struct, frozen=True):
    """What a retry wrote: entries written, repeats skipped, entries whose presentation is gone."""

    written: int = 0
    duplicates: tuple[Country, ...] = ()
    orphaned: tuple[str, ...] = ()


def queue_entries(
    workshop: Workshop,
    pending: PendingQueue,
    presentation_uid: str,
    text: str | list[Country],
    channel: Channel,
) -> Captured:
    """Keep what was typed unsaved, in order: one entry per country not already counted or
    waiting (a repeat is reported, as a written capture reports it)."""
    countries, unknown = workshop.parse_typed(text)
    taken = {i.country.code for i in workshop.interests(presentation_uid)}
    taken |= {c.code for c in pending_countries(workshop, pending, presentation_uid)}
    queued: list[Country] = []
    duplicates: list[Country] = []
    for country in countries:
        if country.code in taken:
            duplicates.append(country)
            continue
        taken.add(country.code)
        queued.append(country)
        # One entry per country, by code: the code resolves alone, whatever the name holds.
        pending.add(presentation_uid, country.code, channel)
    return Captured(None, tuple(queued), tuple(duplicates), tuple(unknown))


def pending_countries(
    workshop: Workshop, pending: PendingQueue, presentation_uid: str
) -> list[Country]:
    """The unsaved countries of one presentation, in typing order."""
    found: list[Country] = []
    for item in pending:
        if item.presentation_uid == presentation_uid:
            country = workshop.resolve_typed(item.text)
            if country is not None:
                found.append(country)
    return found
