"""A workshop's life: details edited, finished (locked), archived, deleted; the start page's filters."""

import datetime as dt

import pytest

from tests.core.fakes import FakeStore
from workshop_app.core.changes import perform
from workshop_app.core import notes, roster, voting, workshop_life, workshops
from workshop_app.core.errors import WorkshopError
from workshop_app.core.model import DecisionRule, Participant, Workshop, WorkshopStatus
from workshop_app.core.workshop_life import Details
from workshop_app.core.workshop_list import FILTERS


def _workshop(store: FakeStore, title: str = "Charter day") -> Workshop:
    return workshops.create_workshop(store, Workshop(title, "Northside", "Hall", dt.date(2026, 3, 4), "Sam", "charter"))


def test_details_are_edited_and_logged() -> None:
    store = FakeStore()
    workshop = _workshop(store, "Charter dya")
    details = Details("  Charter   day ", dt.date(2026, 3, 5), " Library ", "Ana", DecisionRule.CONSENSUS)
    changed = workshop_life.edit_details(store, workshop.id, details)
    again = workshops.get_workshop(store, workshop.id)
    assert (again.title, again.date, again.place, again.facilitator, again.decision_rule) == (
        "Charter day", dt.date(2026, 3, 5), "Library", "Ana", DecisionRule.CONSENSUS) and changed.title == "Charter day"
    assert store.audit[-1].kind == "workshop_updated"


def test_a_finished_workshop_is_locked() -> None:
    store = FakeStore()
    workshop = _workshop(store)
    group = workshops.list_groups(store, workshop.id)[0]
    roster.add_participant(store, Participant(workshop.id, "Ana", group.id))
    workshop_life.finish(store, workshop.id)
    assert workshops.get_workshop(store, workshop.id).status == WorkshopStatus.CLOSED
    with pytest.raises(WorkshopError, match="finished, so its record is locked"):
        roster.add_participant(store, Participant(workshop.id, "Bea", group.id))
    with pytest.raises(WorkshopError, match="locked"):
        perform(store, notes.add_note, workshop.id, 0, "A late idea", None)
    with pytest.raises(WorkshopError, match="locked"):
        workshop_life.edit_details(store, workshop.id, Details("New", workshop.date, "", "", DecisionRule.MAJORITY))
    with pytest.raises(WorkshopError, match="already finished"):
        workshop_life.finish(store, workshop.id)
    assert [p.name for p in roster.list_participants(store, workshop.id)] == ["Ana"]


def test_finishing_waits_for_every_vote_to_be_revealed() -> None:
    store = FakeStore()
    workshop = _workshop(store)
    proposal = perform(store, voting.create_proposal, workshop.id, "collaborative", "We will meet monthly.").value
    perform(store, voting.open_vote, proposal.id, False)
    with pytest.raises(WorkshopError, match="still open or not yet revealed"):
        workshop_life.finish(store, workshop.id)
    assert workshops.get_workshop(store, workshop.id).status != WorkshopStatus.CLOSED


def test_archive_and_filters_and_delete() -> None:
    store = FakeStore()
    old, new = _workshop(store, "Old"), _workshop(store, "New")
    with pytest.raises(WorkshopError, match="Only a finished workshop"):
        workshop_life.archive(store, old.id)
    workshop_life.finish(store, old.id)
    assert [w.title for w in workshop_life.workshops_in(store, "Finished")] == ["Old"]
    workshop_life.archive(store, old.id)
    assert [w.title for w in workshop_life.workshops_in(store, "Active")] == ["New"]
    assert [w.title for w in workshop_life.workshops_in(store, "Archived")] == ["Old"]
    assert {w.title for w in workshop_life.workshops_in(store, "All")} == {"Old", "New"}
    workshop_life.archive(store, old.id, archived=False)
    assert workshops.get_workshop(store, old.id).status == WorkshopStatus.CLOSED
    workshop_life.delete(store, new.id)
    assert [w.title for w in workshops.list_workshops(store)] == ["Old"]
    assert all(new.id not in {w.id for w in workshop_life.workshops_in(store, f)} for f in FILTERS)
    with pytest.raises(WorkshopError, match="locked"):
        roster.add_participant(store, Participant(new.id, "Late", workshops.list_groups(store, new.id)[0].id))


def test_editing_keeps_the_rule_once_a_vote_has_opened() -> None:
    store = FakeStore()
    workshop = _workshop(store)
    proposal = perform(store, voting.create_proposal, workshop.id, "collaborative", "We will meet monthly.").value
    perform(store, voting.open_vote, proposal.id, False)
    assert workshop_life.has_votes(store, workshop.id)
    with pytest.raises(WorkshopError, match="can only change before the first vote"):
        workshop_life.edit_details(store, workshop.id, Details("Charter day", workshop.date, "Hall", "Sam",
                                                               DecisionRule.MAJORITY))
    kept = workshop_life.edit_details(store, workshop.id, Details("Charter day!", workshop.date, "Hall", "Sam",
                                                                  workshop.decision_rule))
    assert kept.title == "Charter day!" and kept.decision_rule == DecisionRule.GROUP_CONSENT


def test_finishing_makes_the_charter_final() -> None:
    import datetime as dt

    from tests.core.charter_room import build_room
    from workshop_app.core import charter_versions
    from workshop_app.core.charter import build_charter
    from workshop_app.core.model import CharterStatus, VoteRound

    store = FakeStore()
    room = build_room(store)
    with store() as uow:
        hidden = uow.repo(VoteRound).list(proposal_id=room.proposals["unrevealed"])[0].id or 0
    perform(store, voting.close_vote, hidden)
    perform(store, voting.reveal_vote, hidden)
    with pytest.raises(WorkshopError, match="still a draft"):
        workshop_life.finish(store, room.workshop_id)
    charter_versions.mark_agreed(store, room.workshop_id, dt.date(2025, 3, 12))
    workshop_life.finish(store, room.workshop_id)
    content = build_charter(store, room.workshop_id)
    assert content.status == CharterStatus.AGREED and content.version == 1
    with pytest.raises(WorkshopError):
        charter_versions.start_amendment(store, room.workshop_id)
