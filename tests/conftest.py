"""Shared fixtures: real workshop files in a temp folder, the bundled seed table, the CLI."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from importlib.resources import files
from pathlib import Path

import pytest

from matchdesk.store.exchange.importing import import_sources
from matchdesk.store.workshop import Workshop

SEED_CSV = Path(str(files("matchdesk.store") / "data" / "astana2021.csv"))
# Large-workshop builders shared with the benchmarks (``from bulk import build_workshop``).
sys.path.insert(0, str(Path(__file__).parent / "benchmarks"))


def pytest_xdist_auto_num_workers(config: pytest.Config) -> int | None:
    """``-n auto``: a worker per core this process may use, and one more. With one per core,
    the cores were busy two thirds of the time: the tests wait on fsyncs, pseudo-terminals and
    child processes (docs/development.md gives the suite's times both ways). Left to xdist
    (None) when ``PYTEST_XDIST_AUTO_NUM_WORKERS`` says how many."""
    if os.environ.get("PYTEST_XDIST_AUTO_NUM_WORKERS"):
        return None
    usable = os.sched_getaffinity(0) if hasattr(os, "sched_getaffinity") else ()
    return (len(usable) or os.cpu_count() or 1) + 1


@pytest.fixture(autouse=True)
def _isolated_home(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Keep platformdirs (default file, demo copies) out of the real home folder."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("MATCHDESK_DEVICE", "test-device")


def require_program(name: str) -> str:
    """The path of an outside program a test drives. Missing, the test fails in CI (``CI`` set:
    ``.ci/run`` installs it) and is skipped, saying so, on a developer machine without it."""
    found = shutil.which(name)
    if found is None:
        message = f"{name} is not installed (.ci/run installs it from the distribution)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return found


@pytest.fixture
def seed_csv() -> Path:
    return SEED_CSV


@pytest.fixture
def workshop_file(tmp_path: Path) -> Path:
    return tmp_path / "workshop.json"


@pytest.fixture
def seeded_file(workshop_file: Path) -> Path:
    """A workshop file holding the seed's Table 1, closed and checkpointed."""
    with Workshop.open(workshop_file) as workshop:
        import_sources(workshop, [SEED_CSV])
    return workshop_file


@pytest.fixture
def workshop(workshop_file: Path) -> Iterator[Workshop]:
    with Workshop.open(workshop_file) as opened:
        yield opened


def run_cli(*args: str | os.PathLike[str], timeout: float = 60) -> subprocess.CompletedProcess[str]:
    """Run ``matchdesk`` as a user would: a separate process, text out, exit code."""
    return subprocess.run(
        [sys.executable, "-m", "matchdesk", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


@pytest.fixture
def cli():
    return run_cli


def crash_after(path: Path, code: str) -> str:
    """Run ``code`` in another process on ``workshop`` (``path`` opened for writing), then end
    that process the way a crash does: no close, no checkpoint. Returns what ``code`` printed."""
    script = (
        "import os, sys\n"
        "from matchdesk.store.workshop import Workshop\n"
        f"workshop = Workshop.open({str(path)!r})\n"
        f"{code}\n"
        "sys.stdout.flush()\n"
        "os._exit(0)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A real 256 KiB filesystem (tmpfs) to fill up; skipped where mounting is refused."""
    mount = tmp_path / "stick"
    mount.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", str(mount)],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs here: {done.stderr.strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)
