"""What every ``matchdesk`` command shares: one error line and exit 1, file arguments, paths."""

from __future__ import annotations

import gc
import sys
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Any, NoReturn, TypeVar

import click

from matchdesk.store import MatchdeskError

F = TypeVar("F", bound=Callable[..., Any])

FILE = click.Path(dir_okay=False, path_type=Path)
EXISTING = click.Path(dir_okay=False, path_type=Path)


def max_size(what: str) -> Callable[[F], F]:
    """``--max-size MB``: the largest file a command reads whole (``store/file/limits.py``)."""
    from matchdesk.store import MAX_READ_MB

    return click.option(
        "--max-size",
        "max_mb",
        type=click.IntRange(min=1),
        default=MAX_READ_MB,
        show_default=True,
        help=f"The largest {what} to read, in MB (with its journal); a bigger one is refused "
        "unread.",
    )


def fail(message: str) -> NoReturn:
    """One clear line on stderr and exit 1: refused or bad data, never a traceback."""
    click.echo(f"matchdesk: {message}", err=True)
    sys.exit(1)


def reports_errors(func: F) -> F:
    """Turn store errors (and any unexpected one) into one line and exit 1."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except MatchdeskError as exc:
            fail(str(exc))
        except (click.exceptions.Exit, click.ClickException, SystemExit, KeyboardInterrupt):
            raise
        except OSError as exc:
            fail(f"{exc.filename or 'a file'}: {exc.strerror or exc}.")
        except Exception as exc:  # last resort: still no traceback for the user
            fail(f"unexpected error ({type(exc).__name__}: {exc}); nothing further was written.")

    return wrapper  # type: ignore[return-value]


def one_shot(func: F) -> F:
    """For a command that opens a workshop, does one thing and exits: no cyclic garbage
    collection while it runs (it would walk 100,000 records again and again, 80 ms of an
    export, to find nothing; what the command drops, reference counting frees)."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        was_enabled = gc.isenabled()
        gc.disable()
        try:
            return func(*args, **kwargs)
        finally:
            if was_enabled:
                gc.enable()

    return wrapper  # type: ignore[return-value]


def default_file() -> Path:
    """The default workshop file in the platform's user data folder."""
    from platformdirs import user_data_path

    return user_data_path("matchdesk", appauthor=False) / "workshop.json"
