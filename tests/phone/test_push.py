"""Joined phones hold a WebSocket and get their view pushed when a vote opens, closes or is revealed."""

from __future__ import annotations

import asyncio
import json
import time
from typing import Any

import aiohttp

from tests.phone.client import Phone, source_address
from tests.phone.room import Room
from workshop_app.core.changes import perform
from workshop_app.core import phone_codes, voting
from workshop_app.phone.server import PhoneServer
from workshop_app.store.database import Store

PROPOSAL = "We will publish every decision within a week."


async def _next(socket: aiohttp.ClientWebSocketResponse, timeout: float = 2.0) -> dict[str, Any]:
    message = await socket.receive(timeout=timeout)
    assert message.type == aiohttp.WSMsgType.TEXT, message
    return dict(json.loads(message.data))


def _joined(server: PhoneServer, room: Room, index: int) -> Phone:
    host, port = server.address
    phone = Phone(host, port, source_address(index))
    assert phone.join(room.codes[room.voters[index].id or 0]).status == 200
    return phone


async def _listen(server: PhoneServer, phone: Phone, store: Store, room: Room) -> list[tuple[float, dict[str, Any]]]:
    """Open the phone's stream, then close, reveal and reissue; return when each pushed view arrived."""
    host, port = server.address
    headers = {"Cookie": phone.cookie, "Origin": f"http://{host}:{port}"}
    seen: list[tuple[float, dict[str, Any]]] = []
    async with aiohttp.ClientSession() as session:
        async with session.ws_connect(f"http://{host}:{port}/api/events", headers=headers) as socket:
            first = await _next(socket)
            assert first["status"] == 200 and first["vote"]["round"] == room.round_id
            for step in (lambda: perform(store, voting.close_vote, room.round_id),
                         lambda: perform(store, voting.reveal_vote, room.round_id).value,
                         lambda: perform(store, phone_codes.reissue_code, room.voters[0].id or 0).value):
                step()
                started = time.perf_counter()
                server.changed()
                view = await _next(socket)
                seen.append((time.perf_counter() - started, view))
            assert (await socket.receive(timeout=2)).type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED)
    return seen


def test_closing_revealing_and_cutting_off_reach_a_joined_phone_within_250_ms(store: Store, room: Room,
                                                                               server: PhoneServer) -> None:
    phone = _joined(server, room, 0)
    seen = asyncio.run(_listen(server, phone, store, room))
    (t_close, closed), (t_reveal, revealed), (t_cut, cut) = seen
    assert closed["vote"] is None and closed["closed"]["round"] == room.round_id
    assert revealed["closed"] is None and revealed["outcome"]["proposal"] == PROPOSAL
    assert cut["status"] == 401 and cut["cut"] is True
    assert max(t_close, t_reveal, t_cut) < 0.25


def test_a_phone_that_is_not_joined_gets_no_stream(room: Room, server: PhoneServer) -> None:
    host, port = server.address
    phone = Phone(host, port, source_address(1))
    answer = phone.request("GET", "/api/events")
    assert answer.status == 401 and "code" in answer.data["error"]


def test_every_choice_gives_a_pushed_view_of_the_same_length(store: Store, room: Room, server: PhoneServer) -> None:
    phone = _joined(server, room, 2)
    host, port = server.address
    sizes = set()

    async def pushed_size() -> int:
        headers = {"Cookie": phone.cookie, "Origin": f"http://{host}:{port}"}
        async with aiohttp.ClientSession() as session:
            async with session.ws_connect(f"http://{host}:{port}/api/events", headers=headers) as socket:
                message = await socket.receive(timeout=2)
                return len(message.data.encode("utf-8"))

    for choice in ("agree", "abstain", "disagree", "block"):
        assert phone.vote(choice, "Too soon" if choice == "block" else "").status == 200
        sizes.add(asyncio.run(pushed_size()))
    assert len(sizes) == 1


def test_the_facilitators_close_in_the_console_reaches_a_joined_phone_within_250_ms(qtbot: Any,
                                                                                    store: Store) -> None:
    from tests.phone.room import make_room
    from workshop_app.ui.app import build_main_window
    from workshop_app.ui.phone.addresses import LOOPBACK

    room = make_room(store, voters=2)
    window = build_main_window(store)
    qtbot.addWidget(window)
    window.controller.open_workshop(room.workshop_id)
    assert window.phone_voting.start(LOOPBACK, 0) and window.phone_voting.server is not None
    server = window.phone_voting.server
    phone = _joined(server, room, 0)
    host, port = server.address
    got: list[tuple[float, dict[str, Any]]] = []

    async def listen() -> None:
        headers = {"Cookie": phone.cookie, "Origin": f"http://{host}:{port}"}
        async with aiohttp.ClientSession() as session:
            async with session.ws_connect(f"http://{host}:{port}/api/events", headers=headers) as socket:
                await _next(socket)
                closed_at: list[float] = []
                window.room.votes.vote_closed.connect(lambda _round: closed_at.append(time.perf_counter()))
                assert window.room.votes.close(room.round_id)  # what the console's Close button runs
                view = await _next(socket)
                got.append((time.perf_counter() - closed_at[0], view))  # from the console's "closed" to the phone

    asyncio.run(listen())
    took, view = got[0]
    assert view["closed"]["round"] == room.round_id and took < 0.25
    window.phone_voting.stop()
    window.close()
