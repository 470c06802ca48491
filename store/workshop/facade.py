"""The ``Workshop`` facade: what the UI talks to. Its parts (``opening``, ``inspection``,
``values``, ``names``, ``ledger``, ``index``) hold the rest; here are the edits a facilitator
makes: the workshop's details, its presentations and the interests in them."""

from __future__ import annotations

import copy
from collections.abc import Sequence
from typing import Any

from matchdesk.store.clock import now_iso
from matchdesk.store.errors import (
    DuplicateInterest,
    InvalidValue,
    NotFound,
)
from matchdesk.store.file.schema import (
    CURRENT_PRESENTATION,
    INTERESTS,
    META,
    PRESENTATIONS,
)
from matchdesk.store.models import (
    Change,
    Channel,
    Country,
    Doc,
    Interest,
    Presentation,
    RecordResult,
    WorkshopInfo,
)
from matchdesk.store.validation import (
    clean_field,
    info_fields,
    validate_info,
)
from matchdesk.store.workshop.opening import Opening


class Workshop(Opening):
    """A workshop file opened for writing (locked) or read-only."""

    def info_record(self, **changes: Any) -> Doc:
        """The meta record with ``changes`` (fields of ``WorkshopInfo``) validated, not written."""
        fields = info_fields(self.info())
        for name, value in changes.items():
            if name not in fields:
                raise InvalidValue(f"Unknown workshop detail {name!r}.")
            fields[name] = validate_info(name, value)
        return {**self._meta(), **fields, "updated_at": now_iso(), "device": self.device}

    def set_info(self, **changes: Any) -> WorkshopInfo:
        """Change workshop details (fields of ``WorkshopInfo``), validated."""
        self._commit("edit workshop details", [(META, self.info_record(**changes))])
        return self.info()

    def set_current_presentation(self, uid: str | None) -> Change | None:
        """Name the presentation being discussed: one fsynced write and one ``Change`` (info
        ``current_presentation``), but no undo step, since moving the highlight edits nothing.
        None when it already names ``uid``."""
        if self._meta().get(CURRENT_PRESENTATION) == uid:
            return None
        if uid is not None and self.position(uid) is None:
            raise NotFound(f"No presentation {uid!r} in this workshop.")
        doc = {
            **self._meta(),
            CURRENT_PRESENTATION: uid,
            "updated_at": now_iso(),
            "device": self.device,
        }
        return self._changed(self._write("discuss a presentation", [(META, doc)]))

    def _with_aliases(self, doc: Doc, **fields: Any) -> list[tuple[str, Doc]]:
        """``doc`` and the other live records of its presentation (registered on two laptops,
        then merged), all given ``fields``: the presentation changes as one."""
        aliases = [a for a, canonical in self._aliases.items() if canonical == doc["uid"]]
        docs = [doc, *(copy.deepcopy(self._doc(PRESENTATIONS, a) or {}) for a in aliases)]
        return [(PRESENTATIONS, {**d, **fields}) for d in docs]

    def add_presentation(
        self, title: str, country: str | Country, presenter: str = "", theme: str = ""
    ) -> Presentation:
        title = clean_field(title, "title", required=True)
        found = self._require_country(country)
        if self.find_presentation(title, found) is not None:
            raise InvalidValue(f"{found.name} already presents {title!r}.")
        position = max((d.get("position", 0) for d in self._live(PRESENTATIONS)), default=0) + 1
        doc = self._new(
            title=title,
            country=found.code,
            presenter=clean_field(presenter, "presenter"),
            theme=clean_field(theme, "theme"),
            position=position,
        )
        self._commit(f"add presentation {title}", [(PRESENTATIONS, doc)])
        return self._presentation_from(doc)

    def update_presentation(
        self,
        uid: str,
        *,
        title: str | None = None,
        country: str | Country | None = None,
        presenter: str | None = None,
        theme: str | None = None,
    ) -> Presentation:
        current = self.presentation(uid)
        doc = copy.deepcopy(self._doc(PRESENTATIONS, uid)) or {}
        if title is not None:
            doc["title"] = clean_field(title, "title", required=True)
        if country is not None:
            doc["country"] = self._require_country(country).code
        if presenter is not None:
            doc["presenter"] = clean_field(presenter, "presenter")
        if theme is not None:
            doc["theme"] = clean_field(theme, "theme")
        other = self.find_presentation(doc["title"], self.country(doc["country"]))
        if other is not None and other.uid != uid:
            raise InvalidValue(f"{other.country.name} already presents {other.title!r}.")
        doc.update(updated_at=now_iso(), device=self.device)
        fields = {k: doc.get(k, "") for k in ("title", "country", "presenter", "theme")}
        fields.update(updated_at=doc["updated_at"], device=self.device)
        self._commit(f"edit presentation {current.title}", self._with_aliases(doc, **fields))
        return self._presentation_from(doc)

    def remove_presentation(self, uid: str) -> Change:
        """Tombstone a presentation; its interests stop counting (undo brings both back)."""
        current = self.presentation(uid)
        doc = copy.deepcopy(self._doc(PRESENTATIONS, current.uid)) or {}
        writes = self._with_aliases(doc, deleted=True, updated_at=now_iso(), device=self.device)
        return self._commit(f"remove presentation {current.title}", writes)

    def move_presentation(self, uid: str, index: int) -> Change | None:
        """Put a presentation at ``index`` (0-based) in the agenda, renumbering positions."""
        docs = self._presentation_docs()
        moving = next((d for d in docs if d["uid"] == uid), None)
        if moving is None:
            raise NotFound("That presentation no longer exists.")
        docs.remove(moving)
        docs.insert(max(0, min(index, len(docs))), moving)
        stamp = now_iso()
        writes = [
            (PRESENTATIONS, {**d, "position": n, "updated_at": stamp, "device": self.device})
            for n, d in enumerate(docs, start=1)
            if d.get("position") != n
        ]
        if not writes:
            return None
        return self._commit(f"move presentation {moving['title']}", writes)

    def _interest_doc(
        self,
        presentation_uid: str,
        country: Country,
        channel: Channel | str,
        note: str,
        captured_at: str = "",
    ) -> Doc:
        stamp = captured_at or now_iso()
        doc = self._new(
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
        found = self._require_country(country)
        if self.has_interest(presentation_uid, found):
            raise DuplicateInterest(
                f"{found.name} already expressed interest in {presentation.title!r}."
            )
        doc = self._interest_doc(presentation_uid, found, channel, note)
        self._commit(f"record {found.name}", [(INTERESTS, doc)])
        return self._interest_from(doc)

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
            self._commit(f"record {names_label}", [(INTERESTS, d) for d in recorded])
        return RecordResult(
            recorded=tuple(self._interest_from(d) for d in recorded),
            duplicates=tuple(duplicates),
            unknown=tuple(unknown),
        )

    def update_interest(
        self, uid: str, *, channel: Channel | str | None = None, note: str | None = None
    ) -> Interest:
        doc = copy.deepcopy(self._doc(INTERESTS, uid))
        if doc is None or doc.get("deleted"):
            raise NotFound("That interest no longer exists.")
        if channel is not None:
            doc["channel"] = Channel(channel).value
        if note is not None:
            doc["note"] = clean_field(note, "note", multiline=True)
        doc.update(updated_at=now_iso(), device=self.device)
        self._commit("edit interest", [(INTERESTS, doc)])
        return self._interest_from(doc)

    def withdraw_interest(self, uid: str) -> Change:
        """Withdraw an interest: tombstone every live capture of it this file holds (a capture
        made on a laptop whose file this one has not seen stays live when the files merge)."""
        doc = self._doc(INTERESTS, uid)
        if doc is None or doc.get("deleted"):
            raise NotFound("That interest no longer exists.")
        stamp = now_iso()
        writes = [
            (INTERESTS, {**copy.deepcopy(self._doc(INTERESTS, capture) or {}), "deleted": True})
            for capture in self._live_interest[self._interest_key(doc)]
        ]
        for _, write in writes:
            write.update(updated_at=stamp, device=self.device)
        return self._commit(f"withdraw {self.country(doc['country']).name}", writes)
