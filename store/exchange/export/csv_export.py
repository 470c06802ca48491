"""Flat CSV in the import columns (README, "Import format"): exports import back unchanged."""

from __future__ import annotations

import csv
import io

from matchdesk.store.exchange.report import country_labels
from matchdesk.store.exchange.tabular import COLUMNS, neutralise_cell
from matchdesk.store.models import Tallies

FlatRow = tuple[str, ...]


def flat_rows(tallies: Tallies, names: str = "short", lang: str = "en") -> list[FlatRow]:
    """One row per interest (agenda order, then capture order), plus one row with an empty
    ``interested_country`` for each presentation nobody chose, so it is registered on import.

    Cells are raw text; each writer neutralises them for its own medium.
    """
    rows: list[FlatRow] = []
    label = country_labels(names, lang)
    ordered = sorted(tallies.presentations, key=lambda tally: tally.presentation.position)
    for tally in ordered:
        presentation = tally.presentation
        head = (
            presentation.title,
            label(presentation.country),
            presentation.presenter,
            presentation.theme,
        )
        if not tally.interests:
            rows.append((*head, "", "", "", ""))
        for interest in tally.interests:
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


def render_csv(tallies: Tallies, names: str = "short", lang: str = "en") -> bytes:
    """UTF-8 with a BOM and CRLF lines: what Excel opens without mangling accents."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for row in flat_rows(tallies, names, lang):
        writer.writerow([neutralise_cell(cell) for cell in row])
    return buffer.getvalue().encode("utf-8-sig")
