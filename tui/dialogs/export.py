"""Export from the app: format, country names, language, paper, path; ends with a notification
naming the file."""

from __future__ import annotations

from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Input, Label, Select, Static

from matchdesk.store import LANGUAGES, Choices, MatchdeskError, default_output_path, export_workshop
from matchdesk.tui.dialogs.base import Dialog
from matchdesk.tui.session import Session
from matchdesk.tui.widgets.plain_input import PlainInput

FORMATS: list[tuple[str, str]] = [
    ("Word report (.docx)", "docx"),
    ("Excel workbook (.xlsx)", "xlsx"),
    ("Markdown report (.md)", "md"),
    ("Flat table (.csv)", "csv"),
    ("Whole workshop, lossless (.json)", "json"),
]
NAMES: list[tuple[str, str]] = [("Short names", "short"), ("Official names", "official")]
# Each language by its own name, as a speaker of it looks for it.
LANGS: list[tuple[str, str]] = [(name, code) for code, name in LANGUAGES.items()]
PAPERS: list[tuple[str, str]] = [("A4", "a4"), ("US Letter", "letter")]


class ExportDialog(Dialog[Path]):
    """Writes the export and returns where it went (None when cancelled)."""

    def __init__(self, session: Session) -> None:
        super().__init__()
        self._session = session

    DEFAULT_CSS = """
    ExportDialog .export-options { height: auto; }
    ExportDialog .export-options > Vertical { width: 1fr; height: auto; }
    """

    def compose(self) -> ComposeResult:
        path = self._session.workshop.path
        with Vertical(classes="dialog-body"):
            yield Static("Export the results", classes="dialog-title")
            yield Label("Format")
            yield Select(FORMATS, value="docx", allow_blank=False, id="format")
            # Three choices side by side: the dialog keeps the height it had with one.
            with Horizontal(classes="export-options"):
                for label, options, value, field in (
                    ("Country names", NAMES, "short", "names"),
                    ("Language", LANGS, "en", "lang"),
                    ("Paper", PAPERS, "a4", "paper"),
                ):
                    with Vertical():
                        yield Label(label)
                        yield Select(options, value=value, allow_blank=False, id=field)
            yield Label("Save as")
            yield PlainInput(str(default_output_path(path, "docx")), id="path")
            yield Static("", classes="dialog-error")
            yield self.button_row("Export")

    @on(Select.Changed, "#format")
    def _format_changed(self, event: Select.Changed) -> None:
        """Keep the file name's extension in step with the format."""
        path_input = self.query_one("#path", Input)
        current = Path(path_input.value or "export")
        fmt = str(event.value)
        default = default_output_path(self._session.workshop.path, fmt)
        path_input.value = str(current.parent / default.name)

    @on(Input.Submitted)
    def action_save(self) -> None:
        fmt = str(self.query_one("#format", Select).value)
        names, lang, paper = (
            str(self.query_one(f"#{field}", Select).value) for field in ("names", "lang", "paper")
        )
        typed = self.query_one("#path", Input).value.strip()
        if not typed:
            self.show_error("Type where to save the export.")
            return
        try:
            target = Path(typed).expanduser()
            same = target.resolve() == self._session.workshop.path.resolve()
        except (OSError, ValueError, RuntimeError):
            self.show_error("That is not a usable file name; type another.")
            return
        if same:
            self.show_error("That is the workshop file itself; choose another name.")
            return
        try:
            export_workshop(self._session.workshop, fmt, target, Choices(names, lang, paper))
        except MatchdeskError as error:
            self.show_error(str(error))
            return
        except OSError as error:
            self.show_error(f"Could not write {target}: {error.strerror or error}.")
            return
        self.notify(f"Exported to {target}", title="Export", timeout=10)
        self.dismiss(target)
