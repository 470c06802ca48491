"""How names fold to the keys all country matching uses ("Côte d’Ivoire" -> "cote d ivoire")."""

from __future__ import annotations

import re
import unicodedata

_PREFIXES = ("the ", "government of ")
_NOT_ALNUM_RUN = re.compile(r"[^a-z0-9]+")


def normalise(name: str) -> str:
    """Fold *name* to the key all matching uses, so spelling noise never blocks a match.

    Case, accents, punctuation, symbols and extra spaces are ignored ("&" reads as "and"), and
    so are a leading "the" and "government of (the)", which printed delegation lists carry.
    """
    name = name.replace("&", " and ")
    if name.isascii():  # fast path: for ASCII, casefold is lower and NFKD changes nothing
        text = " ".join(_NOT_ALNUM_RUN.sub(" ", name.lower()).split())
    else:
        text = _fold(name)
    while True:
        for prefix in _PREFIXES:
            if text.startswith(prefix):
                text = text[len(prefix) :]
                break
        else:
            return text


def _fold(text: str) -> str:
    """Casefold, strip accents and blank out non-alphanumerics until stable (idempotence)."""
    for _ in range(4):  # one pass almost always suffices; NFKD can expose uppercase letters
        chars: list[str] = []
        for ch in unicodedata.normalize("NFKD", text.casefold()):
            category = unicodedata.category(ch)
            if category in ("Mn", "Me"):  # accents and other non-spacing marks
                continue
            chars.append(ch if category[0] in "LNM" else " ")
        folded = " ".join("".join(chars).split())
        if folded == text:
            break
        text = folded
    return text
