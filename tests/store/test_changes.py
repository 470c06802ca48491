"""Every write yields one ``Change`` naming what it touched, and the running tallies it keeps
current always equal a fresh count of the file as another process reads it."""

from __future__ import annotations

import contextlib
import random
import shutil
from pathlib import Path

from matchdesk.store.errors import MatchdeskError
from matchdesk.store.merge.merging import merge_files
from matchdesk.store.models import Change, Channel
from matchdesk.store.pending import PendingQueue
from matchdesk.store.tallies import compute_tallies
from matchdesk.store.workshop import Workshop


def test_each_write_says_what_it_touched(workshop: Workshop) -> None:
    heard: list[Change] = []
    workshop.subscribe(heard.append)
    p = workshop.add_presentation("Project Rangeet", "India")
    assert heard[-1].agenda and heard[-1].presentations == {p.uid}
    workshop.record_interests(p.uid, "kaz, tha")
    capture = heard[-1]
    assert capture.presentations == {p.uid} and not capture.agenda and not capture.info
    assert capture.label == "record Kazakhstan, Thailand"
    workshop.set_info(title="Astana", attendance_online=88)
    assert heard[-1].info == {"title", "attendance_online"} and not heard[-1].presentations
    workshop.add_custom_country("Carpathian Ukraine")
    assert heard[-1].countries
    undone = workshop.undo()
    assert undone is heard[-1] and undone.countries and undone.label.startswith("add custom")
    undone = workshop.undo()
    assert undone.info == {"title", "attendance_online"}
    undone = workshop.undo()
    assert undone.presentations == {p.uid} and not undone.agenda  # the capture, reversed
    assert workshop.interest_count(p.uid) == 0
    assert [c.revision for c in heard] == list(range(heard[0].revision, heard[-1].revision + 1))


def test_a_retry_of_unsaved_entries_is_announced_like_any_capture(workshop: Workshop) -> None:
    p = workshop.add_presentation("Project Rangeet", "India")
    heard: list[Change] = []
    workshop.subscribe(heard.append)
    queue = PendingQueue()
    queue.add(p.uid, "FJI")
    queue.add(p.uid, "NPL")
    queue.flush(workshop)
    assert [c.presentations for c in heard] == [{p.uid}, {p.uid}]
    assert workshop.totals().interests == 2


def test_an_unsubscribed_listener_hears_nothing(workshop: Workshop) -> None:
    heard: list[Change] = []
    stop = workshop.subscribe(heard.append)
    stop()
    workshop.add_presentation("Project Rangeet", "India")
    assert heard == []


def _fresh_count(path: Path):
    """The tallies counted from scratch by another reader of the file on disk."""
    with Workshop.open(path, readonly=True) as reader:
        return compute_tallies(reader.presentations(), reader.interests())


def test_running_tallies_equal_a_fresh_count_after_every_kind_of_write(
    workshop: Workshop,
) -> None:
    rng = random.Random(8)
    codes = ["KAZ", "THA", "PHL", "RUS", "FJI", "NPL", "IND", "BGD", "GEO", "KGZ"]
    for n in range(6):
        workshop.add_presentation(f"Practice {n}", rng.choice(codes))
    for step in range(160):
        live = workshop.presentations()
        action = rng.random()
        if action < 0.45 and live:
            picks = ", ".join(rng.sample(codes, rng.randint(1, 3)))
            workshop.record_interests(rng.choice(live).uid, picks, rng.choice(list(Channel)))
        elif action < 0.55 and (found := workshop.interests()):
            workshop.withdraw_interest(rng.choice(found).uid)
        elif action < 0.62 and (found := workshop.interests()):
            workshop.update_interest(rng.choice(found).uid, channel=rng.choice(list(Channel)))
        elif action < 0.68 and live:
            workshop.remove_presentation(rng.choice(live).uid)
        elif action < 0.74:
            workshop.add_presentation(f"Practice {step}", rng.choice(codes))
        elif action < 0.80 and live:
            workshop.update_presentation(rng.choice(live).uid, country=rng.choice(codes))
        elif action < 0.85 and len(live) > 1:
            workshop.move_presentation(rng.choice(live).uid, rng.randrange(len(live)))
        elif action < 0.88:
            custom = workshop.add_custom_country(f"Region {rng.randint(1, 3)}")
            if live:
                workshop.record_interests(rng.choice(live).uid, [custom])
        elif action < 0.95:
            workshop.undo()
        else:
            workshop.redo()
        expected = _fresh_count(workshop.path)
        assert workshop.totals() == expected.totals, step
        assert workshop.tallies() == expected, step
        assert workshop.top_countries(5) == list(expected.interested_countries[:5]), step
        for row in expected.presentations:
            assert workshop.interest_count(row.presentation.uid) == row.count, step


def test_running_tallies_equal_a_fresh_count_across_merges(tmp_path: Path) -> None:
    """Two laptops from one start, writing at random; the first merges the second's file now
    and then: each interest counts once however many captures it has, and the running tallies
    always equal a fresh count of the file."""
    import shutil

    from matchdesk.store.merge.merging import merge_files

    rng = random.Random(12)
    codes = ["KAZ", "THA", "PHL", "RUS", "FJI", "NPL"]
    start = tmp_path / "start.json"
    with Workshop.open(start, device="podium") as workshop:
        for n in range(4):
            workshop.add_presentation(f"Practice {n}", codes[n])
    paths = [tmp_path / "a.json", tmp_path / "b.json"]
    for path in paths:
        shutil.copy(start, path)
    a = Workshop.open(paths[0], device="a")
    b = Workshop.open(paths[1], device="b")
    try:
        for step in range(90):
            workshop = rng.choice([a, b])
            live = workshop.presentations()
            action = rng.random()
            if action < 0.4 and live:
                picks = ", ".join(rng.sample(codes, rng.randint(1, 2)))
                workshop.record_interests(rng.choice(live).uid, picks, rng.choice(list(Channel)))
            elif action < 0.5 and (found := workshop.interests()):
                workshop.withdraw_interest(rng.choice(found).uid)
            elif action < 0.58 and (found := workshop.interests()):
                workshop.update_interest(rng.choice(found).uid, channel=rng.choice(list(Channel)))
            elif action < 0.64:
                with contextlib.suppress(MatchdeskError):  # a title this laptop has already
                    workshop.add_presentation(f"Practice {rng.randint(4, 6)}", rng.choice(codes))
            elif action < 0.68 and len(live) > 1:
                workshop.remove_presentation(rng.choice(live).uid)
            elif action < 0.75:
                workshop.undo()
            else:
                merge_files(a, [paths[1]])
            expected = _fresh_count(a.path)
            assert a.tallies() == expected, step
            keys = [(i.presentation_uid, i.country.code) for i in a.interests()]
            assert len(keys) == len(set(keys)) == a.totals().interests, step
    finally:
        a.close()
        b.close()


def test_another_window_hears_a_write_as_the_writer_does(tmp_path: Path) -> None:
    """One write-to-Change mapping: a read-only window's ``difference`` names the same
    presentation as the writer's ``Change``, also for an interest captured under the other
    laptop's registration of a presentation both registered (merged files)."""
    a, b = tmp_path / "a.json", tmp_path / "b.json"
    with Workshop.open(a, device="a") as workshop:
        workshop.set_info(title="Late agenda")
    shutil.copy(a, b)
    for path, device, country in ((a, "a", "kaz"), (b, "b", "tha")):
        with Workshop.open(path, device=device) as workshop:
            late = workshop.add_presentation("Project Rangeet", "India")
            workshop.record_interests(late.uid, country)
    with Workshop.open(a, device="a") as workshop:
        merge_files(workshop, [b])
    older = Workshop.open(a, readonly=True)
    with Workshop.open(a, device="a") as workshop:
        [presentation] = workshop.presentations()
        other = next(
            d for d in workshop.records("interests") if d["presentation"] != presentation.uid
        )
        written = workshop.withdraw_interest(other["uid"])
    newer = Workshop.open(a, readonly=True)
    try:
        seen = newer.difference(older)
    finally:
        older.close()
        newer.close()
    assert written.presentations == seen.presentations == {presentation.uid}
    assert seen.tables == written.tables == {"interests"}
