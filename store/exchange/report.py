"""The rapporteur's report as one plain value, so Markdown, DOCX and any later view say the same.

Everything here is computed from ``WorkshopInfo`` + ``Tallies``; no renderer counts anything
itself, so the report can never drift from the records the way hand-kept tallies did.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from matchdesk.store.errors import InvalidValue
from matchdesk.store.models import Channel, Country, Mode, Tallies, Totals, WorkshopInfo

NAMES: tuple[str, ...] = ("short", "official")
DEFAULT_TITLE = "Matchmaking workshop"
TABLE_CAPTION = "Table 1: Expression of interest"
TABLE_COLUMNS: tuple[str, str, str] = (
    "Best practice",
    "Country sharing the idea",
    "Countries interested",
)

_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
_MODE_LABELS = {Mode.IN_ROOM: "In the room", Mode.ONLINE: "Online", Mode.HYBRID: "Hybrid"}
# How each channel reads inside the channel-split sentence ("15 online").
_CHANNEL_PHRASES = {
    Channel.IN_ROOM.value: "in the room",
    Channel.ONLINE.value: "online",
    Channel.UNSPECIFIED.value: "without a recorded channel",
}
_CHANNEL_ORDER = (Channel.IN_ROOM.value, Channel.ONLINE.value, Channel.UNSPECIFIED.value)


@dataclass(frozen=True)
class HeaderField:
    """One labelled line of the workshop header ("Date: 29 October 2021")."""

    label: str
    value: str


@dataclass(frozen=True)
class ReportRow:
    """One row of the report's table, in agenda order; ``interested`` in capture order."""

    title: str
    presenting_country: str
    interested: tuple[str, ...]
    presenter: str = ""
    theme: str = ""

    @property
    def count(self) -> int:
        return len(self.interested)


@dataclass(frozen=True)
class InterestedLine:
    """Possibilities for partnership expressed by one interested country."""

    country: str
    interests: int


@dataclass(frozen=True)
class PresentingLine:
    """Best practices one country presented, and the interest they received."""

    country: str
    presentations: int
    interests_received: int


@dataclass(frozen=True)
class ChannelLine:
    """Interests captured through one channel."""

    channel: str  # Channel value
    label: str
    interests: int


@dataclass(frozen=True)
class Matrix:
    """Presenting (rows) x interested (columns) counts, named for display."""

    presenting: tuple[str, ...]
    interested: tuple[str, ...]
    counts: tuple[tuple[int, ...], ...]


@dataclass(frozen=True)
class Report:
    """Everything a report prints, already worded and named ("short" or "official")."""

    title: str
    header: tuple[HeaderField, ...]
    caption: str
    columns: tuple[str, str, str]
    rows: tuple[ReportRow, ...]
    totals: Totals
    sentences: tuple[str, ...]
    by_interested_country: tuple[InterestedLine, ...]
    by_presenting_country: tuple[PresentingLine, ...]
    channels: tuple[ChannelLine, ...]
    channel_sentence: str
    matrix: Matrix


def country_name(country: Country, names: str = "short") -> str:
    """The name to print; falls back to the short name when no official one is known."""
    return country.display(names) or country.name or country.code


def check_names(names: str) -> str:
    """Refuse anything but "short" or "official" early, with words a user can act on."""
    if names not in NAMES:
        raise InvalidValue(f"Unknown names option {names!r}; choose short or official.")
    return names


def plural(count: int, singular: str, plural_form: str) -> str:
    """``"1 country"`` / ``"9 countries"``."""
    return f"{count} {singular if count == 1 else plural_form}"


def join_words(items: Iterable[str]) -> str:
    """``"A, B and C"``: how a sentence lists things."""
    words = [item for item in items if item]
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + " and " + words[-1]


def format_date(iso: str) -> str:
    """``"2021-10-29"`` -> ``"29 October 2021"`` (no locale: the report must read the same
    everywhere); anything that is not an ISO date is printed as it was typed."""
    try:
        day = date.fromisoformat(iso.strip()[:10])
    except ValueError:
        return iso.strip()
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def attendance_text(in_room: int | None, online: int | None) -> str:
    """``"40 in the room and 88 online"``; a count left unknown is left out."""
    parts = []
    if in_room is not None:
        parts.append(f"{in_room} in the room")
    if online is not None:
        parts.append(f"{online} online")
    return " and ".join(parts)


def header_fields(info: WorkshopInfo) -> tuple[HeaderField, ...]:
    """The labelled header lines, skipping what the workshop does not record."""
    fields = []
    if info.date.strip():
        fields.append(HeaderField("Date", format_date(info.date)))
    if info.venue.strip():
        fields.append(HeaderField("Venue", info.venue.strip()))
    organisers = [name.strip() for name in info.organisers if name.strip()]
    if organisers:
        label = "Organiser" if len(organisers) == 1 else "Organisers"
        fields.append(HeaderField(label, join_words(organisers)))
    if info.mode is not None:
        fields.append(HeaderField("Mode", _MODE_LABELS.get(info.mode, str(info.mode))))
    attendance = attendance_text(info.attendance_in_room, info.attendance_online)
    if attendance:
        fields.append(HeaderField("Attendance", attendance))
    return tuple(fields)


def _possibilities(count: int) -> str:
    return plural(count, "possibility for partnership", "possibilities for partnerships")


def totals_sentences(totals: Totals) -> tuple[str, ...]:
    """The headline in the seed report's own words, then the countries involved."""
    if totals.presentations == 0:
        return ("No best practices have been presented yet.",)
    practices = plural(totals.presentations, "best practice", "best practices")
    presenters = plural(totals.presenting_countries, "country", "countries")
    if totals.interests == 0:
        headline = (
            f"No possibilities for partnerships were generated for the {practices} "
            f"presented by {presenters}."
        )
    else:
        interested = plural(totals.interested_countries, "country", "countries")
        headline = (
            f"The deliberations generated {_possibilities(totals.interests)} for {practices} "
            f"presented by {presenters}; {interested} expressed interest."
        )
    involved = plural(totals.countries_involved, "country", "countries")
    verb = "was" if totals.countries_involved == 1 else "were"
    return (headline, f"In all, {involved} {verb} involved, presenting or expressing interest.")


def channel_lines(by_channel: Mapping[str, int]) -> tuple[ChannelLine, ...]:
    """Known channels in a fixed order, then anything else; zero counts left out."""
    keys = [key for key in _CHANNEL_ORDER if key in by_channel]
    keys += sorted(key for key in by_channel if key not in _CHANNEL_ORDER)
    lines = []
    for key in keys:
        if by_channel[key] > 0:
            label = Channel(key).label if key in _CHANNEL_ORDER else key
            lines.append(ChannelLine(key, label, by_channel[key]))
    return tuple(lines)


def channel_sentence(by_channel: Mapping[str, int]) -> str:
    """``"Of the 39 possibilities for partnerships, 20 were expressed in the room and 19
    online."``; "" when there is no interest to split."""
    lines = channel_lines(by_channel)
    total = sum(line.interests for line in lines)
    if total == 0:
        return ""
    phrases = [_CHANNEL_PHRASES.get(line.channel, f"via {line.label}") for line in lines]
    if len(lines) == 1:
        if lines[0].channel == Channel.UNSPECIFIED.value:
            return f"No channel was recorded for the {_possibilities(total)}."
        if total == 1:
            return f"The single possibility for partnership was expressed {phrases[0]}."
        return f"All {_possibilities(total)} were expressed {phrases[0]}."
    first = lines[0].interests
    parts = [f"{first} {'was' if first == 1 else 'were'} expressed {phrases[0]}"]
    parts += [
        f"{line.interests} {phrase}" for line, phrase in zip(lines[1:], phrases[1:], strict=True)
    ]
    return f"Of the {_possibilities(total)}, {join_words(parts)}."


def build_report(info: WorkshopInfo, tallies: Tallies, names: str = "short") -> Report:
    """Word and name every part of the report once, for all renderers."""
    check_names(names)
    ordered = sorted(tallies.presentations, key=lambda tally: tally.presentation.position)
    rows = tuple(
        ReportRow(
            title=tally.presentation.title,
            presenting_country=country_name(tally.presentation.country, names),
            interested=tuple(country_name(country, names) for country in tally.interested),
            presenter=tally.presentation.presenter,
            theme=tally.presentation.theme,
        )
        for tally in ordered
    )
    presenting = [line.country for line in tallies.presenting_countries]
    interested = [line.country for line in tallies.interested_countries]
    matrix = Matrix(
        presenting=tuple(country_name(country, names) for country in presenting),
        interested=tuple(country_name(country, names) for country in interested),
        counts=tuple(
            tuple(tallies.matrix.get((row.code, column.code), 0) for column in interested)
            for row in presenting
        ),
    )
    return Report(
        title=info.title.strip() or DEFAULT_TITLE,
        header=header_fields(info),
        caption=TABLE_CAPTION,
        columns=TABLE_COLUMNS,
        rows=rows,
        totals=tallies.totals,
        sentences=totals_sentences(tallies.totals),
        by_interested_country=tuple(
            InterestedLine(country_name(line.country, names), line.interests)
            for line in tallies.interested_countries
        ),
        by_presenting_country=tuple(
            PresentingLine(
                country_name(line.country, names), line.presentations, line.interests_received
            )
            for line in tallies.presenting_countries
        ),
        channels=channel_lines(tallies.totals.by_channel),
        channel_sentence=channel_sentence(tallies.totals.by_channel),
        matrix=matrix,
    )
