"""Flat CSV in the import columns (README, "Import format"): exports import back unchanged."""

from __future__ import annotations

import csv
import io

from matchdesk.store.exchange.followup_report import FollowupExport
from matchdesk.store.exchange.report import country_labels
from matchdesk.store.exchange.tabular import COLUMNS, neutralise_cell
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


def flat_rows(tallies: Tallies, names: str = "short", lang: str = "en") -> list[FlatRow]:
    """The import columns of each of ``flat_items``, an empty ``interested_country`` for a
    presentation nobody chose.

    Cells are raw text; each writer neutralises them for its own medium.
    """
    label = country_labels(names, lang)
    rows: list[FlatRow] = []
    for presentation, interest in flat_items(tallies):
        head = (
            presentation.title,
            label(presentation.country),
            presentation.presenter,
            presentation.theme,
        )
        if interest is None:
            rows.append((*head, "", "", "", ""))
            continue
        rows.append(
            (
                *head,
                label(interest.country),
                str(interest.channel),
                interest.note,
                interest.captured_at,
            )
        )
    return rows


def render_csv(
    tallies: Tallies,
    names: str = "short",
    lang: str = "en",
    followup: FollowupExport | None = None,
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
    rows = flat_rows(tallies, names, lang)
    if extra:
        keys = [(p.uid, i.country.code) if i else None for p, i in flat_items(tallies)]
        rows = [
            (*row, *(cells.get(key, blank) if key else blank))
            for row, key in zip(rows, keys, strict=True)
        ]
    for row in rows:
        writer.writerow([neutralise_cell(cell) for cell in row])
    return buffer.getvalue().encode("utf-8-sig")
