"""The capture input's preview: the one country a typed beginning stands for in this workshop.

The preview (the input's grey completion and the "→ Country" line) is exactly what Enter
records, so it has one source: ``complete``. A facilitator keeping up with a room types the
first letter or two of a country's everyday name; the country meant is almost always one the
workshop already knows. Candidates are the countries whose everyday name begins with the text,
plus the country whose ISO code it is, ranked:

1. countries already interested in this workshop, most interest first (then by name);
2. this workshop's presenting countries and its registered custom countries (by name);
3. the country whose ISO code was typed exactly ("th", "tha");
4. the rest, by everyday name: only when exactly one begins so ("ph"; 2 characters at least).

Everyday names are the names a list shows, in English and in the workshop's language (a French
workshop completes "allem" to Allemagne and "germ" to it too); the countries previewed are the
resolver's, so they carry the name in the workshop's language. A name typed in full wins
outright ("niger" is Niger even when Nigeria is interested). A name that means several countries,
in one language or across two ("korea", "Corée"), previews nothing, whatever the workshop's
counts. When no everyday name begins with the text, another name of exactly one country may stand
for it (an official name or an alias, 3 characters at least). Anything else is ambiguous ("t" in
a fresh workshop, "mal"): nothing is previewed and Enter asks. Custom countries come only from
the workshop's resolver: the preview never invents one.
"""

from __future__ import annotations

import functools
from collections.abc import Container, Mapping
from dataclasses import dataclass

from matchdesk.store.countries.index import countries_in
from matchdesk.store.countries.languages import DEFAULT_LANGUAGE
from matchdesk.store.countries.resolver import CountryResolver, iso_country, normalise
from matchdesk.store.models import Country

# The capture input splits on these (as ``Workshop.parse_typed`` does).
SEPARATORS = ",;\n"


@dataclass(frozen=True)
class Completion:
    """The country a typed part stands for, and how the input completes the typed text."""

    country: Country
    # What the input shows after the typed text (grey): the rest of a name it begins,
    # or " → Name" when the text is a code or another name.
    rest: str


@dataclass(frozen=True)
class PreviewPart:
    """One comma-separated part as typed, and its completion (None: nothing to record)."""

    typed: str
    completion: Completion | None


@functools.cache
def _everyday_names(lang: str) -> tuple[tuple[str, str], ...]:
    """(normalised everyday name, alpha-3) of every ISO country, in English and in ``lang``."""
    names = {
        (normalise(country.name), code)
        for language in dict.fromkeys((DEFAULT_LANGUAGE, lang))
        for code, country in countries_in(language).items()
    }
    return tuple(sorted(names))


def _rest(typed: str, country: Country) -> str:
    """The grey text after ``typed``: the rest of the name it begins, in the name's own case."""
    folded = typed.casefold()
    for name in (country.name, country.official_name):
        if name.casefold().startswith(folded) and len(name) > len(typed):
            return name[len(typed) :]
    return "" if normalise(typed) == normalise(country.name) else f" → {country.name}"


def _code(resolver: CountryResolver, text: str) -> Country | None:
    """The ISO country whose code ``text`` is, named as the resolver names it."""
    if len(text) in (2, 3) and text.isascii() and text.isalpha() and iso_country(text):
        return resolver.by_code(text)
    return None


def complete(
    resolver: CountryResolver,
    text: str,
    interest: Mapping[str, int],
    presenting: Container[str],
) -> Completion | None:
    """The country ``text`` previews, given this workshop's ``interest`` per country code and
    its ``presenting`` codes; None when nothing (or nothing unambiguous) matches."""
    typed = text.strip()
    key = normalise(typed)
    if not key:
        return None
    code = _code(resolver, typed)
    exact = resolver.resolve(typed)
    if exact is not None and code is None:
        return Completion(exact, _rest(typed, exact))
    if exact is None and resolver.ambiguous(typed):
        return None  # "Corée": North or South, asked even when one of them is counted here
    candidates: dict[str, Country] = {}
    for name, alpha_3 in _everyday_names(resolver.lang):
        if name.startswith(key) and (country := resolver.by_code(alpha_3)) is not None:
            candidates[alpha_3] = country
    for custom in resolver.custom():
        if normalise(custom.name).startswith(key):
            candidates[custom.code] = custom
    if code is not None:
        candidates[code.code] = code

    def rank(country: Country) -> tuple[int, int, str]:
        count = interest.get(country.code, 0)
        if count:
            return (0, -count, normalise(country.name))
        if country.code in presenting or country.custom:
            return (1, 0, normalise(country.name))
        is_code = code is not None and country.code == code.code
        return (2 if is_code else 3, 0, normalise(country.name))

    ranked = sorted(candidates.values(), key=rank)
    if ranked and (rank(ranked[0])[0] < 3 or (len(ranked) == 1 and len(key) >= 2)):
        return Completion(ranked[0], _rest(typed, ranked[0]))
    if len(ranked) > 1:
        return None  # several everyday names begin so: asked, never picked
    other = resolver.resolve_typed(typed)  # a unique beginning of another name, 3+ characters
    return None if other is None else Completion(other, _rest(typed, other))


def preview(
    resolver: CountryResolver,
    text: str,
    interest: Mapping[str, int],
    presenting: Container[str],
) -> tuple[PreviewPart, ...]:
    """Each typed part and what it previews ("kaz, tha, ph"); a whole text that names one
    country exactly ("Korea, Republic of") is one part."""
    parts = split_parts(text)
    if len(parts) > 1 and (whole := resolver.resolve(text.strip())) is not None:
        return (PreviewPart(text.strip(), Completion(whole, "")),)
    return tuple(
        PreviewPart(part, complete(resolver, part, interest, presenting)) for part in parts
    )


def split_parts(text: str) -> list[str]:
    """The comma-separated parts of what was typed, stripped, empty ones left out."""
    for separator in SEPARATORS[1:]:
        text = text.replace(separator, SEPARATORS[0])
    return [part.strip() for part in text.split(SEPARATORS[0]) if part.strip()]
