"""A phone's 'where are we now?' rating: the open assessment stage, the person's own latest score, and rating.

A rating is open while the workshop's current stage is an assessment stage whose results are not shown.
A phone sees the principle, the question, the scale's two ends and its own person's latest score: never
anyone else's score and never a summary.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from workshop_app.core import assessment, stored_plans
from workshop_app.core.changes import Changed
from workshop_app.core.principles import Principle, load_principles
from workshop_app.core.errors import PlanError, WorkshopError
from workshop_app.core.model import Assessment, StageProgress, Workshop, require_id
from workshop_app.core.phone_votes import check_phone
from workshop_app.core.plans import Stage, StageKind
from workshop_app.core.ports import UnitOfWork

DEFAULT_QUESTION = "Where is our partnership today, from 1 to 5?"


class RatingClosedError(WorkshopError):
    """No rating is open now: the results are shown or the room has moved on."""


@dataclass(frozen=True)
class OpenRating:
    """The open rating as a phone shows it: the principle (key and name), the question, the ends, my score."""

    principle: str
    name: str
    question: str
    low: str
    high: str
    mine: int | None = None


def workshop_stages(uow: UnitOfWork, workshop_id: int) -> tuple[Stage, ...]:
    """Return the stages of the workshop's plan (none when the workshop or its plan cannot be found)."""
    workshop = uow.repo(Workshop).get(workshop_id)
    if workshop is None:
        return ()
    try:
        return stored_plans.plan_of(uow, workshop).stages
    except PlanError:
        return ()


def open_ratings(uow: UnitOfWork, workshop_id: int, participant_ids: Sequence[int],
                 stages: Sequence[Stage], principles: Sequence[Principle] | None = None) -> list[OpenRating | None]:
    """Return each participant's view of the open rating (with their own latest score), or None when closed."""
    stage = _open_stage(uow, workshop_id, stages)
    if stage is None or stage.principle is None:
        return [None] * len(participant_ids)
    rows = uow.repo(Assessment).list(workshop_id=workshop_id, principle=stage.principle)
    base = _rating_of(stage, principles)
    if base is None:
        return [None] * len(participant_ids)
    latest = {row.participant_id: row.score for row in assessment.latest_scores(rows)
              if row.participant_id is not None}
    return [replace(base, mine=latest.get(pid)) for pid in participant_ids]


def rate_from_phone(uow: UnitOfWork, workshop_id: int, device: str, principle: str, score: int,
                    stages: Sequence[Stage]) -> Changed[Assessment]:
    """Record a phone's score for the open principle, as the person the phone is bound to, in their own group.

    The phone's binding, its person and the open stage are checked first: NotBoundError, NotAVoterError or
    RatingClosedError refuse it.
    """
    person = check_phone(uow, workshop_id, device)
    stage = _open_stage(uow, workshop_id, stages)
    if stage is None:
        raise RatingClosedError("Rating is closed, so your score was not recorded; reload to see what is open.")
    if stage.principle != principle:
        raise WorkshopError("That is not the principle being rated now; reload to see what is open.")
    return assessment.record_score(uow, workshop_id, principle, person.group_id, score, require_id(person))


def _open_stage(uow: UnitOfWork, workshop_id: int, stages: Sequence[Stage]) -> Stage | None:
    """Return the current stage when it is an assessment stage whose results are not shown, else None."""
    rows = uow.repo(StageProgress).list(workshop_id=workshop_id)
    if not rows or rows[0].results_shown or not 0 <= rows[0].stage_index < len(stages):
        return None
    stage = stages[rows[0].stage_index]
    return stage if stage.kind == StageKind.ASSESSMENT and stage.principle else None


def _rating_of(stage: Stage, principles: Sequence[Principle] | None) -> OpenRating | None:
    """Return the rating a stage asks for (without a score), or None when its principle is unknown."""
    known = {p.key: p for p in (principles if principles is not None else load_principles())}
    principle = known.get(stage.principle or "")
    if principle is None:
        return None
    question = stage.prompts[0] if stage.prompts else DEFAULT_QUESTION
    return OpenRating(principle.key, principle.name, question, principle.scale.low, principle.scale.high)
