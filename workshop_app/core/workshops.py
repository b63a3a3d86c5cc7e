"""Operations that create and change workshops and their stakeholder groups."""

from __future__ import annotations

from dataclasses import replace

from workshop_app.core import audit, stored_plans
from workshop_app.core.changes import Changed, Changes
from workshop_app.core.errors import WorkshopError
from workshop_app.core.model import (
    Assessment, HandCount, Participant, Proposal, StageProgress, StakeholderGroup, Workshop, WorkshopStatus,
    require_id,
)
from workshop_app.core.palette import DEFAULT_GROUPS, GroupStyle, check_style, next_style
from workshop_app.core.ports import UnitOfWork
from workshop_app.core.rule_text import rule_text
from workshop_app.core.workshop_list import listed


WORKSHOP = Changes(workshop=True)
GROUPS = Changes(groups=True)


def list_workshops(uow: UnitOfWork) -> list[Workshop]:
    """Return every workshop but the deleted ones, newest date first."""
    return listed(uow.repo(Workshop).list())


def get_workshop(uow: UnitOfWork, workshop_id: int) -> Workshop:
    """Return one workshop, or raise a WorkshopError naming the id."""
    found = uow.repo(Workshop).get(workshop_id)
    if found is None:
        raise WorkshopError(f"There is no workshop with id {workshop_id}; run `workshop-app list` to see them.")
    return found


def check_workshop(workshop: Workshop) -> None:
    """Refuse a workshop without a title or a session plan."""
    if not workshop.title.strip():
        raise WorkshopError("Give the workshop a title.")
    if not workshop.plan_key.strip():
        raise WorkshopError("Choose a session plan for the workshop.")


def create_workshop(
    uow: UnitOfWork, draft: Workshop, group_names: tuple[str, ...] = DEFAULT_GROUPS
) -> Changed[Workshop]:
    """Store a new workshop with its stakeholder groups and a stage pointer at the first stage."""
    check_workshop(draft)
    workshop = uow.repo(Workshop).add(replace(draft, id=None, title=draft.title.strip()))
    workshop_id = require_id(workshop)
    used: list[GroupStyle] = []
    for position, name in enumerate(group_names):
        style = next_style(used)
        used.append(style)
        uow.repo(StakeholderGroup).add(StakeholderGroup(workshop_id, name, style.colour, style.mark, position))
    uow.repo(StageProgress).add(StageProgress(workshop_id=workshop_id))
    stored_plans.keep_plan(uow, workshop_id, workshop.plan_key)
    audit.append(uow, workshop_id, "workshop_created", f"Workshop created: {workshop.title}", rows=[workshop])
    return Changed(workshop, WORKSHOP)  # a new workshop, groups and all: no open workshop's groups changed


def update_workshop(uow: UnitOfWork, workshop: Workshop) -> Changed[Workshop]:
    """Save changed workshop details."""
    check_workshop(workshop)
    stored = _require(uow, require_id(workshop))
    if workshop.decision_rule != stored.decision_rule and has_votes_in(uow, require_id(stored)):
        raise WorkshopError(
            f"The decision rule stays \"{rule_text(stored.decision_rule).name}\": it can only change before "
            "the first vote is opened."
        )
    uow.repo(Workshop).update(workshop)
    audit.append(uow, workshop.id, "workshop_updated", f"Workshop details changed: {workshop.title}",
                 rows=[workshop])
    return Changed(workshop, WORKSHOP)


def set_status(uow: UnitOfWork, workshop_id: int, status: WorkshopStatus) -> Changed[Workshop]:
    """Move a workshop to a new status."""
    workshop = _require(uow, workshop_id)
    workshop.status = status
    uow.repo(Workshop).update(workshop)
    audit.append(uow, workshop_id, "workshop_status", f"Workshop status: {status.value}", rows=[workshop])
    return Changed(workshop, WORKSHOP)


def _in_a_closed_vote(uow: UnitOfWork, workshop_id: int, group_id: int) -> bool:
    """Say whether a closed round froze the group as present or as a voter's group."""
    rounds = [vote for vote, _ in uow.rounds_of_workshop(workshop_id)]
    return any(group_id in r.present_group_ids or group_id in dict(r.voters).values() for r in rounds)


def has_votes_in(uow: UnitOfWork, workshop_id: int) -> bool:
    """Say whether any vote has been opened in the workshop."""
    return bool(uow.rounds_of_workshop(workshop_id))


def _require(uow: UnitOfWork, workshop_id: int) -> Workshop:
    found = uow.repo(Workshop).get(workshop_id)
    if found is None:
        raise WorkshopError(f"There is no workshop with id {workshop_id}.")
    return found


def list_groups(uow: UnitOfWork, workshop_id: int) -> list[StakeholderGroup]:
    """Return a workshop's groups in their display order."""
    rows = uow.repo(StakeholderGroup).list(workshop_id=workshop_id)
    return sorted(rows, key=lambda g: (g.position, require_id(g)))


def check_group_name(groups: list[StakeholderGroup], name: str, skip_id: int | None = None) -> str:
    """Refuse an empty group name or one another group has; return it tidied."""
    clean = " ".join(name.split())
    if not clean:
        raise WorkshopError("Give the group a name.")
    if any(g.name.casefold() == clean.casefold() and g.id != skip_id for g in groups):
        raise WorkshopError(f"There is already a group called {clean}; choose another name.")
    return clean


def add_group(uow: UnitOfWork, workshop_id: int, name: str) -> Changed[StakeholderGroup]:
    """Add a group at the end, with the next unused colour and mark."""
    groups = list_groups(uow, workshop_id)
    clean = check_group_name(groups, name)
    style = next_style([GroupStyle(g.colour, g.mark) for g in groups])
    position = max((g.position for g in groups), default=-1) + 1
    group = uow.repo(StakeholderGroup).add(StakeholderGroup(workshop_id, clean, style.colour, style.mark, position))
    audit.append(uow, workshop_id, "group_added", f"Group added: {clean}")
    return Changed(group, GROUPS)


def restore_group(uow: UnitOfWork, group: StakeholderGroup) -> Changed[StakeholderGroup]:
    """Put a removed group back with its name, colour, mark and place in the order (undoing its removal)."""
    others = uow.repo(StakeholderGroup).list(workshop_id=group.workshop_id)
    clean = check_group_name(others, group.name)
    check_style(GroupStyle(group.colour, group.mark))
    for other in others:
        if other.position >= group.position:
            other.position += 1
            uow.repo(StakeholderGroup).update(other)
    restored = uow.repo(StakeholderGroup).add(
        StakeholderGroup(group.workshop_id, clean, group.colour, group.mark, group.position))
    audit.append(uow, group.workshop_id, "group_added", f"Group put back: {clean}")
    return Changed(restored, GROUPS)


def rename_group(uow: UnitOfWork, group_id: int, name: str) -> Changed[StakeholderGroup]:
    """Rename a group."""
    group = _require_group(uow, group_id)
    others = uow.repo(StakeholderGroup).list(workshop_id=group.workshop_id)
    old, group.name = group.name, check_group_name(others, name, skip_id=group_id)
    uow.repo(StakeholderGroup).update(group)
    audit.append(uow, group.workshop_id, "group_renamed", f"Group renamed: {old} → {group.name}")
    return Changed(group, GROUPS)


def set_group_style(uow: UnitOfWork, group_id: int, style: GroupStyle) -> Changed[StakeholderGroup]:
    """Change a group's colour and mark."""
    group = _require_group(uow, group_id)
    check_style(style)
    group.colour, group.mark = style.colour, style.mark
    uow.repo(StakeholderGroup).update(group)
    audit.append(uow, group.workshop_id, "group_style", f"Group style changed: {group.name}")
    return Changed(group, GROUPS)


def move_group(uow: UnitOfWork, group_id: int, offset: int) -> Changed[list[StakeholderGroup]]:
    """Move a group up (-1) or down (+1) in the order; return the new order."""
    group = _require_group(uow, group_id)
    groups = list_groups(uow, group.workshop_id)
    index = next(i for i, g in enumerate(groups) if g.id == group_id)
    target = max(0, min(len(groups) - 1, index + offset))
    groups.insert(target, groups.pop(index))
    for position, g in enumerate(groups):
        if g.position != position:
            g.position = position
            uow.repo(StakeholderGroup).update(g)
    audit.append(uow, group.workshop_id, "group_moved", f"Group moved: {group.name}")
    return Changed(groups, GROUPS)


def remove_group(uow: UnitOfWork, group_id: int) -> Changes:
    """Remove a group that nobody belongs to and nothing refers to."""
    group = _require_group(uow, group_id)
    members = uow.repo(Participant).list(group_id=group_id)
    if members:
        raise WorkshopError(f"{group.name} still has {len(members)} participant(s); move or remove them first.")
    if (uow.repo(Assessment).list(group_id=group_id) or uow.repo(HandCount).list(group_id=group_id)
            or uow.repo(Proposal).list(party_group_id=group_id)):
        raise WorkshopError(f"{group.name} already has scores or votes recorded, so it cannot be removed.")
    if _in_a_closed_vote(uow, group.workshop_id, group_id):
        raise WorkshopError(f"{group.name} took part in a closed vote, so it stays on the record.")
    uow.repo(StakeholderGroup).delete(group_id)
    audit.append(uow, group.workshop_id, "group_removed", f"Group removed: {group.name}")
    return GROUPS


def _require_group(uow: UnitOfWork, group_id: int) -> StakeholderGroup:
    found = uow.repo(StakeholderGroup).get(group_id)
    if found is None:
        raise WorkshopError("That group no longer exists; reopen the workshop.")
    return found
