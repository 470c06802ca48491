"""The one pass that counts a file's interests when it opens (``RecordIndex``): each
presentation's first capture of each country, read from 100,000 records at the largest
workshops measured, so each record's fields are read in C where they can be."""

from __future__ import annotations

from collections.abc import Collection, Iterator
from operator import itemgetter
from typing import Any

from matchdesk.store.file.frozen_records import read_in_c
from matchdesk.store.identity import capture_stamp
from matchdesk.store.models import Doc
from matchdesk.store.tallies import Entry

_COUNTED = ("uid", "presentation", "country", "channel", "hlc", "deleted")


def first_captures(
    raw: dict[str, Doc], aliases: dict[str, str], fields: Iterator[tuple[Any, ...]]
) -> tuple[dict[str, dict[str, Entry]], set[str]]:
    """One pass over the interests (100,000 at the largest workshops measured): each
    presentation's entries (the first live capture of each country), in file order as
    ``RecordIndex.entries`` gives them, and the presentations where a country was captured on
    several laptops (merged files): those get their representatives (identity.py) after the
    pass, and count it once. ``fields``: each record's, as ``in_c`` gives them."""
    rows: dict[str, dict[str, Entry]] = {}
    several: set[str] = set()
    text = str
    for key, doc, (uid, presentation, country, channel, stamp, deleted) in zip(
        raw, raw.values(), fields, strict=True
    ):
        if aliases:
            presentation = aliases.get(presentation, presentation)
        row = rows.get(presentation)
        if row is None:
            row = rows[presentation] = {}
        first = row.get(country)
        if deleted:
            if first is not None and first.uid == uid:  # one uid twice (damage)
                several.add(presentation)
        elif first is None:
            if stamp.__class__ is not text:  # identity.capture_stamp, inline
                stamp = capture_stamp(doc)
            row[country] = Entry(uid, country, channel, key, stamp)
        else:
            several.add(presentation)
    return rows, several


def in_c(docs: Collection[Doc]) -> Iterator[tuple[Any, ...]]:
    """What the counting reads of each interest record, in C: its uid, presentation, country,
    channel, clock stamp and tombstone mark (a frozen record's attributes, a dict's items:
    ``KeyError`` for a record without one of them, as it is met)."""
    fields = read_in_c(docs, *_COUNTED)
    return map(fields or itemgetter(*_COUNTED), docs)


def by_get(docs: Collection[Doc]) -> Iterator[tuple[Any, ...]]:
    """``in_c``'s, a missing channel as unspecified and a missing stamp or mark as None."""
    return (
        (
            d["uid"],
            d["presentation"],
            d["country"],
            d.get("channel", "unspecified"),
            d.get("hlc"),
            d.get("deleted"),
        )
        for d in docs
    )
