"""A workshop's life after creation: edit its details, finish it, archive it, delete it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from workshop_app.core import audit, charter, stage_progress, workshops
from workshop_app.core.changes import Changed, Changes
from workshop_app.core.charter_changes import latest_version
from workshop_app.core.errors import WorkshopError
from workshop_app.core.model import (
    LOCKED_STATUSES, CharterStatus, DecisionRule, Participant, StageProgress, Workshop,
    WorkshopStatus, utc_now,
)
from workshop_app.core.ports import UnitOfWork


@dataclass(frozen=True)
class Details:
    """The details a facilitator can change after creating a workshop."""

    title: str
    date: dt.date
    place: str
    facilitator: str
    decision_rule: DecisionRule


WORKSHOP = Changes(workshop=True)


def has_votes(uow: UnitOfWork, workshop_id: int) -> bool:
    """Say whether any vote has been opened in the workshop (its rule is then fixed)."""
    return workshops.has_votes_in(uow, workshop_id)


def edit_details(uow: UnitOfWork, workshop_id: int, details: Details) -> Changed[Workshop]:
    """Change a workshop's title, date, place, facilitator and (before its first vote) its rule."""
    current = workshops.get_workshop(uow, workshop_id)
    if current.status in LOCKED_STATUSES:
        raise WorkshopError(audit.LOCKED)
    changed = replace(current, title=" ".join(details.title.split()), date=details.date,
                      place=details.place.strip(), facilitator=details.facilitator.strip(),
                      decision_rule=details.decision_rule)
    return workshops.update_workshop(uow, changed)


def finish(uow: UnitOfWork, workshop_id: int) -> Changed[Workshop]:
    """Finish a workshop: no vote may be open or unrevealed and the charter must be agreed; then lock it."""
    workshop = _require(uow, workshop_id)
    if workshop.status in LOCKED_STATUSES:
        raise WorkshopError("This workshop is already finished.")
    if any(not vote.is_revealed for vote, _ in uow.rounds_of_workshop(workshop_id)):
        raise WorkshopError("A vote is still open or not yet revealed; close and reveal it first.")
    latest = latest_version(uow, workshop_id)
    if latest is None or latest.status == CharterStatus.DRAFT:  # a charter never started is a draft too
        content = charter.build_charter(uow, workshop_id)
        if content.commitments:
            raise WorkshopError(f"Charter version {content.version} is still a draft: mark it agreed at the "
                                "charter review, then finish the workshop.")
    _pause_timer(uow, workshop_id)
    return _set_status(uow, workshop, WorkshopStatus.CLOSED, "Workshop finished: its record is locked")


def archive(uow: UnitOfWork, workshop_id: int, archived: bool = True) -> Changed[Workshop]:
    """Put a finished workshop in the archive (or take it out again)."""
    workshop = _require(uow, workshop_id)
    if archived and workshop.status != WorkshopStatus.CLOSED:
        raise WorkshopError("Only a finished workshop can be archived; finish it first.")
    if not archived and workshop.status != WorkshopStatus.ARCHIVED:
        raise WorkshopError("This workshop is not in the archive.")
    if archived:
        return _set_status(uow, workshop, WorkshopStatus.ARCHIVED, "Workshop archived")
    return _set_status(uow, workshop, WorkshopStatus.CLOSED, "Workshop taken out of the archive")


@dataclass(frozen=True)
class WhatIsDeleted:
    """What deleting a workshop takes away, for the question asked first: the workshop, its people and votes."""

    workshop: Workshop
    people: int
    votes: int


def what_is_deleted(uow: UnitOfWork, workshop_id: int) -> WhatIsDeleted:
    """Return the workshop with how many participants and vote rounds it holds, in one reading transaction."""
    workshop = _require(uow, workshop_id)
    return WhatIsDeleted(workshop, len(uow.repo(Participant).column("id", workshop_id=workshop_id)),
                         len(uow.rounds_of_workshop(workshop_id)))


def delete(uow: UnitOfWork, workshop_id: int) -> Changed[Workshop]:
    """Delete a workshop from every list; its audit log is append-only, so its rows stay in the store."""
    workshop = _require(uow, workshop_id)
    if workshop.status == WorkshopStatus.DELETED:
        raise WorkshopError("This workshop was already deleted.")
    _pause_timer(uow, workshop_id)
    return _set_status(uow, workshop, WorkshopStatus.DELETED, f"Workshop deleted: {workshop.title}")


def _require(uow: UnitOfWork, workshop_id: int) -> Workshop:
    found = uow.repo(Workshop).get(workshop_id)
    if found is None:
        raise WorkshopError(f"There is no workshop with id {workshop_id}.")
    return found


def _pause_timer(uow: UnitOfWork, workshop_id: int) -> None:
    for progress in uow.repo(StageProgress).list(workshop_id=workshop_id):
        if progress.timer_running:
            now = utc_now()
            progress.elapsed_seconds = stage_progress.elapsed_at(progress, now)
            progress.timer_running, progress.timer_started_at, progress.updated_at = False, None, now
            uow.repo(StageProgress).update(progress)


def _set_status(uow: UnitOfWork, workshop: Workshop, status: WorkshopStatus, text: str) -> Changed[Workshop]:
    workshop.status = status
    uow.repo(Workshop).update(workshop)
    audit.append(uow, workshop.id, "workshop_status", text)
    return Changed(workshop, Changes(workshop=True, stage=True))
