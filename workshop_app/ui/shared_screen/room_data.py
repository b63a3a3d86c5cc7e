"""What the shared screen reads about the room: who may rate, who has rated, and the last assessment."""

from __future__ import annotations

from dataclasses import dataclass

from workshop_app.core import actions, assessment
from workshop_app.core.model import Assessment, Participant, StakeholderGroup, Workshop
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


def rated_ids(room: RoomController, principle: str) -> set[int]:
    """Return the ids of the people who have rated a principle (never their scores)."""
    with room.controller.uow_factory() as uow:
        rows = uow.repo(Assessment).list(workshop_id=room.controller.workshop_id)
    return {row.participant_id for row in rows if row.principle == principle and row.participant_id is not None}


def groups_by_id(room: RoomController) -> dict[int, StakeholderGroup]:
    """Return the workshop's groups by id, in position order."""
    return {g.id: g for g in room.controller.groups() if g.id is not None}


def previous_assessment(room: RoomController) -> PreviousAssessment | None:
    """Return the previous workshop of the same partnership with its summary, when it has any scores."""
    previous = actions.previous_workshop(room.controller.uow_factory, room.workshop)
    if previous is None or previous.id is None:
        return None
    summary = assessment.summarise_workshop(room.controller.uow_factory, previous.id, list(room.principles))
    if not any(s.overall.count for s in summary.by_principle.values()):
        return None
    return PreviousAssessment(previous, summary)
