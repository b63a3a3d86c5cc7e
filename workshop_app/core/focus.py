"""Going deep: which principles a plan's focus stages are about, from the gaps between groups' scores."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from fractions import Fraction

from workshop_app.core.assessment import AssessmentSummary, summarise_workshop
from workshop_app.core.plans import Stage
from workshop_app.core.ports import UnitOfWork


def focus_order(summary: AssessmentSummary) -> tuple[str, ...]:
    """Return the principles, largest gap between groups first; ties go to the lower score, then report order."""
    def rank(position: int, principle: str) -> tuple[Fraction, Fraction, int]:
        found = summary.by_principle.get(principle)
        gap = found.gap if found is not None and found.gap is not None else Fraction(-1)
        mean = found.overall.exact_mean if found is not None else None
        return (-gap, mean if mean is not None else Fraction(6), position)

    ranked = sorted(enumerate(summary.principles), key=lambda item: rank(*item))
    return tuple(principle for _position, principle in ranked)


def resolve_stages(stages: tuple[Stage, ...], order: tuple[str, ...]) -> tuple[Stage, ...]:
    """Return the stages with each focus stage's principle filled in from the order (others unchanged)."""
    return tuple(
        replace(stage, principle=order[stage.focus - 1]) if stage.focus and stage.focus <= len(order) else stage
        for stage in stages
    )


def first_focus_index(stages: Sequence[Stage]) -> int:
    """Return the position of the plan's first focus stage (-1 when it has none)."""
    return next((index for index, stage in enumerate(stages) if stage.focus), -1)


def focus_settled(stages: Sequence[Stage], index: int) -> bool:
    """Say whether a room at stage `index` is past its first focus stage, so its focus principles stay put."""
    return index > first_focus_index(stages)


def focused_stages(uow: UnitOfWork, workshop_id: int, stages: tuple[Stage, ...],
                   principles: Sequence[str]) -> tuple[Stage, ...]:
    """Return a plan's stages with each focus stage about today's principle by gap (no read when it has none)."""
    if not any(stage.focus for stage in stages):
        return stages
    return resolve_stages(stages, focus_order(summarise_workshop(uow, workshop_id, principles)))
