"""A report's dates and lists, written from the CLDR data kept in ``cldr.json``, are the ones
Babel writes from its own locale data, in every report language; and the kept data is what the
installed Babel gives (``python -m matchdesk.store.exchange.cldr`` writes it again)."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date, timedelta

import pytest
from babel.dates import format_date
from babel.lists import format_list

from matchdesk.store.exchange import cldr
from matchdesk.store.exchange.i18n import wording
from matchdesk.store.models import LANGUAGES

WORDS = ["Kazakhstan", "Côte d'Ivoire", "Türkiye", "New Zealand", "中国", "المغرب"]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_date_of_a_leap_year_is_written_as_babel_writes_it(lang: str) -> None:
    locale = cldr.LOCALES[lang]
    days = [date(2024, 1, 1) + timedelta(days=n) for n in range(366)]
    days += [date(2021, 10, 29), date(1999, 12, 31), date(2100, 3, 1)]
    for day in days:
        assert cldr.long_date(day, lang) == format_date(day, format="long", locale=locale)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_lists_of_every_length_are_joined_as_babel_joins_them(lang: str) -> None:
    locale = cldr.LOCALES[lang]
    for n in range(len(WORDS) + 1):
        assert cldr.join(WORDS[:n], lang) == format_list(WORDS[:n], locale=locale)


def test_a_report_writes_the_date_and_lists_its_language_needs() -> None:
    assert wording("en").date(date(2021, 10, 29)) == "29 October 2021"
    assert wording("ru").date(date(2021, 10, 29)) == "29 октября 2021\u202fг."
    assert wording("zh").date(date(2021, 10, 29)) == "2021年10月29日"
    assert wording("en").join(["A", "", "B", "C"]) == "A, B and C"  # British: no Oxford comma
    assert wording("es").join(["A", "B"]) == "A y B"


def test_the_kept_data_is_what_the_installed_babel_gives() -> None:
    kept = json.loads(cldr.DATA.read_text(encoding="utf-8"))
    assert kept == cldr.extract(), "run python -m matchdesk.store.exchange.cldr"
    assert cldr.DATA.read_text(encoding="utf-8") == cldr.text(kept)


def test_a_long_date_naming_a_field_the_writer_lacks_is_refused() -> None:
    # The weekday ("EEEE") is not written here: a locale whose long date named it would have to
    # be taught first, so extracting it fails instead of writing a wrong date.
    code = (
        "from babel import Locale\n"
        "from babel.dates import DateTimePattern\n"
        "from matchdesk.store.exchange import cldr\n"
        "Locale.date_formats = property(lambda self: {'long': DateTimePattern("
        "'EEEE d MMMM y', '%(EEEE)s %(d)s %(MMMM)s %(y)s')})\n"
        "cldr.extract()\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode != 0
    assert "long date names ['EEEE']" in done.stderr
