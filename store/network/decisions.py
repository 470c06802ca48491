"""A person's decisions, checked against the view and written to the network file.

``matchdesk network --link A B`` and the screen's keys come here: two presentations are
linked as one practice (or kept apart) only when a person says so, and only when that makes
sense (two workshops, one presenting country); a custom country gets an M49 sub-region.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from matchdesk.store.countries.folding import normalise
from matchdesk.store.errors import InvalidValue, NotFound
from matchdesk.store.models import Country
from matchdesk.store.network.practices import PracticeRef, short_id
from matchdesk.store.network.records import DIFFERENT, SAME, NetworkFile
from matchdesk.store.network.regions import find_sub_region
from matchdesk.store.network.rollup import NetworkView

MIN_ID = 4  # the shortest uid beginning accepted as a presentation's id


def find_presentation(view: NetworkView, text: str) -> PracticeRef:
    """The presentation whose uid begins with ``text`` (its id as the view prints it)."""
    wanted = text.strip().lower()
    if len(wanted) < MIN_ID:
        raise InvalidValue(f"{text!r} is too short to name a presentation; give its id.")
    found = [ref for ref in view.refs if ref.uid.lower().startswith(wanted)]
    if not found:
        raise NotFound(f"No presentation has the id {text!r} in these workshops.")
    if len(found) > 1:
        raise InvalidValue(f"{text!r} names {len(found)} presentations; give more of its id.")
    return found[0]


def _about(view: NetworkView, refs: Sequence[PracticeRef]) -> dict[str, Any]:
    return {
        "titles": [ref.title for ref in refs],
        "workshops": [view.workshops[ref.workshop].title for ref in refs],
        "country": refs[0].country,
    }


def decide(view: NetworkView, folder: Path, a: str, b: str, *, same: bool) -> str:
    """Record that presentations ``a`` and ``b`` are one practice (``same``) or two; returns
    the sentence to show."""
    first, second = find_presentation(view, a), find_presentation(view, b)
    if first.uid == second.uid:
        raise InvalidValue("Give two different presentations.")
    if same and first.workshop == second.workshop:
        raise InvalidValue(
            "Both were presented at the same workshop; a practice is linked across workshops."
        )
    if same and first.country != second.country:
        raise InvalidValue("They are presented by different countries; a practice has one.")
    with NetworkFile(folder, seen=view.newest_decision) as records:
        records.decide(
            first.uid, second.uid, SAME if same else DIFFERENT, _about(view, [first, second])
        )
    verb = "linked as one practice" if same else "kept as different practices"
    return (
        f"“{first.title}” ({short_id(first.uid)}) and “{second.title}” ({short_id(second.uid)}) "
        f"{verb}; recorded in {records.path}."
    )


def find_country(view: NetworkView, text: str) -> Country:
    """A country of the view by code or name (case, accents, punctuation ignored)."""
    wanted, key = text.strip().upper(), normalise(text)
    for row in view.countries:
        if row.country.code == wanted or normalise(row.country.name) == key:
            return row.country
    raise NotFound(f"No country named {text!r} takes part in these workshops.")


def set_region(view: NetworkView, folder: Path, country_text: str, sub_region_text: str) -> str:
    """Place a custom country in an M49 sub-region; returns the sentence to show."""
    country = find_country(view, country_text)
    if not country.custom:
        raise InvalidValue(
            f"{country.name} is an ISO country; its region comes from the UN M49 table."
        )
    region, sub_region = find_sub_region(sub_region_text)
    with NetworkFile(folder, seen=view.newest_decision) as records:
        records.set_region(country.code, country.name, region, sub_region)
    return f"{country.name} is now counted in {sub_region} ({region}); recorded in {records.path}."
