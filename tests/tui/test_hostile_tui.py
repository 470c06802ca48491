"""The hostile corpus (tests/fixtures/hostile.json) through every TUI field that takes text.

No crash, nothing interpreted: markup shows its brackets, ``[@click=app.quit]`` quits nothing,
an escape byte never reaches what the screen draws, and what is stored is the text sanitised of
control characters (``clean_text``, the store's own rule) and shown with ``visible()``.

Speed: opening a Textual dialog costs ~0.2-0.4 s of layout, so the whole corpus goes through one
open dialog per field (``keep_open``: the dialog's ``dismiss`` hands its result to the same
callback the screen registered, without closing) with each value set and saved as Enter or
ctrl+s would. Saving updates every view synchronously, so the loops check the views' content
after each string and let the app paint every tenth (``settle``); every string is painted at
once in ``test_whole_corpus_on_screen_at_once``. A subset is typed through the real dialogs.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from rich.cells import cell_len
from textual import events
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import Input, Select, Static

from matchdesk.store.validation import clean_text
from matchdesk.store.workshop import Workshop
from matchdesk.tui.app import MatchdeskApp, make_app
from matchdesk.tui.dialogs.confirm import ConfirmDialog
from matchdesk.tui.dialogs.export import ExportDialog
from matchdesk.tui.dialogs.presentation import PresentationDialog
from matchdesk.tui.dialogs.simple import NoteDialog
from matchdesk.tui.dialogs.unknown import UnknownCountryDialog
from matchdesk.tui.dialogs.workshop import WorkshopDialog
from matchdesk.tui.screens.board import BoardScreen
from matchdesk.tui.text import typed, visible
from matchdesk.tui.widgets.bigtext import BigText
from matchdesk.tui.widgets.interest_table import InterestTable

from .conftest import SIZE, answerable, capture, press_each, said, text_of, wait_for

CORPUS: list[str] = json.loads(
    (Path(__file__).parent.parent / "fixtures" / "hostile.json").read_text(encoding="utf-8")
)
# Typed key by key (markup, formula starters, RTL) or pasted: a terminal delivers control
# characters only in a bracketed paste (typed, ESC is the Escape key and BEL is ctrl+g), and
# Pilot cannot type combining marks, joiners or most emoji, which come from a paste or an IME.
TYPED: list[str] = [
    "[b]bold[/b]",
    "[@click=app.quit]go[/]",
    "\x1b[31mred\x1b[0m",
    "\x1b]0;window title\x07",
    "\x9b31mC1 CSI",
    "\x00nul",
    "\u202eevil\u202c.txt",
    "مرحبا بالعالم",
    "Z̤͔ͧ̑̓ä͖̭̈̇",
    "🙂 smile",
    "👩\u200d👩\u200d👧\u200d👦",
    "=1+1",
    "@SUM(A1)",
    "../../etc/passwd",
]
_CONTROL = {*range(0x20), 0x7F, *range(0x80, 0xA0)}


def has_control(text: str) -> bool:
    return any(ord(c) in _CONTROL for c in text)


def shown(raw: str, *, multiline: bool = False) -> str:
    """What a field typed as ``raw`` must show once saved: stored clean, drawn visible."""
    return visible(clean_text(raw, multiline=multiline))


def head(text: str, cells: int) -> str:
    """The longest start of ``text`` at most ``cells`` wide (what survives any clipping)."""
    out = ""
    for char in text:
        if cell_len(out + char) > cells:
            break
        out += char
    return out


def screen_text(app: MatchdeskApp) -> str:
    """Every character the terminal would be sent for the current screen (styles aside)."""
    update = app.screen._compositor.render_update(full=True, screen_stack=app._background_screens)
    return "\n".join("".join(segment.text for segment in strip) for strip in update.strips)


def assert_terminal_safe(app: MatchdeskApp) -> None:
    drawn = screen_text(app).replace("\n", "")
    bad = sorted({f"U+{ord(c):04X}" for c in drawn if ord(c) in _CONTROL})
    assert not bad, f"control characters drawn on {app.screen!r}: {bad}"


def keep_open(dialog: Screen[Any]) -> list[Any]:
    """Let ``dialog`` save again and again: ``dismiss`` records the result and passes it to the
    callback the dialog was pushed with (as the real one does), but the dialog stays open."""
    registered = dialog._result_callbacks[-1].callback if dialog._result_callbacks else None
    results: list[Any] = []

    def dismiss(result: Any = None) -> None:
        results.append(result)
        if registered is not None:
            registered(result)

    dialog.dismiss = dismiss  # type: ignore[method-assign]
    return results


async def open_dialog(pilot: Pilot, dialog: Screen[Any], callback: Callable | None = None) -> None:
    pilot.app.push_screen(dialog, callback)
    await wait_for(pilot, lambda: pilot.app.screen is dialog and len(dialog.query(Input)) > 0)


def field(dialog: Screen[Any], name: str) -> Input:
    return dialog.query_one(f"#{name}", Input)


def error_text(dialog: Screen[Any]) -> str:
    return text_of(dialog.query_one(".dialog-error", Static))


def still_running(app: MatchdeskApp) -> None:
    assert app.is_running and app.return_code is None  # "[@click=app.quit]" quit nothing


def workshop_file(tmp_path: Path, *, interest: bool = False) -> Path:
    """One presentation by Fiji (and, if asked, Kazakhstan's interest in it); a hybrid workshop
    (a new workshop without a mode is covered by its own test below)."""
    path = tmp_path / "hostile.json"
    with Workshop.open(path) as workshop:
        workshop.set_info(mode="hybrid")
        first = workshop.add_presentation("Rapid Digitization", "Fiji")
        if interest:
            workshop.record_interest(first.uid, "Kazakhstan")
    return path


async def settle(pilot: Pilot, n: int) -> None:
    """Let the app process and paint every tenth step (a paint per step would triple the time)."""
    if n % 10 == 0:
        await pilot.pause()


async def enter_text(pilot: Pilot, text: str) -> None:
    """Type ``text`` into the focused field as a person would: keys, or a paste (see TYPED)."""
    if not all((c.isascii() and c.isprintable()) or c.isalnum() for c in text):
        pilot.app.post_message(events.Paste(text))
        await pilot.pause()
    else:
        await press_each(pilot, text)


# -- the country input ---------------------------------------------------------------------------
async def test_country_input_full_corpus(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every string submitted (every third one followed by a real country): only the countries
    the preview showed are recorded, each unknown name goes to the unknown-country question,
    which is answered as Escape answers it."""
    path = workshop_file(tmp_path)
    app = make_app(path)
    asked: list[UnknownCountryDialog] = []
    real_push = app.push_screen

    def push(screen: Any, callback: Callable | None = None, **kwargs: Any) -> Any:
        if isinstance(screen, UnknownCountryDialog):  # ~0.3 s each to open: see the subset test
            asked.append(screen)
            if callback is not None:
                callback(None)  # Escape
            return None
        return real_push(screen, callback, **kwargs)

    notified = said(app)
    monkeypatch.setattr(app, "push_screen", push)
    async with app.run_test(size=SIZE) as pilot:
        screen = capture(app)
        entry = screen.country_input
        hint = screen.query_one("#hint", Static)
        expected: set[str] = set()
        codes = ["FJI", "KAZ", "THA", "PHL", "NPL", "IND", "GEO", "NGA", "BGD", "CHN"] * 5
        for n, raw in enumerate(CORPUS):
            text = raw
            if n % 3 == 0:
                code = codes[n // 3]
                text = f"{raw}, {code.lower()}"
                expected.add(code)
            entry.value = text
            await pilot.pause()
            assert not has_control(entry.value)  # dropped as pasted, as the store would
            submitted = entry.value.strip()
            # Enter records what the preview shows ("Z̤ä" begins only "Zambia"), nothing else
            expected |= {p.completion.country.code for p in entry.parts if p.completion}
            said_before = text_of(hint)  # blank typed: the last action's line, unchanged
            hint.update("·")
            notes, questions = len(notified), len(asked)
            app.post_message(events.Key("enter", None))
            if not submitted:
                await pilot.pause()
                assert text_of(hint) in ("·", said_before) and len(asked) == questions
            else:
                await wait_for(
                    pilot,
                    lambda: text_of(hint) != "·" or len(notified) > notes,  # noqa: B023
                )
            if len(asked) > questions:
                name = asked[-1].typed
                assert name and not has_control(name)
                assert name in clean_text(raw), (raw, name)
            still_running(app)
            recorded = {i.country.code for i in app.session.workshop.interests()}
            assert recorded <= expected, (raw, recorded - expected)
        assert len(asked) > 100
        assert app.session.workshop.custom_countries() == ()
        assert_terminal_safe(app)
    with Workshop.open(path, readonly=True) as stored:
        assert {i.country.code for i in stored.interests()} == expected


async def test_country_input_typed_subset(tmp_path: Path) -> None:
    """Typed (or pasted) for real: the unknown-country dialog names the text literally, draws no
    control character, and Escape leaves the name in the input; nothing is recorded but what
    the preview named."""
    app = make_app(workshop_file(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        screen = capture(app)
        entry = screen.country_input
        for raw in TYPED:
            entry.value = ""
            await enter_text(pilot, raw)
            assert entry.value == raw.translate({c: None for c in _CONTROL})
            if all(p.completion for p in entry.parts):  # "Z̤ä" previews Zambia: Enter records it
                await pilot.press("enter")
                await wait_for(pilot, lambda: len(app.session.workshop.interests()) == 1)
                await pilot.press("ctrl+z")
                await wait_for(pilot, lambda: not app.session.workshop.interests())
                continue
            await pilot.press("enter")
            dialog = await answerable(pilot, UnknownCountryDialog)
            assert isinstance(dialog, UnknownCountryDialog)
            name = dialog.typed
            assert name in clean_text(raw)
            title = text_of(dialog.query_one(".dialog-title"))
            assert f"“{visible(name)}” is not a country" in title
            assert_terminal_safe(app)
            await pilot.press("escape")
            await wait_for(pilot, lambda: app.screen is screen)
            assert entry.value.strip()  # kept for another try
            assert_terminal_safe(app)
            still_running(app)
        assert app.session.workshop.interests() == ()
        assert app.session.workshop.custom_countries() == ()


# -- presentations ---------------------------------------------------------------------------------
async def test_presentation_dialog_full_corpus(tmp_path: Path) -> None:
    """Title, presenter and theme for every string: non-blank ones are saved sanitised and show
    literally in the agenda, the current-presentation line, the tallies panel and the board."""
    app = make_app(tmp_path / "empty.json")
    async with app.run_test(size=SIZE) as pilot:
        screen = capture(app)
        board = BoardScreen(app.session)
        app.push_screen(board)
        await wait_for(pilot, lambda: app.screen is board)
        await pilot.pause()
        dialog = PresentationDialog(app.session)
        await open_dialog(pilot, dialog, screen.agenda.select)
        saved = keep_open(dialog)
        created = 0
        for n, raw in enumerate(CORPUS):
            for name, value in (("title", raw), ("country", "fji"), ("presenter", raw)):
                field(dialog, name).value = value
            field(dialog, "theme").value = raw
            before = len(saved)
            dialog.action_save()
            await settle(pilot, n)
            clean = clean_text(raw)
            if not clean:
                assert len(saved) == before and "title cannot be empty" in error_text(dialog)
                continue
            created += 1
            [presentation] = saved[before:]
            assert (presentation.title, presentation.presenter, presentation.theme) == (clean,) * 3
            uid, text = presentation.uid, shown(raw)
            assert screen.table.get_cell(uid, "title").plain == text
            assert f"1. {text} — Fiji · 0 interested" in text_of(screen.query_one("#current"))
            start = "1. " + head(text, 8)
            assert start in text_of(screen.query_one("#tallies")), raw
            assert board.query_one("#now-title", BigText).text == f"1. {clean}", raw
            assert f"presented by Fiji · {text}" in text_of(board.query_one("#now-sub"))
            still_running(app)
            app.session.remove_presentation(uid)  # one at a time: each one tops every view
        assert created == sum(1 for raw in CORPUS if clean_text(raw))
        app.pop_screen()
        await wait_for(pilot, lambda: app.screen is board)
        assert_terminal_safe(app)
        still_running(app)


async def test_whole_corpus_on_screen_at_once(tmp_path: Path) -> None:
    """All the sanitised strings as titles, presenters' custom countries and notes at once: the
    capture screen, scrolled through, and the board draw no control character."""
    path = tmp_path / "all.json"
    titles = sorted({clean_text(raw) for raw in CORPUS} - {""})
    with Workshop.open(path) as workshop:
        for n, title in enumerate(titles):
            p = workshop.add_presentation(title, "Fiji", presenter=title, theme=title)
            custom = workshop.add_custom_country(f"{title[:60]} {n}")
            workshop.record_interest(p.uid, custom, note=CORPUS[n % len(CORPUS)])
        workshop.set_info(title="[/b]\x1b[31m", venue="[@click=app.quit]go[/]")
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        screen = capture(app)
        for _ in range(len(titles) // 20 + 1):
            assert_terminal_safe(app)
            await pilot.press("pagedown")
        await pilot.press("ctrl+l")
        await wait_for(pilot, lambda: isinstance(app.screen, BoardScreen))
        await pilot.pause()
        assert_terminal_safe(app)
        assert "[/b][31m" in text_of(app.screen.query_one("#board-title"))
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is screen)
        still_running(app)


async def test_presentation_dialog_typed_subset(tmp_path: Path) -> None:
    """A few titles typed for real, saved with ctrl+s through the real dialog."""
    app = make_app(tmp_path / "empty.json")
    async with app.run_test(size=SIZE) as pilot:
        screen = capture(app)
        for raw in TYPED[::4]:
            await pilot.press("ctrl+n")
            await wait_for(pilot, lambda: isinstance(app.screen, PresentationDialog))
            await enter_text(pilot, raw)
            field(app.screen, "country").value = "kaz"
            await pilot.press("ctrl+s")
            await wait_for(pilot, lambda: app.screen is screen)
            current = app.session.presentations[-1]
            assert current.title == clean_text(raw)
            assert screen.table.get_cell(current.uid, "title").plain == shown(raw)
            assert_terminal_safe(app)
            still_running(app)


# -- workshop details ------------------------------------------------------------------------
async def test_workshop_dialog_full_corpus(tmp_path: Path) -> None:
    """Title, venue and organisers for every string: saved sanitised, shown in the header and
    as the board's title."""
    app = make_app(workshop_file(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        screen = capture(app)
        board = BoardScreen(app.session)
        app.push_screen(board)
        await wait_for(pilot, lambda: app.screen is board)
        dialog = WorkshopDialog(app.session)
        await open_dialog(pilot, dialog)
        saved = keep_open(dialog)
        for n, raw in enumerate(CORPUS):
            for name in ("title", "venue", "organisers"):
                field(dialog, name).value = raw
            dialog.action_save()
            await settle(pilot, n)
            info = saved[-1]
            clean = clean_text(raw)
            organisers = [clean_text(part) for part in raw.split(";")]
            assert (info.title, info.venue) == (clean, clean)
            assert list(info.organisers) == [o for o in organisers if o]
            header = text_of(screen.query_one("#header"))
            if clean:
                assert header.startswith(f"{shown(raw)} · {shown(raw)} · "), raw
                assert text_of(board.query_one("#board-title")) == shown(raw)
            else:
                assert header.startswith("Untitled workshop")
            still_running(app)
        assert len(saved) == len(CORPUS)
        app.pop_screen()
        await wait_for(pilot, lambda: app.screen is board)
        assert_terminal_safe(app)


# -- interest notes -------------------------------------------------------------------------------
async def test_note_editor_full_corpus(tmp_path: Path) -> None:
    """Every string as the note of one interest: the one-line field turns line breaks into
    spaces and drops controls; saved sanitised, shown literally in the interest list."""
    app = make_app(workshop_file(tmp_path, interest=True))
    async with app.run_test(size=SIZE) as pilot:
        screen = capture(app)
        table = screen.query_one(InterestTable)
        table.focus()
        await pilot.press("n")  # the real path: the screen opens the dialog with its callback
        await wait_for(pilot, lambda: isinstance(app.screen, NoteDialog))
        dialog = app.screen
        await wait_for(pilot, lambda: len(dialog.query(Input)) > 0)
        keep_open(dialog)
        [interest] = app.session.workshop.interests()
        for n, raw in enumerate(CORPUS):
            field(dialog, "note").value = raw
            dialog.action_save()
            await settle(pilot, n)
            clean = clean_text(typed(raw), multiline=True)
            assert app.session.workshop.interests()[0].note == clean, raw
            assert table.get_cell(interest.uid, "note").plain == visible(clean)
            still_running(app)
        app.pop_screen()
        await wait_for(pilot, lambda: app.screen is screen)
        assert_terminal_safe(app)
    with Workshop.open(app.session.workshop.path, readonly=True) as stored:
        assert stored.interests()[0].note == clean_text(CORPUS[-1], multiline=True)


# -- export path ----------------------------------------------------------------------------------
def _export_target(raw: str, root: Path) -> str:
    """Absolute corpus paths are re-rooted inside the test folder: the export writes by
    ``os.replace``, and as root (CI) ``/dev/null`` would be replaced by a regular file."""
    return str(root) + raw if raw.startswith("/") else raw


async def test_export_path_full_corpus(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every string as the path to export to: a file written where it says, or a clear error
    inside the dialog; never a crash, never a file outside the test folder."""
    cwd = tmp_path / "cwd" / "a" / "b"  # "../../etc/passwd" stays inside tmp_path
    cwd.mkdir(parents=True)
    monkeypatch.chdir(cwd)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))  # "~/.ssh/id_rsa"
    app = make_app(workshop_file(tmp_path, interest=True))
    notified = said(app)
    async with app.run_test(size=SIZE) as pilot:
        dialog = ExportDialog(app.session)
        await open_dialog(pilot, dialog)
        dialog.query_one("#format", Select).value = "md"
        await pilot.pause()
        done = keep_open(dialog)
        written = failed = replaced = 0
        for n, raw in enumerate(CORPUS):
            if "\x00" in raw:
                continue  # test_export_path_with_a_nul_byte
            target = _export_target(raw, tmp_path)
            field(dialog, "path").value = target
            dialog.query_one(".dialog-error", Static).update("")
            before = len(done)
            started = time.monotonic()
            dialog.action_save()
            await settle(pilot, n)
            if len(done) == before and not error_text(dialog).strip():
                await pilot.pause()  # a name typed before: the app asks before replacing it
            if isinstance(app.screen, ConfirmDialog):
                replaced += 1
                question = app.screen
                await wait_for(pilot, lambda q=question: bool(q.query("#no")))
                question.dismiss(True)
                await wait_for(
                    pilot,
                    lambda b=before: (
                        app.screen is dialog and (len(done) > b or bool(error_text(dialog).strip()))
                    ),
                )
            if len(done) > before:
                written += 1
                path = Path(typed(target).strip()).expanduser()  # as the field holds it
                assert path.is_file() and path.resolve().is_relative_to(tmp_path), raw
                assert b"Rapid Digitization" in path.read_bytes()
                assert notified[-1] == f"Exported to {path}"
            else:
                failed += 1
                assert error_text(dialog).strip(), raw
            assert time.monotonic() - started < 5
            still_running(app)
        assert written > 60 and failed > 10 and replaced
        app.pop_screen()
        await pilot.pause()
        assert_terminal_safe(app)


# -- toasts ---------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "raw",
    [
        "[/b]",
        "[@click=app.quit]go[/]",
        "[bold red]x",
        "\x1b]0;pwned\x07",
    ],
)
async def test_error_toast_quotes_user_text_literally(tmp_path: Path, raw: str) -> None:
    """An unknown presenting country is quoted in an error toast: as typed, nothing applied
    (run_test hides toasts unless asked: ``notifications=True``)."""
    from textual.widgets._toast import Toast

    app = make_app(workshop_file(tmp_path))
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        dialog = PresentationDialog(app.session)
        await open_dialog(pilot, dialog)
        field(dialog, "title").value = "Title"
        field(dialog, "country").value = raw
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: len(app.screen.query(Toast)) > 0)
        await pilot.pause()
        toast = app.screen.query(Toast).last().render().plain
        assert f"“{visible(typed(raw))}” is not a country" in toast  # the field drops controls
        assert_terminal_safe(app)
        still_running(app)


# -- dialog fields and the export path ----------------------------------------------------------
@pytest.mark.parametrize("dialog_kind", ["presentation", "workshop", "note", "export"])
async def test_dialog_fields_never_draw_control_characters(
    tmp_path: Path, dialog_kind: str
) -> None:
    app = make_app(workshop_file(tmp_path, interest=True))
    async with app.run_test(size=SIZE) as pilot:
        dialog: Screen[Any] = {
            "presentation": lambda: PresentationDialog(app.session),
            "workshop": lambda: WorkshopDialog(app.session),
            "note": lambda: NoteDialog("Kazakhstan", ""),
            "export": lambda: ExportDialog(app.session),
        }[dialog_kind]()
        await open_dialog(pilot, dialog)
        dialog.query(Input).first().focus()
        await pilot.pause()
        app.post_message(events.Paste("\x1b]0;pwned\x07\x1b[31mred"))
        await wait_for(pilot, lambda: "pwned" in dialog.query(Input).first().value)
        assert_terminal_safe(app)


async def test_export_path_with_a_nul_byte(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    app = make_app(workshop_file(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        dialog = ExportDialog(app.session)
        await open_dialog(pilot, dialog)
        field(dialog, "path").value = "\x00nul.md"  # the field drops the NUL
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: app.screen is not dialog or error_text(dialog).strip())
        assert app.screen is not dialog and (tmp_path / "nul.md").exists()
        still_running(app)


async def test_workshop_dialog_opens_on_a_new_workshop(tmp_path: Path) -> None:
    app = make_app(tmp_path / "new.json")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f3")
        await wait_for(pilot, lambda: isinstance(app.screen, WorkshopDialog))
        await pilot.pause()
        still_running(app)
