"""Follow-up records carried by a matchdesk JSON export, adopted by the importing workshop.

The import maps each presentation of the export onto this workshop's (same title and presenting
country, or the very record) and each country code onto this workshop's country; a follow-up
record follows its possibility there, keeping its uid, so importing the same export twice (or
after a merge) adds nothing: it is the merge's union by uid.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from matchdesk.store.clock import is_stamp, sound_clock
from matchdesk.store.errors import ImportFailed, MatchdeskError
from matchdesk.store.file.schema import FOLLOWUP
from matchdesk.store.followup.records import FIELDS, KINDS, fields_for
from matchdesk.store.followup.union import union
from matchdesk.store.models import Doc
from matchdesk.store.workshop import Workshop

_IDENTITY = ("uid", "created_at", "updated_at", "device")


def adopt(
    where: str,
    records: Iterable[Any],
    presentations: Mapping[str, str],
    country: Callable[[str], str],
) -> list[Doc]:
    """``records`` (an export's ``followup`` list) checked and pointed at this workshop's
    possibilities; ``writes`` then keeps what the workshop lacks.

    ``presentations`` maps the export's presentation uids to this workshop's; ``country`` maps
    an export's country code to this workshop's. Records of presentations that were not
    imported (removed ones) stay behind. Raises ``ImportFailed`` on a damaged record.
    """
    adopted: list[Doc] = []
    for n, raw in enumerate(records, start=1):
        try:
            doc = _checked(raw)
            target = presentations.get(doc["presentation"])
            if target is None:
                continue
            doc.update(presentation=target, country=country(doc["country"]))
        except (KeyError, TypeError, ValueError, MatchdeskError) as exc:
            raise ImportFailed(f"{where}, follow-up record {n} is damaged ({exc}).") from None
        adopted.append(doc)
    return adopted


def writes(workshop: Workshop, adopted: Iterable[Doc]) -> list[tuple[str, Doc]]:
    """The writes that bring the adopted records of every source into ``workshop``, each uid
    once (two exports of one workshop carry the same records)."""
    return [(FOLLOWUP, doc) for doc in union(workshop.ledger.peek(FOLLOWUP), adopted)]


def _checked(raw: Any) -> Doc:
    """A record rebuilt from known fields only, each checked as if typed."""
    if not isinstance(raw, dict):
        raise TypeError("not an object")
    kind = raw["kind"]
    if kind not in KINDS:
        raise ValueError(f"unknown kind {kind!r}")
    doc: Doc = {name: str(raw[name]) for name in _IDENTITY}
    if not raw.get("presentation") or not raw.get("country"):
        raise ValueError("no possibility named")
    doc.update(
        presentation=str(raw["presentation"]),
        country=str(raw["country"]),
        kind=kind,
        deleted=bool(raw.get("deleted", False)),
        **fields_for(kind, {f: raw.get(f, "") for f in FIELDS[kind]}),
    )
    if "replaces" in raw:
        doc["replaces"] = [str(uid) for uid in raw["replaces"]]
    if is_stamp(raw.get("hlc")):  # the clock stamps travel, so a later merge still orders them
        doc["hlc"] = raw["hlc"]
    if sound_clock(raw.get("clock")):
        doc["clock"] = copy.deepcopy(raw["clock"])
    return doc
