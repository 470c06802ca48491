"""The ``Workshop`` facade: what the UI and the commands talk to.

A thin object over a ``Ledger``: it validates details, presentations, interests and custom
countries, turns them into records and commits them through the ledger (the only writer);
reads come from the ledger's values, as frozen dataclasses. Every write returns (or announces)
one ``Change``.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Self

from matchdesk.store.clock import Clock
from matchdesk.store.countries import CountryResolver
from matchdesk.store.file.schema import (
    COUNTRIES,
)
from matchdesk.store.file.storage import CHECKPOINT_BYTES
from matchdesk.store.history import History
from matchdesk.store.models import (
    Change,
    Channel,
    Country,
    CountryCount,
    Doc,
    Interest,
    Presentation,
    RecordResult,
    Standings,
    Tallies,
    Totals,
    WorkshopInfo,
)
from matchdesk.store.workshop import inspection, opening
from matchdesk.store.workshop.agenda import Agenda
from matchdesk.store.workshop.captures import Captures
from matchdesk.store.workshop.details import Details
from matchdesk.store.workshop.ledger import Ledger

if TYPE_CHECKING:  # the names' completion loads with the first letter typed
    from matchdesk.store.countries.completion import Completion, PreviewPart


class Workshop:
    """A workshop file opened for writing (locked) or read-only."""

    def __init__(self, ledger: Ledger) -> None:
        self.ledger = ledger
        self.values = ledger.values
        self.details = Details(ledger)
        self.agenda = Agenda(ledger)
        self.captures = Captures(ledger)

    @classmethod
    def open(
        cls,
        path: str | os.PathLike[str],
        *,
        readonly: bool = False,
        create: bool = True,
        device: str | None = None,
        checkpoint_bytes: int = CHECKPOINT_BYTES,
        offer_backup: bool = True,
        fsync: Callable[[int], None] | None = None,
        defer_create: bool = False,
        index_later: bool = False,
        frozen: bool = False,
    ) -> Self:
        """Open ``path``; a writer takes the lock, recovers the journal and migrates old files
        (``opening.open_ledger`` says what each argument does)."""
        ledger = opening.open_ledger(
            Path(path).expanduser().absolute(),
            readonly=readonly,
            create=create,
            device=device,
            checkpoint_bytes=checkpoint_bytes,
            offer_backup=offer_backup,
            fsync=fsync,
            defer_create=defer_create,
            index_later=index_later,
            frozen=frozen,
        )
        return cls(ledger)

    # -- the file (the ledger's) -----------------------------------------------------------
    @property
    def path(self) -> Path:
        return self.ledger.path

    @property
    def readonly(self) -> bool:
        return self.ledger.readonly

    @property
    def device(self) -> str:
        return self.ledger.device

    @property
    def clock(self) -> Clock:
        return self.ledger.clock

    @property
    def history(self) -> History:
        return self.ledger.history

    @property
    def revision(self) -> int:
        return self.ledger.revision

    @property
    def resolver(self) -> CountryResolver:
        return self.ledger.names.resolver

    @property
    def journal(self) -> Path:
        return self.ledger.journal

    def journaled(self) -> bool:
        return self.ledger.journaled()

    def writer(self) -> str:
        return self.ledger.writer()

    def disk_stamp(self) -> tuple[tuple[int, int, int] | None, ...]:
        return self.ledger.disk_stamp()

    def save_as(self, target: str | os.PathLike[str]) -> None:
        self.ledger.save_as(target)

    def abandon(self) -> None:
        self.ledger.abandon()

    def ready_to_write(self) -> None:
        """Opened ``index_later`` (the app paints first), build what every write uses now."""
        self.ledger.ready_to_write()

    def close(self) -> None:
        self.ledger.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def subscribe(self, listener: Callable[[Change], None]) -> Callable[[], None]:
        """Call ``listener`` with the ``Change`` of every write; returns the unsubscribe."""
        return self.ledger.subscribe(listener)

    @property
    def can_undo(self) -> bool:
        return self.history.next_undo() is not None

    @property
    def can_redo(self) -> bool:
        return self.history.next_redo() is not None

    def undo(self) -> Change | None:
        return self.ledger.undo()

    def redo(self) -> Change | None:
        return self.ledger.redo()

    def difference(self, older: Workshop) -> Change:
        return inspection.difference(self.ledger, older.ledger)

    def dump(self, *, copies: bool = True) -> dict[str, Any]:
        return inspection.dump(self.ledger, copies=copies)

    def check(self) -> list[str]:
        return inspection.check(self.ledger)

    # -- workshop details ------------------------------------------------------------------
    def info(self) -> WorkshopInfo:
        return self.values.info()

    def info_record(self, **changes: Any) -> Doc:
        return self.details.info_record(**changes)

    def set_info(self, **changes: Any) -> WorkshopInfo:
        return self.details.set_info(**changes)

    def current_presentation(self) -> Presentation | None:
        """The presentation highlighted in the writer's window (the board shows it)."""
        return self.values.current_presentation()

    def set_current_presentation(self, uid: str | None) -> Change | None:
        return self.details.set_current_presentation(uid)

    # -- countries -------------------------------------------------------------------------
    def country(self, code: str) -> Country:
        """The country for a stored code (a placeholder custom one if the code is unknown)."""
        return self.ledger.names.country(code)

    def prepare_names(self) -> None:
        """Build the index of country names now (0.1 s, once per process): the app calls it
        after its first paint, so the first name typed does not wait for it."""
        self.resolver.warm()

    def resolve(self, text: str) -> Country | None:
        return self.resolver.resolve(text)

    def resolve_typed(self, text: str) -> Country | None:
        return self.resolver.resolve_typed(text)

    def suggest(self, text: str, limit: int = 8) -> list[Country]:
        return self.resolver.suggest(text, limit)

    def complete(self, text: str) -> Completion | None:
        return self.ledger.names.complete(text, self.ledger.index.book)

    def preview(self, text: str) -> tuple[PreviewPart, ...]:
        return self.ledger.names.preview(text, self.ledger.index.book)

    def parse_typed(self, names: str | Sequence[str | Country]) -> tuple[list[Country], list[str]]:
        return self.ledger.names.parse_typed(names)

    def custom_countries(self) -> tuple[Country, ...]:
        return self.resolver.custom()

    def add_custom_country(self, name: str) -> Country:
        """Register a region or body that is not an ISO country (asked for, never guessed)."""
        country, new = self.ledger.names.custom(name)
        if new:
            doc = self.ledger.new_record(code=country.code, name=country.name)
            self.ledger.commit(f"add custom country {country.name}", [(COUNTRIES, doc)])
        return country

    # -- presentations ---------------------------------------------------------------------
    def presentations(self) -> tuple[Presentation, ...]:
        """Live presentations in agenda order."""
        return self.values.presentations()

    def position(self, uid: str) -> int | None:
        """The 0-based agenda index of a live presentation (None when it is not live)."""
        return self.values.position(uid)

    def presentation(self, uid: str) -> Presentation:
        return self.values.presentation(uid)

    def find_presentation(self, title: str, country: Country) -> Presentation | None:
        """The live presentation with this title (case and spacing ignored) by this country."""
        return self.values.find_presentation(title, country.code)

    def add_presentation(
        self, title: str, country: str | Country, presenter: str = "", theme: str = ""
    ) -> Presentation:
        return self.agenda.add_presentation(title, country, presenter, theme)

    def update_presentation(
        self,
        uid: str,
        *,
        title: str | None = None,
        country: str | Country | None = None,
        presenter: str | None = None,
        theme: str | None = None,
    ) -> Presentation:
        return self.agenda.update_presentation(
            uid, title=title, country=country, presenter=presenter, theme=theme
        )

    def remove_presentation(self, uid: str) -> Change:
        return self.agenda.remove_presentation(uid)

    def move_presentation(self, uid: str, index: int) -> Change | None:
        return self.agenda.move_presentation(uid, index)

    # -- interests -------------------------------------------------------------------------
    def interests(self, presentation_uid: str | None = None) -> tuple[Interest, ...]:
        """Live interests in capture order, of one live presentation or of all of them."""
        return self.values.interests(presentation_uid)

    def interest_fields(self) -> list[tuple[str, str, str, str]]:
        return self.values.interest_fields()

    def capture_fields(self, presentation_uid: str) -> list[tuple[str, str, str, str]]:
        return self.values.capture_fields(presentation_uid)

    def interest_count(self, presentation_uid: str) -> int:
        return self.ledger.index.book.count(presentation_uid)

    def has_interest(self, presentation_uid: str, country: Country) -> bool:
        return self.captures.has_interest(presentation_uid, country)

    def record_interest(
        self,
        presentation_uid: str,
        country: str | Country,
        channel: Channel | str = Channel.UNSPECIFIED,
        note: str = "",
    ) -> Interest:
        return self.captures.record_interest(presentation_uid, country, channel, note)

    def record_interests(
        self,
        presentation_uid: str,
        names: str | Sequence[str | Country],
        channel: Channel | str = Channel.UNSPECIFIED,
        note: str = "",
        captured_at: str = "",
    ) -> RecordResult:
        return self.captures.record_interests(presentation_uid, names, channel, note, captured_at)

    def update_interest(
        self, uid: str, *, channel: Channel | str | None = None, note: str | None = None
    ) -> Interest:
        return self.captures.update_interest(uid, channel=channel, note=note)

    def withdraw_interest(self, uid: str) -> Change:
        return self.captures.withdraw_interest(uid)

    # -- whole-workshop views --------------------------------------------------------------
    def totals(self) -> Totals:
        """The headline numbers, kept current write by write (no recount)."""
        return self.values.totals()

    def interested_codes(self, presentation_uid: str) -> tuple[str, ...]:
        """Codes of the countries interested in a live presentation, in capture order."""
        return tuple(entry.country for entry in self.ledger.index.book.entries(presentation_uid))

    def interest_keys(self) -> Iterator[tuple[str, str]]:
        return self.values.interest_keys()

    def top_countries(self, limit: int) -> list[CountryCount]:
        return self.values.top_countries(limit)

    def top_presentations(self, limit: int) -> list[tuple[int, Presentation, int]]:
        return self.values.top_presentations(limit)

    def max_count(self) -> int:
        """The most interest any one presentation has."""
        return self.ledger.index.book.max_count()

    def standings(self) -> Standings:
        return self.values.standings(self.revision)

    def tallies(self) -> Tallies:
        """Every count as frozen values, from the running tallies (memoised until the next
        write)."""
        return self.values.tallies(self.revision)
