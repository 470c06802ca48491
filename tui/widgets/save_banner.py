"""The persistent line that says what is not saved, why, and what to do about it."""

from __future__ import annotations

import errno
from pathlib import Path

from textual.reactive import reactive
from textual.widgets import Static

from matchdesk.store import StorageWriteFailed, describe_os_error
from matchdesk.tui.text import count, plain

_ADVICE: dict[int, str] = {
    errno.ENOSPC: "Free some space",
    errno.EDQUOT: "Free some space",
    errno.EROFS: "Make the drive writable again",
    errno.EACCES: "Give back write permission on the folder",
    errno.EPERM: "Give back write permission on the folder",
    errno.EIO: "Put the drive back",
    errno.ENOENT: "Put the drive back",
}


def entries(number: int) -> str:
    return count(number, "entry")


def banner_text(unsaved: int, error: StorageWriteFailed | None, path: Path) -> str:
    """ "3 entries not saved yet — the disk is full (w.json). Free some space or press F6 ..."."""
    if error is not None and error.errno is not None:
        reason = describe_os_error(OSError(error.errno, ""))
    elif error is not None:
        reason = str(error).rstrip(".")
    else:
        reason = "the disk refused them"
    advice = _ADVICE.get(error.errno if error and error.errno else -1, "")
    what_to_do = (
        f"{advice} or press F6 to save to another file; F5 retries now."
        if advice
        else "Press F6 to save to another file; F5 retries now."
    )
    return f"{entries(unsaved)} not saved yet — {reason} ({path.name}). {what_to_do}"


class SaveBanner(Static):
    """Hidden while everything is saved; shown (in red) while captures wait for the disk, and
    (quietly) while the workshop is open read-only."""

    DEFAULT_CSS = """
    SaveBanner {
        display: none; height: auto; padding: 0 1;
        background: $error; color: $text; text-style: bold;
    }
    SaveBanner.-unsaved { display: block; }
    SaveBanner.-read-only { display: block; background: $warning-muted; text-style: none; }
    """

    unsaved: reactive[int] = reactive(0)
    read_only: reactive[bool] = reactive(False)

    def watch_unsaved(self, unsaved: int) -> None:
        self.set_class(unsaved > 0, "-unsaved")

    def watch_read_only(self, read_only: bool) -> None:
        self.set_class(read_only, "-read-only")

    def show_unsaved(self, unsaved: int, error: StorageWriteFailed | None, path: Path) -> None:
        self.unsaved = unsaved
        if unsaved:
            self.update(plain(banner_text(unsaved, error, path)))

    def show_read_only(self, sentence: str) -> None:
        self.read_only = True
        self.update(plain(sentence))
