"""The roll-up: many workshops counted as one picture, from their own tallies.

Each workshop's numbers come from the store's one tally definition (``Workshop.tallies``);
the network only adds them up, so a workshop's row here is the same as its own report. A
*practice* is a presentation, or several presentations a person linked (``practices``); every
interest is one possibility, counted once, under its presenting and its interested region.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from itertools import chain
from pathlib import Path

from matchdesk.store.countries.m49 import UNASSIGNED, Region
from matchdesk.store.errors import InvalidValue
from matchdesk.store.file.limits import MAX_READ_BYTES
from matchdesk.store.models import Country
from matchdesk.store.network.discover import (
    Note,
    Row,
    WorkshopData,
    candidates,
    is_iso_date,
    network_files_in,
    network_folder,
    read_workshops,
)
from matchdesk.store.network.measures import Measures as Measures  # still exported here
from matchdesk.store.network.measures import Reach, measures, reach
from matchdesk.store.network.practices import Groups, PracticeRef, Suggestion, short_id, suggest
from matchdesk.store.network.records import NO_RECORDS, Records, read_records
from matchdesk.store.network.regions import Places, sub_regions
from matchdesk.store.network.workshop_funnels import NOT_TRACKED, Funnel, total_funnel

# The M49 regions in the UN's order; "unassigned" (custom countries) last.
REGION_ORDER = ("Africa", "Americas", "Asia", "Europe", "Oceania", UNASSIGNED.region)


@dataclass(frozen=True)
class Filters:
    """Which workshops count: by year, or by date from/to (inclusive ISO dates)."""

    years: tuple[int, ...] = ()
    date_from: str = ""
    date_to: str = ""

    def __post_init__(self) -> None:
        for value in (self.date_from, self.date_to):
            if value and not is_iso_date(value):
                raise InvalidValue(f"{value!r} is not a date; write it as YYYY-MM-DD.")
        if self.date_from and self.date_to and self.date_from > self.date_to:
            raise InvalidValue(f"--from {self.date_from} is after --to {self.date_to}.")

    @property
    def active(self) -> bool:
        return bool(self.years or self.date_from or self.date_to)

    def admits(self, date: str) -> bool:
        if not self.active:
            return True
        if not is_iso_date(date):
            return False
        if self.years and int(date[:4]) not in self.years:
            return False
        return not (self.date_from and date < self.date_from) and not (
            self.date_to and date > self.date_to
        )


EVERY_WORKSHOP = Filters()


@dataclass(frozen=True)
class WorkshopRow:
    """One workshop in the view, in date order."""

    path: Path
    uid: str
    title: str
    date: str
    measures: Measures
    funnel: Funnel = NOT_TRACKED

    @property
    def year(self) -> str:
        return self.date[:4] if is_iso_date(self.date) else ""


@dataclass(frozen=True)
class YearRow:
    year: str  # "" for workshops without a date
    measures: Measures


@dataclass(frozen=True)
class CountryRow:
    """What one country offered, asked for and received across the workshops."""

    country: Country
    place: Region
    practices_offered: int
    presentations: int
    interest_expressed: int
    interest_received: int
    workshops: int


@dataclass(frozen=True)
class Showing:
    """One presentation of a practice, at one workshop, with the interest it drew there."""

    uid: str
    workshop: int
    title: str
    interested: tuple[Country, ...]

    @property
    def interests(self) -> int:
        return len(self.interested)


@dataclass(frozen=True)
class Practice:
    """A practice presented at more than one workshop (linked by a person)."""

    id: str
    country: Country
    showings: tuple[Showing, ...]

    @property
    def title(self) -> str:
        return self.showings[-1].title

    @property
    def interests(self) -> int:
        return sum(s.interests for s in self.showings)


@dataclass(frozen=True)
class RegionMatrix:
    """Possibilities by presenting region (rows) and interested region (columns)."""

    labels: tuple[str, ...]
    cells: dict[tuple[str, str], int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(self.cells.values())

    def row_total(self, label: str) -> int:
        return sum(n for (row, _), n in self.cells.items() if row == label)

    def column_total(self, label: str) -> int:
        return sum(n for (_, column), n in self.cells.items() if column == label)


@dataclass(frozen=True)
class Loaded:
    """The files read: workshops, notes on the rest, the network files found."""

    workshops: tuple[WorkshopData, ...]
    notes: tuple[Note, ...]
    network_files: tuple[Path, ...]
    folder: Path | None = None  # where this view's decisions are written


@dataclass(frozen=True)
class NetworkView:
    """Everything the network command, report and screen show."""

    workshops: tuple[WorkshopRow, ...]
    totals: Measures
    years: tuple[YearRow, ...]
    countries: tuple[CountryRow, ...]
    repeated: tuple[Practice, ...]
    regions: RegionMatrix
    sub_regions: RegionMatrix
    funnel: Funnel
    suggestions: tuple[Suggestion, ...]
    refs: tuple[PracticeRef, ...]
    notes: tuple[Note, ...] = ()
    filters: Filters = EVERY_WORKSHOP
    left_out: int = 0  # workshops the filters left out
    newest_decision: str = ""  # the latest clock stamp of the decisions read (records.py)


def load(paths: Sequence[Path], max_bytes: int = MAX_READ_BYTES) -> Loaded:
    """Find and read the workshop files under ``paths`` (read-only; nothing is written); a
    file over ``max_bytes`` is left out unread, with a note."""
    walked: list[Note] = []
    files, networks = candidates(paths, walked)
    workshops, notes = read_workshops(files, max_bytes)
    notes = walked + notes
    workshops.sort(key=lambda w: (w.info.date or "9999", w.info.title.casefold(), str(w.path)))
    return Loaded(tuple(workshops), tuple(notes), tuple(networks), network_folder(paths))


def build(
    paths: Sequence[Path], filters: Filters = EVERY_WORKSHOP, max_bytes: int = MAX_READ_BYTES
) -> tuple[NetworkView, Loaded]:
    """Read everything under ``paths`` and roll it up: the whole of ``matchdesk network``."""
    loaded = load(paths, max_bytes)
    return recount(loaded, filters), loaded


def recount(loaded: Loaded, filters: Filters = EVERY_WORKSHOP) -> NetworkView:
    """Roll ``loaded`` up again with the decisions on disk now (after a person decided)."""
    files = list(loaded.network_files)
    if loaded.folder is not None:  # written since loading, conflict copies included
        files.extend(network_files_in(loaded.folder))
    records, problems = read_records(dict.fromkeys(files))
    view = replace(roll_up(loaded, records, filters), newest_decision=records.newest)
    if problems:
        extra = tuple(Note(path, reason, damaged=True) for path, reason in problems)
        view = replace(view, notes=view.notes + extra)
    return view


def _order(labels: Iterable[str], ranks: dict[str, tuple[int, str]]) -> tuple[str, ...]:
    return tuple(sorted(set(labels), key=lambda label: ranks.get(label, (99, label))))


def _showing(data: Sequence[WorkshopData], index: int, row: Row) -> Showing:
    """A repeated practice's showing at ``data[index]``, its countries named as it names them."""
    named = data[index].countries
    interested = tuple(map(named.__getitem__, row.interested))
    return Showing(row.presentation.uid, index, row.presentation.title, interested)


def roll_up(
    loaded: Loaded, records: Records = NO_RECORDS, filters: Filters = EVERY_WORKSHOP
) -> NetworkView:
    """Count the workshops ``filters`` admit, with the links and regions of ``records``."""
    data = [w for w in loaded.workshops if filters.admits(w.info.date)]
    refs = tuple(
        PracticeRef(
            row.presentation.uid, index, row.presentation.title, row.presentation.country.code
        )
        for index, workshop in enumerate(data)
        for row in workshop.rows
    )
    groups = Groups(refs, records)
    practice = {ref.uid: groups.practice(ref.uid) for ref in refs}
    places = Places(records.regions)

    countries: dict[str, Country] = {}
    offered: dict[str, set[str]] = defaultdict(set)
    presented: Counter[str] = Counter()
    expressed: Counter[str] = Counter()
    received: Counter[str] = Counter()
    attended: dict[str, set[int]] = defaultdict(set)
    region_cells: Counter[tuple[str, str]] = Counter()
    sub_cells: Counter[tuple[str, str]] = Counter()
    # Each practice's (workshop, row), in date order: made into ``Showing`` values only for the
    # practices shown at more than one workshop (none until a person links two).
    showings: dict[str, list[tuple[int, Row]]] = defaultdict(list)
    presenter_of: dict[str, Country] = {}
    where: dict[str, tuple[str, str]] = {}  # code -> (region, sub-region)
    # Interests are counted by presenting place and interested country in C (``Counter.update``
    # of the interested codes, once per workshop and place): 100,000 interests, a few thousand
    # (place, country) pairs, which give the places' cells and each country's interest.
    by_origin: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for index, workshop in enumerate(data):
        named, rows = workshop.countries, workshop.rows
        # The countries it names, in the order they come (a presenter, its interested, ...):
        # the first workshop to name a country names it here (most name none for the first time).
        if not named.keys() <= countries.keys():
            seen = chain.from_iterable((r.presentation.country.code, *r.interested) for r in rows)
            for code in dict.fromkeys(seen):
                if code not in countries:
                    country = countries[code] = named[code]
                    place = places(country)
                    where[code] = (place.region, place.sub_region)
        from_place: dict[tuple[str, str], list[tuple[str, ...]]] = defaultdict(list)
        for row in rows:
            presenter, uid = row.presentation.country, row.presentation.uid
            code = presenter.code
            root = practice[uid]
            presenter_of.setdefault(root, presenter)
            offered[code].add(root)
            presented[code] += 1
            received[code] += len(row.interested)
            attended[code].add(index)
            showings[root].append((index, row))
            from_place[where[code]].append(row.interested)
        for code in set(chain.from_iterable(row.interested for row in rows)):
            attended[code].add(index)  # the countries interested at this workshop
        for origin, codes in from_place.items():
            by_origin[origin].update(chain.from_iterable(codes))
    for (origin_region, origin_sub), targets in by_origin.items():
        expressed.update(targets)
        for code, count in targets.items():
            target_region, target_sub = where[code]
            region_cells[(origin_region, target_region)] += count
            sub_cells[(origin_sub, target_sub)] += count

    country_rows = tuple(
        CountryRow(
            country=country,
            place=places(country),
            practices_offered=len(offered.get(code, ())),
            presentations=presented[code],
            interest_expressed=expressed[code],
            interest_received=received[code],
            workshops=len(attended[code]),
        )
        for code, country in sorted(countries.items(), key=lambda kv: kv[1].name.casefold())
    )
    repeated = tuple(
        Practice(short_id(root), presenter_of[root], tuple(_showing(data, *one) for one in shown))
        for root, shown in showings.items()
        if shown[0][0] != shown[-1][0]  # at two workshops at least (in date order)
    )
    region_ranks = {label: (n, label) for n, label in enumerate(REGION_ORDER)}
    sub_ranks = {sub: (REGION_ORDER.index(region), sub) for sub, region in sub_regions().items()}
    sub_ranks[UNASSIGNED.sub_region] = (len(REGION_ORDER), UNASSIGNED.sub_region)
    reaches = [reach(w, practice) for w in data]
    years: dict[str, list[Reach]] = defaultdict(list)
    for workshop, reached in zip(data, reaches, strict=True):
        years[workshop.year].append(reached)
    return NetworkView(
        workshops=tuple(
            WorkshopRow(w.path, w.uid, w.info.title, w.info.date, measures([r]), w.funnel)
            for w, r in zip(data, reaches, strict=True)
        ),
        totals=measures(reaches),
        years=tuple(
            YearRow(year, measures(rows))
            for year, rows in sorted(years.items(), key=lambda kv: kv[0] or "9999")
        ),
        countries=country_rows,
        repeated=repeated,
        regions=RegionMatrix(
            _order((label for pair in region_cells for label in pair), region_ranks),
            dict(region_cells),
        ),
        sub_regions=RegionMatrix(
            _order((label for pair in sub_cells for label in pair), sub_ranks), dict(sub_cells)
        ),
        funnel=total_funnel(w.funnel for w in data),
        suggestions=tuple(suggest(refs, groups, records)),
        refs=refs,
        notes=loaded.notes,
        filters=filters,
        left_out=len(loaded.workshops) - len(data),
    )
