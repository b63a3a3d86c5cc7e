"""Actions: filters, overdue, audited status changes and carrying open actions to the next review."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Any

import pytest

from tests.core.fakes import FakeStore
from workshop_app.core.changes import perform, read
from workshop_app.core import actions, voting, workshop_life
from workshop_app.core.errors import WorkshopError
from workshop_app.core.model import Action, ActionStatus, OwnerKind, Workshop, utc_now

OPEN, BUSY, DONE, DROPPED = ActionStatus.OPEN, ActionStatus.IN_PROGRESS, ActionStatus.DONE, ActionStatus.DROPPED


def _workshops(store: FakeStore, *specs: tuple[str, dt.date]) -> list[int]:
    with store() as uow:
        ids = [
            uow.repo(Workshop).add(Workshop(f"{name} {day}", name, "Hall", day, "Fay", "charter")).id or 0
            for name, day in specs
        ]
        uow.commit()
    return ids


def add(store: FakeStore, *args: Any, **kwargs: Any) -> Action:
    """Record an action in its own transaction and return it."""
    return perform(store, actions.create_action, *args, **kwargs).value


def _plan(store: FakeStore, wid: int) -> dict[str, Action]:
    return {
        "publish": add(store, wid, "accountable", "Publish the business case", OwnerKind.ORGANISATION,
                       "Northside Council", due=dt.date(2024, 6, 1), measure="On the website"),
        "panel": add(store, wid, "accountable", "Set up a residents' panel", OwnerKind.GROUP, "Residents",
                     due=dt.date(2024, 7, 1), status=BUSY),
        "phases": add(store, wid, "adaptable", "Split the contract into phases", OwnerKind.ORGANISATION,
                      "northside council ", due=dt.date(2024, 5, 1), status=DONE),
        "smes": add(store, wid, "place_based", "Invite local firms", OwnerKind.PARTICIPANT, "Ana"),
        "old": add(store, wid, "creative", "Run a design day", OwnerKind.PARTICIPANT, "Ana",
                   due=dt.date(2024, 4, 1), status=DROPPED),
    }


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        pytest.param({}, ["publish", "panel", "phases", "smes", "old"], id="all-in-order"),
        pytest.param({"principle": "accountable"}, ["publish", "panel"], id="principle"),
        pytest.param({"owner": "Northside Council"}, ["publish", "phases"], id="owner-ignores-case-and-spaces"),
        pytest.param({"status": BUSY}, ["panel"], id="status"),
        # On 1 July: publish (due 1 June, open) is late; panel is due that very day, so not yet;
        # phases is done, old was dropped, smes has no date.
        pytest.param({"overdue_on": dt.date(2024, 7, 1)}, ["publish"], id="overdue-on-the-due-day-is-not-late"),
        pytest.param({"overdue_on": dt.date(2024, 7, 2)}, ["publish", "panel"], id="overdue-next-day"),
        pytest.param({"principle": "accountable", "status": OPEN}, ["publish"], id="combined"),
        pytest.param({"owner": "Nobody"}, [], id="no-match"),
    ],
)
def test_list_actions_filters(filters: dict[str, object], expected: list[str]) -> None:
    store = FakeStore()
    (wid,) = _workshops(store, ("Northside", dt.date(2024, 5, 1)))
    made = _plan(store, wid)
    names = {a.id: name for name, a in made.items()}
    found = read(store, actions.list_actions, wid, actions.ActionFilter(**filters))  # type: ignore[arg-type]
    assert [names[a.id] for a in found] == expected


def test_update_action_audits_status_changes_separately() -> None:
    store = FakeStore()
    wid, other = _workshops(store, ("Northside", dt.date(2024, 5, 1)), ("Elsewhere", dt.date(2024, 5, 1)))
    action = _plan(store, wid)["publish"]
    moved = perform(store, actions.set_action_status, action.id or 0, BUSY).value
    assert moved.status is BUSY and moved.what == "Publish the business case"
    typed = replace(moved, due=None, owner=" Fay ", workshop_id=other, created_at=utc_now())
    edited = perform(store, actions.update_action, typed).value
    assert edited.due is None and edited.owner == "Fay" and edited.status is BUSY
    assert (edited.workshop_id, edited.created_at) == (wid, action.created_at)  # only what the facilitator writes
    with store() as uow:
        kinds = [e.kind for e in uow.audit_entries(wid)][-2:]
        texts = [e.text for e in uow.audit_entries(wid)]
        stored = uow.repo(Action).get(action.id or 0)
    assert kinds == ["action_status", "action_edited"]
    assert f"Action {action.id} (Publish the business case) went from open to in_progress." in texts
    assert stored == edited
    with pytest.raises(WorkshopError, match="Say what will be done"):
        perform(store, actions.update_action, replace(edited, what="  "))
    with pytest.raises(WorkshopError, match="cannot be found"):
        perform(store, actions.set_action_status, 999, DONE)
    with pytest.raises(WorkshopError, match="cannot be found"):
        perform(store, actions.update_action, replace(edited, id=999))


def test_create_action_refusals() -> None:
    store = FakeStore()
    first, second = _workshops(store, ("Northside", dt.date(2024, 5, 1)), ("Elsewhere", dt.date(2024, 5, 1)))
    proposal = perform(store, voting.create_proposal, second, "accountable", "We will publish.").value
    with pytest.raises(WorkshopError, match="Name who owns"):
        perform(store, actions.create_action, first, "accountable", "Publish", OwnerKind.GROUP, " ")
    with pytest.raises(WorkshopError, match="proposal of this workshop"):
        perform(store, actions.create_action, first, "accountable", "Publish", OwnerKind.GROUP, "Council",
                              proposal_id=proposal.id)
    with pytest.raises(WorkshopError, match="workshop cannot be found"):
        perform(store, actions.create_action, 999, "accountable", "Publish", OwnerKind.GROUP, "Council")
    assert read(store, actions.list_actions, first) == []
    made = perform(store, actions.create_action, second, "accountable", "Publish", OwnerKind.GROUP, "Council",
                                 proposal_id=proposal.id).value
    assert made.proposal_id == proposal.id


def test_previous_workshop_is_latest_earlier_of_same_partnership() -> None:
    store = FakeStore()
    ids = _workshops(
        store,
        ("Northside", dt.date(2023, 5, 1)),
        ("Northside", dt.date(2024, 5, 1)),
        ("Elsewhere", dt.date(2024, 9, 1)),  # another partnership, between the two
        ("northside ", dt.date(2025, 5, 1)),  # the same partnership, written differently
        ("Northside", dt.date(2024, 1, 1)),  # added late but dated earlier
    )
    first, second, other, review, early = ids
    assert (read(store, actions.previous_workshop, review) or Workshop("", "", "", dt.date.min, "", "")).id == second
    assert (read(store, actions.previous_workshop, second) or Workshop("", "", "", dt.date.min, "", "")).id == early
    assert read(store, actions.previous_workshop, first) is None
    assert read(store, actions.previous_workshop, other) is None


def test_carry_over_copies_unfinished_actions_once() -> None:
    store = FakeStore()
    charter, review = _workshops(store, ("Northside", dt.date(2024, 5, 1)), ("Northside", dt.date(2025, 5, 1)))
    _plan(store, charter)
    pending = read(store, actions.open_actions_of_previous, review)
    assert [a.what for a in pending] == [
        "Publish the business case", "Set up a residents' panel", "Invite local firms",
    ]
    with store() as uow:
        as_object = uow.repo(Workshop).get(review)
    assert as_object is not None and read(store, actions.open_actions_of_previous, as_object) == pending
    copied = perform(store, actions.carry_over, charter, review).value
    assert [(a.what, a.status, a.workshop_id) for a in copied] == [
        ("Publish the business case", OPEN, review),
        ("Set up a residents' panel", BUSY, review),
        ("Invite local firms", OPEN, review),
    ]
    assert all(a.id not in {p.id for p in pending} for a in copied)
    assert perform(store, actions.carry_over, charter, review).value == []  # nothing twice
    assert len(read(store, actions.list_actions, review)) == 3
    assert len(read(store, actions.list_actions, charter)) == 5  # the originals stay
    with store() as uow:
        assert [e.kind for e in uow.audit_entries(review)] == ["actions_carried_over"]
    with pytest.raises(WorkshopError, match="different workshop"):
        perform(store, actions.carry_over, review, review)


def test_first_workshop_has_no_previous_actions() -> None:
    store = FakeStore()
    (wid,) = _workshops(store, ("Northside", dt.date(2024, 5, 1)))
    _plan(store, wid)
    assert read(store, actions.open_actions_of_previous, wid) == []


def test_a_deleted_workshop_is_never_the_previous_one() -> None:
    store = FakeStore()
    first, second, review = _workshops(
        store, ("Northside", dt.date(2023, 5, 1)), ("Northside", dt.date(2024, 5, 1)), ("Northside", dt.date(2025, 5, 1)))
    perform(store, workshop_life.delete, second)
    assert (read(store, actions.previous_workshop, review) or Workshop("", "", "", dt.date.min, "", "")).id == first
