"""store/ stays headless: it never imports Textual or the TUI."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import matchdesk.store

STORE = Path(matchdesk.store.__file__).parent


def test_store_sources_do_not_import_textual_or_tui() -> None:
    offenders = []
    for source in STORE.rglob("*.py"):
        tree = ast.parse(source.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            for name in names:
                if name.split(".")[0] in {"textual", "rich"} or name.startswith("matchdesk.tui"):
                    offenders.append(f"{source.name}: {name}")
    assert offenders == []


def test_running_store_code_loads_no_textual() -> None:
    code = (
        "import sys, pkgutil, importlib, matchdesk.store\n"
        "for m in pkgutil.walk_packages(matchdesk.store.__path__, 'matchdesk.store.'):\n"
        "    importlib.import_module(m.name)\n"
        "print(sorted(m for m in sys.modules if m.startswith(('textual', 'matchdesk.tui'))))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"
