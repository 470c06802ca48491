"""Flat CSV in the import columns (README, "Import format"): exports import back unchanged."""

from __future__ import annotations

import csv
import io

from matchdesk.store.exchange.report import country_name
from matchdesk.store.exchange.tabular import COLUMNS, neutralise_cell
from matchdesk.store.followup.report import FollowupExport
from matchdesk.store.models import Interest, Presentation, Tallies

FlatRow = tuple[str, ...]


def flat_items(tallies: Tallies) -> list[tuple[Presentation, Interest | None]]:
    """One item per interest (agenda order, then capture order), plus one with no interest for
    each presentation nobody chose, so it is registered on import."""
    items: list[tuple[Presentation, Interest | None]] = []
    for tally in sorted(tallies.presentations, key=lambda tally: tally.presentation.position):
        if not tally.interests:
            items.append((tally.presentation, None))
        items += [(tally.presentation, interest) for interest in tally.interests]
    return items


def flat_row(presentation: Presentation, interest: Interest | None, names: str) -> FlatRow:
    """Cells are raw text; each writer neutralises them for its own medium."""
    head = (
        presentation.title,
        country_name(presentation.country, names),
        presentation.presenter,
        presentation.theme,
    )
    if interest is None:
        return (*head, "", "", "", "")
    return (
        *head,
        country_name(interest.country, names),
        str(interest.channel),
        interest.note,
        interest.captured_at,
    )


def flat_rows(tallies: Tallies, names: str = "short") -> list[FlatRow]:
    return [flat_row(p, i, names) for p, i in flat_items(tallies)]


def render_csv(
    tallies: Tallies, names: str = "short", followup: FollowupExport | None = None
) -> bytes:
    """UTF-8 with a BOM and CRLF lines: what Excel opens without mangling accents.

    ``followup`` columns (``export --followup``) follow the import columns on each interest's
    row; an import ignores them, ``followup --import`` reads them back.
    """
    extra = followup.columns if followup else ()
    cells = followup.cells if followup else {}
    blank = ("",) * len(extra)
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow((*COLUMNS, *extra))
    for presentation, interest in flat_items(tallies):
        row = flat_row(presentation, interest, names)
        if extra:
            key = (presentation.uid, interest.country.code) if interest else None
            row = (*row, *cells.get(key, blank)) if key else (*row, *blank)
        writer.writerow([neutralise_cell(cell) for cell in row])
    return buffer.getvalue().encode("utf-8-sig")
