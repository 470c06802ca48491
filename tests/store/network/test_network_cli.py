"""``matchdesk network`` on the demo network, as a user runs it (a separate process).

The totals are checked against a count made here from the files' own JSON, not through the
store's tally code, so the roll-up cannot agree with itself by construction.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from matchdesk.store.workshop import Workshop
from tests.conftest import run_cli


def _live(table: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    return [doc for doc in table.values() if not doc.get("deleted")]


def independent_totals(folder: Path) -> dict[str, Any]:
    """Count straight from each snapshot (the demo files are checkpointed: journals empty)."""
    presentations = possibilities = 0
    pairs: set[tuple[str, str]] = set()
    involved: set[str] = set()
    kaz_expressed = 0
    for path in sorted(folder.glob("*.json")):
        if path.name == "matchdesk-network.json":
            continue
        assert path.with_name(path.name + ".journal").stat().st_size == 0
        tables = json.loads(path.read_text(encoding="utf-8"))
        live = {doc["uid"]: doc["country"] for doc in _live(tables["presentations"])}
        presentations += len(live)
        involved.update(live.values())
        for interest in _live(tables["interests"]):
            if interest["presentation"] in live:
                possibilities += 1
                pairs.add((live[interest["presentation"]], interest["country"]))
                involved.add(interest["country"])
                kaz_expressed += interest["country"] == "KAZ"
    return {
        "workshops": 3,
        "presentations": presentations,
        "possibilities": possibilities,
        "country_pairs": len(pairs),
        "countries_involved": len(involved),
        "kaz_expressed": kaz_expressed,
    }


def network_json(*args: str | Path) -> dict[str, Any]:
    result = run_cli("network", *args, "--json")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_json_totals_equal_a_count_made_from_the_files(network: Path) -> None:
    expected = independent_totals(network)
    data = network_json(network)
    totals = data["totals"]
    for key in ("workshops", "presentations", "possibilities", "country_pairs"):
        assert totals[key] == expected[key], key
    assert totals["countries_involved"] == expected["countries_involved"]
    assert totals["practices"] == totals["presentations"]  # nothing linked yet
    assert [w["date"][:4] for w in data["workshops"]] == ["2021", "2022", "2023"]
    assert data["workshops"][0]["possibilities"] == 39  # Astana's own report says 39
    assert sum(y["possibilities"] for y in data["years"]) == expected["possibilities"]
    assert all(w["follow_up"] == {"tracked": False} for w in data["workshops"])
    assert all("(generated example)" in w["title"] for w in data["workshops"][1:])

    kazakhstan = next(c for c in data["countries"] if c["code"] == "KAZ")
    assert kazakhstan["practices_offered"] == 1
    assert kazakhstan["interest_expressed"] == expected["kaz_expressed"] == 17
    assert kazakhstan["interest_received"] == 3
    assert kazakhstan["workshops"] == 3

    for key in ("regions", "sub_regions"):
        cells = [n for row in data[key]["cells"].values() for n in row.values()]
        assert sum(cells) == data[key]["total"] == expected["possibilities"]
    assert data["regions"]["cells"]["Asia"]["unassigned"] > 0  # Carpathian Ukraine


def test_each_workshop_and_year_counts_its_own_pairs(network: Path) -> None:
    """A workshop's row counts its own country pairs; a year and the network count each pair
    once however many workshops share it (a union, not a sum)."""
    data = network_json(network)
    by_file = {}
    for path in sorted(network.glob("*.json")):
        if path.name != "matchdesk-network.json":
            by_file[str(path)] = _pairs(path)
    rows = data["workshops"]
    assert [w["country_pairs"] for w in rows] == [len(by_file[w["file"]]) for w in rows]
    union = set().union(*by_file.values())
    assert data["totals"]["country_pairs"] == len(union) < sum(map(len, by_file.values()))
    for year in data["years"]:
        pairs = [by_file[w["file"]] for w in rows if w["date"][:4] == year["year"]]
        assert year["country_pairs"] == len(set().union(*pairs))


def _pairs(path: Path) -> set[tuple[str, str]]:
    tables = json.loads(path.read_text(encoding="utf-8"))
    live = {doc["uid"]: doc["country"] for doc in _live(tables["presentations"])}
    return {
        (live[doc["presentation"]], doc["country"])
        for doc in _live(tables["interests"])
        if doc["presentation"] in live
    }


def test_the_re_presented_practice_is_suggested_and_once_linked_counts_once(
    network: Path,
) -> None:
    before = network_json(network)
    [match] = before["suggested_matches"]
    assert match["earlier"]["title"] == "Fostering e-governance in service delivery"
    assert match["later"]["title"] == "Fostering e-Governance for Better Public Service Delivery"
    assert before["repeated_practices"] == []

    linked = run_cli("network", network, "--link", match["earlier"]["id"], match["later"]["id"])
    assert linked.returncode == 0, linked.stderr
    assert "linked as one practice" in linked.stdout

    after = network_json(network)
    assert after["suggested_matches"] == []
    assert after["totals"]["practices"] == before["totals"]["practices"] - 1
    assert after["totals"]["presentations"] == before["totals"]["presentations"]
    [practice] = after["repeated_practices"]
    assert practice["country"]["code"] == "GEO"
    assert [p["interests"] for p in practice["presentations"]] == [5, 6]
    assert practice["interests"] == 11
    georgia = next(c for c in after["countries"] if c["code"] == "GEO")
    assert georgia["practices_offered"] == 1 and georgia["interest_received"] == 11

    undone = run_cli("network", network, "--unlink", match["earlier"]["id"], match["later"]["id"])
    assert undone.returncode == 0, undone.stderr
    again = network_json(network)
    assert again["repeated_practices"] == [] and again["suggested_matches"] == []


def test_the_command_never_writes_a_workshop_file_and_reads_beside_a_writer(
    network: Path,
) -> None:
    path = network / "generated-2023.json"
    with Workshop.open(path) as workshop:  # an app holding the file, mid-session
        first = workshop.presentations()[0]
        workshop.record_interest(first.uid, "MNG")
        files = {p: p.read_bytes() for p in network.iterdir() if p.is_file()}
        data = network_json(network, "--year", "2023")
        assert {p: p.read_bytes() for p in network.iterdir() if p.is_file()} == files
    assert data["totals"]["possibilities"] == 19  # the capture in the journal counts
    assert data["filters"]["workshops_left_out"] == 2


def test_filters_and_reports(network: Path, tmp_path: Path) -> None:
    data = network_json(network, "--from", "2022-01-01", "--to", "2022-12-31")
    assert [w["date"] for w in data["workshops"]] == ["2022-06-23"]
    bad = run_cli("network", network, "--from", "yesterday")
    assert bad.returncode == 1 and "YYYY-MM-DD" in bad.stderr and "Traceback" not in bad.stderr

    markdown = run_cli("network", network, "--format", "md", "-o", "-")
    assert markdown.returncode == 0, markdown.stderr
    assert "3 workshops generated 75 possibilities for partnerships" in markdown.stdout
    assert "| Kazakhstan | Asia | Central Asia | 1 | 17 | 3 |" in markdown.stdout

    text = run_cli("network", network)  # not a terminal: prints
    assert text.returncode == 0 and "Kazakhstan" in text.stdout

    out = tmp_path / "network.xlsx"
    written = run_cli("network", network, "--format", "xlsx", "-o", out)
    assert written.returncode == 0, written.stderr
    again = tmp_path / "again.xlsx"
    run_cli("network", network, "--format", "xlsx", "-o", again)
    assert out.read_bytes() == again.read_bytes()  # the same network, the same bytes
    import openpyxl

    book = openpyxl.load_workbook(out)
    assert book.sheetnames[:4] == ["Totals", "Workshops", "By year", "Countries"]
    countries = {row[0]: row[1:6] for row in book["Countries"].iter_rows(values_only=True)}
    assert countries["Kazakhstan"] == ("Asia", "Central Asia", 1, 17, 3)


def test_a_folder_without_workshops_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "notes.json").write_text("[1, 2]", encoding="utf-8")
    result = run_cli("network", tmp_path, "--json")
    assert result.returncode == 1
    assert "No workshop file found" in result.stderr and "Traceback" not in result.stderr
    assert "skipped" in result.stderr and "notes.json" in result.stderr
    missing = run_cli("network", tmp_path / "nowhere")
    assert missing.returncode == 1 and "does not exist" in missing.stderr


def test_the_follow_up_funnel_per_workshop_and_overall(network: Path) -> None:
    """Follow-up recorded in one workshop shows in the network's funnel, adding up."""
    from matchdesk.store.followup import Followup, Outcome, Stage
    from matchdesk.store.workshop import Workshop

    astana = network / "astana-2021.json"
    with Workshop.open(astana) as workshop:
        desk = Followup(workshop)
        keys = [p.key for p in desk.possibilities()]
        desk.set_stage(keys[:3], Stage.CONTACTED, None)
        desk.set_stage(keys[3:4], None, Outcome.NOT_PURSUED)
    data = network_json(network)
    tracked = [w for w in data["workshops"] if w["follow_up"]["tracked"]]
    assert len(tracked) == 1 and tracked[0]["possibilities"] == 39
    stages = tracked[0]["follow_up"]["stages"]
    assert sum(stages.values()) == 39
    assert stages["contacted"] == 3 and stages["closed: not pursued"] == 1
    assert stages["interested"] == 35
    assert data["follow_up"]["tracked"] and data["follow_up"]["stages"] == stages
