"""What spreadsheets put in a cell that has no country: "NA", "N/A", "none", "-", "?", "TBD".

An import reads such a cell as empty, so "NA" never becomes Namibia (a sheet writes Namibia
"Namibia" or "NAM"). Only whole cells count: "Nauru" or "Namibia" is a country.
"""

from __future__ import annotations

import unicodedata

from matchdesk.store.countries.folding import normalise

# Normalised (see ``normalise``): "N/A", "n.a." and "N. A." are all "n a".
BLANKS: frozenset[str] = frozenset(
    {
        "na",  # NA, N.A. without the dots
        "n a",  # N/A, n/a, N.A.
        "nan",  # what pandas writes for an empty cell
        "none",
        "nil",
        "null",
        "tbd",
        "tba",
        "tbc",
        "unknown",
        "not applicable",
        "not available",
        "aucun",  # French
        "aucune",
        "neant",  # néant
        "ninguno",  # Spanish
        "ninguna",
        "нет",  # Russian
    }
)


_INVISIBLE = frozenset("\u200b\u200c\u200d\u2060\ufeff")  # zero-width spaces and joiners


def is_blank(text: str) -> bool:
    """Whether a country cell holds no country: empty, only punctuation ("-", "--", "?", "…",
    "—"), or one of ``BLANKS``. Symbols are not blank: a flag emoji may well mean a country."""
    if all(ch.isspace() or unicodedata.category(ch)[0] in "PZ" or ch in _INVISIBLE for ch in text):
        return True
    return normalise(text) in BLANKS
