"""Names as people write them that neither pycountry nor the UN tables give; a test per entry.

Written as people write them (the resolver folds case, accents and punctuation, and reads "&"
as "and" and "St"/"St." as "Saint" on its own). A curated list, never a fuzzy guess: a name
that could mean two countries goes in ``AMBIGUOUS`` and is asked, not chosen.
"""

from __future__ import annotations

# Everyday and former English names.
_EVERYDAY = {
    "Republic of Georgia": "GEO",
    "Russia": "RUS",
    "Republic of Bosnia and Herzegovina": "BIH",
    "Bosnia": "BIH",
    "South Korea": "KOR",
    "Republic of Korea": "KOR",
    "North Korea": "PRK",
    "Iran": "IRN",
    "Vietnam": "VNM",
    "Laos": "LAO",
    "Syria": "SYR",
    "Turkey": "TUR",
    "Republic of Turkey": "TUR",
    "Great Britain": "GBR",
    "Britain": "GBR",
    "America": "USA",
    "United States of America": "USA",
    "US Virgin Islands": "VIR",
    "Ivory Coast": "CIV",
    "Cape Verde": "CPV",
    "Swaziland": "SWZ",
    "Macedonia": "MKD",
    "Czech Republic": "CZE",
    "Holland": "NLD",
    "Burma": "MMR",
    "East Timor": "TLS",
    "Moldova": "MDA",
    "Tanzania": "TZA",
    "Bolivia": "BOL",
    "Venezuela": "VEN",
    "Palestine": "PSE",
    "Palestinian Territories": "PSE",
    "Occupied Palestinian Territory": "PSE",
    "Vatican": "VAT",
    "Vatican City": "VAT",
    "Holy See": "VAT",
    "Brunei": "BRN",
    "Micronesia": "FSM",
    "Macau": "MAC",
    "Congo-Kinshasa": "COD",
    "Congo-Brazzaville": "COG",
}

# The World Bank's (and IMF's) list style: short name first, form abbreviated after a comma.
_WORLD_BANK = {
    "Bahamas, The": "BHS",
    "Congo, Dem. Rep.": "COD",
    "Congo, Rep.": "COG",
    "Egypt, Arab Rep.": "EGY",
    "Gambia, The": "GMB",
    "Hong Kong SAR, China": "HKG",
    "Iran, Islamic Rep.": "IRN",
    "Korea, Dem. People's Rep.": "PRK",
    "Korea, Rep.": "KOR",
    "Kyrgyz Republic": "KGZ",
    "Lao PDR": "LAO",
    "Macao SAR, China": "MAC",
    "Micronesia, Fed. Sts.": "FSM",
    "Slovak Republic": "SVK",
    "Taiwan, China": "TWN",
    "Venezuela, RB": "VEN",
    "Virgin Islands (U.S.)": "VIR",
    "West Bank and Gaza": "PSE",
    "Yemen, Rep.": "YEM",
    "FYR Macedonia": "MKD",
    "Macedonia, FYR": "MKD",
}

# Abbreviations in English and in the UN languages.
_ABBREVIATIONS = {
    "UK": "GBR",
    "U.K.": "GBR",
    "USA": "USA",
    "U.S.A.": "USA",
    "US": "USA",
    "U.S.": "USA",
    "UAE": "ARE",
    "U.A.E.": "ARE",
    "DPRK": "PRK",
    "ROK": "KOR",
    "PRC": "CHN",
    "DRC": "COD",
    "D.R.C.": "COD",
    "RDC": "COD",  # République démocratique du Congo
    "KSA": "SAU",
    "RSA": "ZAF",
    "EEUU": "USA",
    "EE. UU.": "USA",
    "США": "USA",
    "РФ": "RUS",
    "КНР": "CHN",
    "КНДР": "PRK",
    "ОАЭ": "ARE",
    "ЮАР": "ZAF",
    "ҚХР": "CHN",  # Kazakh: People's Republic of China
}

# Inverted and shortened forms from spreadsheets and databases.
_INVERTED_AND_SHORT = {
    "Korea, South": "KOR",
    "Korea, North": "PRK",
    "Congo DR": "COD",
    "DR Congo": "COD",
    "D.R. Congo": "COD",
    "Democratic Republic of Congo": "COD",
    "Congo, Democratic Republic of the": "COD",
    "Republic of Congo": "COG",
    "Congo Republic": "COG",
    "Cote dIvoire": "CIV",
    "Netherlands, The": "NLD",
    "Lao People's Dem. Rep.": "LAO",
}

# Everyday names in the UN languages and Kazakh that pycountry's catalogs lack.
_OTHER_LANGUAGES = {
    "Россия": "RUS",
    "Russie": "RUS",
    "Rusia": "RUS",
    "روسيا": "RUS",
    "Ресей Федерациясы": "RUS",
    "Великобритания": "GBR",
    "Grande-Bretagne": "GBR",
    "Gran Bretaña": "GBR",
    "Молдова": "MDA",
    "Белоруссия": "BLR",
    "كوريا الجنوبية": "KOR",
    "كوريا الشمالية": "PRK",
    "المالديف": "MDV",
    "南韩": "KOR",
    "北韩": "PRK",
}

# Former names the UN and the World Bank used since 1990, still found in old spreadsheets.
_FORMER = {
    "The former Yugoslav Republic of Macedonia": "MKD",  # the UN's name until 2019
    "Libyan Arab Jamahiriya": "LBY",  # until 2011
    "Great Socialist People's Libyan Arab Jamahiriya": "LBY",
    "Zaire": "COD",  # until 1997
    "Western Samoa": "WSM",  # until 1997
    "Byelorussian SSR": "BLR",  # until 1991
    "Byelorussia": "BLR",
    "Bosnia and Herzegowina": "BIH",  # ISO's English spelling until 1998
    "Union of Myanmar": "MMR",  # 1989 to 2010
}

# ISO 3166-3 entries (pycountry.historic_countries, by their four-letter code) that are a
# country's former name, not a part of one or a state that split: their names resolve.
FORMER_ISO: dict[str, str] = {
    "AIDJ": "DJI",  # French Afars and Issas
    "BUMM": "MMR",  # Burma
    "BYAA": "BLR",  # Byelorussian SSR
    "DYBJ": "BEN",  # Dahomey
    "HVBF": "BFA",  # Upper Volta
    "NHVU": "VUT",  # New Hebrides
    "RHZW": "ZWE",  # Southern Rhodesia
    "TPTL": "TLS",  # East Timor
    "ZRCD": "COD",  # Zaire
}

ALIASES: dict[str, str] = {
    **_EVERYDAY,
    **_WORLD_BANK,
    **_ABBREVIATIONS,
    **_INVERTED_AND_SHORT,
    **_OTHER_LANGUAGES,
    **_FORMER,
}

# Names that mean more than one country: never resolved, always asked (with these offered).
AMBIGUOUS: dict[str, tuple[str, ...]] = {
    "Korea": ("KOR", "PRK"),
    "Republic of China": ("CHN", "TWN"),  # Taiwan's own name for itself, China's in part
    "Corée": ("KOR", "PRK"),
    "Corea": ("KOR", "PRK"),
    "Корея": ("KOR", "PRK"),
    "كوريا": ("KOR", "PRK"),
    "Virgin Islands": ("VGB", "VIR"),
    "Îles Vierges": ("VGB", "VIR"),
    "Islas Vírgenes": ("VGB", "VIR"),
}
