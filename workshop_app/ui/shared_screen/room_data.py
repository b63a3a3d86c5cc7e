"""What the shared screen reads about the room: who may rate, the groups, and the last assessment."""

from __future__ import annotations

from dataclasses import dataclass

from workshop_app.core import actions, assessment
from workshop_app.core.model import Participant, StakeholderGroup, Workshop
from workshop_app.ui.room_controller import RoomController


@dataclass(frozen=True)
class PreviousAssessment:
    """The partnership's previous workshop and its assessment summary."""

    workshop: Workshop
    summary: assessment.AssessmentSummary


def present_voters(room: RoomController) -> list[Participant]:
    """Return the present voting members, by name."""
    people = [p for p in room.controller.participants() if p.present and p.is_voting]
    return sorted(people, key=lambda p: p.name.casefold())


def groups_by_id(room: RoomController) -> dict[int, StakeholderGroup]:
    """Return the workshop's groups by id, in position order."""
    return {g.id: g for g in room.controller.groups() if g.id is not None}


def previous_assessment(room: RoomController) -> PreviousAssessment | None:
    """Return the previous workshop of the same partnership with its summary, when it has any scores."""
    previous = room.controller.read(actions.previous_workshop, room.workshop)
    if previous is None or previous.id is None:
        return None
    summary = room.controller.read(assessment.summarise_workshop, previous.id, list(room.principles))
    if not any(s.overall.count for s in summary.by_principle.values()):
        return None
    return PreviousAssessment(previous, summary)
