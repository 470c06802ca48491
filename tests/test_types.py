"""The types hold: mypy, strict on store/ and with its defaults on tui/ ([tool.mypy])."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def package_root() -> Path:
    """A folder where ``matchdesk`` names this checkout, as installed (setuptools maps the
    checkout's root onto ``matchdesk``; mypy does not follow an editable install's finder).
    Stable per checkout, so mypy's cache serves the next run."""
    digest = hashlib.sha256(str(ROOT).encode()).hexdigest()[:12]
    folder = Path(tempfile.gettempdir()) / f"matchdesk-mypy-{digest}"
    folder.mkdir(exist_ok=True)
    link = folder / "matchdesk"
    if not link.is_symlink():
        link.symlink_to(ROOT, target_is_directory=True)
    return folder


@pytest.mark.parametrize(
    ("package", "options"),
    [("matchdesk.store", ["--strict"]), ("matchdesk.tui", [])],
    ids=["store-strict", "tui"],
)
def test_mypy_passes(package: str, options: list[str]) -> None:
    mypy = shutil.which("mypy", path=str(Path(sys.executable).parent))
    assert mypy, "mypy is a test dependency: pip install -e '.[test]'"
    root = package_root()
    result = subprocess.run(
        [
            mypy,
            "--config-file",
            str(ROOT / "pyproject.toml"),
            "--cache-dir",
            str(root / f"cache-{package}"),
            *options,
            "-p",
            package,
        ],
        cwd=ROOT,
        env={**os.environ, "MYPYPATH": str(root)},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
