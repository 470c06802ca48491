"""TinyDB's table API over ``JournalStorage``: a table whose writes cost O(changed documents).

The workshop writes through its ledger, not through these tables; the network file's small
TinyDB file (``store/network/records.py``) uses them, and TinyDB's own table tests run on them."""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterator, Mapping, MutableMapping
from typing import Any

from tinydb import TinyDB
from tinydb.table import Table

from matchdesk.store.file.storage import JournalStorage
from matchdesk.store.models import Doc


class _TrackingView(MutableMapping[int, Doc]):
    """The int-keyed table TinyDB's updaters expect, over the live str-keyed table.

    Copy on write: a document an updater may change is replaced by a copy first, so the
    original (kept to roll back if the disk refuses) is never changed in place.
    """

    def __init__(self, raw: dict[str, Doc]) -> None:
        self.raw = raw
        self.originals: dict[str, Doc | None] = {}

    def _remember(self, key: str) -> None:
        if key not in self.originals:
            self.originals[key] = self.raw.get(key)

    def __getitem__(self, doc_id: int) -> Doc:
        key = str(doc_id)
        if key not in self.originals:
            self._remember(key)
            self.raw[key] = copy.deepcopy(self.raw[key])
        return self.raw[key]

    def __setitem__(self, doc_id: int, doc: Doc) -> None:
        key = str(doc_id)
        self._remember(key)
        self.raw[key] = doc

    def __delitem__(self, doc_id: int) -> None:
        key = str(doc_id)
        self._remember(key)
        del self.raw[key]

    def __contains__(self, doc_id: object) -> bool:
        return str(doc_id) in self.raw

    def __iter__(self) -> Iterator[int]:
        return iter([int(k) for k in self.raw])

    def __len__(self) -> int:
        return len(self.raw)


class JournaledTable(Table):
    """A TinyDB table whose writes cost O(changed documents), not O(table size)."""

    def _update_table(self, updater: Callable[[dict[int, Mapping[str, Any]]], None]) -> None:
        storage = self._storage
        assert isinstance(storage, JournalStorage)
        raw = storage.table_data(self.name)
        view = _TrackingView(raw)
        try:
            updater(view)  # type: ignore[arg-type]  # TinyDB types it a dict; updaters use the mapping
        except BaseException:
            for key, original in view.originals.items():
                if original is None:
                    raw.pop(key, None)
                else:
                    raw[key] = original
            raise
        changes = {key: raw.get(key) for key in view.originals}
        storage.stage(self.name, changes, view.originals)
        self.clear_cache()


class WorkshopDB(TinyDB):
    """TinyDB over ``JournalStorage`` with journaled tables."""

    table_class = JournaledTable
