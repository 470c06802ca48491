"""The painted screen is the test: the real app in a pty, every step checked against ``tally``.

After each action the interest list, its heading count, the agenda's count, the line under the
input and the totals, as painted, must agree with ``matchdesk tally --json`` of the file
(``painted.disagreements``). Nothing here reads a widget.
"""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from matchdesk.store import Workshop
from matchdesk.store.demo import create_demo

from .painted import KEY, PaintedApp, followup, followup_disagreements, read_screen, tally

SIZES = [(80, 24), (120, 40)]


@pytest.fixture
def demo(tmp_path: Path) -> Path:
    return create_demo(tmp_path / "astana.json")


def start(path: Path, size: tuple[int, int], *extra: str) -> PaintedApp:
    app = PaintedApp(["open", str(path), *extra], size)
    app.until(lambda text: "interested" in text and "poss" in text, timeout=60)
    return app


def go_to(app: PaintedApp, number: int) -> None:
    """Type the presentation's number, then Enter (the input's jump)."""
    app.send(f"{number}\r")
    app.until(lambda _: (read_screen(app.lines()).heading or (0,))[0] == number)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_live_loop_as_painted(demo: Path, size: tuple[int, int]) -> None:
    app = start(demo, size)
    try:
        app.agrees(demo)
        go_to(app, 5)  # Lagos State Employment Trust Fund: Kazakhstan, Russian Federation
        app.agrees(demo)

        app.send("tha\r")  # one capture
        app.agrees(demo, status=lambda s: "Thailand" in s)
        assert tally(demo)["presentations"][4]["interests"] == 3

        app.send("fij, phl, npl\r")  # several at once: the list must scroll to the newest
        app.agrees(demo, status=lambda s: "Nepal" in s)
        assert tally(demo)["totals"]["interests"] == 43

        app.send("tha\r")  # a repeated country: named first, not counted
        app.agrees(demo, status=lambda s: s.startswith("Thailand: already counted"))
        assert tally(demo)["totals"]["interests"] == 43

        app.send(KEY["shift+tab"])  # into the interest list, to its last row
        app.send(KEY["end"])
        app.send(KEY["delete"])  # withdraw the newest (Nepal)
        painted = app.agrees(demo, status=lambda s: "Withdrew Nepal" in s)
        assert "Nepal" not in painted.rows
        assert tally(demo)["totals"]["interests"] == 42

        app.send(KEY["ctrl+z"])  # undo brings it back, and the line says so
        painted = app.agrees(demo, status=lambda s: "Nepal" in s and "42" not in s)
        assert tally(demo)["totals"]["interests"] == 43
        app.send(KEY["ctrl+y"])  # redo withdraws it again
        app.agrees(demo, status=lambda s: "Nepal" in s and "42 in total" in s)
        assert tally(demo)["totals"]["interests"] == 42

        app.send("n")  # a note on the selected row (Philippines, now the last)
        app.until(lambda text: "Note on Philippines" in text)
        app.send("field visit\r")
        app.agrees(
            demo,
            status=lambda s: s.startswith("Note on Philippines"),
            also=lambda p: "field visit" in _row_of(p, "Philippines"),
        )

        app.send("c")  # the selected interest's channel changes, painted in its row
        app.agrees(
            demo,
            status=lambda s: s.startswith("Philippines: online"),
            also=lambda p: "online" in _row_of(p, "Philippines"),
        )
        assert tally(demo)["totals"]["by_channel"]["online"] == 1

        app.send(KEY["escape"])  # back to the input: the list's keys leave the footer
        app.until(lambda text: "Withdraw" not in text.splitlines()[-1])
        app.send(KEY["ctrl+o"])  # new entries online
        app.send("ind\r")
        app.agrees(demo, status=lambda s: "India" in s and "online" in s)
        assert tally(demo)["totals"]["by_channel"]["online"] == 2
    finally:
        assert app.close() == 0


def _row_of(painted, name: str) -> str:  # type: ignore[no-untyped-def]
    return next((line for line in painted.lines if line.lstrip().startswith(name)), "")


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_captures_under_the_board_show_on_return(demo: Path, size: tuple[int, int]) -> None:
    app = start(demo, size)
    try:
        go_to(app, 6)
        app.send(KEY["ctrl+l"])
        app.until(lambda text: "Anywhere" in text and "interest" not in text.split("\n")[-3])
        app.send(KEY["tab"])
        app.send("tha\r")
        app.until(lambda _: tally(demo)["totals"]["interests"] == 40)
        app.send(KEY["tab"])
        app.send(KEY["escape"])
        app.agrees(demo, status=lambda s: "Thailand" in s and "40 in total" in s)
    finally:
        assert app.close() == 0


def test_a_peers_capture_and_a_merge_show_at_once(demo: Path, tmp_path: Path) -> None:
    """A colleague's capture shows as it lands (``--with``), then ``f7`` merges it into the file:
    the screen agrees with the file's tally at each step."""
    peer = tmp_path / "peer" / "astana.json"
    peer.parent.mkdir()
    shutil.copy(demo, peer)
    from matchdesk.store.workshop import Workshop

    app = start(demo, (120, 40), "--with", str(peer))
    try:
        go_to(app, 5)
        app.agrees(demo)
        with Workshop.open(peer) as other:
            lagos = other.presentations()[4]
            other.record_interests(lagos.uid, "fji", channel="online")
        # counted in the window that follows the peer, not in the file until merged
        app.agrees(demo, peers=[peer], also=lambda p: "Fiji" in p.rows)
        assert tally(demo)["totals"]["interests"] == 39
        app.send(KEY["f7"])
        app.until(lambda text: "Merge other laptops" in text)
        app.send(f"{peer}\r")
        app.until(lambda _: tally(demo)["totals"]["interests"] == 40)
        app.send(KEY["escape"])
        app.agrees(demo, status=lambda s: s.startswith("Merged") and "40 in total" in s)
    finally:
        assert app.close() == 0


def test_a_read_only_window_follows_the_writer(demo: Path) -> None:
    writer = start(demo, (120, 40))
    reader = PaintedApp(["open", str(demo), "--read-only"], (80, 24))
    try:
        reader.until(lambda text: "poss" in text, timeout=60)
        reader.until(lambda text: "following" in text.lower())
        go_to(writer, 5)
        reader.send(KEY["down"] * 4)  # no input: the arrows move through the agenda
        reader.until(lambda _: (read_screen(reader.lines()).heading or (0,))[0] == 5)
        writer.send("tha\r")
        writer.agrees(demo)
        reader.agrees(demo)
        reader.send("kaz")  # no input: nothing previews, nothing is typed
        text = reader.text()
        assert "→ Kazakhstan" not in text
        assert "Withdraw" not in text and "^n" not in text
    finally:
        assert reader.close() == 0
        assert writer.close() == 0


NAMES = {
    "tha": "Thailand",
    "fji": "Fiji",
    "phl": "Philippines",
    "npl": "Nepal",
    "ind": "India",
    "fra": "France",
    "bgd": "Bangladesh",
    "kaz": "Kazakhstan",
    "geo": "Georgia",
    "lka": "Sri Lanka",
}
SEVERAL = ("lka, vnm, mys, idn", ("Sri Lanka", "Viet Nam", "Malaysia", "Indonesia"))
ACTIONS = st.lists(
    st.one_of(
        st.sampled_from(sorted(NAMES)),
        st.sampled_from(["up", "down", "ctrl+z", "ctrl+y", "several"]),
    ),
    min_size=14,
    max_size=24,
)


@settings(
    max_examples=2,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(actions=ACTIONS)
def test_a_random_session_as_painted(tmp_path: Path, actions: list[str]) -> None:
    """Captures, moves, undo and redo at random at 80x24, long enough to scroll the list; after
    each step the painted screen agrees with the tally (a capture waits for the line that names
    it, a move for its heading: keys are applied in order, so each check follows its step)."""
    path = tmp_path / f"random-{len(list(tmp_path.iterdir()))}.json"
    create_demo(path)
    app = start(path, (80, 24))
    number = 1
    try:
        for action in [*actions, "tun"]:
            if action in ("up", "down"):
                number = min(max(number + (1 if action == "down" else -1), 1), 10)
                app.send(KEY[action])
                app.agrees(path, also=lambda p, n=number: (p.heading or (0,))[0] == n)
            elif action in ("ctrl+z", "ctrl+y"):
                app.send(KEY[action])
                app.agrees(path, newest=False)
            else:
                typed, names = (
                    SEVERAL if action == "several" else (action, (NAMES.get(action, "Tunisia"),))
                )
                app.send(f"{typed}\r")
                app.agrees(path, status=lambda s, names=names: any(n in s for n in names))
        assert read_screen(app.lines()).total == tally(path)["totals"]["interests"]
    finally:
        assert app.close() == 0


def test_the_follow_up_screens_actions_as_painted(demo: Path) -> None:
    """The follow-up screen's stage groups and rows, as painted, agree with ``followup --json``
    after an advance, an advance of marked rows and an undo; back on the capture screen nothing
    else moved."""
    app = start(demo, (120, 40))

    def agrees(timeout: float = 60.0) -> None:
        deadline = time.monotonic() + timeout
        while True:
            problems = followup_disagreements(app.lines(), followup(demo))
            if not problems:
                return
            if time.monotonic() > deadline:
                raise AssertionError("\n".join([*problems, "", app.text()]))
            app._drain(0.1)

    try:
        app.send(KEY["ctrl+f"])
        app.until(lambda text: "Stage groups" in text and "Contacted" in text)
        agrees()
        app.send(KEY["down"] + "a")  # the second row, one stage on
        app.until(lambda _: followup(demo)["funnel"]["at"]["contacted"] == 1)
        agrees()
        app.send(" " + " " + "a")  # mark two rows (space marks and moves down), advance them
        app.until(lambda _: followup(demo)["funnel"]["at"]["interested"] == 37)
        agrees()
        app.send(KEY["ctrl+z"])
        app.until(lambda _: followup(demo)["funnel"]["at"]["interested"] == 38)
        agrees()
        app.send(KEY["escape"])
        app.agrees(demo)
    finally:
        assert app.close() == 0


@pytest.mark.parametrize("size", [(80, 24), (100, 30), (120, 40)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_first_line_under_the_input_is_whole(demo: Path, size: tuple[int, int]) -> None:
    """The greeting under the input, as painted, is a whole sentence that ends with what to do
    (at 100 columns the tallies panel leaves it about 50 cells: a shorter wording, not a cut
    one; ``disagreements`` fails a line that ends in an ellipsis)."""
    app = start(demo, size)
    try:
        painted = app.agrees(demo, status=lambda s: s.startswith("Type a country"))
        assert painted.status.endswith("Enter."), painted.status
    finally:
        assert app.close() == 0


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_wide_titles_keep_the_agendas_counts(tmp_path: Path, size: tuple[int, int]) -> None:
    """A title in Chinese takes two cells a character: cut and padded by the cells it takes,
    its agenda row still ends with its count, as painted (padded by characters, the row ran
    past the table's edge and the count was cut off, the country in its place)."""
    path = create_demo(tmp_path / "astana.json")
    with Workshop.open(path) as workshop:
        long = workshop.add_presentation("数字政府服务平台建设与公共服务均等化实践经验", "CHN")
        workshop.record_interests(long.uid, "kaz, tha")
        short = workshop.add_presentation("电子政务", "CHN")  # fits: padded to its column
        workshop.record_interests(short.uid, "fji")
    app = start(path, size)
    try:
        go_to(app, 12)
        painted = app.agrees(path)
        assert (painted.agenda.get(11), painted.agenda.get(12)) == (2, 1), painted.text
    finally:
        assert app.close() == 0


CHINESE = [
    "法国",
    "德国",
    "英国",
    "美国",
    "中国",
    "日本",
    "巴西",
    "印度",
    "俄罗斯",
    "埃及",
    "南非",
    "墨西哥",
]


def _grid_rows(app: PaintedApp) -> list[tuple[str, list[int]]]:
    """The board's rows of country names as painted: each row's text and the cells where its
    names start (after a gap of two cells or more; the count's big digits, drawn in blocks, are
    not names). A Chinese character fills two cells, the second one empty in the emulator's
    buffer."""
    lines = app.lines()
    top = next(y for y, line in enumerate(lines) if "presented by" in line) + 1
    rows = []
    for y in range(top, app.rows - 6):  # above the input, its line and the footer
        data = [app.screen.buffer[y][x].data for x in range(app.columns)]
        starts = [
            x
            for x in range(2, app.columns)
            if data[x] not in (" ", "") and data[x - 1] == " " and data[x - 2] == " "
            if not "\u2580" <= data[x] <= "\u259f"  # a block: the count's digits
        ]
        if any(name in lines[y] for name in CHINESE):
            rows.append((lines[y], starts))
    return rows


@pytest.fixture
def chinese(tmp_path: Path) -> Path:
    """The demo held in Chinese (countries named in Chinese), twelve more countries interested
    in its second presentation, which is the one being discussed."""
    path = create_demo(tmp_path / "astana.json")
    with Workshop.open(path) as workshop:
        workshop.set_info(language="zh")
        second = workshop.presentations()[1]
        workshop.record_interests(second.uid, "fra, deu, gbr, usa, chn, jpn, bra, ind")
        workshop.record_interests(second.uid, "rus, egy, zaf, mex")
        workshop.set_current_presentation(second.uid)
    return path


def test_a_chinese_board_keeps_its_columns(chinese: Path) -> None:
    """In a workshop held in Chinese the board names countries in Chinese, two cells a
    character: its columns are measured and padded in cells, so every name is painted whole
    and the names of one column start at the same cell, row after row (padded by characters,
    each row drifted right by as many cells as its names had characters)."""
    app = PaintedApp(["board", str(chinese)], (120, 40))
    try:
        app.until(lambda text: all(n in text.split("presented by")[-1] for n in CHINESE[:-1]))
        rows = _grid_rows(app)
        shown = "\n".join(text for text, _ in rows)
        assert all(name in shown for name in CHINESE), app.text()
        widest = max((starts for _, starts in rows), key=len)
        assert len(rows) > 1 and len(widest) > 1, app.text()
        for text, starts in rows:
            assert starts == widest[: len(starts)], (text, starts, widest)
    finally:
        assert app.close() == 0


def test_chinese_names_keep_the_tallies_bars_in_line(chinese: Path) -> None:
    """The tallies panel's country labels are cut and padded in cells: every bar under "Top
    interested countries" starts at the same cell, as painted (padded by characters, a bar
    after 哈萨克斯坦 started five cells right of one after Carpathian Ukraine)."""
    app = start(chinese, (120, 40))
    try:
        app.agrees(chinese)
        lines = app.lines()
        top = next(y for y, line in enumerate(lines) if "Top interested countries" in line)
        starts = set()
        for y in range(top + 1, top + 12):
            data = [app.screen.buffer[y][x].data for x in range(app.columns)]
            panel = data.index("▏") + 2  # the panel's border, then its padding
            bar = next(x for x in range(panel, app.columns) if data[x] == "█")
            starts.add(bar)
        assert len(starts) == 1, (starts, "\n".join(lines[top : top + 12]))
    finally:
        assert app.close() == 0


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_live_loop_in_chinese_as_painted(chinese: Path, size: tuple[int, int]) -> None:
    """A workshop held in Chinese: captures, several at once and an undo, each painted as the
    tally has it (the list's country cells read by the cells they fill)."""
    app = start(chinese, size)
    try:
        app.agrees(chinese)
        go_to(app, 5)
        app.send("tha\r")
        app.agrees(chinese, status=lambda s: "泰国" in s)
        app.send("fji, bih\r")  # 波斯尼亚和黑塞哥维那: twenty cells
        app.agrees(chinese, status=lambda s: "波斯尼亚和黑塞哥维那" in s)
        assert tally(chinese)["presentations"][4]["interests"] == 5
        app.send(KEY["ctrl+z"])
        app.agrees(chinese, status=lambda s: s.startswith("Undone"))
        assert tally(chinese)["presentations"][4]["interests"] == 3
    finally:
        assert app.close() == 0
