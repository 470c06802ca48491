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
