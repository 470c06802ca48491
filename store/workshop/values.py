"""The values the UI sees: frozen presentations, interests, countries and tallies, built from
the records on demand and kept until a write touches them (a capture rebuilds one value, not
10,000)."""

from __future__ import annotations

from collections.abc import Iterator
from operator import attrgetter

from matchdesk.store.clock import capture_device
from matchdesk.store.errors import NotFound
from matchdesk.store.file.frozen_records import each
from matchdesk.store.file.schema import CURRENT_PRESENTATION, INTERESTS, PRESENTATIONS
from matchdesk.store.identity import capture_rank, representatives
from matchdesk.store.models import (
    LANGUAGES,
    Channel,
    CountryCount,
    Doc,
    Interest,
    Mode,
    Presentation,
    Standings,
    Tallies,
    Totals,
    WorkshopInfo,
)
from matchdesk.store.validation import title_key
from matchdesk.store.workshop.index import RecordIndex
from matchdesk.store.workshop.memory import paused_gc
from matchdesk.store.workshop.names import Names

_CHANNELS = frozenset(c.value for c in Channel)
_KEY = attrgetter("key")  # an entry's record's key in its table


class Values:
    """Frozen values of one ledger's records, memoised by uid."""

    def __init__(self, index: RecordIndex, names: Names) -> None:
        self.index = index
        self.names = names
        self._cache: dict[str, Presentation | Interest] = {}
        self._agenda: tuple[Presentation, ...] | None = None
        self._tallies: tuple[int, Tallies] | None = None
        self._standings: tuple[int, Standings] | None = None

    def reset(self) -> None:
        """Forget every value (the index was built again)."""
        self._cache.clear()
        self._agenda = None
        self._tallies = None
        self._standings = None

    def forget(self, uids: list[str]) -> None:
        for uid in uids:
            self._cache.pop(uid, None)

    def agenda_changed(self) -> None:
        self._agenda = None

    # -- the workshop ----------------------------------------------------------------------
    def info(self) -> WorkshopInfo:
        meta = self.index.meta()
        mode, language = str(meta.get("mode")), str(meta.get("language"))
        return WorkshopInfo(
            title=meta.get("title", ""),
            date=meta.get("date", ""),
            venue=meta.get("venue", ""),
            organisers=tuple(meta.get("organisers", ())),
            mode=Mode(mode) if mode in Mode._value2member_map_ else None,
            attendance_in_room=meta.get("attendance_in_room"),
            attendance_online=meta.get("attendance_online"),
            language=language if language in LANGUAGES else "en",
        )

    def current_presentation(self) -> Presentation | None:
        uid = self.index.meta().get(CURRENT_PRESENTATION)
        index = self.position(uid) if isinstance(uid, str) else None
        return None if index is None else self.presentations()[index]

    # -- presentations ---------------------------------------------------------------------
    def presentation_from(self, doc: Doc) -> Presentation:
        cached = self._cache.get(doc["uid"])
        if isinstance(cached, Presentation):
            return cached
        value = self._cache[doc["uid"]] = Presentation(
            uid=doc["uid"],
            title=doc["title"],
            country=self.names.country(doc["country"]),
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
            self._agenda = tuple(self.presentation(uid) for uid in self.index.book.agenda)
        return self._agenda

    def position(self, uid: str) -> int | None:
        """The 0-based agenda index of a live presentation (None when it is not live)."""
        return self.index.book.position(uid)

    def presentation(self, uid: str) -> Presentation:
        doc = self.index.doc(PRESENTATIONS, self.index.canonical(uid))
        if doc is None or doc.get("deleted"):
            raise NotFound("That presentation no longer exists.")
        return self.presentation_from(doc)

    def find_presentation(self, title: str, code: str) -> Presentation | None:
        """The live presentation with this title (case and spacing ignored) by this country."""
        key = title_key(title)
        for doc in self.index.live(PRESENTATIONS):
            if doc["uid"] in self.index.aliases:
                continue
            if doc["country"] == code and title_key(doc["title"]) == key:
                return self.presentation_from(doc)
        return None

    # -- interests -------------------------------------------------------------------------
    def interest_from(self, doc: Doc) -> Interest:
        cached = self._cache.get(doc["uid"])
        if isinstance(cached, Interest):
            return cached
        channel = doc.get("channel", "unspecified")
        value = self._cache[doc["uid"]] = Interest(
            uid=doc["uid"],
            presentation_uid=self.index.canonical(doc["presentation"]),
            country=self.names.country(doc["country"]),
            channel=Channel(channel) if channel in _CHANNELS else Channel.UNSPECIFIED,
            note=doc.get("note", ""),
            captured_at=doc.get("captured_at", ""),
            device=doc.get("device", ""),
            captured_on=self._captured_on(doc),
        )
        return value

    def _captured_on(self, doc: Doc) -> tuple[str, ...]:
        """The devices whose live captures make up this interest, earliest first."""
        live = self.index.live_capture_docs(doc)
        ordered = sorted(live or [doc], key=capture_rank)
        return tuple(dict.fromkeys(capture_device(d) for d in ordered))

    def interest(self, uid: str) -> Interest:
        return self.interest_from(self.index.doc(INTERESTS, uid) or {})

    def interests(self, presentation_uid: str | None = None) -> tuple[Interest, ...]:
        """Live interests in capture order, of one live presentation or of all of them."""
        index = self.index
        if presentation_uid is not None:
            entries = index.book.entries(presentation_uid)
            return tuple(self.interest_from(index.entry_doc(e)) for e in entries)
        live = set(index.book.agenda)
        docs = (d for d in index.live(INTERESTS) if index.canonical(d["presentation"]) in live)
        return tuple(self.interest_from(d) for d in representatives(docs, key=index.interest_key))

    def interest_fields(self) -> list[tuple[str, str, str, str]]:
        """(presentation uid, country code, note, captured_at) of each live interest, in the
        order ``interests()`` gives them, read from the records: the follow-up of 100,000
        interests needs no ``Interest`` value (building them took 0.9 s of its 2.5 s)."""
        index = self.index
        live = set(index.book.agenda)
        canonical = index.canonical
        docs = (d for d in index.live(INTERESTS) if canonical(d["presentation"]) in live)
        return [
            (
                canonical(d["presentation"]),
                d["country"],
                d.get("note", ""),
                d.get("captured_at", ""),
            )
            for d in representatives(docs, key=index.interest_key)
        ]

    def capture_fields(self, presentation_uid: str) -> list[tuple[str, str, str, str]]:
        """(country code, channel, note, captured_at) of each interest ``interests(uid)``
        gives, read from the records: an export of 100,000 interests builds no values."""
        entries = self.index.book.entries(presentation_uid)
        docs = list(map(self.index.raw(INTERESTS).__getitem__, map(_KEY, entries)))
        fields = each(docs, ("channel", "note", "captured_at"), ("unspecified", "", ""))
        channels, unspecified = _CHANNELS, Channel.UNSPECIFIED.value
        return [
            (entry.country, channel if channel in channels else unspecified, note, at)
            for entry, (channel, note, at) in zip(entries, fields, strict=True)
        ]

    # -- counts ----------------------------------------------------------------------------
    def totals(self) -> Totals:
        """The headline numbers, kept current write by write (no recount)."""
        return self.index.book.totals()

    def interest_keys(self) -> Iterator[tuple[str, str]]:
        """(presentation uid, country code) of every live interest, in agenda order, then
        capture order, from the running tallies (no values built)."""
        book = self.index.book
        for uid in book.agenda:
            for entry in book.entries(uid):
                yield uid, entry.country

    def top_countries(self, limit: int) -> list[CountryCount]:
        """The most interested countries, most first (ties by name), as ``tallies()``."""
        country = self.names.country
        return [
            CountryCount(country(code), count)
            for code, count in self.index.book.top_countries(limit, lambda c: country(c).name)
        ]

    def top_presentations(self, limit: int) -> list[tuple[int, Presentation, int]]:
        """(agenda number, presentation, interests): agenda order when all fit, else the most
        interest first."""
        return [
            (n, self.presentation(uid), count)
            for n, uid, count in self.index.book.top_presentations(limit)
        ]

    def standings(self, revision: int) -> Standings:
        """The running tallies as a panel shows them (memoised until the next write)."""
        if self._standings is None or self._standings[0] != revision:
            book = self.index.book
            rows = tuple(
                (n, self.presentation(uid), book.count(uid))
                for n, uid in enumerate(book.agenda, start=1)
            )
            countries = tuple(self.top_countries(book.totals().interested_countries))
            self._standings = (revision, Standings(book.totals(), rows, countries))
        return self._standings[1]

    def tallies(self, revision: int) -> Tallies:
        """Every count as frozen values, from the running tallies (memoised until the next
        write: ``revision``)."""
        if self._tallies is None or self._tallies[0] != revision:
            with paused_gc():  # 100,000 frozen values, none of them garbage
                snapshot = self.index.book.snapshot(
                    self.presentation, self.interest, self.names.country
                )
            self._tallies = (revision, snapshot)
        return self._tallies[1]
