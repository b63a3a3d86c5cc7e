"""Roster, group and action-plan edits that Edit > Undo (Ctrl+Z) takes back: each runs its operation, then keeps
its inverse. Something re-added gets a new id, so undo and redo follow it through a one-item holder."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING, Concatenate, ParamSpec

from workshop_app.core import roster, workshops
from workshop_app.core.changes import Changed, Changes
from workshop_app.core.ports import UnitOfWork
from workshop_app.core.model import Action, ActionStatus, Participant, StakeholderGroup, require_id
from workshop_app.core.palette import GroupStyle
from workshop_app.ui import undo
from workshop_app.ui.controller import WorkshopController

if TYPE_CHECKING:
    from workshop_app.ui.action_controller import ActionController

P = ParamSpec("P")


class RosterEdits:
    """Add, change and remove people, each undoable."""

    def __init__(self, controller: WorkshopController) -> None:
        self.controller = controller

    def add(self, person: Participant) -> bool:
        """Add a person; undo takes them out again."""
        held = [self._add(person)]
        if held[0] is None:
            return False
        undo.record(self.controller.undo_stack, f"add {person.name}", lambda: held.__setitem__(0, self._add(person)),
                    lambda: self._remove(held[0]))
        return True

    def change(self, before: Participant, after: Participant) -> bool:
        """Save a person's new details; undo puts the old ones back."""
        if not self._change(roster.update_participant, after):
            return False
        undo.record(self.controller.undo_stack, f"change {before.name}",
                    lambda: self._change(roster.update_participant, after),
                    lambda: self._change(roster.update_participant, before))
        return True

    def remove(self, person: Participant) -> bool:
        """Take a person off the roster; undo puts them back with the same details."""
        held: list[Participant | None] = [person]
        if not self._remove(person):
            return False
        undo.record(self.controller.undo_stack, f"remove {person.name}",
                    lambda: self._remove(held[0]), lambda: held.__setitem__(0, self._add(person)))
        return True

    def _add(self, person: Participant) -> Participant | None:
        done = self.controller.perform(roster.add_participant, replace(person, id=None))
        return done.value.value if done.value is not None else None

    def _remove(self, person: Participant | None) -> bool:
        return person is not None and self.controller.perform(roster.remove_participant, require_id(person)).ok

    def _change(self, operation: Callable[[UnitOfWork, Participant], Changes | Changed[Participant]],
                person: Participant) -> bool:
        return self.controller.perform(operation, person).ok


class GroupEdits:
    """Add, rename, restyle, move and remove groups, each undoable."""

    def __init__(self, controller: WorkshopController) -> None:
        self.controller = controller

    def add(self, name: str) -> bool:
        """Add a group at the end; undo removes it again."""
        held = [self._group(workshops.add_group, self.controller.workshop_id, name)]
        if held[0] is None:
            return False
        undo.record(self.controller.undo_stack, f"add the group {name}",
                    lambda: held.__setitem__(0, self._group(workshops.add_group, self.controller.workshop_id, name)),
                    lambda: self._ok(workshops.remove_group, _id(held[0])))
        return True

    def rename(self, group: StakeholderGroup, name: str) -> bool:
        """Rename a group; undo gives it its old name."""
        group_id = require_id(group)
        return self._pair(f"rename {group.name}", lambda: self._ok(workshops.rename_group, group_id, name),
                          lambda: self._ok(workshops.rename_group, group_id, group.name))

    def restyle(self, group: StakeholderGroup, style: GroupStyle) -> bool:
        """Change a group's colour and mark; undo gives back the old ones."""
        group_id, old = require_id(group), GroupStyle(group.colour, group.mark)
        return self._pair(f"change the mark of {group.name}",
                          lambda: self._ok(workshops.set_group_style, group_id, style),
                          lambda: self._ok(workshops.set_group_style, group_id, old))

    def move(self, group: StakeholderGroup, offset: int) -> bool:
        """Move a group up or down; undo moves it back."""
        group_id = require_id(group)
        return self._pair(f"move {group.name}", lambda: self._ok(workshops.move_group, group_id, offset),
                          lambda: self._ok(workshops.move_group, group_id, -offset))

    def remove(self, group: StakeholderGroup) -> bool:
        """Remove an empty group; undo puts it back in its place with its colour and mark."""
        held: list[StakeholderGroup | None] = [group]
        if not self._ok(workshops.remove_group, require_id(group)):
            return False
        undo.record(self.controller.undo_stack, f"remove the group {group.name}",
                    lambda: self._ok(workshops.remove_group, _id(held[0])),
                    lambda: held.__setitem__(0, self._group(workshops.restore_group, group)))
        return True

    def _pair(self, text: str, redo: Callable[[], bool], inverse: Callable[[], bool]) -> bool:
        """Run an edit; when it worked, keep it with its inverse for Edit > Undo."""
        if not redo():
            return False
        undo.record(self.controller.undo_stack, text, redo, inverse)
        return True

    def _ok(self, operation: Callable[Concatenate[UnitOfWork, P], object], *args: P.args, **kwargs: P.kwargs) -> bool:
        """Run one group operation; say whether it worked."""
        return self.controller.perform(operation, *args, **kwargs).ok

    def _group(self, operation: Callable[Concatenate[UnitOfWork, P], Changed[StakeholderGroup]], *args: P.args,
               **kwargs: P.kwargs) -> StakeholderGroup | None:
        """Run one operation that makes a group; return the group (None when it was refused)."""
        done = self.controller.perform(operation, *args, **kwargs)
        return done.value.value if done.value is not None else None


class ActionEdits:
    """Add and change actions in the plan, each undoable."""

    def __init__(self, plan: ActionController) -> None:
        self.plan = plan

    def add(self, draft: Action) -> bool:
        """Add an action; undo takes it out of the plan again."""
        held = [self.plan.create(draft)]
        if held[0] is None:
            return False
        undo.record(self.plan.controller.undo_stack, "add an action",
                    lambda: held.__setitem__(0, self.plan.create(draft)),
                    lambda: self.plan.remove(_id(held[0])))
        return True

    def change(self, before: Action, draft: Action) -> bool:
        """Change an action (the draft is `before` edited); undo puts back what it said before."""
        if not self.plan.edit(draft):
            return False
        undo.record(self.plan.controller.undo_stack, "change an action", lambda: self.plan.edit(draft),
                    lambda: self.plan.edit(before))
        return True

    def set_status(self, before: Action, status: ActionStatus) -> bool:
        """Change an action's status; undo gives back the old one."""
        if not self.plan.set_status(require_id(before), status):
            return False
        undo.record(self.plan.controller.undo_stack, f"mark an action {status.value.replace('_', ' ')}",
                    lambda: self.plan.set_status(require_id(before), status),
                    lambda: self.plan.set_status(require_id(before), ActionStatus(before.status)))
        return True


def _id(item: Participant | StakeholderGroup | Action | None) -> int:
    return require_id(item) if item is not None else 0
