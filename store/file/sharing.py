"""Sharing the text values a snapshot's records repeat, as they are read.

The parser makes a new string for every value: a presentation's uid in its hundred interests, a
device, a stamp written three times in one record. Replacing a value by an equal one, before
anyone else sees the record, changes nothing but memory (records are never changed in place
afterwards), and the tables take about half of it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from matchdesk.store.models import Doc

UNIQUE_FIELDS = frozenset({"uid", "hlc"})  # values no two records share: not worth a memo
SHARED_VALUES = 1 << 16  # distinct values a memo remembers at most


def share(docs: Iterable[Doc], memo: dict[str, str]) -> None:
    """Make equal text values of ``docs`` one object, every field but ``UNIQUE_FIELDS``."""
    _keep_bounded(memo)
    keep, text, unique = memo.setdefault, str, UNIQUE_FIELDS
    for doc in docs:
        for key, value in doc.items():
            if value.__class__ is text and key not in unique:
                doc[key] = keep(value, value)


def share_fields(docs: Iterable[Doc], memo: dict[str, str], fields: Sequence[str]) -> None:
    """``share`` for ``fields`` only (text or null in every record)."""
    _keep_bounded(memo)
    keep = memo.setdefault
    for doc in docs:
        for name in fields:
            value = doc[name]
            if value is not None:
                doc[name] = keep(value, value)


def _keep_bounded(memo: dict[str, str]) -> None:
    if len(memo) > SHARED_VALUES:
        memo.clear()  # times are mostly their own: keep what is shared from growing
