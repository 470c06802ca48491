"""Import presentations and interests from CSV, XLSX or a matchdesk JSON export.

Every source is read and checked completely before anything is written; the whole import is then
one transaction (one journal line), so it lands whole or not at all.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from matchdesk.store.countries import CountryResolver, make_custom
from matchdesk.store.errors import ImportFailed, InvalidValue
from matchdesk.store.exchange.tabular import COLUMNS, REQUIRED, restore_cell
from matchdesk.store.file.schema import COUNTRIES, INTERESTS, META, PRESENTATIONS, SCHEMA_VERSION
from matchdesk.store.followup.transfer import adopt as adopt_followup
from matchdesk.store.models import Channel, Country, ImportReport
from matchdesk.store.validation import clean_text, title_key
from matchdesk.store.workshop import Workshop

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
def _rows_from_table(
    source: str, header: list[Any], body: list[tuple[int, list[Any]]]
) -> list[Row]:
    names = [clean_text(str(h or "")).casefold().lstrip("\ufeff") for h in header]
    missing = [c for c in REQUIRED if c not in names]
    if missing:
        raise ImportFailed(
            f"{source}: missing required column{'s' if len(missing) > 1 else ''} "
            f"{', '.join(missing)} (the header has: {', '.join(filter(None, names)) or 'nothing'})."
        )
    index = {name: names.index(name) for name in COLUMNS if name in names}
    rows: list[Row] = []
    for line, values in body:
        cells = ["" if v is None else _cell_text(v) for v in values]
        if not any(c.strip() for c in cells):
            continue
        if len(cells) > len(names) and any(c.strip() for c in cells[len(names) :]):
            raise ImportFailed(f"{source}, line {line}: more cells than the header has columns.")

        def get(column: str, cells: list[str] = cells) -> str:
            i = index.get(column)
            if i is None or i >= len(cells):
                return ""
            return clean_text(restore_cell(cells[i]), multiline=column == "note")

        row = Row(f"{source}, line {line}", **{c: get(c) for c in COLUMNS})
        if not row.title:
            raise ImportFailed(f"{row.where}: the title is empty.")
        if not row.presenter_country:
            raise ImportFailed(f"{row.where}: the presenting country is empty.")
        rows.append(row)
    return rows


def _cell_text(value: Any) -> str:
    if isinstance(value, dt.datetime):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def read_csv(path: Path) -> list[Row]:
    table = csv_table(path)
    return _rows_from_table(str(path), table[0][1], table[1:])


def csv_table(path: Path) -> list[tuple[int, list[str]]]:
    """Every row of a UTF-8 CSV with its line number (the header first); refused clearly when
    it is not UTF-8, malformed or empty."""
    raw = _read_bytes(path)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise ImportFailed(
            f'{path}, line {line}: the file is not UTF-8 text; save it as "CSV UTF-8" and '
            "import it again."
        ) from None
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        table = [(reader.line_num, row) for row in reader]
    except csv.Error as exc:
        raise ImportFailed(
            f"{path}, line {reader.line_num}: the CSV is malformed ({exc}); check the quotes."
        ) from None
    if not table:
        raise ImportFailed(
            f"{path} is empty; it needs a header row with title and presenter_country."
        )
    return table


def read_xlsx(path: Path) -> list[Row]:
    from openpyxl import load_workbook  # heavy; only when needed

    _read_bytes(path)
    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise ImportFailed(f"{path} is not a readable .xlsx workbook ({exc}).") from None
    except Exception as exc:  # openpyxl raises assorted errors on damaged workbooks
        raise ImportFailed(f"{path} is not a readable .xlsx workbook ({exc}).") from None
    try:
        sheet = book["Interests"] if "Interests" in book.sheetnames else book.worksheets[0]
        rows = [(n, list(r)) for n, r in enumerate(sheet.iter_rows(values_only=True), start=1)]
    finally:
        book.close()
    if not rows:
        raise ImportFailed(f"{path} has an empty first sheet; it needs a header row.")
    return _rows_from_table(f"{path} (sheet {sheet.title})", rows[0][1], rows[1:])


def read_json(path: Path) -> tuple[list[Row], list[str], dict[str, Any], list[Any]]:
    """Rows, custom country names, workshop details and follow-up records (their country as
    the rows name it) from a matchdesk JSON export."""
    raw = _read_bytes(path)
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise ImportFailed(f"{path} is not UTF-8 text.") from None
    except json.JSONDecodeError as exc:
        raise ImportFailed(f"{path}, line {exc.lineno}: not valid JSON ({exc.msg}).") from None
    if not isinstance(data, dict) or data.get("format") != "matchdesk":
        raise ImportFailed(f'{path} is JSON but not a matchdesk export (no "format": "matchdesk").')
    version = data.get("schema_version")
    if not isinstance(version, int) or version > SCHEMA_VERSION:
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
    details = data.get("workshop") if isinstance(data.get("workshop"), dict) else {}
    return rows, list(customs.values()), details, followup


def _json_row(path: Path, n: int, p: dict, country_text: Any, interest: dict | None) -> Row:
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
    return Row(f"{path}, record {n}", **fields)


def _read_bytes(path: Path) -> bytes:
    if not path.exists():
        raise ImportFailed(f"{path} does not exist.")
    if path.is_dir():
        raise ImportFailed(f"{path} is a folder, not a file.")
    try:
        return path.read_bytes()
    except OSError as exc:
        raise ImportFailed(f"Cannot read {path}: {exc.strerror or exc}.") from None


# -- planning and writing -------------------------------------------------------------------
class _Planner:
    """Turns rows into new records against the workshop as it is, without writing anything."""

    def __init__(self, workshop: Workshop) -> None:
        self.workshop = workshop
        self.resolver = CountryResolver(workshop.custom_countries())
        self.writes: list[tuple[str, dict]] = []
        self.new_customs: list[str] = []
        self.presentations: dict[tuple[str, str], str] = {}
        self.live: set[tuple[str, str]] = set()
        self.planned_uids: set[str] = set()
        self.last_position = max((p.position for p in workshop.presentations()), default=0)
        self.added_presentations = 0
        self.existing_presentations: set[str] = set()
        self.added_interests = 0
        self.duplicates = 0
        self.by_source_uid: dict[str, str] = {}  # a JSON export's presentation uid -> ours

    def country(self, name: str) -> Country:
        found = self.resolver.resolve(name)
        if found is None:
            found = make_custom(name)
            existing = self.resolver.by_code(found.code)
            if existing is not None:
                return existing
            self.resolver.add_custom(found)
            self.new_customs.append(found.name)
            self.writes.append(
                (COUNTRIES, self.workshop.new_record(code=found.code, name=found.name))
            )
        return found

    def country_code(self, name: str) -> str:
        return self.country(name).code

    def presentation(self, row: Row) -> str:
        country = self.country(row.presenter_country)
        key = (title_key(row.title), country.code)
        if key in self.presentations:
            return self.presentations[key]
        existing = self.workshop.find_presentation(row.title, country)
        if existing is not None:
            uid = existing.uid
            self.existing_presentations.add(uid)
            self.live.update((uid, i.country.code) for i in self.workshop.interests(existing.uid))
        else:
            doc = self.workshop.new_record(
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

    def _keep_uid(self, doc: dict, source_uid: str) -> None:
        """Keep a JSON record's uid (so merged files agree) unless this file already uses it,
        tombstones included."""
        if (
            source_uid
            and source_uid not in self.planned_uids
            and not self.workshop.has_uid(source_uid)
        ):
            doc["uid"] = source_uid
        self.planned_uids.add(doc["uid"])

    def add(self, row: Row) -> None:
        presentation_uid = self.presentation(row)
        if not row.interested_country:
            return
        country = self.country(row.interested_country)
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
        doc = self.workshop.new_record(
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


def read_source(path: Path) -> tuple[list[Row], dict[str, Any], list[Any]]:
    """Rows, workshop details and follow-up records (the last two from JSON only)."""
    suffix = path.suffix.casefold()
    if suffix == ".csv":
        return read_csv(path), {}, []
    if suffix == ".xlsx":
        return read_xlsx(path), {}, []
    if suffix == ".json":
        rows, _customs, details, followup = read_json(path)
        return rows, details, followup
    raise ImportFailed(
        f"{path}: cannot import {suffix or 'a file without extension'}; use .csv, .xlsx or .json."
    )


def import_sources(workshop: Workshop, sources: list[Path]) -> ImportReport:
    """Read every source, then write all of it at once; on any error nothing is written."""
    rows: list[Row] = []
    details: dict[str, Any] = {}
    followup: list[tuple[Path, list[Any]]] = []
    for source in sources:
        source_rows, source_details, records = read_source(Path(source))
        rows.extend(source_rows)
        details = details or source_details
        followup.append((Path(source), records))
    planner = _Planner(workshop)
    for row in rows:
        planner.add(row)
    for source, records in followup:  # follow-up hook: the records follow their possibility
        if records:
            planner.writes += adopt_followup(
                workshop, str(source), records, planner.by_source_uid, planner.country_code
            )
    if details and not workshop.info().title:
        fields: dict[str, Any] = {
            k: details[k]
            for k in ("title", "date", "venue", "organisers", "mode")
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
        label = f"import {', '.join(Path(s).name for s in sources)}"
        workshop.apply_import(label, planner.writes)
    return ImportReport(
        sources=tuple(str(s) for s in sources),
        presentations_added=planner.added_presentations,
        interests_added=planner.added_interests,
        duplicates_skipped=planner.duplicates,
        custom_countries_created=tuple(planner.new_customs),
        presentations_existing=len(planner.existing_presentations),
    )
