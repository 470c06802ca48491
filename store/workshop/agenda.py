"""The agenda's writes: presentations registered, edited, removed and moved, as records
committed through the ledger (a presentation registered on two laptops changes as one)."""

from __future__ import annotations

from typing import Any

from matchdesk.store.clock import now_iso
from matchdesk.store.errors import InvalidValue, NotFound
from matchdesk.store.file.schema import PRESENTATIONS
from matchdesk.store.models import (
    Change,
    Country,
    Doc,
    Presentation,
)
from matchdesk.store.validation import clean_field
from matchdesk.store.workshop.ledger import Ledger


class Agenda:
    """Presentations, validated and written through ``ledger``."""

    def __init__(self, ledger: Ledger) -> None:
        self.ledger = ledger
        self.device = ledger.device
        self.values = ledger.values

    def presentation(self, uid: str) -> Presentation:
        return self.values.presentation(uid)

    def find_presentation(self, title: str, country: Country) -> Presentation | None:
        return self.values.find_presentation(title, country.code)

    def country(self, code: str) -> Country:
        return self.ledger.names.country(code)

    def _with_aliases(self, doc: Doc, **fields: Any) -> list[tuple[str, Doc]]:
        """``doc`` and the other live records of its presentation (registered on two laptops,
        then merged), all given ``fields``: the presentation changes as one."""
        index = self.ledger.index
        aliases = [a for a, canonical in index.aliases.items() if canonical == doc["uid"]]
        docs = [doc, *(self.ledger.record(PRESENTATIONS, a) or {} for a in aliases)]
        return [(PRESENTATIONS, {**d, **fields}) for d in docs]

    def add_presentation(
        self, title: str, country: str | Country, presenter: str = "", theme: str = ""
    ) -> Presentation:
        title = clean_field(title, "title", required=True)
        found = self.ledger.names.require(country)
        if self.find_presentation(title, found) is not None:
            raise InvalidValue(f"{found.name} already presents {title!r}.")
        live = self.ledger.index.live(PRESENTATIONS)
        position = max((d.get("position", 0) for d in live), default=0) + 1
        doc = self.ledger.new_record(
            title=title,
            country=found.code,
            presenter=clean_field(presenter, "presenter"),
            theme=clean_field(theme, "theme"),
            position=position,
        )
        self.ledger.commit(f"add presentation {title}", [(PRESENTATIONS, doc)])
        return self.values.presentation_from(doc)

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
        doc = self.ledger.record(PRESENTATIONS, uid) or {}
        if title is not None:
            doc["title"] = clean_field(title, "title", required=True)
        if country is not None:
            doc["country"] = self.ledger.names.require(country).code
        if presenter is not None:
            doc["presenter"] = clean_field(presenter, "presenter")
        if theme is not None:
            doc["theme"] = clean_field(theme, "theme")
        other = self.find_presentation(doc["title"], self.country(doc["country"]))
        if other is not None and other.uid != uid:
            raise InvalidValue(f"{other.country.name} already presents {other.title!r}.")
        doc.update(updated_at=now_iso(), device=self.ledger.device)
        fields = {k: doc.get(k, "") for k in ("title", "country", "presenter", "theme")}
        fields.update(updated_at=doc["updated_at"], device=self.ledger.device)
        self.ledger.commit(f"edit presentation {current.title}", self._with_aliases(doc, **fields))
        return self.values.presentation_from(doc)

    def remove_presentation(self, uid: str) -> Change:
        """Tombstone a presentation; its interests stop counting (undo brings both back)."""
        current = self.presentation(uid)
        doc = self.ledger.record(PRESENTATIONS, current.uid) or {}
        writes = self._with_aliases(
            doc, deleted=True, updated_at=now_iso(), device=self.ledger.device
        )
        return self.ledger.commit(f"remove presentation {current.title}", writes)

    def move_presentation(self, uid: str, index: int) -> Change | None:
        """Put a presentation at ``index`` (0-based) in the agenda, renumbering positions."""
        docs = self.ledger.index.presentation_docs()
        moving = next((d for d in docs if d["uid"] == uid), None)
        if moving is None:
            raise NotFound("That presentation no longer exists.")
        docs.remove(moving)
        docs.insert(max(0, min(index, len(docs))), moving)
        stamp = now_iso()
        writes = [
            (PRESENTATIONS, {**d, "position": n, "updated_at": stamp, "device": self.ledger.device})
            for n, d in enumerate(docs, start=1)
            if d.get("position") != n
        ]
        if not writes:
            return None
        return self.ledger.commit(f"move presentation {moving['title']}", writes)
