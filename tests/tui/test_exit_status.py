"""The app's exit status tells a script whether the final save went through."""

from __future__ import annotations

import errno
from pathlib import Path

import pytest

from matchdesk.store.file import atomic as atomic_module
from matchdesk.tui.app import make_app
from matchdesk.tui.launch import exit_status

from .conftest import SIZE, type_text, wait_for


@pytest.mark.parametrize("refused", [False, True], ids=["saved", "final-save-refused"])
async def test_exit_status_is_1_when_the_final_save_failed(
    demo_file: Path, monkeypatch: pytest.MonkeyPatch, refused: bool
) -> None:
    app = make_app(demo_file)
    async with app.run_test(size=SIZE) as pilot:
        first = app.session.presentations[0].uid
        await type_text(pilot, "fji")
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.session.workshop.interest_count(first) == 4)
        if refused:

            def refuse(*args: object) -> None:
                raise OSError(errno.ENOSPC, "No space left on device")

            monkeypatch.setattr(atomic_module.os, "replace", refuse)  # the checkpoint fails
        await pilot.press("ctrl+q")
        await wait_for(pilot, lambda: not app.is_running)
    app.session.close()
    monkeypatch.undo()
    assert exit_status(app, None) == (1 if refused else 0)
