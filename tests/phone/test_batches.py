"""Joins and votes that arrive together are handled in one transaction, each still checked on its own."""

from __future__ import annotations

from typing import Any

from tests.phone.room import Room
from workshop_app.core import phone_codes
from workshop_app.core.changes import Voted, perform
from workshop_app.core.errors import StoreError
from workshop_app.core.model import Ballot
from workshop_app.store.database import Store
from workshop_app.phone.service import PhoneService


def joined(service: PhoneService, room: Room, count: int) -> list[tuple[str, str]]:
    """Join the first `count` voters in one batch; return their (device token, nonce)."""
    replies = service.joins([(f"10.0.0.{i}", {"code": room.codes[p.id or 0]}, None)
                             for i, p in enumerate(room.voters[:count])])
    assert [r.status for r in replies] == [200] * count
    return [(r.device_token or "", r.body["nonce"]) for r in replies]


def test_one_batch_of_joins_binds_a_code_to_the_first_phone_only(store: Store, room: Room) -> None:
    service = PhoneService(store, room.workshop_id)
    code = room.codes[room.voters[0].id or 0]
    replies = service.joins([("10.0.0.1", {"code": code}, None), ("10.0.0.2", {"code": code}, None),
                             ("10.0.0.3", {"code": "nonsense"}, None), ("10.0.0.4", {"code": 7}, None),
                             ("10.0.0.5", {"code": room.codes[room.observer.id or 0]}, None)])
    assert [r.status for r in replies] == [200, 403, 403, 400, 403]
    assert "another phone" in replies[1].body["error"] and replies[0].body["name"] == room.voters[0].name
    assert [r.device_token is not None for r in replies] == [True, False, False, False, False]


def test_one_batch_of_votes_keeps_the_good_ones_and_refuses_each_bad_one(store: Store, room: Room) -> None:
    service, seen = PhoneService(store, room.workshop_id), list[Voted]()
    service.on_ballot = seen.append
    phones = joined(service, room, 4)
    perform(store, phone_codes.reissue_code, room.voters[2].id or 0)
    vote = {"round": room.round_id, "choice": "agree"}
    replies = service.votes([(phones[0][0], {**vote, "nonce": phones[0][1]}),
                             (phones[1][0], {**vote, "nonce": "forged"}),
                             (phones[2][0], {**vote, "nonce": phones[2][1]}),
                             (phones[3][0], {**vote, "choice": "block", "nonce": phones[3][1]}),
                             (phones[0][0], {**vote, "nonce": phones[0][1]})])
    assert [r.status for r in replies] == [200, 409, 401, 422, 409]
    with store() as uow:
        cast = uow.repo(Ballot).list(round_id=room.round_id)
    assert [(b.participant_id, b.choice.value) for b in cast] == [(room.voters[0].id, "agree")]
    assert [(v.round_id, v.participant_id) for v in seen] == [(room.round_id, room.voters[0].id)]


def test_a_batch_the_store_cannot_keep_records_none_of_its_votes(store: Store, room: Room) -> None:
    class FailingCommit:
        """A unit-of-work factory whose commits fail like a full disk."""

        def __call__(self) -> Any:
            unit = store()

            def commit() -> None:
                raise StoreError("The store could not be written; free some disk space and try again.")
            unit.commit = commit  # type: ignore[method-assign]
            return unit

    service = PhoneService(store, room.workshop_id)
    phones = joined(service, room, 2)
    service.uow_factory = FailingCommit()
    replies = service.votes([(t, {"round": room.round_id, "choice": "agree", "nonce": n}) for t, n in phones])
    assert [r.status for r in replies] == [422, 422] and "disk space" in replies[0].body["error"]
    assert all(r.body.get("nonce") for r in replies)  # each phone gets a fresh nonce to try again
    with store() as uow:
        assert uow.repo(Ballot).list(round_id=room.round_id) == []


def test_two_votes_of_one_phone_in_one_batch_count_in_order(store: Store, room: Room) -> None:
    service = PhoneService(store, room.workshop_id)
    token, first = joined(service, room, 1)[0]
    second = service.state(token).body["nonce"]
    replies = service.votes([(token, {"round": room.round_id, "choice": "agree", "nonce": first}),
                             (token, {"round": room.round_id, "choice": "disagree", "nonce": second})])
    assert [(r.status, r.body["mine"]) for r in replies] == [(200, "agree"), (200, "disagree")]
    with store() as uow:
        cast = uow.repo(Ballot).list(round_id=room.round_id)
    assert [b.choice.value for b in cast] == ["agree", "disagree"]


def test_a_batch_of_votes_runs_the_same_statements_whatever_its_size_and_keeps_the_chain(store: Store) -> None:
    from tests.phone.room import make_room
    from tests.store.transactions import counted
    from workshop_app.core.audit import check_chain, digests_text

    room = make_room(store, voters=30)
    service = PhoneService(store, room.workshop_id)
    phones = joined(service, room, 30)

    def votes(indexes: range, choice: str) -> int:
        """Send one batch of votes from these phones; return the statements it ran."""
        with counted(store) as seen:
            replies = service.votes([(phones[i][0], {"round": room.round_id, "choice": choice,
                                                     "nonce": phones[i][1]}) for i in indexes])
        assert [r.status for r in replies] == [200] * len(indexes)
        for i, reply in zip(indexes, replies, strict=True):
            phones[i] = (phones[i][0], reply.body["nonce"])
        return len(seen.statements)

    one, thirty = votes(range(1), "agree"), votes(range(30), "disagree")
    assert one == thirty == 5  # BEGIN; codes; round, workshop, people and chain head; ballots; audit entries
    with store.reader() as uow:
        cast = uow.repo(Ballot).list(round_id=room.round_id)
        entries = uow.audit_entries(room.workshop_id)
    assert [b.choice.value for b in cast] == ["agree"] + ["disagree"] * 30
    assert [b.participant_id for b in cast[1:]] == [p.id for p in room.voters]
    assert check_chain(entries).ok and [e.kind for e in entries[-31:]] == ["ballot_cast"] * 31
    assert [e.row_digests for e in entries[-31:]] == [digests_text([b]) for b in cast]  # each id on its own row


def test_a_batch_of_joins_reads_the_codes_and_people_once(store: Store) -> None:
    from tests.phone.room import make_room
    from tests.store.transactions import counted
    from workshop_app.core.changes import perform, read

    room = make_room(store, voters=21)

    def joins(people: list[int]) -> int:
        """Bind these people's codes in one batch; return the statements it ran."""
        asks = [phone_codes.JoinRequest(room.codes[pid], "", f"device-{pid}") for pid in people]
        with counted(store) as seen:
            bound = perform(store, phone_codes.bind_devices, room.workshop_id, asks).value
        assert [b.participant_id for b in bound if isinstance(b, phone_codes.PhoneCode)] == people
        return len(seen.statements)

    ids = [p.id or 0 for p in room.voters]
    one, twenty = joins(ids[:1]), joins(ids[1:])
    assert twenty - one == 19 * 2, (one, twenty)  # per phone only its UPDATE (and the row it updates)
    assert read(store, phone_codes.bound_devices, room.workshop_id) == {f"device-{pid}": pid for pid in ids}


def test_pushed_streams_opened_together_look_up_their_phones_in_one_query(store: Store, room: Room) -> None:
    from tests.store.transactions import counted
    from workshop_app.core.changes import perform

    service = PhoneService(store, room.workshop_id)
    phones = joined(service, room, 4)
    perform(store, phone_codes.reissue_code, room.voters[2].id or 0)  # the facilitator cuts the third phone off
    tokens: list[str | None] = [token for token, _nonce in phones] + [None, "made-up"]
    with counted(store) as seen:
        found = service.devices_of(tokens)
    assert [pid for pid, _device in found] == [room.voters[0].id, room.voters[1].id, None, room.voters[3].id,
                                                None, None]
    assert found[0][1] == phone_codes.device_hash(phones[0][0]) and found[4][1] == ""
    assert len([s for s in seen.statements if s.startswith("SELECT")]) == 1
