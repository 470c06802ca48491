"""The data layer: models, country names, storage, the Workshop facade, tallies, import/export.

Never imports Textual: everything here runs headless (commands, tests, benchmarks).

This package is also the store's public face, the TUI's one door: ``tui/`` imports from
``matchdesk.store`` only (an import-linter contract), never from a module behind it. The face is
the ``TYPE_CHECKING`` block below, written once: mypy reads it as imports, and ``__getattr__``
reads the same lines to load a name on first use, so a command loads only the rooms it uses
(``matchdesk tally`` never loads the DOCX writer).
"""

from __future__ import annotations

import functools
import importlib
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from matchdesk.store.chat import Chat as Chat
    from matchdesk.store.chat import ChatDesk as ChatDesk
    from matchdesk.store.chat import Proposal as Proposal
    from matchdesk.store.chat import Reading as ChatReading
    from matchdesk.store.chat import Status as Status
    from matchdesk.store.chat import read_chat as read_chat
    from matchdesk.store.countries import normalise as normalise
    from matchdesk.store.countries.completion import SEPARATORS as SEPARATORS
    from matchdesk.store.countries.completion import PreviewPart as PreviewPart
    from matchdesk.store.demo import create_demo as create_demo
    from matchdesk.store.demo import create_demo_network as create_demo_network
    from matchdesk.store.errors import InvalidValue as InvalidValue
    from matchdesk.store.errors import MatchdeskError as MatchdeskError
    from matchdesk.store.errors import NotFound as NotFound
    from matchdesk.store.errors import ReadOnlyWorkshop as ReadOnlyWorkshop
    from matchdesk.store.errors import StorageWriteFailed as StorageWriteFailed
    from matchdesk.store.errors import UnknownCountries as UnknownCountries
    from matchdesk.store.errors import UnknownName as UnknownName
    from matchdesk.store.errors import WorkshopLocked as WorkshopLocked
    from matchdesk.store.errors import describe_os_error as describe_os_error
    from matchdesk.store.exchange.export import EXTENSIONS as EXTENSIONS
    from matchdesk.store.exchange.export import LANGUAGES as REPORT_LANGUAGES
    from matchdesk.store.exchange.export import Choices as Choices
    from matchdesk.store.exchange.export import default_output_path as default_output_path
    from matchdesk.store.exchange.export import export_workshop as export_workshop
    from matchdesk.store.exchange.export import render_workshop as render_workshop
    from matchdesk.store.exchange.export import write_export as write_export
    from matchdesk.store.exchange.export.text import render_text as render_text
    from matchdesk.store.exchange.importing import Customs as Customs
    from matchdesk.store.exchange.importing import check_source as check_source
    from matchdesk.store.exchange.importing import import_sources as import_sources
    from matchdesk.store.exchange.tally_output import tallies_json_text as tallies_json_text
    from matchdesk.store.exchange.tally_output import tallies_text as tallies_text
    from matchdesk.store.file.limits import MAX_READ_BYTES as MAX_READ_BYTES
    from matchdesk.store.file.limits import MAX_READ_MB as MAX_READ_MB
    from matchdesk.store.file.limits import MAX_SOURCE_MB as MAX_SOURCE_MB
    from matchdesk.store.file.limits import require_within as require_within
    from matchdesk.store.file.modes import SHARED_ENV as SHARED_ENV
    from matchdesk.store.file.recovery import digest as digest
    from matchdesk.store.file.recovery import list_backups as list_backups
    from matchdesk.store.file.recovery import restore as restore
    from matchdesk.store.followup import OUTCOMES as OUTCOMES
    from matchdesk.store.followup import STAGES as STAGES
    from matchdesk.store.followup import Event as Event
    from matchdesk.store.followup import Filter as Filter
    from matchdesk.store.followup import Followup as Followup
    from matchdesk.store.followup import Key as Key
    from matchdesk.store.followup import Outcome as Outcome
    from matchdesk.store.followup import Possibility as Possibility
    from matchdesk.store.followup import Stage as Stage
    from matchdesk.store.followup.filters import ALL as ALL
    from matchdesk.store.followup.filters import CLOSED as CLOSED
    from matchdesk.store.followup.filters import GROUPS as GROUPS
    from matchdesk.store.followup.filters import STALE_DAYS as STALE_DAYS
    from matchdesk.store.followup.filters import build_filter as build_filter
    from matchdesk.store.followup.filters import group_label as group_label
    from matchdesk.store.followup.listing import (
        followup_json_pieces as followup_json_pieces,
    )
    from matchdesk.store.followup.listing import followup_lines as followup_lines
    from matchdesk.store.followup.records import describe as describe
    from matchdesk.store.followup.sheet import read_followup_csv as read_followup_csv
    from matchdesk.store.followup.updates import Update as Update
    from matchdesk.store.followup.updates import plan as plan
    from matchdesk.store.followup.updates import update_from as update_from
    from matchdesk.store.merge.combined import CombinedWorkshop as CombinedWorkshop
    from matchdesk.store.merge.combined import combined_view as combined_view
    from matchdesk.store.merge.combined import open_combined as open_combined
    from matchdesk.store.merge.conflicts import Candidate as Candidate
    from matchdesk.store.merge.conflicts import Conflict as Conflict
    from matchdesk.store.merge.conflicts import conflicts as conflicts
    from matchdesk.store.merge.conflicts import pick as pick
    from matchdesk.store.merge.merge_report import MergeReport as MergeReport
    from matchdesk.store.merge.merging import merge_files as merge_files
    from matchdesk.store.merge.peers import Peer as Peer
    from matchdesk.store.merge.peers import Reading as PeerReading
    from matchdesk.store.merge.peers import peer_stamp as peer_stamp
    from matchdesk.store.models import FORMATS as FORMATS
    from matchdesk.store.models import LANGUAGES as LANGUAGES
    from matchdesk.store.models import PAPERS as PAPERS
    from matchdesk.store.models import Change as Change
    from matchdesk.store.models import Channel as Channel
    from matchdesk.store.models import Country as Country
    from matchdesk.store.models import ImportReport as ImportReport
    from matchdesk.store.models import Interest as Interest
    from matchdesk.store.models import Mode as Mode
    from matchdesk.store.models import Presentation as Presentation
    from matchdesk.store.models import RecordResult as RecordResult
    from matchdesk.store.models import Standings as Standings
    from matchdesk.store.models import Totals as Totals
    from matchdesk.store.models import WorkshopInfo as WorkshopInfo
    from matchdesk.store.network.decisions import decide as decide
    from matchdesk.store.network.decisions import set_region as set_region
    from matchdesk.store.network.discover import network_folder as network_folder
    from matchdesk.store.network.network_report import network_document as network_document
    from matchdesk.store.network.network_report import render_network as render_network
    from matchdesk.store.network.output import network_json as network_json
    from matchdesk.store.network.output import network_json_text as network_json_text
    from matchdesk.store.network.rollup import EVERY_WORKSHOP as EVERY_WORKSHOP
    from matchdesk.store.network.rollup import Filters as Filters
    from matchdesk.store.network.rollup import Loaded as Loaded
    from matchdesk.store.network.rollup import Measures as Measures
    from matchdesk.store.network.rollup import NetworkView as NetworkView
    from matchdesk.store.network.rollup import RegionMatrix as RegionMatrix
    from matchdesk.store.network.rollup import build as build
    from matchdesk.store.network.rollup import recount as recount
    from matchdesk.store.network.workshop_funnels import Funnel as Funnel
    from matchdesk.store.pending import PendingQueue as PendingQueue
    from matchdesk.store.workshop import Workshop as Workshop
    from matchdesk.store.workshop.memory import left_to_exit as left_to_exit


# Names the face gives under another name (the chat's and a peer's ``Reading``, the report
# languages): mypy counts an import renamed as exported only when it is listed here.
__all__ = ["REPORT_LANGUAGES", "ChatReading", "PeerReading"]


# One ``from MODULE import NAME as ALIAS`` of the block (parenthesised over lines too).
_FACE_IMPORT = re.compile(r"^\s+from ([\w.]+) import \(?\s*(\w+)(?: as (\w+))?,?\s*\)?$", re.M)


@functools.cache
def face() -> dict[str, tuple[str, str]]:
    """Each public name -> (the module that defines it, its name there), read from the block
    above: its lines, not its syntax tree (``ast.parse`` of this file cost every command
    2 ms; ``test_architecture`` holds the two readings equal)."""
    text = Path(__file__).read_text(encoding="utf-8")
    block = text.split("\nif TYPE_CHECKING:\n", 1)[1].split("\n\n", 1)[0]
    return {alias or name: (module, name) for module, name, alias in _FACE_IMPORT.findall(block)}


def __getattr__(name: str) -> Any:
    found = face().get(name)
    if found is None:
        raise AttributeError(f"module 'matchdesk.store' has no attribute {name!r}")
    module, original = found
    value = getattr(importlib.import_module(module), original)
    globals()[name] = value  # loaded once
    return value
