"""What ``matchdesk followup`` prints: the funnel and the possibilities, as text or JSON
(English: the funnel's wording is ``exports``', as the exports say it).

JSON (a contract, like ``tally --json``)::

    {"workshop": title,
     "funnel": {"total", "at": {stage or outcome: count, ...}  (adds up to total),
                "reached": {stage: count, ...}  (at least this far), "closed",
                "sentences": [...]},
     "filter": {...}, "count": n,
     "possibilities": [{"number", "title", "presenter_country": {code, name},
                        "interested_country": {code, name}, "stage", "outcome", "label",
                        "owner", "next_action", "due", "overdue", "last_activity",
                        "contacts": {"presenting", "interested"}, "notes": [...],
                        "conflicts": [...]}, ...]}

``funnel`` always counts the whole workshop; ``possibilities`` are those the filter selects.
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
import json
import json.encoder
from collections.abc import Iterator, Sequence
from dataclasses import asdict
from typing import Any

from matchdesk.store.exchange.json_text import one_line_encoder
from matchdesk.store.followup.exports import funnel_sentences, funnel_table
from matchdesk.store.followup.filters import Filter
from matchdesk.store.followup.funnel import Funnel
from matchdesk.store.followup.rows import Listed
from matchdesk.store.followup.state import FollowState, Possibility, last_activity, utc_stamp
from matchdesk.store.models import Country, Presentation

# One encoder for every line, made once (``json_text``): ``json.dumps`` and ``encode`` make a
# new one per call.
_ENCODE = one_line_encoder()


def _country(country: Country) -> dict[str, str]:
    return {"code": country.code, "name": country.name}


def funnel_json(counts: Funnel) -> dict[str, Any]:
    return {
        "total": counts.total,
        "at": {value.value: count for value, count in counts.at},
        "reached": {stage.value: count for stage, count in counts.reached},
        "closed": counts.closed,
        "sentences": list(funnel_sentences(counts)),
    }


def possibility_json(possibility: Possibility, today: dt.date) -> dict[str, Any]:
    p = possibility
    return _row_json(p.number, p.presentation, p.country, p.captured_at, p.state, today)


def _row_json(
    number: int,
    presentation: Presentation,
    country: Country,
    captured_at: str,
    state: FollowState,
    today: dt.date,
) -> dict[str, Any]:
    """One possibility's JSON from its parts (a ``Possibility``'s, or a ``Listed`` row's)."""
    return {
        "number": number,
        "title": presentation.title,
        "presenter_country": _country(presentation.country),
        "interested_country": _country(country),
        "stage": state.stage.value,
        "outcome": state.outcome.value if state.outcome else None,
        "label": state.label,
        "owner": state.owner,
        "next_action": state.next_action,
        "due": state.due,
        "overdue": state.overdue(today),
        "last_activity": last_activity(state, utc_stamp(captured_at)),
        "contacts": {
            "presenting": state.contacts_presenting,
            "interested": state.contacts_interested,
        },
        "notes": list(state.notes),
        "conflicts": list(state.conflicts),
    }


def followup_json(
    title: str,
    counts: Funnel,
    chosen: Filter,
    shown: Sequence[Possibility],
    today: dt.date,
) -> dict[str, Any]:
    selection = asdict(chosen)
    if selection["presentations"] is not None:
        selection["presentations"] = sorted(selection["presentations"])
    return {
        "workshop": title,
        "funnel": funnel_json(counts),
        "filter": selection,
        "count": len(shown),
        "possibilities": [possibility_json(p, today) for p in shown],
    }


def dumps(data: dict[str, Any]) -> str:
    """``followup_json`` as text: indented, one possibility per line (greps well, and the C
    encoder writes 10,000 lines in milliseconds where an indented dump takes a second)."""
    head = {k: v for k, v in data.items() if k != "possibilities"}
    items = data.get("possibilities", [])
    text = json.dumps(head, ensure_ascii=False, indent=2)
    encode = _ENCODE
    lines = ",\n".join("    " + encode(item) for item in items)
    body = f'  "possibilities": [\n{lines}\n  ]' if items else '  "possibilities": []'
    return text[:-2] + ",\n" + body + "\n}"


def followup_json_pieces(
    title: str,
    counts: Funnel,
    chosen: Filter,
    shown: Sequence[Listed],
    today: dt.date,
    batch: int = 500,
) -> Iterator[str]:
    """``dumps(followup_json(...))`` of the possibilities ``shown`` lists, in pieces, ``batch``
    possibilities at a time: 100,000 possibilities never stand as dicts and as text at once
    (418 MB at the largest workshop measured, 12.6 times its file)."""
    head = followup_json(title, counts, chosen, (), today)
    head["count"] = sum(len(group.rows) for group in shown)
    del head["possibilities"]
    text = json.dumps(head, ensure_ascii=False, indent=2)
    if not head["count"]:
        yield text[:-2] + ',\n  "possibilities": []\n}'
        return
    yield text[:-2] + ',\n  "possibilities": [\n'
    lines = possibility_lines(shown, today)
    separator = ""
    while chunk := list(itertools.islice(lines, batch)):
        yield separator + ",\n".join(chunk)
        separator = ",\n"
    yield "\n  ]\n}"


# ``possibility_json``'s fields by what they depend on: the presentation and its number, the
# interested country, the state (``overdue`` too: a due date passed on an open possibility),
# the possibility itself (``last_activity``), the state again.
_BY_PRESENTATION = ("number", "title", "presenter_country")
_BY_COUNTRY = ("interested_country",)
_BY_STATE = ("stage", "outcome", "label", "owner", "next_action", "due", "overdue")
_OWN = "last_activity"
_BY_STATE_AFTER = ("contacts", "notes", "conflicts")
FIELD_ORDER = (*_BY_PRESENTATION, *_BY_COUNTRY, *_BY_STATE, _OWN, *_BY_STATE_AFTER)


def _inner(fields: dict[str, Any], names: tuple[str, ...]) -> str:
    """Those ``fields`` as the encoder writes them inside an object's braces."""
    return _ENCODE({name: fields[name] for name in names})[1:-1]


def possibility_lines(shown: Sequence[Listed], today: dt.date) -> Iterator[str]:
    """``"    " + encode(possibility_json(p, today))`` for each possibility ``shown`` lists,
    byte for byte, from parts encoded once per presentation, country and state: 100,000
    possibilities share a few hundred states (0.5 s of ``followup --json`` was encoding their
    dicts). A state seen once is written whole; most never come back (a long history is its
    own). A row's last activity is worked out again only when its capture time or state is not
    the row before's: an imported report gives every row one time (0.035 s at 100,000)."""
    encode = _ENCODE
    text = json.encoder.encode_basestring  # a str as ``encode`` writes it, without its check
    countries: dict[int, str] = {}  # by id (all held by shown)
    states: dict[int, tuple[str, str]] = {}
    once: set[int] = set()
    # The row before's capture time and state, and its last activity as written.
    seen_at: str | None = None
    seen_state: FollowState | None = None
    latest = ""
    for group in shown:
        number, presentation = group.number, group.presentation
        head = ""
        for _, country, _, captured_at, state in group.rows:
            part = countries.get(id(country))
            both = states.get(id(state))
            if not head or part is None or both is None:
                fields = _row_json(number, presentation, country, captured_at, state, today)
                if both is None and id(state) not in once:
                    once.add(id(state))
                    yield "    " + encode(fields)
                    continue
                if not head:
                    head = "    {" + _inner(fields, _BY_PRESENTATION) + ", "
                if part is None:
                    part = countries[id(country)] = _inner(fields, _BY_COUNTRY) + ", "
                if both is None:
                    both = states[id(state)] = (
                        f"{_inner(fields, _BY_STATE)}, {encode(_OWN)}: ",
                        f", {_inner(fields, _BY_STATE_AFTER)}}}",
                    )
            if captured_at != seen_at or state is not seen_state:  # equal, not the same object
                seen_at, seen_state = captured_at, state
                latest = text(last_activity(state, utc_stamp(captured_at)))
            yield f"{head}{part}{both[0]}{latest}{both[1]}"


@functools.lru_cache(maxsize=8192)
def _fit(text: str, width: int) -> str:
    """``text`` on one line of at most ``width``; remembered, because a title, a country, a
    stage and an owner each come back on thousands of lines (500,000 calls at 100,000)."""
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def followup_text(
    title: str,
    counts: Funnel,
    shown: Sequence[Listed],
    today: dt.date,
    *,
    narrowed: bool,
) -> str:
    """The funnel (sentences, then one line per stage), then the possibilities ``shown``
    lists."""
    return "\n".join(followup_lines(title, counts, shown, today, narrowed=narrowed))


def followup_lines(
    title: str,
    counts: Funnel,
    shown: Sequence[Listed],
    today: dt.date,
    *,
    narrowed: bool,
) -> Iterator[str]:
    """``followup_text`` line by line: the command writes 100,000 possibilities a batch at a
    time, never all of them as text at once."""
    yield from (f"Follow-up of {title or 'the workshop'}", "")
    yield from funnel_sentences(counts)
    yield ""
    table = funnel_table(counts)
    first, second = (column.title for column in table.columns)
    width = max(len(str(label)) for label, _ in table.rows)
    yield f"{first:<{width}}  {second}"
    yield from (f"{label!s:<{width}}  {count!s:>{len(second)}}" for label, count in table.rows)
    yield ""
    what = "selected" if narrowed else "in all"
    count = sum(len(group.rows) for group in shown)
    yield (f"{count} possibilit{'y' if count == 1 else 'ies'} {what}:")
    if count:
        yield (
            f"{'#':>3}  {'Best practice':<28}  {'Sharing':<14}  {'Interested':<14}  "
            f"{'Stage':<22}  {'Owner':<12}  Due"
        )
    # A presentation's cells come back on each of its lines, a country's and a state's on
    # thousands: each is laid out once (a state's due date and overdue mark too: ``overdue``
    # reads the state alone).
    names: dict[int, str] = {}  # by country (ids: all held by shown)
    stages: dict[tuple[str, str], str] = {}
    tails: dict[int, str] = {}  # by state
    conflicts = False
    for group in shown:
        presentation = group.presentation
        head = (
            f"{group.number:>3}  {_fit(presentation.title, 28):<28}  "
            f"{_fit(presentation.country.name, 14):<14}  "
        )
        for _, country, _, _, state in group.rows:
            name = names.get(id(country))
            if name is None:
                name = names[id(country)] = f"{_fit(country.name, 14):<14}  "
            tail = tails.get(id(state))
            if tail is None:
                stage = stages.get((state.label, state.owner))
                if stage is None:
                    stage = stages[state.label, state.owner] = (
                        f"{_fit(state.label, 22):<22}  {_fit(state.owner, 12):<12}  "
                    )
                due = state.due + (" overdue" if state.overdue(today) else "")
                flag = " !" if state.conflicts else ""
                conflicts = conflicts or bool(state.conflicts)
                # never blank (a stage's label), so the line ends as its tail does
                tail = tails[id(state)] = f"{stage}{due}{flag}".rstrip()
            yield f"{head}{name}{tail}"
    if conflicts:
        yield from ("", "! changed on two laptops at once: see the history in the app.")
