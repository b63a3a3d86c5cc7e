"""Actions: who will do what by when, filtered for the plan, carried over to the next review."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from workshop_app.core import audit
from workshop_app.core.errors import WorkshopError
from workshop_app.core.changes import Changed, Changes
from workshop_app.core.model import Action, ActionStatus, OwnerKind, Proposal, Workshop, WorkshopStatus, require_id
from workshop_app.core.ports import UnitOfWork

STILL_OPEN = frozenset({ActionStatus.OPEN, ActionStatus.IN_PROGRESS})
"""Statuses of an action that is not finished: these carry over and can be overdue."""


ACTIONS = Changes(actions=True)


def create_action(
    uow: UnitOfWork,
    workshop_id: int,
    principle: str,
    what: str,
    owner_kind: OwnerKind,
    owner: str,
    due: dt.date | None = None,
    measure: str = "",
    proposal_id: int | None = None,
    status: ActionStatus = ActionStatus.OPEN,
) -> Changed[Action]:
    """Record a new action, optionally from a proposal of the same workshop."""
    if uow.repo(Workshop).get(workshop_id) is None:
        raise WorkshopError("That workshop cannot be found; open a workshop first.")
    if proposal_id is not None:
        proposal = uow.repo(Proposal).get(proposal_id)
        if proposal is None or proposal.workshop_id != workshop_id:
            raise WorkshopError("An action can only come from a proposal of this workshop.")
    action = Action(
        workshop_id=workshop_id, principle=principle.strip(), what=what.strip(),
        owner_kind=OwnerKind(owner_kind), owner=owner.strip(), due=due, measure=measure.strip(),
        status=ActionStatus(status), proposal_id=proposal_id,
    )
    check_action(action)
    action = uow.repo(Action).add(action)
    audit.append(uow, workshop_id, "action_created",
                 f"Action {action.id} was added for {action.owner}: {action.what}", rows=[action])
    return Changed(action, ACTIONS)


def update_action(uow: UnitOfWork, edited: Action) -> Changed[Action]:
    """Store an edit of a stored action: its words, principle, owner, due date, measure and status (nothing else)."""
    old = _stored_action(uow, require_id(edited))
    return _store_update(uow, old, replace(
        old, what=edited.what.strip(), principle=edited.principle.strip(), owner_kind=OwnerKind(edited.owner_kind),
        owner=edited.owner.strip(), due=edited.due, measure=edited.measure.strip(), status=ActionStatus(edited.status)))


def set_action_status(uow: UnitOfWork, action_id: int, status: ActionStatus) -> Changed[Action]:
    """Change only an action's status."""
    old = _stored_action(uow, action_id)
    return _store_update(uow, old, replace(old, status=ActionStatus(status)))


def _stored_action(uow: UnitOfWork, action_id: int) -> Action:
    """Return a stored action; refuse one that cannot be found."""
    action = uow.repo(Action).get(action_id)
    if action is None:
        raise WorkshopError("That action cannot be found; choose one from the action plan.")
    return action


def _store_update(uow: UnitOfWork, old: Action, new: Action) -> Changed[Action]:
    """Check and store a changed action; a status change gets its own audit entry naming the old and new status."""
    check_action(new)
    uow.repo(Action).update(new)
    _audit_update(uow, old, new)
    return Changed(new, ACTIONS)


def remove_action(uow: UnitOfWork, action_id: int) -> Changed[Action]:
    """Take an action out of the plan (undoing its adding); return it as it was."""
    action = _stored_action(uow, action_id)
    uow.repo(Action).delete(action_id)
    audit.append(uow, action.workshop_id, "action_removed", f"Action {action_id} was taken out: {action.what}")
    return Changed(action, ACTIONS)


def owner_matches(action: Action, text: str) -> bool:
    """Return whether the owner's name contains the text, ignoring case and outer spaces (the one owner rule)."""
    return text.strip().casefold() in action.owner.casefold()


@dataclass(frozen=True)
class ActionFilter:
    """Which of a workshop's actions a list keeps; a filter left empty keeps every action."""

    principle: str = ""
    owner: str = ""
    """Keeps the actions whose owner's name contains it (owner_matches)."""
    status: ActionStatus | None = None
    overdue_on: dt.date | None = None
    """Keeps only the unfinished actions whose due date is before that day."""

    def keeps(self, action: Action) -> bool:
        """Say whether an action passes every filter given."""
        return ((not self.principle or action.principle == self.principle)
                and (not self.owner or owner_matches(action, self.owner))
                and (self.status is None or action.status == self.status)
                and (self.overdue_on is None or is_overdue(action, self.overdue_on)))


EVERY_ACTION = ActionFilter()


def list_actions(uow: UnitOfWork, workshop_id: int, chosen: ActionFilter = EVERY_ACTION) -> list[Action]:
    """Return the workshop's actions that the filter keeps, in the order they were made."""
    return [action for action in uow.repo(Action).list(workshop_id=workshop_id) if chosen.keeps(action)]


def is_overdue(action: Action, on: dt.date) -> bool:
    """Return whether an unfinished action's due date has passed by the given day."""
    return action.status in STILL_OPEN and action.due is not None and action.due < on


def previous_workshop(uow: UnitOfWork, workshop: Workshop | int) -> Workshop | None:
    """Return the latest earlier workshop (by date, then id) of the same partnership, not deleted, or None."""
    current = _workshop(uow, workshop)
    name = current.partnership.strip().casefold()
    earlier = [
        w for w in uow.repo(Workshop).list()
        if w.partnership.strip().casefold() == name and w.status != WorkshopStatus.DELETED
        and (w.date, require_id(w)) < (current.date, require_id(current))
    ]
    return max(earlier, key=lambda w: (w.date, require_id(w)), default=None)


def open_actions_of_previous(uow: UnitOfWork, workshop: Workshop | int) -> list[Action]:
    """Return the unfinished actions of the partnership's previous workshop (none if there is none)."""
    previous = previous_workshop(uow, workshop)
    if previous is None or previous.id is None:
        return []
    return [a for a in list_actions(uow, previous.id) if a.status in STILL_OPEN]


def carry_over(uow: UnitOfWork, from_workshop_id: int, to_workshop_id: int) -> Changed[list[Action]]:
    """Copy the unfinished actions of one workshop into another, skipping any already copied.

    Returns the new actions; carrying over twice adds nothing the second time.
    """
    source = _workshop(uow, from_workshop_id)
    _workshop(uow, to_workshop_id)
    if from_workshop_id == to_workshop_id:
        raise WorkshopError("Choose a different workshop to carry the actions over to.")
    there = {_identity(a) for a in uow.repo(Action).list(workshop_id=to_workshop_id)}
    copied: list[Action] = []
    for action in uow.repo(Action).list(workshop_id=from_workshop_id):
        if action.status in STILL_OPEN and _identity(action) not in there:
            copy = replace(action, id=None, workshop_id=to_workshop_id, proposal_id=None)
            copied.append(uow.repo(Action).add(copy))
    if copied:
        audit.append(uow, to_workshop_id, "actions_carried_over",
                     f"{len(copied)} unfinished action(s) were carried over from {source.title} "
                     f"({source.date.isoformat()}).", rows=copied)
    return Changed(copied, Changes(actions=bool(copied)))


def _identity(action: Action) -> tuple[str, str, str]:
    """What makes two actions the same across workshops."""
    return action.principle, action.what.casefold(), action.owner.casefold()


def _workshop(uow: UnitOfWork, workshop: Workshop | int) -> Workshop:
    """Return a stored workshop or refuse with a sentence."""
    wid = workshop if isinstance(workshop, int) else workshop.id
    found = uow.repo(Workshop).get(wid) if wid is not None else None
    if found is None:
        raise WorkshopError("That workshop cannot be found; choose one from the list.")
    return found


def check_action(action: Action) -> None:
    """Refuse an action without a principle, a description or an owner."""
    if not action.principle:
        raise WorkshopError("Choose the principle this action belongs to.")
    if not action.what:
        raise WorkshopError("Say what will be done before saving the action.")
    if not action.owner:
        raise WorkshopError("Name who owns this action: a person, an organisation or a group.")


def _audit_update(uow: UnitOfWork, old: Action, new: Action) -> None:
    """Append an entry for a status change, and one for any other change."""
    if old.status != new.status:
        audit.append(uow, new.workshop_id, "action_status",
                     f"Action {new.id} ({new.what}) went from {ActionStatus(old.status).value} "
                     f"to {new.status.value}.", rows=[new])
    if replace(old, status=new.status) != new:
        audit.append(uow, new.workshop_id, "action_edited", f"Action {new.id} was edited: {new.what}", rows=[new])
