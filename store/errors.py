"""Errors the store raises; each carries one sentence fit to show a facilitator."""

from __future__ import annotations

import errno
from dataclasses import dataclass


class MatchdeskError(Exception):
    """Base class: ``str(err)`` is a complete, user-facing sentence."""


class WorkshopLocked(MatchdeskError):
    """Another process holds the write lock on the workshop file."""


class CorruptWorkshop(MatchdeskError):
    """The workshop file (or its journal) cannot be read as a workshop."""


class SchemaTooNew(MatchdeskError):
    """The file was written by a newer matchdesk."""


class ReadOnlyWorkshop(MatchdeskError):
    """A write was attempted on a workshop opened read-only."""


class UnknownCountry(MatchdeskError):
    """A name that resolves to no ISO country and no custom country of the workshop."""

    def __init__(self, name: str, suggestions: tuple[str, ...] = ()) -> None:
        self.name = name
        self.suggestions = suggestions
        hint = f" Did you mean: {', '.join(suggestions)}?" if suggestions else ""
        super().__init__(f"Unknown country {name!r}.{hint}")


class DuplicateInterest(MatchdeskError):
    """The country already expressed interest in that presentation."""


class NotFound(MatchdeskError):
    """A uid that names no live record."""


class InvalidValue(MatchdeskError):
    """A value a user typed or imported that the workshop cannot hold."""


class ImportFailed(MatchdeskError):
    """An import source is unreadable or invalid; nothing was written."""


@dataclass(frozen=True)
class UnknownName:
    """A country name an import could not resolve, where it first appears, and what it could
    be: the closest countries (names), or the countries an ambiguous name means."""

    name: str
    where: str  # "line 12", "names.csv, line 12" with several sources
    lines: int  # how many rows carry it
    closest: tuple[str, ...] = ()  # ISO alpha-3 codes, best first
    closest_names: tuple[str, ...] = ()
    ambiguous: bool = False  # it means several countries: never a custom country


class UnknownCountries(ImportFailed):
    """An import met names that are no country it knows but resemble one (or mean several):
    refused before writing, so a typo never becomes a custom country that splits a tally."""

    def __init__(self, names: tuple[UnknownName, ...]) -> None:
        self.names = names
        shown = "; ".join(_unknown_text(name) for name in names[:_SHOWN])
        more = f"; and {len(names) - _SHOWN} more" if len(names) > _SHOWN else ""
        accept = (
            " Correct the sheet, or accept a name as a custom country with --custom NAME "
            "(or all of them with --custom-all)."
            if any(not name.ambiguous for name in names)
            else " Write the country meant."
        )
        stop = "" if (more or shown).endswith("?") and not more else "."
        super().__init__(f"Nothing imported: {shown}{more}{stop}{accept}")


_SHOWN = 10


def _unknown_text(name: UnknownName) -> str:
    where = name.where + (f" and {name.lines - 1} more" if name.lines > 1 else "")
    choices = " or ".join(name.closest_names)
    if name.ambiguous:
        return f"{name.name!r} ({where}) could mean {choices}"
    return f"{name.name!r} ({where}): did you mean {choices}?"


class StorageWriteFailed(MatchdeskError):
    """The disk refused a write; the change was not saved."""

    def __init__(self, message: str, errno: int | None = None) -> None:
        self.errno = errno
        super().__init__(message)


class WriteProtected(StorageWriteFailed):
    """The workshop file's mode forbids writing (chmod 444): refused, even for root."""

    def __init__(self, message: str) -> None:
        super().__init__(message, errno.EACCES)


class MissingSnapshot(CorruptWorkshop):
    """The snapshot is gone but its journal or backups remain: only ``restore`` may rebuild it."""


_PLAIN_WORDS = {
    errno.ENOSPC: "the disk is full",
    errno.EROFS: "the disk is read-only",
    errno.EACCES: "permission was denied",
    errno.EPERM: "permission was denied",
    errno.EIO: "the disk reported an input/output error (was the drive removed?)",
    errno.ENOENT: "the folder does not exist (or the drive was removed)",
    errno.EDQUOT: "the disk quota is exceeded",
}


def describe_os_error(exc: OSError) -> str:
    """Plain words for why the disk refused, for a banner or an error line."""
    return _PLAIN_WORDS.get(exc.errno or -1, exc.strerror or str(exc))
