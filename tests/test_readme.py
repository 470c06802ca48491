"""The README and its docs/ pages are a contract: the commands, options and keys they name are
the app's, the README stays short, and every page is reachable from it."""

from __future__ import annotations

import re
from pathlib import Path

import click
from click.testing import CliRunner

from matchdesk.tui.cli import main
from matchdesk.tui.keys import KEYS, keys_markdown

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
PAGES = sorted((ROOT / "docs").glob("*.md"))
LINKED = set(re.findall(r"\]\((docs/[^)#\s]+)", README))


def _section(heading: str) -> str:
    return README.split(f"\n## {heading}\n", 1)[1].split("\n## ", 1)[0]


def _names(opts: list[str], text: str) -> bool:
    return any(re.search(rf"(?<![\w-]){re.escape(opt)}(?![\w-])", text) for opt in opts)


def test_the_readme_is_short() -> None:
    assert len(README.splitlines()) <= 200


def test_every_docs_page_the_readme_links_exists_and_every_page_is_linked() -> None:
    assert LINKED, "the README links no docs/ page"
    missing = sorted(link for link in LINKED if not (ROOT / link).is_file())
    assert not missing, f"the README links pages that do not exist: {missing}"
    unlinked = [page.name for page in PAGES if f"docs/{page.name}" not in LINKED]
    assert not unlinked, f"docs/ pages the README does not link: {unlinked}"


def test_links_between_docs_pages_lead_somewhere() -> None:
    for page in PAGES:
        for link in re.findall(r"\]\(([\w.-]+\.md)(?:#[\w-]+)?\)", page.read_text("utf-8")):
            assert (page.parent / link).is_file(), f"{page.name} links {link}"


def test_the_key_table_lives_in_docs_keys_md_not_in_the_readme() -> None:
    rows = [line for line in keys_markdown().splitlines() if line.startswith("| ")]
    page = (ROOT / "docs" / "keys.md").read_text(encoding="utf-8")
    assert "docs/keys.md" in LINKED
    assert all(row in page for row in rows), "docs/keys.md is stale (tests/tui/test_keys.py)"
    assert not [row for row in rows if row in README], "the README repeats docs/keys.md"


def test_the_readme_lists_every_command_with_every_option() -> None:
    commands = _section("Commands")
    context = click.Context(main)
    assert _names(["--version"], commands)
    for name in main.list_commands(context):
        command = main.get_command(context, name)
        assert command is not None
        rows = [line for line in commands.splitlines() if line.startswith(f"| `matchdesk {name}")]
        assert len(rows) == 1, name
        for param in command.params:
            if isinstance(param, click.Option) and not param.hidden:
                assert _names([*param.opts, *param.secondary_opts], rows[0]), (name, param.opts)


def test_a_first_session_takes_ten_steps_with_keys_the_app_has() -> None:
    steps = _section("A first session in ten steps")
    assert re.findall(r"^(\d+)\. ", steps, re.MULTILINE) == [str(n) for n in range(1, 11)]
    keys = {k for key in KEYS for k in key.keys.split(",")}
    named = re.findall(r"`((?:ctrl|alt|shift)\+\w+|f\d{1,2}|up|down|delete|[a-z])`", steps)
    assert len(named) >= 15
    assert not [k for k in named if k not in keys], "the first session names keys the app lacks"


def test_quick_start_is_two_commands() -> None:
    blocks = _section("Quick start").split("```sh")[1:]
    assert len(blocks) == 2
    assert "matchdesk demo" in blocks[0] and "pytest" in blocks[1]
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert blocks[1].split("```")[0].strip() in ci


def test_usage_error_exits_2() -> None:
    result = CliRunner().invoke(main, ["export", "nowhere.json"])
    assert result.exit_code == 2
