"""The workshop: a package of objects that each own one job.

``ledger`` is the only writer (storage, undo history, revision, subscribers); ``index`` finds
records and keeps the running tallies; ``values`` and ``names`` build what the UI sees;
``opening`` opens a file; ``inspection`` compares, dumps and checks; ``details``, ``agenda``
and ``captures`` validate what a person writes; ``Workshop`` (``facade``) is the thin face
over them that the UI and the commands talk to.
"""

from matchdesk.store.clock import now_iso
from matchdesk.store.workshop.facade import Workshop
from matchdesk.store.workshop.index import TABLES
from matchdesk.store.workshop.ledger import Ledger
from matchdesk.store.workshop.memory import paused_gc
from matchdesk.store.workshop.opening import default_device

__all__ = ["TABLES", "Ledger", "Workshop", "default_device", "now_iso", "paused_gc"]
