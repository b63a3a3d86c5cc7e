"""Each finding of the phone-server review, over real HTTP against the running aiohttp server."""

from __future__ import annotations

import json
import logging
import socket
import threading
import time
from collections.abc import Iterator

import pytest

from tests.phone.client import Phone, source_address
from tests.phone.room import Room, make_room
from workshop_app.core.changes import perform
from workshop_app.core import phone_codes, roster, voting
from workshop_app.core.model import Ballot, Participant, PhoneCode
from workshop_app.phone import limits, server as server_module
from workshop_app.phone.server import PhoneServer
from workshop_app.phone.service import PhoneService
from workshop_app.store.database import Store

POISONS = [
    {"choice": []}, {"choice": {}}, {"round": 2**70}, {"reason": "\ud800", "choice": "block"}, {"round": True},
]


@pytest.fixture
def big_room(store: Store) -> Room:
    """A room of eleven voters: ten honest phones and one that sends poison."""
    return make_room(store, voters=11)


@pytest.fixture
def big_server(store: Store, big_room: Room) -> Iterator[PhoneServer]:
    running = PhoneServer(PhoneService(store, big_room.workshop_id))
    running.start("127.0.0.1", 0)
    yield running
    running.stop()


def _ballots(store: Store, round_id: int) -> list[Ballot]:
    with store() as uow:
        return uow.repo(Ballot).list(round_id=round_id)


def test_a_poisoned_batch_among_ten_honest_phones_still_counts_all_ten(store: Store, big_room: Room,
                                                                      big_server: PhoneServer) -> None:
    host, port = big_server.address
    phones = [Phone(host, port, source_address(i)) for i in range(11)]
    for phone, voter in zip(phones, big_room.voters, strict=True):
        assert phone.join(big_room.codes[voter.id or 0]).status == 200
    for trial in range(3):  # the poison arrives in the same moment as the ten honest votes, again and again
        start = threading.Barrier(11)
        statuses: dict[int, int] = {}

        def honest(index: int) -> None:
            start.wait()
            statuses[index] = phones[index].vote(("agree", "abstain", "disagree")[index % 3]).status

        def poison() -> None:
            start.wait()
            for bad in POISONS:
                body = {"round": phones[10].round, "choice": "agree", "reason": "", "nonce": phones[10].nonce, **bad}
                raw = json.dumps(body).encode("utf-8", "surrogatepass").replace(b"\xed\xa0\x80", b"\\ud800")
                statuses.setdefault(100, 0)
                assert phones[10].request("POST", "/api/vote", raw).status == 400

        threads = [threading.Thread(target=honest, args=(i,)) for i in range(10)]
        threads.append(threading.Thread(target=poison))
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=20)
        assert [statuses[i] for i in range(10)] == [200] * 10, trial
    cast = _ballots(store, big_room.round_id)
    assert len(cast) == 30 and {b.participant_id for b in cast} == {v.id for v in big_room.voters[:10]}
    nested = b"[" * 2000 + b"]" * 2000
    answer = phones[10].request("POST", "/api/vote", nested)
    assert answer.status == 400 and answer.data["error"]  # a reply, not a dropped connection
    for phone in phones:
        phone.close()


def test_an_unexpected_error_answers_only_its_own_request_with_500_and_is_logged(
        store: Store, big_room: Room, big_server: PhoneServer, monkeypatch: pytest.MonkeyPatch,
        caplog: pytest.LogCaptureFixture) -> None:
    host, port = big_server.address
    phones = [Phone(host, port, source_address(i)) for i in range(3)]
    for phone, voter in zip(phones, big_room.voters, strict=False):
        assert phone.join(big_room.codes[voter.id or 0]).status == 200
    real = voting.cast_checked
    unlucky = big_room.voters[1].id

    def cast_checked(uow, context, casts):  # type: ignore[no-untyped-def]
        if any(voter.id == unlucky for _vote, voter, _choice, _reason in casts):
            raise RuntimeError("a bug nobody foresaw")
        return real(uow, context, casts)

    monkeypatch.setattr(voting, "cast_checked", cast_checked)
    start = threading.Barrier(3)
    statuses: dict[int, int] = {}

    def send(index: int) -> None:
        start.wait()
        statuses[index] = phones[index].vote("agree").status

    threads = [threading.Thread(target=send, args=(i,)) for i in range(3)]
    with caplog.at_level(logging.ERROR, logger="workshop_app.phone"):
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=20)
    assert statuses == {0: 200, 1: 500, 2: 200}
    assert any("failed unexpectedly" in r.getMessage() and r.exc_info for r in caplog.records)
    assert {b.participant_id for b in _ballots(store, big_room.round_id)} == {big_room.voters[0].id,
                                                                            big_room.voters[2].id}


def test_a_flood_of_idle_sockets_from_one_address_does_not_stop_a_new_phone_joining(
        store: Store, room: Room, server: PhoneServer) -> None:
    host, port = server.address
    held: list[socket.socket] = []
    try:
        for _ in range(300):  # as many as one address can open; those over its cap are closed at once
            try:
                held.append(socket.create_connection((host, port), timeout=2, source_address=("127.0.9.9", 0)))
            except OSError:
                break
        time.sleep(0.3)
        assert server.caps.open_count("127.0.9.9") <= limits.PER_ADDRESS
        phone = Phone(host, port, source_address(1))
        started = time.perf_counter()
        assert phone.join(room.codes[room.voters[0].id or 0]).status == 200
        assert time.perf_counter() - started < 1.0
        phone.close()
        assert server.refusals.totals("refused connections")["127.0.9.9"] >= 300 - limits.PER_ADDRESS
    finally:
        for sock in held:
            sock.close()


def test_an_idle_connection_is_closed_after_the_idle_timeout(monkeypatch: pytest.MonkeyPatch, store: Store,
                                                             room: Room) -> None:
    monkeypatch.setattr(server_module, "IDLE_TIMEOUT_S", 0.5)
    running = PhoneServer(PhoneService(store, room.workshop_id))
    running.start("127.0.0.1", 0)
    try:
        with socket.create_connection(running.address, timeout=5) as idle:
            started = time.perf_counter()
            assert idle.recv(10) == b""  # the server hung up on a socket that never sent a request
            assert time.perf_counter() - started < 3
    finally:
        running.stop()


def test_every_choice_gives_replies_and_state_of_the_same_length(store: Store, room: Room,
                                                                 server: PhoneServer) -> None:
    host, port = server.address
    phone = Phone(host, port, source_address(3))
    assert phone.join(room.codes[room.voters[0].id or 0]).status == 200
    vote_sizes, state_sizes = set(), set()
    for choice in ("agree", "abstain", "disagree", "block"):
        answer = phone.vote(choice, "Not yet" if choice == "block" else "")
        assert answer.status == 200 and answer.data["mine"] == choice
        vote_sizes.add(answer.size)
        state_sizes.add(phone.state().size)
    assert len(vote_sizes) == 1 and len(state_sizes) == 1
    phone.close()


def test_a_phone_code_is_private_to_one_phone_and_one_person(store: Store, room: Room, server: PhoneServer) -> None:
    host, port = server.address
    phone = Phone(host, port, source_address(4))
    phone.cookie = "wsphone=chosen-by-the-phone"
    assert phone.join(room.codes[room.voters[0].id or 0]).status == 200
    assert phone.cookie != "wsphone=chosen-by-the-phone" and len(phone.cookie) > 40  # the server's own token
    second = phone.join(room.codes[room.voters[1].id or 0])
    assert second.status == 403 and "another person's code" in second.data["error"]
    observer = Phone(host, port, source_address(5)).join(room.codes[room.observer.id or 0])
    assert observer.status == 403
    with store() as uow:
        bound = {c.participant_id for c in uow.repo(PhoneCode).list(revoked_at=None) if c.bound_device}
    assert bound == {room.voters[0].id}  # neither the second code nor the observer's was bound
    phone.close()


def test_people_not_marked_present_cannot_join_or_vote(store: Store, room: Room, server: PhoneServer) -> None:
    host, port = server.address
    voter, late = room.voters[0], room.voters[1]
    perform(store, roster.update_participant, Participant(late.workshop_id, late.name, late.group_id, present=False,
                                                 id=late.id))
    absent = Phone(host, port, source_address(6)).join(room.codes[late.id or 0])
    assert absent.status == 403 and "not marked as here" in absent.data["error"]
    phone = Phone(host, port, source_address(7))
    assert phone.join(room.codes[voter.id or 0]).status == 200
    perform(store, roster.update_participant, Participant(voter.workshop_id, voter.name, voter.group_id, present=False,
                                                 id=voter.id))
    assert phone.vote("agree").status == 403
    assert _ballots(store, room.round_id) == []


def test_a_cut_off_phone_is_told_its_code_was_reissued(store: Store, room: Room, server: PhoneServer) -> None:
    host, port = server.address
    phone = Phone(host, port, source_address(8))
    assert phone.join(room.codes[room.voters[0].id or 0]).status == 200
    perform(store, phone_codes.reissue_code, room.voters[0].id or 0)
    refused = phone.vote("agree")
    assert refused.status == 401 and refused.data["cut"] is True and "reissued" in refused.data["error"]
    assert phone.state().data["cut"] is True


def test_closed_means_closed_never_an_older_outcome(store: Store, room: Room, server: PhoneServer) -> None:
    host, port = server.address
    phone = Phone(host, port, source_address(9))
    assert phone.join(room.codes[room.voters[0].id or 0]).status == 200 and phone.vote("agree").status == 200
    perform(store, voting.close_vote, room.round_id)
    perform(store, voting.reveal_vote, room.round_id)
    second = perform(store, voting.create_proposal, room.workshop_id, "trust", "We will meet every month.").value
    new_round = perform(store, voting.open_vote_in_room, second.id or 0, True).value.id
    perform(store, voting.close_vote, new_round or 0)
    view = phone.state().data
    assert view["outcome"] is None and view["closed"] == {"round": new_round, "proposal": "We will meet every month."}


def test_refused_joins_are_counted_per_address_in_the_log_without_a_code(
        store: Store, room: Room, server: PhoneServer, caplog: pytest.LogCaptureFixture) -> None:
    host, port = server.address
    phone = Phone(host, port, "127.0.7.7")
    guesses = [phone_codes.new_code() for _ in range(3)]
    for guess in guesses:
        assert phone.join(guess).status == 403
    with caplog.at_level(logging.WARNING, logger="workshop_app.phone"):
        server.refusals.flush()
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "refused joins" in logged and "127.0.7.7 x3" in logged
    assert not any(guess in logged for guess in guesses) and not any(c in logged for c in room.codes.values())


def test_the_listening_socket_reuses_its_address_only_off_windows(monkeypatch: pytest.MonkeyPatch) -> None:
    with server_module.listening_socket("127.0.0.1", 0) as listener:
        assert listener.getsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR) != 0
    monkeypatch.setattr(server_module.sys, "platform", "win32")
    with server_module.listening_socket("127.0.0.1", 0) as listener:
        assert listener.getsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR) == 0


def test_connection_caps_hold_per_address_and_in_total() -> None:
    refused: list[str] = []
    caps = limits.ConnectionCaps(per_address=2, total=3, on_refused=refused.append)
    assert [caps.admit("10.0.0.1") for _ in range(3)] == [True, True, False]
    assert caps.admit("10.0.0.2") and not caps.admit("10.0.0.3")  # the total is reached
    caps.release("10.0.0.1")
    assert caps.admit("10.0.0.3") and caps.open_count() == 3
    assert refused == ["10.0.0.1", "10.0.0.3"]
