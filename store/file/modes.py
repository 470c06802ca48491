"""Who may read the files matchdesk writes: private (0600) unless the owner says shared.

A workshop holds people's notes, so a new workshop file, its journal, backups, lock and exports
are created readable by their owner only. ``MATCHDESK_SHARED=1`` (or ``--shared`` on the
commands that create files) makes new files 0644. An existing workshop's mode wins: every file
written beside it (journal, backups, temp files, damaged copies) gets the workshop's mode.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from matchdesk.store.errors import WriteProtected

SHARED_ENV = "MATCHDESK_SHARED"
PRIVATE_MODE = 0o600
SHARED_MODE = 0o644


def shared() -> bool:
    return os.environ.get(SHARED_ENV, "").strip().casefold() not in ("", "0", "no", "false")


def new_file_mode() -> int:
    """The mode of a file matchdesk creates with nothing to copy it from."""
    return SHARED_MODE if shared() else PRIVATE_MODE


def mode_of(path: Path) -> int | None:
    try:
        return stat.S_IMODE(os.stat(path).st_mode) & 0o666
    except OSError:
        return None


def mode_beside(workshop: Path) -> int:
    """The mode for a file written beside ``workshop``: the workshop's own, else the default."""
    mode = mode_of(workshop)
    return new_file_mode() if mode is None else mode


def require_writable(path: Path) -> None:
    """Refuse to change a write-protected workshop file, whoever we are.

    ``os.access`` says yes to root whatever the mode, so the owner's write bit is read here.
    """
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return
    if not mode & stat.S_IWUSR:
        raise WriteProtected(
            f"{path} is write-protected (mode {stat.S_IMODE(mode):04o}); matchdesk will not "
            f"change it. Open it read-only (`matchdesk open {path} --read-only`), or make it "
            f"writable first (`chmod u+w {path}`)."
        )
