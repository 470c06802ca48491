"""What every ``matchdesk`` command shares: one error line and exit 1, file arguments, paths."""

from __future__ import annotations

import contextlib
import gc
import sys
from collections.abc import Callable
from functools import wraps
from os import _exit as end_process  # not Textual's App._exit: ``fast_exit``
from pathlib import Path
from typing import Any, NoReturn, ParamSpec, TypeVar

import click

from matchdesk.store import MatchdeskError, left_to_exit

F = TypeVar("F", bound=Callable[..., Any])
P = ParamSpec("P")
R = TypeVar("R")

FILE = click.Path(dir_okay=False, path_type=Path)
EXISTING = click.Path(dir_okay=False, path_type=Path)


def max_size(
    what: str,
    *,
    default_mb: int | None = None,
    note: str = "(with its journal); a bigger one is refused unread.",
) -> Callable[[F], F]:
    """``--max-size MB``: the largest file a command reads (``store/file/limits.py``; a
    source to import or a follow-up sheet: ``default_mb``, import's own limit)."""
    from matchdesk.store import MAX_READ_MB

    return click.option(
        "--max-size",
        "max_mb",
        type=click.IntRange(min=1),
        default=MAX_READ_MB if default_mb is None else default_mb,
        show_default=True,
        help=f"The largest {what} to read, in MB {note}",
    )


def fail(message: str) -> NoReturn:
    """One clear line on stderr and exit 1: refused or bad data, never a traceback."""
    click.echo(f"matchdesk: {message}", err=True)
    sys.exit(1)


def reports_errors(func: Callable[P, R]) -> Callable[P, R]:
    """Turn store errors (and any unexpected one) into one line and exit 1."""

    @wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
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

    return wrapper


_ONE_SHOT_DONE: list[bool] = []  # a one-shot command returned: the process may end at once
_AS_PROGRAM: list[bool] = []  # run as ``matchdesk ...``, not called by code (``Main``)


def one_shot(func: Callable[P, R]) -> Callable[P, R]:
    """For a command that opens a workshop, does one thing and exits: no cyclic garbage
    collection while it runs (it would walk 100,000 records again and again, 80 ms of an
    export, to find nothing; what the command drops, reference counting frees). Run as a
    program, the workshops it closes are left for the process's end (``left_to_exit``), and
    when it returns ``Main`` ends the process without freeing them (``fast_exit``); the
    collector stays off until then, since its first pass would walk everything the command
    made (60 to 120 ms at 100,000 interests) on the way out."""

    @wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        was_enabled = gc.isenabled()
        gc.disable()
        try:
            with left_to_exit() if _AS_PROGRAM else contextlib.nullcontext():
                result = func(*args, **kwargs)
        finally:
            if was_enabled and not _AS_PROGRAM:
                gc.enable()
        _ONE_SHOT_DONE.append(True)
        return result

    return wrapper


def fast_exit() -> None:
    """End the process now, as a finished one-shot command may: what it wrote is flushed and
    closed; what it read would only be freed object by object (0.1 s of CPU after reading
    100,000 interests, a quarter of reading them) for the system to take back at once anyway.
    Returns (the caller exits normally) when the output cannot be flushed."""
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):  # a closed pipe: let the normal exit report it
        return
    end_process(0)


class Main(click.Group):
    """The ``matchdesk`` group: run as a program (no ``args``: they come from ``sys.argv``),
    a one-shot command that succeeded ends through ``fast_exit``. Called with ``args`` (the
    tests' ``CliRunner``, code that embeds the commands) it behaves as any click group."""

    def main(self, args: Any = None, *rest: Any, **kwargs: Any) -> Any:
        if args is not None:
            return super().main(args, *rest, **kwargs)
        _AS_PROGRAM.append(True)
        try:
            return super().main(args, *rest, **kwargs)
        except SystemExit as exc:
            if exc.code in (0, None) and _ONE_SHOT_DONE:
                fast_exit()
            raise


def default_file() -> Path:
    """The default workshop file in the platform's user data folder."""
    from platformdirs import user_data_path

    return user_data_path("matchdesk", appauthor=False) / "workshop.json"
