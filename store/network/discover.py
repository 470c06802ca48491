"""Finding and reading workshop files under folders, without ever writing one.

A folder is searched (sub-folders too) for ``*.json`` files. The files beside a workshop
(journal, backups, lock, migration and damage copies, temp files) and the network file (and
Syncthing's conflict copies of it) are never candidates. Each candidate is opened read-only,
as ``matchdesk tally`` does, so a workshop open in an app is read with everything it
acknowledged. A file that is not a workshop is skipped with a quiet note; what could not be
read (a damaged or half-written workshop, one from a newer matchdesk, a file it may not open,
one over the read limit, a folder it could not enter) is "left out" with the reason; none
stops the view. Two files of the same workshop (a copy, another laptop's file) count once:
the one written last. A Syncthing conflict copy of a workshop file beside it is left out
unread, saying which ``matchdesk merge`` counts what it holds: the roll-up only reads, and a
merge is a person's act with its own report (duplicates, withdrawals, conflicts).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import chain
from pathlib import Path

from matchdesk.store.errors import CorruptWorkshop, InvalidValue, MatchdeskError, SchemaTooNew
from matchdesk.store.file.limits import MAX_READ_BYTES, over_limit
from matchdesk.store.file.paths import file_stamp
from matchdesk.store.models import Country, Presentation, Totals, WorkshopInfo
from matchdesk.store.network.records import NETWORK_FILE
from matchdesk.store.network.workshop_funnels import Funnel, workshop_funnel
from matchdesk.store.workshop import Workshop
from matchdesk.store.workshop.memory import freed_at_close
from matchdesk.store.workshop.opening import open_ledger

# Files that live beside a workshop file and are never workshops themselves.
_BESIDE = re.compile(r"\.(journal|lock|bak\d+|v\d+-backup|damaged-[^/]*)$")
_COMPANIONS = (".journal", ".bak1", ".lock")
# Syncthing's copy of ``room.json`` from a sync conflict: ``room.sync-conflict-<when>-<who>.json``.
_CONFLICT_COPY = re.compile(r"^(?P<stem>.+)\.sync-conflict-[^/]*\.json$")


@dataclass(frozen=True)
class Note:
    """A file the view left out, and why; ``damaged`` ones are worth a person's attention."""

    path: Path
    reason: str
    damaged: bool = False


@dataclass(frozen=True)
class Row:
    """A live presentation (agenda order) and the codes of the countries interested in it."""

    presentation: Presentation
    interested: tuple[str, ...]


@dataclass(frozen=True)
class WorkshopData:
    """What the network needs of one workshop file, read once."""

    path: Path
    uid: str
    info: WorkshopInfo
    totals: Totals  # the workshop's own tallies (the store's one definition)
    rows: tuple[Row, ...]
    countries: dict[str, Country]  # every code in ``rows``, named as the workshop names it
    funnel: Funnel
    written: int  # the newest modification time of the file and its journal (ns)

    @property
    def year(self) -> str:
        return self.info.date[:4] if _ISO_DATE.match(self.info.date) else ""


_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def is_iso_date(text: str) -> bool:
    return bool(_ISO_DATE.match(text))


def is_network_file(name: str) -> bool:
    """The network file, or a copy Syncthing made of it in a sync conflict (its decisions are
    joined in like any other copy's)."""
    return name == NETWORK_FILE or (
        name.startswith(f"{Path(NETWORK_FILE).stem}.sync-conflict-") and name.endswith(".json")
    )


def _walk(folder: Path, notes: list[Note]) -> Iterator[Path]:
    """The ``*.json`` files under ``folder``, hidden files and folders left out; a folder that
    cannot be entered is a note (its workshops are missing from the totals: say so)."""

    def refused(error: OSError) -> None:
        reason = f"a folder matchdesk could not enter ({error.strerror or error})"
        notes.append(Note(Path(error.filename or folder), reason, damaged=True))

    for root, dirs, files in os.walk(folder, onerror=refused):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.endswith(".json") and not name.startswith("."):
                yield Path(root) / name


def candidates(
    paths: Sequence[Path], notes: list[Note] | None = None
) -> tuple[list[Path], list[Path]]:
    """(workshop candidates, network files) under ``paths``; a file given by name is always
    a candidate (unless it is a network file or a file beside a workshop). Folders that could
    not be entered are added to ``notes``."""
    found: dict[Path, None] = {}
    networks: dict[Path, None] = {}
    notes = [] if notes is None else notes
    for given in paths:
        path = Path(given).expanduser().absolute()
        if path.is_dir():
            files = list(_walk(path, notes))
        elif path.is_file():
            files = [] if _BESIDE.search(path.name) else [path]
        else:
            raise InvalidValue(f"{given} does not exist.")
        for file in files:
            (networks if is_network_file(file.name) else found)[file] = None
    if paths:  # the decisions written for these files (and conflict copies), even by name
        networks.update(dict.fromkeys(network_files_in(network_folder(paths))))
    return list(found), list(networks)


def network_files_in(folder: Path) -> list[Path]:
    """The network file of ``folder`` and Syncthing's conflict copies of it."""
    try:
        names = sorted(os.listdir(folder))
    except OSError:
        return []
    return [folder / n for n in names if is_network_file(n) and (folder / n).is_file()]


def network_folder(paths: Sequence[Path]) -> Path:
    """Where decisions are written: the first folder given (or the first file's folder)."""
    first = Path(paths[0]).expanduser().absolute()
    return first if first.is_dir() else first.parent


def _written(path: Path) -> int:
    return max((stamp[2] for stamp in file_stamp(path) if stamp is not None), default=0)


def _looks_like_workshop(path: Path) -> bool:
    """Whether a file that would not open begins as a workshop file does (a truncated or
    damaged workshop, not some other JSON): its first bytes name a workshop's tables."""
    try:
        with path.open("rb") as handle:
            head = handle.read(_HEAD)
    except OSError:
        return False
    return any(table in head for table in (b'"meta"', b'"presentations"', b'"interests"'))


_HEAD = 4096


def read_workshop(path: Path, max_bytes: int = MAX_READ_BYTES) -> WorkshopData | Note:
    """One candidate read, or the note saying why it was left out (over ``max_bytes``: left
    out unread)."""
    reason = over_limit(path, max_bytes)
    if reason:
        return Note(path, reason, damaged=True)
    if not os.access(path, os.R_OK):
        return Note(path, "cannot be read: matchdesk may not open it (permission denied)", True)
    try:  # counted once and dropped: parsed whole, its values not shared as a window's are
        ledger = open_ledger(
            path.expanduser().absolute(), readonly=True, offer_backup=False, whole=True
        )
    except SchemaTooNew as exc:
        return Note(path, str(exc), damaged=True)
    except CorruptWorkshop as exc:
        if any(path.with_name(path.name + s).exists() for s in _COMPANIONS):
            return Note(path, f"{exc} (matchdesk check {path.name} lists its backups)", True)
        if _looks_like_workshop(path):
            return Note(path, f"a damaged or half-written workshop file: {exc}", damaged=True)
        return Note(path, "not a workshop file")
    except (MatchdeskError, OSError) as exc:
        return Note(path, f"cannot be read: {exc}", damaged=True)
    with freed_at_close(), Workshop(ledger) as workshop:  # 50 workshops are never all held
        meta = next(workshop.ledger.records("meta"), None)
        if meta is None:
            return Note(path, "not a workshop file")
        rows = tuple(Row(p, workshop.interested_codes(p.uid)) for p in workshop.presentations())
        codes = {p.country.code for p in (r.presentation for r in rows)}
        codes.update(chain.from_iterable(row.interested for row in rows))  # 2,000, in C
        return WorkshopData(
            path=path,
            uid=str(meta.get("uid", path)),
            info=workshop.info(),
            totals=workshop.totals(),
            rows=rows,
            countries={code: workshop.country(code) for code in codes},
            funnel=workshop_funnel(workshop),
            written=_written(path),
        )


def conflict_original(path: Path, files: Iterable[Path]) -> Path | None:
    """The workshop file among ``files`` that ``path`` is a Syncthing conflict copy of."""
    match = _CONFLICT_COPY.match(path.name)
    if match is None:
        return None
    original = path.with_name(f"{match['stem']}.json")
    return original if original in files else None


def conflict_note(copy: Path, original: Path) -> Note:
    """Why a conflict copy is not counted, and the one command that counts what it holds."""
    return Note(
        copy,
        f"a Syncthing conflict copy of {original.name}, not counted on its own (it may hold "
        f"captures {original.name} lacks): run `matchdesk merge {original} {copy}` to count "
        "them",
        damaged=True,
    )


def read_workshops(
    files: Iterable[Path], max_bytes: int = MAX_READ_BYTES
) -> tuple[list[WorkshopData], list[Note]]:
    """The workshops among ``files`` (one per workshop uid) and notes on the rest."""
    kept: dict[str, WorkshopData] = {}
    notes: list[Note] = []
    files = list(files)
    given = set(files)
    for path in files:
        original = conflict_original(path, given)
        if original is not None:
            notes.append(conflict_note(path, original))
            continue
        found = read_workshop(path, max_bytes)
        if isinstance(found, Note):
            notes.append(found)
            continue
        held = kept.get(found.uid)
        if held is None:
            kept[found.uid] = found
            continue
        newer, older = (found, held) if found.written > held.written else (held, found)
        kept[found.uid] = newer
        notes.append(
            Note(
                older.path,
                f"the same workshop as {newer.path.name}, which was written later and is the "
                "one counted (merge the two files to count both laptops' captures)",
            )
        )
    return list(kept.values()), notes
