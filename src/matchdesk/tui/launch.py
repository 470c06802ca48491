"""What ``matchdesk open`` and ``matchdesk demo`` run."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from matchdesk.store.demo import create_demo
from matchdesk.tui.app import make_app


def run_tui(path: Path, *, notice: str | None = None) -> int:
    """Run the app on ``path`` until the user quits; the exit status (0 on ctrl+q)."""
    app = make_app(path, notice=notice)
    try:
        result = app.run()
    finally:
        app.session.close()
    if app.return_code:
        return app.return_code
    return result or 0


def demo_folder() -> Path:
    from platformdirs import user_data_path

    return user_data_path("matchdesk", appauthor=False) / "demo"


def new_demo_copy() -> Path:
    """A fresh copy of the Astana 2021 workshop in the user data folder."""
    folder = demo_folder()
    folder.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    path = folder / f"astana-2021-{stamp}.json"
    counter = 1
    while path.exists():
        counter += 1
        path = folder / f"astana-2021-{stamp}-{counter}.json"
    return create_demo(path)


def run_demo() -> int:
    path = new_demo_copy()
    return run_tui(
        path,
        notice=f"This is a fresh copy of the Astana 2021 demo workshop, saved at {path}",
    )
