"""Report sentences as a rapporteur pastes them, in the six languages: none begins with a
numeral (CMOS, UN editorial style), whatever the counts; Arabic lists and formula-looking
titles keep their order right to left."""

from __future__ import annotations

import itertools
import re
import zipfile
from datetime import UTC, datetime
from io import BytesIO

import pytest

from matchdesk.store.exchange.document import Document, Table
from matchdesk.store.exchange.export.docx_export import render_docx
from matchdesk.store.exchange.i18n import wording
from matchdesk.store.exchange.workshop_report import channel_sentence, totals_sentences
from matchdesk.store.followup.exports import funnel_sentences
from matchdesk.store.followup.funnel import funnel
from matchdesk.store.followup.stages import Outcome, Stage
from matchdesk.store.followup.state import FollowState
from matchdesk.store.models import LANGUAGES, Totals

COUNTS = (1, 2, 3, 5, 11, 21, 22, 101)


def _states(contacted: int, visited: int, closed: int, waiting: int) -> list[FollowState]:
    def state(stage: Stage, outcome: Outcome | None = None) -> FollowState:
        return FollowState(stage=stage, outcome=outcome)

    return (
        [state(Stage.CONTACTED)] * contacted
        + [state(Stage.FIELD_VISIT)] * visited
        + [state(Stage.CONTACTED, Outcome.NOT_PURSUED)] * closed
        + [state(Stage.INTERESTED)] * waiting
    )


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_sentence_begins_with_a_numeral(lang: str) -> None:
    sentences: list[str] = []
    for n, m in itertools.product(COUNTS, (1, 3)):
        sentences += totals_sentences(Totals(n, m, n * 2, m, m + 1), lang)
        sentences.append(channel_sentence({"in_room": n, "online": m}, lang))
        sentences += funnel_sentences(funnel(_states(n, m, m, n)), lang)
    found = [s for s in sentences if re.match(r"\W*\d", s)]
    assert not found, found[:3]


def test_arabic_and_is_apart_from_a_latin_name_only() -> None:
    w = wording("ar")
    assert w.join(["SSN4PSI", "Astana Hub"]) == "SSN4PSI و Astana Hub"
    assert w.join(["قطر", "كازاخستان"]) == "قطر وكازاخستان"


def test_a_formula_looking_title_keeps_its_order_in_an_arabic_report() -> None:
    from matchdesk.store.exchange.document import Column

    table = Table((Column("العنوان"),), (("=1+1",), ("قطر",)))
    data = render_docx(Document("تقرير", "ar", (table,)), datetime(2021, 10, 29, tzinfo=UTC))
    body = zipfile.ZipFile(BytesIO(data)).read("word/document.xml").decode("utf-8")
    assert "\u200e=1+1\u200e" in body and "\u200eقطر" not in body
