"""The workshop's details (title, date, attendance, language) and the presentation being
discussed, validated and written through the ledger."""

from __future__ import annotations

from typing import Any

from matchdesk.store.clock import now_iso
from matchdesk.store.errors import InvalidValue, NotFound
from matchdesk.store.file.schema import CURRENT_PRESENTATION, META, TIMELINE
from matchdesk.store.models import Change, Doc, WorkshopInfo
from matchdesk.store.validation import info_fields, validate_info
from matchdesk.store.workshop.ledger import Ledger


class Details:
    """The meta record's fields, written through ``ledger``."""

    def __init__(self, ledger: Ledger) -> None:
        self.ledger = ledger

    def info_record(self, **changes: Any) -> Doc:
        """The meta record with ``changes`` (fields of ``WorkshopInfo``) validated, not written."""
        fields = info_fields(self.ledger.values.info())
        for name, value in changes.items():
            if name not in fields:
                raise InvalidValue(f"Unknown workshop detail {name!r}.")
            fields[name] = validate_info(name, value)
        return {
            **self.ledger.meta(),
            **fields,
            "updated_at": now_iso(),
            "device": self.ledger.device,
        }

    def set_info(self, **changes: Any) -> WorkshopInfo:
        """Change workshop details (fields of ``WorkshopInfo``), validated."""
        self.ledger.commit("edit workshop details", [(META, self.info_record(**changes))])
        return self.ledger.values.info()

    def set_current_presentation(self, uid: str | None) -> Change | None:
        """Name the presentation being discussed: one fsynced write and one ``Change`` (info
        ``current_presentation``), but no undo step, since moving the highlight edits nothing.
        None when it already names ``uid``."""
        ledger = self.ledger
        meta = ledger.meta()
        if meta.get(CURRENT_PRESENTATION) == uid:
            return None
        if uid is not None and ledger.values.position(uid) is None:
            raise NotFound(f"No presentation {uid!r} in this workshop.")
        doc = {**meta, CURRENT_PRESENTATION: uid, "updated_at": now_iso(), "device": ledger.device}
        writes = [(META, doc)]
        if uid is not None:  # the session's timeline: the chat's proposals read it (store/chat)
            writes.append((TIMELINE, ledger.new_record(presentation=uid, at=doc["updated_at"])))
        return ledger.commit("discuss a presentation", writes, undoable=False)
