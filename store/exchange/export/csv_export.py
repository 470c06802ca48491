"""Flat CSV in the import columns (docs/import-export.md): exports import back unchanged.

The rows come from ``tally_groups`` (frozen values) or, for a whole workshop, from
``workshop_groups`` (the records read as they are: 100,000 ``Interest`` values take longer than
the whole export may); both give the same groups, and the CSV is written a few thousand rows
at a time.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING

from matchdesk.store.exchange.tabular import COLUMNS, neutralise_cell
from matchdesk.store.exchange.workshop_report import CountryLabels
from matchdesk.store.models import Country, Presentation, Tallies

if TYPE_CHECKING:
    from matchdesk.store.followup.exports import FollowupExport
    from matchdesk.store.workshop import Workshop

FlatRow = tuple[str, ...]
Capture = tuple[Country, str, str, str]  # the interested country, channel, note, captured_at
Group = tuple[Presentation, Sequence[Capture]]  # a presentation and its interests
Run = tuple[Sequence[str], Sequence[Sequence[str]]]  # the cells rows share, then each row's own
_BATCH = 5000  # rows per piece written


def tally_groups(tallies: Tallies) -> Iterator[Group]:
    """Each presentation (agenda order) with its interests (capture order)."""
    for tally in sorted(tallies.presentations, key=lambda tally: tally.presentation.position):
        yield (
            tally.presentation,
            [(i.country, i.channel.value, i.note, i.captured_at) for i in tally.interests],
        )


def workshop_groups(workshop: Workshop) -> Iterator[Group]:
    """``tally_groups`` of ``workshop.tallies()``, read from the records themselves."""
    countries: dict[str, Country] = {}
    for presentation in sorted(workshop.presentations(), key=lambda p: p.position):
        captures = []
        for code, channel, note, captured_at in workshop.capture_fields(presentation.uid):
            country = countries.get(code)
            if country is None:
                country = countries[code] = workshop.country(code)
            captures.append((country, channel, note, captured_at))
        yield presentation, captures


def flat_rows(groups: Iterable[Group], names: str = "short", lang: str = "en") -> Iterator[FlatRow]:
    """The import columns: one row per interest, and one with an empty
    ``interested_country`` for a presentation nobody chose, so it is registered on import.

    Cells are raw text; each writer neutralises them for its own medium.
    """
    for head, rows in flat_runs(groups, names, lang):
        for row in rows:
            yield (*head, *row)


def flat_runs(groups: Iterable[Group], names: str = "short", lang: str = "en") -> Iterator[Run]:
    """``flat_rows`` a presentation at a time: its four cells, then each of its rows' own
    (the interested country, channel, note, captured_at), for a writer that makes the
    presentation's cells once for all its rows (the workbook's)."""
    label = CountryLabels(names, lang)
    for presentation, captures in groups:
        rows = [(label(c), channel, note, at) for c, channel, note, at in captures]
        yield _head(presentation, label), rows or [("", "", "", "")]


def _head(presentation: Presentation, label: Callable[[Country], str]) -> FlatRow:
    """The presentation's cells, the same on each of its rows."""
    title, presenter, theme = presentation.title, presentation.presenter, presentation.theme
    return (title, label(presentation.country), presenter, theme)


def csv_chunks(
    groups: Iterable[Group],
    names: str = "short",
    lang: str = "en",
    followup: FollowupExport | None = None,
) -> Iterator[bytes]:
    """UTF-8 with a BOM and CRLF lines, what Excel opens without mangling accents, a few
    thousand rows at a time (the rows of ``flat_rows``, every cell neutralised).

    ``followup`` columns (``export --followup``) follow the import columns on each interest's
    row; an import ignores them, ``followup --import`` reads them back.

    The lines are the bytes ``csv.writer`` writes (``csv_field``; a test compares them), made
    here: a presentation's four cells once for all its rows, a country's name and a channel
    once for thousands, so a row of 100,000 costs a lookup or two and one format.
    """
    extra = followup.columns if followup else ()
    cells = followup.cells if followup else {}
    blank = ("",) * len(extra)
    label = CountryLabels(names, lang)
    lines = [",".join(map(csv_field, (*COLUMNS, *extra))) + "\r\n"]
    named: dict[str, str] = {}
    channels: dict[str, str] = {}
    plain = _PLAIN.fullmatch
    # The last time and its field: an imported report has one time for all its rows.
    seen: str | None = None
    seen_at = ""
    bom = b"\xef\xbb\xbf"
    for presentation, captures in groups:
        head = ",".join(map(csv_field, _head(presentation, label))) + ","
        if not captures:
            lines.append(head + ",,," + "," * len(extra) + "\r\n")
        for country, channel, note, captured_at in captures:
            name = named.get(country.code)
            if name is None:
                name = named[country.code] = csv_field(label(country))
            how = channels.get(channel)
            if how is None:
                how = channels[channel] = csv_field(channel)
            note = csv_field(note) if note else ""
            if captured_at != seen:
                seen = captured_at
                seen_at = captured_at if plain(captured_at) else csv_field(captured_at)
            at = seen_at
            if extra:
                found = cells.get((presentation.uid, country.code), blank)
                at += "," + ",".join(map(csv_field, found))
            lines.append(f"{head}{name},{how},{note},{at}\r\n")
        if len(lines) >= _BATCH:
            yield bom + "".join(lines).encode("utf-8")
            lines = []
            bom = b""
    yield bom + "".join(lines).encode("utf-8")


# A cell written as it is: it starts with nothing a spreadsheet reads as a formula (nor a
# quote, which ``neutralise_cell`` doubles) and holds nothing ``csv.writer`` quotes.
_PLAIN = re.compile(r"[^=+\-@\t\r'\",\n][^\",\r\n]*")
_QUOTED = re.compile(r"[\",\r\n]")


def csv_field(value: str) -> str:
    """``value`` neutralised, as a field of a row ``csv.writer`` writes (the excel dialect,
    minimal quoting: a field holding a comma, a quote or a line break is quoted)."""
    if _PLAIN.fullmatch(value):
        return value
    value = neutralise_cell(value)
    if _QUOTED.search(value):
        return '"' + value.replace('"', '""') + '"'
    return value


def render_csv(
    tallies: Tallies,
    names: str = "short",
    lang: str = "en",
    followup: FollowupExport | None = None,
) -> bytes:
    """``csv_chunks`` of ``tally_groups``, whole."""
    return b"".join(csv_chunks(tally_groups(tallies), names, lang, followup))
