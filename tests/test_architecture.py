"""The architecture holds: import-linter's contracts (pyproject.toml) and a headless store."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_import_contracts_are_kept() -> None:
    lint = shutil.which("lint-imports", path=str(Path(sys.executable).parent))
    assert lint, "import-linter is a test dependency: pip install -e '.[test]'"
    result = subprocess.run(
        [lint, "--config", str(ROOT / "pyproject.toml"), "--no-cache"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


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


def test_the_command_line_loads_no_textual_until_the_tui_opens() -> None:
    """``tally``, ``export``, ``check``: whole commands stay quick and headless."""
    code = (
        "import sys\n"
        "from matchdesk.tui.cli import main\n"
        "print(sorted(m for m in sys.modules if m.startswith('textual')))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


def test_the_store_face_loads_each_room_when_first_named() -> None:
    """``matchdesk.store`` is the TUI's one door: every name it lists resolves, and naming
    the workshop loads no export writer (a command loads only the rooms it uses)."""
    code = (
        "import sys, matchdesk.store as store\n"
        "store.Workshop\n"
        "print('docx_export' in ' '.join(sys.modules))\n"
        "missing = [n for n in store.face() if getattr(store, n, None) is None]\n"
        "print(missing)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.split("\n")[:2] == ["False", "[]"]


def _classes(folder: Path) -> list[tuple[str, int]]:
    import ast

    found = []
    for path in sorted(folder.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef):
                name = f"{path.relative_to(ROOT)}:{node.name}"
                found.append((name, (node.end_lineno or node.lineno) - node.lineno + 1))
    return found


def test_no_class_holds_more_than_one_job() -> None:
    """A class over 300 lines does several jobs (the Workshop once held twelve in 1,100)."""
    classes = _classes(ROOT / "store") + _classes(ROOT / "tui")
    assert [(name, size) for name, size in classes if size > 300] == []


def test_the_workshop_parts_stay_small() -> None:
    sizes = {
        p.name: len(p.read_text().splitlines()) for p in (ROOT / "store/workshop").glob("*.py")
    }
    assert sizes and max(sizes.values()) <= 400, sizes
