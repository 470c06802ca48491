"""The background checkpoint reads the live tables between transactions: whatever it catches,
the file on disk says what was acknowledged, and nothing a failed transaction wrote."""

from __future__ import annotations

import gc
import json
import time
import weakref
from pathlib import Path

import pytest

from matchdesk.store.file import storage as storage_module
from matchdesk.store.file.paths import journal_path
from matchdesk.store.file.snapshot import read_snapshot, snapshot_chunks
from matchdesk.store.file.storage import JournalStorage


def _doc(n: int, what: str = "kept") -> dict[str, object]:
    return {"uid": f"u{n}", "country": what, "note": "x" * 40}


def _records(storage: JournalStorage) -> dict[str, dict[str, object]]:
    """The tables that hold records (a failed transaction may leave an empty one in memory)."""
    return {name: dict(docs) for name, docs in storage.read().items() if docs}


def test_changes_during_background_checkpoints_are_on_disk_as_acknowledged(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Inserts, replacements, removals and a failed transaction, all while checkpoints run
    (read one record at a time, so they overlap): after each checkpoint, and after a crash
    (nothing closed), snapshot plus journal give exactly the acknowledged tables."""
    monkeypatch.setattr(storage_module, "FOLD_RECORDS", 1)
    path = tmp_path / "w.json"
    storage = JournalStorage(path, checkpoint_bytes=4_000)
    with storage.transaction():
        for n in range(300):
            storage.put("interests", None, _doc(n))
    folds = 0
    for n in range(300, 500):
        with storage.transaction():
            last = storage.put("interests", None, _doc(n))
            storage.put("interests", str(n - 250), _doc(n - 250, "replaced"))
            storage.put("interests", str(n - 200), None)
        running = storage._folder is not None and storage._folder.is_alive()
        folds += running
        with pytest.raises(RuntimeError), storage.transaction():
            storage.put("notes", str(n), _doc(n, "failed"))  # keys no later write touches
            storage.put("interests", str(last), _doc(n, "failed"))  # ahead of the thread
            if running:  # the caller waits on something: long enough for a whole checkpoint
                time.sleep(0.02)
            raise RuntimeError("the caller failed half-way")
        if running:  # that checkpoint, once written, holds none of it
            storage.wait()
            assert _records(JournalStorage(path, readonly=True)) == _records(storage)
    assert folds, "no transaction ran while a checkpoint was under way"
    acknowledged = _records(storage)
    storage.wait()
    assert storage.fold_error is None
    # A crash now: the writer never closes; a reader replays what is on disk.
    reader = JournalStorage(path, readonly=True)
    assert _records(reader) == acknowledged
    assert "failed" not in json.dumps(reader.read())
    assert journal_path(path).stat().st_size > 0  # the reader did replay a journal


def test_background_snapshot_has_the_layout_of_a_whole_one(tmp_path: Path) -> None:
    """The checkpoint thread streams the tables without knowing their sizes: the bytes are the
    same as those of the tables written whole (tables without records included)."""
    path = tmp_path / "w.json"
    storage = JournalStorage(path, checkpoint_bytes=1)
    storage.table_data("countries")  # an empty table comes first
    for n in range(5):
        with storage.transaction():
            storage.put("interests", None, _doc(n))
            storage.put("meta", "1", {"uid": "m", "n": n})
    storage.wait()
    storage.table_data("notes")  # an empty table last, after the last checkpoint started
    with storage.transaction():
        storage.put("interests", None, _doc(5))
    storage.wait()
    assert storage.fold_error is None
    tables = read_snapshot(path)
    assert path.read_bytes() == b"".join(snapshot_chunks(tables))
    assert list(tables) == ["countries", "interests", "meta", "notes"]
    assert tables["notes"] == {}


def test_first_insert_after_opening_takes_the_next_free_key(tmp_path: Path) -> None:
    """Keys are counted when the file opens; a record gets one past the largest, whatever the
    order the file lists them in, and never a key already taken."""
    path = tmp_path / "w.json"
    path.write_text(json.dumps({"interests": {"1": _doc(1), "12": _doc(12), "3": _doc(3)}}))
    storage = JournalStorage(path)
    with storage.transaction():
        assert storage.put("interests", None, _doc(13)) == 13
        storage.put("interests", "14", _doc(14))  # a key given by the caller
        assert storage.put("interests", None, _doc(15)) == 15
    storage.close()
    assert sorted(map(int, read_snapshot(path)["interests"])) == [1, 3, 12, 13, 14, 15]


def test_what_dies_after_a_checkpoint_is_freed(tmp_path: Path) -> None:
    """A checkpoint keeps nothing from the collector: a cycle alive when it starts (the app's
    widgets, messages) is freed when it dies later, as it would be without one."""
    storage = JournalStorage(tmp_path / "w.json", checkpoint_bytes=2_000)
    cycle: list[object] = []
    cycle.append(cycle)
    alive = weakref.ref(_Holder(cycle))
    holder = alive()
    for n in range(20):  # past the threshold: the journal is folded in the background
        with storage.transaction():
            storage.put("interests", None, _doc(n))
    storage.wait()
    del holder, cycle
    gc.collect()
    assert alive() is None
    storage.close()


class _Holder:
    """A weakly referenceable object in a reference cycle."""

    def __init__(self, cycle: list[object]) -> None:
        self.cycle = cycle
        cycle.append(self)
