"""Country names: typed or imported text to an ISO 3166 country or a workshop's custom one.

``resolver`` holds the matching rules, ``aliases`` the curated names. Resolution is exact;
prefix and fuzzy matching only ever suggest (README, "Import format").
"""

from matchdesk.store.countries.aliases import ALIASES
from matchdesk.store.countries.resolver import (
    CountryResolver,
    custom_code,
    iso_country,
    make_custom,
    normalise,
)

__all__ = ["ALIASES", "CountryResolver", "custom_code", "iso_country", "make_custom", "normalise"]
