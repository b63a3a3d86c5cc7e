"""Pushing each joined phone its view over a WebSocket the moment a vote or rating opens, closes or is revealed."""

from __future__ import annotations

import asyncio
import logging
import time
from typing import Any

from aiohttp import WSMsgType, web

from workshop_app.core.changes import read
from workshop_app.core import phone_codes
from workshop_app.phone.service import PhoneService, Reply
from workshop_app.phone.wire import padded

HEARTBEAT_S = 20.0
logger = logging.getLogger("workshop_app.phone")


class PushHub:
    """The open WebSockets of joined phones; changed() sends every one its fresh view, read in one go."""

    def __init__(self, service: PhoneService) -> None:
        self.service = service
        self.sockets: dict[web.WebSocketResponse, tuple[int, str]] = {}
        self._scheduled = False
        self._tasks: set[asyncio.Task[Any]] = set()
        self.last_push_s = 0.0  # how long the last push took, for the log and the benchmark

    async def serve(self, request: web.Request, participant_id: int, device: str) -> web.WebSocketResponse:
        """Hold one phone's WebSocket open: send its view now and after each change, until it closes."""
        socket = web.WebSocketResponse(heartbeat=HEARTBEAT_S, max_msg_size=1024)
        await socket.prepare(request)
        self.sockets[socket] = (participant_id, device)
        try:
            await _send(socket, self.service.views([(participant_id, device)])[0])
            async for message in socket:  # the page sends nothing but pings; anything else ends it
                if message.type != WSMsgType.TEXT or message.data != "ping":
                    break
        finally:
            self.sockets.pop(socket, None)
        return socket

    def changed(self) -> None:
        """Schedule one push to every phone on the loop's next turn (many changes at once make one push)."""
        self.service.forget()  # what phones show may have changed: their views are read again for this push
        if self._scheduled:
            return
        self._scheduled = True
        task = asyncio.get_running_loop().create_task(self._push())
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _push(self) -> None:
        """Send each phone its view; a phone whose code was reissued is told why and let go."""
        self._scheduled = False
        started = time.perf_counter()
        bound = read(self.service.uow_factory, phone_codes.bound_devices, self.service.workshop_id)
        live: list[tuple[web.WebSocketResponse, int, str]] = []
        gone: list[tuple[web.WebSocketResponse, int, str]] = []
        for socket, (participant_id, device) in list(self.sockets.items()):
            (live if bound.get(device) == participant_id else gone).append((socket, participant_id, device))
        views = self.service.views([(pid, device) for _s, pid, device in live])
        sends = [_send(socket, view) for (socket, _pid, _device), view in zip(live, views, strict=True)]
        sends += [_send(socket, self.service.not_joined(device), close=True) for socket, _pid, device in gone]
        await asyncio.gather(*sends, return_exceptions=True)
        self.last_push_s = time.perf_counter() - started

    async def close_all(self) -> None:
        """Close every phone's WebSocket (phone voting stops)."""
        await asyncio.gather(*(socket.close() for socket in list(self.sockets)), return_exceptions=True)


async def _send(socket: web.WebSocketResponse, reply: Reply, close: bool = False) -> None:
    """Send one view (or refusal, with its status) as padded JSON text; close the socket after when asked."""
    if socket.closed:
        return
    await socket.send_str(padded({**reply.body, "status": reply.status}).decode("utf-8"))
    if close or reply.status != 200:
        await socket.close()
