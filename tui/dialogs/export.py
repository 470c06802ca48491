"""Export from the app: one format or all of them, country names, language, paper, the CSV's
follow-up columns, a path; asks before replacing a file, and ends with a notification naming
what was written."""

from __future__ import annotations

from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Input, Label, Select, Static

from matchdesk.store import (
    EXTENSIONS,
    Choices,
    MatchdeskError,
    default_output_path,
    export_workshop,
)
from matchdesk.store import REPORT_LANGUAGES as LANGUAGES
from matchdesk.tui.dialogs.base import Dialog
from matchdesk.tui.dialogs.confirm import ConfirmDialog
from matchdesk.tui.session import Session
from matchdesk.tui.widgets.plain_input import PlainInput
from matchdesk.tui.widgets.tick_box import TickBox

ALL = "all"
EVERY_FORMAT: tuple[str, ...] = ("docx", "xlsx", "md", "csv", "json")
FORMATS: list[tuple[str, str]] = [
    ("Word report (.docx)", "docx"),
    ("Excel workbook (.xlsx)", "xlsx"),
    ("Markdown report (.md)", "md"),
    ("Flat table (.csv)", "csv"),
    ("Whole workshop, lossless (.json)", "json"),
    ("All five formats", ALL),
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
    ExportDialog .export-checks { height: auto; margin: 1 0 0 0; }
    ExportDialog .export-checks Checkbox { width: 1fr; border: none; height: 1; padding: 0; }
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
            with Horizontal(classes="export-checks"):
                yield TickBox("CSV: follow-up columns", id="followup")
                yield TickBox("Report: interests' notes", id="notes")
            yield Label("Save as")
            yield PlainInput(str(default_output_path(path, "docx")), id="path")
            yield Static("", classes="dialog-error")
            yield self.button_row("Export")

    @on(Select.Changed, "#format")
    def _format_changed(self, event: Select.Changed) -> None:
        """Keep the file name's extension in step with the format (none for all formats: each
        file takes its own)."""
        path_input = self.query_one("#path", Input)
        current = Path(path_input.value or "export")
        fmt = str(event.value)
        default = default_output_path(self._session.workshop.path, "docx" if fmt == ALL else fmt)
        if fmt == ALL:
            default = default.with_suffix("")
        elif current.suffix not in EXTENSIONS.values():  # from "all": no extension to swap
            current = current.with_name(current.name + default.suffix)
        path_input.value = str(current.parent / (current.stem + default.suffix))

    def _targets(self, fmt: str, typed: Path) -> dict[str, Path]:
        """Where each format goes: the path typed, or for all formats that path's name with
        each extension (JSON never onto the workshop file: ``.export.json``)."""
        if fmt != ALL:
            return {fmt: typed}
        workshop = self._session.workshop.path.resolve()
        targets = {}
        for each in EVERY_FORMAT:
            target = typed.with_name(typed.name + EXTENSIONS[each])
            if target.resolve() == workshop:
                target = typed.with_name(typed.name + ".export" + EXTENSIONS[each])
            targets[each] = target
        return targets

    @on(Input.Submitted)
    def action_save(self) -> None:
        fmt = str(self.query_one("#format", Select).value)
        names, lang, paper = (
            str(self.query_one(f"#{field}", Select).value) for field in ("names", "lang", "paper")
        )
        choices = Choices(
            names,
            lang,
            paper,
            followup_columns=self.query_one("#followup", TickBox).value,
            notes=self.query_one("#notes", TickBox).value,
        )
        typed = self.query_one("#path", Input).value.strip()
        if not typed:
            self.show_error("Type where to save the export.")
            return
        try:
            targets = self._targets(fmt, Path(typed).expanduser())
            workshop = self._session.workshop.path.resolve()
            same = any(target.resolve() == workshop for target in targets.values())
            taken = [target for target in targets.values() if target.exists()]
        except (OSError, ValueError, RuntimeError):
            self.show_error("That is not a usable file name; type another.")
            return
        if same:
            self.show_error("That is the workshop file itself; choose another name.")
            return
        if not taken:
            self._write(targets, choices)
            return
        more = f" and {len(taken) - 1} more" if len(taken) > 1 else ""
        question = f"{taken[0]}{more} already exists. Replace it?"
        if len(taken) > 1:
            question = f"{taken[0]}{more} already exist. Replace them?"

        def answered(replace: bool | None) -> None:
            if replace:
                self._write(targets, choices)

        self.app.push_screen(ConfirmDialog(question, "Replace", "Keep"), answered)

    def _write(self, targets: dict[str, Path], choices: Choices) -> None:
        """Write every target, each atomically; stop at the first failure, saying which were
        written before it."""
        written: list[Path] = []
        for fmt, target in targets.items():
            try:
                export_workshop(self._session.workshop, fmt, target, choices)
            except (MatchdeskError, OSError) as error:
                reason = (
                    str(error)
                    if isinstance(error, MatchdeskError)
                    else f"Could not write {target}: {error.strerror or error}."
                )
                done = f" (written: {', '.join(p.name for p in written)})" if written else ""
                self.show_error(reason + done)
                return
            written.append(target)
        many = f"{len(written)} files: {', '.join(p.name for p in written)}, in {written[0].parent}"
        shown = written[0] if len(written) == 1 else many
        self.notify(f"Exported to {shown}", title="Export", timeout=10)
        self.dismiss(written[0])
