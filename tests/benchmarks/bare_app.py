"""The floor of the painted figures: the least a Textual app can do for what the capture screen
does, run in the same pty, by the same Python and the same Textual as matchdesk.

    python tests/benchmarks/bare_app.py TOTAL NAMES.json JOURNAL

An Input whose every change previews a country name ("→ Name", the first code that begins with
what was typed), one fsynced append to ``JOURNAL`` on Enter, one repainted count ("TOTAL
possibilities"), and the words the benchmark waits for on the first paint ("Practice 1",
"Country or code"). Nothing else: no data file is read, so its first paint is the framework's
start-up, and matchdesk's paint at 100,000 interests is compared with it plus one ``json.load``.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from textual import on
from textual.app import App, ComposeResult
from textual.widgets import Input, Static


class BareCapture(App[None]):
    """One input, its preview, one count."""

    CSS = "Static { height: 1; }"

    def __init__(self, total: int, names: dict[str, str], journal: Path) -> None:
        super().__init__()
        self.total = total
        self.names = names
        self.fd = os.open(journal, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)

    def compose(self) -> ComposeResult:
        yield Static("Practice 1")
        yield Static(f"{self.total} possibilities", id="total")
        yield Input(placeholder="Country or code", id="country")
        yield Static("", id="preview")

    def _match(self, typed: str) -> str:
        typed = typed.strip().upper()
        if not typed:
            return ""
        if typed in self.names:
            return self.names[typed]
        return next((name for code, name in self.names.items() if code.startswith(typed)), "")

    @on(Input.Changed, "#country")
    def preview(self, event: Input.Changed) -> None:
        name = self._match(event.value)
        self.query_one("#preview", Static).update(f"→ {name}" if name else "")

    @on(Input.Submitted, "#country")
    def capture(self, event: Input.Submitted) -> None:
        line = json.dumps({"country": self._match(event.value)}) + "\n"
        os.write(self.fd, line.encode())
        os.fsync(self.fd)
        self.total += 1
        self.query_one("#total", Static).update(f"{self.total} possibilities")
        event.input.value = ""


def main() -> None:
    total, names, journal = int(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3])
    BareCapture(total, json.loads(names.read_text(encoding="utf-8")), journal).run()


if __name__ == "__main__":
    main()
