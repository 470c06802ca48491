"""What is "the same" presentation, interest or custom country when records come from several
laptops: pure functions of the records, so every laptop (and every merge order) agrees.

- An **interest** is a (presentation, country) key. Each capture is its own record; the key is
  live while at least one of its captures is live (an observed-remove set: a withdrawal
  tombstones the captures its laptop had seen, never one it had not). The key's
  *representative* is its earliest live capture (``capture_rank``: clock stamp, then uid): its
  channel and note are the interest's; every live capture is its provenance. Every list of
  interests follows that same order, so every laptop and every merge order prints the same.
- A **presentation** registered on two laptops independently (same title, case and spacing
  ignored, same presenting country) is one presentation: its records form a class whose
  canonical uid is the smallest; the others are its aliases.
- A **custom country** is its code, which is made from its normalised name; the record created
  first (then the smallest uid) names it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from operator import itemgetter, lt
from typing import Any

from matchdesk.store.clock import record_stamp
from matchdesk.store.file.frozen_records import read_in_c
from matchdesk.store.models import Doc


def capture_stamp(doc: Doc) -> str:
    """A record's hybrid-logical-clock stamp (wall time, counter, device), read fast: the
    order of capture, the same on every laptop whatever order its records stand in a file."""
    stamp = doc.get("hlc")
    return stamp if type(stamp) is str else record_stamp(doc)


def capture_rank(doc: Doc) -> tuple[str, str]:
    """The order of capture, on every laptop and after every merge: the clock stamp (wall
    time, counter, then device), then the uid. The earliest capture represents its
    interest."""
    return (capture_stamp(doc), str(doc.get("uid", "")))


_STAMP = itemgetter("hlc")
_TEXT = frozenset({str})


def in_capture_order(docs: list[Doc]) -> list[Doc]:
    """``docs`` sorted by ``capture_rank``. A file the app wrote alone holds its records in
    the order they were captured: its stamps are then seen to rise, in C, in a third of the
    sort's time (0.015 s against 0.035 s at 100,000), and ``docs`` is returned as it is."""
    try:
        stamps = list(map(read_in_c(docs, "hlc") or _STAMP, docs))
    except KeyError:  # a record without a stamp (an older file): ``record_stamp`` ranks it
        return sorted(docs, key=capture_rank)
    if _TEXT.issuperset(map(type, stamps)) and all(map(lt, stamps, stamps[1:])):
        return docs  # rising stamps are distinct: the uids never decide
    return sorted(docs, key=capture_rank)


def representatives(
    docs: Iterable[Doc], key: Callable[[Doc], Any] = lambda d: d["country"]
) -> list[Doc]:
    """One live capture per key, the earliest, in capture order (tombstones are skipped)."""
    best: dict[Any, Doc] = {}
    for doc in docs:
        if doc.get("deleted"):
            continue
        k = key(doc)
        if k not in best or capture_rank(doc) < capture_rank(best[k]):
            best[k] = doc
    return sorted(best.values(), key=capture_rank)


def presentation_aliases(docs: Iterable[Doc], title_key: Callable[[str], str]) -> dict[str, str]:
    """{alias uid: canonical uid} for live presentations registered more than once."""
    classes: dict[tuple[str, str], list[str]] = {}
    for doc in docs:
        if not doc.get("deleted"):
            k = (title_key(str(doc.get("title", ""))), str(doc.get("country", "")))
            classes.setdefault(k, []).append(doc["uid"])
    aliases: dict[str, str] = {}
    for uids in classes.values():
        if len(uids) > 1:
            canonical = min(uids)
            aliases.update({uid: canonical for uid in uids if uid != canonical})
    return aliases


def naming_records(docs: Iterable[Doc]) -> list[Doc]:
    """One live record per custom-country code, the one created first, in the order the records
    stand."""

    def rank(doc: Doc) -> tuple[str, str]:
        return (str(doc.get("created_at", "")), str(doc.get("uid", "")))

    live = [d for d in docs if not d.get("deleted")]
    best: dict[str, Doc] = {}
    for doc in live:
        code = str(doc.get("code", ""))
        if code not in best or rank(doc) < rank(best[code]):
            best[code] = doc
    chosen = {id(d) for d in best.values()}
    return [d for d in live if id(d) in chosen]
