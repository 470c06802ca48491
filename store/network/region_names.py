"""UN M49 region and sub-region names in the report's language, through the catalogs.

The M49 table shipped with the countries (``store/countries/data/m49.csv``) names regions in
English only; the reports print them in their own language, as the UN's language versions of
the M49 standard write them, so the translations live in the gettext catalogs (context
"UN M49 region"). A name the catalogs do not know (a future M49 change) prints as the table
writes it.
"""

from __future__ import annotations

import functools

from matchdesk.store.exchange.i18n import Wording, wording


def region_name(label: str, w: Wording) -> str:
    """``label`` ("Western Asia", "unassigned") as the report's language names it."""
    return _names(w.lang).get(label, label)


@functools.cache
def _names(lang: str) -> dict[str, str]:
    w = wording(lang)
    return {
        "unassigned": w.pgettext("region", "unassigned"),
        # TRANSLATORS: the UN M49 regions and sub-regions, as the UN's own language versions
        # of the M49 standard name them (unstats.un.org/unsd/methodology/m49/).
        "Africa": w.pgettext("UN M49 region", "Africa"),
        "Americas": w.pgettext("UN M49 region", "Americas"),
        "Asia": w.pgettext("UN M49 region", "Asia"),
        "Europe": w.pgettext("UN M49 region", "Europe"),
        "Oceania": w.pgettext("UN M49 region", "Oceania"),
        "Northern Africa": w.pgettext("UN M49 region", "Northern Africa"),
        "Sub-Saharan Africa": w.pgettext("UN M49 region", "Sub-Saharan Africa"),
        "Latin America and the Caribbean": w.pgettext(
            "UN M49 region", "Latin America and the Caribbean"
        ),
        "Northern America": w.pgettext("UN M49 region", "Northern America"),
        "Central Asia": w.pgettext("UN M49 region", "Central Asia"),
        "Eastern Asia": w.pgettext("UN M49 region", "Eastern Asia"),
        "South-eastern Asia": w.pgettext("UN M49 region", "South-eastern Asia"),
        "Southern Asia": w.pgettext("UN M49 region", "Southern Asia"),
        "Western Asia": w.pgettext("UN M49 region", "Western Asia"),
        "Eastern Europe": w.pgettext("UN M49 region", "Eastern Europe"),
        "Northern Europe": w.pgettext("UN M49 region", "Northern Europe"),
        "Southern Europe": w.pgettext("UN M49 region", "Southern Europe"),
        "Western Europe": w.pgettext("UN M49 region", "Western Europe"),
        "Australia and New Zealand": w.pgettext("UN M49 region", "Australia and New Zealand"),
        "Melanesia": w.pgettext("UN M49 region", "Melanesia"),
        "Micronesia": w.pgettext("UN M49 region", "Micronesia"),
        "Polynesia": w.pgettext("UN M49 region", "Polynesia"),
    }
