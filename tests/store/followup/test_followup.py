"""Follow-up in the store: history records, the derived stage, undo, filters, funnel, merge."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from matchdesk.store.errors import InvalidValue
from matchdesk.store.exchange.importing import import_sources
from matchdesk.store.file.schema import FOLLOWUP
from matchdesk.store.followup import Filter, Followup, Outcome, Stage, merge_followup, parse_stage
from matchdesk.store.followup.exports import funnel_sentences, funnel_table
from matchdesk.store.followup.filters import build_filter
from matchdesk.store.followup.funnel import funnel
from matchdesk.store.followup.state import EMPTY, FollowState
from matchdesk.store.followup.union import union
from matchdesk.store.workshop import Workshop

NOW = dt.datetime.now(dt.UTC)
YESTERDAY = (NOW - dt.timedelta(days=1)).date().isoformat()
NEXT_MONTH = (NOW + dt.timedelta(days=30)).date().isoformat()


@pytest.fixture
def desk(seeded_file: Path):
    with Workshop.open(seeded_file) as workshop:
        yield Followup(workshop)


def test_words_people_write_are_stages_or_outcomes() -> None:
    assert parse_stage("Field visit") is Stage.FIELD_VISIT
    assert parse_stage("learning_sharing") is Stage.LEARNING
    assert parse_stage("closed: not pursued") is Outcome.NOT_PURSUED
    assert parse_stage("adapted") is Outcome.ADAPTED
    with pytest.raises(InvalidValue, match="not a stage"):
        parse_stage("signed")


def test_every_interest_is_a_possibility_at_interested(desk: Followup) -> None:
    possibilities = desk.possibilities()
    assert len(possibilities) == 39  # the seed's Table 1
    assert {p.state.stage for p in possibilities} == {Stage.INTERESTED}
    assert desk.funnel().count_at(Stage.INTERESTED) == 39


def test_the_stage_is_derived_from_records_that_are_never_overwritten(desk: Followup) -> None:
    key = desk.possibilities()[0].key
    desk.set_stage([key], Stage.CONTACTED)
    desk.set_stage([key], Stage.FIELD_VISIT)
    desk.add_note([key], "Visit to Astana booked")
    assert desk.possibility(key).state.stage is Stage.FIELD_VISIT
    records = list(desk.workshop.ledger.records(FOLLOWUP))
    assert [r["stage"] for r in records if r["kind"] == "stage"] == ["contacted", "field_visit"]
    assert all({"uid", "created_at", "device", "deleted"} <= r.keys() for r in records)
    second = next(r for r in records if r["stage"] == "field_visit")
    first = next(r for r in records if r["stage"] == "contacted")
    assert second["replaces"] == [first["uid"]]


def test_each_action_is_one_undo_step_even_on_many(desk: Followup) -> None:
    keys = [p.key for p in desk.possibilities()[:12]]
    desk.set_stage(keys, Stage.CONTACTED)
    desk.set_owner(keys[:3], "Dana")
    assert desk.funnel().count_at(Stage.CONTACTED) == 12
    desk.workshop.undo()
    assert {desk.possibility(k).state.owner for k in keys} == {""}
    desk.workshop.undo()
    assert desk.funnel().count_at(Stage.CONTACTED) == 0
    desk.workshop.redo()
    assert desk.funnel().count_at(Stage.CONTACTED) == 12
    # undone records are tombstoned, not removed: the history keeps them
    assert len(list(desk.workshop.ledger.records(FOLLOWUP, deleted=True))) == 15


def test_an_unchanged_value_writes_nothing(desk: Followup) -> None:
    key = desk.possibilities()[0].key
    desk.set_owner([key], "Dana")
    revision = desk.workshop.revision
    assert desk.set_owner([key], "Dana") is None
    assert desk.set_stage([key], Stage.INTERESTED) is None
    assert desk.workshop.revision == revision


def test_closing_reopening_and_advancing(desk: Followup) -> None:
    a, b = (p.key for p in desk.possibilities()[:2])
    desk.set_stage([a], Stage.FIELD_VISIT)
    desk.set_stage([a], outcome=Outcome.ADAPTED)
    state = desk.possibility(a).state
    assert state.closed and state.stage is Stage.FIELD_VISIT and state.reached is Stage.ADAPTATION
    desk.advance([a, b])  # a closed one stays; b moves on
    assert desk.possibility(a).state.outcome is Outcome.ADAPTED
    assert desk.possibility(b).state.stage is Stage.CONTACTED
    desk.set_stage([a], Stage.ADAPTATION)  # reopened
    assert not desk.possibility(a).state.closed


def test_notes_owner_next_action_and_contacts(desk: Followup) -> None:
    key = desk.possibilities()[3].key
    desk.add_note([key], "Called the ministry")
    desk.add_note([key], "Sent the guidelines")
    desk.set_next_action([key], "Field visit", "2029-12-31")
    desk.set_contacts([key], "A. Ospanov", "M. Reyes")
    state = desk.possibility(key).state
    assert state.notes == ("Called the ministry", "Sent the guidelines")
    for n in range(5):  # several within one millisecond keep their order
        desk.add_note([key], f"quick {n}")
    assert desk.possibility(key).state.notes[2:] == tuple(f"quick {n}" for n in range(5))
    assert (state.next_action, state.due) == ("Field visit", "2029-12-31")
    assert (state.contacts_presenting, state.contacts_interested) == ("A. Ospanov", "M. Reyes")
    with pytest.raises(InvalidValue, match="not a date"):
        desk.set_next_action([key], "Call", "31/12/2029")
    with pytest.raises(InvalidValue, match="cannot be empty"):
        desk.add_note([key], "  ")


def test_filters_select_like_the_secretariat_asks(desk: Followup) -> None:
    workshop = desk.workshop
    kaz = [p.key for p in desk.possibilities() if p.country.code == "KAZ"]
    desk.set_stage(kaz, Stage.CONTACTED)
    desk.set_owner(kaz[:2], "Dana")
    desk.set_next_action(kaz[:1], "Visit", YESTERDAY)  # overdue
    desk.set_next_action(kaz[1:2], "Visit", NEXT_MONTH)
    desk.set_stage(kaz[2:3], outcome=Outcome.NOT_PURSUED)
    by = lambda **kw: desk.select(build_filter(workshop, **kw), NOW)  # noqa: E731
    assert len(by(interested="kazakhstan")) == len(kaz)
    assert {p.key for p in by(stage="contacted")} == set(kaz) - {kaz[2]}
    assert [p.key for p in by(stage="not pursued")] == [kaz[2]]
    assert len(by(stage="closed")) == 1
    assert [p.key for p in by(overdue=True)] == [kaz[0]]
    assert len(by(owner="DANA")) == 2
    assert len(by(owner="-")) == 39 - 2
    assert all(p.presentation.country.code == "BGD" for p in by(presenting="bgd"))
    assert all(p.number == 2 for p in by(presentation="2"))
    # stale: captured long ago (the seed's day too) and nothing since; a note makes one fresh
    old = workshop.add_presentation("Open data portal", "est")
    workshop.record_interests(old.uid, "fji, npl", captured_at="2021-10-29T10:00:00Z")
    workshop.record_interests(old.uid, "tha")  # captured now: fresh
    untouched = {p.key for p in desk.possibilities() if not p.state.records}
    assert {p.key for p in by(stale=30)} == untouched - {(old.uid, "THA")}
    assert {(old.uid, "FJI"), (old.uid, "NPL")} <= untouched
    desk.add_note([(old.uid, "FJI")], "Wrote to the focal point")
    assert {p.key for p in by(stale=30)} == untouched - {(old.uid, "THA"), (old.uid, "FJI")}
    assert by(stale=36_500) == []
    with pytest.raises(InvalidValue, match="No interested country"):
        build_filter(workshop, interested="Atlantis")


def test_undone_and_concurrent_records_leave_the_derived_state_consistent(desk: Followup) -> None:
    key = desk.possibilities()[0].key
    desk.set_stage([key], Stage.CONTACTED)
    desk.set_stage([key], Stage.LEARNING)
    desk.workshop.undo()
    assert desk.possibility(key).state.stage is Stage.CONTACTED
    assert not desk.possibility(key).state.conflicts
    desk.set_stage([key], Stage.FIELD_VISIT)  # replaces "contacted", not the undone record
    assert not desk.possibility(key).state.conflicts


def _laptop(source: Path, target: Path, device: str) -> Workshop:
    shutil.copy(source, target)
    return Workshop.open(target, device=device)


def test_two_laptops_follow_up_merges_without_losing_a_note(
    seeded_file: Path, tmp_path: Path
) -> None:
    with Workshop.open(seeded_file) as workshop:
        desk = Followup(workshop)
        key, other = (p.key for p in desk.possibilities()[:2])
        desk.set_stage([key], Stage.CONTACTED)  # both laptops start from this
    a = _laptop(seeded_file, tmp_path / "a.json", "laptop-a")
    b = _laptop(seeded_file, tmp_path / "b.json", "laptop-b")
    try:
        desk_a, desk_b = Followup(a), Followup(b)
        desk_a.add_note([key], "A: called the ministry")
        desk_a.set_stage([key], Stage.FIELD_VISIT)
        desk_b.add_note([key], "B: sent the guidelines")
        desk_b.set_stage([key], Stage.LEARNING)  # concurrent with A's field visit
        desk_b.add_note([other], "B: waiting for the focal point")
        desk_b.set_owner([other], "Dana")
        a_records = list(a.ledger.records(FOLLOWUP, deleted=True))
        assert merge_followup(a, b.ledger.records(FOLLOWUP, deleted=True)) is not None
        assert merge_followup(b, a_records) is not None
        for desk in (desk_a, desk_b):
            state = desk.possibility(key).state
            assert set(state.notes) == {"A: called the ministry", "B: sent the guidelines"}
            assert state.conflicts == ("stage",)  # both kept, flagged
            assert state.stage in (Stage.FIELD_VISIT, Stage.LEARNING)
            assert desk.possibility(other).state.notes == ("B: waiting for the focal point",)
            assert desk.possibility(other).state.owner == "Dana"
            flagged = [e for e in desk.history(key) if e.concurrent]
            assert {e.value("stage") for e in flagged} == {"field_visit", "learning_sharing"}
        # both laptops now hold the same records; merging again changes nothing
        assert _uids(a) == _uids(b)
        assert merge_followup(a, b.ledger.records(FOLLOWUP, deleted=True)) is None
        # one person settles it: the new stage replaces both, the flag goes
        desk_a.set_stage([key], Stage.FIELD_VISIT)
        assert not desk_a.possibility(key).state.conflicts
    finally:
        a.close()
        b.close()


def _uids(workshop: Workshop) -> dict[str, bool]:
    return {d["uid"]: d["deleted"] for d in workshop.ledger.records(FOLLOWUP, deleted=True)}


def test_merging_is_idempotent_commutative_and_an_undo_travels() -> None:
    base = {"uid": "n1", "updated_at": "2030-01-01T00:00:00.000Z", "deleted": False}
    undone = {**base, "updated_at": "2030-01-02T00:00:00.000Z", "deleted": True}
    other = {"uid": "n2", "updated_at": "2030-01-01T00:00:00.000Z", "deleted": False}
    assert union([base], [undone]) == [undone]
    assert union([undone], [base]) == []
    assert union([base, other], [base, other]) == []
    assert union([], [other, base]) == [other, base]


def test_json_export_and_import_carry_the_follow_up(seeded_file: Path, tmp_path: Path) -> None:
    from matchdesk.store.exchange.export import render_workshop

    with Workshop.open(seeded_file) as workshop:
        desk = Followup(workshop)
        keys = [p.key for p in desk.possibilities()[:5]]
        desk.set_stage(keys, Stage.CONTACTED)
        desk.add_note(keys[:1], "first note")
        desk.set_owner(keys[:2], "Dana")
        workshop.undo()  # a tombstoned record travels too
        exported = json.loads(render_workshop(workshop, "json"))
        before = {d["uid"]: d for d in workshop.ledger.records(FOLLOWUP, deleted=True)}
    assert {d["uid"] for d in exported["followup"]} == set(before)
    source = tmp_path / "export.json"
    source.write_text(json.dumps(exported), encoding="utf-8")
    with Workshop.open(tmp_path / "fresh.json") as fresh:
        import_sources(fresh, [source])
        after = {d["uid"]: d for d in fresh.ledger.records(FOLLOWUP, deleted=True)}
        assert after == before  # same uids, same presentations, same everything
        again = Followup(fresh)
        assert again.funnel().count_at(Stage.CONTACTED) == 5
        assert {p.state.owner for p in again.possibilities()} == {""}
        import_sources(fresh, [source])  # a second import adds nothing
        assert len(list(fresh.ledger.records(FOLLOWUP, deleted=True))) == len(before)
    twin = tmp_path / "twin.json"
    twin.write_bytes(source.read_bytes())
    with Workshop.open(tmp_path / "both.json") as both:
        import_sources(both, [source, twin])  # two copies in one import: each record once
        assert {d["uid"]: d for d in both.ledger.records(FOLLOWUP, deleted=True)} == before


def test_a_damaged_follow_up_record_refuses_the_import(seeded_file: Path, tmp_path: Path) -> None:
    from matchdesk.store.errors import ImportFailed
    from matchdesk.store.exchange.export import render_workshop

    with Workshop.open(seeded_file, readonly=True) as workshop:
        exported = json.loads(render_workshop(workshop, "json"))
    first = exported["presentations"][0]
    exported["followup"] = [{"uid": "x", "presentation": first["uid"], "kind": "stage"}]
    source = tmp_path / "damaged.json"
    source.write_text(json.dumps(exported), encoding="utf-8")
    target = tmp_path / "fresh.json"
    with Workshop.open(target) as fresh, pytest.raises(ImportFailed, match="follow-up record 1"):
        import_sources(fresh, [source])
    with Workshop.open(target, readonly=True) as fresh:
        assert not fresh.presentations()  # nothing was written


def test_a_version_2_file_is_migrated_and_then_followed_up(tmp_path: Path) -> None:
    path = tmp_path / "old.json"
    with Workshop.open(path) as workshop:
        workshop.add_presentation("Rapid Digitization", "bgd")
        workshop.record_interests(workshop.presentations()[0].uid, "kaz")
    data = json.loads(path.read_text(encoding="utf-8"))
    next(iter(data["meta"].values()))["schema_version"] = 2
    path.write_text(json.dumps(data), encoding="utf-8")
    with Workshop.open(path) as workshop:
        desk = Followup(workshop)
        desk.set_stage([desk.possibilities()[0].key], Stage.CONTACTED)
        assert workshop.dump()["followup"][0]["stage"] == "contacted"
    assert (tmp_path / "old.json.v2-backup").exists()
    with Workshop.open(path, readonly=True) as workshop:
        assert Followup(workshop).funnel().count_at(Stage.CONTACTED) == 1


_EVENTS = st.lists(
    st.tuples(
        st.integers(0, 38),
        st.sampled_from([*Stage, *Outcome]),
    ),
    max_size=25,
)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(events=_EVENTS)
def test_the_funnel_always_adds_up(events: list[tuple[int, Stage | Outcome]]) -> None:
    states = [EMPTY if n % 2 else FollowState() for n in range(39)]  # shared and not
    for index, value in events:
        old = states[index]
        seen = old.recorded | {old.stage}
        if isinstance(value, Outcome):
            states[index] = FollowState(stage=old.stage, outcome=value, recorded=seen)
        else:
            states[index] = FollowState(stage=value, recorded=seen | {value})
    counts = funnel(states)
    rows = funnel_table(counts).rows
    assert sum(int(count) for _, count in rows[:-1]) == rows[-1][1] == 39
    assert counts.count_reached(Stage.INTERESTED) == 39  # every capture is recorded
    for stage in Stage:  # a stage counts only the possibilities someone recorded at it
        recorded = sum(1 for s in states if stage in s.stages_recorded)
        assert counts.count_reached(stage) == recorded
    for value, count in counts.at:  # each in one line: its outcome, or its open stage
        assert count == sum(1 for s in states if (s.outcome or s.stage) is value)
    sentence = funnel_sentences(counts)[0]
    assert sentence.startswith("Of 39 possibilities, ")
    for stage, words in ((Stage.FIELD_VISIT, "field visit"), (Stage.ADAPTATION, "adaptation")):
        assert (words in sentence) == (counts.count_reached(stage) > 0), sentence


def test_the_funnel_never_names_a_stage_skipped_over(desk: Followup) -> None:
    """Contacted, then straight to adaptation: a contact and an adaptation, no field visit."""
    key = desk.possibilities()[0].key
    desk.set_stage([key], Stage.CONTACTED)
    desk.set_stage([key], Stage.ADAPTATION)
    counts = desk.funnel()
    assert counts.count_reached(Stage.CONTACTED) == 1
    assert counts.count_reached(Stage.FIELD_VISIT) == counts.count_reached(Stage.LEARNING) == 0
    assert counts.count_reached(Stage.ADAPTATION) == 1
    assert funnel_sentences(counts)[0] == (
        "Of 39 possibilities, 1 was contacted and 1 led to an adaptation."
    )
    other = desk.possibilities()[1].key  # set straight to a field visit: never "contacted"
    desk.set_stage([other], Stage.FIELD_VISIT)
    assert funnel_sentences(desk.funnel())[0] == (
        "Of 39 possibilities, 1 was contacted, 1 led to a field visit and 1 to an adaptation."
    )


def test_the_issue_sentence() -> None:
    visited = frozenset({Stage.CONTACTED, Stage.FIELD_VISIT})
    states = (
        [FollowState()] * 27
        + [FollowState(stage=Stage.CONTACTED)] * 6
        + [FollowState(stage=Stage.FIELD_VISIT, recorded=visited)] * 3
        + [FollowState(stage=Stage.FIELD_VISIT, outcome=Outcome.ADAPTED, recorded=visited)]
        + [FollowState(stage=Stage.CONTACTED, outcome=Outcome.NOT_PURSUED)] * 2
    )
    assert funnel_sentences(funnel(states)) == (
        "Of 39 possibilities, 12 were contacted, 4 led to field visits and 1 to an adaptation.",
        "Of these, 3 were closed: 1 adapted in part and 2 not pursued.",
        "As yet, 27 have not been contacted.",
    )


def test_filter_defaults_select_everything(desk: Followup) -> None:
    assert len(desk.select(Filter(), NOW)) == 39
