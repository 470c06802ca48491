"""The merge dialog: pick other laptops' files of this workshop, merge, read the report."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from textual import on
from textual.app import App, ComposeResult
from textual.await_complete import AwaitComplete
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Button, Input, SelectionList, Static

from matchdesk.store import MatchdeskError, MergeReport
from matchdesk.tui.dialogs.base import Dialog
from matchdesk.tui.session import Session
from matchdesk.tui.text import count, plain
from matchdesk.tui.widgets.plain_input import PlainInput
from matchdesk.tui.widgets.tick_box import TickBox

# Files beside a workshop that are not other laptops' workshops.
_NOT_PEERS = (".journal", ".lock", ".tmp")


def candidates(path: Path, limit: int = 40) -> list[Path]:
    """Workshop-looking files beside ``path`` (a synced or USB folder), newest first."""
    try:
        names = os.listdir(path.parent)
    except OSError:
        return []
    found = [
        path.with_name(n)
        for n in names
        if n.endswith(".json") and n != path.name and not n.startswith(".")
    ]
    found = [p for p in found if p.is_file() and not p.name.endswith(_NOT_PEERS)]
    return sorted(found, key=lambda p: p.stat().st_mtime, reverse=True)[:limit]


class MergeDialog(Dialog[MergeReport]):
    """Marks files (space) or takes a typed path; ctrl+s merges, then the report is shown."""

    # As every dialog's buttons stay docked at its bottom, the title stays docked at its top:
    # on a short terminal the files (or the report) scroll between them. Under 30 rows the
    # list and the checkbox take one row per line, like the other dialogs' fields.
    DEFAULT_CSS = """
    MergeDialog .dialog-title { dock: top; background: $surface; }
    MergeDialog SelectionList { height: auto; max-height: 8; }
    MergeDialog #report { height: auto; max-height: 16; }
    MergeDialog.-short SelectionList { border: none; padding: 0; max-height: 5; }
    MergeDialog.-short Checkbox { border: none; padding: 0; height: 1; margin-top: 1; }
    """

    def __init__(self, session: Session) -> None:
        super().__init__()
        self._session = session
        self._report: MergeReport | None = None

    def compose(self) -> ComposeResult:
        here = self._session.workshop.path
        with Vertical(classes="dialog-body"):
            yield Static("Merge other laptops' files", classes="dialog-title")
            yield Static(
                plain(
                    f"Their captures, withdrawals and edits join {here.name} in one write "
                    "(ctrl+z undoes it); their files are only read. Space marks a file, or "
                    "type a path; ctrl+s merges, Esc cancels."
                ),
                id="intro",
            )
            yield SelectionList[str](*[(p.name, str(p)) for p in candidates(here)], id="files")
            yield Static(plain(self.marked_sentence([])), id="marked")
            yield PlainInput(placeholder="another file, e.g. /media/usb/chat.json", id="path")
            yield TickBox("Files of another workshop too (--force)", id="force")
            yield Static("", classes="dialog-error")
            with VerticalScroll(id="report"):
                yield Static(id="report-text")
            yield self.button_row("Merge")

    def on_mount(self) -> None:
        self.query_one("#report").display = False
        files = self.query_one("#files", SelectionList)
        self.query_one("#marked").display = bool(files.option_count)
        (files if files.option_count else self.query_one("#path")).focus()

    @staticmethod
    def marked_sentence(names: list[str]) -> str:
        """The marked files in words: the list's marks differ only in colour, which a screen
        reader, a monochrome projector or a glance from the podium does not read."""
        return f"Marked: {', '.join(names)}." if names else "No file marked."

    @on(SelectionList.SelectedChanged, "#files")
    def _marks_changed(self) -> None:
        names = [Path(v).name for v in self.query_one("#files", SelectionList).selected]
        self.query_one("#marked", Static).update(plain(self.marked_sentence(names)))

    def chosen(self) -> list[Path]:
        picked = [Path(v) for v in self.query_one("#files", SelectionList).selected]
        typed = self.query_one("#path", Input).value.strip()
        if typed:
            picked.append(Path(typed).expanduser().absolute())
        return picked

    @on(Input.Submitted, "#path")
    def action_save(self) -> None:
        if self._report is not None:  # the report is shown: ctrl+s closes it
            self.dismiss(self._report)
            return
        paths = self.chosen()
        if not paths:
            self.show_error("Mark a file (space) or type the path of one.")
            return
        if self._session.read_only:
            self.show_error(self._session.read_only_sentence())
            return
        try:
            report = self._session.merge_files(paths, force=self.query_one("#force", TickBox).value)
        except MatchdeskError as error:
            self.show_error(f"{error} Nothing was merged.")
            return
        self.show_report(report)

    def show_report(self, report: MergeReport) -> None:
        self._report = report
        hidden = ("#intro", "#files", "#marked", "#path", "#force", ".dialog-error", "#save")
        for selector in hidden:
            self.query_one(selector).display = False
        text = Content("\n").join(plain(line) for line in report.lines())  # never markup
        self.query_one("#report-text", Static).update(text)
        self.query_one("#report").display = True
        self.query_one("#cancel", Button).label = "Close (esc)"
        self.query_one("#report").focus()

    def dismiss(self, result: MergeReport | None = None) -> AwaitComplete:
        """Closing after a merge (Esc or the button) returns its report, so the app can say it."""
        return super().dismiss(result or self._report)


def open_merge_dialog(app: App[Any], session: Session) -> None:
    """Show the merge dialog; after a merge, say in one line what it brought."""
    if session.read_only:
        app.notify(session.read_only_sentence(), severity="error")
        return

    def merged(report: MergeReport | None) -> None:
        if report is not None:
            t = report.totals
            app.notify(
                f"Merged {', '.join(report.sources)}: {count(t.interests, 'interest')} now "
                f"({count(len(report.conflicts), 'conflict')} to pick: f8)."
            )

    app.push_screen(MergeDialog(session), merged)
