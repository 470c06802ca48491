"""Names as statistical offices and UN documents write them, on a corpus built from public
tables the project did not write (tests/fixtures/names_corpus: the UN's names in six
languages, UNTERM's formal names, the World Bank's names and aggregates, ISO's former names).

What must hold: at least 98 % of the names that mean one UN member state resolve to it; none
resolves to another country; aggregates, regions and former states resolve to none.
"""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

import pytest

from matchdesk.store.countries import CountryResolver

CORPUS = Path(__file__).parents[2] / "fixtures" / "names_corpus" / "corpus.csv"
MEMBER_SHARE = 0.98


@pytest.fixture(scope="module")
def outcomes() -> list[tuple[dict[str, str], str]]:
    resolver = CountryResolver()
    with CORPUS.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    found = []
    for row in rows:
        country = resolver.resolve(row["name"])
        found.append((row, country.code if country is not None else ""))
    return found


def test_the_corpus_is_the_public_one() -> None:
    with CORPUS.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    sources = Counter(row["source"].split(":")[0] for row in rows)
    assert len(rows) > 2000
    assert {"UN taxonomy", "UNTERM", "World Bank WDI", "ISO 3166-3 former name"} <= set(sources)
    assert len({row["expected"] for row in rows if row["member"]}) == 193


def test_no_name_resolves_to_another_country(outcomes: list[tuple[dict[str, str], str]]) -> None:
    wrong = [
        (row["name"], row["expected"], got)
        for row, got in outcomes
        if got and got != row["expected"]
    ]
    assert wrong == []


def test_aggregates_regions_and_former_states_are_no_country(
    outcomes: list[tuple[dict[str, str], str]],
) -> None:
    nones = [(row["name"], got) for row, got in outcomes if not row["expected"]]
    assert (
        len(nones) >= 60
    )  # "Euro area", "Sub-Saharan Africa", "Kosovo", "Azores Islands (Portugal)"
    assert [pair for pair in nones if pair[1]] == []


def test_names_of_member_states_resolve(outcomes: list[tuple[dict[str, str], str]]) -> None:
    members = [(row, got) for row, got in outcomes if row["member"]]
    right = sum(got == row["expected"] for row, got in members)
    share = right / len(members)
    by_source: Counter[str] = Counter()
    for row, got in members:
        by_source[row["source"].split(":")[0], got == row["expected"]] += 1
    figures = ", ".join(
        f"{source} {by_source[source, True]}/{by_source[source, True] + by_source[source, False]}"
        for source in sorted({source for source, _ in by_source})
    )
    print(f"\nnames of UN member states: {right}/{len(members)} = {share:.1%} right ({figures})")
    missed = [row["name"] for row, got in members if got != row["expected"]]
    assert share >= MEMBER_SHARE, missed
