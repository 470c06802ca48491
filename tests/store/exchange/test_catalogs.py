"""The report-language catalogs: current with the code, complete, and compiled as shipped.

Maintenance (docs/translating.md): ``pybabel extract``, ``update`` and ``compile``.
These tests fail when a message was added in the code but not extracted, when a language lacks
a translation or a plural form, when a translation drops a placeholder, or when a ``.mo`` file
was not compiled again after its ``.po`` changed.
"""

from __future__ import annotations

import gettext
import io
import re
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from matchdesk.store.exchange.i18n import DOMAIN, LOCALE_DIR

LOCALE = Path(LOCALE_DIR)
STORE = LOCALE.parent.parent  # every room that words a report: exchange, followup, network
LANGS = ("fr", "es", "ru", "ar", "zh")
PLURAL_FORMS = {"fr": 3, "es": 3, "ru": 3, "ar": 6, "zh": 1}
_FIELD = re.compile(r"\{(\w+)\}")


def _key(message_id: str | tuple[str, ...], context: str | None) -> tuple[str | None, str]:
    return context, message_id[0] if isinstance(message_id, tuple) else message_id


def _read(path: Path) -> Catalog:
    with path.open("rb") as handle:
        return read_po(handle)


def test_the_template_holds_every_message_the_code_uses() -> None:
    in_code = {
        _key(message, context)
        for _, _, message, _, context in extract_from_dir(str(STORE), keywords=DEFAULT_KEYWORDS)
    }
    template = {_key(m.id, m.context) for m in _read(LOCALE / f"{DOMAIN}.pot") if m.id}
    assert in_code, "no message found in the code"
    assert in_code == template, "run pybabel extract (docs/translating.md)"


@pytest.mark.parametrize("lang", LANGS)
def test_each_language_translates_every_message(lang: str) -> None:
    template = {_key(m.id, m.context) for m in _read(LOCALE / f"{DOMAIN}.pot") if m.id}
    catalog = _read(LOCALE / lang / "LC_MESSAGES" / f"{DOMAIN}.po")
    assert catalog.num_plurals == PLURAL_FORMS[lang]
    assert {_key(m.id, m.context) for m in catalog if m.id} == template
    for message in catalog:
        if not message.id:
            continue
        assert not message.fuzzy, message.id
        singular = message.id[0] if isinstance(message.id, tuple) else message.id
        wanted = set(_FIELD.findall(singular))
        forms = message.string if isinstance(message.string, tuple) else (message.string,)
        assert len(forms) == (catalog.num_plurals if isinstance(message.id, tuple) else 1)
        for form in forms:
            assert form, (lang, message.id)
            got = set(_FIELD.findall(form))
            # A plural form may say its number in words (Arabic "one", "two"); nothing else
            # may be dropped, and nothing may be added.
            dropped = wanted - got
            assert got <= wanted and dropped <= ({"n"} if isinstance(message.id, tuple) else set())


@pytest.mark.parametrize("lang", LANGS)
def test_each_compiled_catalog_is_its_po_compiled(lang: str) -> None:
    folder = LOCALE / lang / "LC_MESSAGES"
    fresh = io.BytesIO()
    write_mo(fresh, _read(folder / f"{DOMAIN}.po"))
    fresh.seek(0)
    expected = gettext.GNUTranslations(fresh)
    with (folder / f"{DOMAIN}.mo").open("rb") as shipped:
        actual = gettext.GNUTranslations(shipped)
    shipped_messages = _without_generator(actual._catalog)  # type: ignore[attr-defined]
    fresh_messages = _without_generator(expected._catalog)  # type: ignore[attr-defined]
    assert shipped_messages == fresh_messages, "run pybabel compile (docs/translating.md)"
    assert actual.plural(21) == expected.plural(21)  # type: ignore[attr-defined]


def _without_generator(catalog: dict[object, str]) -> dict[object, str]:
    """The messages, the header's "Generated-By: Babel 2.19.0" line left out: compiled with
    another Babel, the same catalog names another version."""
    lines = catalog.get("", "").splitlines(True)
    header = "".join(line for line in lines if not line.startswith("Generated-By:"))
    return {**catalog, "": header}
