"""The running tallies: totals, bars per presentation, top countries, channel split."""

from __future__ import annotations

from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Static

from matchdesk.store import Standings
from matchdesk.tui.text import clip, visible, word_for
from matchdesk.tui.widgets.bars import bar


def _line(*parts: str | tuple[str, str]) -> Content:
    """One line; plain ``str`` parts are user text and never markup."""
    return Content.assemble(*((visible(p) if isinstance(p, str) else p) for p in parts))


def tallies_lines(standings: Standings, width: int, rows: int) -> list[Content]:
    """The panel's lines for a ``width`` x ``rows`` area, from the store's running tallies."""
    totals = standings.totals
    channels = totals.by_channel
    width = max(width, 20)
    possibilities = word_for(totals.interests, "possibility", "possibilities")
    involved = word_for(totals.countries_involved, "country")
    lines = [
        _line((f"{totals.interests}", "bold $accent"), f" {possibilities} for partnership"),
        _line(
            (f"{totals.presentations}", "bold"),
            f" {word_for(totals.presentations, 'presentation')} · ",
            (f"{totals.presenting_countries}", "bold"),
            " presenting",
        ),
        _line(
            (f"{totals.interested_countries}", "bold"),
            " interested · ",
            (f"{totals.countries_involved}", "bold"),
            f" {involved} involved",
        ),
        _line(
            "In the room ",
            (f"{channels.get('in_room', 0)}", "bold #4ADE80"),
            " · online ",
            (f"{channels.get('online', 0)}", "bold cyan"),
            " · n/s ",
            (f"{channels.get('unspecified', 0)}", "bold"),
        ),
    ]
    room = max(rows - len(lines) - 4, 2)
    bar_rows = max(min(totals.presentations, room * 2 // 3), 1)
    country_rows = max(room - bar_rows, 1)
    top = standings.top_presentations(bar_rows)
    heading = (
        "Interest per presentation"
        if len(top) == totals.presentations
        else f"Most interest (top {len(top)} of {totals.presentations})"
    )
    lines += [Content(""), _line((heading, "bold underline"))]
    peak = max((count for _, _, count in top), default=0)
    label_width = max(width // 2 - 4, 6)
    bar_width = max(width - label_width - 5 - 4, 3)
    for number, presentation, count in top:
        label = clip(f"{number}. {presentation.title}", label_width).ljust(label_width)
        lines.append(_line(label, " ", (bar(count, peak, bar_width), "$accent"), f" {count}"))
    countries = standings.top_countries(country_rows)
    lines += [Content(""), _line(("Top interested countries", "bold underline"))]
    peak = countries[0].interests if countries else 0
    for entry in countries:
        label = clip(entry.country.name, label_width).ljust(label_width)
        lines.append(
            _line(
                label,
                " ",
                (bar(entry.interests, peak, bar_width), "$success"),
                f" {entry.interests}",
            )
        )
    if not countries:
        lines.append(_line(("No interest recorded yet.", "dim")))
    return lines


class TalliesPanel(Vertical):
    """The running tallies, one widget per line: after a change only the lines whose text
    changed are repainted (the totals, the touched bars), never the whole panel. It keeps the
    values it was given (never the workshop), to lay them out again when resized."""

    DEFAULT_CSS = """
    TalliesPanel { height: 1fr; padding: 0 1; overflow: hidden hidden; }
    TalliesPanel > Static { height: 1; text-wrap: nowrap; text-overflow: clip; }
    """

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self._standings: Standings | None = None
        self._shown: list[Content] = []

    @property
    def content(self) -> Content:
        """Everything the panel shows, as one text (what a test or a screen reader reads)."""
        return Content("\n").join(self._shown)

    def show(self, standings: Standings) -> None:
        self._standings = standings
        size = self.content_size
        lines = tallies_lines(standings, size.width or 30, size.height or 30)
        pool = list(self.query_children(Static).results(Static))
        if len(pool) < len(lines):
            self.mount_all(Static(line) for line in lines[len(pool) :])
        for widget, line, old in zip(pool, lines, self._shown + [None] * len(pool), strict=False):
            if line != old:
                widget.update(line, layout=False)
        for widget in pool[len(lines) :]:
            widget.remove()
        self._shown = lines

    def on_resize(self) -> None:
        if self._standings is not None:
            self.call_after_refresh(self.show, self._standings)
