"""pycountry's ISO 3166 tables and catalogs, read from where pycountry is installed.

The names are pycountry's, but importing the ``pycountry`` package reads its own version from
the package metadata (``importlib.metadata``, about 30 ms of CPU): every command that opens a
workshop paid it before naming a single country. So its JSON tables (the files its
``countries`` and ``historic_countries`` load) and its gettext catalogs are found through the
import system without running the package; where they are not where this pycountry keeps them,
pycountry itself is imported and asked. tests/store/countries/test_iso.py holds both ways to
pycountry's own answers.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Mapping
from importlib.util import find_spec
from pathlib import Path
from typing import Any

_COUNTRIES = ("iso3166-1", "3166-1")  # (database file, root key), as pycountry names them
_HISTORIC = ("iso3166-3", "3166-3")


class Record:
    """One entry of a table, read like pycountry's: a missing field raises AttributeError, so
    ``getattr(record, "common_name", None)`` works as it does on pycountry's records."""

    __slots__ = ("_fields",)

    def __init__(self, fields: Mapping[str, str]) -> None:
        self._fields = dict(fields)

    def __getattr__(self, key: str) -> str:
        try:
            return self._fields[key]
        except KeyError:
            raise AttributeError(key) from None

    def __repr__(self) -> str:
        return f"Record({self._fields!r})"


@functools.cache
def _folder() -> Path | None:
    """pycountry's package folder, found without importing it; None if it has none."""
    spec = find_spec("pycountry")
    locations = spec.submodule_search_locations if spec is not None else None
    return Path(next(iter(locations))) if locations else None


def _read(table: tuple[str, str], fallback: str) -> tuple[Record, ...]:
    name, root = table
    folder = _folder()
    path = folder / "databases" / f"{name}.json" if folder is not None else None
    if path is not None and path.is_file():
        with path.open(encoding="utf-8") as handle:
            entries: list[dict[str, str]] = json.load(handle)[root]
        return tuple(Record(entry) for entry in entries)
    import pycountry  # laid out otherwise: ask the package

    database: Any = getattr(pycountry, fallback)
    return tuple(Record(dict(record)) for record in database)


@functools.cache
def countries() -> tuple[Record, ...]:
    """Every ISO 3166-1 country, in pycountry's order (``pycountry.countries``)."""
    return _read(_COUNTRIES, "countries")


@functools.cache
def historic_countries() -> tuple[Record, ...]:
    """ISO 3166-3's former countries (``pycountry.historic_countries``)."""
    return _read(_HISTORIC, "historic_countries")


@functools.cache
def _by(field: str) -> dict[str, Record]:
    found: dict[str, Record] = {}
    for record in countries():
        found[getattr(record, field).upper()] = record  # the last, as pycountry's index
    return found


def by_alpha_3(code: str) -> Record | None:
    """The country with alpha-3 ``code`` in any case (``pycountry.countries.get(alpha_3=)``)."""
    return _by("alpha_3").get(code.upper())


def by_alpha_2(code: str) -> Record | None:
    """The country with alpha-2 ``code`` in any case (``pycountry.countries.get(alpha_2=)``)."""
    return _by("alpha_2").get(code.upper())


@functools.cache
def locales_dir() -> str:
    """The folder of pycountry's gettext catalogs (``pycountry.LOCALES_DIR``)."""
    folder = _folder()
    if folder is not None and (folder / "locales").is_dir():
        return str(folder / "locales")
    import pycountry

    return pycountry.LOCALES_DIR
