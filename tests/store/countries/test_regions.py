"""UN M49 regions: every ISO country has its code, region, sub-region and intermediate region."""

from __future__ import annotations

import csv
import importlib.util
from pathlib import Path
from types import ModuleType

import pycountry
import pytest

from matchdesk.store.countries import (
    UNASSIGNED,
    Region,
    iso_country,
    make_custom,
    region_for,
    region_of,
)

DATA = Path(__file__).resolve().parents[3] / "store" / "countries" / "data"
M49_REGIONS = {"Africa", "Americas", "Asia", "Europe", "Oceania"}


@pytest.mark.parametrize(
    ("code", "region"),
    [
        ("KAZ", Region("398", "Asia", "Central Asia", "")),
        ("kz", Region("398", "Asia", "Central Asia", "")),
        ("THA", Region("764", "Asia", "South-eastern Asia", "")),
        ("PHL", Region("608", "Asia", "South-eastern Asia", "")),
        ("KEN", Region("404", "Africa", "Sub-Saharan Africa", "Eastern Africa")),
        ("BRA", Region("076", "Americas", "Latin America and the Caribbean", "South America")),
        ("USA", Region("840", "Americas", "Northern America", "")),
        ("FJI", Region("242", "Oceania", "Melanesia", "")),
        ("UKR", Region("804", "Europe", "Eastern Europe", "")),
        ("AFG", Region("004", "Asia", "Southern Asia", "")),
        ("ATA", Region("010", "", "", "")),  # M49 puts Antarctica in no region
    ],
)
def test_region_of(code: str, region: Region) -> None:
    assert region_of(code) == region


def test_unknown_and_custom_codes() -> None:
    assert region_of("X-CARPATHIAN-UKRAINE") is None
    assert region_of("XX") is None
    assert region_of("") is None
    carpathian = make_custom("Carpathian Ukraine")
    assert region_for(carpathian) == UNASSIGNED
    assert UNASSIGNED.region == "unassigned"
    assert region_for(iso_country("UA")) == region_of("UKR")  # type: ignore[arg-type]


def test_every_iso_country_has_its_m49_code_and_region() -> None:
    for record in pycountry.countries:
        region = region_of(record.alpha_3)
        assert region is not None, record.alpha_3
        # ISO 3166 numeric codes are the M49 codes: an independent check of the table
        assert region.m49 == record.numeric, record.alpha_3
        if record.alpha_3 != "ATA":
            assert region.region in M49_REGIONS, record.alpha_3
            assert region.sub_region, record.alpha_3


def test_sub_regions_nest_in_one_region() -> None:
    parents: dict[str, set[str]] = {}
    for record in pycountry.countries:
        region = region_of(record.alpha_3)
        assert region is not None
        parents.setdefault(region.sub_region, set()).add(region.region)
        if region.intermediate_region:
            parents.setdefault(region.intermediate_region, set()).add(region.sub_region)
    assert all(len(up) == 1 for up in parents.values()), parents


def test_the_table_says_where_it_comes_from() -> None:
    source = (DATA / "SOURCE.md").read_text(encoding="utf-8")
    for fact in ("hdx-python-country", "MIT", "2026-11-28", "make_m49.py", "M49", "sha256"):
        assert fact in source


def _generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_m49", DATA / "make_m49.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


TAXONOMY_HEADER = (
    [
        "ISO 3166-1 Alpha 3-Codes",
        "Deprecated",
        "m49 numerical code",
        "Region Name",
        "Sub-region Name",
        "Intermediate Region Name",
        "English Formal",
    ]
    + [
        f"{kind} {lang}"
        for lang in ("English", "French", "Spanish", "Russian", "Arabic", "Chinese")
        for kind in ("M49",)
    ]
    + [f"{lang} Short" for lang in ("English", "French", "Spanish", "Russian", "Arabic", "Chinese")]
)


def test_the_generator_reads_the_taxonomy_and_writes_the_shipped_columns(tmp_path: Path) -> None:
    make_m49 = _generator()
    source = tmp_path / "taxonomy.csv"
    with source.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, TAXONOMY_HEADER)
        writer.writeheader()
        base = dict.fromkeys(TAXONOMY_HEADER, "")
        writer.writerow(
            base
            | {
                "ISO 3166-1 Alpha 3-Codes": "KAZ",
                "Deprecated": "N",
                "m49 numerical code": "398",
                "Region Name": "Asia",
                "Sub-region Name": "Central Asia",
                "M49 English": "Kazakhstan",
                "English Short": "Kazakhstan",
                "M49 Russian": "Казахстан",
            }
        )
        writer.writerow(base | {"ISO 3166-1 Alpha 3-Codes": "", "M49 English": "Kosovo"})
        writer.writerow(
            base | {"ISO 3166-1 Alpha 3-Codes": "AFG", "Deprecated": "N", "m49 numerical code": "4"}
        )
    table = make_m49.rows(source)
    assert [row["alpha3"] for row in table] == ["AFG", "KAZ"]  # sorted, Kosovo left out
    assert table[0]["m49"] == "004"  # three digits, as the UN writes them
    assert table[1]["m49_ru"] == "Казахстан"
    assert table[1]["short_en"] == ""  # kept only where it differs from the M49 name
    target = tmp_path / "m49.csv"
    make_m49.write(table, target)
    shipped = (DATA / "m49.csv").read_text(encoding="utf-8").splitlines()[0]
    assert target.read_text(encoding="utf-8").splitlines()[0] == shipped
