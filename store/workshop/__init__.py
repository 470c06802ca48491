"""The ``Workshop`` facade, the only writer of a workshop file, in parts that each hold one job.

Every record has a uid, timestamps, the writing device and a ``deleted`` tombstone; TinyDB's
doc ids are only addresses inside one file. Every public write is one storage transaction (one
journal line), one step of the undo history, and one ``Change`` for the subscribers; the running
tallies are kept current from the same records (``store/tallies.py``).

The parts, from the records up (each a class the next one extends):

``index``       where each record is, which captures make each interest, the running tallies
``ledger``      the only writer: transactions, the undo history, the subscribers, ``commit``
``names``       the workshop's countries and how typed names resolve
``values``      the frozen values the UI sees (presentations, interests, details, tallies)
``inspection``  the difference from an older read, the dump, the check
``opening``     open (lock, recovery, migration), save as, close
``facade``      ``Workshop``: the edits (details, presentations, interests)
"""

from matchdesk.store.workshop.facade import Workshop
from matchdesk.store.workshop.index import TABLES, paused_gc
from matchdesk.store.workshop.opening import default_device, diagnostic_fsync

__all__ = ["TABLES", "Workshop", "default_device", "diagnostic_fsync", "paused_gc"]
