"""The architecture holds: import-linter's contracts (pyproject.toml) and a headless store."""

from __future__ import annotations

import ast
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


# Checks of the project as a whole; every other test lives in the folder of the code it tests.
PROJECT_WIDE = {
    "test_architecture.py",  # import-linter contracts, a headless store, tests that mirror code
    "test_benchmark_harness.py",  # tests/benchmarks/ itself (skipped by the suite: it is slow)
    "test_types.py",  # mypy over the whole package
    "test_packaging.py",  # the wheel and its package list
    "test_performance_doc.py",  # docs/performance.md against docs/performance.json
    "test_readme.py",  # README.md and docs/ against the commands and keys
}


def test_tests_mirror_the_code() -> None:
    """A newcomer finds a room's tests at the room's path under tests/ (store/merge/ ->
    tests/store/merge/), so no test folder names a room the code does not have."""
    tests = ROOT / "tests"
    assert {p.name for p in tests.glob("test_*.py")} <= PROJECT_WIDE
    for test in tests.glob("*/**/test_*.py"):
        folder = test.parent.relative_to(tests)
        if folder.parts[0] in ("e2e", "benchmarks"):
            continue
        assert (ROOT / folder).is_dir(), f"{test.relative_to(ROOT)}: no code folder {folder}/"


# Issue 21: a module of the workshop package holds one job; no class does a dozen.
MAX_WORKSHOP_MODULE_LINES = 400
MAX_CLASS_LINES = 300


def _classes(folder: Path) -> list[tuple[str, int]]:
    found = []
    for path in sorted(folder.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef):
                lines = (node.end_lineno or node.lineno) - node.lineno + 1
                found.append((f"{path.relative_to(ROOT)}:{node.name}", lines))
    return found


def test_no_class_in_the_store_or_the_tui_is_over_300_lines() -> None:
    classes = _classes(ROOT / "store") + _classes(ROOT / "tui")
    assert len(classes) > 100  # the walk found the code
    too_long = [f"{name} ({lines} lines)" for name, lines in classes if lines > MAX_CLASS_LINES]
    assert not too_long, "split these along their jobs: " + ", ".join(too_long)


def test_no_module_of_the_workshop_package_is_over_400_lines() -> None:
    modules = sorted((ROOT / "store" / "workshop").glob("*.py"))
    assert len(modules) > 5  # a package, not one module
    too_long = [
        f"{path.name} ({n} lines)"
        for path in modules
        if (n := len(path.read_text(encoding="utf-8").splitlines())) > MAX_WORKSHOP_MODULE_LINES
    ]
    assert not too_long, ", ".join(too_long)


def test_the_store_face_reads_every_import_of_its_block() -> None:
    """``face()`` reads the block's lines; Python's own reading of them must agree, name for
    name (a form of import the lines' pattern missed would leave a name unreachable)."""
    import matchdesk.store as store

    tree = ast.parse((ROOT / "store" / "__init__.py").read_text(encoding="utf-8"))
    block = next(node for node in tree.body if isinstance(node, ast.If))
    imports = [node for node in block.body if isinstance(node, ast.ImportFrom)]
    assert len(imports) == len(block.body)  # the block holds imports only
    expected = {
        alias.asname or alias.name: (node.module, alias.name)
        for node in imports
        for alias in node.names
    }
    assert store.face() == expected
    assert len(expected) > 50


def test_the_store_face_loads_each_room_when_first_named() -> None:
    """``matchdesk.store`` is the TUI's one door: every name it lists resolves, and naming the
    workshop loads no export writer (a command loads only the rooms it uses)."""
    code = (
        "import sys, matchdesk.store as store\n"
        "store.Workshop\n"
        "print('matchdesk.store.exchange.export' in sys.modules)\n"
        "print([n for n in store.face() if getattr(store, n, None) is None])\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.split("\n")[:2] == ["False", "[]"]
