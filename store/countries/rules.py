"""Names resolved by rule, as statistical tables and UN documents write them.

The exact index (``index``) knows the names; these rules read the forms around a name:
abbreviations ("Rep.", "Dem.", "Fed. Sts.", "Is.", "P.D.R."), a designation before or after it
("Commonwealth of Australia", "Korea, Dem. Rep."), a parenthetical qualifier ("Slovakia
(Slovak Republic)") and "and"/"&"/"-" between its parts ("Bosnia Herzegovina"). A rule applies
only when what is left means exactly one country: a name that still means two is asked, and
a region, a city or a part of a country ("Mexico City", "Georgia (US state)", "Papua") means
none, because what is left of it is no country's name.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Iterator, Mapping

from msgspec import Struct

from matchdesk.store.countries.folding import normalise

# Abbreviations of statistical tables, on normalised words ("Rep." -> "rep").
ABBREVIATIONS: dict[str, tuple[str, ...]] = {
    "rep": ("republic",),
    "repub": ("republic",),
    "dem": ("democratic",),
    "fed": ("federal", "federated", "federation"),
    "sts": ("states",),
    "is": ("islands", "island"),
    "isl": ("islands", "island"),
    "isds": ("islands",),
    "terr": ("territory", "territories"),
    "utd": ("united",),
    "pdr": ("people s democratic republic",),
    "dpr": ("democratic people s republic",),
    "fs": ("federated states",),
}
# Initials written with dots or spaces ("P.D.R." folds to "p d r").
_INITIALS = {" p d r ": " pdr ", " d p r ": " dpr ", " f s ": " fs "}

# Words of a state's form that may be added or left out without changing the country meant.
GENERIC = frozenset(
    {"republic", "kingdom", "state", "commonwealth", "principality", "sultanate", "oriental"}
    | {"country"}
)
# Words of a state's form that tell two states apart ("Democratic" Korea, "Socialist" Romania):
# a name may carry one only if one of the country's own names does.
DISTINCTIVE = frozenset(
    {"democratic", "people", "s", "socialist", "islamic", "arab", "federal", "federative"}
    | {"federated", "federation", "plurinational", "bolivarian", "united", "union", "states"}
    | {"independent", "hashemite", "cooperative", "grand", "duchy"}
)
# "the", and the articles a list puts after a French or Spanish name ("Tuvalu (les)").
CONNECTORS = frozenset({"of", "the", "and", "la", "le", "les", "l", "el", "los", "las"})
_TRAILING_ISLANDS = (" islands", " island")

# Names the rules would read as a country that are a part of one (checked by a test).
NOT_COUNTRIES = frozenset({normalise(name) for name in ("State of Mexico", "Estado de México")})

_PARENTHETICAL = re.compile(r"^(?P<name>[^()]+?)\s*\((?P<qualifier>[^()]+)\)\s*$")
_COMMA = re.compile(r"\s*[,،]\s*")


class Form(Struct, frozen=True):
    """A name split into what identifies the country (``core``) and its form words."""

    core: str  # the identifying words run together: "bosniaherzegovina"
    designations: frozenset[str]  # the distinctive form words it carries


def split(key: str) -> Form:
    """The core and distinctive designations of a normalised name."""
    core: list[str] = []
    marks: set[str] = set()
    for word in key.split():
        if word in DISTINCTIVE:
            marks.add(word)
        elif word not in GENERIC and word not in CONNECTORS:
            core.append(word)
    return Form("".join(core), frozenset(marks))


def core_index(
    entries: Iterable[tuple[str, str]],
) -> dict[str, tuple[tuple[str, frozenset[str]], ...]]:
    """core -> (code, designations) for every (normalised name, code): what a rule matches."""
    index: dict[str, dict[tuple[str, frozenset[str]], None]] = {}
    for key, code in entries:
        form = split(key)
        if form.core:
            index.setdefault(form.core, {})[(code, form.designations)] = None
    return {core: tuple(found) for core, found in index.items()}


def expansions(key: str) -> list[str]:
    """*key* with its abbreviations written out, every reading ("fed" is federal or federated)."""
    padded = f" {key} "
    for initials, word in _INITIALS.items():
        padded = padded.replace(initials, word)
    words = padded.split()
    if not any(word in ABBREVIATIONS for word in words):
        return [key]
    options = [ABBREVIATIONS.get(word, (word,)) for word in words]
    readings = (" ".join(choice) for choice in itertools.product(*options))
    return list(dict.fromkeys(itertools.islice(readings, 32)))


def forms(text: str) -> Iterator[str]:
    """The orders a name may be read in: as written, and a list's inverted form turned round
    ("Korea, Dem. Rep." -> "Dem. Rep. Korea", "Dem. Rep. of Korea")."""
    yield text
    parts = _COMMA.split(text.strip(), maxsplit=1)
    if len(parts) == 2 and parts[0] and parts[1]:
        short, form = parts
        yield f"{form} {short}"
        yield f"{form} of {short}"


def parenthetical(text: str) -> tuple[str, str] | None:
    """("Slovakia", "Slovak Republic") for "Slovakia (Slovak Republic)", else None."""
    match = _PARENTHETICAL.match(text.strip())
    return (match["name"], match["qualifier"]) if match else None


def only_designations(text: str) -> bool:
    """Whether *text* is nothing but a state's form ("Democratic People's Republic of")."""
    key = normalise(text)
    return bool(key) and all(not split(reading).core for reading in expansions(key))


def trailing_islands(key: str) -> str | None:
    """ "fiji islands" -> "fiji": the name without a trailing "islands", else None."""
    for suffix in _TRAILING_ISLANDS:
        if key.endswith(suffix) and len(key) > len(suffix):
            return key[: -len(suffix)]
    return None


Cores = Mapping[str, tuple[tuple[str, frozenset[str]], ...]]


class Names(Struct, frozen=True):
    """What the rules look names up in (the exact index's parts), codes only."""

    by_key: Mapping[str, str]  # a normalised name that means one country -> its code
    ambiguous: Mapping[str, tuple[str, ...]]  # a name that means several -> their codes
    cores: Cores  # ``core_index`` of the names in English


def meanings(text: str, names: Names) -> tuple[str, ...]:
    """The countries *text* means by rule: one code (resolved), several (to be asked), or
    none. Exact names are the caller's first step; this is only tried after it."""
    if normalise(text) in NOT_COUNTRIES:
        return ()
    split_name = parenthetical(text)
    if split_name is not None:
        return _qualified(*split_name, names)
    exact: dict[str, None] = {}
    by_core: dict[str, None] = {}
    for form in forms(text):
        key = normalise(form)
        if not key or key in NOT_COUNTRIES:
            continue
        readings = expansions(key)
        islands = trailing_islands(key)
        for reading in [*readings, *([islands] if islands else [])]:
            code = names.by_key.get(reading)
            if code is not None:
                exact[code] = None
            for code in names.ambiguous.get(reading, ()):
                exact[code] = None
        if exact:
            continue
        for reading in readings:
            for code in _by_core(split(reading), names.cores):
                by_core[code] = None
    return tuple(exact or by_core)


def _by_core(form: Form, cores: Cores) -> Iterator[str]:
    """The countries with a name of this core whose form words include the name's."""
    if not form.core:
        return
    for code, designations in cores.get(form.core, ()):
        if form.designations <= designations:
            yield code


def _qualified(name: str, qualifier: str, names: Names) -> tuple[str, ...]:
    """ "Korea (Democratic People's Republic of)" reads as one name; "Slovakia (Slovak
    Republic)" means Slovakia because both halves do; "Georgia (US state)" means nothing."""
    if only_designations(qualifier):
        return meanings(f"{qualifier} {name}", names) or meanings(f"{qualifier} of {name}", names)
    first = _exactly(name, names) or meanings(name, names)
    second = _exactly(qualifier, names) or meanings(qualifier, names)
    return first if len(first) == 1 and first == second else ()


def _exactly(text: str, names: Names) -> tuple[str, ...]:
    key = normalise(text)
    code = names.by_key.get(key)
    return (code,) if code is not None else tuple(names.ambiguous.get(key, ()))
