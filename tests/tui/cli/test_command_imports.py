"""Each command imports only what it uses: every process pays its imports before it reads a
byte, so Textual, the office writers, Babel, rapidfuzz and the rooms a command does not use
stay out of ``tally`` and ``check`` (issue 25; docs/performance.md)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from importlib import import_module
from pathlib import Path

import pytest

from matchdesk.tui import cli

# Run as the program runs (``python -m matchdesk``, ending through ``fast_exit``'s os._exit
# when it succeeds), then list the modules the process imported, however it ended.
PROBE = """
import os, runpy, sys
report = sys.argv.pop(1)
def write():
    with open(report, "w", encoding="utf-8") as handle:
        handle.write("\\n".join(sorted(sys.modules)))
end = os._exit
def _exit(code):
    write()
    end(code)
os._exit = _exit
sys.argv[0] = "matchdesk"
try:
    runpy.run_module("matchdesk", run_name="__main__", alter_sys=True)
finally:
    write()
"""

TERMINAL = ("textual", "rich", "matchdesk.tui.app", "matchdesk.tui.launch")
OFFICE = ("openpyxl", "docx", "lxml", "xlsxwriter")
# pycountry's package reads its version from the package metadata (importlib.metadata): the
# names come from its files instead (store/countries/iso.py); package data is read beside the
# modules, not through importlib.resources; tempfile waits for the first write.
METADATA = ("pycountry", "importlib.metadata", "importlib.resources", "tempfile")
HEAVY = (*TERMINAL, *OFFICE, "babel", "rapidfuzz", "filelock", *METADATA)
ROOMS = (
    "matchdesk.store.chat",
    "matchdesk.store.followup",
    "matchdesk.store.merge",
    "matchdesk.store.network",
    "matchdesk.store.exchange.importing",
    "matchdesk.store.exchange.export",
)


Run = subprocess.CompletedProcess[str]


def _imported(tmp_path: Path, *args: str | Path) -> tuple[Run, set[str]]:
    report = tmp_path / "modules.txt"
    done = subprocess.run(
        [sys.executable, "-c", PROBE, str(report), *map(str, args)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    return done, set(report.read_text(encoding="utf-8").split())


def _loaded(modules: set[str], names: tuple[str, ...]) -> list[str]:
    """The ``names`` (packages count with their modules) found among ``modules``."""
    return [n for n in names if any(m == n or m.startswith(n + ".") for m in modules)]


def test_tally_json_loads_no_terminal_office_writer_fuzzy_matcher_or_other_room(
    seeded_file: Path, tmp_path: Path
) -> None:
    done, modules = _imported(tmp_path, "tally", seeded_file, "--json")
    assert done.returncode == 0, done.stderr
    tallies = json.loads(done.stdout)
    assert tallies["totals"]["interests"] == 39
    assert tallies["presentations"][0]["presenter_country"]["name"] == "Kazakhstan"
    assert _loaded(modules, HEAVY + ROOMS) == []


def test_check_loads_no_terminal_office_writer_fuzzy_matcher_or_other_room(
    seeded_file: Path, tmp_path: Path
) -> None:
    done, modules = _imported(tmp_path, "check", seeded_file)
    assert done.returncode == 0, done.stderr
    assert "is sound: 10 presentations, 39 interests" in done.stdout
    assert _loaded(modules, HEAVY + ROOMS) == []


WRITERS = ("matchdesk.store.exchange.export", "matchdesk.store.followup")  # its columns too


@pytest.mark.parametrize(
    ("args", "allowed"),
    [
        (("export", "{file}", "--format", "csv", "-o", "-"), WRITERS),
        (("export", "{file}", "--format", "json", "-o", "-"), WRITERS),
        (("followup", "{file}", "--json"), ("matchdesk.store.followup",)),
    ],
)
def test_text_exports_and_the_followup_list_load_no_terminal_office_writer_or_babel(
    seeded_file: Path, tmp_path: Path, args: tuple[str, ...], allowed: tuple[str, ...]
) -> None:
    done, modules = _imported(tmp_path, *(a.format(file=seeded_file) for a in args))
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip()
    assert _loaded(modules, HEAVY + tuple(r for r in ROOMS if r not in allowed)) == []


def test_the_network_of_workshops_nobody_follows_up_loads_no_followup_room(
    seeded_file: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "network"
    folder.mkdir()
    shutil.copy(seeded_file, folder / "room.json")
    done, modules = _imported(tmp_path, "network", folder, "--json")
    assert done.returncode == 0, done.stderr
    view = json.loads(done.stdout)
    assert view["totals"]["possibilities"] == 39 and view["follow_up"] == {"tracked": False}
    allowed = ("rapidfuzz", "matchdesk.store.network")  # the suggested matches: its own room
    assert _loaded(modules, tuple(n for n in HEAVY + ROOMS if n not in allowed)) == []


# What each format writes with; the others stay out (zipfile brings bz2 and lzma with shutil).
WRITTEN_WITH = {
    "csv": (),
    "json": ("orjson", "matchdesk.store.exchange.export.json_export"),
    "md": ("matchdesk.store.exchange.export.markdown",),
    "xlsx": ("xlsxwriter", "zipfile", "matchdesk.store.exchange.export.xlsx_export"),
    "docx": ("docx", "zipfile", "matchdesk.store.exchange.export.docx_export"),
}


@pytest.mark.parametrize("fmt", list(WRITTEN_WITH))
def test_an_export_loads_its_own_writer_and_no_follow_up_room_until_one_moved(
    seeded_file: Path, tmp_path: Path, fmt: str
) -> None:
    """A workshop nobody followed up has no follow-up section, sheet or column: its export
    imports neither the follow-up rooms nor another format's writer (some 30 ms of start-up
    for every export; issue 25), nor Babel: its dates and lists come from ``cldr.json`` (40 ms
    of locale data)."""
    target = tmp_path / f"t.{fmt}"
    done, modules = _imported(tmp_path, "export", seeded_file, "--format", fmt, "-o", target)
    assert done.returncode == 0, done.stderr
    assert target.stat().st_size > 0
    others = {name for f, names in WRITTEN_WITH.items() if f != fmt for name in names}
    others -= set(WRITTEN_WITH[fmt])
    assert _loaded(modules, ("matchdesk.store.followup", "babel", *sorted(others))) == []
    assert _loaded(modules, WRITTEN_WITH[fmt]) == list(WRITTEN_WITH[fmt])


def test_the_help_and_a_refusal_load_no_country_database_or_chat_room(tmp_path: Path) -> None:
    helped, modules = _imported(tmp_path, "--help")
    assert helped.returncode == 0 and "tally" in helped.stdout
    assert _loaded(modules, (*HEAVY, "matchdesk.store.chat")) == []  # the chat's rapidfuzz too
    missing = tmp_path / "missing.json"
    refused, modules = _imported(tmp_path, "tally", missing)
    assert refused.returncode == 1 and str(missing) in refused.stderr
    assert _loaded(modules, (*HEAVY, "pycountry")) == []


def test_the_probe_sees_a_writer_that_a_command_does_load(
    seeded_file: Path, tmp_path: Path
) -> None:
    done, modules = _imported(
        tmp_path, "export", seeded_file, "--format", "xlsx", "-o", tmp_path / "t.xlsx"
    )
    assert done.returncode == 0, done.stderr
    assert _loaded(modules, ("xlsxwriter", "matchdesk.store.exchange.export")) == [
        "xlsxwriter",
        "matchdesk.store.exchange.export",
    ]


def test_the_table_of_commands_names_each_command_where_it_is_defined() -> None:
    modules = sorted(p.stem for p in Path(cli.__file__).parent.glob("*_commands.py"))
    assert [f"{group}_commands" for group in cli.GROUPS] == modules
    defined = {
        command.name: group
        for group in cli.GROUPS
        for command in import_module(f"matchdesk.tui.cli.{group}_commands").COMMANDS
    }
    assert defined == cli.COMMANDS


# The app as ``matchdesk open`` builds it, before its first screen: the file opened, the app
# made; what it imported is what its first paint waited for.
APP_PROBE = """
import sys
from pathlib import Path
from matchdesk.tui.launch import open_app
app = open_app(Path(sys.argv[1]))
app.session.close()
print("\\n".join(sorted(sys.modules)))
"""


def test_opening_the_app_loads_no_room_its_first_screen_does_not_show(
    seeded_file: Path,
) -> None:
    done = subprocess.run(
        [sys.executable, "-c", APP_PROBE, str(seeded_file)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    modules = set(done.stdout.split())
    assert _loaded(modules, ("matchdesk.tui.app", "textual")) == ["matchdesk.tui.app", "textual"]
    not_shown = (
        "matchdesk.store.demo",
        "matchdesk.store.network",
        "matchdesk.store.followup",
        "matchdesk.store.chat",
        "matchdesk.store.exchange",
        "importlib.resources",
    )
    assert _loaded(modules, not_shown) == []
