"""Custom countries: regions and bodies that are not ISO countries, and their stable codes."""

from __future__ import annotations

import re

from matchdesk.store.countries.blanks import is_blank
from matchdesk.store.countries.folding import normalise
from matchdesk.store.errors import InvalidValue
from matchdesk.store.models import Country

_NOT_ASCII_ALNUM = re.compile(r"[^a-z0-9]")
# Latin letters NFKD does not decompose, so custom codes keep them readable ("Łódź" -> LODZ).
_TRANSLIT = str.maketrans(
    {"ł": "l", "ø": "o", "đ": "d", "ð": "d", "þ": "th", "æ": "ae", "œ": "oe", "ı": "i", "ħ": "h"}
)
_CODE_MAX = 40
_HASH_LEN = 6


def _digest(text: str) -> str:
    import hashlib  # OpenSSL's, 3 ms: only when a custom country is made

    return hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest().upper()


def custom_code(name: str) -> str:
    """A stable code for a custom country, readable in exports and never an ISO code.

    "X-" plus an ASCII slug of the normalised name ("X-CARPATHIAN-UKRAINE"). A hash is added
    when the slug would lose information (non-Latin letters, over-long names) so distinct
    names keep distinct codes; names with no Latin letters at all get "X-" + 10 hex digits.
    """
    key = normalise(name)
    digest = _digest(key or name.strip())
    words = key.translate(_TRANSLIT).split()
    ascii_words = [_NOT_ASCII_ALNUM.sub("", word) for word in words]
    slug = "-".join(word for word in ascii_words if word).upper()
    if not slug:
        return "X-" + digest[:10]
    code = "X-" + slug
    lossy = "".join(ascii_words) != "".join(words)
    if lossy or len(code) > _CODE_MAX:
        room = _CODE_MAX - len("X-") - 1 - _HASH_LEN
        code = "X-" + slug[:room].rstrip("-") + "-" + digest[:_HASH_LEN]
    return code


def make_custom(name: str) -> Country:
    """A custom country for *name* (stripped).

    Blank names are refused (a report can't show one), and so are the spreadsheet blanks ("NA",
    "-"): an import reads those as "no country", so a country of that name could not come back.
    """
    name = name.strip()
    if not name:
        raise InvalidValue("A custom country needs a name.")
    if is_blank(name):
        raise InvalidValue(f"{name!r} means no country in a spreadsheet; give the country a name.")
    return Country(code=custom_code(name), name=name, official_name=name, custom=True)
