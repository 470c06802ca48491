"""The capture preview: the one country a typed beginning stands for, ranked by the workshop."""

from __future__ import annotations

import pytest

from matchdesk.store.workshop import Workshop


def previewed(workshop: Workshop, text: str) -> str | None:
    found = workshop.complete(text)
    return None if found is None else found.country.name


@pytest.fixture
def agenda(workshop: Workshop) -> Workshop:
    """Two presentations (Kazakhstan and Nigeria present), no interest yet."""
    workshop.add_presentation("Access to public services", "kaz")
    workshop.add_presentation("Lagos State Employment Trust Fund", "nga")
    return workshop


def test_a_fresh_workshop_completes_by_everyday_name_in_proper_case(agenda: Workshop) -> None:
    found = agenda.complete("tha")
    assert found is not None and found.country.name == "Thailand" and found.rest == "iland"
    assert previewed(agenda, "vene") == "Venezuela"
    assert previewed(agenda, "ph") == "Philippines"  # the only everyday name beginning so


def test_ambiguous_beginnings_preview_nothing_in_a_fresh_workshop(agenda: Workshop) -> None:
    assert previewed(agenda, "t") is None  # Taiwan, Tajikistan, Tanzania, Thailand, ...
    assert previewed(agenda, "mal") is None  # Malawi, Malaysia, Maldives, Mali, Malta
    assert previewed(agenda, "q") is None  # one letter: only the workshop's own countries


def test_interested_countries_rank_first_most_interest_first(agenda: Workshop) -> None:
    first = agenda.presentations()[0].uid
    agenda.record_interests(first, "tha, tjk")
    second = agenda.presentations()[1].uid
    agenda.record_interest(second, "tha")
    assert previewed(agenda, "t") == "Thailand"  # 2 interests beat Tajikistan's 1
    agenda.record_interest(second, "khm")
    assert previewed(agenda, "c") == "Cambodia"  # interested, before Cabo Verde and Canada
    assert previewed(agenda, "k") == "Kazakhstan"  # "Kingdom of Cambodia" is no everyday name


def test_presenting_countries_come_next_then_codes(agenda: Workshop) -> None:
    assert previewed(agenda, "k") == "Kazakhstan"  # presenting, before Kenya
    assert previewed(agenda, "n") == "Nigeria"  # presenting, before Namibia and Nepal
    assert previewed(agenda, "ne") == "Niger"  # the code NE, before Nepal by name
    assert previewed(agenda, "nep") == "Nepal"
    assert previewed(agenda, "ca") == "Canada"  # the code CA, before Cabo Verde
    assert previewed(agenda, "gb") == "United Kingdom"


def test_a_full_name_is_never_completed_into_another(agenda: Workshop) -> None:
    assert previewed(agenda, "Niger") == "Niger"  # Nigeria presents, still Niger
    assert previewed(agenda, "nigeri") == "Nigeria"


def test_ambiguous_names_preview_nothing(agenda: Workshop) -> None:
    assert previewed(agenda, "korea") is None  # North or South: asked, never picked
    assert previewed(agenda, "xq") is None
    assert previewed(agenda, "") is None


def test_custom_countries_only_once_registered(agenda: Workshop) -> None:
    assert previewed(agenda, "carp") is None  # never invented from ISO names
    agenda.add_custom_country("Carpathian Ukraine")
    assert previewed(agenda, "c") == "Carpathian Ukraine"  # the workshop's own, before Cabo Verde
    assert previewed(agenda, "ukr") == "Ukraine"  # a custom name is never a prefix match's prize


def test_several_parts_and_a_name_with_a_comma(agenda: Workshop) -> None:
    parts = agenda.preview("kaz, tha; zz")
    assert [p.typed for p in parts] == ["kaz", "tha", "zz"]
    names = [p.completion.country.name if p.completion else None for p in parts]
    assert names == ["Kazakhstan", "Thailand", None]
    [whole] = agenda.preview("Korea, Republic of")
    assert whole.completion is not None and whole.completion.country.code == "KOR"


def test_a_name_two_countries_share_previews_nothing_even_when_one_is_counted(
    agenda: Workshop,
) -> None:
    agenda.record_interest(agenda.presentations()[0].uid, "kor")
    assert previewed(agenda, "kor") == "South Korea"  # the code
    assert previewed(agenda, "korea") is None  # North or South: asked
    assert previewed(agenda, "Corée") is None  # the same in French, in an English workshop
    [part] = agenda.preview("Corée")
    assert part.completion is None


def test_the_workshop_language_names_what_the_preview_records(agenda: Workshop) -> None:
    agenda.record_interest(agenda.presentations()[0].uid, "kor")
    agenda.set_info(language="fr")
    found = agenda.complete("tha")
    assert found is not None and (found.country.name, found.rest) == ("Thaïlande", "ïlande")
    assert previewed(agenda, "allem") == "Allemagne"  # a French beginning completes
    assert previewed(agenda, "germ") == "Allemagne"  # so does an English one, named in French
    assert previewed(agenda, "ru") == "Fédération de Russie"  # a code, named in French
    assert previewed(agenda, "k") == "Kazakhstan"  # presenting, ranked first as before
    assert previewed(agenda, "core") == "Corée du Sud"  # counted here: the beginning is enough
    assert previewed(agenda, "Corée") is None  # but the name means two countries
    assert previewed(agenda, "alem") is None  # a Spanish beginning only suggests
    names = [p.completion.country.name for p in agenda.preview("kaz, tha") if p.completion]
    assert names == ["Kazakhstan", "Thaïlande"]
