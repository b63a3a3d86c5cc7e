"""The plan's focus stages are resolved in core: today's largest gap, and the focus stays put once reached."""

from __future__ import annotations

from typing import Any

from tests.core.test_voting import _room
from workshop_app.core import assessment
from workshop_app.core.changes import perform, read
from workshop_app.core.focus import first_focus_index, focus_settled, focused_stages
from workshop_app.core.plans import Stage, StageKind, plan_by_key
from workshop_app.core.principles import PRINCIPLE_KEYS


def test_focus_stages_are_about_the_largest_gap_between_groups_today() -> None:
    room = _room()
    for principle, (council, residents) in {"creative": (1, 5), "adaptable": (2, 3)}.items():
        perform(room.store, assessment.record_score, room.workshop_id, principle, room.council, council)
        perform(room.store, assessment.record_score, room.workshop_id, principle, room.residents, residents)
    stages = plan_by_key("short").stages
    resolved = read(room.store, focused_stages, room.workshop_id, stages, PRINCIPLE_KEYS)
    assert {s.principle for s in resolved if s.focus == 1} == {"creative"}
    assert [s for s in resolved if not s.focus] == [s for s in stages if not s.focus]  # the others are unchanged
    perform(room.store, assessment.record_score, room.workshop_id, "creative", room.residents, 1)  # now they agree
    again = read(room.store, focused_stages, room.workshop_id, stages, PRINCIPLE_KEYS)
    assert {s.principle for s in again if s.focus == 1} == {"adaptable"}


class _NoReads:
    """A unit of work that fails the test if anything is read through it."""

    def repo(self, kind: type) -> Any:
        raise AssertionError(f"read {kind.__name__} for a plan with no focus stages")


def test_a_plan_without_focus_stages_reads_nothing() -> None:
    stages = plan_by_key("charter").stages
    assert not any(s.focus for s in stages)
    assert focused_stages(_NoReads(), 1, stages, PRINCIPLE_KEYS) is stages  # type: ignore[arg-type]


def test_the_focus_stays_put_only_after_the_first_focus_stage() -> None:
    stages = (Stage(StageKind.WELCOME, "Hi", 5), Stage(StageKind.FRAMING, "Gap", 10, focus=1),
              Stage(StageKind.COMMITMENTS, "Gap", 10, focus=1))
    assert first_focus_index(stages) == 1
    assert [focus_settled(stages, index) for index in range(3)] == [False, False, True]
    assert first_focus_index(stages[:1]) == -1 and focus_settled(stages[:1], 0)
