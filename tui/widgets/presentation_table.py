"""The agenda: presentations in order with live interest counts, updated cell by cell."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Unpack

from textual.coordinate import Coordinate
from textual.events import Resize
from textual.widgets import DataTable

from matchdesk.store import Presentation
from matchdesk.tui.options import WidgetOptions
from matchdesk.tui.text import cell
from matchdesk.tui.textual_compat import rewrite_cell


class PresentationTable(DataTable):
    """One row per presentation, keyed by its uid; a capture rewrites one count cell only. It
    keeps the values it was given (never the workshop), to lay them out again when resized."""

    DEFAULT_CSS = """
    PresentationTable { height: 1fr; }
    """

    def __init__(self, **kwargs: Unpack[WidgetOptions]) -> None:
        super().__init__(cursor_type="row", zebra_stripes=False, **kwargs)
        self._presentations: tuple[Presentation, ...] = ()
        self._counts: dict[str, int] = {}
        self._loaded = False
        self._laid_out_width = 0

    @property
    def current_uid(self) -> str | None:
        """The uid of the highlighted presentation."""
        if not self.row_count:
            return None
        return self.coordinate_to_cell_key(Coordinate(self.cursor_row, 0)).row_key.value

    def _widths(self) -> tuple[int, int, int, int]:
        width = self.size.width or self.app.size.width
        agenda = len(self._presentations)
        number = max(2, len(str(agenda)) + 1)
        count = 5
        country = 16 if width >= 70 else 0
        columns = 4 if country else 3
        title = max(8, width - number - count - country - 2 * columns - 2)
        return number, title, country, count

    def load(
        self,
        presentations: Sequence[Presentation],
        counts: Mapping[str, int],
        keep: str | None = None,
    ) -> None:
        """Show ``presentations`` (the agenda) with their ``counts`` (uid -> interests); the
        highlight stays on ``keep`` if it is there."""
        self._presentations, self._counts = tuple(presentations), dict(counts)
        self._loaded = True
        keep = keep or self.current_uid
        number, title, country, count = self._widths()
        self._laid_out_width = self.size.width
        self.clear(columns=True)
        self.add_column("#", width=number, key="number")
        self.add_column("Presentation", width=title, key="title")
        if country:
            self.add_column("Country", width=country, key="country")
        self.add_column(cell("Int.", justify="right"), width=count, key="count")
        index = None
        for n, presentation in enumerate(self._presentations, start=1):
            self.add_row(*self._row(n, presentation, country > 0), key=presentation.uid)
            if presentation.uid == keep:
                index = n - 1
        if index is not None:
            self.move_cursor(row=index, animate=False, scroll=True)

    def _row(self, n: int, presentation: Presentation, with_country: bool) -> list[object]:
        row: list[object] = [cell(f"{n}.", "dim", justify="right"), cell(presentation.title)]
        if with_country:
            row.append(cell(presentation.country.name, "italic"))
        row.append(self._count_cell(self._counts.get(presentation.uid, 0)))
        return row

    @staticmethod
    def _count_cell(count: int) -> object:
        return cell(str(count), "bold" if count else "dim", justify="right")

    def set_count(self, uid: str, count: int) -> None:
        """Rewrite one presentation's count and repaint that row only (a capture changes one
        cell; ``rewrite_cell`` says why not ``update_cell``)."""
        if uid in self.rows:
            self._counts[uid] = count
            rewrite_cell(self, uid, "count", self._count_cell(count))

    def on_resize(self, event: Resize) -> None:
        if self._loaded and event.size.width != self._laid_out_width:
            self.load(self._presentations, self._counts)
