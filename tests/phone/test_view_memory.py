"""Phone views are served from memory: opening streams and pushing to every phone read the store once per change,
not once per phone; a phone's own vote shows in its view at once; a vote given on the console is never hidden."""

from __future__ import annotations

import asyncio
import json
from typing import Any

import aiohttp
from pytestqt.qtbot import QtBot

from tests.phone.client import Phone, source_address
from tests.phone.room import Room
from workshop_app.core import voting
from workshop_app.core.changes import perform
from workshop_app.core.model import Choice
from workshop_app.phone.server import PhoneServer
from workshop_app.store.database import Store
from workshop_app.ui.controller import WorkshopController
from workshop_app.ui.phone.phone_voting import PhoneVoting
from workshop_app.ui.vote_controller import VoteController


def _join_all(server: PhoneServer, room: Room) -> list[Phone]:
    host, port = server.address
    phones = [Phone(host, port, source_address(i)) for i in range(len(room.voters))]
    for phone, person in zip(phones, room.voters, strict=True):
        assert phone.join(room.codes[person.id or 0]).status == 200
    return phones


async def _streams(server: PhoneServer, phones: list[Phone], after_open: Any) -> tuple[list[dict[str, Any]], ...]:
    """Open every phone's stream and take its first view; run `after_open`; take each phone's next view."""
    host, port = server.address
    origin = f"http://{host}:{port}"
    async with aiohttp.ClientSession() as session:
        sockets = [await session.ws_connect(f"{origin}/api/events", headers={"Cookie": p.cookie, "Origin": origin})
                   for p in phones]
        first = [json.loads((await s.receive(timeout=5)).data) for s in sockets]
        after_open()
        pushed = [json.loads((await s.receive(timeout=5)).data) for s in sockets]
        for socket in sockets:
            await socket.close()
    return first, pushed


def test_streams_and_pushes_read_the_store_once_per_change(store: Store, room: Room, server: PhoneServer) -> None:
    phones = _join_all(server, room)
    assert phones[0].vote("disagree").status == 200
    memory = server.service.memory
    reads = memory.reads

    def close_the_vote() -> None:
        nonlocal reads
        assert memory.reads == reads  # every stream opened from memory: no read per phone
        perform(store, voting.close_vote, room.round_id)
        server.changed()

    first, pushed = asyncio.run(_streams(server, phones, close_the_vote))
    assert all(view["vote"]["round"] == room.round_id for view in first)
    assert first[0]["vote"]["mine"] == "disagree"  # the phone's own vote, kept in memory as it was recorded
    assert all(view["vote"] is None and view["closed"]["round"] == room.round_id for view in pushed)
    assert memory.reads == reads + 1  # one read for the push to every phone


def test_a_vote_given_on_the_console_shows_on_that_persons_phone(qtbot: QtBot, store: Store, room: Room) -> None:
    controller = WorkshopController(store)
    controller.open_workshop(room.workshop_id)
    votes = VoteController(controller)
    phones = PhoneVoting(controller)
    assert phones.start("127.0.0.1", 0) and phones.server is not None
    try:
        phone = _join_all(phones.server, room)[0]
        assert phone.vote("agree").status == 200
        assert votes.cast(room.round_id, room.voters[0].id or 0, Choice.DISAGREE)  # the facilitator, for them

        async def opened() -> dict[str, Any]:
            assert phones.server is not None
            host, port = phones.server.address
            origin = f"http://{host}:{port}"
            async with aiohttp.ClientSession() as session, session.ws_connect(
                    f"{origin}/api/events", headers={"Cookie": phone.cookie, "Origin": origin}) as socket:
                return dict(json.loads((await socket.receive(timeout=5)).data))

        assert asyncio.run(opened())["vote"]["mine"] == "disagree"
    finally:
        phones.stop()


def test_pushed_views_have_the_same_length_whatever_the_choice(store: Store, room: Room, server: PhoneServer) -> None:
    phone = _join_all(server, room)[0]
    host, port = server.address
    origin = f"http://{host}:{port}"

    async def sizes() -> dict[str, int]:
        seen: dict[str, int] = {}
        async with aiohttp.ClientSession() as session:
            for choice in ("agree", "abstain", "disagree", "block"):
                assert phone.vote(choice, "Not yet" if choice == "block" else "").status == 200
                reads = server.service.memory.reads
                async with session.ws_connect(f"{origin}/api/events",
                                              headers={"Cookie": phone.cookie, "Origin": origin}) as socket:
                    message = await socket.receive(timeout=5)  # the view from memory, with this phone's own choice
                assert json.loads(message.data)["vote"]["mine"] == choice and server.service.memory.reads == reads
                seen[choice] = len(message.data.encode("utf-8"))
        return seen

    assert len(set(asyncio.run(sizes()).values())) == 1
