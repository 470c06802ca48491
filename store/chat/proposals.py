"""From chat messages to proposed interests: (presentation, country) pairs, each with its reason.

Rules (docs/online-delegates.md, "What is proposed and why"), message by message:

- the **countries** named in the message, else the one in the sender's display name, else the
  one the sender named earlier in the chat ("we" later means the same country); the presenting
  country of the presentation in question is being talked about, not interested;
- the **presentation** named in the message (number or title words), else the one named in
  the message replied to, else the one live at that minute (the session's timeline), else the
  one the chat last announced ("▶ Practice 3", "next: Rapid Digitization");
- only a message that expresses interest proposes: interest words in the four languages, "+1",
  or a country named with a presentation ("Thailand #3") or with little else ("Nepal too").
  Greetings, thanks and questions propose nothing; a withdrawal ("Nepal withdraws interest
  in #9") takes back what the chat proposed before;
- a proposal is **sure** when both its presentation and its country come from the message
  itself, spelt as a country is typed in the app: ``--accept-sure`` and ``a`` take only those.
"""

from __future__ import annotations

import bisect
import re
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum

from matchdesk.store.chat.countries import CountryFinder, Found
from matchdesk.store.chat.formats import Chat
from matchdesk.store.chat.messages import Kind, Message
from matchdesk.store.chat.references import Presentations
from matchdesk.store.chat.words import words as words_of
from matchdesk.store.models import Country, Presentation

_NAMESPACE = uuid.UUID("6f1c1d2e-52a4-4cde-9d55-2f3c7c0e6a11")

_INTEREST = re.compile(
    r"\b(?:(?<!with )interest(?:ed|s)?|interes(?:ad[oa]s?|a|an|amos|e)|"
    r"interess(?:e|es|ee|ees|ent|ons)|"
    r"интересу\w+|заинтересован\w*|count us|"
    r"sign us|us too|me too|we too|also|too|as well|aussi|egalement|tambien|тоже|также|"
    r"want to learn|would like|like to learn|learn more|learn from|adopt|adapt|replicate|"
    r"nous aussi|nosotros tambien|hotim|хотим|хотели бы|queremos|quisieramos|nous voulons|"
    r"souhait\w*|please add|add us)\b"
)
_GREETING = re.compile(
    r"^(?:hello|hi|hey|good (?:morning|afternoon|evening|day)|greetings|bonjour|bonsoir|"
    r"salut|hola|buen[oa]s?(?: (?:dias|tardes|noches))?|привет\w*|здравствуйте|"
    r"добр\w+ (?:день|утро|вечер)|welcome|bienvenue|bienvenid\w*)\b"
)
_THANKS = re.compile(
    r"\b(?:thank\w*|thanks|thx|merci|gracias|спасибо|благодар\w*|bravo|congrat\w*|"
    r"felicit\w*|well done|great presentation|excellent presentation)\b"
)
_WITHDRAW = re.compile(
    r"\b(?:withdraw\w*|retract\w*|cancel\w*|remove (?:us|our)|not interested|no longer|"
    r"retir\w*|отзыва\w*|отзовем|снима\w*|больше не)\b"
)
_ANNOUNCE = re.compile(
    r"(?:▶|►|➡|\bnext\s*:|\bnow\s*:|\bup next\b|\bnow presenting\b|\bsiguiente\s*:|"
    r"\bsuivant\s*:|\bследующ\w*)",
    re.IGNORECASE,
)
SHORT_WORDS = 4  # "Nepal too", "Philippines +1": a message that is little more than a name


class Status(StrEnum):
    NEW = "new"
    COUNTED = "already counted"
    ACCEPTED = "accepted"
    REJECTED = "rejected"


@dataclass(frozen=True)
class Proposal:
    """One proposed interest: ``uid`` names the facilitator's decision on it, the same on every
    laptop (the workshop, the message and the pair as the chat proposed it)."""

    uid: str
    message: Message
    presentation: Presentation
    number: int
    country: Country
    reason: str
    sure: bool
    status: Status = Status.NEW
    withdrawn: str = ""  # "withdrawn in the chat at 10:51" when a later message took it back


@dataclass(frozen=True)
class Reading:
    """One message and what it proposes; ``note`` says why it proposes nothing."""

    message: Message
    proposals: tuple[Proposal, ...] = ()
    note: str = ""


@dataclass(frozen=True)
class Context:
    """What proposals are read against: the workshop's identity, agenda and countries, and
    its timeline ((UTC time, presentation uid), oldest first)."""

    workshop_uid: str
    agenda: Presentations
    finder: CountryFinder
    timeline: tuple[tuple[str, str], ...] = ()
    reactions: bool = False


def proposal_uid(workshop_uid: str, message: Message, presentation: str, country: str) -> str:
    name = f"{workshop_uid}\x1f{message.key}\x1f{presentation}\x1f{country}"
    return str(uuid.uuid5(_NAMESPACE, name))


@dataclass
class _State:
    """What the chat said so far: senders' countries and the last announced presentation."""

    senders: dict[str, tuple[Country, str]] = field(default_factory=dict)
    announced: tuple[Presentation, str] | None = None
    readings: list[Reading] = field(default_factory=list)
    # (presentation uid, country code) -> the readings that propose it, for withdrawals
    proposing: dict[tuple[str, str], list[int]] = field(default_factory=dict)


def read_proposals(chat: Chat, context: Context) -> list[Reading]:
    """Every message of ``chat`` with its proposals, in message order (statuses all new)."""
    state = _State()
    numbers = {p.uid: n for n, p in enumerate(context.agenda.agenda, 1)}
    for message in chat.messages:
        reading = _read(message, chat, context, state, numbers)
        for proposal in reading.proposals:
            pair = (proposal.presentation.uid, proposal.country.code)
            state.proposing.setdefault(pair, []).append(len(state.readings))
        state.readings.append(reading)
    return state.readings


def _live(context: Context, chat: Chat, message: Message) -> Presentation | None:
    if not chat.timed or not context.timeline:
        return None
    index = bisect.bisect_right(context.timeline, (message.time, "\uffff")) - 1
    if index < 0 or context.timeline[index][0][:10] != message.time[:10]:
        return None
    uid = context.timeline[index][1]
    return next((p for p in context.agenda.agenda if p.uid == uid), None)


def _sender_country(
    message: Message, context: Context, state: _State
) -> tuple[Country, str] | None:
    own = context.finder.in_sender(message.sender)
    if own is not None:
        return own, "from sender's name"
    earlier = state.senders.get(message.sender)
    if earlier is not None:
        return earlier[0], f"named earlier by the sender at {earlier[1]}"
    return None


def _target(
    message: Message, named: list[Presentation], chat: Chat, context: Context, state: _State
) -> tuple[list[Presentation], str, bool]:
    """The presentations a message is about, why, and whether the message itself names them
    (``named``)."""
    if named:
        return named, "presentation named in message", True
    if message.kind == Kind.REPLY and message.quoted:
        quoted = context.agenda.named(message.quoted)
        if quoted:
            return quoted, "presentation named in the message replied to", False
    live = _live(context, chat, message)
    if live is not None:
        return [live], f"live presentation at {message.clock}", False
    if state.announced is not None:
        presentation, at = state.announced
        return [presentation], f"presentation announced in the chat at {at}", False
    return [], "", False


def _read(
    message: Message, chat: Chat, context: Context, state: _State, numbers: dict[str, int]
) -> Reading:
    if message.kind == Kind.REACTION:
        return _reaction(message, chat, context, state, numbers)
    text = message.text
    words = words_of(text)
    if not words:
        return Reading(message, note="no text")
    norm = " ".join(words)
    named_here = context.agenda.named(text, words)
    presentations, p_reason, p_sure = _target(message, named_here, chat, context, state)
    if named_here and _ANNOUNCE.search(text):
        state.announced = (named_here[-1], message.clock)
        return Reading(message, note=f"announces presentation {numbers[named_here[-1].uid]}")
    presenters = {p.country.code for p in presentations}
    found = [f for f in context.finder.find(text, words) if f.country.code not in presenters]
    if _WITHDRAW.search(norm):
        return _withdrawal(message, found, presentations, context, state)
    interest = bool(_INTEREST.search(norm)) or "+1" in text
    if not interest and (_GREETING.match(norm) or _THANKS.search(norm)):
        if len(found) == 1 and not found[0].corrected:
            state.senders[message.sender] = (found[0].country, message.clock)
        return Reading(message, note="greeting or thanks")
    if "?" in text and not interest:
        return Reading(message, note="a question")
    countries: list[tuple[Found, str]]
    if found:
        countries = [
            (f, f"country in message (read from {f.corrected!r})" if f.corrected else "")
            for f in found
        ]
        countries = [(f, why or "country in message") for f, why in countries]
    else:
        sender = _sender_country(message, context, state)
        if sender is None:
            return Reading(message, note="names no country")
        countries = [(Found(sender[0], corrected="sender"), sender[1])]
    if not (interest or (found and (named_here or len(words) <= SHORT_WORDS))):
        return Reading(message, note="expresses no interest")
    if len(found) == 1 and not found[0].corrected:
        state.senders[message.sender] = (found[0].country, message.clock)
    if not presentations:
        names = ", ".join(f.country.name for f, _ in countries)
        return Reading(message, note=f"names {names} but no presentation")
    proposals = tuple(
        Proposal(
            uid=proposal_uid(context.workshop_uid, message, p.uid, f.country.code),
            message=message,
            presentation=p,
            number=numbers[p.uid],
            country=f.country,
            reason=f"{why}; {p_reason}",
            sure=p_sure and not f.corrected,
        )
        for p in presentations
        for f, why in countries
        if f.country.code != p.country.code
    )
    return Reading(message, proposals, "" if proposals else "names only the presenting country")


def _withdrawal(
    message: Message,
    found: list[Found],
    presentations: Sequence[Presentation],
    context: Context,
    state: _State,
) -> Reading:
    countries = [f.country for f in found]
    if not countries:
        sender = _sender_country(message, context, state)
        countries = [sender[0]] if sender else []
    pairs = {(p.uid, c.code) for p in presentations for c in countries}
    taken = 0
    for index in sorted({i for pair in pairs for i in state.proposing.get(pair, ())}):
        reading = state.readings[index]
        changed = tuple(
            replace(p, withdrawn=f"withdrawn in the chat at {message.clock}")
            if (p.presentation.uid, p.country.code) in pairs and not p.withdrawn
            else p
            for p in reading.proposals
        )
        taken += sum(1 for a, b in zip(changed, reading.proposals, strict=True) if a != b)
        state.readings[index] = replace(reading, proposals=changed)
    names = ", ".join(c.name for c in countries) or "nobody named"
    return Reading(message, note=f"withdrawal ({names}; {taken} earlier proposal(s) taken back)")


def _reaction(
    message: Message, chat: Chat, context: Context, state: _State, numbers: dict[str, int]
) -> Reading:
    if not message.reaction:
        return Reading(message, note="a reaction removed")
    if not context.reactions:
        return Reading(message, note="a reaction (reactions are not counted unless turned on)")
    original = next(
        (
            r
            for r in reversed(state.readings)
            if r.message.kind != Kind.REACTION and r.message.text.startswith(message.quoted[:60])
        ),
        None,
    )
    sender = _sender_country(message, context, state)
    if original is None or sender is None or not original.proposals:
        return Reading(message, note="a reaction to a message that proposes nothing")
    presentations = list({p.presentation.uid: p.presentation for p in original.proposals}.values())
    proposals = tuple(
        Proposal(
            uid=proposal_uid(context.workshop_uid, message, p.uid, sender[0].code),
            message=message,
            presentation=p,
            number=numbers[p.uid],
            country=sender[0],
            reason=f"{sender[1]}; reacted {message.reaction} to {original.message.sender} at "
            f"{original.message.clock}",
            sure=False,
        )
        for p in presentations
        if p.country.code != sender[0].code
    )
    return Reading(message, proposals)
