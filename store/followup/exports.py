"""The follow-up as the exports say it, worded through the report's gettext catalogs.

``store/followup`` counts (``Funnel``) and derives each possibility's state; this module only
words them in the report's language: the funnel sentences and table (``funnel_sentences``,
``funnel_table``), the "Follow-up" section of the Markdown and DOCX report (``followup_blocks``,
appended to ``report_document``), the workbook's "Follow-up" and "History" sheets
(``followup_sheets``) and the CSV's follow-up columns (``csv_columns``). Every number comes
from the records, so each format says the same thing. ``matchdesk followup`` prints the English
wording (``wording("en")``) of the same sentences.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from matchdesk.store.exchange.document import NONE, Block, Column, Heading, Paragraph, Sheet, Table
from matchdesk.store.exchange.i18n import Wording, wording
from matchdesk.store.followup.desk import Followup
from matchdesk.store.followup.funnel import Funnel
from matchdesk.store.followup.records import CONTACTS, NEXT_ACTION, NOTE, OWNER, STAGE, Event, Key
from matchdesk.store.followup.stages import OUTCOMES, Outcome, Stage
from matchdesk.store.followup.state import FollowState, Possibility

# The follow-up columns ``export --format csv --followup`` adds (``followup --import`` reads
# them back, so they stay machine names and English stage values in every language).
CSV_COLUMNS: tuple[str, ...] = (
    "stage",
    "owner",
    "next_action",
    "due",
    "contacts_presenting",
    "contacts_interested",
    "last_activity",
    "last_note",
)


@dataclass(frozen=True)
class FollowupExport:
    """What one export format includes of the follow-up (empty parts: nothing to add)."""

    blocks: tuple[Block, ...] = ()
    sheets: tuple[Sheet, ...] = ()
    columns: tuple[str, ...] = ()
    cells: Mapping[Key, tuple[str, ...]] = field(default_factory=dict)


# -- names -------------------------------------------------------------------------------------
def stage_name(value: Stage | Outcome, w: Wording) -> str:
    """A stage ("Field visit") or a closed possibility's outcome ("Closed: not pursued"), as
    a table cell names it."""
    names = {
        Stage.INTERESTED: w.pgettext("follow-up stage", "Interested"),
        Stage.CONTACTED: w.pgettext("follow-up stage", "Contacted"),
        Stage.LEARNING: w.pgettext("follow-up stage", "Learning and sharing"),
        Stage.FIELD_VISIT: w.pgettext("follow-up stage", "Field visit"),
        Stage.ADAPTATION: w.pgettext("follow-up stage", "Adaptation"),
        Stage.IMPLEMENTED: w.pgettext("follow-up stage", "Implemented"),
        Outcome.ADOPTED: w.pgettext("follow-up outcome", "Closed: adopted"),
        Outcome.ADAPTED: w.pgettext("follow-up outcome", "Closed: adapted in part"),
        Outcome.KNOWLEDGE: w.pgettext("follow-up outcome", "Closed: knowledge gained only"),
        Outcome.NOT_PURSUED: w.pgettext("follow-up outcome", "Closed: not pursued"),
    }
    return names[value]


def state_name(state: FollowState, w: Wording) -> str:
    return stage_name(state.outcome if state.outcome is not None else state.stage, w)


def record_kind(kind: str, w: Wording) -> str:
    """What a history record changed ("Stage", "Note", ...); unknown kinds as stored."""
    kinds = {
        STAGE: w.gettext("Stage"),
        NOTE: w.gettext("Note"),
        OWNER: w.gettext("Owner"),
        NEXT_ACTION: w.gettext("Next action"),
        CONTACTS: w.gettext("Contacts"),
    }
    return kinds.get(kind, kind)


# -- the funnel --------------------------------------------------------------------------------
def _led_to(stage: Stage, count: int, first: bool, w: Wording) -> str:
    """How far ``count`` possibilities got, as one part of the funnel sentence: the first part
    after "contacted" carries the verb ("4 led to field visits"), the others do not ("and 1 to
    an adaptation")."""
    if first:
        phrases = {
            # TRANSLATORS: the first stage named after "12 were contacted" in "Of 39
            # possibilities, 12 were contacted, 4 led to field visits and 1 to an adaptation."
            Stage.LEARNING: w.npgettext(
                "follow-up funnel, first stage reached",
                "{n} led to learning and sharing",
                "{n} led to learning and sharing",
                count,
            ),
            Stage.FIELD_VISIT: w.npgettext(
                "follow-up funnel, first stage reached",
                "{n} led to a field visit",
                "{n} led to field visits",
                count,
            ),
            Stage.ADAPTATION: w.npgettext(
                "follow-up funnel, first stage reached",
                "{n} led to an adaptation",
                "{n} led to adaptations",
                count,
            ),
            Stage.IMPLEMENTED: w.npgettext(
                "follow-up funnel, first stage reached",
                "{n} led to an implementation",
                "{n} led to implementations",
                count,
            ),
        }
        return phrases[stage]
    phrases = {
        # TRANSLATORS: a further stage in the funnel sentence, the verb left out: "and 1 to an
        # adaptation" after "4 led to field visits".
        Stage.LEARNING: w.npgettext(
            "follow-up funnel, further stage reached",
            "{n} to learning and sharing",
            "{n} to learning and sharing",
            count,
        ),
        Stage.FIELD_VISIT: w.npgettext(
            "follow-up funnel, further stage reached",
            "{n} to a field visit",
            "{n} to field visits",
            count,
        ),
        Stage.ADAPTATION: w.npgettext(
            "follow-up funnel, further stage reached",
            "{n} to an adaptation",
            "{n} to adaptations",
            count,
        ),
        Stage.IMPLEMENTED: w.npgettext(
            "follow-up funnel, further stage reached",
            "{n} to an implementation",
            "{n} to implementations",
            count,
        ),
    }
    return phrases[stage]


def _closed_as(outcome: Outcome, count: int, w: Wording) -> str:
    """One outcome in the "closed" sentence ("2 not pursued")."""
    phrases = {
        # TRANSLATORS: the parts of "3 were closed: 1 adapted in part and 2 not pursued."
        Outcome.ADOPTED: w.npgettext("follow-up, closed as", "{n} adopted", "{n} adopted", count),
        Outcome.ADAPTED: w.npgettext(
            "follow-up, closed as", "{n} adapted in part", "{n} adapted in part", count
        ),
        Outcome.KNOWLEDGE: w.npgettext(
            "follow-up, closed as",
            "{n} with knowledge gained only",
            "{n} with knowledge gained only",
            count,
        ),
        Outcome.NOT_PURSUED: w.npgettext(
            "follow-up, closed as", "{n} not pursued", "{n} not pursued", count
        ),
    }
    return phrases[outcome]


# Past "contacted", the stages the funnel sentence names (each where someone recorded it).
_FURTHER = (Stage.LEARNING, Stage.FIELD_VISIT, Stage.ADAPTATION, Stage.IMPLEMENTED)


def funnel_sentences(counts: Funnel, lang: str = "en") -> tuple[str, ...]:
    """The funnel in words ("Of 39 possibilities, 12 were contacted, 4 led to field visits
    and 1 to an adaptation."), then who was closed and who waits; nothing counted here."""
    w = wording(lang)
    total = counts.total
    if not total:
        return (w.gettext("There are no possibilities for partnership to follow up yet."),)
    contacted = counts.count_reached(Stage.CONTACTED)
    # Recorded stages only (``Funnel.reached``): a stage nobody recorded is never named.
    further = [
        (stage, counts.count_reached(stage)) for stage in _FURTHER if counts.count_reached(stage)
    ]
    if not contacted and not further:
        first = w.ngettext(
            "Of {n} possibility, none has been contacted yet.",
            "Of {n} possibilities, none has been contacted yet.",
            total,
        )
    else:
        parts: list[str] = []
        if contacted:
            # TRANSLATORS: "12 were contacted" in "Of 39 possibilities, 12 were contacted, ..."
            said = w.npgettext(
                "follow-up funnel", "{n} was contacted", "{n} were contacted", contacted
            )
            parts.append(said)
        parts += [_led_to(stage, count, n == 0, w) for n, (stage, count) in enumerate(further)]
        # TRANSLATORS: {parts} is "12 were contacted, 4 led to field visits and 1 to an
        # adaptation" (the phrases below, joined as the language lists things).
        first = w.npgettext(
            "follow-up funnel",
            "Of {n} possibility, {parts}.",
            "Of {n} possibilities, {parts}.",
            total,
            parts=w.join(parts),
        )
    out = [first]
    if counts.closed:
        outcomes = [_closed_as(o, counts.count_at(o), w) for o in OUTCOMES if counts.count_at(o)]
        # TRANSLATORS: no sentence of a report begins with a numeral: "Of these, 3 were
        # closed: ..." (rephrase rather than start with the number).
        out.append(
            w.ngettext(
                "Of these, {n} was closed: {outcomes}.",
                "Of these, {n} were closed: {outcomes}.",
                counts.closed,
                outcomes=w.join(outcomes),
            )
        )
    waiting = counts.count_at(Stage.INTERESTED)
    if waiting and contacted:
        out.append(
            # TRANSLATORS: not beginning with the number, as every sentence of a report.
            w.ngettext(
                "As yet, {n} has not been contacted.",
                "As yet, {n} have not been contacted.",
                waiting,
            )
        )
    return tuple(out)


def funnel_table(counts: Funnel, lang: str = "en") -> Table:
    """One line per stage and outcome, then the total: the lines add up to it."""
    w = wording(lang)
    columns = (
        Column(w.gettext("Stage")),
        Column(w.gettext("Possibilities for partnerships"), numeric=True),
    )
    rows: list[tuple[str, int]] = [(stage_name(value, w), count) for value, count in counts.at]
    rows.append((w.gettext("Total"), counts.total))
    return Table(columns, tuple(rows), total=True)


def followup_blocks(desk: Followup, lang: str = "en") -> tuple[Block, ...]:
    """The report's "Follow-up" section; nothing while no possibility moved past
    "interested"."""
    counts = desk.funnel()
    if not counts.moved:
        return ()
    w = wording(lang)
    return (
        Heading(w.gettext("Follow-up")),
        *(Paragraph(sentence) for sentence in funnel_sentences(counts, lang)),
        funnel_table(counts, lang),
    )


# -- the workbook ------------------------------------------------------------------------------
def _details(event: Event, w: Wording) -> str:
    """What a history record set, in words ("Closed: not pursued (at Contacted)")."""
    if event.kind == STAGE:
        stage = stage_name(Stage(event.value("stage")), w)
        outcome = event.value("outcome")
        if not outcome:
            return stage
        # TRANSLATORS: a closing in the History sheet: "Closed: not pursued (at Contacted)",
        # {stage} being the stage it had reached when it was closed.
        return w.gettext("{outcome} (at {stage})").format(
            outcome=stage_name(Outcome(outcome), w), stage=stage
        )
    if event.kind == NEXT_ACTION:
        action, due = event.value("action") or NONE, event.value("due")
        return w.gettext("{action}, due {due}").format(action=action, due=due) if due else action
    if event.kind == CONTACTS:
        return w.gettext("Sharing: {presenting}; interested: {interested}").format(
            presenting=event.value("presenting") or NONE,
            interested=event.value("interested") or NONE,
        )
    return event.value("text" if event.kind == NOTE else "owner") or NONE


def followup_sheets(desk: Followup, names: str = "short", lang: str = "en") -> tuple[Sheet, ...]:
    """The "Follow-up" sheet (one row per possibility) and the "History" sheet (every record,
    oldest first); none before any follow-up was recorded."""
    # imported when used: ``matchdesk followup`` lays out no sheet (the module: 6 ms to import)
    from matchdesk.store.exchange.workshop_report import CountryLabels

    if not desk.has_records():
        return ()
    w = wording(lang)
    label = CountryLabels(names, lang)
    possibilities = desk.possibilities()

    def named(p: Possibility) -> tuple[str, str, str]:
        return (p.presentation.title, label(p.presentation.country), label(p.country))

    head: tuple[str, ...] = (w.gettext("Best practice"), w.gettext("Country sharing the idea"))
    head += (w.gettext("Interested country"),)
    rows = tuple(
        (
            *named(p),
            state_name(p.state, w),
            p.state.owner,
            p.state.next_action,
            p.state.due,
            p.last_activity[:10],
            p.state.contacts_presenting,
            p.state.contacts_interested,
            "\n".join(p.state.notes),
            w.join([record_kind(kind, w) for kind in p.state.conflicts]),
        )
        for p in possibilities
    )
    followup = Sheet(
        w.gettext("Follow-up"),
        (
            *head,
            w.gettext("Stage"),
            w.gettext("Owner"),
            w.gettext("Next action"),
            w.gettext("Due"),
            w.gettext("Last activity"),
            w.gettext("Contacts (sharing)"),
            w.gettext("Contacts (interested)"),
            w.gettext("Notes"),
            w.gettext("Changed on two laptops"),
        ),
        rows,
        days=frozenset({6, 7}),
    )
    found = {p.key: p for p in possibilities}
    history = Sheet(
        w.gettext("History"),
        (
            w.gettext("When (UTC)"),
            *head,
            w.gettext("Change"),
            w.gettext("Details"),
            w.gettext("Device"),
            w.gettext("Changed on two laptops"),
        ),
        tuple(
            (
                event.at,
                *named(found[event.key]),
                record_kind(event.kind, w),
                _details(event, w),
                event.device,
                w.gettext("yes") if event.concurrent else "",
            )
            for event in desk.all_events()
        ),
        times=frozenset({0}),
    )
    return (followup, history)


# -- the CSV columns ---------------------------------------------------------------------------
def csv_cells(desk: Followup) -> dict[Key, tuple[str, ...]]:
    """The ``CSV_COLUMNS`` values of every possibility, as ``followup --import`` reads them."""
    return {
        p.key: (
            p.state.label,
            p.state.owner,
            p.state.next_action,
            p.state.due,
            p.state.contacts_presenting,
            p.state.contacts_interested,
            p.last_activity,
            p.state.notes[-1] if p.state.notes else "",
        )
        for p in desk.possibilities()
    }


def followup_export(
    desk: Followup, fmt: str, names: str = "short", lang: str = "en", *, columns: bool = False
) -> FollowupExport:
    """What ``fmt`` includes of the follow-up (``columns``: the CSV's, when asked); JSON has
    it all in the workshop's dump."""
    if fmt in ("md", "docx"):
        return FollowupExport(blocks=followup_blocks(desk, lang))
    if fmt == "xlsx":
        return FollowupExport(
            blocks=followup_blocks(desk, lang), sheets=followup_sheets(desk, names, lang)
        )
    if fmt == "csv" and columns:
        return FollowupExport(columns=CSV_COLUMNS, cells=csv_cells(desk))
    return FollowupExport()
