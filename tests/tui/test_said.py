"""The line under the input: about the last action, the names first, short enough for 80
columns (the painted harness checks it on screen; these pin its wording)."""

from __future__ import annotations

from pathlib import Path

from matchdesk.store.models import Country
from matchdesk.tui.app import make_app
from matchdesk.tui.capture.bar import names_of, said_of

from .conftest import capture, text_of, type_text, wait_for


def _country(name: str) -> Country:
    return Country(code=name[:3].upper(), name=name, official_name=name)


def test_names_give_way_to_a_count_when_they_would_not_fit() -> None:
    names = [_country(n) for n in ("Fiji", "Philippines", "Nepal", "Sri Lanka")]
    assert names_of(names) == "Fiji, Philippines, Nepal, Sri Lanka"
    assert names_of(names, 25) == "Fiji, Philippines +2 more"
    assert names_of(names, 5) == "Fiji +3 more"


def test_a_change_is_said_in_the_past_tense_and_an_undo_says_so() -> None:
    assert said_of("withdraw Nepal") == "Withdrew Nepal (ctrl+z brings it back)."
    assert said_of("withdraw Nepal", "Undone") == "Undone: withdraw Nepal."
    assert said_of("merge peer.json") == "Merged peer.json."


async def test_the_line_says_a_countrys_own_practice_and_fits_80_columns(demo_file: Path) -> None:
    app = make_app(demo_file)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = capture(app)
        await type_text(pilot, "2")  # Rapid Digitization, Bangladesh's
        await pilot.press("enter")
        await type_text(pilot, "bgd")
        await pilot.press("enter")
        hint = screen.bar.query_one("#hint")
        await wait_for(pilot, lambda: "Bangladesh" in text_of(hint))
        assert text_of(hint) == "Saved Bangladesh (in the room) (its own practice). 40 in total."
        await type_text(pilot, "tha, phl, kaz, npl, ind, fra, geo, lka, idn, mys, vnm")
        await pilot.press("enter")
        await wait_for(pilot, lambda: "48 in total" in text_of(hint))
        said = text_of(hint)  # 8 saved, 3 repeats: cut down to fit, the total kept whole
        assert said.startswith("Saved ") and "already counted here" in said, said
        assert said.endswith("48 in total.") and len(said) <= 78, said
