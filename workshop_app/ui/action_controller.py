"""The action controller: the workshop's action plan and the previous workshop's open actions, announced to both windows."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal

from workshop_app.core import actions, voting
from workshop_app.core.changes import Changes
from workshop_app.core.model import Action, ActionStatus, Proposal, Workshop
from workshop_app.ui.controller import WorkshopController
from workshop_app.ui.vote_controller import VoteController


@dataclass(frozen=True)
class OwnerChoices:
    """The names an action's owner can be picked from, by kind."""

    participants: tuple[str, ...]
    organisations: tuple[str, ...]
    groups: tuple[str, ...]


class ActionController(QObject):
    """Runs action operations (each one committed at once and audited by core) and says when the plan changed."""

    actions_changed = Signal()

    def __init__(self, controller: WorkshopController, votes: VoteController,
                 today: Callable[[], dt.date] = dt.date.today, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.controller, self.votes, self.today = controller, votes, today
        self._reviewed: set[int] = set()
        controller.workshop_opened.connect(self._on_workshop_opened)
        controller.changed.connect(self._on_changed)

    def _on_changed(self, changes: Changes) -> None:
        if changes.actions:
            self.actions_changed.emit()

    def _on_workshop_opened(self, _workshop: Workshop) -> None:
        self._reviewed.clear()

    # This workshop's plan -----------------------------------------------------------------------

    def actions(self, chosen: actions.ActionFilter = actions.EVERY_ACTION) -> list[Action]:
        """Return the open workshop's actions that pass the filter, in the order they were made."""
        return self.controller.read(actions.list_actions, self.controller.workshop_id, chosen)

    def create(self, draft: Action) -> Action | None:
        """Store a new action (a draft the facilitator wrote, not yet stored); return it stored (None when refused)."""
        done = self.controller.perform(actions.create_action, draft.workshop_id, draft.principle, draft.what,
                                       draft.owner_kind, draft.owner, draft.due, draft.measure, draft.proposal_id,
                                       draft.status)
        return done.value.value if done.value is not None else None

    def remove(self, action_id: int) -> bool:
        """Take an action out of the plan (undoing its adding)."""
        return self.controller.perform(actions.remove_action, action_id).ok

    def edit(self, draft: Action) -> bool:
        """Change everything the facilitator writes about a stored action to what the draft (with its id) says."""
        return self.controller.perform(actions.update_action, draft).ok

    def set_status(self, action_id: int, status: ActionStatus) -> bool:
        """Change only an action's status."""
        return self.controller.perform(actions.set_action_status, action_id, status).ok

    def is_overdue(self, action: Action) -> bool:
        """Return whether an unfinished action's due date has passed today."""
        return actions.is_overdue(action, self.today())

    # Where actions come from --------------------------------------------------------------------

    def agreed_commitments(self) -> list[Proposal]:
        """Return the open workshop's agreed commitments (core's rule, the one the charter uses)."""
        return self.controller.read(voting.agreed_commitments, self.controller.workshop_id)

    def commitment_texts(self) -> dict[int, str]:
        """Return the wording of every proposal of the open workshop by id."""
        return {p.id: p.text for p in self.votes.proposals() if p.id is not None}

    def owner_choices(self) -> OwnerChoices:
        """Return the roster's people and organisations and the workshop's groups, each sorted once."""
        people = self.controller.participants()
        organisations = sorted({p.organisation.strip() for p in people if p.organisation.strip()}, key=str.casefold)
        return OwnerChoices(tuple(sorted((p.name for p in people), key=str.casefold)), tuple(organisations),
                            tuple(g.name for g in self.controller.groups()))

    # The review of the previous workshop ----------------------------------------------------------

    def previous_workshop(self) -> Workshop | None:
        """Return the previous workshop of the same partnership, if there is one."""
        assert self.controller.workshop is not None
        return self.controller.read(actions.previous_workshop, self.controller.workshop)

    def review_actions(self) -> list[Action]:
        """Return the previous workshop's open actions, keeping those already reviewed here (with their new status)."""
        previous = self.previous_workshop()
        if previous is None or previous.id is None:
            return []
        assert self.controller.workshop is not None
        still_open = self.controller.read(actions.open_actions_of_previous, self.controller.workshop)
        self._reviewed |= {a.id for a in still_open if a.id is not None}
        return [a for a in self.controller.read(actions.list_actions, previous.id) if a.id in self._reviewed]

    def carry_over(self) -> int | None:
        """Copy the previous workshop's unfinished actions into this one; return how many were new (None on failure)."""
        previous = self.previous_workshop()
        if previous is None or previous.id is None:
            return 0
        done = self.controller.perform(actions.carry_over, previous.id, self.controller.workshop_id)
        return len(done.value.value) if done.value is not None else None
