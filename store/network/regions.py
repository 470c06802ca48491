"""Countries placed in UN M49 regions for the network's matrices.

ISO countries take their place from the shipped M49 table; a custom country is "unassigned"
until a person places it in a sub-region (a record in the network file, see ``records``).
"""

from __future__ import annotations

import functools

from matchdesk.store.countries import iso
from matchdesk.store.countries.folding import normalise
from matchdesk.store.countries.m49 import UNASSIGNED, Region, region_for, region_of
from matchdesk.store.errors import InvalidValue
from matchdesk.store.models import Country
from matchdesk.store.network.records import RegionSetting


@functools.cache
def sub_regions() -> dict[str, str]:
    """Every M49 sub-region and its region ("Central Asia" -> "Asia")."""
    found: dict[str, str] = {}
    for record in iso.countries():  # pycountry's, read without its import
        place = region_of(record.alpha_3)
        if place is not None and place.sub_region:
            found[place.sub_region] = place.region
    return dict(sorted(found.items()))


def find_sub_region(text: str) -> tuple[str, str]:
    """(region, sub-region) for a typed sub-region name, case and punctuation ignored."""
    wanted = normalise(text)
    for sub, region in sub_regions().items():
        if normalise(sub) == wanted:
            return region, sub
    raise InvalidValue(
        f"{text!r} is not a UN M49 sub-region; choose one of: {', '.join(sub_regions())}."
    )


class Places:
    """Where each country stands; custom countries as a person placed them."""

    def __init__(self, settings: dict[str, RegionSetting]) -> None:
        self._settings = settings
        self._cache: dict[str, Region] = {}

    def __call__(self, country: Country) -> Region:
        found = self._cache.get(country.code)
        if found is None:
            found = self._cache[country.code] = self._place(country)
        return found

    def _place(self, country: Country) -> Region:
        setting = self._settings.get(country.code)
        if country.custom and setting is not None and setting.sub_region in sub_regions():
            return Region(m49="", region=setting.region, sub_region=setting.sub_region)
        place = region_for(country)
        return place if place.region else UNASSIGNED  # M49 places Antarctica nowhere
