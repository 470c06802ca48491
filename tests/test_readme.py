"""The README is a contract: short, its commands the app's, every docs/ page linked and there."""

from __future__ import annotations

import re
from pathlib import Path

from click.testing import CliRunner

from matchdesk.tui.cli import main

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
DOCS = ROOT / "docs"
LATER = {"docs/performance.md", "docs/online-delegates.md", "docs/accessibility.md"}


def test_readme_is_short_and_leads_to_docs() -> None:
    """What it is, two commands, a first session, the commands, links: the reference lives in
    docs/, and every page there is linked."""
    assert len(README.splitlines()) < 200
    linked = set(re.findall(r"\]\((docs/[\w-]+\.md)", README))
    pages = {f"docs/{page.name}" for page in DOCS.glob("*.md")}
    assert pages <= linked, pages - linked
    # Written on other branches of this release (performance, the chat, accessibility): until
    # they are merged, only these three may be linked before they exist.
    assert linked - pages <= LATER, linked - pages - LATER


def test_a_first_session_is_ten_steps() -> None:
    first = README.split("## A first session", 1)[1].split("\n## ", 1)[0]
    assert [int(n) for n in re.findall(r"^(\d+)\. ", first, re.M)] == list(range(1, 11))


def test_readme_lists_every_command() -> None:
    for name in main.list_commands(None):  # type: ignore[arg-type]
        assert f"matchdesk {name}" in README, name


def test_quick_start_is_two_commands() -> None:
    quick = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    blocks = [b for b in quick.split("```sh")[1:]]
    assert len(blocks) == 2
    assert "matchdesk demo" in blocks[0] and "pytest" in blocks[1]
    ci = (Path(__file__).resolve().parents[1] / ".ci" / "run").read_text(encoding="utf-8")
    assert blocks[1].split("```")[0].strip() in ci


def test_usage_error_exits_2() -> None:
    result = CliRunner().invoke(main, ["export", "nowhere.json"])
    assert result.exit_code == 2
