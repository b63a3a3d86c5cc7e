"""One user action is one transaction: opening a vote in the room, a phone's rating, a phone's view after a reveal."""

from __future__ import annotations

from workshop_app.core import phone_codes, phone_ratings, phone_votes, stage_progress, voting
from workshop_app.core.changes import perform, read
from workshop_app.core.model import Choice
from workshop_app.core.ports import UnitOfWork
from workshop_app.core.plans import plan_by_key
from workshop_app.store import Store
from tests.phone.room import make_room
from tests.store.transactions import counted

STAGES = plan_by_key("charter").stages
COLLABORATIVE = next(i for i, s in enumerate(STAGES) if s.kind == "assessment" and s.principle == "collaborative")


def test_opening_a_vote_in_the_room_checks_and_opens_in_one_write(store: Store) -> None:
    room = make_room(store)
    perform(store, voting.close_vote, room.round_id)
    second = perform(store, voting.create_proposal, room.workshop_id, "trust", "We will meet monthly.").value
    with counted(store) as seen:
        perform(store, voting.open_vote_in_room, second.id or 0, False)
    assert (seen.writes, seen.reads) == (1, 0)


def test_a_phone_rating_is_checked_and_recorded_in_one_write(store: Store) -> None:
    room = make_room(store)
    perform(store, voting.close_vote, room.round_id)
    perform(store, stage_progress.go_to_stage, room.workshop_id, COLLABORATIVE, len(STAGES), STAGES[COLLABORATIVE].title)
    person = room.voters[0].id or 0
    device = phone_codes.device_hash("a phone's token")
    request = phone_codes.JoinRequest(room.codes[person], "", device)
    perform(store, phone_codes.bind_devices, room.workshop_id, [request])
    with counted(store) as seen:
        kept = perform(store, phone_ratings.rate_from_phone, room.workshop_id, device, "collaborative", 4, STAGES)
    assert (seen.writes, seen.reads) == (1, 0)
    assert kept.value.score == 4 and kept.changes.assessment == {"collaborative"}
    assert kept.value.participant_id == person  # whose score it is comes from the phone's binding


def test_a_phone_view_after_a_reveal_is_one_read(store: Store) -> None:
    room = make_room(store)
    perform(store, voting.cast, room.round_id, room.voters[0].id or 0, Choice.AGREE)
    perform(store, voting.close_vote, room.round_id)
    perform(store, voting.reveal_vote, room.round_id)
    with counted(store) as seen:
        states = read(store, phone_votes.phone_states, room.workshop_id, [p.id or 0 for p in room.voters])
    assert (seen.writes, seen.reads) == (0, 1)
    assert all(not isinstance(s, Exception) and s.outcome for s in states)


def test_a_cast_is_one_read_and_two_inserts_in_one_write(store: Store) -> None:
    room = make_room(store)
    holder, voter = (p.id or 0 for p in room.voters[:2])
    perform(store, voting.cast, room.round_id, holder, Choice.AGREE)
    for args in ((voter, Choice.DISAGREE, "", None), (voter, Choice.AGREE, "", holder)):
        with counted(store) as seen:
            perform(store, voting.cast, room.round_id, *args)
        kinds = [s.split()[0].upper() for s in seen.statements if not s.upper().startswith(("BEGIN", "SELECT PG_"))]
        assert seen.writes == 1 and seen.reads == 0
        assert kinds == ["SELECT", "INSERT", "INSERT"], seen.statements
    entries = read(store, lambda uow: uow.audit_entries(room.workshop_id))
    assert entries[-1].prev_hash == entries[-2].hash and "proxy" not in entries[-1].text  # a secret ballot: no names


def test_a_batch_of_casts_reads_once_per_cast_and_links_the_chain(store: Store) -> None:
    room = make_room(store)
    people = [p.id or 0 for p in room.voters]

    def cast_all(uow: UnitOfWork) -> None:
        for pid in people:
            voting.cast(uow, room.round_id, pid, Choice.ABSTAIN)

    with counted(store) as seen:
        perform(store, cast_all)
    selects = [s for s in seen.statements if s.upper().startswith("SELECT") and "pg_advisory" not in s]
    assert len(selects) == len(people)
    entries = read(store, lambda uow: uow.audit_entries(room.workshop_id))
    assert all(later.prev_hash == earlier.hash for earlier, later in zip(entries, entries[1:]))


def test_a_cast_runs_its_statements_on_the_connection_not_through_the_orm(store: Store, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The cast's SELECT and two INSERTs are Core statements compiled once (two plain parameters for the people, not
    an expanding list) and run on the unit's connection: the ORM session's execute path costs more than the SQL."""
    from sqlalchemy.orm import Session

    room = make_room(store)
    holder, voter = (p.id or 0 for p in room.voters[:2])
    through_orm: list[object] = []
    original = Session.execute
    monkeypatch.setattr(Session, "execute", lambda self, statement, *a, **k: (
        through_orm.append(statement), original(self, statement, *a, **k))[1])
    for args in ((holder, Choice.AGREE, "", None), (voter, Choice.AGREE, "", holder)):
        with counted(store) as seen:
            perform(store, voting.cast, room.round_id, *args)
        assert len([s for s in seen.statements if s.upper().startswith(("SELECT", "INSERT"))
                    and "pg_advisory" not in s]) == 3
    assert through_orm == []
    context = read(store, lambda uow: uow.ballot_context(room.round_id, [voter, holder]))
    assert context is not None and set(context.people) == {voter, holder}
