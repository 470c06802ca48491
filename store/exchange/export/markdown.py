"""Markdown: the report a rapporteur pastes (header, Table 1, totals, interest per country)."""

from __future__ import annotations

import re

from matchdesk.store.exchange.report import Report
from matchdesk.store.followup.report import Section

# Characters that would change how inline Markdown renders (emphasis, links, code, raw HTML,
# table cells); a backslash makes each one literal.
_INLINE = re.compile(r"([\\`*_\[\]<>|])")


def inline(text: str) -> str:
    """Text safe inside a line or a table cell: specials escaped, line breaks as ``<br>``."""
    escaped = _INLINE.sub(r"\\\1", text.strip())
    return "<br>".join(line.strip() for line in escaped.splitlines()) if escaped else ""


def _row(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def _numbered(names: tuple[str, ...]) -> str:
    """The seed's style: "1. Kazakhstan<br>2. Philippines" inside the cell."""
    return "<br>".join(f"{number}. {inline(name)}" for number, name in enumerate(names, 1))


def render_markdown_text(report: Report, followup: Section | None = None) -> str:
    """The whole report as Markdown text (``\\n`` lines, ending in one newline)."""
    out: list[str] = [f"# {inline(report.title)}", ""]
    if report.header:
        # Two trailing spaces: a hard line break, so the header stays one block of lines.
        out += [f"**{field.label}:** {inline(field.value)}  " for field in report.header]
        out[-1] = out[-1].rstrip()
        out.append("")

    out += [f"## {report.caption}", ""]
    out.append(_row([inline(column) for column in report.columns]))
    out.append(_row(["---"] * len(report.columns)))
    for row in report.rows:
        out.append(
            _row([inline(row.title), inline(row.presenting_country), _numbered(row.interested)])
        )
    out.append("")

    out += ["## Totals", ""]
    for sentence in report.sentences:
        out += [inline(sentence), ""]

    if report.by_interested_country:
        out += ["## Interest by country", ""]
        out.append(_row(["Interested country", "Possibilities for partnerships"]))
        out.append(_row(["---", "---:"]))
        out += [
            _row([inline(line.country), str(line.interests)])
            for line in report.by_interested_country
        ]
        out.append("")

    if report.by_presenting_country:
        out += ["## Presenting countries", ""]
        out.append(_row(["Presenting country", "Best practices presented", "Interest received"]))
        out.append(_row(["---", "---:", "---:"]))
        out += [
            _row([inline(line.country), str(line.presentations), str(line.interests_received)])
            for line in report.by_presenting_country
        ]
        out.append("")

    if report.channel_sentence:
        out += ["## Channels", "", inline(report.channel_sentence), ""]
        out += [
            f"- {inline(line.label.capitalize())}: {line.interests}" for line in report.channels
        ]
        out.append("")

    if followup is not None:  # follow-up hook: heading, sentences, one table
        out += [f"## {followup.heading}", ""]
        out += [line for sentence in followup.paragraphs for line in (inline(sentence), "")]
        out += [_row(list(followup.columns)), _row(["---", "---:"])]
        out += [_row([inline(cell) for cell in row]) for row in followup.rows] + [""]

    return "\n".join(out).rstrip("\n") + "\n"


def render_markdown(report: Report, followup: Section | None = None) -> bytes:
    """UTF-8 bytes of :func:`render_markdown_text`."""
    return render_markdown_text(report, followup).encode("utf-8")
