"""The types hold: mypy checks the package under its installed names (pyproject.toml, [tool.mypy]:
strict on store/, mypy's defaults on tui/)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from mypy.main import process_options
from mypy.options import PER_MODULE_OPTIONS, Options

ROOT = Path(__file__).resolve().parents[1]
PYPROJECT = ROOT / "pyproject.toml"
# mypy's incremental cache: a second run re-checks only what changed (README, "Development").
CACHE = ROOT / ".mypy_cache"
_IGNORE = re.compile(r"#\s*type:\s*ignore\b[^#]*(?P<why>#\s*\S.*)?$")


def _package_tree() -> Path:
    """A folder where the source reads as ``matchdesk.store`` and ``matchdesk.tui``.

    setuptools' package-dir installs store/ and tui/ under those names, but an editable install
    does it with an import hook mypy cannot follow, and mypy run on the folders themselves would
    call them ``store`` and ``tui``: symlinks under the cache give mypy the real module names.
    """
    package = CACHE / "package" / "matchdesk"
    package.mkdir(parents=True, exist_ok=True)
    for name in ("store", "tui", "__main__.py"):
        link, target = package / name, ROOT / name
        if link.is_symlink() and Path(os.readlink(link)) == target:
            continue
        link.unlink(missing_ok=True)
        link.symlink_to(target)
    return package.parent


@pytest.mark.timeout(600)  # from a cold cache on a loaded 2-core machine: some 20 s, or more
def test_mypy_passes_on_the_package() -> None:
    tree = _package_tree()
    mypy = [sys.executable, "-m", "mypy", "--config-file", str(PYPROJECT)]
    result = subprocess.run(
        [*mypy, "--cache-dir", str(CACHE), "-p", "matchdesk"],
        cwd=ROOT,
        env={**os.environ, "MYPYPATH": str(tree)},
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    # Name the files as they stand in the repository (store/x.py), not through the symlinks.
    messages = result.stdout + result.stderr
    for prefix in (tree / "matchdesk", tree.relative_to(ROOT) / "matchdesk"):
        messages = messages.replace(f"{prefix}{os.sep}", "")
    assert result.returncode == 0, messages
    # Warnings too: an unused [[tool.mypy.overrides]] section means a module name went wrong.
    assert result.stdout.startswith("Success") and not result.stderr, messages


def test_store_is_checked_with_every_strict_flag(tmp_path: Path) -> None:
    """store/'s override in pyproject.toml turns on every flag ``mypy --strict`` does, and only
    there (``strict = true`` in an override would turn them on everywhere)."""
    empty = tmp_path / "mypy.ini"
    empty.write_text("[mypy]\n", encoding="utf-8")
    _, strict = process_options(["--strict", "--config-file", str(empty), "-c", "pass"])
    _, ours = process_options(["--config-file", str(PYPROJECT), "-c", "pass"])
    defaults = Options()
    store = ours.clone_for_module("matchdesk.store.models")
    tui = ours.clone_for_module("matchdesk.tui.app")
    flags = [n for n in PER_MODULE_OPTIONS if getattr(strict, n) != getattr(defaults, n)]
    assert "disallow_untyped_defs" in flags
    assert [n for n in flags if getattr(store, n) != getattr(strict, n)] == []
    assert not tui.disallow_untyped_defs, "tui/ is checked with mypy's defaults"


def test_every_type_ignore_names_its_code_and_says_why() -> None:
    """``# type: ignore[code]  # why``: mypy insists on the code, this on the reason (files
    mypy is told to skip in pyproject.toml are theirs to fix first)."""
    config = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["tool"]["mypy"]
    skipped = {
        ROOT / Path(*module.split(".")[1:]).with_suffix(".py")
        for override in config["overrides"]
        if override.get("ignore_errors")
        for module in override["module"]
    }
    unexplained = [
        f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
        for folder in ("store", "tui")
        for path in sorted((ROOT / folder).rglob("*.py"))
        if path not in skipped
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if (found := _IGNORE.search(line)) and not found["why"]
    ]
    assert unexplained == [], "\n".join(unexplained)
