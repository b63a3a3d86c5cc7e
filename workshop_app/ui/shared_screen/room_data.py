"""What the shared screen reads about the room: who may rate, the groups, and the last assessment."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from workshop_app.core import actions, assessment
from workshop_app.core.model import Participant, StakeholderGroup, Workshop
from workshop_app.ui.controller import WorkshopController


@dataclass(frozen=True)
class PreviousAssessment:
    """The partnership's previous workshop and its assessment summary."""

    workshop: Workshop
    summary: assessment.AssessmentSummary


def present_voters(controller: WorkshopController) -> list[Participant]:
    """Return the present voting members, by name."""
    people = [p for p in controller.participants() if p.present and p.is_voting]
    return sorted(people, key=lambda p: p.name.casefold())


def groups_by_id(controller: WorkshopController) -> dict[int, StakeholderGroup]:
    """Return the workshop's groups by id, in position order."""
    return {g.id: g for g in controller.groups() if g.id is not None}


def previous_assessment(controller: WorkshopController, workshop: Workshop,
                        principles: Sequence[str]) -> PreviousAssessment | None:
    """Return the previous workshop of the same partnership with its summary, when it has any scores."""
    previous = controller.read(actions.previous_workshop, workshop)
    if previous is None or previous.id is None:
        return None
    summary = controller.read(assessment.summarise_workshop, previous.id, list(principles))
    if not any(s.overall.count for s in summary.by_principle.values()):
        return None
    return PreviousAssessment(previous, summary)
