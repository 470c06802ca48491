"""What a merge did, in a rapporteur's words: read from the records before and after it."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from matchdesk.store.clock import capture_device, register, stamp_device
from matchdesk.store.file.schema import INTERESTS, PRESENTATIONS
from matchdesk.store.identity import capture_rank, presentation_aliases
from matchdesk.store.merge.conflicts import Conflict
from matchdesk.store.merge.join import State
from matchdesk.store.models import Doc, Totals
from matchdesk.store.validation import title_key

Key = tuple[str, str]  # (canonical presentation uid, country code)


@dataclass(frozen=True)
class Added:
    """What one device had captured or registered that this file did not hold."""

    device: str
    interests: int
    presentations: int


@dataclass(frozen=True)
class InterestLine:
    """One interest the report names: "Kazakhstan → “ASAN service” (podium + chat)"."""

    country: str
    presentation: str
    captured_on: tuple[str, ...] = ()
    withdrawn_on: tuple[str, ...] = ()

    def text(self) -> str:
        words = f"{self.country} → “{self.presentation}”"
        if self.captured_on and self.withdrawn_on:
            return (
                f"{words}: withdrawn on {' + '.join(self.withdrawn_on)}, still captured on "
                f"{' + '.join(self.captured_on)}"
            )
        if self.withdrawn_on:
            return f"{words}: withdrawn on {' + '.join(self.withdrawn_on)}"
        return f"{words} (captured on {' + '.join(self.captured_on)})"

    def as_json(self) -> dict[str, Any]:
        return {
            "country": self.country,
            "presentation": self.presentation,
            "captured_on": list(self.captured_on),
            "withdrawn_on": list(self.withdrawn_on),
        }


@dataclass(frozen=True)
class MergeReport:
    """The merge's report (``matchdesk merge``, the app's merge dialog)."""

    file: str
    sources: tuple[str, ...]
    written: int  # records written (new or changed), in one transaction
    added: tuple[Added, ...]
    duplicates: tuple[InterestLine, ...]  # captured on several laptops, counted once
    presentations_collapsed: tuple[str, ...]  # registered on several laptops, now one
    withdrawals: tuple[InterestLine, ...]  # live here before, withdrawn on another laptop
    presentations_removed: tuple[str, ...]
    kept: tuple[InterestLine, ...]  # live despite a withdrawal that had not seen a capture
    conflicts: tuple[Conflict, ...]
    interests_before: int
    totals: Totals
    # Possibilities whose follow-up two laptops changed without seeing each other (the
    # follow-up screen flags them "!"): "Kazakhstan → “ASAN service”: stage".
    followup_conflicts: tuple[str, ...] = ()

    def as_json(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "sources": list(self.sources),
            "records_written": self.written,
            "added": {
                a.device: {"interests": a.interests, "presentations": a.presentations}
                for a in self.added
            },
            "duplicates_collapsed": {
                "interests": [d.as_json() for d in self.duplicates],
                "presentations": list(self.presentations_collapsed),
            },
            "withdrawals_applied": [w.as_json() for w in self.withdrawals],
            "presentations_removed": list(self.presentations_removed),
            "kept_despite_withdrawal": [k.as_json() for k in self.kept],
            "conflicts": [
                {
                    "record": c.record,
                    "field": c.field,
                    "values": [
                        {"value": v.value, "device": v.device, "shown": v.shown}
                        for v in c.candidates
                    ],
                }
                for c in self.conflicts
            ],
            "followup_conflicts": list(self.followup_conflicts),
            "interests_before": self.interests_before,
            "totals": {
                "presentations": self.totals.presentations,
                "interests": self.totals.interests,
                "interested_countries": self.totals.interested_countries,
                "countries_involved": self.totals.countries_involved,
            },
        }

    def lines(self) -> list[str]:
        """The report as plain lines (the command's output, the dialog's text)."""
        sources = ", ".join(self.sources)
        out = [f"Merged {sources} into {self.file}: {self.written} record(s) written at once."]
        if self.added:
            for a in self.added:
                out.append(
                    f"Added from {a.device}: {a.interests} interest(s), "
                    f"{a.presentations} presentation(s)."
                )
        else:
            out.append("Added: nothing new.")
        _section(
            out,
            "Duplicates collapsed (captured on several laptops, counted once)",
            [d.text() for d in self.duplicates]
            + [
                f"presentation “{t}” (registered on several laptops)"
                for t in self.presentations_collapsed
            ],
        )
        _section(
            out,
            "Withdrawals applied",
            [w.text() for w in self.withdrawals]
            + [f"presentation “{t}” removed" for t in self.presentations_removed],
        )
        _section(
            out,
            "Interests kept despite a withdrawal (a laptop withdrew only the captures it had seen)",
            [k.text() for k in self.kept],
        )
        _section(
            out,
            "Field conflicts (the newest is shown; pick one in the app: f8)",
            [c.describe() for c in self.conflicts]
            + [
                f"follow-up of {line} (settle it on the follow-up screen)"
                for line in self.followup_conflicts
            ],
        )
        t = self.totals
        out.append(
            f"{self.file} now holds {t.interests} interest(s) from {t.interested_countries} "
            f"countr{'y' if t.interested_countries == 1 else 'ies'} on {t.presentations} "
            f"presentation(s) (before: {self.interests_before})."
        )
        return out


SHOWN = 20  # lines per section in the text report; --json lists every one


def _section(out: list[str], title: str, items: list[str]) -> None:
    out.append(f"{title}: {len(items)}")
    out.extend(f"  {item}" for item in items[:SHOWN])
    if len(items) > SHOWN:
        out.append(f"  … and {len(items) - SHOWN} more (--json lists every one)")


# -- reading the records -----------------------------------------------------------------------
def _live(doc: Doc) -> bool:
    return not doc.get("deleted")


class _View:
    """Live presentations of one state, with the joined state's classes of presentations (so
    keys compare across states), and the captures of the keys asked for (``capture``)."""

    def __init__(self, state: State, aliases: dict[str, str]) -> None:
        self.aliases = aliases
        self.state = state
        self.classes: dict[str, list[Doc]] = {}
        for doc in state.get(PRESENTATIONS, {}).values():
            uid: str = doc["uid"]
            self.classes.setdefault(aliases.get(uid, uid), []).append(doc)
        self.live_presentations = {
            uid for uid, docs in self.classes.items() if any(_live(d) for d in docs)
        }
        self.captures: dict[Key, list[Doc]] = {}

    def key(self, doc: Doc) -> Key:
        presentation: str = doc["presentation"]
        return (self.aliases.get(presentation, presentation), doc["country"])

    def keys_of(self, presentations: set[str]) -> set[Key]:
        """The keys of this state's interests in any of ``presentations`` (classes)."""
        aliases = self.aliases
        return {
            (uid, doc["country"])
            for doc in self.state.get(INTERESTS, {}).values()
            if (uid := aliases.get(doc["presentation"], doc["presentation"])) in presentations
        }

    def capture(self, keys: set[Key]) -> None:
        """Gather the captures of ``keys`` (only the keys a merge touched: a report over
        100,000 interests never holds all of them twice)."""
        for doc in self.state.get(INTERESTS, {}).values():
            key = self.key(doc)
            if key in keys:
                self.captures.setdefault(key, []).append(doc)

    def live(self, key: Key) -> list[Doc]:
        """The key's live captures, earliest first (none when its presentation is not live)."""
        if key[0] not in self.live_presentations:
            return []
        return sorted((d for d in self.captures.get(key, ()) if _live(d)), key=capture_rank)

    def count(self) -> int:
        """Live interests: distinct (presentation, country) live in a live presentation."""
        countries: dict[str, set[str]] = {}
        for doc in self.state.get(INTERESTS, {}).values():
            if _live(doc):
                uid, country = self.key(doc)
                if uid in self.live_presentations:
                    countries.setdefault(uid, set()).add(country)
        return sum(map(len, countries.values()))


def _withdrawn_by(doc: Doc) -> list[str]:
    """Every device whose withdrawal of this capture the record holds."""
    return [stamp_device(h["at"]) for h in register(doc, "deleted") if h.get("v")]


def build_report(
    file: str,
    sources: tuple[str, ...],
    written: int,
    mine: State,
    joined: State,
    country_of: Callable[[str], str],
    conflicts: tuple[Conflict, ...],
    totals: Totals,
    followup_conflicts: tuple[str, ...] = (),
) -> MergeReport:
    """Compare this file's records before (``mine``) and after (``joined``) the merge;
    ``country_of`` names a country code."""
    presentations = joined.get(PRESENTATIONS, {})

    def title_of(uid: str) -> str:
        return str(presentations.get(uid, {}).get("title", "?"))

    aliases = presentation_aliases(joined.get(PRESENTATIONS, {}).values(), title_key)
    views = before, after = _View(mine, aliases), _View(joined, aliases)

    def line(key: Key, captures: list[Doc], withdrawn: Sequence[str] = ()) -> InterestLine:
        return InterestLine(
            country_of(key[1]),
            title_of(key[0]),
            tuple(dict.fromkeys(capture_device(d) for d in captures)),
            tuple(dict.fromkeys(withdrawn)),
        )

    # Only keys whose captures or presentation changed can have anything to report.
    before_interests = mine.get(INTERESTS, {})
    flipped = before.live_presentations ^ after.live_presentations
    touched = {
        after.key(doc)
        for uid, doc in joined.get(INTERESTS, {}).items()
        if before_interests.get(uid) is not doc
    }
    if flipped:
        touched |= after.keys_of(flipped) | before.keys_of(flipped)
    for view in views:
        view.capture(touched)
    interests_added: Counter[str] = Counter()
    duplicates: list[InterestLine] = []
    kept: list[InterestLine] = []
    withdrawals: list[InterestLine] = []

    def agenda_order(key: Key) -> tuple[object, ...]:  # as the workshop lists them
        doc = presentations.get(key[0], {})
        return (doc.get("position", 0), str(doc.get("created_at", "")), country_of(key[1]), key)

    for key in sorted(touched, key=agenda_order):
        live, had = after.live(key), before.live(key)
        withdrawers = [
            w for d in after.captures.get(key, ()) if not _live(d) for w in _withdrawn_by(d)
        ]
        if had and not live and key[0] in after.live_presentations:
            withdrawals.append(line(key, [], withdrawers))
        if not live:
            continue
        # This file held the interest and withdrew it: live again only through a capture the
        # withdrawal had not seen (withdrawn and recaptured elsewhere), which is not new.
        withdrawn_here = not had and bool(before.captures.get(key))
        if not had and not withdrawn_here:
            interests_added[capture_device(live[0])] += 1
        if len(live) > 1 and {d["uid"] for d in live} != {d["uid"] for d in had}:
            duplicates.append(line(key, live))
        liveness = [{d["uid"]: _live(d) for d in v.captures.get(key, ())} for v in views]
        capturers = {capture_device(d) for d in live}
        # Live although withdrawn elsewhere: captured where the withdrawal was not made.
        if withdrawn_here or (
            liveness[0] != liveness[1] and any(capturers - {w} for w in withdrawers)
        ):
            kept.append(line(key, live, withdrawers))
    presentations_added: Counter[str] = Counter()
    collapsed: list[str] = []
    for uid in after.live_presentations:
        members = [d for d in after.classes[uid] if _live(d)]
        if uid not in before.live_presentations:
            presentations_added[capture_device(min(members, key=lambda d: d["uid"]))] += 1
        mine_members = {d["uid"] for d in before.classes.get(uid, []) if _live(d)}
        if len(members) > 1 and mine_members and {d["uid"] for d in members} != mine_members:
            collapsed.append(title_of(uid))
    removed = [
        title_of(uid) for uid in before.live_presentations if uid not in after.live_presentations
    ]
    devices = sorted(set(interests_added) | set(presentations_added))
    return MergeReport(
        file=file,
        sources=sources,
        written=written,
        added=tuple(Added(d, interests_added[d], presentations_added[d]) for d in devices),
        duplicates=tuple(duplicates),
        presentations_collapsed=tuple(collapsed),
        withdrawals=tuple(withdrawals),
        presentations_removed=tuple(removed),
        kept=tuple(kept),
        conflicts=conflicts,
        interests_before=before.count(),
        totals=totals,
        followup_conflicts=followup_conflicts,
    )
