"""Country names: typed or imported text to an ISO 3166 country or a workshop's custom one.

``resolver`` holds the matching rules; ``aliases`` the curated names people write;
``languages`` and ``display`` the names printed in the UN's six languages; ``m49`` the UN M49
regions and UN names (a table generated into ``data/``); ``blanks`` the cells that mean "no
country". Resolution is exact; prefix and fuzzy matching only ever suggest (docs/app.md,
"Country names").
"""

from matchdesk.store.countries.aliases import ALIASES, AMBIGUOUS
from matchdesk.store.countries.blanks import is_blank
from matchdesk.store.countries.languages import LANGUAGES, country_name, display_name
from matchdesk.store.countries.m49 import UNASSIGNED, Region, region_for, region_of
from matchdesk.store.countries.resolver import (
    CountryResolver,
    custom_code,
    iso_country,
    make_custom,
    normalise,
)

__all__ = [
    "ALIASES",
    "AMBIGUOUS",
    "LANGUAGES",
    "UNASSIGNED",
    "CountryResolver",
    "Region",
    "country_name",
    "custom_code",
    "display_name",
    "is_blank",
    "iso_country",
    "make_custom",
    "normalise",
    "region_for",
    "region_of",
]
