"""Names resolved by rule (store/countries/rules.py): abbreviations, designations, inverted and
qualified forms, former names; never a region, a city or a part of a country."""

from __future__ import annotations

import pytest

from matchdesk.store.countries import CountryResolver
from matchdesk.store.countries.aliases import FORMER_ISO
from matchdesk.store.countries.rules import expansions, only_designations, split


@pytest.fixture(scope="module")
def resolver() -> CountryResolver:
    return CountryResolver()


# Every name the issue found unresolved, and more of the same kinds.
@pytest.mark.parametrize(
    ("text", "code"),
    [
        # abbreviations of statistical tables
        ("Czech Rep.", "CZE"),
        ("Central African Rep.", "CAF"),
        ("Dominican Rep.", "DOM"),
        ("Rep. of Korea", "KOR"),
        ("Rep. of Moldova", "MDA"),
        ("United Rep. of Tanzania", "TZA"),
        ("Dem. People's Rep. of Korea", "PRK"),
        ("Korea, Dem. Rep.", "PRK"),
        ("D.P.R. of Korea", "PRK"),
        ("DPR of Korea", "PRK"),
        ("FS Micronesia", "FSM"),
        ("Lao P.D.R.", "LAO"),
        ("Solomon Is.", "SLB"),
        ("Turks and Caicos Isds.", "TCA"),
        ("Dem. Rep. Congo", "COD"),
        ("Congo, Dem. Rep. of the", "COD"),
        # designations before or after the name
        ("Commonwealth of Australia", "AUS"),
        ("Oriental Republic of Uruguay", "URY"),
        ("Socialist Republic of Vietnam", "VNM"),
        ("Republic of Niger", "NER"),
        ("Kingdom of Swaziland", "SWZ"),
        ("Republic of Ireland", "IRL"),
        ("Rep. of Ireland", "IRL"),
        ("Tanzania, United Rep.", "TZA"),
        ("Venezuela, Bolivarian Rep. of", "VEN"),
        ("China, People's Republic of", "CHN"),
        # parenthetical qualifiers
        ("Slovakia (slovak republic)", "SVK"),
        ("Korea (Democratic People's Republic of)", "PRK"),
        ("Georgia (country)", "GEO"),
        # parts joined by and, &, -
        ("Bosnia Herzegovina", "BIH"),
        ("Bosnia-Herzegovina", "BIH"),
        ("Antigua & Barbuda", "ATG"),
        ("Fiji Islands", "FJI"),
        # former names since 1990
        ("Libyan Arab Jamahiriya", "LBY"),
        ("Former Yugoslav Republic of Macedonia", "MKD"),
        ("The former Yugoslav Republic of Macedonia", "MKD"),
        ("Macedonia, the former yugoslav republic of", "MKD"),
        ("Bosnia and herzegowina", "BIH"),
        ("Zaire", "COD"),
        ("Western Samoa", "WSM"),
        ("Burma, Socialist Republic of the Union of", "MMR"),
    ],
)
def test_names_as_tables_write_them(resolver: CountryResolver, text: str, code: str) -> None:
    country = resolver.resolve(text)
    assert country is not None and country.code == code, text
    assert resolver.ambiguous(text) == ()


@pytest.mark.parametrize(
    "text",
    [
        "Mexico City",
        "New Mexico",
        "Georgia (US state)",
        "Papua",
        "Zealand",
        "Norfolk",
        "Belgium and Luxembourg",
        "Southern African Customs Union",
        "State of Mexico",
        "German Democratic Republic",
        "People's Democratic Republic of Yemen",
        "Yemen Arab Republic",
        "Democratic Republic of Vietnam",
        "Federal Republic of Yugoslavia",
        "Serbia and Montenegro",
        "Socialist Republic of Romania",
        "Republic of Srpska",
        "Turkish Republic of Northern Cyprus",
        "Commonwealth of Independent States",
        "European Union",
        "East Asia & Pacific",
        "Islamic State",
        "Sikkim",
        "France, Metropolitan",
        "Czechoslovakia",
    ],
)
def test_regions_cities_parts_and_groupings_are_no_country(
    resolver: CountryResolver, text: str
) -> None:
    assert resolver.resolve(text) is None, text
    assert resolver.ambiguous(text) == (), text


@pytest.mark.parametrize(
    ("text", "codes"),
    [("Rep. Korea", {"KOR", "PRK"}), ("Republic of China", {"CHN", "TWN"})],
)
def test_a_name_that_still_means_two_is_asked(
    resolver: CountryResolver, text: str, codes: set[str]
) -> None:
    assert resolver.resolve(text) is None
    assert {country.code for country in resolver.ambiguous(text)} == codes


def test_every_former_iso_name_resolves_to_its_successor(resolver: CountryResolver) -> None:
    import pycountry

    for record in pycountry.historic_countries:
        found = resolver.resolve(record.name)
        expected = FORMER_ISO.get(record.alpha_4)
        assert (found.code if found else None) == expected, record.name


def test_rule_parts() -> None:
    assert expansions("korea dem rep") == ["korea democratic republic"]
    assert "federated states micronesia" in expansions("fed sts micronesia")
    assert expansions("lao p d r") == ["lao people s democratic republic"]
    assert split("democratic people s republic of korea").core == "korea"
    assert split("bosnia and herzegovina").core == "bosniaherzegovina"
    assert only_designations("Democratic People's Republic of")
    assert not only_designations("US state")


def test_a_custom_country_of_the_name_wins_over_a_rule() -> None:
    from matchdesk.store.countries import make_custom

    mine = make_custom("Rep. of Ireland")
    resolver = CountryResolver([mine])
    assert resolver.resolve("Rep. of Ireland") == mine
