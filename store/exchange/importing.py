"""Import presentations and interests from CSV, XLSX or a matchdesk JSON export.

Every source is checked before it is opened (a regular file, under the size limit), read as a
stream and planned row by row; nothing is written until every row of every source is valid. The
whole import is then one transaction (bounded journal chunks closed by one final line), so it
lands whole or not at all.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import json
import math
import os
import re
import stat
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from matchdesk.store.countries import CountryResolver, is_blank, make_custom, normalise
from matchdesk.store.errors import ImportFailed, InvalidValue, UnknownCountries, UnknownName
from matchdesk.store.exchange.tabular import (
    AS_TYPED,
    COLUMNS,
    REQUIRED,
    neutralise_cell,
    restore_cell,
)
from matchdesk.store.file.limits import MAX_SOURCE_MB
from matchdesk.store.file.schema import COUNTRIES, INTERESTS, META, PRESENTATIONS, SCHEMA_VERSION
from matchdesk.store.followup import transfer
from matchdesk.store.models import Channel, Country, Doc, ImportReport
from matchdesk.store.validation import MAX_TEXT, clean_text, title_key
from matchdesk.store.workshop import Workshop

XLSX_EXPANSION = 4  # a workbook may expand to this many times the size limit, no more
JSON_MAX_DIGITS = 20  # longer integers are not counts or versions
_ESCAPED_ESCAPE = re.compile("_x005F(_x[0-9A-Fa-f]{4}_)")  # see ``_xlsx_value``
_PLACE = re.compile(r"(?:line|record) \d+$")  # the end of a Row's ``where``
Progress = Callable[[int, int], None]  # (bytes read, bytes in all sources)

_CHANNELS = {
    "": Channel.UNSPECIFIED,
    "unspecified": Channel.UNSPECIFIED,
    "in_room": Channel.IN_ROOM,
    "in room": Channel.IN_ROOM,
    "in-room": Channel.IN_ROOM,
    "room": Channel.IN_ROOM,
    "online": Channel.ONLINE,
    "on-line": Channel.ONLINE,
    "virtual": Channel.ONLINE,
    "chat": Channel.ONLINE,
}


@dataclass(frozen=True)
class Row:
    """One flat row, with where it came from for error messages."""

    where: str
    title: str
    presenter_country: str
    presenter: str = ""
    theme: str = ""
    interested_country: str = ""
    channel: str = ""
    note: str = ""
    captured_at: str = ""
    interest_uid: str = ""
    presentation_uid: str = ""


# -- reading ----------------------------------------------------------------------------------
def header_names(header: list[Any]) -> list[str]:
    """A sheet's column names as matched: cleaned, any case, without a byte-order mark."""
    return [clean_text(str(h or "")).casefold().lstrip("\ufeff") for h in header]


def _rows_from_table(
    source: str, header: list[Any], body: Iterator[tuple[int, list[Any]]]
) -> Iterator[Row]:
    names = header_names(header)
    missing = [c for c in REQUIRED if c not in names]
    if missing:
        raise ImportFailed(
            f"{source}: missing required column{'s' if len(missing) > 1 else ''} "
            f"{', '.join(missing)} (the header has: {', '.join(filter(None, names)) or 'nothing'})."
        )
    index = {name: names.index(name) for name in COLUMNS if name in names}
    for line, values in body:
        cells = ["" if v is None else _cell_text(v) for v in values]
        if not any(c.strip() for c in cells):
            continue
        if len(cells) > len(names) and any(c.strip() for c in cells[len(names) :]):
            raise ImportFailed(f"{source}, line {line}: more cells than the header has columns.")

        def get(column: str, cells: list[str] = cells, line: int = line) -> str:
            i = index.get(column)
            if i is None or i >= len(cells):
                return ""
            text = clean_text(restore_cell(cells[i]), multiline=column == "note")
            return _bounded(f"{source}, line {line}", column, text)

        row = Row(f"{source}, line {line}", **{c: get(c) for c in COLUMNS})
        if not row.title:
            raise ImportFailed(f"{row.where}: the title is empty.")
        if not row.presenter_country:
            raise ImportFailed(f"{row.where}: the presenting country is empty.")
        yield row


def _bounded(where: str, column: str, text: str) -> str:
    """Cells as long as the app allows (``MAX_TEXT``), no longer."""
    if len(text) > MAX_TEXT:
        raise ImportFailed(
            f"{where}: the {column} is longer than {MAX_TEXT:,} characters, the most matchdesk "
            "keeps."
        )
    return text


def _cell_text(value: Any) -> str:
    if isinstance(value, dt.datetime):  # a spreadsheet time has no zone: ours are UTC
        spec = "milliseconds" if value.microsecond else "seconds"
        return value.replace(tzinfo=None).isoformat(timespec=spec) + "Z"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _xlsx_value(cell: Any, as_typed: bool) -> Any:
    """Text as typed (a quote-prefixed cell, or any cell of a workbook that says so) must pass
    ``restore_cell`` whole: a leading apostrophe there is part of the text.

    A text that itself reads like a spreadsheet's escape ("_x0041_") is written with its "_"
    escaped ("_x005F_x0041_"); openpyxl undoes that in shared strings only, so it is undone
    here for the inline strings matchdesk's workbooks hold."""
    value = cell.value
    if isinstance(value, str) and "_x005F_x" in value:
        value = _ESCAPED_ESCAPE.sub(r"\1", value)
    style = getattr(cell, "style_array", None)
    if isinstance(value, str) and (as_typed or (style is not None and style.quotePrefix)):
        return neutralise_cell(value)
    return value


def check_source(path: Path, max_bytes: int = MAX_SOURCE_MB << 20) -> int:
    """Refuse, before opening it, a source that is missing, not a regular file (a FIFO, a
    device, a symlink to one) or over the size limit; its size in bytes."""
    path = Path(path)
    try:
        info = os.stat(path)  # follows symlinks: a link to /dev/zero is a device
    except FileNotFoundError:
        raise ImportFailed(f"{path} does not exist.") from None
    except OSError as exc:
        raise ImportFailed(f"Cannot read {path}: {exc.strerror or exc}.") from None
    if stat.S_ISDIR(info.st_mode):
        raise ImportFailed(f"{path} is a folder, not a file.")
    if not stat.S_ISREG(info.st_mode):
        kind = (
            "a named pipe"
            if stat.S_ISFIFO(info.st_mode)
            else "a device"
            if stat.S_ISCHR(info.st_mode) or stat.S_ISBLK(info.st_mode)
            else "not a regular file"
        )
        raise ImportFailed(f"{path} is {kind}; matchdesk imports regular files only.")
    if info.st_size > max_bytes:
        raise ImportFailed(
            f"{path} is {_mb(info.st_size)}, over the import limit of {_mb(max_bytes)}; if the "
            f"file is right, raise the limit with --max-size {math.ceil(info.st_size / 2**20)}."
        )
    return info.st_size


def _mb(size: int) -> str:
    return f"{size / 2**20:,.1f} MB" if size % 2**20 else f"{size // 2**20:,} MB"


def _open_source(path: Path, max_bytes: int) -> BinaryIO:
    """Open a checked source without blocking (a FIFO swapped in meanwhile is refused)."""
    check_source(path, max_bytes)
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        raise ImportFailed(f"Cannot read {path}: {exc.strerror or exc}.") from None
    handle = os.fdopen(fd, "rb")
    info = os.fstat(fd)
    if not stat.S_ISREG(info.st_mode) or info.st_size > max_bytes:
        handle.close()
        raise ImportFailed(f"{path} changed while being opened; import it again.")
    return handle


def _undecodable_line(path: Path) -> int:
    """The first line of ``path`` that is not UTF-8 (read again, only after a failure)."""
    with path.open("rb") as handle:
        for number, line in enumerate(handle, start=1):
            try:
                line.decode("utf-8")
            except UnicodeDecodeError:
                return number
    return 1


def csv_table(
    path: Path, max_bytes: int = MAX_SOURCE_MB << 20, progress: Progress | None = None
) -> Iterator[tuple[int, list[str]]]:
    """Every row of a UTF-8 CSV (the header first) with its line number, streamed (memory
    stays bounded whatever its size); a file that is not UTF-8 or malformed is refused with
    its line. Shared by the import and the follow-up sheet (``store/followup/sheet.py``)."""
    with _open_source(path, max_bytes) as raw:
        text = io.TextIOWrapper(raw, encoding="utf-8-sig", newline="")
        reader = csv.reader(text, strict=True)
        try:
            for n, row in enumerate(reader):
                if progress is not None and n % 2000 == 0:
                    progress(raw.tell(), 0)
                yield reader.line_num, row
        except UnicodeDecodeError:
            raise ImportFailed(
                f"{path}, line {_undecodable_line(path)}: the file is not UTF-8 text; save it as "
                '"CSV UTF-8" and import it again.'
            ) from None
        except csv.Error as exc:
            if "field larger than field limit" in str(exc):
                raise ImportFailed(
                    f"{path}, line {reader.line_num + 1}: a cell is longer than "
                    f"{csv.field_size_limit():,} characters; matchdesk keeps at most "
                    f"{MAX_TEXT:,} in a cell."
                ) from None
            raise ImportFailed(
                f"{path}, line {reader.line_num}: the CSV is malformed ({exc}); check the quotes."
            ) from None


def read_csv(
    path: Path, max_bytes: int = MAX_SOURCE_MB << 20, progress: Progress | None = None
) -> Iterator[Row]:
    """The rows of a CSV file, streamed."""
    table = csv_table(path, max_bytes, progress)
    header = next(table, None)
    if header is None:
        raise ImportFailed(
            f"{path} is empty; it needs a header row with title and presenter_country."
        )
    yield from _rows_from_table(str(path), header[1], table)


def check_workbook(path: Path, max_bytes: int) -> None:
    """Refuse a workbook whose parts would expand past the limit, before expanding any."""
    import zipfile  # 4 ms of imports that a CSV or JSON source never needs

    try:
        with zipfile.ZipFile(path) as archive:
            expanded = sum(item.file_size for item in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise ImportFailed(f"{path} is not a readable .xlsx workbook ({exc}).") from None
    limit = max_bytes * XLSX_EXPANSION
    if expanded > limit:
        raise ImportFailed(
            f"{path} would expand to {_mb(expanded)}, over the limit of {_mb(limit)} for a "
            f"workbook ({XLSX_EXPANSION} times the import limit); raise it with --max-size "
            f"{math.ceil(expanded / XLSX_EXPANSION / 2**20)} if the file is right."
        )


def read_xlsx(
    path: Path, max_bytes: int = MAX_SOURCE_MB << 20, progress: Progress | None = None
) -> Iterator[Row]:
    from openpyxl import load_workbook  # heavy; only when needed

    _open_source(path, max_bytes).close()
    check_workbook(path, max_bytes)
    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises assorted errors on damaged workbooks
        raise ImportFailed(f"{path} is not a readable .xlsx workbook ({exc}).") from None
    try:
        sheet = book["Interests"] if "Interests" in book.sheetnames else book.worksheets[0]
        props = getattr(book, "custom_doc_props", None)
        as_typed = any((p.name, p.value) == AS_TYPED for p in props or ())
        rows = (
            (n, [_xlsx_value(c, as_typed) for c in r]) for n, r in enumerate(sheet.iter_rows(), 1)
        )
        first = next(rows, None)
        if first is None:
            raise ImportFailed(f"{path} has an empty first sheet; it needs a header row.")
        body = ((n, list(r)) for n, r in rows)
        yield from _rows_from_table(f"{path} (sheet {sheet.title})", list(first[1]), body)
    finally:
        book.close()


def _json_int(text: str) -> int:
    if len(text.lstrip("-")) > JSON_MAX_DIGITS:
        raise ValueError(f"a number of {len(text)} digits")
    return int(text)


def _json_float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise ValueError(f"the number {text[:20]} is too large")
    return value


def _json_constant(text: str) -> Any:
    raise ValueError(f"{text} is not a number")


def read_json(
    path: Path, max_bytes: int = MAX_SOURCE_MB << 20
) -> tuple[list[Row], list[str], dict[str, Any], list[Any]]:
    """Rows, custom country names, workshop details and follow-up records (their country as
    the rows name it) from a matchdesk JSON export."""
    with _open_source(path, max_bytes) as handle:
        raw = handle.read(max_bytes + 1)
    try:
        data = json.loads(
            raw.decode("utf-8-sig"),
            parse_int=_json_int,
            parse_float=_json_float,
            parse_constant=_json_constant,
        )
    except UnicodeDecodeError:
        raise ImportFailed(f"{path} is not UTF-8 text.") from None
    except json.JSONDecodeError as exc:
        raise ImportFailed(f"{path}, line {exc.lineno}: not valid JSON ({exc.msg}).") from None
    except RecursionError:
        raise ImportFailed(f"{path} is nested too deeply to be a matchdesk export.") from None
    except ValueError as exc:
        raise ImportFailed(f"{path} is not a matchdesk export: it holds {exc}.") from None
    del raw
    if not isinstance(data, dict) or data.get("format") != "matchdesk":
        raise ImportFailed(f'{path} is JSON but not a matchdesk export (no "format": "matchdesk").')
    version = data.get("schema_version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise ImportFailed(f"{path} has no valid schema_version; it is not a matchdesk export.")
    if version > SCHEMA_VERSION:
        raise ImportFailed(
            f"{path} comes from a newer matchdesk (schema version {version}); upgrade to import it."
        )
    try:
        customs = {
            c["code"]: clean_text(c["name"])
            for c in data.get("countries", [])
            if not c.get("deleted")
        }
        presentations = {p["uid"]: p for p in data.get("presentations", [])}
        rows: list[Row] = []
        used: set[str] = set()

        def country_text(code: str) -> str:
            return customs.get(code, code)

        for n, interest in enumerate(data.get("interests", []), start=1):
            p = presentations.get(interest["presentation"])
            if interest.get("deleted") or p is None or p.get("deleted"):
                continue
            used.add(p["uid"])
            rows.append(_json_row(path, n, p, country_text, interest))
        for n, p in enumerate(presentations.values(), start=1):
            if p["uid"] not in used and not p.get("deleted"):
                rows.append(_json_row(path, n, p, country_text, None))
        followup = [
            {**r, "country": country_text(str(r.get("country", "")))} if isinstance(r, dict) else r
            for r in data.get("followup", [])
        ]
    except (KeyError, TypeError, AttributeError) as exc:
        raise ImportFailed(f"{path} is a damaged matchdesk export (missing {exc}).") from None
    workshop = data.get("workshop")
    details: dict[str, Any] = workshop if isinstance(workshop, dict) else {}
    return rows, list(customs.values()), details, followup


def _json_row(
    path: Path, n: int, p: Doc, country_text: Callable[[str], str], interest: Doc | None
) -> Row:
    fields = {
        "title": clean_text(str(p["title"])),
        "presenter_country": country_text(p["country"]),
        "presenter": clean_text(str(p.get("presenter", ""))),
        "theme": clean_text(str(p.get("theme", ""))),
        "presentation_uid": str(p["uid"]),
    }
    if interest is not None:
        fields.update(
            interested_country=country_text(interest["country"]),
            channel=str(interest.get("channel", "")),
            note=clean_text(str(interest.get("note", "")), multiline=True),
            captured_at=str(interest.get("captured_at", "")),
            interest_uid=str(interest["uid"]),
        )
    where = f"{path}, record {n}"
    return Row(where, **{k: _bounded(where, k, v) for k, v in fields.items()})


# -- planning and writing -------------------------------------------------------------------
@dataclass(frozen=True)
class Customs:
    """What a person decided about names no country has: ``names`` (any spelling) and, with
    ``every``, all of them become custom countries; ``chosen`` files a name under a country
    (normalised name -> ISO alpha-3 or the workshop's custom code), as the app's review does."""

    names: tuple[str, ...] = ()
    every: bool = False
    chosen: Mapping[str, str] = dataclasses.field(default_factory=dict)


class _Planner:
    """Turns rows into new records against the workshop as it is, without writing anything."""

    def __init__(
        self, workshop: Workshop, customs: Customs = Customs(), several: bool = False
    ) -> None:
        self.workshop = workshop
        self.customs = customs
        self.accepted = {normalise(name) for name in customs.names}
        self.several = several  # several sources: places name their file
        self.unknown: dict[str, UnknownName] = {}  # normalised name -> the first place met
        self.resolver = CountryResolver(workshop.custom_countries())
        self.writes: list[tuple[str, Doc]] = []
        self.new_customs: list[str] = []
        self.presentations: dict[tuple[str, str], str] = {}
        self.live: set[tuple[str, str]] = set()
        self.planned_uids: set[str] = set()
        self.last_position = max((p.position for p in workshop.presentations()), default=0)
        self.added_presentations = 0
        self.existing_presentations: set[str] = set()
        self.added_interests = 0
        self.duplicates = 0
        self.blanks = 0
        self.by_source_uid: dict[str, str] = {}  # a JSON export's presentation uid -> ours

    def country(self, name: str, where: str = "") -> Country:
        found = self.resolver.resolve(name)
        if found is None:
            key = normalise(name)
            chosen = self.customs.chosen.get(key)
            picked = self.resolver.by_code(chosen) if chosen else None
            if picked is not None:
                return picked
            ambiguous = self.resolver.ambiguous(name)
            if ambiguous:  # "Korea": asked, never created
                return self._ask(name, where, ambiguous, ambiguous=True)
            if not (self.customs.every or key in self.accepted):
                closest = self.resolver.close(name)
                if closest:  # "Czeck Republic": asked before it becomes a country of its own
                    return self._ask(name, where, closest, ambiguous=False)
            found = make_custom(name)
            existing = self.resolver.by_code(found.code)
            if existing is not None:
                return existing
            self.resolver.add_custom(found)
            self.new_customs.append(found.name)
            self.writes.append(
                (COUNTRIES, self.workshop.ledger.new_record(code=found.code, name=found.name))
            )
        return found

    def _ask(
        self, name: str, where: str, countries: Iterable[Country], *, ambiguous: bool
    ) -> Country:
        """Note a name a person must decide about; the plan goes on (so one message lists
        them all) with a stand-in that is never written."""
        key = normalise(name)
        seen = self.unknown.get(key)
        if seen is not None:
            self.unknown[key] = dataclasses.replace(seen, lines=seen.lines + 1)
        else:
            countries = tuple(countries)
            self.unknown[key] = UnknownName(
                name=name.strip(),
                where=self._place(where),
                lines=1,
                closest=tuple(country.code for country in countries),
                closest_names=tuple(country.name for country in countries),
                ambiguous=ambiguous,
            )
        return make_custom(name)

    def _place(self, where: str) -> str:
        """ "line 12" (or "names.csv, line 12" when several sources are imported)."""
        match = _PLACE.search(where)
        if match is None:
            return where
        if not self.several:
            return match.group()
        source = where[: match.start()].rstrip(", ")
        return f"{Path(source.split(' (sheet ')[0]).name}, {match.group()}"

    def country_code(self, name: str) -> str:
        return self.country(name).code

    def presentation(self, row: Row) -> str:
        if is_blank(row.presenter_country):
            raise ImportFailed(
                f"{row.where}: the presenting country {row.presenter_country.strip()!r} reads "
                "as blank (no country); a presentation needs its presenting country."
            )
        country = self.country(row.presenter_country, row.where)
        key = (title_key(row.title), country.code)
        if key in self.presentations:
            return self.presentations[key]
        existing = self.workshop.find_presentation(row.title, country)
        if existing is not None:
            uid = existing.uid
            self.existing_presentations.add(uid)
            self.live.update((uid, i.country.code) for i in self.workshop.interests(existing.uid))
        else:
            doc = self.workshop.ledger.new_record(
                title=row.title,
                country=country.code,
                presenter=row.presenter,
                theme=row.theme,
                position=self.last_position + self.added_presentations + 1,
            )
            self._keep_uid(doc, row.presentation_uid)
            uid = doc["uid"]
            self.writes.append((PRESENTATIONS, doc))
            self.added_presentations += 1
        self.presentations[key] = uid
        if row.presentation_uid:
            self.by_source_uid[row.presentation_uid] = uid
        return uid

    def _keep_uid(self, doc: Doc, source_uid: str) -> None:
        """Keep a JSON record's uid (so merged files agree) unless this file already uses it,
        tombstones included."""
        if (
            source_uid
            and source_uid not in self.planned_uids
            and not self.workshop.ledger.has_uid(source_uid)
        ):
            doc["uid"] = source_uid
        self.planned_uids.add(doc["uid"])

    def add(self, row: Row) -> None:
        presentation_uid = self.presentation(row)
        if is_blank(row.interested_country):  # "", "NA", "n/a", "-", "TBD": no country
            self.blanks += bool(row.interested_country)
            return
        country = self.country(row.interested_country, row.where)
        key = (presentation_uid, country.code)
        if key in self.live:
            self.duplicates += 1
            return
        channel = _CHANNELS.get(row.channel.strip().casefold())
        if channel is None:
            raise ImportFailed(
                f"{row.where}: channel {row.channel!r} is not in_room, online or unspecified."
            )
        captured = row.captured_at.strip()
        if captured:
            try:
                dt.datetime.fromisoformat(captured.replace("Z", "+00:00"))
            except ValueError:
                raise ImportFailed(
                    f"{row.where}: captured_at {captured!r} is not a date and time like "
                    "2021-10-29T10:30:00Z."
                ) from None
        doc = self.workshop.ledger.new_record(
            presentation=presentation_uid,
            country=country.code,
            channel=channel.value,
            note=row.note,
        )
        doc["captured_at"] = captured or doc["created_at"]
        self._keep_uid(doc, row.interest_uid)
        self.live.add(key)
        self.writes.append((INTERESTS, doc))
        self.added_interests += 1


def read_source(
    path: Path, max_bytes: int = MAX_SOURCE_MB << 20, progress: Progress | None = None
) -> tuple[Iterator[Row], dict[str, Any], list[Any], list[str]]:
    """The rows of one source (streamed for CSV and XLSX), its workshop details, its follow-up
    records and the custom countries it was made with (the last three from JSON only)."""
    suffix = path.suffix.casefold()
    if suffix == ".csv":
        return read_csv(path, max_bytes, progress), {}, [], []
    if suffix == ".xlsx":
        return read_xlsx(path, max_bytes, progress), {}, [], []
    if suffix == ".json":
        rows, customs, details, followup = read_json(path, max_bytes)
        return iter(rows), details, followup, customs
    raise ImportFailed(
        f"{path}: cannot import {suffix or 'a file without extension'}; use .csv, .xlsx or .json."
    )


def import_sources(
    workshop: Workshop,
    sources: list[Path],
    *,
    max_bytes: int = MAX_SOURCE_MB << 20,
    progress: Progress | None = None,
    customs: Customs = Customs(),
) -> ImportReport:
    """Read and plan every source, then write all of it at once; on any error nothing is
    written. ``progress`` hears (bytes read, bytes in all sources) now and then.

    A name no country has that resembles one ("Czeck Republic", "Mexico City"), or that means
    several ("Korea"), stops the import before anything is written (``UnknownCountries``
    lists them all) unless ``customs`` accepts it as a custom country or files it under one.
    """
    sources = [Path(s) for s in sources]
    sizes = [check_source(source, max_bytes) for source in sources]
    total = sum(sizes)
    details: dict[str, Any] = {}
    planner = _Planner(workshop, customs, several=len(sources) > 1)
    followup: list[dict[str, Any]] = []
    done = 0
    for source, size in zip(sources, sizes, strict=True):

        def tell(position: int, _total: int, done: int = done) -> None:
            if progress is not None:
                progress(done + position, total)

        rows, source_details, records, customs_made = read_source(source, max_bytes, tell)
        # a matchdesk file's custom countries were made by a person: they come along as such
        planner.accepted.update(normalise(name) for name in customs_made)
        for row in rows:
            planner.add(row)
        if records:  # follow-up hook: the records follow their possibility
            followup += transfer.adopt(
                str(source), records, planner.by_source_uid, planner.country_code
            )
        details = details or source_details
        done += size
        if progress is not None:
            progress(done, total)
    if planner.unknown:
        raise UnknownCountries(tuple(planner.unknown.values()))
    if followup:
        planner.writes += transfer.writes(workshop, followup)
    if details and not workshop.info().title:
        fields: dict[str, Any] = {
            k: details[k]
            for k in ("title", "date", "venue", "organisers", "mode", "language")
            if details.get(k)
        }
        for k in ("attendance_in_room", "attendance_online"):
            if details.get(k) is not None:
                fields[k] = details[k]
        if fields:
            try:
                planner.writes.append((META, workshop.info_record(**fields)))
            except InvalidValue as exc:
                raise ImportFailed(f"{sources[0]}: workshop details: {exc}") from None
    if planner.writes:
        label = f"import {', '.join(s.name for s in sources)}"
        workshop.ledger.commit(label, planner.writes, owned=True)
    return ImportReport(
        sources=tuple(str(s) for s in sources),
        presentations_added=planner.added_presentations,
        interests_added=planner.added_interests,
        duplicates_skipped=planner.duplicates,
        custom_countries_created=tuple(planner.new_customs),
        presentations_existing=len(planner.existing_presentations),
        blank_countries=planner.blanks,
    )
