"""A secretariat's follow-up spreadsheet (CSV) read as updates of many possibilities at once.

Columns (header names case-insensitive, in any order; others are ignored, so a CSV written by
``export --format csv --followup`` reads back): ``title``, ``presenter_country`` and
``interested_country`` name the possibility; ``stage`` (a stage or an outcome), ``owner``,
``next_action``, ``due`` (2025-03-31), ``note``, ``contacts_presenting`` and
``contacts_interested`` change it. An empty cell changes nothing.
"""

from __future__ import annotations

from pathlib import Path

from matchdesk.store.errors import ImportFailed
from matchdesk.store.exchange.importing import csv_table, header_names
from matchdesk.store.exchange.tabular import restore_cell
from matchdesk.store.file.limits import MAX_SOURCE_MB
from matchdesk.store.followup.desk import Followup
from matchdesk.store.followup.updates import SETTABLE, Update, locate, update_from
from matchdesk.store.validation import clean_text

NAMING: tuple[str, ...] = ("title", "presenter_country", "interested_country")
COLUMNS: tuple[str, ...] = (*NAMING, *SETTABLE)


def read_followup_csv(
    desk: Followup, path: Path, max_bytes: int = MAX_SOURCE_MB << 20
) -> list[Update]:
    """One update per row; raises ``ImportFailed`` naming the line of the first bad row (or,
    unread, the sheet over ``max_bytes``)."""
    table = csv_table(path, max_bytes)
    first = next(table, None)
    if first is None:
        raise ImportFailed(f"{path} is empty; it needs a header row with {', '.join(NAMING)}.")
    header = header_names(first[1])
    missing = [c for c in NAMING if c not in header]
    if missing:
        raise ImportFailed(
            f"{path}: a follow-up sheet needs the columns {', '.join(NAMING)}; "
            f"missing {', '.join(missing)}."
        )
    index = {name: header.index(name) for name in COLUMNS if name in header}
    updates: list[Update] = []
    for line, cells in table:
        if not any(cell.strip() for cell in cells):
            continue
        where = f"{path}, line {line}"

        def cell(name: str, cells: list[str] = cells) -> str:
            i = index.get(name)
            if i is None or i >= len(cells):
                return ""
            return clean_text(restore_cell(cells[i]), multiline=name.startswith(("note", "con")))

        key = locate(
            desk, where, cell("title"), cell("presenter_country"), cell("interested_country")
        )
        updates.append(update_from(where, key, {name: cell(name) for name in SETTABLE}))
    if not updates:
        raise ImportFailed(f"{path} has no rows under its header; nothing was written.")
    return updates
