"""Connection limits for the phone server: a cap per address and in total, checked the moment a socket opens.

aiohttp already closes a connection that sends nothing for its keep-alive timeout (the first request
included); these caps stop one laptop from holding every socket the computer can open in the meantime.
"""

from __future__ import annotations

import asyncio
import sys
from collections import Counter
from collections.abc import Callable
from typing import Any, cast

from aiohttp import web
from aiohttp.web_protocol import RequestHandler

PER_ADDRESS = 24  # a phone needs two or three (page, requests, the pushed stream); a shared NAT a few more
TOTAL = 900  # below the usual 1,024 descriptors with room for the store and the app


def total_cap() -> int:
    """Return the total connection cap: TOTAL, or less when this process may open fewer files."""
    if sys.platform == "win32":
        return TOTAL
    import resource

    soft, _hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    return TOTAL if soft == resource.RLIM_INFINITY else max(32, min(TOTAL, soft - 124))


class ConnectionCaps:
    """Counts open connections per address; admits a new one only under both caps."""

    def __init__(self, per_address: int = PER_ADDRESS, total: int | None = None,
                 on_refused: Callable[[str], None] = lambda _address: None) -> None:
        self.per_address = per_address
        self.total = total if total is not None else total_cap()
        self.on_refused = on_refused
        self._open: Counter[str] = Counter()

    def admit(self, address: str) -> bool:
        """Count a new connection from this address; False (and nothing counted) when a cap is reached."""
        if self._open[address] >= self.per_address or sum(self._open.values()) >= self.total:
            self.on_refused(address)
            return False
        self._open[address] += 1
        return True

    def release(self, address: str) -> None:
        """Forget one closed connection from this address."""
        self._open[address] -= 1
        if self._open[address] <= 0:
            del self._open[address]

    def open_count(self, address: str | None = None) -> int:
        """Return the open connections from one address, or in total."""
        return self._open[address] if address is not None else sum(self._open.values())


class CappedHandler(RequestHandler):
    """aiohttp's request handler, closing at once a connection over the caps."""

    __slots__ = ("_caps", "_address")

    def __init__(self, manager: web.Server, caps: ConnectionCaps, **kwargs: Any) -> None:
        super().__init__(manager, **kwargs)
        self._caps = caps
        self._address: str | None = None

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        """Admit the connection under the caps, or close it before reading a byte."""
        super().connection_made(transport)
        peer = transport.get_extra_info("peername")
        address = str(peer[0]) if peer else ""
        if self._caps.admit(address):
            self._address = address
        else:
            self.force_close()
            cast(asyncio.Transport, transport).abort()

    def connection_lost(self, exc: BaseException | None) -> None:
        """Release the connection's place under the caps."""
        if self._address is not None:
            self._caps.release(self._address)
            self._address = None
        super().connection_lost(exc)
