"""Once a workshop is open, and again once a vote opens, the objects built to last are out of the garbage collector's
full passes, so a full pass that comes during a cast looks at little (over everything it took 60-190 ms)."""

from __future__ import annotations

import gc
import time

from workshop_app.core.model import Choice
from tests.ui.windows import open_console


def _full_pass_ms() -> float:
    began = time.perf_counter()
    gc.collect(2)
    return (time.perf_counter() - began) * 1000


def test_a_full_collector_pass_during_a_vote_looks_at_little(qtbot, store) -> None:  # type: ignore[no-untyped-def]
    gc.unfreeze()  # other tests' windows stay where they were: this test counts only what its own steps set aside
    window = open_console(qtbot, store, per_group=3)
    room = window.room
    room._clock.stop()
    assert gc.get_freeze_count() > 0, "opening the workshop set nothing aside"
    room.go_to(next(i for i, s in enumerate(room.stages) if s.kind == "commitments"))
    assert room.votes.create_proposal(room.stage().principle or "", "We will share the risk register.")
    frozen = gc.get_freeze_count()
    assert room.votes.open_vote(room.votes.proposals()[-1].id or 0, False)
    assert gc.get_freeze_count() > frozen, "opening the vote set nothing aside"
    round_id = room.votes.open_round()[0].id
    for person in [p for p in room.controller.participants() if p.is_voting][:5]:
        assert room.votes.cast(round_id, person.id or 0, Choice.AGREE)
    # The collector's full pass looks only at what was made since the vote opened: a small share of the app.
    looked_at, set_aside = len(gc.get_objects()), gc.get_freeze_count()
    assert looked_at < set_aside / 20, (looked_at, set_aside)
    assert _full_pass_ms() < 50
