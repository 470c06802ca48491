"""The design card's layout installs: store/ and tui/ at the root become matchdesk.store and
matchdesk.tui, from a wheel in a fresh virtual environment as well as from the checkout."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tomllib
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def test_the_root_holds_the_design_cards_folders() -> None:
    names = {p.name for p in ROOT.iterdir()}
    assert {"store", "tui", "tests", "pyproject.toml", "README.md"} <= names
    assert "src" not in names


def test_every_package_folder_is_listed_for_the_wheel() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    listed = set(config["tool"]["setuptools"]["packages"])
    found = {"matchdesk"}
    for top in ("store", "tui"):
        for init in (ROOT / top).rglob("__init__.py"):
            parts = init.parent.relative_to(ROOT).parts
            found.add(".".join(("matchdesk", *parts)))
    assert listed == found


def _run(args: list[str], **kwargs: object) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(args, capture_output=True, text=True, check=False, **kwargs)  # type: ignore[call-overload]
    assert done.returncode == 0, f"{args}: {done.stdout}\n{done.stderr}"
    return done


HEADLESS_APP = """
import asyncio, sys
from matchdesk.tui.app import make_app

async def main() -> int:
    app = make_app(sys.argv[1])
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+q")
    print(app.session.workshop.totals().interests)
    return 0

sys.exit(asyncio.run(main()))
"""


@pytest.mark.e2e
def test_the_wheel_installs_and_runs_in_a_fresh_venv(tmp_path: Path) -> None:
    wheels = tmp_path / "dist"
    _run([sys.executable, "-m", "pip", "wheel", str(ROOT), "--no-deps", "-w", str(wheels)])
    (wheel,) = wheels.glob("matchdesk-*.whl")
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    python = env_dir / "bin" / "python"
    _run([str(python), "-m", "pip", "install", "--quiet", str(wheel)], timeout=600)
    away = tmp_path / "elsewhere"  # not the checkout: only the installed copy can answer
    away.mkdir()
    env = {**os.environ, "XDG_DATA_HOME": str(tmp_path / "data"), "MATCHDESK_DEVICE": "wheel"}
    matchdesk = str(env_dir / "bin" / "matchdesk")
    assert "matchdesk" in _run([matchdesk, "--version"], cwd=away, env=env).stdout
    assert "demo" in _run([str(python), "-m", "matchdesk", "--help"], cwd=away, env=env).stdout
    seed = _run(
        [
            str(python),
            "-c",
            "import matchdesk.store, pathlib; "
            "print(pathlib.Path(matchdesk.store.__file__).parent / 'data' / 'astana2021.csv')",
        ],
        cwd=away,
        env=env,
    ).stdout.strip()
    assert "site-packages" in seed
    workshop = tmp_path / "astana.json"
    _run([matchdesk, "import", str(workshop), seed], cwd=away, env=env)
    tally = _run([matchdesk, "tally", str(workshop), "--json"], cwd=away, env=env).stdout
    assert json.loads(tally)["totals"]["interests"] == 39
    region = "from matchdesk.store.countries import region_of; print(region_of('KAZ').sub_region)"
    assert _run([str(python), "-c", region], cwd=away, env=env).stdout.strip() == "Central Asia"
    shown = _run([str(python), "-c", HEADLESS_APP, str(workshop)], cwd=away, env=env, timeout=120)
    assert shown.stdout.strip().splitlines()[-1] == "39"  # the app ran, with its .tcss
