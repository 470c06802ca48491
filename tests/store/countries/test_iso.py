"""pycountry's tables read without importing pycountry (``store/countries/iso.py``) give what
pycountry gives: every record with every field, in its order, and the same catalogs; and when
its files are not where this pycountry keeps them, pycountry itself answers."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pycountry
import pytest

from matchdesk.store.countries import iso, iso_country
from matchdesk.store.countries.languages import translated


def _fields(records: object) -> list[dict[str, str]]:
    return [dict(record._fields) for record in records]  # type: ignore[attr-defined]


def test_the_tables_hold_pycountrys_records_field_for_field_in_its_order() -> None:
    assert _fields(iso.countries()) == _fields(pycountry.countries)
    assert _fields(iso.historic_countries()) == _fields(pycountry.historic_countries)
    assert iso.locales_dir() == pycountry.LOCALES_DIR


@pytest.mark.parametrize("code", ["KAZ", "kaz", "Kaz", "FRA", "PSE", "XKX", "ZZZ", "KZ", ""])
def test_a_code_finds_the_record_pycountry_finds(code: str) -> None:
    by_3 = iso.by_alpha_3(code)
    by_2 = iso.by_alpha_2(code)
    expected_3 = pycountry.countries.get(alpha_3=code) if code else None
    expected_2 = pycountry.countries.get(alpha_2=code) if code else None
    assert (by_3 and by_3.name) == (expected_3 and expected_3.name)
    assert (by_2 and by_2.name) == (expected_2 and expected_2.name)


def test_a_missing_field_reads_as_pycountrys_does() -> None:
    kazakhstan = iso.by_alpha_3("KAZ")
    assert kazakhstan is not None
    assert kazakhstan.official_name == "Republic of Kazakhstan"
    assert getattr(kazakhstan, "common_name", None) is None
    with pytest.raises(AttributeError):
        _ = kazakhstan.common_name


@pytest.fixture
def moved(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[None]:
    """pycountry's files as if another release kept them elsewhere."""
    caches = (iso._folder, iso.countries, iso.historic_countries, iso._by, iso.locales_dir)

    def clear() -> None:
        for cache in caches:
            cache.cache_clear()

    clear()
    monkeypatch.setattr(iso, "_folder", lambda: tmp_path)
    yield
    monkeypatch.undo()
    clear()


def test_files_laid_out_otherwise_are_asked_of_pycountry(moved: None) -> None:
    assert _fields(iso.countries()) == _fields(pycountry.countries)
    assert _fields(iso.historic_countries()) == _fields(pycountry.historic_countries)
    assert iso.locales_dir() == pycountry.LOCALES_DIR
    assert iso.by_alpha_2("kz").alpha_3 == "KAZ"  # type: ignore[union-attr]


def test_names_and_translations_come_from_pycountrys_files() -> None:
    assert iso_country("RUS").name == "Russian Federation"  # type: ignore[union-attr]
    assert translated("Kazakhstan", "ru") == "Казахстан"


def test_naming_a_country_does_not_import_the_pycountry_package() -> None:
    probe = (
        "import sys; from matchdesk.store.countries import iso_country, CountryResolver;"
        "print(iso_country('kz').official_name, CountryResolver().resolve('Kazajistán').code,"
        " 'pycountry' in sys.modules)"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=60
    )
    assert done.stdout.split() == ["Republic", "of", "Kazakhstan", "KAZ", "False"]
