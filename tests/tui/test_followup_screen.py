"""The follow-up screen through Pilot: the issue's secretariat session, dialogs, filters."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Button
from textual.widgets._footer import FooterKey

from matchdesk.store.followup import Followup, Stage
from matchdesk.store.workshop import Workshop
from matchdesk.tui.app import make_app
from matchdesk.tui.screens.followup import FollowupScreen
from matchdesk.tui.screens.followup_history import HistoryScreen
from matchdesk.tui.widgets.footer import KeyFooter

from ..conftest import run_cli
from .conftest import SIZE, said, text_of, type_text, wait_for

# Where each choice sits in the stage dialog (six stages, then four outcomes).
CONTACTED, FIELD_VISIT, ADAPTED, NOT_PURSUED = 1, 3, 7, 9


def screen_of(app) -> FollowupScreen:
    assert isinstance(app.screen, FollowupScreen), app.screen
    return app.screen


async def open_followup(pilot: Pilot) -> FollowupScreen:
    await pilot.press("ctrl+f")
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, FollowupScreen))
    return screen_of(pilot.app)


async def choose_stage(pilot: Pilot, index: int) -> None:
    """``s``, then walk the dialog's highlight to ``index`` and press Enter."""
    app = pilot.app
    before = app.session.workshop.revision
    await pilot.press("s")
    await wait_for(pilot, lambda: app.screen.__class__.__name__ == "StageDialog")
    stages = app.screen.query_one("#stages")
    steps = index - (stages.highlighted or 0)
    await pilot.press(*(["down"] * steps if steps > 0 else ["up"] * -steps), "enter")
    await wait_for(pilot, lambda: app.session.workshop.revision > before)


def followup_json(path: Path) -> dict:
    done = run_cli("followup", path, "--json")
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)["funnel"]


def expectation(contacted: int, visits: int, adapted: int, dropped: int, total: int) -> dict:
    """What the funnel must say, worked out here from the session's own numbers."""
    at = dict.fromkeys(
        [s.value for s in Stage] + ["adopted", "adapted_in_part", "knowledge_only", "not_pursued"],
        0,
    )
    at.update(
        interested=total - contacted,
        contacted=contacted - visits - dropped,
        field_visit=visits - adapted,
        adapted_in_part=adapted,
        not_pursued=dropped,
    )
    reached = dict.fromkeys((s.value for s in Stage), 0)
    reached.update(interested=total, contacted=contacted, field_visit=visits)
    reached.update(adaptation=adapted)  # recorded stages only: nobody recorded learning
    return {"at": at, "reached": reached, "closed": adapted + dropped, "total": total}


async def test_the_secretariat_session_and_undo_redo_of_the_last_three(demo_file: Path) -> None:
    app = make_app(demo_file)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_followup(pilot)
        assert len(screen.list.rows) == 39
        await pilot.press(*["space"] * 12)  # mark 12 possibilities (space marks, moves down)
        assert len(screen.list.marked) == 12
        await choose_stage(pilot, CONTACTED)  # contact them: the marks are cleared after
        assert not screen.list.marked
        await pilot.press("right", "right")  # the "contacted" group
        assert screen.group == "contacted" and len(screen.list.rows) == 12
        await pilot.press("home", *["space"] * 4)
        await choose_stage(pilot, FIELD_VISIT)  # four field visits
        await pilot.press("home", "space", "space")
        await choose_stage(pilot, NOT_PURSUED)  # two not pursued
        await pilot.press("right", "right")  # the "field visit" group
        assert screen.group == "field_visit" and len(screen.list.rows) == 4
        await choose_stage(pilot, ADAPTED)  # one closed as adapted (the highlighted one)

        expected = expectation(contacted=12, visits=4, adapted=1, dropped=2, total=39)
        sentence = (
            f"Of {expected['total']} possibilities, {expected['reached']['contacted']} were "
            f"contacted, {expected['reached']['field_visit']} led to field visits and "
            f"{expected['reached']['adaptation']} to an adaptation."
        )
        funnel = followup_json(demo_file)  # another process, while the app holds the file
        assert {k: funnel[k] for k in expected} == expected
        assert funnel["sentences"][0] == sentence
        report = run_cli("export", demo_file, "--format", "md", "-o", "-").stdout
        assert (
            sentence in report
            and "Of these, 3 were closed: 1 adapted in part and 2 not pursued." in report
        )

        await pilot.press("ctrl+z", "ctrl+z", "ctrl+z")  # the last three steps
        await wait_for(pilot, lambda: screen.desk.funnel().count_reached(Stage.CONTACTED) == 12)
        undone = expectation(contacted=12, visits=0, adapted=0, dropped=0, total=39)
        counts = screen.desk.funnel()
        assert {v.value: n for v, n in counts.at} == undone["at"]
        assert {v.value: n for v, n in counts.reached} == undone["reached"]
        assert screen.group == "field_visit" and not screen.list.rows

        await pilot.press("ctrl+y", "ctrl+y", "ctrl+y")
        await wait_for(pilot, lambda: screen.desk.funnel().closed == 3)
        funnel = followup_json(demo_file)
        assert {k: funnel[k] for k in expected} == expected
        assert funnel["sentences"][0] == sentence
        report = run_cli("export", demo_file, "--format", "md", "-o", "-").stdout
        assert sentence in report


async def test_note_owner_next_action_contacts_and_history(demo_file: Path) -> None:
    app = make_app(demo_file)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_followup(pilot)
        first = screen.list.current
        for key, values in (
            ("n", ["Called the ministry"]),
            ("o", ["Dana"]),
            ("d", ["Send the agenda", "2000-01-31"]),
            ("c", ["A. Ospanov", "M. Reyes"]),
        ):
            before = app.session.workshop.revision
            await pilot.press(key)
            await wait_for(pilot, lambda: app.screen.__class__.__name__ == "FieldsDialog")
            for value in values:
                app.screen.focused.value = ""
                await type_text(pilot, value)
                await pilot.press("tab")
            await pilot.press("ctrl+s")
            await wait_for(pilot, lambda b=before: app.session.workshop.revision > b)
        state = screen.desk.possibility(first.key).state
        assert state.notes == ("Called the ministry",) and state.owner == "Dana"
        assert (state.next_action, state.due) == ("Send the agenda", "2000-01-31")
        assert (state.contacts_presenting, state.contacts_interested) == ("A. Ospanov", "M. Reyes")
        detail = text_of(screen.query_one("#fu-detail"))
        assert "owner: Dana" in detail and "! overdue" in detail and "Called the ministry" in detail
        signs = screen.list.render_line(0).text[:3]  # the highlighted row is the first
        assert signs == " ! ", signs  # overdue, and only that: "⚠" is a two-laptop change
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, HistoryScreen))
        shown = text_of(app.screen.query_one("#history"))
        assert "note: Called the ministry" in shown and "owner: Dana" in shown
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, FollowupScreen))
        await pilot.press("escape")
        await wait_for(pilot, lambda: not isinstance(app.screen, FollowupScreen))


async def test_filters_by_country_and_overdue(demo_file: Path) -> None:
    with Workshop.open(demo_file) as workshop:
        desk = Followup(workshop)
        keys = [p.key for p in desk.possibilities() if p.country.code == "KAZ"]
        desk.set_next_action(keys[:2], "Visit", "2000-01-01")
    app = make_app(demo_file)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_followup(pilot)
        await pilot.press("f")
        await wait_for(pilot, lambda: app.screen.__class__.__name__ == "FilterDialog")
        await pilot.press("tab")  # to the interested country
        await type_text(pilot, "Kazakhstan")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, FollowupScreen))
        assert len(screen.list.rows) == 10
        assert {p.country.code for p in screen.list.rows} == {"KAZ"}
        assert "interested Kazakhstan" in text_of(screen.query_one("#fu-filter"))
        await pilot.press("f")
        await wait_for(pilot, lambda: app.screen.__class__.__name__ == "FilterDialog")
        app.screen.query_one("#overdue").value = True
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: len(screen.list.rows) == 2)
        await pilot.press("f")
        await wait_for(pilot, lambda: app.screen.__class__.__name__ == "FilterDialog")
        app.screen.query_one("#interested").value = "Atlantis"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen.__class__.__name__ == "FilterDialog"  # refused, said inside
        assert "Atlantis" in text_of(app.screen.query_one(".dialog-error"))
        await pilot.press("escape", "r")
        await wait_for(pilot, lambda: len(screen.list.rows) == 39)


async def test_read_only_window_shows_but_refuses(demo_file: Path) -> None:
    app = make_app(demo_file, read_only=True)
    messages = said(app)
    async with app.run_test(size=SIZE) as pilot:
        await open_followup(pilot)
        assert not app.active_bindings.keys() & {"a", "s", "n", "o", "d", "space"}  # none shown
        await pilot.press("a")
        await pilot.pause()
        assert not any("Saved" in m for m in messages)
    with Workshop.open(demo_file, readonly=True) as workshop:
        assert Followup(workshop).funnel().moved == 0


async def test_palette_offers_the_follow_up_actions(demo_file: Path) -> None:
    from matchdesk.tui.commands import MatchdeskCommands, name_of
    from matchdesk.tui.keys import keys_for

    app = make_app(demo_file)
    async with app.run_test(size=SIZE) as pilot:
        titles = [t for t, _, _ in MatchdeskCommands(app.screen)._commands()]
        assert "Follow-up" in titles
        await open_followup(pilot)
        titles = [t for t, _, _ in MatchdeskCommands(app.screen)._commands()]
        wanted = [k for k in keys_for("followup") if k.action and k.palette]
        assert len(wanted) >= 12
        for key in wanted:
            assert name_of(key) in titles, key.help


@pytest.mark.parametrize("size", [(80, 24), (60, 18)], ids=str)
async def test_small_terminals_keep_keys_and_buttons_whole(
    demo_file: Path, size: tuple[int, int]
) -> None:
    """The layout's rules on the follow-up screen: a footer trimmed to what fits (advance,
    stage and back always), every dialog's buttons in view; back on the capture screen the
    totals line is still there."""
    width, height = size
    app = make_app(demo_file)
    async with app.run_test(size=size) as pilot:
        screen = await open_followup(pilot)
        footer = screen.query_one(KeyFooter)
        await wait_for(pilot, lambda: footer.virtual_size.width <= width + 1)
        shown = [key for key in footer.query(FooterKey) if key.display]
        assert all(key.region.right <= width for key in shown)
        assert {"advance", "set_stage", "close"} <= {k.action.rpartition(".")[2] for k in shown}
        for key in ("s", "d", "f") if height < 24 else ():  # the tallest dialogs, at 60x18
            await pilot.press(key)
            await wait_for(pilot, lambda: app.screen is not screen)
            for button in app.screen.query(Button):
                region = button.region
                assert region.height and region.bottom <= height and region.right <= width, key
            await pilot.press("escape")
            await wait_for(pilot, lambda: app.screen is screen)
        await pilot.press("escape")
        await wait_for(pilot, lambda: not isinstance(app.screen, FollowupScreen))
        totals = app.screen.query_one("#totals")
        assert totals.region.height == 1 and "39 poss" in totals.render().plain


async def test_marks_say_what_they_do_and_clear_after_an_action(demo_file: Path) -> None:
    app = make_app(demo_file)
    notes = said(app)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_followup(pilot)
        first_three = [p.key for p in screen.list.rows[:3]]
        await pilot.press("space", "space", "space")  # marks rows 1-3, moving down each time
        assert screen.list.marked == set(first_three) and screen.list.cursor == 3
        assert "3 marked (actions apply to them)" in text_of(screen.query_one("#fu-title"))
        assert "space marks and moves down" in text_of(screen.query_one("#fu-filter"))
        before = app.session.workshop.revision
        await pilot.press("a")  # advance the three
        await wait_for(pilot, lambda: app.session.workshop.revision > before)
        await wait_for(pilot, lambda: any("marks cleared" in m for m in notes))
        assert not screen.list.marked and "marked" not in text_of(screen.query_one("#fu-title"))
        moved = {p.key for p in screen.desk.possibilities() if p.state.moved}
        assert moved == set(first_three)
        before = app.session.workshop.revision
        await pilot.press("a")  # the next action: the highlighted row only (row 4)
        await wait_for(pilot, lambda: app.session.workshop.revision > before)
        moved = {p.key for p in screen.desk.possibilities() if p.state.moved}
        assert len(moved) == 4
