"""A workshop's life: details edited, finished (locked), archived, deleted; the start page's filters."""

import datetime as dt

import pytest

from tests.core.fakes import FakeStore
from workshop_app.core.changes import perform, read
from workshop_app.core import notes, roster, voting, workshop_life, workshops
from workshop_app.core.errors import WorkshopError
from workshop_app.core.model import DecisionRule, Participant, Workshop, WorkshopStatus
from workshop_app.core.workshop_life import Details
from workshop_app.core.workshop_list import FILTERS, filtered


def _workshop(store: FakeStore, title: str = "Charter day") -> Workshop:
    return perform(store, workshops.create_workshop,
        Workshop(title, "Northside", "Hall", dt.date(2026, 3, 4), "Sam", "charter")).value


def test_details_are_edited_and_logged() -> None:
    store = FakeStore()
    workshop = _workshop(store, "Charter dya")
    details = Details("  Charter   day ", dt.date(2026, 3, 5), " Library ", "Ana", DecisionRule.CONSENSUS)
    changed = perform(store, workshop_life.edit_details, workshop.id, details).value
    again = read(store, workshops.get_workshop, workshop.id)
    assert (again.title, again.date, again.place, again.facilitator, again.decision_rule) == (
        "Charter day", dt.date(2026, 3, 5), "Library", "Ana", DecisionRule.CONSENSUS) and changed.title == "Charter day"
    assert store.audit[-1].kind == "workshop_updated"


def test_a_finished_workshop_is_locked() -> None:
    store = FakeStore()
    workshop = _workshop(store)
    group = read(store, workshops.list_groups, workshop.id)[0]
    perform(store, roster.add_participant, Participant(workshop.id, "Ana", group.id))
    perform(store, workshop_life.finish, workshop.id)
    assert read(store, workshops.get_workshop, workshop.id).status == WorkshopStatus.CLOSED
    with pytest.raises(WorkshopError, match="finished, so its record is locked"):
        perform(store, roster.add_participant, Participant(workshop.id, "Bea", group.id))
    with pytest.raises(WorkshopError, match="locked"):
        perform(store, notes.add_note, workshop.id, 0, "A late idea", None)
    with pytest.raises(WorkshopError, match="locked"):
        perform(store, workshop_life.edit_details, workshop.id, Details("New", workshop.date, "", "", DecisionRule.MAJORITY))
    with pytest.raises(WorkshopError, match="already finished"):
        perform(store, workshop_life.finish, workshop.id)
    assert [p.name for p in read(store, roster.list_participants, workshop.id)] == ["Ana"]


def test_finishing_waits_for_every_vote_to_be_revealed() -> None:
    store = FakeStore()
    workshop = _workshop(store)
    proposal = perform(store, voting.create_proposal, workshop.id, "collaborative", "We will meet monthly.").value
    perform(store, voting.open_vote, proposal.id, False)
    with pytest.raises(WorkshopError, match="still open or not yet revealed"):
        perform(store, workshop_life.finish, workshop.id)
    assert read(store, workshops.get_workshop, workshop.id).status != WorkshopStatus.CLOSED


def _shown(store: FakeStore, filter_name: str) -> list[Workshop]:
    """The workshops the start page shows under a filter (it filters the one list it reads)."""
    return filtered(read(store, workshops.list_workshops), filter_name)


def test_archive_and_filters_and_delete() -> None:
    store = FakeStore()
    old, new = _workshop(store, "Old"), _workshop(store, "New")
    with pytest.raises(WorkshopError, match="Only a finished workshop"):
        perform(store, workshop_life.archive, old.id)
    perform(store, workshop_life.finish, old.id)
    assert [w.title for w in _shown(store, "Finished")] == ["Old"]
    perform(store, workshop_life.archive, old.id)
    assert [w.title for w in _shown(store, "Active")] == ["New"]
    assert [w.title for w in _shown(store, "Archived")] == ["Old"]
    assert {w.title for w in _shown(store, "All")} == {"Old", "New"}
    perform(store, workshop_life.archive, old.id, archived=False)
    assert read(store, workshops.get_workshop, old.id).status == WorkshopStatus.CLOSED
    perform(store, workshop_life.delete, new.id)
    assert [w.title for w in read(store, workshops.list_workshops)] == ["Old"]
    assert all(new.id not in {w.id for w in _shown(store, f)} for f in FILTERS)
    with pytest.raises(WorkshopError, match="locked"):
        perform(store, roster.add_participant, Participant(new.id, "Late", read(store, workshops.list_groups, new.id)[0].id))


def test_editing_keeps_the_rule_once_a_vote_has_opened() -> None:
    store = FakeStore()
    workshop = _workshop(store)
    proposal = perform(store, voting.create_proposal, workshop.id, "collaborative", "We will meet monthly.").value
    perform(store, voting.open_vote, proposal.id, False)
    assert read(store, workshop_life.has_votes, workshop.id)
    with pytest.raises(WorkshopError, match="can only change before the first vote"):
        perform(store, workshop_life.edit_details, workshop.id, Details("Charter day", workshop.date, "Hall", "Sam",
                                                               DecisionRule.MAJORITY))
    kept = perform(store, workshop_life.edit_details, workshop.id, Details("Charter day!", workshop.date, "Hall", "Sam",
                                                                  workshop.decision_rule)).value
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
        perform(store, workshop_life.finish, room.workshop_id)
    perform(store, charter_versions.mark_agreed, room.workshop_id, dt.date(2025, 3, 12))
    perform(store, workshop_life.finish, room.workshop_id)
    content = read(store, build_charter, room.workshop_id)
    assert content.status == CharterStatus.AGREED and content.version == 1
    with pytest.raises(WorkshopError):
        perform(store, charter_versions.start_amendment, room.workshop_id)
