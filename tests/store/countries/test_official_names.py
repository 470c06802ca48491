"""Official names right in every report language: the UN's formal names (UNTERM, in
``store/countries/data/m49.csv``), not ISO's inverted forms, checked on the Astana workshop's
countries through ``matchdesk export --names official`` (a test per language)."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from importlib.resources import files
from pathlib import Path

import pytest

from matchdesk.store.countries.m49 import standalone

SEED_CSV = Path(str(files("matchdesk.store") / "data" / "astana2021.csv"))
MAKE_M49 = Path(str(files("matchdesk.store.countries") / "data" / "make_m49.py"))

# The UN's formal names (UNTERM) of six of the workshop's countries, as a table cell prints them.
EXPECTED: dict[str, dict[str, str]] = {
    "en": {
        "FRA": "French Republic",
        "RUS": "Russian Federation",
        "IND": "Republic of India",
        "BIH": "Bosnia and Herzegovina",
        "KAZ": "Republic of Kazakhstan",
        "NPL": "Nepal",
    },
    "fr": {
        "FRA": "République française",
        "RUS": "Fédération de Russie",
        "IND": "République de l'Inde",
        "BIH": "Bosnie-Herzégovine",
        "KAZ": "République du Kazakhstan",
        "NPL": "Népal",
    },
    "es": {
        "FRA": "República Francesa",
        "RUS": "Federación de Rusia",
        "IND": "República de la India",
        "BIH": "Bosnia y Herzegovina",
        "KAZ": "República de Kazajstán",
        "NPL": "Nepal",
    },
    "ru": {
        "FRA": "Французская Республика",
        "RUS": "Российская Федерация",
        "IND": "Республика Индия",
        "BIH": "Босния и Герцеговина",
        "KAZ": "Республика Казахстан",
        "NPL": "Непал",
    },
    "ar": {
        "FRA": "الجمهورية الفرنسية",
        "RUS": "الاتحاد الروسي",
        "IND": "جمهورية الهند",
        "BIH": "البوسنة والهرسك",
        "KAZ": "جمهورية كازاخستان",
        "NPL": "نيبال",
    },
    "zh": {
        "FRA": "法兰西共和国",
        "RUS": "俄罗斯联邦",
        "IND": "印度共和国",
        "BIH": "波斯尼亚和黑塞哥维那",
        "KAZ": "哈萨克斯坦共和国",
        "NPL": "尼泊尔",
    },
}
# What matchdesk printed before: ISO's inverted or invented forms, an article-less Arabic name.
WRONG = [
    "Russie, Fédération de",
    "République d'Inde",
    "Republic of Bosnia and Herzegovina",
    "جمهوريّة الفرنسيّة",
    "Federal Democratic Republic of Nepal",
]


@pytest.fixture(scope="module")
def astana(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("official") / "astana.json"
    command = [sys.executable, "-m", "matchdesk", "import", str(path), str(SEED_CSV)]
    result = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stderr
    return path


@pytest.mark.parametrize("lang", list(EXPECTED))
def test_official_names_in_each_report_language(cli, astana: Path, lang: str) -> None:
    result = cli(
        "export", astana, "--format", "md", "--names", "official", "--lang", lang, "-o", "-"
    )
    assert result.returncode == 0, result.stderr
    for code, name in EXPECTED[lang].items():
        assert name in result.stdout, (lang, code, name)
    for wrong in WRONG:
        assert wrong not in result.stdout, (lang, wrong)
    assert "Carpathian Ukraine" in result.stdout  # a custom country keeps its own name


def _clean_formal(name: str) -> str:
    """The generator's cleaning (``make_m49.clean_formal``), loaded from the shipped script."""
    spec = importlib.util.spec_from_file_location("make_m49", MAKE_M49)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return str(module.clean_formal(name))


def test_formal_names_read_as_a_table_cell_prints_them() -> None:
    clean_formal = _clean_formal
    assert standalone("the French Republic") == "French Republic"
    assert standalone("l'État d'Érythrée") == "État d'Érythrée"
    assert standalone("los Estados Unidos Mexicanos") == "Estados Unidos Mexicanos"
    assert standalone("Tuvalu") == "Tuvalu"
    assert standalone("Lesotho") == "Lesotho"  # "le" only as a word of its own
    assert clean_formal("Antigua-et-Barbuda [fém.]") == "Antigua-et-Barbuda"
    assert clean_formal("Tuvalu (les) [masc.]") == "les Tuvalu"
    assert clean_formal("le Royaume-Uni de Grande- Bretagne") == "le Royaume-Uni de Grande-Bretagne"
    assert clean_formal("Estado  de Palestina  *") == "Estado de Palestina"
