"""The network report: the roll-up of many workshops as a format-free ``Document``.

The same view the command prints and the screen shows, worded in the report's language
(stage names, outcomes and the UN M49 region names too), so ``--format md|docx|xlsx`` reuse
the workshop report's writers and no writer counts anything itself.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from matchdesk.store.errors import InvalidValue
from matchdesk.store.exchange import document as doc
from matchdesk.store.exchange.export import _check_paper
from matchdesk.store.exchange.export._zip import fixed_timestamp
from matchdesk.store.exchange.export.markdown import render_markdown
from matchdesk.store.exchange.i18n import Wording, check_lang, wording
from matchdesk.store.exchange.workshop_report import CountryLabels, check_names, format_date
from matchdesk.store.followup import OUTCOMES, Outcome, Stage
from matchdesk.store.followup import STAGES as FOLLOWUP_STAGES
from matchdesk.store.followup.exports import stage_name
from matchdesk.store.models import Country
from matchdesk.store.network.region_names import region_name
from matchdesk.store.network.rollup import Measures, NetworkView, RegionMatrix
from matchdesk.store.network.workshop_funnels import Funnel, stage_labels

# The network funnel's lines ("closed: not pursued") as the follow-up's stages and outcomes,
# so the report names them as the workshop report does, in its language.
_STAGE_OF: dict[str, Stage | Outcome] = dict(
    zip(stage_labels(), (*FOLLOWUP_STAGES, *OUTCOMES), strict=True)
)


def _place(label: str, w: Wording) -> str:
    return region_name(label, w)


def totals_sentence(totals: Measures, w: Wording) -> str:
    """What the network produced, as a sentence to paste."""
    if not totals.workshops:
        return w.gettext("No workshop was found.")
    parts = {
        "workshops": w.npgettext(
            "network totals", "{n} workshop", "{n} workshops", totals.workshops
        ),
        "possibilities": w.npgettext(
            "generated …",
            "{n} possibility for partnership",
            "{n} possibilities for partnerships",
            totals.possibilities,
        ),
        "practices": w.npgettext(
            "network totals", "{n} best practice", "{n} best practices", totals.practices
        ),
        "presentations": w.npgettext(
            "network totals", "{n} presentation", "{n} presentations", totals.presentations
        ),
        "countries": w.npgettext(
            "network totals", "{n} country", "{n} countries", totals.countries_involved
        ),
        "pairs": w.npgettext(
            "network totals",
            "{n} distinct pair of countries",
            "{n} distinct pairs of countries",
            totals.country_pairs,
        ),
    }
    # TRANSLATORS: never let the sentence begin with the number of workshops.
    return w.gettext(
        "In all, {workshops} generated {possibilities} for {practices} ({presentations}); "
        "{countries} took part, in {pairs}."
    ).format(**parts)


def _measure_columns(w: Wording) -> tuple[doc.Column, ...]:
    return (
        doc.Column(w.gettext("Presentations"), numeric=True),
        # TRANSLATORS: a column of counts of possibilities for partnerships (kept short).
        doc.Column(w.gettext("Possibilities"), numeric=True),
        doc.Column(w.gettext("Country pairs"), numeric=True),
        doc.Column(w.gettext("Countries"), numeric=True),
    )


def _measure_cells(m: Measures) -> tuple[int, ...]:
    return (m.presentations, m.possibilities, m.country_pairs, m.countries_involved)


def _date(iso: str, w: Wording) -> doc.Date:
    """A workshop's date as the language writes it, kept as a day for the workbook."""
    try:
        day: date | None = date.fromisoformat(iso.strip()[:10])
    except ValueError:
        day = None
    return doc.Date(format_date(iso, w.lang), day)


def _followed_up(funnel: Funnel, w: Wording) -> str | int:
    """Possibilities past "interested" (contacted or further, or closed), or "not tracked"."""
    if not funnel.tracked:
        return w.gettext("not tracked")
    return sum(n for stage, n in funnel.stages.items() if _STAGE_OF[stage] is not Stage.INTERESTED)


def header_blocks(view: NetworkView, w: Wording) -> tuple[doc.Block, ...]:
    dates = [row.date for row in view.workshops if row.date]
    fields = [
        doc.Field(
            w.gettext("{label}:").format(label=w.gettext("Workshops")), str(len(view.workshops))
        )
    ]
    if dates:
        first, last = format_date(min(dates), w.lang), format_date(max(dates), w.lang)
        period = first if first == last else f"{first} – {last}"
        fields.append(doc.Field(w.gettext("{label}:").format(label=w.gettext("Period")), period))
    if view.filters.active:
        chosen = w.join([str(year) for year in view.filters.years]) or " – ".join(
            format_date(d, w.lang) if d else "…"
            for d in (view.filters.date_from, view.filters.date_to)
        )
        fields.append(doc.Field(w.gettext("{label}:").format(label=w.gettext("Selection")), chosen))
    return (doc.Fields(tuple(fields)),)


def workshop_blocks(view: NetworkView, w: Wording) -> tuple[doc.Block, ...]:
    """Each workshop, then each year; a follow-up column only once some workshop tracks it
    (the follow-up section says so otherwise)."""
    tracked = view.funnel.tracked
    columns = (
        doc.Column(w.gettext("Workshop")),
        doc.Column(w.gettext("Date")),
        *_measure_columns(w),
        # TRANSLATORS: a column of counts: possibilities contacted or taken further.
        *((doc.Column(w.gettext("Followed up"), numeric=True),) if tracked else ()),
    )
    rows = tuple(
        (
            row.title or row.path.name,
            _date(row.date, w),
            *_measure_cells(row.measures),
            *((_followed_up(row.funnel, w),) if tracked else ()),
        )
        for row in view.workshops
    )
    years = tuple(
        (
            int(year.year) if year.year.isdigit() else w.gettext("Undated"),
            year.measures.workshops,
            *_measure_cells(year.measures),
        )
        for year in view.years
    )
    year_columns = (
        doc.Column(w.gettext("Year")),
        doc.Column(w.gettext("Workshops"), numeric=True),
        *_measure_columns(w),
    )
    return (
        doc.Heading(w.gettext("Workshops")),
        doc.Table(columns, rows),
        doc.Heading(w.gettext("By year")),
        doc.Table(year_columns, years),
    )


def country_blocks(
    view: NetworkView, w: Wording, label: Callable[[Country], str]
) -> tuple[doc.Block, ...]:
    columns = (
        doc.Column(w.gettext("Country")),
        doc.Column(w.gettext("Region")),
        doc.Column(w.gettext("Sub-region")),
        doc.Column(w.gettext("Practices offered"), numeric=True),
        doc.Column(w.gettext("Interest expressed"), numeric=True),
        doc.Column(w.gettext("Interest received"), numeric=True),
    )
    rows = tuple(
        (
            label(row.country),
            _place(row.place.region, w),
            _place(row.place.sub_region, w) if row.place.sub_region else doc.NONE,
            row.practices_offered,
            row.interest_expressed,
            row.interest_received,
        )
        for row in view.countries
    )
    return (doc.Heading(w.gettext("Countries")), doc.Table(columns, rows))


def practice_blocks(
    view: NetworkView, w: Wording, label: Callable[[Country], str]
) -> tuple[doc.Block, ...]:
    heading = doc.Heading(w.gettext("Repeated practices"))
    if not view.repeated:
        return (
            heading,
            doc.Paragraph(w.gettext("No practice has been linked across workshops yet.")),
        )
    columns = (
        doc.Column(w.gettext("Best practice")),
        doc.Column(w.gettext("Country sharing the idea")),
        doc.Column(w.gettext("Presented at")),
    )
    rows = tuple(
        (
            practice.title,
            label(practice.country),
            doc.Items(
                tuple(
                    w.gettext("{workshop}, {date}: {possibilities}").format(
                        workshop=view.workshops[s.workshop].title,
                        date=format_date(view.workshops[s.workshop].date, w.lang),
                        possibilities=w.npgettext(
                            "generated …",
                            "{n} possibility for partnership",
                            "{n} possibilities for partnerships",
                            s.interests,
                        ),
                    )
                    for s in practice.showings
                )
            ),
        )
        for practice in view.repeated
    )
    return (heading, doc.Table(columns, rows))


def matrix_table(matrix: RegionMatrix, corner: str, w: Wording) -> doc.Table:
    """Rows presenting, columns interested, with totals; blank where there is nothing."""
    total = w.gettext("Total")
    columns = (
        doc.Column(corner),
        *(doc.Column(_place(label, w), numeric=True) for label in matrix.labels),
        doc.Column(total, numeric=True),
    )
    rows: list[tuple[str | int, ...]] = [
        (
            _place(row, w),
            *(matrix.cells.get((row, column), "") for column in matrix.labels),
            matrix.row_total(row),
        )
        for row in matrix.labels
    ]
    rows.append((total, *(matrix.column_total(c) for c in matrix.labels), matrix.total))
    return doc.Table(columns, tuple(rows), total=True)


def region_blocks(view: NetworkView, w: Wording) -> tuple[doc.Block, ...]:
    sub = view.sub_regions
    pairs = sorted(
        sub.cells.items(),
        key=lambda kv: (sub.labels.index(kv[0][0]), sub.labels.index(kv[0][1])),
    )
    long_form = doc.Table(
        (
            doc.Column(w.gettext("Presenting sub-region")),
            doc.Column(w.gettext("Interested sub-region")),
            doc.Column(w.gettext("Possibilities for partnerships"), numeric=True),
        ),
        tuple((_place(a, w), _place(b, w), n) for (a, b), n in pairs),
    )
    return (
        doc.Heading(w.gettext("Regions")),
        doc.Paragraph(
            w.gettext(
                "Each cell counts possibilities for partnerships, from the presenting region "
                "(rows) to the interested region (columns), as the UN M49 standard places "
                "countries; a custom country is unassigned until a person places it."
            )
        ),
        matrix_table(view.regions, w.gettext("Presenting \\ interested"), w),
        doc.Heading(w.gettext("Sub-regions")),
        long_form,
    )


def follow_up_blocks(view: NetworkView, w: Wording) -> tuple[doc.Block, ...]:
    heading = doc.Heading(w.gettext("Follow-up"))
    if not view.funnel.tracked:
        return (
            heading,
            doc.Paragraph(w.gettext("Follow-up is not tracked in these workshops yet.")),
        )
    tracked = [row for row in view.workshops if row.funnel.tracked]
    counted = sum(row.measures.possibilities for row in tracked)
    left = view.totals.possibilities - counted
    # TRANSLATORS: "{tracked}" is "2 of the 3 workshops"; the sentence says which
    # possibilities the follow-up table counts.
    scope = w.gettext("Follow-up is recorded in {tracked}: the table counts their {counted}.")
    sentences = [
        scope.format(
            tracked=w.npgettext(
                "follow-up recorded in …",
                "{n} of the {total} workshops",
                "{n} of the {total} workshops",
                len(tracked),
                total=str(len(view.workshops)),
            ),
            counted=w.npgettext(
                "the table counts their …",
                "{n} possibility for partnership",
                "{n} possibilities for partnerships",
                counted,
            ),
        )
    ]
    if len(tracked) < len(view.workshops):
        sentences.append(
            w.npgettext(
                "left out of the follow-up",
                "The other workshops' {n} possibility for partnership is left out, as "
                "nobody has recorded its follow-up yet.",
                "The other workshops' {n} possibilities for partnerships are left out, as "
                "nobody has recorded their follow-up yet.",
                left,
            )
        )
    columns = (
        doc.Column(w.gettext("Stage")),
        doc.Column(w.gettext("Possibilities for partnerships"), numeric=True),
    )
    rows: list[tuple[doc.Cell, ...]] = [
        (stage_name(_STAGE_OF[stage], w), count) for stage, count in view.funnel.stages.items()
    ]
    rows.append((w.gettext("Total"), counted))
    return (
        heading,
        *(doc.Paragraph(sentence) for sentence in sentences),
        doc.Table(columns, tuple(rows), total=True),
    )


def network_document(view: NetworkView, lang: str = "en", names: str = "short") -> doc.Document:
    """The network report in ``lang``: header, totals, workshops and years, countries,
    repeated practices, regions, follow-up, and how many matches wait for a decision."""
    w = wording(lang)
    label = CountryLabels(names, lang)
    waiting = len(view.suggestions)
    blocks: tuple[doc.Block, ...] = (
        *header_blocks(view, w),
        doc.Heading(w.gettext("Totals")),
        doc.Paragraph(totals_sentence(view.totals, w)),
        *workshop_blocks(view, w),
        *country_blocks(view, w, label),
        *practice_blocks(view, w, label),
        *region_blocks(view, w),
        *follow_up_blocks(view, w),
    )
    if waiting:
        blocks += (
            doc.Paragraph(
                w.ngettext(
                    "A person's decision is awaited on {n} suggested match between presentations.",
                    "A person's decision is awaited on {n} suggested matches between "
                    "presentations.",
                    waiting,
                )
            ),
        )
    title = w.gettext("Matchmaking workshops: the network")
    return doc.Document(title=title, lang=lang, blocks=blocks)


NETWORK_FORMATS: tuple[str, ...] = ("md", "docx", "xlsx")


def render_network(
    view: NetworkView, fmt: str, lang: str = "en", names: str = "short", paper: str = "a4"
) -> bytes:
    """The network report's bytes; the same workshops and decisions give the same bytes
    (documents are stamped with the latest workshop's date)."""
    if fmt not in NETWORK_FORMATS:
        raise InvalidValue(f"Unknown format {fmt!r}; choose one of {', '.join(NETWORK_FORMATS)}.")
    check_names(names)
    _check_paper(paper)
    document = network_document(view, check_lang(lang), names)
    if fmt == "md":
        return render_markdown(document)
    when = fixed_timestamp(max((row.date for row in view.workshops), default=""))
    if fmt == "xlsx":
        from matchdesk.store.exchange.export.xlsx_document import render_document_xlsx  # 18 ms

        return render_document_xlsx(document, when, paper)
    from matchdesk.store.exchange.export.docx_export import render_docx  # ~0.1 s to import

    return render_docx(document, when, paper)
