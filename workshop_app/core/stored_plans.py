"""The plan a workshop runs is kept with it: its file's text is stored when the workshop begins."""

from __future__ import annotations

from workshop_app.core.errors import PlanError
from workshop_app.core.model import Workshop, WorkshopPlan
from workshop_app.core.plans import Plan, plan_by_key, plan_from_text
from workshop_app.core.ports import UnitOfWork


def plan_file_text(plan_key: str) -> str:
    """Return the text of the available plan file with this key (a user's own plan wins)."""
    source = plan_by_key(plan_key).source
    try:
        return source.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise PlanError(f'The plan file "{source}" cannot be read ({error}); check the sessions folder.') from None


def keep_plan(uow: UnitOfWork, workshop_id: int, plan_key: str, text: str | None = None) -> WorkshopPlan:
    """Store the plan a workshop runs, inside the caller's unit of work (the file's text unless given)."""
    return uow.repo(WorkshopPlan).add(WorkshopPlan(workshop_id, plan_key, plan_file_text(plan_key)
                                                   if text is None else text))


def plan_of(uow: UnitOfWork, workshop: Workshop) -> Plan:
    """Return the plan a workshop runs: the one kept with it, else (an older record) the file with its key."""
    kept = uow.repo(WorkshopPlan).list(workshop_id=workshop.id)
    return plan_from_text(kept[0].text, kept[0].plan_key) if kept else plan_by_key(workshop.plan_key)
