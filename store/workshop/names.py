"""Country names in a workshop: its resolver (ISO names, aliases, its custom countries), the
capture preview, and the custom countries it registers."""

from __future__ import annotations

import re
from collections.abc import Sequence

from matchdesk.store.countries import make_custom
from matchdesk.store.countries.completion import Completion, PreviewPart, complete, preview
from matchdesk.store.errors import (
    InvalidValue,
    UnknownCountry,
)
from matchdesk.store.file.schema import (
    COUNTRIES,
)
from matchdesk.store.models import (
    Country,
    Doc,
)
from matchdesk.store.validation import (
    clean_field,
    clean_text,
)
from matchdesk.store.workshop.ledger import Ledger

_SPLIT = re.compile(r"[,;\n]+")


class Names(Ledger):
    """The countries a workshop knows and how typed names resolve to them."""

    def country(self, code: str) -> Country:
        """The country for a stored code (a placeholder custom one if the code is unknown)."""
        found = self.resolver.by_code(code)
        return found if found is not None else Country(code, code, code, custom=True)

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
        """The one country a typed beginning previews here (ranked by this workshop's own
        countries first; ``store/countries/completion.py``), None when nothing or several do."""
        book = self._book
        return complete(self.resolver, text, book.interest_by_country, book.presenting)

    def preview(self, text: str) -> tuple[PreviewPart, ...]:
        """What each typed part ("kaz, tha, ph") previews: what Enter records. Parts are
        cleaned as the store keeps names (control characters out, spaces collapsed)."""
        book = self._book
        parts = preview(self.resolver, text, book.interest_by_country, book.presenting)
        cleaned = (PreviewPart(clean_text(p.typed), p.completion) for p in parts)
        return tuple(p for p in cleaned if p.typed)

    def custom_countries(self) -> tuple[Country, ...]:
        return self.resolver.custom()

    def _custom_doc(self, name: str) -> tuple[Country, Doc | None]:
        """The custom country for ``name`` and the record to write if it is new."""
        name = clean_field(name, "country name", required=True)
        existing = self.resolver.resolve(name)
        if existing is None:  # "Korea" is asked, never made a custom country
            self.resolver.check_unambiguous(name)
        if existing is not None and not existing.custom:
            raise InvalidValue(f"{name!r} is an ISO country, not a custom one.")
        country = make_custom(name)
        existing = existing or self.resolver.by_code(country.code)
        if existing is not None:
            return existing, None
        return country, self._new(code=country.code, name=country.name)

    def add_custom_country(self, name: str) -> Country:
        """Register a region or body that is not an ISO country (asked for, never guessed)."""
        country, doc = self._custom_doc(name)
        if doc is not None:
            self._commit(f"add custom country {country.name}", [(COUNTRIES, doc)])
        return country

    def _require_country(self, value: str | Country) -> Country:
        if isinstance(value, Country):
            if value.custom and self.resolver.by_code(value.code) is None:
                raise UnknownCountry(value.name)
            return value
        text = clean_text(value)
        found = self.resolver.resolve(text)
        if found is None:
            raise UnknownCountry(text, tuple(c.name for c in self.resolver.suggest(text, 5)))
        return found

    def parse_typed(self, names: str | Sequence[str | Country]) -> tuple[list[Country], list[str]]:
        """What typed text names: the countries (in order) and the names nothing resolves.

        "kaz, tha; phl" is three; "Korea, Republic of" holds a comma, so the whole text is tried
        first. Writes nothing (the TUI also uses it to queue entries the disk refused).
        """
        if isinstance(names, str):
            whole = self.resolver.resolve(clean_text(names))
            items: list[str | Country] = [whole] if whole else list(_SPLIT.split(names))
        else:
            items = list(names)
        countries: list[Country] = []
        unknown: list[str] = []
        for item in items:
            if isinstance(item, Country):
                countries.append(item)
                continue
            text = clean_text(item)
            if not text:
                continue
            found = self.resolver.resolve_typed(text)
            if found is None:
                unknown.append(text)
            else:
                countries.append(found)
        return countries, unknown
