"""The report model: wording, plurals in six languages, names, order, the document it lays out,
and the seed's Table 1 computed, not typed."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

import pytest

from matchdesk.store.errors import InvalidValue
from matchdesk.store.exchange.document import Column, Fields, Heading, Items, Paragraph, Table
from matchdesk.store.exchange.i18n import wording
from matchdesk.store.exchange.workshop_report import (
    attendance_text,
    build_report,
    channel_sentence,
    format_date,
    header_fields,
    report_document,
    totals_sentences,
)
from matchdesk.store.models import (
    Channel,
    Country,
    CountryCount,
    Interest,
    Mode,
    Presentation,
    PresentationTally,
    PresentingCount,
    Tallies,
    Totals,
    WorkshopInfo,
)

# -- builders (shared with test_export_formats.py, which loads this file by path) -------------

COUNTRIES: dict[str, Country] = {
    c.code: c
    for c in (
        Country("KAZ", "Kazakhstan", "Republic of Kazakhstan"),
        Country("PHL", "Philippines", "Republic of the Philippines"),
        Country("THA", "Thailand", "Kingdom of Thailand"),
        Country("BGD", "Bangladesh", "People's Republic of Bangladesh"),
        Country("RUS", "Russian Federation", "Russian Federation"),
        Country("GEO", "Georgia", "Georgia"),
        Country("FRA", "France", "French Republic"),
        Country("NPL", "Nepal", "Federal Democratic Republic of Nepal"),
        Country("BIH", "Bosnia and Herzegovina", "Republic of Bosnia and Herzegovina"),
        Country("NGA", "Nigeria", "Federal Republic of Nigeria"),
        Country("IND", "India", "Republic of India"),
        Country("FJI", "Fiji", "Republic of Fiji"),
        Country("X-CARPATHIAN", "Carpathian Ukraine", "Carpathian Ukraine", custom=True),
    )
}

# The seed's "Table 1", by code: (best practice, presenting country, interested countries).
SEED: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    (
        "Measures Taken Towards Ensuring Access to Public Services for Population",
        "KAZ",
        ("KAZ", "PHL", "THA"),
    ),
    ("Rapid Digitization", "BGD", ("PHL", "THA", "KAZ", "RUS", "X-CARPATHIAN")),
    ("Fostering e-governance in service delivery", "GEO", ("FRA", "KAZ", "NPL", "THA", "PHL")),
    (
        "Common Assessment Framework as TQM tool for better services to citizens",
        "BIH",
        ("FRA", "BIH", "KAZ", "X-CARPATHIAN"),
    ),
    ("Lagos State Employment Trust Fund", "NGA", ("KAZ", "RUS")),
    (
        "Anywhere Any time One call- for Doctor/Health advice: Nation wise Telehealth Services",
        "BGD",
        ("KAZ", "X-CARPATHIAN"),
    ),
    ("Project Rangeet", "IND", ("KAZ", "THA", "RUS", "BIH")),
    (
        "Re-thinking Professional and Skills Development through Blended Training",
        "BGD",
        ("X-CARPATHIAN", "IND", "KAZ", "NPL", "THA"),
    ),
    (
        "Glocal Teen Hero, GTH has seen extraordinary teenagers who have achieved amazing "
        "things and dared to pursue their aspirations.",
        "NPL",
        ("KAZ", "IND", "THA", "PHL"),
    ),
    (
        "Smart Initiatives to Increase Productivity at PIDF",
        "FJI",
        ("KAZ", "RUS", "X-CARPATHIAN", "THA", "PHL"),
    ),
)

SEED_INFO = WorkshopInfo(
    title="Matchmaking Workshop on “Public Service Delivery in the Era of SDGs”",
    date="2021-10-29",
    venue="Nur-Sultan, Kazakhstan",
    organisers=("SSN4PSI", "ACSH", "UNOSSC"),
    mode=Mode.HYBRID,
    attendance_in_room=40,
    attendance_online=88,
)

Spec = tuple[str, str, Sequence[str]]  # title, presenting code, interested codes
Extra = dict[str, str]  # per interest: optional channel / note / presenter / theme


def build_tallies(
    specs: Sequence[Spec],
    *,
    countries: dict[str, Country] = COUNTRIES,
    channels: Sequence[Channel] = (),
    notes: dict[tuple[int, int], str] | None = None,
    presenters: dict[int, str] | None = None,
    themes: dict[int, str] | None = None,
) -> Tallies:
    """Tallies straight from the dataclasses, counted the way docs/app.md ("Tallies") defines them.

    ``channels`` cycles over the interests in order; ``notes`` maps (row, interest) -> note.
    """
    notes = notes or {}
    presenters = presenters or {}
    themes = themes or {}
    rows: list[PresentationTally] = []
    interested: Counter[str] = Counter()
    by_channel: Counter[str] = Counter({c.value: 0 for c in Channel})
    presented: Counter[str] = Counter()
    received: Counter[str] = Counter()
    matrix: Counter[tuple[str, str]] = Counter()
    serial = 0
    for index, (title, code, interested_codes) in enumerate(specs):
        presentation = Presentation(
            uid=f"p{index}",
            title=title,
            country=countries[code],
            presenter=presenters.get(index, ""),
            theme=themes.get(index, ""),
            position=index + 1,
        )
        interests = []
        for number, other in enumerate(interested_codes):
            channel = channels[serial % len(channels)] if channels else Channel.UNSPECIFIED
            serial += 1
            interests.append(
                Interest(
                    uid=f"i{index}-{number}",
                    presentation_uid=presentation.uid,
                    country=countries[other],
                    channel=channel,
                    note=notes.get((index, number), ""),
                    captured_at=f"2021-10-29T10:{serial // 60:02d}:{serial % 60:02d}Z",
                )
            )
            interested[other] += 1
            by_channel[channel.value] += 1
            matrix[(code, other)] += 1
        presented[code] += 1
        received[code] += len(interests)
        rows.append(
            PresentationTally(presentation, tuple(i.country for i in interests), tuple(interests))
        )
    totals = Totals(
        presentations=len(rows),
        presenting_countries=len(presented),
        interests=sum(interested.values()),
        interested_countries=len(interested),
        countries_involved=len(set(presented) | set(interested)),
        by_channel=dict(by_channel),
    )
    return Tallies(
        totals=totals,
        presentations=tuple(rows),
        interested_countries=tuple(
            CountryCount(countries[c], n) for c, n in interested.most_common()
        ),
        presenting_countries=tuple(
            PresentingCount(countries[c], n, received[c]) for c, n in presented.items()
        ),
        matrix=dict(matrix),
    )


# -- header -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("iso", "printed"),
    [
        ("2021-10-29", "29 October 2021"),
        ("2022-01-05", "5 January 2022"),
        ("", ""),
        ("late October", "late October"),
        ("2021-13-01", "2021-13-01"),
    ],
)
def test_dates_read_like_the_report(iso: str, printed: str) -> None:
    assert format_date(iso) == printed


def test_attendance_in_words() -> None:
    assert attendance_text(40, 88) == "40 in the room and 88 online"
    assert attendance_text(40, None) == "40 in the room"
    assert attendance_text(None, 0) == "0 online"
    assert attendance_text(None, None) == ""


def test_header_lists_what_is_known_in_order() -> None:
    fields = header_fields(SEED_INFO)
    assert [(f.label, f.value) for f in fields] == [
        ("Date", "29 October 2021"),
        ("Venue", "Nur-Sultan, Kazakhstan"),
        ("Organisers", "SSN4PSI, ACSH and UNOSSC"),
        ("Mode", "Hybrid"),
        ("Attendance", "40 in the room and 88 online"),
    ]
    assert header_fields(WorkshopInfo()) == ()
    single = header_fields(WorkshopInfo(organisers=("UNOSSC",), mode=Mode.ONLINE))
    assert [(f.label, f.value) for f in single] == [("Organiser", "UNOSSC"), ("Mode", "Online")]


@pytest.mark.parametrize(
    ("lang", "joined"),
    [("en", "A, B and C"), ("fr", "A, B et C"), ("ru", "A, B и C"), ("zh", "A、B和C")],
)
def test_lists_are_joined_as_each_language_writes_them(lang: str, joined: str) -> None:
    join = wording(lang).join
    assert join([]) == ""
    assert join(["A", ""]) == "A"
    assert join(["A", "", "B", "C"]) == joined


@pytest.mark.parametrize(
    ("lang", "printed"),
    [
        ("fr", "29 octobre 2021"),
        ("es", "29 de octubre de 2021"),
        ("ru", "29 октября 2021\u202fг."),  # CLDR: a narrow no-break space
        ("zh", "2021年10月29日"),
    ],
)
def test_dates_in_the_reports_languages(lang: str, printed: str) -> None:
    assert format_date("2021-10-29", lang) == printed


def test_header_in_french() -> None:
    fields = header_fields(SEED_INFO, "fr")
    assert [(f.label, f.value) for f in fields] == [
        ("Date", "29 octobre 2021"),
        ("Lieu", "Nur-Sultan, Kazakhstan"),
        ("Organisateurs", "SSN4PSI, ACSH et UNOSSC"),
        ("Format", "Hybride"),
        ("Participation", "40 en présentiel et 88 en ligne"),
    ]


# -- sentences --------------------------------------------------------------------------------


def test_seed_totals_sentence_is_the_reports_with_the_right_number() -> None:
    report = build_report(SEED_INFO, build_tallies(SEED))
    assert report.sentences == (
        "The deliberations generated 39 possibilities for partnerships for 10 best practices "
        "presented by 8 countries; 9 countries expressed interest.",
        "In all, 13 countries were involved, presenting or expressing interest.",
    )


def test_singular_sentences() -> None:
    totals = Totals(1, 1, 1, 1, 1, {"online": 1})
    assert totals_sentences(totals) == (
        "The deliberations generated 1 possibility for partnership for 1 best practice "
        "presented by 1 country; 1 country expressed interest.",
        "In all, 1 country was involved, presenting or expressing interest.",
    )


def test_zero_sentences() -> None:
    assert totals_sentences(Totals()) == ("No best practices have been presented yet.",)
    assert totals_sentences(Totals(2, 1, 0, 0, 1)) == (
        "No possibilities for partnerships were generated for the 2 best practices "
        "presented by 1 country.",
        "In all, 1 country was involved, presenting or expressing interest.",
    )


@pytest.mark.parametrize(
    ("by_channel", "sentence"),
    [
        ({}, ""),
        ({"in_room": 0, "online": 0, "unspecified": 0}, ""),
        (
            {"in_room": 20, "online": 15, "unspecified": 4},
            "Of the 39 possibilities for partnerships, 20 were expressed in the room, "
            "15 online and 4 without a recorded channel.",
        ),
        (
            {"in_room": 1, "online": 2, "unspecified": 0},
            "Of the 3 possibilities for partnerships, 1 was expressed in the room and 2 online.",
        ),
        (
            {"in_room": 0, "online": 7, "unspecified": 0},
            "All 7 possibilities for partnerships were expressed online.",
        ),
        (
            {"online": 0, "in_room": 1},
            "The single possibility for partnership was expressed in the room.",
        ),
        (
            {"unspecified": 39},
            "No channel was recorded for the 39 possibilities for partnerships.",
        ),
    ],
)
def test_channel_sentence(by_channel: dict[str, int], sentence: str) -> None:
    assert channel_sentence(by_channel) == sentence


# -- the model ----------------------------------------------------------------------------------


def test_table_rows_in_agenda_order_with_capture_order_inside() -> None:
    report = build_report(SEED_INFO, build_tallies(SEED))
    assert [row.title for row in report.rows] == [spec[0] for spec in SEED]
    assert report.rows[1].presenting_country == "Bangladesh"
    assert report.rows[1].interested == (
        "Philippines",
        "Thailand",
        "Kazakhstan",
        "Russian Federation",
        "Carpathian Ukraine",
    )
    assert sum(row.count for row in report.rows) == 39


def test_rows_follow_positions_not_list_order() -> None:
    tallies = build_tallies(SEED[:3])
    shuffled = (
        tallies.presentations[2],
        tallies.presentations[0],
        tallies.presentations[1],
    )
    tallies = Tallies(
        tallies.totals,
        shuffled,
        tallies.interested_countries,
        tallies.presenting_countries,
        tallies.matrix,
    )
    report = build_report(WorkshopInfo(), tallies)
    assert [row.title for row in report.rows] == [spec[0] for spec in SEED[:3]]


def test_official_names_everywhere() -> None:
    report = build_report(SEED_INFO, build_tallies(SEED), names="official")
    assert report.rows[0].presenting_country == "Republic of Kazakhstan"
    assert report.rows[0].interested == (
        "Republic of Kazakhstan",
        "Republic of the Philippines",
        "Kingdom of Thailand",
    )
    assert "Carpathian Ukraine" in report.rows[1].interested
    assert report.by_interested_country[0].country == "Republic of Kazakhstan"
    assert "Republic of Kazakhstan" in report.matrix.presenting


def test_official_name_missing_falls_back_to_short() -> None:
    countries = {**COUNTRIES, "GEO": Country("GEO", "Georgia", "")}
    report = build_report(
        WorkshopInfo(), build_tallies([("t", "GEO", ["GEO"])], countries=countries), "official"
    )
    assert report.rows[0].presenting_country == "Georgia"


def test_unknown_names_option_is_refused() -> None:
    with pytest.raises(InvalidValue, match="short or official"):
        build_report(WorkshopInfo(), build_tallies(SEED), names="long")


def test_counts_per_country_and_matrix() -> None:
    report = build_report(SEED_INFO, build_tallies(SEED))
    interested = {line.country: line.interests for line in report.by_interested_country}
    assert interested["Kazakhstan"] == 10
    assert interested["Carpathian Ukraine"] == 5
    assert sum(interested.values()) == 39
    presenting = {line.country: line for line in report.by_presenting_country}
    assert presenting["Bangladesh"].presentations == 3
    assert presenting["Bangladesh"].interests_received == 12
    matrix = report.matrix
    cell = matrix.counts[matrix.presenting.index("Bangladesh")][
        matrix.interested.index("Carpathian Ukraine")
    ]
    assert cell == 3  # Rapid Digitization, Telehealth, Blended Training
    assert sum(map(sum, matrix.counts)) == 39


def test_channels_in_the_model() -> None:
    tallies = build_tallies(SEED, channels=(Channel.IN_ROOM, Channel.ONLINE, Channel.ONLINE))
    report = build_report(SEED_INFO, tallies)
    assert [(line.label, line.interests) for line in report.channels] == [
        ("In the room", 13),
        ("Online", 26),
    ]
    assert report.channel_sentence == (
        "Of the 39 possibilities for partnerships, 13 were expressed in the room and 26 online."
    )


def test_empty_workshop_report() -> None:
    report = build_report(WorkshopInfo(), build_tallies([]))
    assert report.title == "Matchmaking workshop"
    assert report.rows == ()
    assert report.channel_sentence == ""
    assert report.matrix.counts == ()


def test_official_names_in_another_language_come_from_pycountry() -> None:
    report = build_report(SEED_INFO, build_tallies(SEED), names="official", lang="fr")
    assert report.rows[0].presenting_country == "République du Kazakhstan"
    assert "Carpathian Ukraine" in report.rows[1].interested  # a custom name stays as typed


# -- plurals in the six languages --------------------------------------------------------------


def test_french_and_russian_headlines_name_every_number() -> None:
    totals = build_report(SEED_INFO, build_tallies(SEED)).totals
    assert totals_sentences(totals, "fr")[0] == (
        "Les délibérations ont fait émerger 39 possibilités de partenariat pour 10 bonnes "
        "pratiques présentées par 8 pays\u00a0; 9 pays ont manifesté leur intérêt."
    )
    assert totals_sentences(totals, "ru") == (
        "В ходе обсуждений было выявлено 39 возможностей для партнёрства по 10 передовым "
        "практикам, представленным 8 странами; 9 стран выразили интерес.",
        "Всего в работе участвовали 13 стран, представивших практики или выразивших интерес.",
    )


@pytest.mark.parametrize(
    ("count", "phrase"),
    [
        (1, "была выявлена 1 возможность"),
        (2, "были выявлены 2 возможности"),
        (5, "было выявлено 5 возможностей"),
        (11, "было выявлено 11 возможностей"),
        (21, "была выявлена 21 возможность"),
        (24, "были выявлены 24 возможности"),
        (112, "было выявлено 112 возможностей"),
    ],
)
def test_russian_takes_the_form_its_number_needs(count: int, phrase: str) -> None:
    assert phrase in totals_sentences(Totals(1, 1, count, 1, 2), "ru")[0]


@pytest.mark.parametrize(
    ("count", "phrase"),
    [
        (1, "عن فرصة واحدة للشراكة"),  # one: the noun, then "one"
        (2, "عن فرصتين للشراكة"),  # two: the dual, no numeral
        (3, "عن 3 فرص للشراكة"),  # 3-10: plural
        (11, "عن 11 فرصة للشراكة"),  # 11-99: singular
        (100, "عن 100 فرصة للشراكة"),
    ],
)
def test_arabic_takes_each_of_its_plural_forms(count: int, phrase: str) -> None:
    assert phrase in totals_sentences(Totals(1, 1, count, 1, 2), "ar")[0]


def test_one_million_in_french_takes_de() -> None:
    sentence = totals_sentences(Totals(1, 1, 1_000_000, 1, 2), "fr")[0]
    assert "1000000 de possibilités de partenariat" in sentence


@pytest.mark.parametrize("lang", ["fr", "es", "ru", "ar", "zh"])
def test_every_sentence_is_translated(lang: str) -> None:
    """No English left in a translated report's fixed text."""
    report = build_report(
        SEED_INFO,
        build_tallies(SEED, channels=(Channel.IN_ROOM, Channel.ONLINE)),
        lang=lang,
    )
    english = build_report(
        SEED_INFO, build_tallies(SEED, channels=(Channel.IN_ROOM, Channel.ONLINE))
    )
    for ours, theirs in zip(
        (*report.sentences, report.channel_sentence, report.title),
        (*english.sentences, english.channel_sentence, english.title),
        strict=True,
    ):
        assert ours and (ours != theirs or ours == SEED_INFO.title)
    assert "39" in report.sentences[0] and "13" in report.sentences[1]


def test_unknown_language_is_refused() -> None:
    with pytest.raises(InvalidValue, match="en, fr, es, ru, ar, zh"):
        build_report(WorkshopInfo(), build_tallies(SEED), lang="de")


# -- the document -------------------------------------------------------------------------------


def test_the_report_as_a_document_in_the_markdown_order() -> None:
    report = build_report(
        SEED_INFO,
        build_tallies([*SEED, ("Nobody wanted this", "FJI", ())], channels=(Channel.ONLINE,)),
    )
    document = report_document(report)
    assert document.title == SEED_INFO.title
    assert [block.text for block in document.blocks if isinstance(block, Heading)] == [
        "Totals",
        "Interest by country",
        "Presenting countries",
        "Channels",
    ]
    header = document.blocks[0]
    assert isinstance(header, Fields)
    assert header.fields[0].label == "Date:"
    table = next(block for block in document.blocks if isinstance(block, Table))
    assert table.caption == "Table 1: Expression of interest"  # a caption, not a heading
    assert table.source == (
        "Source: the expressions of interest recorded at the workshop, 29 October 2021."
    )
    assert table.columns == (
        Column("Best practice"),
        Column("Country sharing the idea"),
        Column("Countries interested"),
    )
    assert table.rows[0] == (
        SEED[0][0],
        "Kazakhstan",
        Items(("Kazakhstan", "Philippines", "Thailand"), numbered=True),
    )
    assert table.rows[-1][2] == Items((), numbered=True)  # shown as "—" by every writer
    paragraphs = [block.text for block in document.blocks if isinstance(block, Paragraph)]
    assert paragraphs[0].startswith("The deliberations generated 39 possibilities")
    by_country = [block for block in document.blocks if isinstance(block, Table)][1]
    assert by_country.columns[1].numeric
    assert by_country.rows[0] == ("Kazakhstan", 10)


def test_more_blocks_follow_the_report() -> None:
    """A later section (follow-up, network) plugs in as blocks after the report's own."""
    extra = (Heading("Follow-up"), Items(("Contacted: 3",)))
    document = report_document(build_report(SEED_INFO, build_tallies(SEED)), *extra)
    assert document.blocks[-2:] == extra
