"""Regenerate ``m49.csv`` from the OCHA Countries & Territories table (see SOURCE.md).

The table ships inside the ``hdx-python-country`` package; matchdesk never imports that package
at run time, it only reads this script's output. To regenerate (any throwaway environment)::

    python -m venv /tmp/m49 && /tmp/m49/bin/pip install --no-deps hdx-python-country
    /tmp/m49/bin/python store/countries/data/make_m49.py TAXONOMY.csv COUNTRY-CODES.csv

(the taxonomy's path may be ``-`` for the copy inside the installed package). The second,
optional source is ``data/country-codes.csv`` of the public "country-codes" data package
(datasets/country-codes, ODC-PDDL): its UNTERM formal names in French, Spanish, Russian, Arabic
and Chinese become ``formal_fr`` .. ``formal_zh``, kept only for countries whose English formal
name there is still the UN's current one (the taxonomy's), so a renamed country ("Türkiye",
"North Macedonia") never prints a formal name it no longer has.

The output keeps one row per ISO 3166 alpha-3 code the source knows (rows without one, such
as Kosovo or the Azores, are left out), sorted by code, so a diff of two regenerations shows
exactly what the UN changed.
"""

from __future__ import annotations

import csv
import hashlib
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
TAXONOMY = "Countries & Territories Taxonomy MVP - C&T Taxonomy.csv"
LANGS = {"en": "English", "fr": "French", "es": "Spanish", "ru": "Russian"}
LANGS |= {"ar": "Arabic", "zh": "Chinese"}
FIELDS = ["alpha3", "m49", "region", "sub_region", "intermediate_region"]
FIELDS += [f"m49_{lang}" for lang in LANGS] + [f"short_{lang}" for lang in LANGS]
FIELDS += ["formal_en"] + [f"formal_{lang}" for lang in LANGS if lang != "en"]
_NOTE = re.compile(r"\s*(\[[^\]]*\]|\*+)")  # "[fém.]", "*": the source's editorial marks
_SORT_ARTICLE = re.compile(r"^(?P<name>.+?)\s*\((?P<article>l'|la|le|les|el|los|las)\)$")


def source_path(argv: list[str]) -> Path:
    """The taxonomy CSV: the argument, else the copy inside an installed hdx-python-country."""
    if argv and argv[0] != "-":
        return Path(argv[0])
    import hdx.location  # only when regenerating (pyproject.toml: [tool.mypy])

    return Path(hdx.location.__file__).parent / TAXONOMY


def rows(source: Path) -> list[dict[str, str]]:
    out: list[dict[str, str]] = []
    with source.open(encoding="utf-8", newline="") as handle:
        for raw in csv.DictReader(handle):
            row = {key: (value or "").strip() for key, value in raw.items()}
            alpha3 = row["ISO 3166-1 Alpha 3-Codes"]
            if not alpha3 or row["Deprecated"] == "Y":
                continue
            m49 = row["m49 numerical code"]
            entry = {
                "alpha3": alpha3,
                "m49": m49.zfill(3) if m49 else "",
                "region": row["Region Name"],
                "sub_region": row["Sub-region Name"],
                "intermediate_region": row["Intermediate Region Name"],
                "formal_en": row["English Formal"],
            }
            for lang, column in LANGS.items():
                entry[f"m49_{lang}"] = row[f"M49 {column}"]
                short = row[f"{column} Short"]
                entry[f"short_{lang}"] = "" if short == entry[f"m49_{lang}"] else short
            out.append(entry)
    return sorted(out, key=lambda entry: entry["alpha3"])


def clean_formal(name: str) -> str:
    """A UNTERM formal name as a reader expects it: the source's marks dropped, spaces single,
    a sort-order article put back in front ("Tuvalu (les)" -> "les Tuvalu")."""
    name = " ".join(_NOTE.sub("", name).split())
    name = re.sub(r"(\w)- (\w)", r"\1-\2", name)  # "Grande- Bretagne"
    match = _SORT_ARTICLE.match(name)
    if match:
        article = match["article"]
        name = f"{article}{'' if article.endswith(chr(39)) else ' '}{match['name']}"
    return name


def _bare(name: str) -> str:
    return name.removeprefix("the ").strip().casefold()


def add_formal(table: list[dict[str, str]], source: Path) -> int:
    """Add the other languages' formal names from the country-codes table; how many rows."""
    by_code = {entry["alpha3"]: entry for entry in table}
    for row in table:
        for lang in LANGS:
            if lang != "en":
                row[f"formal_{lang}"] = ""
    added = 0
    with source.open(encoding="utf-8", newline="") as handle:
        for raw in csv.DictReader(handle):
            entry = by_code.get((raw.get("ISO3166-1-Alpha-3") or "").strip())
            english = clean_formal(raw.get("UNTERM English Formal") or "")
            if entry is None or not english or _bare(english) != _bare(entry["formal_en"]):
                continue  # not a country here, or renamed since: its old names are not kept
            for lang, column in LANGS.items():
                if lang != "en":
                    entry[f"formal_{lang}"] = clean_formal(raw.get(f"UNTERM {column} Formal") or "")
            added += 1
    return added


def write(table: list[dict[str, str]], target: Path) -> None:
    with target.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, FIELDS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(table)


def main(argv: list[str]) -> int:
    source = source_path(argv)
    table = rows(source)
    formal = ""
    if len(argv) > 1:
        codes = Path(argv[1])
        count = add_formal(table, codes)
        digest = hashlib.sha256(codes.read_bytes()).hexdigest()
        formal = f"; formal names in five languages for {count} from {codes.name} (sha256 {digest})"
    else:
        for entry in table:
            entry.update({f"formal_{lang}": "" for lang in LANGS if lang != "en"})
    target = HERE / "m49.csv"
    write(table, target)
    digest = hashlib.sha256(source.read_bytes()).hexdigest()
    print(f"{target}: {len(table)} countries from {source.name} (sha256 {digest}){formal}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
