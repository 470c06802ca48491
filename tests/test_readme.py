"""The README is a contract: its key table and commands match the app."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from matchdesk.tui.cli import main
from matchdesk.tui.keys import keys_markdown

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def test_readme_key_table_is_the_bindings_table() -> None:
    rows = [line for line in keys_markdown().splitlines() if line.startswith("| ")]
    missing = [row for row in rows if row not in README]
    assert not missing, "README key table is stale; paste docs/keys.md into it:\n" + "\n".join(
        missing
    )


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
