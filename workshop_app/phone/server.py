"""The phone server: aiohttp on one thread with its own event loop, bound to one chosen address.

Every request is parsed by aiohttp and answered on that single thread, store calls included, so hundreds of
phones never fight over the interpreter lock; joins or votes that arrive together share one transaction.
It listens only between start() and stop(); stop() also cuts every open connection. Requests are refused
when their Host or Origin is not this server's own address (no DNS rebinding, no cross-site posts), when the
body is over 4 KB or not JSON, or when the client has used up its rate limit. Joined phones hold a WebSocket
(/api/events) and get their view pushed whenever changed() is called.
"""

from __future__ import annotations

import asyncio
import logging
import socket
import sys
import threading
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from aiohttp import web

from workshop_app import paths
from workshop_app.phone.batches import Batches
from workshop_app.phone.fields import parse_json
from workshop_app.phone.guard import RateLimiter, RefusalLog
from workshop_app.phone.limits import CappedHandler, ConnectionCaps
from workshop_app.phone.push import PushHub
from workshop_app.phone.service import UNEXPECTED, PhoneService, Reply, refused
from workshop_app.phone.wire import padded

MAX_BODY_BYTES = 4096
IDLE_TIMEOUT_S = 10.0
COOKIE = "wsphone"
PAGES = {"/": ("index.html", "text/html; charset=utf-8"), "/phone.js": ("phone.js", "text/javascript; charset=utf-8"),
         "/phone.css": ("phone.css", "text/css; charset=utf-8")}
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; "
                               "img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
    "X-Frame-Options": "DENY",
}
NOT_FOUND = "There is nothing here; open the address shown on the screen."
logger = logging.getLogger("workshop_app.phone")
Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def load_pages(folder: Path | None = None) -> dict[str, tuple[bytes, str]]:
    """Read the page's three files (HTML, script, style) from resources/phone."""
    folder = folder or paths.resources_dir() / "phone"
    return {route: ((folder / name).read_bytes(), kind) for route, (name, kind) in PAGES.items()}


def _origin(host: str, port: int) -> str:
    """Return the http origin (host:port) this server answers to."""
    shown = f"[{host}]" if ":" in host else host
    return f"{shown}:{port}"


def json_reply(reply: Reply) -> web.Response:
    """Return a reply as padded JSON, setting the device cookie when the reply carries a token."""
    response = web.Response(status=reply.status, body=padded(reply.body), content_type="application/json",
                            charset="utf-8")
    if reply.device_token:
        response.set_cookie(COOKIE, reply.device_token, path="/", httponly=True, samesite="Strict", max_age=86400)
    return response


class _Site:
    """The routes and checks of one listening server, run on its event loop's thread."""

    def __init__(self, service: PhoneService, limiter: RateLimiter, refusals: RefusalLog) -> None:
        self.service = service
        self.limiter = limiter
        self.refusals = refusals
        self.origins: list[str] = []
        self.pages = load_pages()
        self.hub = PushHub(service)
        self.joins: Batches[tuple[str, Any, str | None], Reply] = Batches(service.joins)
        self.votes: Batches[tuple[str | None, Any], Reply] = Batches(service.votes)
        self.streams: Batches[str | None, tuple[int | None, str]] = Batches(service.devices_of)

    def app(self) -> web.Application:
        """Return the aiohttp application: pages, state, events, join, vote and rate."""
        app = web.Application(middlewares=[self._guard], client_max_size=MAX_BODY_BYTES)
        app.router.add_get("/api/state", self._state)
        app.router.add_get("/api/events", self._events)
        app.router.add_post("/api/join", self._posted(self._join))
        app.router.add_post("/api/vote", self._posted(self._vote))
        app.router.add_post("/api/rate", self._posted(self._rate))
        for route in self.pages:
            app.router.add_get(route, self._page)
        app.on_response_prepare.append(_secure)
        return app

    @web.middleware
    async def _guard(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        """Refuse foreign hosts, foreign origins and rate-limited clients; answer an unexpected error with 500."""
        client = request.remote or ""
        if not self.limiter.allow(client):
            self.refusals.count("rate-limited requests", client)
            return json_reply(refused(429, "Too many requests from this phone; wait a few seconds and try again."))
        if request.headers.get("Host", "") not in self.origins:
            return json_reply(refused(421, "Open the address shown on the screen."))
        origin = request.headers.get("Origin")
        if origin is not None and origin not in (f"http://{o}" for o in self.origins):
            return json_reply(refused(403, "Votes are only taken from the voting page itself."))
        try:
            return await handler(request)
        except web.HTTPException as error:
            if error.status == 413:
                return json_reply(refused(413, "That request is too large; reload the page and try again."))
            status = error.status if error.status >= 400 else 400
            return json_reply(refused(status, NOT_FOUND if status in (404, 405) else "That request could not "
                                      "be read; reload the page."))
        except Exception:  # noqa: BLE001 - this request gets a 500 and the log the details; nothing else
            logger.exception("A phone request failed unexpectedly: %s %s", request.method, request.path)
            return json_reply(refused(500, UNEXPECTED))

    def _posted(self, route: Callable[[web.Request, Any], Awaitable[Reply]]) -> Handler:
        """Wrap a POST route: a JSON body of known length, at most 4 KB, read before the route runs."""
        async def handle(request: web.Request) -> web.StreamResponse:
            if request.content_length is None or "Transfer-Encoding" in request.headers:
                return json_reply(refused(411, "The request had no length; reload the page and try again."))
            if request.content_length > MAX_BODY_BYTES:
                return json_reply(refused(413, "That request is too large; reload the page and try again."))
            if request.content_type != "application/json":
                return json_reply(refused(415, "The request was not in the page's format; reload the page."))
            body = parse_json(await request.read())
            if body is None:
                return json_reply(refused(400, "That request could not be read; reload the page and try again."))
            return json_reply(await route(request, body))
        return handle

    async def _join(self, request: web.Request, body: Any) -> Reply:
        """Queue the join with the others that arrived together; they are bound in one transaction."""
        client = request.remote or ""
        reply = await self.joins.submit((client, body, request.cookies.get(COOKIE)))
        if reply.status != 200:
            self.refusals.count("refused joins", client)
        return reply

    async def _vote(self, request: web.Request, body: Any) -> Reply:
        """Queue the vote with the others that arrived together; they are cast in one transaction."""
        return await self.votes.submit((request.cookies.get(COOKIE), body))

    async def _rate(self, request: web.Request, body: Any) -> Reply:
        """Record a 1-5 score for the open rating (ratings are few, so each has its own transaction)."""
        return self.service.rate(request.cookies.get(COOKIE), body)

    async def _page(self, request: web.Request) -> web.StreamResponse:
        """Serve one of the page's files."""
        body, kind = self.pages[request.path]
        return web.Response(body=body, headers={"Content-Type": kind})

    async def _state(self, request: web.Request) -> web.StreamResponse:
        """Serve the phone's current view (the fallback when its pushed stream has dropped)."""
        return json_reply(self.service.state(request.cookies.get(COOKIE)))

    async def _events(self, request: web.Request) -> web.StreamResponse:
        """Open a joined phone's pushed stream; a phone that is not joined gets its refusal instead (the phones that
        open theirs together are looked up together)."""
        participant_id, device = await self.streams.submit(request.cookies.get(COOKIE))
        if participant_id is None:
            return json_reply(self.service.not_joined(device))
        return await self.hub.serve(request, participant_id, device)


async def _secure(request: web.Request, response: web.StreamResponse) -> None:
    """Add the security headers to every answer; the page may open its pushed stream on this host only."""
    for name, value in SECURITY_HEADERS.items():
        response.headers.setdefault(name, value)
    host = request.headers.get("Host", "")
    if host and all(ch.isalnum() or ch in ".:[]-" for ch in host):  # the guard has already checked it is ours
        response.headers["Content-Security-Policy"] = SECURITY_HEADERS["Content-Security-Policy"].replace(
            "connect-src 'self'", f"connect-src 'self' ws://{host}")


class PhoneServer:
    """Starts and stops the aiohttp server on its own thread with its own event loop."""

    def __init__(self, service: PhoneService, per_second: float = 10.0, burst: int = 40,
                 caps: ConnectionCaps | None = None) -> None:
        self.service = service
        self.limiter = RateLimiter(per_second, burst)
        self.refusals = RefusalLog()
        self.caps = caps or ConnectionCaps(on_refused=lambda a: self.refusals.count("refused connections", a))
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._runner: web.AppRunner | None = None
        self._site: _Site | None = None
        self._address: tuple[str, int] = ("", 0)
        self._server: asyncio.AbstractServer | None = None

    @property
    def running(self) -> bool:
        """Whether the server is listening."""
        return self._runner is not None

    @property
    def address(self) -> tuple[str, int]:
        """Return the (host, port) it listens on."""
        if self._runner is None:
            raise RuntimeError("the phone server is not running")
        return self._address

    @property
    def url(self) -> str:
        """Return the join address phones open."""
        if self._site is None:
            raise RuntimeError("the phone server is not running")
        return f"http://{self._site.origins[0]}/"

    def start(self, host: str, port: int = 0, names: list[str] | None = None) -> str:
        """Listen on host:port (port 0: any free port) and return the join address; OSError if it cannot.

        `names` are the addresses phones may use in the URL (default: host itself); the first is shown.
        """
        if self._runner is not None:
            self.stop()
        site = _Site(self.service, self.limiter, self.refusals)
        loop = asyncio.new_event_loop()
        thread = threading.Thread(target=loop.run_forever, name="phone-server", daemon=True)
        thread.start()
        try:
            runner = asyncio.run_coroutine_threadsafe(self._listen(site, host, port), loop).result(timeout=10)
        except BaseException:
            _end_loop(loop, thread)
            raise
        site.origins.extend(_origin(name, self._address[1]) for name in (names or [host]))
        self._loop, self._thread, self._runner, self._site = loop, thread, runner, site
        return self.url

    async def _listen(self, site: _Site, host: str, port: int) -> web.AppRunner:
        """Start the application and listen on a socket that reuses its address only where that is safe."""
        runner = web.AppRunner(site.app(), access_log=None, keepalive_timeout=IDLE_TIMEOUT_S, handle_signals=False)
        await runner.setup()
        listener = listening_socket(host, port)
        manager = runner.server
        assert manager is not None
        loop = asyncio.get_running_loop()

        def protocol() -> CappedHandler:
            return CappedHandler(manager, self.caps, loop=loop, keepalive_timeout=IDLE_TIMEOUT_S, access_log=None,
                                 max_line_size=4096, max_field_size=4096, max_headers=64)

        try:
            server = await loop.create_server(protocol, sock=listener, backlog=128)
        except BaseException:
            listener.close()
            await runner.cleanup()
            raise
        self._server = server
        name = listener.getsockname()
        self._address = (str(name[0]), int(name[1]))
        return runner

    def changed(self) -> None:
        """Push every joined phone its fresh view (call from any thread after a vote or rating changes)."""
        loop, site = self._loop, self._site
        if loop is not None and site is not None:
            loop.call_soon_threadsafe(site.hub.changed)

    def forget(self) -> None:
        """Read every phone's view from the store again when next asked, without a push (call from any thread)."""
        loop = self._loop
        if loop is not None:
            loop.call_soon_threadsafe(self.service.forget)

    def stop(self) -> None:
        """Stop listening, cut open connections and wait for the server thread to end."""
        loop, thread, runner, site, server = self._loop, self._thread, self._runner, self._site, self._server
        self._loop = self._thread = self._runner = self._site = self._server = None
        if loop is None or thread is None or runner is None or site is None or server is None:
            return

        async def close() -> None:
            server.close()
            await site.hub.close_all()
            await runner.shutdown()
            await runner.cleanup()

        try:
            asyncio.run_coroutine_threadsafe(close(), loop).result(timeout=10)
        finally:
            self.refusals.flush()
            _end_loop(loop, thread)


def listening_socket(host: str, port: int) -> socket.socket:
    """Return a bound, listening TCP socket; SO_REUSEADDR only off Windows, where it would let another
    program take the port over (Windows' own default already refuses that)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    listener = socket.socket(family, socket.SOCK_STREAM)
    try:
        if sys.platform != "win32":
            listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind((host, port))
        listener.listen(128)
        listener.setblocking(False)
    except BaseException:
        listener.close()
        raise
    return listener


def _end_loop(loop: asyncio.AbstractEventLoop, thread: threading.Thread) -> None:
    """Stop the event loop, wait for its thread and close it."""
    loop.call_soon_threadsafe(loop.stop)
    thread.join(timeout=5)
    if not thread.is_alive():
        loop.close()
