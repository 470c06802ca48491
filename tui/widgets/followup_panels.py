"""The follow-up screen's panels: the stage groups with their counts, and the highlighted
possibility's details. Each receives values (counts, a possibility) and paints them."""

from __future__ import annotations

import datetime as dt

from textual.content import Content
from textual.widgets import Static

from matchdesk.store import ALL, GROUPS, OUTCOMES, Outcome, Possibility, group_label
from matchdesk.tui.text import count, plain


class StageGroups(Static):
    """Each stage group with its count, the one shown highlighted, then the outcomes."""

    def show(self, counts: dict[str | Outcome, int], current: str) -> None:
        lines = [plain("Stage groups  ←/→", "bold")]
        for group in GROUPS:
            label = "All" if group == ALL else group_label(group).capitalize()
            text = f"{label:<20}{counts[group]:>4}"
            lines.append(plain(text, "reverse bold" if group == current else ""))
        for outcome in OUTCOMES:
            label = outcome.label.replace(" gained", "")
            lines.append(plain(f"  {label:<18}{counts[outcome]:>4}", "dim"))
        self.update(Content("\n").join(lines))


class PossibilityDetail(Static):
    """Two lines on one possibility: who, what, its stage and owner; next action, notes."""

    def show(self, p: Possibility | None) -> None:
        if p is None:
            self.update(plain("No possibility here."))
            return
        state = p.state
        first = (
            f"{p.country.name} → {p.number}. {p.presentation.title} "
            f"({p.presentation.country.name}) · {state.label} · "
            f"owner: {state.owner or 'nobody yet'}"
        )
        due = f", due {state.due}" if state.due else ""
        if p.overdue(dt.date.today()):
            due += " (! overdue)"
        second = f"Next: {state.next_action or '—'}{due}"
        if state.notes:
            last = " ".join(state.notes[-1].split())
            second += f" · {count(len(state.notes), 'note')}, last: {last}"
        if state.contacts_presenting or state.contacts_interested:
            second += f" · contacts: {state.contacts_presenting or '—'} / "
            second += state.contacts_interested or "—"
        lines = [plain(first), plain(second)]
        if state.conflicts:
            lines[0] = Content.assemble(
                ("⚠ changed on two laptops: " + ", ".join(state.conflicts) + " · ", "bold $error"),
                lines[0],
            )
        self.update(Content("\n").join(lines))
