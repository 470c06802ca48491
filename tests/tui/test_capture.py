"""Pilot tests of the capture screen: the flows a facilitator runs during a session."""

from __future__ import annotations

from pathlib import Path

from textual.color import Color

from matchdesk.store.models import Channel, Mode
from matchdesk.store.workshop import Workshop
from matchdesk.tui.app import make_app
from matchdesk.tui.dialogs.confirm import ConfirmDialog
from matchdesk.tui.dialogs.simple import GotoDialog, NoteDialog
from matchdesk.tui.dialogs.unknown import UnknownCountryDialog
from matchdesk.tui.textual_compat import suggestion
from matchdesk.tui.widgets.country_input import CountryInput
from matchdesk.tui.widgets.interest_table import InterestTable

from .conftest import (
    SIZE,
    answerable,
    capture,
    press_each,
    said,
    stored_interests,
    text_of,
    type_text,
    wait_for,
)


async def test_starts_with_input_focused_and_first_presentation(demo_file: Path) -> None:
    app = make_app(demo_file)
    async with app.run_test(size=SIZE) as pilot:
        screen = capture(app)
        await wait_for(pilot, lambda: screen.current_uid is not None)
        assert isinstance(app.focused, CountryInput)
        assert screen.table.row_count == 10
        assert screen.current_uid == app.session.presentations[0].uid
        assert screen.interest_table.row_count == 3
        assert "39 possibilities" in text_of(screen.query_one("#tallies"))


async def test_enter_records_on_disk_and_updates_everything(demo_file: Path) -> None:
    app = make_app(demo_file)
    async with app.run_test(size=SIZE) as pilot:
        screen = capture(app)
        await press_each(pilot, "Fij")
        await wait_for(pilot, lambda: suggestion(screen.country_input) == "Fiji")
        await pilot.press("right")  # accept the completion
        assert screen.country_input.value == "Fiji"
        assert "Fiji" in text_of(screen.query_one("#hint"))
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.session.workshop.totals().interests == 40)
        assert stored_interests(demo_file) == 40  # acknowledged means on disk
        first = app.session.presentations[0].uid
        assert screen.table.get_cell(first, "count").plain == "4"
        assert screen.interest_table.row_count == 4
        assert "40 possibilities" in text_of(screen.query_one("#tallies"))
        assert "Saved Fiji" in text_of(screen.query_one("#hint"))
        assert screen.country_input.value == ""


async def test_several_countries_at_once_with_prefix(empty_file: Path) -> None:
    app = make_app(empty_file)
    app.session.add_presentation("Rapid Digitization", app.session.resolve_typed("bgd"))
    async with app.run_test(size=SIZE) as pilot:
        await type_text(pilot, "kaz, thail, phl")
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.session.workshop.totals().interests == 3)
        names = {i.country.name for i in app.session.workshop.interests()}
        assert names == {"Kazakhstan", "Thailand", "Philippines"}


async def test_duplicate_is_announced_not_counted(demo_file: Path) -> None:
    app = make_app(demo_file)
    notes = said(app)
    async with app.run_test(size=SIZE) as pilot:
        screen = capture(app)
        await type_text(pilot, "kaz")
        await pilot.press("enter")
        await wait_for(pilot, lambda: "already counted here" in text_of(screen.query_one("#hint")))
        assert app.session.workshop.totals().interests == 39
        assert not notes  # said under the input, where the eyes are: no toast over the work


async def test_unknown_name_offers_suggestions_then_records_the_choice(demo_file: Path) -> None:
    app = make_app(demo_file)
    async with app.run_test(size=SIZE) as pilot:
        await type_text(pilot, "Fijii")
        await pilot.press("enter")
        await answerable(pilot, UnknownCountryDialog)
        assert app.session.workshop.totals().interests == 39  # nothing guessed
        await pilot.press("enter")  # the first suggestion: Fiji
        await wait_for(pilot, lambda: app.session.workshop.totals().interests == 40)
        assert app.session.workshop.interests()[-1].country.name == "Fiji"
        assert capture(app).country_input.value == ""


async def test_unknown_name_can_become_a_custom_country_after_confirming(
    demo_file: Path,
) -> None:
    app = make_app(demo_file)
    async with app.run_test(size=SIZE) as pilot:
        await type_text(pilot, "Zanzibar Region")
        await pilot.press("enter")
        await answerable(pilot, UnknownCountryDialog)
        await pilot.press("end", "enter")  # "Add … as a custom country"
        await answerable(pilot, ConfirmDialog)
        await pilot.press("y")
        await wait_for(pilot, lambda: app.session.workshop.totals().interests == 40)
        country = app.session.workshop.interests()[-1].country
        assert country.custom and country.name == "Zanzibar Region"


async def test_one_key_per_channel_and_never_unspecified(demo_file: Path) -> None:
    """ctrl+o online, ctrl+t in the room, each as often as pressed: no cycling into
    "unspecified"; the interest list's c switches a row between the two."""
    app = make_app(demo_file)
    async with app.run_test(size=SIZE) as pilot:
        screen = capture(app)
        assert screen.channel is Channel.IN_ROOM  # the demo is hybrid
        await pilot.press("ctrl+o", "ctrl+o")
        assert screen.channel is Channel.ONLINE
        assert "online" in text_of(screen.query_one("#channel"))
        await type_text(pilot, "fiji")
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.session.workshop.totals().by_channel["online"] == 1)
        await pilot.press("ctrl+t", "ctrl+t", "ctrl+t")
        assert screen.channel is Channel.IN_ROOM
        footer = " ".join(text_of(k) for k in screen.query("FooterKey") if k.display)
        assert "Room" in footer and "Online" in footer
        screen.interest_table.focus()
        await wait_for(pilot, lambda: screen.interest_table.has_focus)
        await pilot.press("end")
        await wait_for(pilot, lambda: screen.interest_table.selected.country.name == "Fiji")
        await pilot.press("c")  # Fiji: online -> in the room
        await wait_for(pilot, lambda: app.session.workshop.totals().by_channel["online"] == 0)
        await pilot.press("c")
        await wait_for(pilot, lambda: app.session.workshop.totals().by_channel["online"] == 1)
        await pilot.press("c")
        await wait_for(pilot, lambda: app.session.workshop.totals().by_channel["online"] == 0)
        assert app.session.workshop.totals().by_channel.get("unspecified", 0) == 39


async def test_the_workshops_mode_sets_the_channel_of_new_entries(empty_file: Path) -> None:
    """A new workshop (no mode yet) records in the room; choosing online or hybrid in the
    details moves the default at once."""
    app = make_app(empty_file)
    async with app.run_test(size=SIZE):
        screen = capture(app)
        assert screen.channel is Channel.IN_ROOM
        app.session.set_info(mode=Mode.ONLINE)
        assert screen.channel is Channel.ONLINE
        app.session.set_info(mode=Mode.HYBRID)
        assert screen.channel is Channel.IN_ROOM


async def test_an_online_workshop_opens_with_the_online_look_and_switches_back(
    empty_file: Path,
) -> None:
    """The input's border and the indicator say the channel from the first frame (they are
    made with it), and follow ctrl+t / ctrl+o."""
    with Workshop.open(empty_file) as workshop:
        workshop.set_info(mode=Mode.ONLINE)
    app = make_app(empty_file)
    async with app.run_test(size=SIZE) as pilot:
        screen = capture(app)
        colours = app.get_css_variables()
        border = screen.country_input.styles.border_top[1]
        assert screen.channel is Channel.ONLINE
        assert "online" in text_of(screen.query_one("#channel"))
        assert border == Color.parse(colours["accent"])
        await pilot.press("ctrl+t")
        await wait_for(pilot, lambda: screen.channel is Channel.IN_ROOM)
        assert "in the room" in text_of(screen.query_one("#channel")).lower()
        assert screen.country_input.styles.border_top[1] == Color.parse(colours["success"])


async def test_a_read_only_window_starts_on_the_agenda_and_takes_no_typing(
    demo_file: Path,
) -> None:
    app = make_app(demo_file, read_only=True)
    async with app.run_test(size=SIZE) as pilot:
        screen = capture(app)
        await wait_for(pilot, lambda: app.focused is screen.table)
        assert screen.country_input.disabled
        await pilot.press("f", "down")
        await wait_for(pilot, lambda: screen.table.cursor_row == 1)
        assert screen.country_input.value == ""


async def test_arrows_move_between_presentations_without_leaving_the_input(
    demo_file: Path,
) -> None:
    app = make_app(demo_file)
    async with app.run_test(size=SIZE) as pilot:
        screen = capture(app)
        presentations = app.session.presentations
        await pilot.press("down", "down")
        await wait_for(pilot, lambda: screen.current_uid == presentations[2].uid)
        assert isinstance(app.focused, CountryInput)
        await pilot.press("up")
        await wait_for(pilot, lambda: screen.current_uid == presentations[1].uid)
        await type_text(pilot, "fiji")
        await pilot.press("enter")
        await wait_for(
            pilot, lambda: app.session.workshop.interest_count(presentations[1].uid) == 6
        )


async def test_jump_by_number_typed_or_with_ctrl_g(demo_file: Path) -> None:
    app = make_app(demo_file)
    async with app.run_test(size=SIZE) as pilot:
        screen = capture(app)
        presentations = app.session.presentations
        await type_text(pilot, "7")
        await pilot.press("enter")
        await wait_for(pilot, lambda: screen.current_uid == presentations[6].uid)
        await pilot.press("ctrl+g")
        await wait_for(pilot, lambda: isinstance(app.screen, GotoDialog))
        await type_text(pilot, "99")
        await pilot.press("enter")  # out of range: the dialog stays and says why
        assert isinstance(app.screen, GotoDialog)
        await pilot.press("backspace", "backspace", "1", "0", "enter")
        await wait_for(pilot, lambda: screen.current_uid == presentations[9].uid)


async def test_undo_and_redo(demo_file: Path) -> None:
    app = make_app(demo_file)
    notes = said(app)
    async with app.run_test(size=SIZE) as pilot:
        screen = capture(app)
        await type_text(pilot, "fiji")
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.session.workshop.totals().interests == 40)
        await pilot.press("down")  # undo still finds the capture on presentation 1
        await pilot.press("ctrl+z")
        await wait_for(pilot, lambda: app.session.workshop.totals().interests == 39)
        assert stored_interests(demo_file) == 39
        first = app.session.presentations[0].uid
        assert screen.table.get_cell(first, "count").plain == "3"
        await pilot.press("ctrl+y")
        await wait_for(pilot, lambda: app.session.workshop.totals().interests == 40)
        assert screen.table.get_cell(first, "count").plain == "4"
        await pilot.press("ctrl+z", "ctrl+z")
        await wait_for(pilot, lambda: any("Nothing to undo" in m for m in notes))


async def test_selected_interest_can_be_withdrawn_recast_and_annotated(demo_file: Path) -> None:
    app = make_app(demo_file)
    async with app.run_test(size=SIZE) as pilot:
        screen = capture(app)
        table = screen.interest_table
        table.focus()
        await pilot.press("down")  # second interest of presentation 1
        target = table.selected
        assert target is not None
        await pilot.press("c")
        await wait_for(pilot, lambda: app.session.workshop.totals().by_channel["in_room"] == 1)
        await pilot.press("n")
        await wait_for(pilot, lambda: isinstance(app.screen, NoteDialog))
        await type_text(pilot, "field visit")
        await pilot.press("enter")
        await wait_for(
            pilot,
            lambda: any(
                i.note == "field visit"
                for i in app.session.workshop.interests(target.presentation_uid)
            ),
        )
        await pilot.press("delete")
        await wait_for(pilot, lambda: app.session.workshop.totals().interests == 38)
        assert isinstance(app.focused, InterestTable)
        await pilot.press("escape")
        assert isinstance(app.focused, CountryInput)


async def test_ctrl_q_quits_with_status_0(demo_file: Path) -> None:
    app = make_app(demo_file)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+q")
    assert app.return_code == 0
    # the lock is released: another writer may open the file now
    from matchdesk.store.workshop import Workshop

    Workshop.open(demo_file).close()


async def test_recording_without_presentations_says_what_to_do(empty_file: Path) -> None:
    app = make_app(empty_file)
    notes = said(app)
    async with app.run_test(size=SIZE) as pilot:
        await type_text(pilot, "kaz")
        await pilot.press("enter")
        await wait_for(pilot, lambda: any("ctrl+n" in m for m in notes))


async def test_reopens_on_the_presentation_last_highlighted(demo_file: Path) -> None:
    app = make_app(demo_file)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("down", "down", "down")
        fourth = app.session.presentations[3]
        await wait_for(pilot, lambda: capture(app).current_uid == fourth.uid)
    again = make_app(demo_file)
    async with again.run_test(size=SIZE) as pilot:
        screen = capture(again)
        assert screen.current_uid == fourth.uid and screen.target() == fourth
        assert text_of(screen.query_one("#current")).startswith("4. ")


def _drawn_rows(table: InterestTable) -> list[str]:
    """The interest list's country cells as the widget draws them now, under its titles."""
    lines = ["".join(s.text for s in table.render_line(y)) for y in range(table.size.height)]
    return [line[1:27].strip() for line in lines[1:] if line.strip()]


async def test_the_newest_row_is_drawn_when_the_list_outgrows_its_room(demo_file: Path) -> None:
    """At 80x24 the list has six rows: the capture that needs a seventh (the scrollbar appears,
    the one capture per session that lays the screen out) still scrolls its row into view."""
    app = make_app(demo_file)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = capture(app)
        table = screen.interest_table
        await pilot.press("2", "enter")  # Rapid Digitization: 5 interests
        await wait_for(pilot, lambda: table.row_count == 5)
        for typed, name in (("fji", "Fiji"), ("ind", "India"), ("npl", "Nepal")):
            await pilot.press(*typed, "enter")
            await wait_for(pilot, lambda name=name: name in _drawn_rows(table))
            await pilot.pause()
            rows = _drawn_rows(table)
            assert rows[-1] == name and len(rows) == min(table.row_count, table.size.height - 1)
        assert table.show_vertical_scrollbar
        assert table.selected is not None and table.selected.country.name == "Nepal"
