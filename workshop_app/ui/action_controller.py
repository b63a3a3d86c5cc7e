"""The action controller: the workshop's action plan and the previous workshop's open actions, announced to both windows."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal

from workshop_app.core import actions
from workshop_app.core.model import Action, ActionStatus, OwnerKind, Proposal, ProposalStatus, Workshop, require_id
from workshop_app.ui.controller import WorkshopController
from workshop_app.ui.room_controller import RoomController
from workshop_app.ui.vote_controller import VoteController


@dataclass(frozen=True)
class ActionDraft:
    """What the facilitator wrote and chose for an action."""

    what: str
    principle: str
    owner_kind: OwnerKind
    owner: str
    due: dt.date | None = None
    measure: str = ""
    status: ActionStatus = ActionStatus.OPEN


@dataclass(frozen=True)
class ActionFilter:
    """Which actions a list shows; empty values show everything."""

    principle: str = ""
    owner_text: str = ""
    status: str = ""
    overdue_only: bool = False


@dataclass(frozen=True)
class OwnerChoices:
    """The names an action's owner can be picked from, by kind."""

    participants: tuple[str, ...]
    organisations: tuple[str, ...]
    groups: tuple[str, ...]


def owner_matches(action: Action, text: str) -> bool:
    """Return whether the owner's name contains the text, ignoring case and outer spaces."""
    return text.strip().casefold() in action.owner.casefold()


class ActionController(QObject):
    """Runs action operations (each one committed at once and audited by core) and says when the plan changed."""

    actions_changed = Signal()

    def __init__(self, controller: WorkshopController, votes: VoteController,
                 today: Callable[[], dt.date] = dt.date.today, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.controller, self.votes, self.today = controller, votes, today
        self._reviewed: set[int] = set()
        controller.workshop_opened.connect(self._on_workshop_opened)

    @classmethod
    def for_room(cls, room: RoomController) -> ActionController:
        """Return the room's one action controller, making it the first time it is asked for."""
        found = room.findChild(ActionController)
        return found if isinstance(found, ActionController) else cls(room.controller, room.votes, parent=room)

    def _on_workshop_opened(self, _workshop: Workshop) -> None:
        self._reviewed.clear()

    # This workshop's plan -----------------------------------------------------------------------

    def actions(self, chosen: ActionFilter = ActionFilter()) -> list[Action]:
        """Return the open workshop's actions that pass the filter, in the order they were made."""
        found = actions.list_actions(
            self.controller.uow_factory, self.controller.workshop_id, principle=chosen.principle or None,
            status=ActionStatus(chosen.status) if chosen.status else None,
            overdue_on=self.today() if chosen.overdue_only else None)
        return [a for a in found if owner_matches(a, chosen.owner_text)]

    def create(self, draft: ActionDraft, proposal_id: int | None = None) -> Action | None:
        """Add an action to the open workshop's plan; return it (None when refused)."""
        done = self.controller.run(actions.create_action, self.controller.workshop_id, draft.principle, draft.what,
                                   draft.owner_kind, draft.owner, draft.due, draft.measure, proposal_id,
                                   draft.status)
        self._announce(done.ok)
        return done.value

    def remove(self, action_id: int) -> bool:
        """Take an action out of the plan (undoing its adding)."""
        return self._announce(self.controller.run(actions.remove_action, action_id).ok)

    def restore(self, before: Action) -> bool:
        """Put back everything an action said before an edit."""
        return self.edit(require_id(before), ActionDraft(before.what, before.principle, OwnerKind(before.owner_kind),
                                                     before.owner, before.due, before.measure,
                                                     ActionStatus(before.status)))

    def edit(self, action_id: int, draft: ActionDraft) -> bool:
        """Change everything about an action to what the draft says."""
        done = self.controller.run(
            lambda factory, aid: actions.update_action(
                factory, aid, what=draft.what, principle=draft.principle, owner_kind=draft.owner_kind,
                owner=draft.owner, due=draft.due, measure=draft.measure, status=draft.status), action_id)
        return self._announce(done.ok)

    def set_status(self, action_id: int, status: ActionStatus) -> bool:
        """Change only an action's status."""
        done = self.controller.run(lambda factory, aid: actions.update_action(factory, aid, status=status),
                                   action_id)
        return self._announce(done.ok)

    def is_overdue(self, action: Action) -> bool:
        """Return whether an unfinished action's due date has passed today."""
        return actions.is_overdue(action, self.today())

    def _announce(self, ok: bool) -> bool:
        if ok:
            self.actions_changed.emit()
        return ok

    # Where actions come from --------------------------------------------------------------------

    def agreed_commitments(self) -> list[Proposal]:
        """Return the open workshop's proposals whose latest revealed vote agreed them."""
        agreed = []
        for proposal in self.votes.proposals():
            outcome = self.votes.latest_outcome(require_id(proposal))
            if proposal.status != ProposalStatus.WITHDRAWN and outcome is not None and outcome.agreed:
                agreed.append(proposal)
        return agreed

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
        return actions.previous_workshop(self.controller.uow_factory, self.controller.workshop)

    def review_actions(self) -> list[Action]:
        """Return the previous workshop's open actions, keeping those already reviewed here (with their new status)."""
        previous = self.previous_workshop()
        if previous is None or previous.id is None:
            return []
        assert self.controller.workshop is not None
        still_open = actions.open_actions_of_previous(self.controller.uow_factory, self.controller.workshop)
        self._reviewed |= {a.id for a in still_open if a.id is not None}
        return [a for a in actions.list_actions(self.controller.uow_factory, previous.id) if a.id in self._reviewed]

    def carry_over(self) -> int | None:
        """Copy the previous workshop's unfinished actions into this one; return how many were new (None on failure)."""
        previous = self.previous_workshop()
        if previous is None or previous.id is None:
            return 0
        done = self.controller.run(actions.carry_over, previous.id, self.controller.workshop_id)
        if not done.ok or done.value is None:
            return None
        self._announce(True)
        return len(done.value)
