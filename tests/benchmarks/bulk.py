"""Large workshops for benchmarks and size tests, built in one facade transaction.

Typing 10,000 captures would take minutes; ``Ledger.commit(..., owned=True)`` writes the same
records (uids, timestamps, device) as one journal line.
"""

from __future__ import annotations

import os
import statistics
from pathlib import Path

import pycountry

from matchdesk.store.countries import iso_country, normalise
from matchdesk.store.file.schema import INTERESTS, PRESENTATIONS
from matchdesk.store.models import Channel
from matchdesk.store.workshop import Workshop

CODES: list[str] = sorted(c.alpha_3 for c in pycountry.countries)


def _typed_codes() -> list[str]:
    """Alpha-3 codes that, typed, always preview their own country: a code that begins another
    country's everyday name ("aus" begins Austria) previews that one once it is interested
    (the capture preview ranks the workshop's countries before codes)."""
    names = {code: normalise(iso_country(code).name) for code in CODES}  # type: ignore[union-attr]
    return [
        code
        for code in CODES
        if not any(n.startswith(code.lower()) for other, n in names.items() if other != code)
    ]


TYPED_CODES: list[str] = _typed_codes()


def build_workshop(path: Path, presentations: int = 500, per: int = 20, empty: int = 0) -> Path:
    """``presentations`` x ``per`` interests (no country twice on one presentation), then
    ``empty`` presentations without interest (room for many captures on a small workshop)."""
    assert per <= len(CODES)
    with Workshop.open(path) as workshop:
        writes = []
        for n in range(presentations + empty):
            doc = workshop.ledger.new_record(
                title=f"Practice {n + 1}",
                country=CODES[n % len(CODES)],
                presenter="",
                theme="",
                position=n + 1,
            )
            writes.append((PRESENTATIONS, doc))
            for k in range(per if n < presentations else 0):
                interest = workshop.ledger.new_record(
                    presentation=doc["uid"],
                    country=CODES[(n * 7 + k * 13) % len(CODES)],
                    channel=Channel.ONLINE.value,
                    note="",
                )
                interest["captured_at"] = "2021-10-29T10:00:00Z"
                writes.append((INTERESTS, interest))
        workshop.ledger.commit("benchmark data", writes, owned=True)
    return path


def installed_env(folder: Path) -> dict[str, str]:
    """The environment of a matchdesk run as installed: Python's bytecode cache on (``pip
    install`` compiles the modules; a development shell that sets ``PYTHONDONTWRITEBYTECODE``
    makes every run compile every module again, about 50 ms), kept in ``folder``."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(folder / "pycache")
    return env


def percentiles(samples_ms: list[float]) -> dict[str, float]:
    """p50, p95 (nearest rank) and the max, rounded for reading."""
    ordered = sorted(samples_ms)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return {
        "p50": round(statistics.median(ordered), 3),
        "p95": round(p95, 3),
        "max": round(ordered[-1], 3),
    }
