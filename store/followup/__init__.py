"""Follow-up: each interest is a possibility for partnership, followed for months after.

``Followup(workshop)`` reads and writes it through the ``Workshop`` facade (each action one
undo step); ``stages`` holds the stages and outcomes, ``records`` the history records, ``state``
what is derived from them, ``funnel`` the counts, ``filters`` what the screen and
``matchdesk followup`` select by, ``updates`` the batch updates of a spreadsheet or ``--set``,
``union`` and ``transfer`` the union by uid that merging and JSON imports use, ``rows`` the
live interests the possibilities are made of. Its outputs live here too: ``exports`` words it
in the report's language for every export format, ``listing`` is what ``matchdesk followup``
prints (from rows), ``sheet`` reads a follow-up spreadsheet.
"""

from matchdesk.store.followup.desk import Followup
from matchdesk.store.followup.filters import Filter
from matchdesk.store.followup.funnel import Funnel
from matchdesk.store.followup.records import Event, Key
from matchdesk.store.followup.stages import OUTCOMES, STAGES, Outcome, Stage, parse_stage
from matchdesk.store.followup.state import FollowState, Possibility
from matchdesk.store.followup.union import merge_followup

__all__ = [
    "OUTCOMES",
    "STAGES",
    "Event",
    "Filter",
    "FollowState",
    "Followup",
    "Funnel",
    "Key",
    "Outcome",
    "Possibility",
    "Stage",
    "merge_followup",
    "parse_stage",
]
