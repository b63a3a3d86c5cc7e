"""Each security case of phone voting, against the running server with a real HTTP client."""

from __future__ import annotations

import re
import socket
from collections.abc import Iterator

import pytest

from tests.phone.client import VIEW_KEYS, Phone, source_address
from tests.phone.room import Room
from workshop_app.core.changes import Voted, perform
from workshop_app import paths
from workshop_app.core import phone_codes, roster, voting, workshops
from workshop_app.core.model import Ballot, Participant, WorkshopStatus
from workshop_app.store.database import Store
from workshop_app.phone.server import PhoneServer


@pytest.fixture
def phones(server: PhoneServer) -> Iterator[list[Phone]]:
    """Three phones with their own source addresses."""
    host, port = server.address
    made = [Phone(host, port, source_address(i)) for i in range(3)]
    yield made
    for phone in made:
        phone.close()


def ballots(store: Store, room: Room) -> list[Ballot]:
    with store() as uow:
        return uow.repo(Ballot).list(round_id=room.round_id)


def test_a_phone_joins_votes_changes_and_sees_only_its_own_choice(store: Store, room: Room, phones: list[Phone],
                                                                   ballots_seen: list[Voted]) -> None:
    phone, voter = phones[0], room.voters[0]
    joined = phone.join(phone_codes.format_code(room.codes[voter.id or 0]).lower())
    assert joined.status == 200 and joined.data["name"] == voter.name
    assert set(joined.data) == VIEW_KEYS
    assert joined.data["vote"] == {"round": room.round_id, "proposal": "We will publish every decision within a week.",
                                   "principle": "Trust", "secret": True, "mine": ""}
    assert phone.vote("agree").data["mine"] == "agree"
    changed = phone.vote("block", "Not without a budget")
    assert changed.status == 200 and changed.data["recorded"] is True and changed.data["mine"] == "block"
    assert phone.state().data["vote"]["mine"] == "block"
    assert [b.choice.value for b in ballots(store, room)] == ["agree", "block"]
    assert [v.round_id for v in ballots_seen] == [room.round_id, room.round_id]
    assert phone.state().data["outcome"] is None


def test_a_vote_on_a_closed_vote_is_refused(store: Store, room: Room, phones: list[Phone]) -> None:
    phone = phones[0]
    assert phone.join(room.codes[room.voters[0].id or 0]).status == 200
    perform(store, voting.close_vote, room.round_id)
    refused = phone.vote("agree")
    assert refused.status == 409 and "closed" in refused.data["error"]
    assert refused.data["vote"] is None and ballots(store, room) == []


def test_a_vote_for_an_old_round_is_refused_while_a_new_one_is_open(store: Store, room: Room,
                                                                     phones: list[Phone]) -> None:
    phone = phones[0]
    assert phone.join(room.codes[room.voters[0].id or 0]).status == 200
    old_round = room.round_id
    perform(store, voting.close_vote, old_round)
    perform(store, voting.amend_proposal, room.proposal_id, "We will publish every decision within two days.")
    new_round = perform(store, voting.open_vote_in_room, room.proposal_id, True).value.id
    phone.state()
    phone.round = old_round
    assert phone.vote("agree").status == 409
    assert phone.state().data["vote"]["round"] == new_round
    with store() as uow:
        assert uow.repo(Ballot).list() == []


def test_a_replayed_vote_is_refused_and_counted_once(store: Store, room: Room, phones: list[Phone]) -> None:
    phone = phones[0]
    assert phone.join(room.codes[room.voters[0].id or 0]).status == 200
    used_nonce = phone.nonce
    assert phone.vote("agree").status == 200
    phone.nonce = used_nonce
    replay = phone.vote("agree")
    assert replay.status == 409 and replay.data["stale"] is True and replay.data["nonce"] != used_nonce
    phone.nonce = "made-up-nonce"
    assert phone.vote("disagree").status == 409
    assert [b.choice.value for b in ballots(store, room)] == ["agree"]


def test_a_forged_code_and_a_forged_device_cookie_are_refused(room: Room, phones: list[Phone]) -> None:
    phone = phones[0]
    forged = phone_codes.new_code()
    assert phone.join(forged).status == 403
    phone.cookie = "wsphone=" + "A" * 43
    assert phone.state().status == 401
    phone.round, phone.nonce = room.round_id, "x"
    assert phone.vote("agree").status == 401


def test_a_code_in_use_on_one_phone_is_refused_on_another(store: Store, room: Room, phones: list[Phone]) -> None:
    code = room.codes[room.voters[1].id or 0]
    assert phones[0].join(code).status == 200
    second = phones[1].join(code)
    assert second.status == 403 and "another phone" in second.data["error"]
    assert phones[1].cookie == ""
    assert phones[0].join(code).status == 200  # the same phone may join again


def test_a_reissued_code_revokes_the_old_code_and_its_phone(store: Store, room: Room, phones: list[Phone]) -> None:
    voter = room.voters[2]
    old = room.codes[voter.id or 0]
    assert phones[0].join(old).status == 200
    new = perform(store, phone_codes.reissue_code, voter.id or 0).value.code
    assert phones[0].state().status == 401
    assert phones[0].vote("agree").status == 401
    assert phones[1].join(old).status == 403
    assert phones[1].join(new).status == 200 and phones[1].vote("abstain").status == 200
    assert [b.choice.value for b in ballots(store, room)] == ["abstain"]


def test_a_reissued_code_stops_a_phone_that_has_already_voted_at_once(store: Store, room: Room,
                                                                       phones: list[Phone]) -> None:
    voter = room.voters[3]
    assert phones[0].join(room.codes[voter.id or 0]).status == 200 and phones[0].vote("agree").status == 200
    perform(store, phone_codes.reissue_code, voter.id or 0)
    assert phones[0].vote("disagree").status == 401  # the very next vote, with no state read in between
    assert phones[0].vote("disagree").status == 401
    assert [b.choice.value for b in ballots(store, room)] == ["agree"]


def test_an_observer_code_is_refused(store: Store, room: Room, phones: list[Phone]) -> None:
    refused = phones[0].join(room.codes[room.observer.id or 0])
    assert refused.status == 403 and "Observers do not vote" in refused.data["error"]
    assert phones[0].cookie == ""
    assert ballots(store, room) == []


def test_a_participant_made_an_observer_after_joining_cannot_vote(store: Store, room: Room,
                                                                   phones: list[Phone]) -> None:
    voter = room.voters[0]
    assert phones[0].join(room.codes[voter.id or 0]).status == 200
    perform(store, roster.update_participant, Participant(voter.workshop_id, voter.name, voter.group_id, is_voting=False,
                                                 present=True, id=voter.id))
    assert phones[0].vote("agree").status == 403
    assert ballots(store, room) == []


@pytest.mark.parametrize(("body", "headers", "status"), [
    (b"{" + b" " * 5000 + b"}", {}, 413),
    (b"{not json", {}, 400),
    (b"\xff\xfe", {}, 400),
    (b'["agree"]', {}, 400),
    (b'{"round": "1", "choice": "agree", "nonce": "n"}', {}, 400),
    (b'{"round": 1, "choice": "yes", "nonce": "n"}', {}, 400),
    (b'{"round": 1, "choice": "agree", "nonce": "n", "extra": 1}', {}, 400),
    (b'{"round": 1, "choice": "agree", "reason": "' + b"x" * 600 + b'", "nonce": "n"}', {}, 400),
    (b'{"round": 1}', {"Content-Type": "text/plain"}, 415),
])
def test_oversized_or_malformed_vote_bodies_are_refused(store: Store, room: Room, phones: list[Phone], body: bytes,
                                                        headers: dict[str, str], status: int) -> None:
    phone = phones[0]
    assert phone.join(room.codes[room.voters[0].id or 0]).status == 200
    assert phone.request("POST", "/api/vote", body, headers).status == status
    assert ballots(store, room) == []


def test_a_body_without_a_length_is_refused(server: PhoneServer) -> None:
    host, port = server.address
    with socket.create_connection((host, port), timeout=5) as raw:
        raw.sendall(f"POST /api/join HTTP/1.1\r\nHost: {host}:{port}\r\nContent-Type: application/json\r\n"
                    "Transfer-Encoding: chunked\r\n\r\n5\r\n{...}\r\n0\r\n\r\n".encode())
        assert raw.recv(200).startswith(b"HTTP/1.1 411")


def test_a_foreign_host_or_origin_is_refused(room: Room, phones: list[Phone]) -> None:
    code = room.codes[room.voters[0].id or 0]
    body = ('{"code": "' + code + '"}').encode()
    assert phones[0].request("POST", "/api/join", body, {"Host": "evil.example:80"}).status == 421
    assert phones[0].request("POST", "/api/join", body, {"Origin": "http://evil.example"}).status == 403
    assert phones[0].cookie == ""


def test_html_in_names_is_never_rendered_as_html(store: Store, room: Room, phones: list[Phone]) -> None:
    voter = room.voters[0]
    sneaky = '<img src=x onerror="alert(1)"><script>alert(2)</script>'
    perform(store, roster.update_participant, Participant(voter.workshop_id, sneaky, voter.group_id, present=True,
                                                 id=voter.id))
    answer = phones[0].join(room.codes[voter.id or 0])
    assert answer.status == 200 and answer.data["name"] == sneaky  # data, sent as JSON, written as text
    script = (paths.resources_dir() / "phone" / "phone.js").read_text(encoding="utf-8")
    assert not re.search(r"innerHTML|outerHTML|insertAdjacentHTML|document\.write|eval\(|new Function", script)
    phones[1].connection.request("GET", "/", headers={"Host": f"{phones[1].host}:{phones[1].port}"})
    page = phones[1].connection.getresponse()
    html = page.read().decode()
    assert page.status == 200 and "<script>" not in html and "onerror" not in html  # the page is static


def test_every_answer_forbids_inline_script_and_framing(server: PhoneServer, phones: list[Phone]) -> None:
    phone = phones[0]
    phone.connection.request("GET", "/", headers={"Host": server.url.split("/")[2]})
    response = phone.connection.getresponse()
    html = response.read().decode()
    policy = response.getheader("Content-Security-Policy", "")
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy and "frame-ancestors 'none'" in policy
    assert response.getheader("X-Content-Type-Options") == "nosniff"
    assert "<script src=\"/phone.js\"" in html and "http" not in html.split("<body>")[1]  # no CDN, no links out


def test_a_flood_from_one_client_is_rate_limited(room: Room, phones: list[Phone]) -> None:
    statuses = [phones[0].request("GET", "/api/state").status for _ in range(60)]
    assert statuses.count(429) >= 10 and statuses[0] == 401
    assert phones[1].request("GET", "/api/state").status == 401  # another client is not affected


def test_guessing_codes_is_rate_limited_per_client(room: Room, phones: list[Phone]) -> None:
    statuses = [phones[0].join(phone_codes.new_code()).status for _ in range(12)]
    assert statuses[:10] == [403] * 10 and statuses[10:] == [429, 429]
    assert phones[0].join(room.codes[room.voters[0].id or 0]).status == 429
    assert phones[1].join(room.codes[room.voters[0].id or 0]).status == 200


def test_nothing_is_exposed_before_the_reveal_and_only_the_sentence_after(store: Store, room: Room,
                                                                          phones: list[Phone]) -> None:
    for phone, voter in zip(phones, room.voters, strict=False):
        assert phone.join(room.codes[voter.id or 0]).status == 200 and phone.vote("agree").status == 200
    perform(store, voting.close_vote, room.round_id)
    closed = phones[0].state().data
    assert closed["vote"] is None and closed["outcome"] is None
    assert closed["closed"] == {"round": room.round_id, "proposal": "We will publish every decision within a week."}
    outcome = perform(store, voting.reveal_vote, room.round_id).value
    revealed = phones[1].state().data
    assert revealed["outcome"] == {"proposal": "We will publish every decision within a week.",
                                   "text": outcome.reason} and outcome.reason
    assert set(revealed) == VIEW_KEYS and revealed["vote"] is None and revealed["closed"] is None
    assert revealed["rating"] is None


def test_the_server_stops_listening_and_cuts_kept_alive_phones(room: Room, server: PhoneServer,
                                                               phones: list[Phone]) -> None:
    host, port = server.address
    assert phones[0].join(room.codes[room.voters[0].id or 0]).status == 200
    server.stop()
    with pytest.raises(OSError):
        phones[0].state()
    with pytest.raises(OSError):
        socket.create_connection((host, port), timeout=2).close()


def test_a_closed_workshop_refuses_every_phone(store: Store, room: Room, phones: list[Phone]) -> None:
    assert phones[0].join(room.codes[room.voters[0].id or 0]).status == 200
    perform(store, workshops.set_status, room.workshop_id, WorkshopStatus.CLOSED)
    assert phones[0].state().status == 403
    assert phones[0].vote("agree").status == 403
