"""Following other laptops' files live (``matchdesk open FILE --with PEER``).

The session holds a combined workshop: this laptop's file with the peers' records joined in.
Twice a second the app looks at each peer's file (a stat, no read); a changed one is read in a
worker thread and joined into the view on the UI thread, so a capture's Enter never waits for a
peer. A peer that cannot be read (missing, half-copied, damaged, of another workshop) is a quiet
warning, said once until it changes; capture goes on and this laptop's file is not touched.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual.app import App

from matchdesk.store import Interest, InvalidValue, Workshop

if TYPE_CHECKING:  # the session holds the view; this module only calls it
    from matchdesk.store import CombinedWorkshop, Peer
    from matchdesk.store import PeerReading as Reading
    from matchdesk.tui.session import Session

PEER_SECONDS = 0.5


def open_workshop(
    path: Path,
    *,
    read_only: bool,
    peers: Sequence[Path],
    fsync: Callable[[int], None] | None = None,
    max_bytes: int | None = None,
) -> Workshop:
    """The workshop the app shows: ``path`` alone, or combined with ``peers`` (``fsync``: a
    slowed one for tests, as ``Workshop.open`` takes it; a peer over ``max_bytes`` is not
    read, and says so)."""
    if not peers:
        writer = not read_only  # frozen records until its first paint, then dicts
        return Workshop.open(
            path, readonly=read_only, fsync=fsync, index_later=writer, frozen=writer
        )
    if read_only:
        raise InvalidValue(
            "--with follows other laptops beside a file this laptop writes; it cannot be "
            f"combined with a read-only {path.name}. Use `matchdesk tally {path.name} --with "
            "...` for the combined numbers."
        )
    from matchdesk.store import open_combined  # the merge's rooms: only with --with

    return open_combined(path, peers, max_bytes=max_bytes)


class PeerFollower:
    """Reads changed peers off the UI thread and joins them into the view on it (through the
    session, which holds the view)."""

    def __init__(self, app: App[Any], session: Session, view: CombinedWorkshop) -> None:
        self.app = app
        self.session = session
        self.workshop = view
        self._reading: set[Path] = set()
        self._said: dict[Path, str] = {}

    def start(self, every: float = PEER_SECONDS) -> None:
        for peer in self.workshop.peers:
            self._tell(peer)
        self.app.set_interval(every, self.poll, name="peers")

    def poll(self) -> None:
        for peer in self.workshop.peers:
            if peer.path in self._reading or not peer.changed():
                continue
            self._reading.add(peer.path)
            self.app.run_worker(
                lambda peer=peer: self._read(peer),
                thread=True,
                group="peers",
                exit_on_error=False,
            )

    def _read(self, peer: Peer) -> None:
        """In a worker thread: the read, then the join on the UI thread."""
        try:
            reading = peer.read(self.workshop.workshop_uid)
        except Exception as error:  # whatever a peer holds, capture goes on
            from matchdesk.store import PeerReading as Reading
            from matchdesk.store import peer_stamp

            reading = Reading(peer_stamp(peer.path), problem=f"{peer.name}: {error}")
        with contextlib.suppress(RuntimeError):  # the app closed meanwhile
            self.app.call_from_thread(self._absorb, peer, reading)

    def _absorb(self, peer: Peer, reading: Reading) -> None:
        self._reading.discard(peer.path)
        self.session.absorb(peer, reading)  # announces a Change: the screens redraw
        self._tell(peer)

    def _tell(self, peer: Peer) -> None:
        said = self._said.get(peer.path, "")
        if peer.problem == said:
            return
        self._said[peer.path] = peer.problem
        if peer.problem:
            self.app.notify(
                f"{peer.problem} Showing what was last read of it; capture goes on.",
                title="Peer",
                severity="warning",
                timeout=6,
            )
        elif said:
            self.app.notify(f"{peer.name} is followed again.", title="Peer", timeout=4)


def follow_peers(app: App[Any], session: Session) -> PeerFollower | None:
    """Start following the peers of a combined workshop (nothing to do for a plain one)."""
    view = session.peers_view
    if view is None:
        return None
    follower = PeerFollower(app, session, view)
    follower.start()
    return follower


def show_origins(following_peers: bool, interests: Sequence[Interest]) -> bool:
    """Say which laptops captured each interest when several laptops are involved: when
    following peers (``open --with``), or when the listed interests come from more than one."""
    if following_peers:
        return True
    return len({device for i in interests for device in i.captured_on}) > 1
