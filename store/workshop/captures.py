"""Capturing interests: what a facilitator typed, validated and committed through the ledger
(at most one live interest per presentation and country)."""

from __future__ import annotations

from collections.abc import Sequence

from matchdesk.store.clock import now_iso
from matchdesk.store.errors import DuplicateInterest, NotFound
from matchdesk.store.file.schema import INTERESTS
from matchdesk.store.models import (
    Change,
    Channel,
    Country,
    Doc,
    Interest,
    Presentation,
    RecordResult,
)
from matchdesk.store.validation import clean_field
from matchdesk.store.workshop.ledger import Ledger


class Captures:
    """Interests, validated and written through ``ledger``."""

    def __init__(self, ledger: Ledger) -> None:
        self.ledger = ledger
        self.values = ledger.values

    def presentation(self, uid: str) -> Presentation:
        return self.values.presentation(uid)

    def country(self, code: str) -> Country:
        return self.ledger.names.country(code)

    def parse_typed(self, names: str | Sequence[str | Country]) -> tuple[list[Country], list[str]]:
        return self.ledger.names.parse_typed(names)

    def has_interest(self, presentation_uid: str, country: Country) -> bool:
        key = (self.ledger.index.canonical(presentation_uid), country.code)
        return key in self.ledger.index.live_interest

    def _interest_doc(
        self,
        presentation_uid: str,
        country: Country,
        channel: Channel | str,
        note: str,
        captured_at: str = "",
    ) -> Doc:
        stamp = captured_at or now_iso()
        doc = self.ledger.new_record(
            presentation=presentation_uid,
            country=country.code,
            channel=Channel(channel).value,
            note=clean_field(note, "note", multiline=True),
        )
        doc["captured_at"] = stamp
        return doc

    def record_interest(
        self,
        presentation_uid: str,
        country: str | Country,
        channel: Channel | str = Channel.UNSPECIFIED,
        note: str = "",
    ) -> Interest:
        """Record one interest; returns once it is on disk. Raises on a duplicate."""
        presentation = self.presentation(presentation_uid)
        found = self.ledger.names.require(country)
        if self.has_interest(presentation_uid, found):
            raise DuplicateInterest(
                f"{found.name} already expressed interest in {presentation.title!r}."
            )
        doc = self._interest_doc(presentation_uid, found, channel, note)
        self.ledger.commit(f"record {found.name}", [(INTERESTS, doc)])
        return self.values.interest_from(doc)

    def record_interests(
        self,
        presentation_uid: str,
        names: str | Sequence[str | Country],
        channel: Channel | str = Channel.UNSPECIFIED,
        note: str = "",
        captured_at: str = "",
    ) -> RecordResult:
        """Record what a facilitator typed ("kaz, tha, phl") in one step.

        Known countries are saved together; duplicates and unknown names are reported, not saved.
        ``captured_at`` keeps the time of typing for entries written later (after a disk error).
        """
        presentation = self.presentation(presentation_uid)
        countries, unknown = self.parse_typed(names)
        recorded: list[Doc] = []
        duplicates: list[Country] = []
        seen: set[str] = set()
        for found in countries:
            if found.code in seen or self.has_interest(presentation.uid, found):
                duplicates.append(found)
                continue
            seen.add(found.code)
            recorded.append(self._interest_doc(presentation.uid, found, channel, note, captured_at))
        if recorded:
            names_label = ", ".join(self.country(d["country"]).name for d in recorded)
            self.ledger.commit(f"record {names_label}", [(INTERESTS, d) for d in recorded])
        return RecordResult(
            recorded=tuple(self.values.interest_from(d) for d in recorded),
            duplicates=tuple(duplicates),
            unknown=tuple(unknown),
        )

    def update_interest(
        self, uid: str, *, channel: Channel | str | None = None, note: str | None = None
    ) -> Interest:
        doc = self.ledger.record(INTERESTS, uid)
        if doc is None or doc.get("deleted"):
            raise NotFound("That interest no longer exists.")
        if channel is not None:
            doc["channel"] = Channel(channel).value
        if note is not None:
            doc["note"] = clean_field(note, "note", multiline=True)
        doc.update(updated_at=now_iso(), device=self.ledger.device)
        self.ledger.commit("edit interest", [(INTERESTS, doc)])
        return self.values.interest_from(doc)

    def withdraw_interest(self, uid: str) -> Change:
        """Withdraw an interest: tombstone every live capture of it this file holds (a capture
        made on a laptop whose file this one has not seen stays live when the files merge)."""
        index = self.ledger.index
        doc = index.doc(INTERESTS, uid)
        if doc is None or doc.get("deleted"):
            raise NotFound("That interest no longer exists.")
        stamp = now_iso()
        writes = [
            (INTERESTS, {**(self.ledger.record(INTERESTS, capture) or {}), "deleted": True})
            for capture in index.live_interest[index.interest_key(doc)]
        ]
        for _, write in writes:
            write.update(updated_at=stamp, device=self.ledger.device)
        return self.ledger.commit(f"withdraw {self.country(doc['country']).name}", writes)
