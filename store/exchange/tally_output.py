"""``matchdesk tally`` output: the JSON object the command line promises, and a plain table.

Headless, beside the tallies it formats, so scripts and the CLI share one shape.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import Any

from matchdesk.store.exchange.json_text import one_line_encoder
from matchdesk.store.models import Country, Tallies


def country_json(country: Country) -> dict[str, str]:
    return {"code": country.code, "name": country.name}


def tallies_json(tallies: Tallies) -> dict[str, Any]:
    """The ``tally --json`` shape (README, "Commands")."""
    totals = tallies.totals
    shapes: dict[str, dict[str, str]] = {}  # one object per country, however often it appears

    def country_json(country: Country) -> dict[str, str]:
        shape = shapes.get(country.code)
        if shape is None:
            shape = shapes[country.code] = {"code": country.code, "name": country.name}
        return shape

    return {
        "totals": {
            "presentations": totals.presentations,
            "presenting_countries": totals.presenting_countries,
            "interests": totals.interests,
            "interested_countries": totals.interested_countries,
            "countries_involved": totals.countries_involved,
            "by_channel": dict(totals.by_channel),
        },
        "presentations": [
            {
                "uid": row.presentation.uid,
                "title": row.presentation.title,
                "presenter_country": country_json(row.presentation.country),
                "interests": row.count,
                "interested": [country_json(c) for c in row.interested],
            }
            for row in tallies.presentations
        ],
        "interested_countries": [
            {**country_json(c.country), "interests": c.interests}
            for c in tallies.interested_countries
        ],
        "presenting_countries": [
            {
                **country_json(c.country),
                "presentations": c.presentations,
                "interests_received": c.interests_received,
            }
            for c in tallies.presenting_countries
        ],
    }


def tallies_json_text(tallies: Tallies, *, pretty: bool = False) -> Iterator[str]:
    """``tallies_json`` as JSON text (compact, or indented with ``pretty``), a hundred list
    items at a time: 100,000 interests make 4 MB of text, never held whole."""
    data = tallies_json(tallies)
    if pretty:
        yield json.dumps(data, ensure_ascii=False, indent=2)
        return
    encode = one_line_encoder(",", ":")
    item_text = _item_encoder(encode)
    yield "{"
    for number, (key, value) in enumerate(data.items()):
        head = ("," if number else "") + encode(key) + ":"
        if not isinstance(value, list):
            yield head + encode(value)
            continue
        yield head + "["
        for start in range(0, len(value), 100):
            part = ",".join(map(item_text, value[start : start + 100]))
            yield ("," if start else "") + part
        yield "]"
    yield "}"


def _item_encoder(encode: Callable[[Any], str]) -> Callable[[dict[str, Any]], str]:
    """``encode`` for a list item, with each country in a presentation's ``interested``
    written once and reused: 100,000 interests name a few hundred countries (a tenth of
    ``tally --json``). The same text, byte for byte (a test compares it with ``json.dumps``)."""
    countries: dict[str, str] = {}

    def country_text(shape: dict[str, str]) -> str:
        text = countries.get(shape["code"])
        if text is None:
            text = countries[shape["code"]] = encode(shape)
        return text

    def item_text(item: dict[str, Any]) -> str:
        if not item or next(reversed(item)) != "interested":
            return encode(item)
        head = encode({k: v for k, v in item.items() if k != "interested"})
        return (
            head[:-1] + ',"interested":[' + ",".join(map(country_text, item["interested"])) + "]}"
        )

    return item_text


def tallies_text(title: str, tallies: Tallies) -> str:
    """A plain table for the terminal."""
    totals = tallies.totals
    lines = [title or "(untitled workshop)", ""]
    lines.append(
        f"{totals.interests} possibilities for partnership · {totals.presentations} presentations"
        f" · {totals.presenting_countries} presenting countries · {totals.interested_countries}"
        f" interested countries · {totals.countries_involved} countries involved"
    )
    channels = totals.by_channel
    lines.append(
        f"In the room {channels.get('in_room', 0)} · online {channels.get('online', 0)}"
        f" · unspecified {channels.get('unspecified', 0)}"
    )
    lines += ["", "Presentations"]
    width = max((len(r.presentation.title[:60]) for r in tallies.presentations), default=10)
    for n, row in enumerate(tallies.presentations, start=1):
        title_cell = row.presentation.title[:60].ljust(width)
        lines.append(f"{n:>3}. {title_cell}  {row.presentation.country.name:<28} {row.count:>4}")
    lines += ["", "Interested countries"]
    for count in tallies.interested_countries:
        lines.append(f"  {count.country.name:<40} {count.interests:>4}")
    return "\n".join(lines)
