"""``matchdesk network --json``: the view as one JSON object (docs/network.md).

Counts only, as the view holds them; country names in English (codes are the identity).
"""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Any

import orjson

from matchdesk.store.countries.languages import country_name
from matchdesk.store.models import Country
from matchdesk.store.network.practices import PracticeRef, short_id
from matchdesk.store.network.rollup import NetworkView, RegionMatrix
from matchdesk.store.network.workshop_funnels import Funnel


def _country(country: Country) -> dict[str, Any]:
    return {"code": country.code, "name": country_name(country), "custom": country.custom}


def _funnel(funnel: Funnel) -> dict[str, Any]:
    return (
        {"tracked": funnel.tracked, "stages": dict(funnel.stages)}
        if funnel.tracked
        else {"tracked": False}
    )


def _matrix(matrix: RegionMatrix) -> dict[str, Any]:
    return {
        "labels": list(matrix.labels),
        "cells": {
            row: {
                column: matrix.cells[(row, column)]
                for column in matrix.labels
                if (row, column) in matrix.cells
            }
            for row in matrix.labels
            if matrix.row_total(row)
        },
        "total": matrix.total,
    }


def network_json(view: NetworkView) -> dict[str, Any]:
    """The whole view: workshops, totals, years, countries, repeated practices, regions,
    follow-up, suggested matches and the files left out."""
    workshops = view.workshops

    def ref(item: PracticeRef) -> dict[str, Any]:
        return {
            "id": short_id(item.uid),
            "uid": item.uid,
            "title": item.title,
            "workshop": workshops[item.workshop].title,
            "date": workshops[item.workshop].date,
        }

    return {
        "filters": {
            "years": list(view.filters.years),
            "from": view.filters.date_from,
            "to": view.filters.date_to,
            "workshops_left_out": view.left_out,
        },
        "totals": asdict(view.totals),
        "workshops": [
            {
                "file": str(w.path),
                "uid": w.uid,
                "title": w.title,
                "date": w.date,
                **asdict(w.measures),
                "follow_up": _funnel(w.funnel),
            }
            for w in workshops
        ],
        "years": [{"year": y.year, **asdict(y.measures)} for y in view.years],
        "countries": [
            {
                **_country(c.country),
                "region": c.place.region,
                "sub_region": c.place.sub_region,
                "practices_offered": c.practices_offered,
                "presentations": c.presentations,
                "interest_expressed": c.interest_expressed,
                "interest_received": c.interest_received,
                "workshops": c.workshops,
            }
            for c in view.countries
        ],
        "repeated_practices": [
            {
                "id": p.id,
                "title": p.title,
                "country": _country(p.country),
                "interests": p.interests,
                "presentations": [
                    {
                        "id": short_id(s.uid),
                        "uid": s.uid,
                        "title": s.title,
                        "workshop": workshops[s.workshop].title,
                        "date": workshops[s.workshop].date,
                        "interests": s.interests,
                        "interested": [_country(c) for c in s.interested],
                    }
                    for s in p.showings
                ],
            }
            for p in view.repeated
        ],
        "regions": _matrix(view.regions),
        "sub_regions": _matrix(view.sub_regions),
        "follow_up": _funnel(view.funnel),
        "suggested_matches": [
            {
                "earlier": ref(s.earlier),
                "later": ref(s.later),
                "similarity": s.score,
                "same_title": s.same_title,
            }
            for s in view.suggestions
        ],
        "skipped": [
            {"file": str(n.path), "reason": n.reason, "damaged": n.damaged} for n in view.notes
        ],
    }


def network_json_text(view: NetworkView) -> str:
    """``network_json`` as ``json.dumps(..., ensure_ascii=False, indent=2)`` writes it."""
    return indented_json(network_json(view))


def indented_json(data: Any) -> str:
    """``json.dumps(data, ensure_ascii=False, indent=2)``, written by orjson: the standard
    library's indenting encoder is pure Python (11 ms of the 50 workshops' 0.47 MB, orjson's
    1 ms). The same text for what the view holds (text, integers, booleans, None, lists and
    objects with text keys; a test holds the two equal); what orjson refuses (an integer
    beyond 64 bits, a lone surrogate in a title) is written by ``json.dumps``."""
    try:
        return orjson.dumps(data, option=orjson.OPT_INDENT_2).decode("utf-8")
    except TypeError:  # orjson.JSONEncodeError
        return json.dumps(data, ensure_ascii=False, indent=2)
