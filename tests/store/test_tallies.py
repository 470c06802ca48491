"""The running tallies: every presentation counted at once at open (``fill``) counts as one
presentation at a time does, down to the order in which countries were first met."""

from __future__ import annotations

import pytest

from matchdesk.store.tallies import Entry, TallyBook

AGENDA = [("p1", "KAZ"), ("p2", "FRA"), ("p3", "NZL")]
ROWS = {  # in file order, not the agenda's
    # entries counted from values: no stamp, the order given
    "p3": [Entry("u6", "BRA", "unspecified"), Entry("u5", "DEU", "in_room")],
    # captured out of file order: the stamps say which came first
    "p1": [
        Entry("u2", "FRA", "online", "k2", "2026-01-01T10:02Z"),
        Entry("u1", "DEU", "in_room", "k1", "2026-01-01T10:01Z"),
    ],
    # a country captured twice (two laptops): the first capture counts, once
    "p2": [
        Entry("u3", "ITA", "in_room", "k3", "2026-01-01T11:00Z"),
        Entry("u4", "ITA", "online", "k4", "2026-01-01T11:01Z"),
    ],
    "gone": [Entry("u7", "CHN", "online", "k7", "2026-01-01T12:00Z")],  # not on the agenda
}


def _seen(book: TallyBook) -> tuple[object, ...]:
    return (
        [book.entries(uid) for uid in book.agenda],
        list(book.interest_by_country.items()),  # in the order first met, as reports tie
        book.totals(),
    )


def test_filling_at_open_counts_as_setting_each_presentation_in_turn() -> None:
    filled, one_by_one = TallyBook(), TallyBook()
    filled.set_agenda(AGENDA)
    filled.fill(ROWS)
    one_by_one.set_agenda(AGENDA)
    for uid in one_by_one.agenda:  # as the index counted at open before
        one_by_one.set_interests(uid, ROWS.get(uid, ()))
    assert _seen(filled) == _seen(one_by_one)
    assert [e.uid for e in filled.entries("p1")] == ["u1", "u2"]
    assert [e.uid for e in filled.entries("p2")] == ["u3"]
    assert list(filled.interest_by_country.items()) == [
        ("DEU", 2),
        ("FRA", 1),
        ("ITA", 1),
        ("BRA", 1),
    ]


def test_a_book_already_counting_is_not_filled_again() -> None:
    book = TallyBook()
    book.set_agenda(AGENDA)
    book.fill(ROWS)
    with pytest.raises(ValueError, match="counts no interest yet"):
        book.fill(ROWS)  # would count every interest twice
    assert book.count("p1") == 2
