"""Regenerate ``m49.csv`` from the OCHA Countries & Territories table (see SOURCE.md).

The table ships inside the ``hdx-python-country`` package; matchdesk never imports that package
at run time, it only reads this script's output. To regenerate (any throwaway environment)::

    python -m venv /tmp/m49 && /tmp/m49/bin/pip install --no-deps hdx-python-country
    /tmp/m49/bin/python store/countries/data/make_m49.py

or pass the taxonomy CSV's path as the first argument. The output keeps one row per ISO 3166
alpha-3 code the source knows (rows without one, such as Kosovo or the Azores, are left out),
sorted by code, so a diff of two regenerations shows exactly what the UN changed.
"""

from __future__ import annotations

import csv
import hashlib
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
TAXONOMY = "Countries & Territories Taxonomy MVP - C&T Taxonomy.csv"
LANGS = {"en": "English", "fr": "French", "es": "Spanish", "ru": "Russian"}
LANGS |= {"ar": "Arabic", "zh": "Chinese"}
FIELDS = ["alpha3", "m49", "region", "sub_region", "intermediate_region"]
FIELDS += [f"m49_{lang}" for lang in LANGS] + [f"short_{lang}" for lang in LANGS]
FIELDS += ["formal_en"]


def source_path(argv: list[str]) -> Path:
    """The taxonomy CSV: the argument, else the copy inside an installed hdx-python-country."""
    if argv:
        return Path(argv[0])
    import hdx.location  # only when regenerating (no types: see [tool.mypy] overrides)

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


def write(table: list[dict[str, str]], target: Path) -> None:
    with target.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, FIELDS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(table)


def main(argv: list[str]) -> int:
    source = source_path(argv)
    table = rows(source)
    target = HERE / "m49.csv"
    write(table, target)
    digest = hashlib.sha256(source.read_bytes()).hexdigest()
    print(f"{target}: {len(table)} countries from {source.name} (sha256 {digest})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
