"""The rapporteur's report: its facts, worded once in one language, and its document.

``build_report`` turns ``WorkshopInfo`` + ``Tallies`` into a ``Report`` (every number and name
already worded; the spreadsheet reads it); ``report_document`` lays the same report out as a
format-free ``Document`` that the Markdown and DOCX writers render. No writer counts anything
itself, so no export can drift from the records the way hand-kept tallies did.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from itertools import repeat
from operator import attrgetter

from matchdesk.store.countries.languages import country_name, official_display
from matchdesk.store.errors import InvalidValue
from matchdesk.store.exchange.document import (
    Block,
    Cell,
    Column,
    Document,
    Field,
    Fields,
    Heading,
    Items,
    Paragraph,
    Table,
)
from matchdesk.store.exchange.i18n import Wording, wording
from matchdesk.store.models import Channel, Country, Mode, Tallies, Totals, WorkshopInfo

NAMES: tuple[str, ...] = ("short", "official")
_CHANNEL_ORDER = (Channel.IN_ROOM.value, Channel.ONLINE.value, Channel.UNSPECIFIED.value)


def check_names(names: str) -> str:
    """Refuse anything but "short" or "official" early, with words a user can act on."""
    if names not in NAMES:
        raise InvalidValue(f"Unknown names option {names!r}; choose short or official.")
    return names


def country_label(country: Country, names: str = "short", lang: str = "en") -> str:
    """The name a report prints: the everyday name in ``lang``, or the official one: the UN's
    formal name in that language (``official_display``), never ISO's inverted form."""
    if names == "official" and not country.custom:
        official = official_display(country.code, lang)
        if official:
            return official
    return country_name(country, lang) or country.name or country.code


class CountryLabels(dict[str, str]):
    """``country_label`` remembered per country code, for exports that name thousands: one
    country's (``self(country)``), or many countries' at once (``many``)."""

    def __init__(self, names: str = "short", lang: str = "en") -> None:
        super().__init__()
        self.names, self.lang = names, lang

    def __call__(self, country: Country) -> str:
        found = self.get(country.code)
        if found is None:
            found = self[country.code] = country_label(country, self.names, self.lang)
        return found

    def many(self, countries: tuple[Country, ...]) -> tuple[str, ...]:
        """The labels of ``countries``, looked up in C (100,000 interests in a report, a few
        hundred countries): each new one is labelled first."""
        codes = list(map(_CODE, countries))
        if not self.keys() >= set(codes):
            for country in dict(zip(codes, countries, strict=True)).values():
                self(country)
        return tuple(map(self.__getitem__, codes))


_CODE = attrgetter("code")


@dataclass(frozen=True)
class ReportRow:
    """One row of Table 1, in agenda order; ``interested`` in capture order."""

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
    """Interests captured through one channel; ``label`` in the report's language."""

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
    """Everything a report says, worded in ``lang`` with ``names`` ("short" or "official")."""

    lang: str
    title: str
    header: tuple[Field, ...]  # labels without punctuation
    rows: tuple[ReportRow, ...]
    totals: Totals
    sentences: tuple[str, ...]
    by_interested_country: tuple[InterestedLine, ...]
    by_presenting_country: tuple[PresentingLine, ...]
    channels: tuple[ChannelLine, ...]
    channel_sentence: str
    matrix: Matrix
    date: str = ""  # the workshop's date, ISO, as recorded


def format_date(iso: str, lang: str = "en") -> str:
    """``"2021-10-29"`` -> ``"29 October 2021"`` (``"29 octobre 2021"``, ...); anything that is
    not an ISO date is printed as it was typed."""
    try:
        day = date.fromisoformat(iso.strip()[:10])
    except ValueError:
        return iso.strip()
    return wording(lang).date(day)


def channel_label(channel: str, w: Wording) -> str:
    """A channel's name in a table or a list ("In the room"); unknown keys as stored."""
    labels = {
        Channel.IN_ROOM.value: w.gettext("In the room"),
        Channel.ONLINE.value: w.gettext("Online"),
        Channel.UNSPECIFIED.value: w.gettext("Unspecified"),
    }
    return labels.get(channel, channel)


def channel_phrase(channel: str, w: Wording) -> str:
    """How a channel reads inside a sentence ("were expressed in the room")."""
    phrases = {
        Channel.IN_ROOM.value: w.pgettext("expressed …", "in the room"),
        Channel.ONLINE.value: w.pgettext("expressed …", "online"),
        Channel.UNSPECIFIED.value: w.pgettext("expressed …", "without a recorded channel"),
    }
    return phrases.get(channel, channel)


def attendance_text(in_room: int | None, online: int | None, lang: str = "en") -> str:
    """``"40 in the room and 88 online"``; a count left unknown is left out."""
    w = wording(lang)
    parts = []
    if in_room is not None:
        parts.append(w.gettext("{n} in the room").format(n=in_room))
    if online is not None:
        parts.append(w.gettext("{n} online").format(n=online))
    return w.join(parts)


def header_fields(info: WorkshopInfo, lang: str = "en") -> tuple[Field, ...]:
    """The labelled header lines, skipping what the workshop does not record."""
    w = wording(lang)
    fields = []
    if info.date.strip():
        fields.append(Field(w.gettext("Date"), format_date(info.date, lang)))
    if info.venue.strip():
        fields.append(Field(w.gettext("Venue"), info.venue.strip()))
    organisers = [name.strip() for name in info.organisers if name.strip()]
    if organisers:
        # A label, not a count: one organiser or several (no plural rule applies).
        label = w.gettext("Organiser") if len(organisers) == 1 else w.gettext("Organisers")
        fields.append(Field(label, w.join(organisers)))
    if info.mode is not None:
        modes = {
            Mode.IN_ROOM: w.gettext("In the room"),
            Mode.ONLINE: w.gettext("Online"),
            Mode.HYBRID: w.gettext("Hybrid"),
        }
        fields.append(Field(w.gettext("Mode"), modes.get(info.mode, str(info.mode))))
    attendance = attendance_text(info.attendance_in_room, info.attendance_online, lang)
    if attendance:
        fields.append(Field(w.gettext("Attendance"), attendance))
    return tuple(fields)


def totals_sentences(totals: Totals, lang: str = "en") -> tuple[str, ...]:
    """The headline in the seed report's own words, then the countries involved.

    Each count is its own plural message with a context, because the words around a number
    change with it (Russian cases, Arabic duals) and differ between sentences.
    """
    w = wording(lang)
    if totals.presentations == 0:
        return (w.gettext("No best practices have been presented yet."),)
    # TRANSLATORS: "{practices}" in both totals headlines ("for 10 best practices presented
    # by 8 countries"); put here whatever must agree with the number of practices.
    practices = w.npgettext(
        "for … by",
        "{n} best practice presented",
        "{n} best practices presented",
        totals.presentations,
    )
    # TRANSLATORS: who presented them: "by {presenters}" (Russian: instrumental case).
    presenters = w.npgettext(
        "presented by …", "{n} country", "{n} countries", totals.presenting_countries
    )
    if totals.interests == 0:
        headline = w.gettext(
            "No possibilities for partnerships were generated for the {practices} by {presenters}."
        ).format(practices=practices, presenters=presenters)
    else:
        # TRANSLATORS: the seed report's sentence; each {...} is a translated phrase below.
        headline = w.gettext(
            "The deliberations generated {possibilities} for {practices} by {presenters}; "
            "{interested}."
        ).format(
            possibilities=w.npgettext(
                "generated …",
                "{n} possibility for partnership",
                "{n} possibilities for partnerships",
                totals.interests,
            ),
            practices=practices,
            presenters=presenters,
            interested=w.ngettext(
                "{n} country expressed interest",
                "{n} countries expressed interest",
                totals.interested_countries,
            ),
        )
    involved = w.ngettext(
        "In all, {n} country was involved, presenting or expressing interest.",
        "In all, {n} countries were involved, presenting or expressing interest.",
        totals.countries_involved,
    )
    return (headline, involved)


def channel_lines(by_channel: Mapping[str, int], lang: str = "en") -> tuple[ChannelLine, ...]:
    """Known channels in a fixed order, then anything else; zero counts left out."""
    w = wording(lang)
    keys = [key for key in _CHANNEL_ORDER if key in by_channel]
    keys += sorted(key for key in by_channel if key not in _CHANNEL_ORDER)
    return tuple(
        ChannelLine(key, channel_label(key, w), by_channel[key])
        for key in keys
        if by_channel[key] > 0
    )


def channel_sentence(by_channel: Mapping[str, int], lang: str = "en") -> str:
    """``"Of the 39 possibilities for partnerships, 20 were expressed in the room and 19
    online."``; "" when there is no interest to split."""
    w = wording(lang)
    lines = channel_lines(by_channel, lang)
    total = sum(line.interests for line in lines)
    if total == 0:
        return ""
    phrases = [channel_phrase(line.channel, w) for line in lines]
    if len(lines) == 1:
        if lines[0].channel == Channel.UNSPECIFIED.value:
            return w.ngettext(
                "No channel was recorded for the {n} possibility for partnership.",
                "No channel was recorded for the {n} possibilities for partnerships.",
                total,
            )
        if total == 1:
            return w.gettext(
                "The single possibility for partnership was expressed {channel}."
            ).format(channel=phrases[0])
        return w.npgettext(
            "all through one channel",
            "All {n} possibilities for partnerships were expressed {channel}.",
            "All {n} possibilities for partnerships were expressed {channel}.",
            total,
            channel=phrases[0],
        )
    # TRANSLATORS: the first part of the channel split carries the verb ("20 were expressed
    # in the room"); the other parts only the count and the channel ("and 19 online").
    parts = [
        w.npgettext(
            "channel split, first part",
            "{n} was expressed {channel}",
            "{n} were expressed {channel}",
            lines[0].interests,
            channel=phrases[0],
        )
    ]
    parts += [
        w.npgettext(
            "channel split, other parts",
            "{n} {channel}",
            "{n} {channel}",
            line.interests,
            channel=phrase,
        )
        for line, phrase in zip(lines[1:], phrases[1:], strict=True)
    ]
    # TRANSLATORS: "Of the {possibilities}, ..." (Russian: genitive after "из").
    of_the = w.npgettext(
        "of the …",
        "{n} possibility for partnership",
        "{n} possibilities for partnerships",
        total,
    )
    return w.gettext("Of the {possibilities}, {parts}.").format(
        possibilities=of_the, parts=w.join(parts)
    )


def build_report(
    info: WorkshopInfo,
    tallies: Tallies,
    names: str = "short",
    lang: str = "en",
    *,
    table_one: bool = True,
    matrix: bool = True,
) -> Report:
    """Word and name every part of the report once, for all renderers. Each part a renderer
    does not print may be left empty: without ``table_one`` no ``rows`` (the workbook lists
    the interests on a sheet of its own: 100,000 names it would not print), without
    ``matrix`` no counts in ``matrix`` (the documents print none: 250 x 250 pairs)."""
    check_names(names)
    w = wording(lang)
    label = CountryLabels(names, lang)
    ordered = (
        sorted(tallies.presentations, key=lambda t: t.presentation.position) if table_one else []
    )
    rows = tuple(
        ReportRow(
            title=tally.presentation.title,
            presenting_country=label(tally.presentation.country),
            interested=label.many(tally.interested),  # 100,000 names
            presenter=tally.presentation.presenter,
            theme=tally.presentation.theme,
        )
        for tally in ordered
    )
    presenting = [line.country for line in tallies.presenting_countries] if matrix else []
    interested = [line.country for line in tallies.interested_countries] if matrix else []
    columns = [column.code for column in interested]
    counts = tallies.matrix.get
    pairs = Matrix(
        presenting=tuple(map(label, presenting)),
        interested=tuple(map(label, interested)),
        # Every (presenting, interested) pair, by C loops: 250 x 250 at the largest workshops.
        counts=tuple(
            tuple(map(counts, zip(repeat(row.code), columns, strict=False), repeat(0)))
            for row in presenting
        ),
    )
    return Report(
        lang=lang,
        title=info.title.strip() or w.gettext("Matchmaking workshop"),
        header=header_fields(info, lang),
        rows=rows,
        totals=tallies.totals,
        sentences=totals_sentences(tallies.totals, lang),
        by_interested_country=tuple(
            InterestedLine(label(line.country), line.interests)
            for line in tallies.interested_countries
        ),
        by_presenting_country=tuple(
            PresentingLine(label(line.country), line.presentations, line.interests_received)
            for line in tallies.presenting_countries
        ),
        channels=channel_lines(tallies.totals.by_channel, lang),
        channel_sentence=channel_sentence(tallies.totals.by_channel, lang),
        matrix=pairs,
        date=info.date,
    )


# -- the report as a document ------------------------------------------------------------------
def header_blocks(report: Report) -> tuple[Block, ...]:
    """The workshop's labelled header lines ("Date: 29 October 2021")."""
    if not report.header:
        return ()
    w = wording(report.lang)
    return (
        Fields(
            tuple(
                # TRANSLATORS: a header label and its colon (French: "{label}\u00a0:").
                Field(w.gettext("{label}:").format(label=field.label), field.value)
                for field in report.header
            )
        ),
    )


def table_one_blocks(report: Report) -> tuple[Block, ...]:
    """Table 1 as the seed report prints it; "—" where no country is interested."""
    w = wording(report.lang)
    columns = (
        Column(w.gettext("Best practice")),
        Column(w.gettext("Country sharing the idea")),
        Column(w.gettext("Countries interested")),
    )
    rows = tuple(
        (row.title, row.presenting_country, Items(row.interested, numbered=True))
        for row in report.rows
    )
    day = format_date(report.date, report.lang) if report.date.strip() else ""
    # TRANSLATORS: the source note under Table 1.
    source = (
        w.gettext("Source: the expressions of interest recorded at the workshop, {date}.").format(
            date=day
        )
        if day
        else w.gettext("Source: the expressions of interest recorded at the workshop.")
    )
    caption = w.gettext("Table 1: Expression of interest")
    return (Table(columns, rows, caption=caption, source=source),)


def totals_blocks(report: Report) -> tuple[Block, ...]:
    """The sentences a rapporteur pastes."""
    w = wording(report.lang)
    return (Heading(w.gettext("Totals")), *(Paragraph(s) for s in report.sentences))


def by_country_blocks(report: Report) -> tuple[Block, ...]:
    """Interest per interested country, then what each presenting country presented."""
    w = wording(report.lang)
    blocks: list[Block] = []
    columns: tuple[Column, ...]
    rows: tuple[tuple[Cell, ...], ...]
    if report.by_interested_country:
        columns = (
            Column(w.gettext("Interested country")),
            Column(w.gettext("Possibilities for partnerships"), numeric=True),
        )
        rows = tuple((line.country, line.interests) for line in report.by_interested_country)
        blocks += [Heading(w.gettext("Interest by country")), Table(columns, rows)]
    if report.by_presenting_country:
        columns = (
            Column(w.gettext("Presenting country")),
            Column(w.gettext("Best practices presented"), numeric=True),
            Column(w.gettext("Interest received"), numeric=True),
        )
        rows = tuple(
            (line.country, line.presentations, line.interests_received)
            for line in report.by_presenting_country
        )
        blocks += [Heading(w.gettext("Presenting countries")), Table(columns, rows)]
    return tuple(blocks)


def channel_blocks(report: Report) -> tuple[Block, ...]:
    """The channel split: a sentence, then a small table."""
    if not report.channel_sentence:
        return ()
    w = wording(report.lang)
    columns = (
        Column(w.gettext("Channel")),
        Column(w.gettext("Possibilities for partnerships"), numeric=True),
    )
    rows = tuple((line.label, line.interests) for line in report.channels)
    return (
        Heading(w.gettext("Channels")),
        Paragraph(report.channel_sentence),
        Table(columns, rows),
    )


def notes_blocks(tallies: Tallies, names: str = "short", lang: str = "en") -> tuple[Block, ...]:
    """The interests' notes, when a rapporteur asks for them: best practice (agenda order),
    interested country (capture order), note; nothing when no interest has a note."""
    w = wording(lang)
    label = CountryLabels(names, lang)
    rows = tuple(
        (tally.presentation.title, label(interest.country), interest.note)
        for tally in sorted(tallies.presentations, key=lambda t: t.presentation.position)
        for interest in tally.interests
        if interest.note.strip()
    )
    if not rows:
        return ()
    columns = (
        Column(w.gettext("Best practice")),
        Column(w.gettext("Interested country")),
        Column(w.gettext("Note")),
    )
    return (Heading(w.gettext("Notes on the expressions of interest")), Table(columns, rows))


def report_document(report: Report, *more: Block) -> Document:
    """The report's sections in order; ``more`` blocks (another section) follow them."""
    blocks = (
        *header_blocks(report),
        *table_one_blocks(report),
        *totals_blocks(report),
        *by_country_blocks(report),
        *channel_blocks(report),
        *more,
    )
    return Document(title=report.title, lang=report.lang, blocks=blocks)
