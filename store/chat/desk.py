"""``ChatDesk``: a workshop's proposals from a chat, and the facilitator's decisions on them.

A decision is a record of the ``chat`` table whose uid is the proposal's (the same on every
laptop), so the same message accepted on two laptops merges into one decision, and its
interest into one interest (an interest is its presentation and country). Accepting writes
the interest (channel online, captured at the message's time, note "chat: <message>") and the
decision in one ``Workshop.commit``: one undo step takes both back. Rejections are records
too, so a rejected proposal stays rejected on every later import.

Decision fields, besides every record's identity: ``message`` (the message's key), ``at`` (its
time), ``sender``, ``proposed`` ("presentation uid/country code" as the chat proposed it),
``decision`` ("accepted" or "rejected"), ``presentation`` and ``country`` (as decided, after
any edit), ``interest`` (the uid of the interest it wrote, or "").
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from matchdesk.store.chat.countries import CountryFinder
from matchdesk.store.chat.formats import Chat
from matchdesk.store.chat.proposals import Context, Proposal, Reading, Status, read_proposals
from matchdesk.store.chat.references import Presentations
from matchdesk.store.clock import now_iso
from matchdesk.store.errors import InvalidValue, NotFound
from matchdesk.store.file.schema import CHAT, INTERESTS, META, TIMELINE
from matchdesk.store.models import Change, Channel, Country, Doc
from matchdesk.store.validation import MAX_TEXT, clean_field
from matchdesk.store.workshop import Workshop

ACCEPTED, REJECTED = "accepted", "rejected"
NOTE_PREFIX = "chat: "


def timeline(workshop: Workshop) -> tuple[tuple[str, str], ...]:
    """When each presentation became the highlighted one, oldest first (UTC stamps)."""
    moments = (
        (str(doc.get("at") or doc.get("created_at", "")), str(doc.get("presentation", "")))
        for doc in workshop.ledger.records(TIMELINE)
    )
    return tuple(sorted(m for m in moments if m[0] and m[1]))


def note_for(text: str) -> str:
    """The accepted interest's note: the message, cut to the note's limit."""
    return clean_field(NOTE_PREFIX + text[: MAX_TEXT - len(NOTE_PREFIX)], "note", multiline=True)


class ChatDesk:
    """Proposals from chats for one open workshop, and the decisions on them."""

    def __init__(self, workshop: Workshop, *, reactions: bool = False) -> None:
        self.workshop = workshop
        self.reactions = reactions
        # Proposals the facilitator changed (e) before deciding: uid -> (presentation, country).
        self._edits: dict[str, tuple[str, str]] = {}

    def _workshop_uid(self) -> str:
        return next((str(d.get("uid")) for d in self.workshop.ledger.records(META)), "")

    def context(self) -> Context:
        workshop = self.workshop
        agenda = workshop.presentations()
        known: dict[str, Country] = {p.country.code: p.country for p in agenda}
        for presentation in agenda:
            for interest in workshop.interests(presentation.uid):
                known.setdefault(interest.country.code, interest.country)
        return Context(
            workshop_uid=self._workshop_uid(),
            agenda=Presentations(agenda),
            finder=CountryFinder(workshop.resolver, known.values()),
            timeline=timeline(workshop),
            reactions=self.reactions,
        )

    def read(self, chat: Chat) -> tuple[Reading, ...]:
        """Every message of ``chat`` with its proposals and their status now; a proposal the
        chat took back later is left out unless it was already decided."""
        readings = read_proposals(chat, self.context())
        decisions = {d["uid"]: d for d in self.workshop.ledger.records(CHAT)}
        return tuple(self._with_status(r, decisions) for r in readings)

    def _with_status(self, reading: Reading, decisions: dict[str, Doc]) -> Reading:
        if not reading.proposals:
            return reading
        proposals: list[Proposal] = []
        for proposal in reading.proposals:
            updated = self._status(proposal, decisions.get(proposal.uid))
            if updated.withdrawn and updated.status in (Status.NEW, Status.COUNTED):
                continue
            proposals.append(updated)
        note = reading.note
        if reading.proposals and not proposals:
            note = reading.proposals[0].withdrawn
        return replace(reading, proposals=tuple(proposals), note=note)

    def _status(self, proposal: Proposal, decision: Doc | None) -> Proposal:
        workshop = self.workshop
        if decision is not None:
            proposal = self._moved(
                proposal, decision.get("presentation", ""), decision.get("country", "")
            )
            status = Status.ACCEPTED if decision.get("decision") == ACCEPTED else Status.REJECTED
            return replace(proposal, status=status)
        if proposal.uid in self._edits:
            proposal = self._moved(proposal, *self._edits[proposal.uid])
        if workshop.has_interest(proposal.presentation.uid, proposal.country):
            return replace(proposal, status=Status.COUNTED)
        return replace(proposal, status=Status.NEW)

    def _moved(self, proposal: Proposal, presentation_uid: str, code: str) -> Proposal:
        """``proposal`` with the presentation and country a person chose instead."""
        if (presentation_uid, code) == (proposal.presentation.uid, proposal.country.code):
            return proposal
        agenda = self.workshop.presentations()
        number = next((n for n, p in enumerate(agenda, 1) if p.uid == presentation_uid), 0)
        if not number:
            return proposal
        try:
            country = self.workshop.country(code)
        except NotFound:
            return proposal
        return replace(
            proposal,
            presentation=agenda[number - 1],
            number=number,
            country=country,
            reason="changed by the facilitator",
            sure=False,
        )

    # -- decisions -------------------------------------------------------------------------
    def edit(self, proposal: Proposal, number: int, country_text: str) -> Proposal:
        """The proposal with another presentation (its agenda number) and/or country (as
        typed in the app); nothing is written until it is accepted."""
        agenda = self.workshop.presentations()
        if not 1 <= number <= len(agenda):
            raise InvalidValue(f"There is no presentation {number}: the agenda has {len(agenda)}.")
        country = self.workshop.resolve(country_text)
        if country is None:
            raise InvalidValue(f"{country_text.strip()!r} is not a country matchdesk knows.")
        self._edits[proposal.uid] = (agenda[number - 1].uid, country.code)
        moved = self._moved(proposal, agenda[number - 1].uid, country.code)
        counted = self.workshop.has_interest(moved.presentation.uid, moved.country)
        return replace(moved, status=Status.COUNTED if counted else Status.NEW)

    def _decision(self, proposal: Proposal, decision: str, interest: str) -> Doc:
        existing = self.workshop.ledger.record(CHAT, proposal.uid)
        fields = {
            "message": proposal.message.key,
            "at": proposal.message.time,
            "sender": proposal.message.sender,
            "decision": decision,
            "presentation": proposal.presentation.uid,
            "country": proposal.country.code,
            "interest": interest,
        }
        if existing is None:
            doc = self.workshop.ledger.new_record(**fields)
            doc["uid"] = proposal.uid
            return doc
        return {
            **existing,
            **fields,
            "deleted": False,
            "updated_at": now_iso(),
            "device": self.workshop.device,
        }

    def _interest(self, proposal: Proposal) -> Doc:
        return self.workshop.ledger.new_record(
            presentation=proposal.presentation.uid,
            country=proposal.country.code,
            channel=Channel.ONLINE.value,
            note=note_for(proposal.message.text),
            captured_at=proposal.message.time,
        )

    def accept(self, proposal: Proposal) -> Change | None:
        """Record the proposal as an online interest (None when it is already counted)."""
        return self.accept_all([proposal], label=f"accept {proposal.country.name} from the chat")

    def accept_all(self, proposals: Iterable[Proposal], *, label: str = "") -> Change | None:
        """Record every proposal not counted yet, in one write and one undo step."""
        writes: list[tuple[str, Doc]] = []
        seen: set[tuple[str, str]] = set()
        names: list[str] = []
        for proposal in proposals:
            key = (proposal.presentation.uid, proposal.country.code)
            if key in seen or self.workshop.has_interest(*_pair(proposal)):
                continue
            seen.add(key)
            interest = self._interest(proposal)
            writes += [
                (INTERESTS, interest),
                (CHAT, self._decision(proposal, ACCEPTED, interest["uid"])),
            ]
            names.append(proposal.country.name)
        if not writes:
            return None
        return self.workshop.ledger.commit(
            label or f"accept {', '.join(names)} from the chat", writes
        )

    def reject(self, proposal: Proposal) -> Change:
        """Remember that this proposal is not an interest (an undo step like any other)."""
        return self.workshop.ledger.commit(
            f"reject {proposal.country.name} from the chat",
            [(CHAT, self._decision(proposal, REJECTED, ""))],
        )

    def accept_sure(self, readings: Iterable[Reading]) -> Change | None:
        """Accept every new proposal whose presentation and country the message itself names."""
        return self.accept_all(
            (p for r in readings for p in r.proposals if p.sure and p.status == Status.NEW),
            label="accept the sure proposals from the chat",
        )


def _pair(proposal: Proposal) -> tuple[str, Country]:
    return proposal.presentation.uid, proposal.country
