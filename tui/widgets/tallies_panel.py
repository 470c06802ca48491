"""The running tallies: totals, bars per presentation, top countries, channel split."""

from __future__ import annotations

from typing import Unpack

from rich.segment import Segment
from textual.content import Content
from textual.geometry import Region
from textual.strip import Strip
from textual.style import Style
from textual.widget import Widget

from matchdesk.store import Standings, Totals
from matchdesk.tui.options import WidgetOptions
from matchdesk.tui.text import fit, visible, word_for
from matchdesk.tui.widgets.bars import bar


def _line(*parts: str | tuple[str, str]) -> Content:
    """One line; plain ``str`` parts are user text and never markup."""
    return Content.assemble(*((visible(p) if isinstance(p, str) else p) for p in parts))


def headline_lines(totals: Totals) -> list[Content]:
    """The panel's first lines: the totals and the channel split."""
    channels = totals.by_channel
    possibilities = word_for(totals.interests, "possibility", "possibilities")
    involved = word_for(totals.countries_involved, "country")
    return [
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


def tallies_lines(standings: Standings, width: int, rows: int) -> list[Content]:
    """The panel's lines for a ``width`` x ``rows`` area, from the store's running tallies."""
    totals = standings.totals
    width = max(width, 20)
    lines = headline_lines(totals)
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
        label = fit(f"{number}. {presentation.title}", label_width)
        lines.append(_line(label, " ", (bar(count, peak, bar_width), "$accent"), f" {count}"))
    countries = standings.top_countries(country_rows)
    lines += [Content(""), _line(("Top interested countries", "bold underline"))]
    peak = countries[0].interests if countries else 0
    for entry in countries:
        label = fit(entry.country.name, label_width)
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


def _style(style: str | Style) -> Style:
    """A line's style, parsed when it is text (``Content.render`` takes either)."""
    return style if isinstance(style, Style) else Style.parse(style)


class TalliesPanel(Widget):
    """The running tallies, drawn line by line: after a change only the lines whose text
    changed are repainted (the totals, the touched bars), never the whole panel. One widget,
    not one per line: each widget costs the compositor on every frame (one Static per line
    was a third of Enter-to-painted at 10,000 interests)."""

    DEFAULT_CSS = """
    TalliesPanel { height: 1fr; padding: 0 1; }
    """

    def __init__(self, **kwargs: Unpack[WidgetOptions]) -> None:
        super().__init__(**kwargs)
        self._standings: Standings | None = None  # kept to lay the lines out again on resize
        self.lines: list[Content] = []

    @property
    def content(self) -> Content:
        """Everything the panel shows, as one text (what a test or a screen reader reads)."""
        return Content("\n").join(self.lines)

    def show(self, standings: Standings) -> None:
        """Every line, from ``standings`` (values, never the workshop)."""
        self._standings = standings
        size = self.content_size
        self._paint(tallies_lines(standings, size.width or 30, size.height or 30))

    def show_totals(self, totals: Totals) -> None:
        """The first lines only (a capture's totals, in the frame that shows it); the screen
        gives the bars and the top countries, ranking them being most of the panel's work, in
        the frame after (``show``)."""
        headline = headline_lines(totals)
        self._paint(headline + self.lines[len(headline) :])

    def _paint(self, lines: list[Content]) -> None:
        old, self.lines = self.lines, lines
        width = max(self.content_size.width, 1)
        for y in range(max(len(lines), len(old))):
            if y >= len(lines) or y >= len(old) or lines[y] != old[y]:
                self.refresh(Region(0, y, width, 1))

    def render_line(self, y: int) -> Strip:
        """Line ``y``: its text's own styles (theme variables resolved) on the panel's."""
        width = self.content_size.width
        base = self.visual_style
        if not 0 <= y < len(self.lines):
            return Strip.blank(width, base.rich_style)
        segments = [
            Segment(text, style.rich_style)
            for text, style in self.lines[y].render(base, end="", parse_style=_style)
        ]
        return Strip(segments).crop_extend(0, width, base.rich_style)

    def on_resize(self) -> None:
        if self._standings is not None:
            self.call_after_refresh(self.show, self._standings)
