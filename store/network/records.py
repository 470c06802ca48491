"""A person's decisions about the network, kept in a small network file in the folder.

The view spans many workshop files, which may be open in an app meanwhile, so the decisions
live beside them in ``matchdesk-network.json`` (never inside a workshop file): whether two
presentations are the same practice ("same") or not ("different"), and the M49 region of a
custom country. The file uses the workshops' crash-safe storage (snapshot + fsynced journal,
atomic replace, backups, a write lock) and its records carry what lets them merge: uid,
timestamps, device, tombstone, and the hybrid-logical-clock stamp of its last write
(``store/clock.py``, as workshops' records). Several network files (another secretariat
laptop's, synced into a sub-folder, or Syncthing's conflict copy of this one) are read
together; for one pair or one country the latest decision by that clock wins. A decision is
stamped after every decision the person was shown, so it wins on every laptop whatever their
wall clocks say (a laptop an hour ahead cannot override a later decision made elsewhere).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from matchdesk.store.clock import Clock, is_stamp, now_iso, record_stamp
from matchdesk.store.errors import CorruptWorkshop, InvalidValue, MatchdeskError
from matchdesk.store.file.limits import require_within
from matchdesk.store.file.locking import WriterLock
from matchdesk.store.models import Doc
from matchdesk.store.workshop import default_device
from matchdesk.store.workshop.opening import file_ledger, read_tables

NETWORK_FILE = "matchdesk-network.json"
KIND = "matchdesk-network"
VERSION = 1
META, LINKS, REGIONS = "meta", "links", "regions"
SAME, DIFFERENT = "same", "different"


@dataclass(frozen=True)
class Decision:
    """A person said two presentations are (``same``) or are not (``different``) one practice."""

    pair: frozenset[str]  # the two presentation uids
    decision: str
    updated_at: str
    device: str


@dataclass(frozen=True)
class RegionSetting:
    """A person placed a custom country (by code) in an M49 sub-region of ``region``."""

    code: str
    name: str
    region: str
    sub_region: str
    updated_at: str
    device: str


@dataclass(frozen=True)
class Records:
    """Every decision found in the network files read, the latest per pair and per country."""

    decisions: dict[frozenset[str], Decision]
    regions: dict[str, RegionSetting]
    files: tuple[Path, ...] = ()
    newest: str = ""  # the latest clock stamp read: a new decision is stamped after it

    def decision(self, a: str, b: str) -> str:
        found = self.decisions.get(frozenset((a, b)))
        return found.decision if found is not None else ""


NO_RECORDS = Records({}, {})


def _order(doc: Doc) -> tuple[str, str]:
    """Which of two decisions about one thing is later: the clock stamp of its last write
    (wall time, counter, device), then the uid; a record written before stamps existed gets
    one from its ``updated_at`` and ``device``."""
    return (record_stamp(doc), str(doc.get("uid", "")))


def _read_tables(path: Path) -> dict[str, dict[str, Doc]]:
    require_within(path)  # a stray huge file is refused unread (``file/limits.py``)
    try:
        tables = read_tables(path)
    except CorruptWorkshop as exc:
        raise CorruptWorkshop(
            f"{path} is not a readable matchdesk network file ({exc}); its decisions are left "
            "out until it is put back from a backup beside it (.bak1)."
        ) from None
    meta = next(iter((tables.get(META) or {}).values()), {})
    if meta.get("kind") != KIND:
        raise CorruptWorkshop(f"{path} is not a matchdesk network file.")
    if not isinstance(meta.get("version"), int) or meta["version"] > VERSION:
        raise CorruptWorkshop(f"{path} was written by a newer matchdesk; upgrade to read it.")
    return tables


def read_records(paths: Iterable[Path]) -> tuple[Records, list[tuple[Path, str]]]:
    """The merged decisions of the network files ``paths``, and the files that could not be
    read with the reason (a damaged network file loses its decisions, never the view)."""
    latest_pairs: dict[frozenset[str], Doc] = {}
    latest_regions: dict[str, Doc] = {}
    problems: list[tuple[Path, str]] = []
    read: list[Path] = []
    newest = ""
    for path in paths:
        try:
            tables = _read_tables(path)
        except MatchdeskError as exc:
            problems.append((path, str(exc)))
            continue
        read.append(path)
        for table in (LINKS, REGIONS):
            for doc in (tables.get(table) or {}).values():
                newest = max(newest, record_stamp(doc))
        for doc in (tables.get(LINKS) or {}).values():
            pair = doc.get("presentations")
            if not (isinstance(pair, list) and len(set(pair)) == 2):
                continue
            key = frozenset(str(p) for p in pair)
            if key not in latest_pairs or _order(doc) > _order(latest_pairs[key]):
                latest_pairs[key] = doc
        for doc in (tables.get(REGIONS) or {}).values():
            code = str(doc.get("country", ""))
            if code and (code not in latest_regions or _order(doc) > _order(latest_regions[code])):
                latest_regions[code] = doc
    decisions = {
        key: Decision(key, str(doc.get("decision")), str(doc["updated_at"]), str(doc["device"]))
        for key, doc in latest_pairs.items()
        if not doc.get("deleted") and doc.get("decision") in (SAME, DIFFERENT)
    }
    regions = {
        code: RegionSetting(
            code,
            str(doc.get("name", code)),
            str(doc.get("region", "")),
            str(doc.get("sub_region", "")),
            str(doc.get("updated_at", "")),
            str(doc.get("device", "")),
        )
        for code, doc in latest_regions.items()
        if not doc.get("deleted")
    }
    return Records(decisions, regions, tuple(read), newest), problems


def _stamp(before: Doc | None, doc: Doc, clock: Clock) -> None:
    """A decision carries the stamp of its last write, whole: for one pair or one country
    the latest decision wins (no field-by-field registers, as a workshop's records have)."""
    doc["hlc"] = clock.tick()


class NetworkFile:
    """The network file of one folder, opened for one write (locked while open); its records
    are written through a ``Ledger``, as a workshop's are."""

    def __init__(
        self, folder: Path, device: str | None = None, *, seen: str = "", clock: Clock | None = None
    ) -> None:
        """``seen``: the newest stamp of the decisions the person was shown (``Records``);
        this file's writes are stamped after it and after this file's own."""
        self.path = Path(folder).absolute() / NETWORK_FILE
        self.device = device or default_device()
        clock = clock or Clock(self.device)
        if is_stamp(seen):
            clock.observe(seen)
        if not self.path.parent.is_dir():
            raise InvalidValue(f"The folder {self.path.parent} does not exist.")
        self._lock = WriterLock(self.path)
        self._lock.acquire()
        try:
            if self.path.exists():
                _read_tables(self.path)
            # The lock is this object's (released on close, written or not).
            self.ledger = file_ledger(self.path, self.device, clock=clock, stamp=_stamp)
            for table in (LINKS, REGIONS):
                for doc in self.ledger.peek(table):
                    clock.observe(record_stamp(doc))
            if not self.ledger.meta():
                self._write(META, {"kind": KIND, "version": VERSION})
        except BaseException:
            self._lock.abandon()  # refused: no lock file left behind
            raise

    @property
    def clock(self) -> Clock:
        return self.ledger.clock

    def _write(self, table: str, fields: dict[str, Any], old: Doc | None = None) -> None:
        """One record (replacing ``old``, keeping its uid and creation) through the ledger,
        which stamps it with this file's clock."""
        doc = self.ledger.new_record(**fields)
        doc["updated_at"] = doc["created_at"] = now_iso()
        if old is not None:
            doc.update(uid=old["uid"], created_at=old.get("created_at", ""))
        self.ledger.commit(f"network {table}", [(table, doc)])

    def _put(self, table: str, match: Any, fields: dict[str, Any]) -> None:
        """Replace the record ``match`` picks (keeping its uid and creation), else add one."""
        old = next((d for d in self.ledger.peek(table) if match(d)), None)
        self._write(table, fields, old)

    def decide(self, a: str, b: str, decision: str, about: dict[str, Any]) -> None:
        """Record that presentations ``a`` and ``b`` are (not) one practice; ``about`` keeps
        their titles and workshops readable should a workshop file go missing."""
        pair = sorted((a, b))
        self._put(
            LINKS,
            lambda d: sorted(d.get("presentations", [])) == pair,
            {"presentations": pair, "decision": decision, **about},
        )

    def set_region(self, code: str, name: str, region: str, sub_region: str) -> None:
        self._put(
            REGIONS,
            lambda d: d.get("country") == code,
            {"country": code, "name": name, "region": region, "sub_region": sub_region},
        )

    def close(self) -> None:
        try:
            self.ledger.close()  # a checkpoint: one atomic snapshot, the journal emptied
        finally:
            self._lock.release()

    def __enter__(self) -> NetworkFile:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
