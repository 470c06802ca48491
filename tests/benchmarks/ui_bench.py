"""UI benchmark: Enter-to-updated-tally latency and start-up, at 10,000 interests / 500 talks.

``bench_ui(tmpdir)`` is called by ``tests/benchmarks/run.py``; run alone with
``python tests/benchmarks/ui_bench.py``.

- ``capture_to_tally_ms``: from the Enter key event being posted to the focused country input
  until the tallies panel shows the new total (the entry is fsynced before that). The screen
  repaint that follows is Textual's next frame and is not included.
- ``startup_s``: from opening the file (``make_app``) until the capture screen shows all 500
  presentations and the tallies panel is drawn.
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from textual import events

sys.path.insert(0, str(Path(__file__).parent))

from bulk import build_workshop, percentiles

PRESENTATIONS = 500
PER_PRESENTATION = 20
SAMPLES = 40
SIZE = (120, 40)


async def _measure(path: Path, peers: Sequence[Path] = ()) -> dict[str, Any]:
    from matchdesk.tui.app import make_app
    from matchdesk.tui.screens.capture import CaptureScreen
    from matchdesk.tui.widgets.tallies_panel import TalliesPanel

    started = time.perf_counter()
    app = make_app(path, peers=peers)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        assert isinstance(screen, CaptureScreen)
        panel = screen.query_one("#tallies", TalliesPanel)

        def shown_total() -> str:
            return str(panel.content).split(" possibilities", 1)[0].strip()

        deadline = started + 60
        while screen.table.row_count < PRESENTATIONS or not shown_total():
            if time.perf_counter() > deadline:
                raise RuntimeError("the capture screen never finished loading")
            await asyncio.sleep(0.001)
        await pilot.pause()
        startup = time.perf_counter() - started

        candidates = ["fji", "kaz", "tha", "phl", "npl", "ind", "fra", "geo", "nga", "bgd"]
        latencies: list[float] = []
        for sample in range(SAMPLES):
            row = (sample * 37) % PRESENTATIONS
            screen.table.move_cursor(row=row, animate=False)
            await pilot.pause()
            uid = app.session.presentations[row].uid
            have = {i.country.code.lower() for i in app.session.workshop.interests(uid)}
            name = next(c for c in candidates if c not in have and c.upper() not in have)
            if app.session.resolve_typed(name) and app.session.workshop.has_interest(
                uid, app.session.resolve_typed(name)
            ):
                continue
            screen.country_input.value = name
            await pilot.pause()
            expected = str(app.session.workshop.totals().interests + 1)
            t0 = time.perf_counter()
            app.post_message(events.Key("enter", None))  # as the terminal driver does
            deadline = t0 + 10
            while shown_total() != expected:
                if time.perf_counter() > deadline:
                    raise RuntimeError(f"the tally never showed {expected}: {shown_total()!r}")
                await asyncio.sleep(0)
            latencies.append((time.perf_counter() - t0) * 1000)
        await pilot.press("ctrl+q")
    return {
        "capture_to_tally_ms": {
            **percentiles(latencies),
            "max": round(max(latencies), 3),
            "samples": len(latencies),
        },
        "startup_s": round(startup, 3),
        "presentations": PRESENTATIONS,
        "interests": PRESENTATIONS * PER_PRESENTATION,
    }


def bench_ui(tmpdir: Path) -> dict[str, Any]:
    """The ``ui`` section of the benchmark report."""
    path = build_workshop(Path(tmpdir) / "ui-bench.json", PRESENTATIONS, PER_PRESENTATION)
    return asyncio.run(_measure(path))


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as folder:
        import json

        json.dump(bench_ui(Path(folder)), sys.stdout, indent=2)
        print()
