"""``matchdesk merge`` and ``matchdesk tally --with`` as a user runs them: processes, exit codes,
the report as text and as JSON."""

from __future__ import annotations

import json
from pathlib import Path

from matchdesk.store.merge.join import read_state
from matchdesk.store.workshop import Workshop
from tests.conftest import run_cli
from tests.store.conftest import split_seed


def test_merge_prints_the_report_and_json_says_the_same(tmp_path: Path) -> None:
    laptops = split_seed(tmp_path)
    done = run_cli("merge", laptops.room, laptops.chat, "--json")
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["totals"]["interests"] == 39
    assert report["totals"]["interested_countries"] == 9
    # 13 rows only the chat captured; the one the room had withdrawn, which the chat holds, is
    # not new here: it is kept despite the room's withdrawal (below), not "added".
    assert report["added"]["chat"]["interests"] == 13
    assert len(report["duplicates_collapsed"]["interests"]) == 12
    [kept] = report["kept_despite_withdrawal"]
    assert kept["withdrawn_on"] == ["room"] and kept["captured_on"] == ["chat"]
    assert [w["country"] for w in report["withdrawals_applied"]] == ["Norway"]
    again = run_cli("merge", laptops.room, laptops.chat)
    assert again.returncode == 0, again.stderr
    assert "0 record(s) written" in again.stdout
    assert "now holds 39 interest(s) from 9 countries" in again.stdout


def test_merge_refuses_another_workshop_unless_forced(tmp_path: Path) -> None:
    laptops = split_seed(tmp_path)
    stranger = tmp_path / "bangkok.json"
    with Workshop.open(stranger) as other:
        other.set_info(title="Bangkok 2023")
    before = read_state(laptops.room)
    refused = run_cli("merge", laptops.room, stranger)
    assert refused.returncode == 1 and "Traceback" not in refused.stderr
    assert "Bangkok 2023" in refused.stderr and "Astana 2021" in refused.stderr
    assert read_state(laptops.room) == before
    forced = run_cli("merge", laptops.room, stranger, "--force")
    assert forced.returncode == 0, forced.stderr
    assert "title" in forced.stdout  # the two titles, kept as a conflict to pick


def test_merge_of_a_damaged_file_is_refused_and_writes_nothing(tmp_path: Path) -> None:
    laptops = split_seed(tmp_path)
    broken = tmp_path / "broken.json"
    broken.write_bytes(laptops.chat.read_bytes()[:300])
    before = laptops.room.read_bytes()
    done = run_cli("merge", laptops.room, laptops.chat, broken)
    assert done.returncode == 1 and "broken.json" in done.stderr
    assert laptops.room.read_bytes() == before


def test_tally_with_a_peer_counts_both_and_warns_about_a_bad_one(tmp_path: Path) -> None:
    laptops = split_seed(tmp_path)
    alone = json.loads(run_cli("tally", laptops.room, "--json").stdout)
    assert alone["totals"]["interests"] == 26
    done = run_cli("tally", laptops.room, "--with", laptops.chat, "--json")
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    combined = json.loads(done.stdout)
    assert combined["totals"]["interests"] == 39
    assert combined["totals"]["countries_involved"] == 13
    missing = run_cli("tally", laptops.room, "--with", laptops.chat, "--with", tmp_path / "x.json")
    assert missing.returncode == 0
    assert "x.json" in missing.stderr and "warning" in missing.stderr
    assert "39" in missing.stdout


def test_open_with_peers_needs_a_file_this_laptop_writes(tmp_path: Path) -> None:
    laptops = split_seed(tmp_path)
    done = run_cli("open", laptops.room, "--read-only", "--with", laptops.chat)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "--with" in done.stderr and "tally" in done.stderr
