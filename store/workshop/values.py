"""The values the UI sees: frozen ``Presentation``, ``Interest``, ``WorkshopInfo`` and tallies,
built from the records and memoised by uid until a write replaces the record."""

from __future__ import annotations

from collections.abc import Iterator

from matchdesk.store.clock import capture_device
from matchdesk.store.errors import (
    NotFound,
)
from matchdesk.store.file.schema import (
    CURRENT_PRESENTATION,
    INTERESTS,
    PRESENTATIONS,
)
from matchdesk.store.identity import (
    capture_rank,
    representatives,
)
from matchdesk.store.models import (
    LANGUAGES,
    Channel,
    Country,
    CountryCount,
    Doc,
    Interest,
    Mode,
    Presentation,
    Tallies,
    Totals,
    WorkshopInfo,
)
from matchdesk.store.validation import (
    title_key,
)
from matchdesk.store.workshop.index import paused_gc
from matchdesk.store.workshop.names import Names

_CHANNELS = frozenset(c.value for c in Channel)


class Values(Names):
    """Frozen values built from the records, by uid: a capture rebuilds one, not 10,000."""

    def info(self) -> WorkshopInfo:
        meta = self._meta()
        mode, language = meta.get("mode"), meta.get("language")
        return WorkshopInfo(
            title=meta.get("title", ""),
            date=meta.get("date", ""),
            venue=meta.get("venue", ""),
            organisers=tuple(meta.get("organisers", ())),
            mode=Mode(mode) if isinstance(mode, str) and mode in Mode._value2member_map_ else None,
            attendance_in_room=meta.get("attendance_in_room"),
            attendance_online=meta.get("attendance_online"),
            language=language if isinstance(language, str) and language in LANGUAGES else "en",
        )

    # -- the presentation being discussed ----------------------------------------------------
    def current_presentation(self) -> Presentation | None:
        """The presentation highlighted in the writer's window (the board shows it); None when
        none was set or it has been removed since."""
        uid = self._meta().get(CURRENT_PRESENTATION)
        index = self.position(uid) if isinstance(uid, str) else None
        return None if index is None else self.presentations()[index]

    # -- presentations ---------------------------------------------------------------------
    def _presentation_from(self, doc: Doc) -> Presentation:
        cached = self._values.get(doc["uid"])
        if isinstance(cached, Presentation):
            return cached
        value = self._values[doc["uid"]] = Presentation(
            uid=doc["uid"],
            title=doc["title"],
            country=self.country(doc["country"]),
            presenter=doc.get("presenter", ""),
            theme=doc.get("theme", ""),
            position=doc.get("position", 0),
            created_at=doc.get("created_at", ""),
            updated_at=doc.get("updated_at", ""),
        )
        return value

    def presentations(self) -> tuple[Presentation, ...]:
        """Live presentations in agenda order."""
        if self._agenda is None:
            self._agenda = tuple(self.presentation(uid) for uid in self._book.agenda)
        return self._agenda

    def position(self, uid: str) -> int | None:
        """The 0-based agenda index of a live presentation (None when it is not live)."""
        return self._book.position(uid)

    def presentation(self, uid: str) -> Presentation:
        doc = self._doc(PRESENTATIONS, self._canonical(uid))
        if doc is None or doc.get("deleted"):
            raise NotFound("That presentation no longer exists.")
        return self._presentation_from(doc)

    def find_presentation(self, title: str, country: Country) -> Presentation | None:
        """The live presentation with this title (case and spacing ignored) by this country."""
        key = title_key(title)
        for doc in self._live(PRESENTATIONS):
            if doc["uid"] in self._aliases:
                continue
            if doc["country"] == country.code and title_key(doc["title"]) == key:
                return self._presentation_from(doc)
        return None

    # -- interests -------------------------------------------------------------------------
    def _interest_from(self, doc: Doc) -> Interest:
        cached = self._values.get(doc["uid"])
        if isinstance(cached, Interest):
            return cached
        channel = doc.get("channel", "unspecified")
        value = self._values[doc["uid"]] = Interest(
            uid=doc["uid"],
            presentation_uid=self._canonical(doc["presentation"]),
            country=self.country(doc["country"]),
            channel=Channel(channel)
            if channel in Channel._value2member_map_
            else Channel.UNSPECIFIED,
            note=doc.get("note", ""),
            captured_at=doc.get("captured_at", ""),
            device=doc.get("device", ""),
            captured_on=self._captured_on(doc),
        )
        return value

    def _captured_on(self, doc: Doc) -> tuple[str, ...]:
        """The devices whose live captures make up this interest, earliest first."""
        live = [
            self._doc(INTERESTS, uid) or {}
            for uid in self._live_interest.get(self._interest_key(doc), ())
        ]
        ordered = sorted(live or [doc], key=capture_rank)
        return tuple(dict.fromkeys(capture_device(d) for d in ordered))

    def _interest(self, uid: str) -> Interest:
        return self._interest_from(self._doc(INTERESTS, uid) or {})

    def interests(self, presentation_uid: str | None = None) -> tuple[Interest, ...]:
        """Live interests in capture order, of one live presentation or of all of them."""
        if presentation_uid is not None:
            return tuple(self._interest(e.uid) for e in self._book.entries(presentation_uid))
        live = set(self._book.agenda)
        docs = (d for d in self._live(INTERESTS) if self._canonical(d["presentation"]) in live)
        return tuple(self._interest_from(d) for d in representatives(docs, key=self._interest_key))

    def capture_fields(self, presentation_uid: str) -> list[tuple[str, str, str, str]]:
        """(country code, channel, note, captured_at) of each interest ``interests(uid)``
        gives, read from the records: an export of 100,000 interests builds no values."""
        raw, channels = self._raw(INTERESTS), _CHANNELS
        fields = []
        for entry in self._book.entries(presentation_uid):
            doc = raw[entry.key]
            channel = doc.get("channel", "unspecified")
            fields.append(
                (
                    entry.country,
                    channel if channel in channels else Channel.UNSPECIFIED.value,
                    doc.get("note", ""),
                    doc.get("captured_at", ""),
                )
            )
        return fields

    def interest_count(self, presentation_uid: str) -> int:
        return self._book.count(presentation_uid)

    def has_interest(self, presentation_uid: str, country: Country) -> bool:
        return (self._canonical(presentation_uid), country.code) in self._live_interest

    # -- whole-workshop views --------------------------------------------------------------
    def totals(self) -> Totals:
        """The headline numbers, kept current write by write (no recount)."""
        return self._book.totals()

    def interested_codes(self, presentation_uid: str) -> tuple[str, ...]:
        """Codes of the countries interested in a live presentation, in capture order, from
        the running tallies (no values built: the network view reads thousands of files)."""
        return tuple(entry.country for entry in self._book.entries(presentation_uid))

    def interest_keys(self) -> Iterator[tuple[str, str]]:
        """(presentation uid, country code) of every live interest, in agenda order, then
        capture order, from the running tallies (no values built)."""
        book = self._book
        for uid in book.agenda:
            for entry in book.entries(uid):
                yield uid, entry.country

    def top_countries(self, limit: int) -> list[CountryCount]:
        """The most interested countries, most first (ties by name), as ``tallies()``."""
        return [
            CountryCount(self.country(code), count)
            for code, count in self._book.top_countries(limit, lambda c: self.country(c).name)
        ]

    def top_presentations(self, limit: int) -> list[tuple[int, Presentation, int]]:
        """(agenda number, presentation, interests): agenda order when all fit, else the most
        interest first."""
        return [
            (n, self.presentation(uid), count)
            for n, uid, count in self._book.top_presentations(limit)
        ]

    def max_count(self) -> int:
        """The most interest any one presentation has."""
        return self._book.max_count()

    def tallies(self) -> Tallies:
        """Every count as frozen values, from the running tallies (memoised until the next
        write)."""
        if self._tallies is None or self._tallies[0] != self.revision:
            with paused_gc():  # 100,000 frozen values, none of them garbage
                snapshot = self._book.snapshot(self.presentation, self._interest, self.country)
            self._tallies = (self.revision, snapshot)
        return self._tallies[1]
