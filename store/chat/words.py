"""A message's words as country and title matching fold them, one cached fold per word (a
chat repeats its words; folding non-ASCII text is the costly part of reading 10,000
messages)."""

from __future__ import annotations

import functools

from matchdesk.store.countries import normalise


@functools.lru_cache(maxsize=65_536)
def _fold(token: str) -> tuple[str, ...]:
    return tuple(normalise(token).split())


def words(text: str) -> tuple[str, ...]:
    """``normalise(text).split()``, word by word (a leading "the" is kept, which no name
    lookup minds: names are looked for from every word)."""
    return tuple(word for token in text.split() for word in _fold(token))
