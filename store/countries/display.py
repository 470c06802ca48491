"""Curated names to print where pycountry inverts or mangles one, checked by a test per entry.

Reports and the app print a country's everyday short name. pycountry's English names are that,
except for a few written in a list's sort order ("Congo, The Democratic Republic of the"); its
translations are mostly right, and where one is missing or inverted ``languages.display_name``
takes the UN's short name in that language. The entries here are the rest: names neither
source gives in a form a reader expects.
"""

from __future__ import annotations

# alpha-3 -> language -> the name to print. English entries also pin names that pycountry
# releases have changed over time, so every supported pycountry prints the same.
DISPLAY: dict[str, dict[str, str]] = {
    "BES": {"es": "Bonaire, San Eustaquio y Saba"},
    "BOL": {"en": "Bolivia", "es": "Bolivia", "zh": "玻利维亚"},
    "CIV": {"es": "Costa de Marfil"},
    "COD": {"en": "Democratic Republic of the Congo"},
    "FSM": {
        "en": "Micronesia",
        "fr": "Micronésie",
        "es": "Micronesia",
        "ru": "Микронезия",
        "ar": "ميكرونيزيا",
    },
    "HKG": {"fr": "Hong Kong", "es": "Hong Kong"},
    "HUN": {"ar": "هنغاريا"},
    "IRN": {"en": "Iran", "fr": "Iran", "ar": "إيران"},
    "KOR": {"en": "South Korea"},
    "LAO": {"en": "Laos", "fr": "Laos", "es": "Laos"},
    "MAC": {"es": "Macao"},
    "MDA": {"en": "Moldova"},
    "PRK": {"en": "North Korea"},
    "PSE": {"en": "Palestine"},
    "SYR": {"en": "Syria"},
    "TWN": {"en": "Taiwan"},
    "TZA": {"en": "Tanzania", "es": "Tanzania"},
    "USA": {"ru": "Соединённые Штаты"},
    "VAT": {"en": "Holy See", "fr": "Saint-Siège", "es": "Santa Sede", "ar": "الكرسي الرسولي"},
    "VEN": {"en": "Venezuela", "es": "Venezuela"},
    "VGB": {"en": "British Virgin Islands"},
    "VIR": {"en": "United States Virgin Islands"},
    "VNM": {"en": "Vietnam"},
}

# (language, alpha-3, pycountry's English name) whose pycountry translation names another
# country: Arabic "Moldova" is given as the Maldives, Kazakh Nepal's official name as the
# Central African Republic. They are neither matched nor printed.
WRONG_TRANSLATIONS: frozenset[tuple[str, str, str]] = frozenset(
    {
        ("ar", "MDA", "Moldova"),
        ("kk", "NPL", "Federal Democratic Republic of Nepal"),
    }
)
