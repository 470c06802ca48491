"""Keys per interest: Table 1 of the Astana 2021 workshop typed by a new user, through Pilot.

    python tests/benchmarks/typing_bench.py

The agenda (10 presentations, in order) is registered beforehand, with no interest. The user
goes down the agenda (one ``down`` per presentation), and for each of the 39 interests types
the country's everyday name ("Russia", not "Russian Federation") letter by letter until the
preview names that country, then presses Enter. Every key counts: letters, Enter, arrows, and
the keys a question takes. Two runs: the custom country "Carpathian Ukraine" registered with the
agenda (as a facilitator who prepared the list of participants would), and created live, the
first time it is typed (the full name, Enter, then "end", Enter and "y" in the questions).

Figures: ``keys_per_interest`` (target <= 2.5), the total keys, and ``preview_ms``: the app's
work per letter, from the key being read to the preview (grey completion and "→" line) being
updated, p50 / p95 / max (target p95 <= 16 ms). The painted key-to-preview latency is in
``pty_bench.py``.
"""

from __future__ import annotations

import asyncio
import csv
import json
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))

from bulk import percentiles

SEED = Path(__file__).parents[2] / "store" / "data" / "astana2021.csv"
CUSTOM = "Carpathian Ukraine"
# What people call these countries, where it differs from the ISO everyday name.
EVERYDAY = {"RUS": "Russia"}
SIZE = (120, 40)


Typed = tuple[str, str]  # (the everyday name typed, the name of the country it must record)


def _agenda(path: Path, *, custom: bool) -> list[tuple[str, list[Typed]]]:
    """Register the seed's presentations (and, if ``custom``, its custom country) in ``path``;
    return each presentation's interested countries: what to type, what it must record."""
    from matchdesk.store.workshop import Workshop

    with SEED.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    typed: dict[str, list[Typed]] = {}
    with Workshop.open(path) as workshop:
        if custom:
            workshop.add_custom_country(CUSTOM)
        for row in rows:
            title = row["title"]
            if title not in typed:
                workshop.add_presentation(title, row["presenter_country"], theme=row["theme"])
                typed[title] = []
            country = workshop.resolve(row["interested_country"])
            if country is None:
                typed[title].append((CUSTOM, CUSTOM))
            else:
                typed[title].append((EVERYDAY.get(country.code, country.name), country.name))
    return list(typed.items())


async def _type_table(path: Path, agenda: list[tuple[str, list[Typed]]]) -> dict[str, Any]:
    from matchdesk.tui.app import make_app
    from matchdesk.tui.capture.bar import CaptureBar
    from matchdesk.tui.dialogs.base import Dialog

    preview_ms: list[float] = []
    real_type_key = CaptureBar.type_key
    real_preview = CaptureBar._preview

    async def timed_type_key(self: CaptureBar, event: Any, **kwargs: Any) -> None:
        started = time.perf_counter()
        await real_type_key(self, event, **kwargs)
        if event.is_printable:
            preview_ms.append((time.perf_counter() - started) * 1000)

    def timed_preview(self: CaptureBar, event: Any) -> None:
        started = time.perf_counter()
        real_preview(self, event)
        if preview_ms:  # the "→" line, drawn from the same preview as the key's completion
            preview_ms[-1] += (time.perf_counter() - started) * 1000

    CaptureBar.type_key = timed_type_key  # type: ignore[method-assign]
    CaptureBar._preview = timed_preview  # type: ignore[method-assign]
    keys = interests = 0
    app = make_app(path)
    try:
        async with app.run_test(size=SIZE) as pilot:
            bar = app.screen.query_one(CaptureBar)

            async def answer(*presses: str) -> None:
                nonlocal keys
                await until(lambda: isinstance(app.screen, Dialog) and app.screen.answerable)
                await pilot.press(*presses)
                keys += len(presses)

            async def until(condition: Any) -> None:
                deadline = time.monotonic() + 10
                while not condition():
                    if time.monotonic() > deadline:
                        raise RuntimeError("the app did not get there within 10 s")
                    await pilot.pause(0.01)

            for number, (_, names) in enumerate(agenda):
                if number:
                    await pilot.press("down")
                    keys += 1
                for name, target in names:
                    before = app.session.workshop.totals().interests
                    for letter in name:  # until the preview names the country meant
                        await pilot.press("space" if letter == " " else letter)
                        keys += 1
                        last = bar.input.parts[-1].completion if bar.input.parts else None
                        if last is not None and last.country.name == target:
                            break
                    await pilot.press("enter")
                    keys += 1
                    if app.session.workshop.totals().interests == before:  # asked: create it
                        await answer("end", "enter")
                        await answer("y")
                    await until(lambda b=before: app.session.workshop.totals().interests > b)
                    interests += 1
            await pilot.press("ctrl+q")
    finally:
        CaptureBar.type_key = real_type_key  # type: ignore[method-assign]
        CaptureBar._preview = real_preview  # type: ignore[method-assign]
    return {
        "interests": interests,
        "keys": keys,
        "keys_per_interest": round(keys / interests, 2),
        "preview_ms": {**percentiles(preview_ms), "max": round(max(preview_ms), 3)},
    }


def bench_typing(tmpdir: Path) -> dict[str, Any]:
    """The ``typing`` section of the benchmark report."""
    results = {}
    for label, custom in (("custom_registered", True), ("custom_created_live", False)):
        path = Path(tmpdir) / f"typing-{label}.json"
        results[label] = asyncio.run(_type_table(path, _agenda(path, custom=custom)))
    results["keys_per_interest"] = results["custom_registered"]["keys_per_interest"]
    return results


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as folder:
        print(json.dumps(bench_typing(Path(folder)), indent=2))
