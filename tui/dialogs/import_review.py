"""Import from the app (f10): a file, then a review of the names that are no country.

An import that meets a name resembling a country ("Czeck Republic") or meaning several
("Korea") writes nothing (``UnknownCountries``); the review lists those names, one key files
the highlighted one under a suggestion (1, 2, 3) or accepts it as a custom country (c), and
ctrl+s imports again with those decisions, as ``matchdesk import --custom`` does.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from textual import on
from textual.app import App, ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from matchdesk.store import (
    Customs,
    ImportReport,
    MatchdeskError,
    UnknownCountries,
    UnknownName,
    normalise,
)
from matchdesk.tui.dialogs.base import Dialog
from matchdesk.tui.keys import bindings
from matchdesk.tui.session import Session
from matchdesk.tui.text import plain
from matchdesk.tui.widgets.plain_input import PlainInput

CUSTOM = ""  # a decision: make the name a custom country (else the chosen ISO code)


class ImportFileDialog(Dialog[Path]):
    """Asks which file to import (Enter or ctrl+s), returns its path."""

    LAST_FIELD = "path"

    def __init__(self, folder: Path) -> None:
        super().__init__()
        self._folder = folder

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-body"):
            yield Static("Import presentations and interests", classes="dialog-title")
            yield Static(
                plain(
                    "A .csv or .xlsx with the columns title, presenter_country, "
                    "interested_country (docs/import-export.md), or a matchdesk .json. "
                    "Nothing is written unless the whole file is valid. Enter imports, Esc "
                    "cancels."
                )
            )
            yield PlainInput(f"{self._folder}/", placeholder="~/interests.csv", id="path")
            yield Static("", classes="dialog-error")
            yield self.button_row("Import")

    def action_save(self) -> None:
        text = self.value_of("path").strip()
        path = Path(text).expanduser() if text else None
        if path is None or not path.is_file():
            self.show_error(f"{text or 'That'} is not a file: type the path of the sheet.")
            return
        self.dismiss(path)


class ImportReviewDialog(Dialog[Customs]):
    """One row per name no country has; returns the decisions (``Customs``) once every name
    has one, None when cancelled (nothing is written either way until the import re-runs)."""

    BINDINGS = bindings("review")
    DEFAULT_CSS = """
    ImportReviewDialog > .dialog-body { width: 96; }
    ImportReviewDialog OptionList { height: auto; max-height: 14; }
    """

    def __init__(self, names: Sequence[UnknownName], sources: Sequence[Path]) -> None:
        super().__init__()
        self._names = tuple(names)
        self._sources = tuple(sources)
        self._decisions: dict[int, str] = {}  # row -> ISO code, or CUSTOM

    def compose(self) -> ComposeResult:
        files = ", ".join(source.name for source in self._sources)
        count = len(self._names)
        with Vertical(classes="dialog-body"):
            yield Static(
                plain(f"{files}: {count} name{'s' if count > 1 else ''} to review"),
                classes="dialog-title",
            )
            yield Static(
                plain(
                    "Nothing is imported yet. For each name: 1, 2 or 3 files it under that "
                    "country; c makes it a custom country (a region, a body). ctrl+s imports."
                )
            )
            yield OptionList(
                *(Option(self._prompt(row), id=str(row)) for row in range(len(self._names))),
                id="names",
            )
            yield Static("", classes="dialog-error")
            yield self.button_row("Import")

    def on_mount(self) -> None:
        super().on_mount()
        names = self.query_one("#names", OptionList)
        names.highlighted = 0
        names.focus()

    def _prompt(self, row: int) -> Content:
        name = self._names[row]
        more = f" and {name.lines - 1} more" if name.lines > 1 else ""
        choices = "  ".join(f"{n}: {text}" for n, text in enumerate(name.closest_names, 1))
        what = "could mean" if name.ambiguous else "did you mean"
        decision = self._decisions.get(row)
        if decision is None:
            chosen = "?"
        elif decision == CUSTOM:
            chosen = "a custom country"
        else:
            chosen = name.closest_names[name.closest.index(decision)]
        line = plain(f"{name.name} ({name.where}{more}), {what}  {choices}")
        return line + Content("\n   → ") + plain(chosen)

    def _highlighted(self) -> int | None:
        return self.query_one("#names", OptionList).highlighted

    def _decide(self, row: int, decision: str) -> None:
        self._decisions[row] = decision
        names = self.query_one("#names", OptionList)
        names.replace_option_prompt_at_index(row, self._prompt(row))
        if row + 1 < len(self._names):
            names.highlighted = row + 1

    def action_pick(self, index: int) -> None:
        row = self._highlighted()
        if row is None:
            return
        name = self._names[row]
        if index >= len(name.closest):
            self.show_error(f"{name.name!r} has no suggestion {index + 1}.")
            return
        self._decide(row, name.closest[index])

    def action_make_custom(self) -> None:
        row = self._highlighted()
        if row is None:
            return
        name = self._names[row]
        if name.ambiguous:
            self.show_error(f"{name.name!r} means several countries: pick the one meant (1 or 2).")
            return
        self._decide(row, CUSTOM)

    @on(OptionList.OptionSelected, "#names")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()  # Enter on a row: its first suggestion, the commonest answer
        self.action_pick(0)

    def action_save(self) -> None:
        open_rows = [self._names[row].name for row in range(len(self._names))]
        open_rows = [name for row, name in enumerate(open_rows) if row not in self._decisions]
        if open_rows:
            self.show_error("Still to decide: " + ", ".join(open_rows) + ".")
            return
        customs = tuple(
            self._names[row].name for row, code in self._decisions.items() if code == CUSTOM
        )
        chosen = {
            normalise(self._names[row].name): code
            for row, code in self._decisions.items()
            if code != CUSTOM
        }
        self.dismiss(Customs(names=customs, chosen=chosen))


def report_text(report: ImportReport) -> str:
    """What an import did, in one notification."""
    parts = [
        f"Imported {report.presentations_added} presentation(s) and "
        f"{report.interests_added} interest(s)."
    ]
    if report.duplicates_skipped:
        parts.append(f"Skipped {report.duplicates_skipped} repeated interest(s).")
    if report.custom_countries_created:
        parts.append("New custom countries: " + ", ".join(report.custom_countries_created) + ".")
    return " ".join(parts)


def run_import(
    app: App[Any], session: Session, sources: Sequence[Path], customs: Customs | None = None
) -> None:
    """Import; when names need a person, open the review and import again with its answers."""
    try:
        report = session.import_sources(sources, customs)
    except UnknownCountries as unknown:

        def reviewed(decided: Customs | None) -> None:
            if decided is None:
                app.notify("Import cancelled: nothing was written.", severity="warning")
            else:
                run_import(app, session, sources, decided)

        app.push_screen(ImportReviewDialog(unknown.names, sources), reviewed)
        return
    except MatchdeskError as error:
        app.notify(str(error), severity="error", timeout=12)
        return
    app.notify(report_text(report), timeout=8)


def open_import_dialog(app: App[Any], session: Session) -> None:
    """f10: ask for the file, then import it (with a review of unknown names if needed)."""
    if session.read_only:
        app.notify(session.read_only_sentence(), severity="error")
        return

    def chosen(path: Path | None) -> None:
        if path is not None:
            run_import(app, session, [path])

    app.push_screen(ImportFileDialog(session.workshop.path.parent), chosen)
