"""The UN M49 table shipped in ``data/m49.csv``: each ISO country's region and its UN names.

Generated from the OCHA Countries & Territories table (``data/SOURCE.md`` gives the source,
licence and date; ``data/make_m49.py`` regenerates it). Read once, on first use, offline; a
country's row is made into names and a region when that country is first asked about (a
workshop names a few dozen of the 249).
"""

from __future__ import annotations

import csv
import functools
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from msgspec import Struct

from matchdesk.store.countries import iso
from matchdesk.store.models import LANGUAGES, Country

_NAME_COLUMNS = ("m49", "short")
# The article a formal name carries in running text ("the French Republic", "la République
# française", "l'État d'Érythrée"), dropped where the name stands alone (a table cell).
_ARTICLE = re.compile(r"^(?:(?:the|la|le|les|el|los|las)\s+|l['’])", re.IGNORECASE)


@dataclass(frozen=True)
class Region:
    """Where the UN's M49 standard places a country (``""`` where M49 has no such level)."""

    m49: str  # the country's numeric code, three digits: "398"
    region: str  # "Asia"
    sub_region: str  # "Central Asia"
    intermediate_region: str = ""  # "Eastern Africa"; most countries have none


# A custom country (a region, a city, a body) has no M49 place until a person gives it one.
UNASSIGNED = Region(m49="", region="unassigned", sub_region="unassigned")


class _Row(Struct, frozen=True):
    region: Region
    names: dict[str, tuple[str, ...]]  # language -> UN names, the M49 name first
    formal: dict[str, str]  # language -> UNTERM formal name as written ("the French Republic")


@functools.cache
def _cells() -> tuple[list[str], dict[str, list[str]]]:
    """The table's header and each alpha-3's cells, as read."""
    # Beside this module, as the package is installed (a folder, never a zip): reading it
    # through importlib.resources cost every command that names a country 10 ms of imports.
    text = Path(__file__).with_name("data").joinpath("m49.csv").read_bytes().decode("utf-8")
    with io.StringIO(text, newline="") as handle:  # newline="" as csv wants
        reader = csv.reader(handle)
        header = next(reader)
        return header, {cells[0]: cells for cells in reader if cells}


@functools.cache
def _row(alpha3: str) -> _Row | None:
    header, lines = _cells()
    cells = lines.get(alpha3)
    if cells is None:
        return None
    row = dict(zip(header, cells, strict=True))
    names = {lang: _distinct(row[f"{kind}_{lang}"] for kind in _NAME_COLUMNS) for lang in LANGUAGES}
    region = Region(
        m49=row["m49"],
        region=row["region"],
        sub_region=row["sub_region"],
        intermediate_region=row["intermediate_region"],
    )
    formal = {lang: row.get(f"formal_{lang}") or "" for lang in LANGUAGES}
    return _Row(region, names, formal)


@functools.cache
def _column(name: str) -> int | None:
    header, _ = _cells()
    return header.index(name) if name in header else None


def _cell(alpha3: str, column: str) -> str:
    """One cell of an alpha-3's line ("" where there is none): a report names 250 countries
    by their short and formal names, and building each one's ``_Row`` of six languages cost
    30 microseconds a country."""
    cells = _cells()[1].get(alpha3)
    index = _column(column)
    return cells[index] if cells is not None and index is not None else ""


def _distinct(names: Iterable[str]) -> tuple[str, ...]:
    return tuple(name for name in dict.fromkeys(names) if name)


def _alpha3(code: str) -> str:
    code = code.strip().upper()
    if len(code) == 2:
        record = iso.by_alpha_2(code)
        return record.alpha_3 if record is not None else ""
    return code


def region_of(code: str) -> Region | None:
    """The M49 place of the ISO country with alpha-2/alpha-3 ``code``; None for any other code."""
    row = _row(_alpha3(code))
    return row.region if row is not None else None


def region_for(country: Country) -> Region:
    """``country``'s M49 place; ``UNASSIGNED`` for a custom country (until one is set)."""
    if country.custom:
        return UNASSIGNED
    return region_of(country.code) or UNASSIGNED


def un_name(code: str, lang: str) -> str | None:
    """The UN's short name (M49, else UNTERM) of an ISO country in one of the six languages."""
    alpha3 = _alpha3(code)
    return next(filter(None, (_cell(alpha3, f"{kind}_{lang}") for kind in _NAME_COLUMNS)), None)


def un_formal(code: str, lang: str) -> str | None:
    """The UN's formal name (UNTERM) of an ISO country in one of the six languages, as it
    stands alone in a table ("République française"); None where the UN gives none."""
    return standalone(_cell(_alpha3(code), f"formal_{lang}")) or None


def standalone(name: str) -> str:
    """ "la République française" -> "République française": a formal name without the article
    running text gives it, capitalised."""
    bare = _ARTICLE.sub("", name.strip(), count=1)
    return bare[:1].upper() + bare[1:]


def un_names(code: str) -> dict[str, tuple[str, ...]]:
    """Every UN name of an ISO country by language: M49 and UNTERM short names and the
    UNTERM formal name."""
    row = _row(_alpha3(code))
    if row is None:
        return {}
    return {
        lang: _distinct([*row.names[lang], row.formal[lang], standalone(row.formal[lang])])
        for lang in LANGUAGES
    }
