"""Country names as this workshop knows them: ISO countries, its custom ones, its language.

The resolver is built again whenever the custom countries or the language change (the ledger
says when); what a typed beginning previews is ranked by this workshop's own countries first.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from matchdesk.store.countries import CountryResolver, make_custom
from matchdesk.store.errors import InvalidValue, UnknownCountry
from matchdesk.store.identity import naming_records
from matchdesk.store.models import Country, Doc
from matchdesk.store.tallies import TallyBook
from matchdesk.store.validation import clean_field, clean_text

if TYPE_CHECKING:  # completion loads with the first letter typed, not with the first paint
    from matchdesk.store.countries.completion import Completion, PreviewPart

_SPLIT = re.compile(r"[,;\n]+")


def custom_countries(records: Sequence[Doc]) -> list[Country]:
    """The custom countries the records of the countries table name (one per code)."""
    return [Country(d["code"], d["name"], d["name"], custom=True) for d in naming_records(records)]


class Names:
    """Resolves what people type or import to countries, in this workshop's language."""

    def __init__(self) -> None:
        self.resolver = CountryResolver()

    def reset(self, custom: list[Country], language: str) -> None:
        self.resolver = CountryResolver(custom, language)

    def country(self, code: str) -> Country:
        """The country for a stored code (a placeholder custom one if the code is unknown)."""
        found = self.resolver.by_code(code)
        return found if found is not None else Country(code, code, code, custom=True)

    def complete(self, text: str, book: TallyBook) -> Completion | None:
        """The one country a typed beginning previews here (ranked by this workshop's own
        countries first; ``store/countries/completion.py``), None when nothing or several do."""
        from matchdesk.store.countries.completion import complete

        return complete(self.resolver, text, book.interest_by_country, book.presenting)

    def preview(self, text: str, book: TallyBook) -> tuple[PreviewPart, ...]:
        """What each typed part ("kaz, tha, ph") previews: what Enter records. Parts are
        cleaned as the store keeps names (control characters out, spaces collapsed)."""
        from matchdesk.store.countries.completion import PreviewPart, preview

        parts = preview(self.resolver, text, book.interest_by_country, book.presenting)
        cleaned = (PreviewPart(clean_text(p.typed), p.completion) for p in parts)
        return tuple(p for p in cleaned if p.typed)

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

    def custom(self, name: str) -> tuple[Country, bool]:
        """The custom country for ``name``, and whether it is new (its record to be written)."""
        name = clean_field(name, "country name", required=True)
        existing = self.resolver.resolve(name)
        if existing is None:  # "Korea" is asked, never made a custom country
            self.resolver.check_unambiguous(name)
        if existing is not None and not existing.custom:
            raise InvalidValue(f"{name!r} is an ISO country, not a custom one.")
        country = make_custom(name)
        existing = existing or self.resolver.by_code(country.code)
        if existing is not None:
            return existing, False
        return country, True

    def require(self, value: str | Country) -> Country:
        """The country ``value`` names, or ``UnknownCountry`` with the closest ones."""
        if isinstance(value, Country):
            if value.custom and self.resolver.by_code(value.code) is None:
                raise UnknownCountry(value.name)
            return value
        text = clean_text(value)
        found = self.resolver.resolve(text)
        if found is None:
            raise UnknownCountry(text, tuple(c.name for c in self.resolver.suggest(text, 5)))
        return found
