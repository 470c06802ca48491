"""The live model shows the same numbers as ``Workshop.tallies()`` after every kind of change."""

from __future__ import annotations

import random
from pathlib import Path

from matchdesk.store.models import Channel
from matchdesk.tui.session import Session
from matchdesk.tui.tally_model import TallyModel

COUNTRIES = ["kaz", "tha", "phl", "fji", "npl", "ind", "fra", "rus", "bgd", "geo", "nga"]


def assert_agrees(session: Session) -> None:
    expected = session.workshop.tallies()
    model = session.model
    assert model.totals() == expected.totals
    assert [p.uid for p in model.presentations] == [
        r.presentation.uid for r in expected.presentations
    ]
    assert [model.count(r.presentation.uid) for r in expected.presentations] == [
        r.count for r in expected.presentations
    ]
    assert model.top_countries(100) == list(expected.interested_countries)
    fresh = TallyModel.from_tallies(expected)
    assert fresh.totals() == model.totals()


def test_model_matches_tallies_through_random_sessions(demo_file: Path) -> None:
    from matchdesk.store.workshop import Workshop

    rng = random.Random(2021)
    session = Session(Workshop.open(demo_file))
    try:
        assert_agrees(session)
        for _ in range(150):
            presentations = session.presentations
            target = rng.choice(presentations)
            op = rng.random()
            if op < 0.35:
                names = ", ".join(rng.sample(COUNTRIES, rng.randint(1, 3)))
                session.record(target.uid, names, rng.choice(list(Channel)))
            elif op < 0.45 and session.model.interests(target.uid):
                session.withdraw(rng.choice(session.model.interests(target.uid)))
            elif op < 0.52 and session.model.interests(target.uid):
                interest = rng.choice(session.model.interests(target.uid))
                session.update_interest(interest, channel=rng.choice(list(Channel)))
            elif op < 0.57 and len(presentations) > 3:
                session.remove_presentation(target.uid)
            elif op < 0.62:
                session.move_presentation(target.uid, rng.randrange(len(presentations)))
            elif op < 0.66:
                session.add_presentation(f"Practice {rng.random()}", session.resolve_typed("fji"))
            elif op < 0.85:
                session.undo()
            else:
                session.redo()
            assert_agrees(session)
    finally:
        session.close()
