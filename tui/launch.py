"""What ``matchdesk open`` and ``matchdesk demo`` run."""

from __future__ import annotations

import datetime as dt
import gc
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import click

from matchdesk.store import StorageWriteFailed, WorkshopLocked

if TYPE_CHECKING:  # imported by the functions, once the collector waits (``collection_paused``)
    from matchdesk.store import Filters
    from matchdesk.tui.app import MatchdeskApp


def _ask_on_terminal(question: str) -> bool:
    return click.confirm(question, default=False)


def interactive() -> bool:
    """Only a person at a terminal can be asked; scripts and tests get the error."""
    return sys.stdin.isatty() and sys.stdout.isatty()


def open_app(
    path: Path,
    *,
    notice: str | None = None,
    read_only: bool = False,
    ask: Callable[[str], bool] | None = None,
    peers: Sequence[Path] = (),
    max_bytes: int | None = None,
) -> MatchdeskApp | None:
    """Build the app, before any screen is drawn; ``None`` when the user declined.

    When another matchdesk holds the file for writing, or the disk refuses writing (a read-only
    stick), and a person is at the terminal (``ask`` defaults to a [y/N] question there), say
    so and offer to open it read-only; otherwise the store's sentence goes up to the CLI.
    """
    from matchdesk.tui.app import make_app

    try:
        return make_app(path, notice=notice, read_only=read_only, peers=peers, max_bytes=max_bytes)
    except (WorkshopLocked, StorageWriteFailed) as error:
        if read_only or not path.exists():
            raise
        if ask is None:
            if not interactive():
                raise
            ask = _ask_on_terminal
        click.echo(f"matchdesk: {error}", err=True)
        if not ask("Open read-only instead?"):
            return None
        return make_app(path, notice=notice, read_only=True, peers=peers, max_bytes=max_bytes)


def run_tui(
    path: Path,
    *,
    notice: str | None = None,
    read_only: bool = False,
    peers: Sequence[Path] = (),
    chat: Path | None = None,
    max_bytes: int | None = None,
) -> int:
    """Run the app on ``path`` until the user quits; the exit status (0 on ctrl+q).

    Exits 1 when the user declined a read-only open (see ``exit_status`` for the rest).
    """
    with collection_paused() as started:
        app = open_app(path, notice=notice, read_only=read_only, peers=peers, max_bytes=max_bytes)
        if app is None:
            return 1
        app.chat_path = chat
        app.started.append(started)
        try:
            result = app.run()
        finally:
            app.session.close()
    for line in farewell(app):
        click.echo(f"matchdesk: {line}", err=True)
    return exit_status(app, result)


def exit_status(app: MatchdeskApp, result: int | None) -> int:
    """1 when the user quit leaving unsaved entries behind, or when the final save failed: a
    script must not take that for a clean close, even though the journal holds every
    acknowledged capture and the next open replays it."""
    if app.return_code:
        return app.return_code
    if app.session.discarded or app.session.close_problem:
        return 1
    return result or 0


def run_board(path: Path) -> int:
    """Run the read-only board on ``path`` until ctrl+q; the exit status."""
    with collection_paused() as started:
        from matchdesk.tui.app import make_board_app

        app = make_board_app(path)
        app.started.append(started)
        try:
            result = app.run()
        finally:
            app.session.close()
    return app.return_code or result or 0


@contextmanager
def collection_paused() -> Iterator[Callable[[], None]]:
    """Python's cyclic collector waits from here until the app has started (painted its
    first screen: call what this yields) or ended. A start makes objects that live as long
    as the app (modules, the workshop, the widgets): the collector walked them again and
    again to free nothing, 25 ms of the first paint's 0.46 s of CPU at 10,000 interests and
    65 ms at 100,000 (pty, 120x40)."""
    if not gc.isenabled():  # someone else's pause: theirs to end
        yield lambda: None
        return
    gc.disable()
    try:
        yield gc.enable
    finally:
        gc.enable()


def farewell(app: MatchdeskApp) -> list[str]:
    """What the terminal should say after the app closed, if the close did not go cleanly."""
    session = app.session
    lines = []
    if session.close_problem:
        journal = session.workshop.journal
        lines.append(
            f"{session.close_problem} Nothing acknowledged is lost: every saved entry is in "
            f"{journal}, which matchdesk reads back the next time it opens the file."
        )
    if session.discarded:
        count = session.discarded
        lines.append(
            f"{count} entr{'y' if count == 1 else 'ies'} typed while the disk refused "
            f"{'it' if count == 1 else 'them'} {'was' if count == 1 else 'were'} not saved."
        )
    return lines


def demo_folder() -> Path:
    from platformdirs import user_data_path

    return user_data_path("matchdesk", appauthor=False) / "demo"


def new_demo_copy() -> Path:
    """A fresh copy of the Astana 2021 workshop in the user data folder (the demo's and the
    network's modules load here, not for every ``open``: 40 ms of its start)."""
    from matchdesk.store import create_demo

    folder = demo_folder()
    folder.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    path = folder / f"astana-2021-{stamp}.json"
    counter = 1
    while path.exists():
        counter += 1
        path = folder / f"astana-2021-{stamp}-{counter}.json"
    return create_demo(path)


def short_path(path: Path) -> str:
    """``path`` with the home folder written ``~``, so a toast says it in two lines."""
    try:
        return f"~/{path.relative_to(Path.home())}"
    except ValueError:
        return str(path)


def run_demo() -> int:
    path = new_demo_copy()
    return run_tui(path, notice=f"Demo: a fresh copy of Astana 2021, saved at {short_path(path)}")


def new_demo_network() -> Path:
    """A fresh folder with the demo network: Astana 2021 and two generated workshops."""
    from matchdesk.store import create_demo_network

    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    folder = demo_folder() / f"network-{stamp}"
    counter = 1
    while folder.exists():
        counter += 1
        folder = demo_folder() / f"network-{stamp}-{counter}"
    create_demo_network(folder)
    return folder


def run_network(paths: list[Path], filters: Filters | None = None) -> int:
    """The network screen on ``paths`` (every workshop unless ``filters``) until the user
    quits."""
    from matchdesk.store import EVERY_WORKSHOP
    from matchdesk.tui.network_app import NetworkApp

    return NetworkApp(paths, EVERY_WORKSHOP if filters is None else filters).run() or 0


def run_demo_network() -> int:
    folder = new_demo_network()
    click.echo(f"matchdesk: the demo network is in {folder}", err=True)
    return run_network([folder])
