"""The phone server: one thread running an asyncio HTTP/1.1 server bound to one chosen address.

Every request is parsed and answered on that single thread, store calls included, so hundreds of phones
never fight over the interpreter lock; joins or votes that arrive together share one transaction. It listens only between start() and stop(); stop() also cuts every
open connection. Requests are refused when their Host or Origin is not this server's own address (no DNS
rebinding, no cross-site posts), when the body is over 4 KB or not JSON, or when the client has used up
its rate limit.
"""

from __future__ import annotations

import asyncio
import json
import threading
from collections.abc import Awaitable, Callable
from http.cookies import CookieError, SimpleCookie
from pathlib import Path
from typing import Any, Generic, TypeVar

from workshop_app import paths
from workshop_app.ui.phone.guard import RateLimiter
from workshop_app.ui.phone.service import PhoneService, Reply, refused
from workshop_app.ui.phone.wire import MAX_HEAD_BYTES, BadRequest, Request, read_head, response_bytes

MAX_BODY_BYTES = 4096
IDLE_TIMEOUT_S = 20.0
MAX_BATCH = 50  # joins or votes handled in one transaction at most
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
T = TypeVar("T")
NOT_FOUND = "There is nothing here; open the address shown on the screen."


def load_pages(folder: Path | None = None) -> dict[str, tuple[bytes, str]]:
    """Read the page's three files (HTML, script, style) from resources/phone."""
    folder = folder or paths.resources_dir() / "phone"
    return {route: ((folder / name).read_bytes(), kind) for route, (name, kind) in PAGES.items()}


def _origin(host: str, port: int) -> str:
    """Return the http origin (host:port) this server answers to."""
    shown = f"[{host}]" if ":" in host else host
    return f"{shown}:{port}"


def _token(request: Request) -> str | None:
    """Return the device token from the phone's cookie, if it sent one."""
    try:
        jar = SimpleCookie(request.header("Cookie"))
    except CookieError:
        return None
    morsel = jar.get(COOKIE)
    return morsel.value if morsel is not None else None


def _send(writer: asyncio.StreamWriter, status: int, body: bytes, kind: str, close: bool,
          cookie: str | None = None) -> None:
    """Queue one response with the security headers (and the device cookie, when given)."""
    headers = [("Content-Type", kind), *SECURITY_HEADERS.items()]
    if cookie:
        headers.append(("Set-Cookie", cookie))
    writer.write(response_bytes(status, body, headers, close))


def _send_reply(writer: asyncio.StreamWriter, reply: Reply, close: bool) -> None:
    """Queue a reply as JSON, setting the device cookie when the reply carries a token."""
    cookie = None
    if reply.device_token:
        cookie = f"{COOKIE}={reply.device_token}; Path=/; HttpOnly; SameSite=Strict; Max-Age=86400"
    data = json.dumps(reply.body).encode("utf-8")
    _send(writer, reply.status, data, "application/json; charset=utf-8", close, cookie)


class _Batches(Generic[T]):
    """Requests of one kind that arrive together, handled in one call (one transaction) on the loop's next turn."""

    def __init__(self, handle: Callable[[list[T]], list[Reply]]) -> None:
        self.handle = handle
        self.queued: list[tuple[T, asyncio.Future[Reply]]] = []

    async def submit(self, item: T) -> Reply:
        """Queue one request and wait for its reply."""
        answer: asyncio.Future[Reply] = asyncio.get_running_loop().create_future()
        self.queued.append((item, answer))
        if len(self.queued) == 1:
            asyncio.get_running_loop().call_soon(self._run)
        return await answer

    def _run(self) -> None:
        """Handle up to MAX_BATCH queued requests together and answer each; the rest go in the next turn."""
        batch, self.queued = self.queued[:MAX_BATCH], self.queued[MAX_BATCH:]
        if self.queued:
            asyncio.get_running_loop().call_soon(self._run)
        try:
            replies = self.handle([item for item, _answer in batch])
        except Exception as error:  # noqa: BLE001 - each waiting request must end, whatever went wrong
            for _item, answer in batch:
                if not answer.done():
                    answer.set_exception(error)
            return
        for (_item, answer), reply in zip(batch, replies, strict=True):
            if not answer.done():
                answer.set_result(reply)


class _Site:
    """The routes and checks of one listening server, run on its event loop's thread."""

    def __init__(self, service: PhoneService, limiter: RateLimiter, origins: list[str]) -> None:
        self.service = service
        self.limiter = limiter
        self.origins = origins
        self.pages = load_pages()
        self.handlers: set[asyncio.Task[Any]] = set()
        self.joins: _Batches[tuple[str, Any, str | None]] = _Batches(service.joins)
        self.votes: _Batches[tuple[str | None, Any]] = _Batches(service.votes)
        self.writers: set[asyncio.StreamWriter] = set()

    async def serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        """Answer one connection's requests in turn until it closes, idles out or must be ended."""
        task = asyncio.current_task()
        if task is not None:
            self.handlers.add(task)
        self.writers.add(writer)
        peer = writer.get_extra_info("peername")
        client = str(peer[0]) if peer else ""
        try:
            keep = True
            while keep:
                try:
                    request = await asyncio.wait_for(read_head(reader), IDLE_TIMEOUT_S)
                except BadRequest:
                    _send_reply(writer, refused(400, "That request could not be read; reload the page."), True)
                    request, keep = None, False
                if request is not None:
                    keep = await self._answer(request, client, reader, writer)
                await writer.drain()
                keep = keep and request is not None
        except (asyncio.TimeoutError, asyncio.IncompleteReadError, ConnectionError, OSError):
            pass
        finally:
            self.writers.discard(writer)
            writer.close()
            if task is not None:
                self.handlers.discard(task)

    async def _answer(self, request: Request, client: str, reader: asyncio.StreamReader,
                      writer: asyncio.StreamWriter) -> bool:
        """Answer one request; return whether the connection may stay open for the next."""
        refusal = self._admission(request, client)
        if refusal is not None:  # a refused request's body stays unread, so the connection must end
            _send_reply(writer, refusal, True)
            return False
        keep = request.wants_keep_alive()
        if request.method == "GET":
            keep = keep and request.header("Content-Length", "0") == "0" and not request.header("Transfer-Encoding")
            self._get(request, writer, keep)
            return keep
        route = self._routes().get(request.path) if request.method == "POST" else None
        if route is None:
            status = 404 if request.method == "POST" else 405
            _send_reply(writer, refused(status, NOT_FOUND), True)
            return False
        body, refusal = await self._json_body(request, reader)
        if refusal is not None:
            _send_reply(writer, refusal, True)
            return False
        _send_reply(writer, await route(request, client, body), not keep)
        return keep

    def _routes(self) -> dict[str, Callable[[Request, str, Any], Awaitable[Reply]]]:
        return {"/api/join": self._join, "/api/vote": self._vote, "/api/rate": self._rate}

    async def _join(self, request: Request, client: str, body: Any) -> Reply:
        """Queue the join with the others that arrived together; they are bound in one transaction."""
        return await self.joins.submit((client, body, _token(request)))

    async def _vote(self, request: Request, _client: str, body: Any) -> Reply:
        """Queue the vote with the others that arrived together; they are cast in one transaction."""
        return await self.votes.submit((_token(request), body))

    async def _rate(self, request: Request, _client: str, body: Any) -> Reply:
        """Record a 1-5 score for the open rating (ratings are few, so each has its own transaction)."""
        return self.service.rate(_token(request), body)

    def _get(self, request: Request, writer: asyncio.StreamWriter, keep: bool) -> None:
        """Serve the page files and the phone's current view."""
        path = request.path.split("?", 1)[0]
        if path in self.pages:
            body, kind = self.pages[path]
            _send(writer, 200, body, kind, not keep)
        elif path == "/api/state":
            _send_reply(writer, self.service.state(_token(request)), not keep)
        else:
            _send_reply(writer, refused(404, NOT_FOUND), not keep)

    def _admission(self, request: Request, client: str) -> Reply | None:
        """Refuse when rate limited, addressed by a foreign Host, or posted from a foreign Origin."""
        if not self.limiter.allow(client):
            return refused(429, "Too many requests from this phone; wait a few seconds and try again.")
        if request.header("Host") not in self.origins:
            return refused(421, "Open the address shown on the screen.")
        origin = request.headers.get("origin")
        if origin is not None and origin not in (f"http://{o}" for o in self.origins):
            return refused(403, "Votes are only taken from the voting page itself.")
        return None

    async def _json_body(self, request: Request, reader: asyncio.StreamReader) -> tuple[Any, Reply | None]:
        """Read a JSON body of at most 4 KB; return (body, None), or (None, a refusal)."""
        length_text = request.header("Content-Length")
        if request.header("Transfer-Encoding") or not length_text.isdigit() or not length_text.isascii():
            return None, refused(411, "The request had no length; reload the page and try again.")
        if int(length_text) > MAX_BODY_BYTES:
            return None, refused(413, "That request is too large; reload the page and try again.")
        if not request.header("Content-Type").startswith("application/json"):
            return None, refused(415, "The request was not in the page's format; reload the page.")
        raw = await asyncio.wait_for(reader.readexactly(int(length_text)), IDLE_TIMEOUT_S)
        try:
            return json.loads(raw.decode("utf-8")), None
        except (UnicodeDecodeError, ValueError):
            return None, refused(400, "That request could not be read; reload the page and try again.")

    async def cut(self) -> None:
        """Close every open connection (kept-alive phones included) and let their handlers end."""
        for writer in list(self.writers):
            writer.transport.abort()
        if self.handlers:
            await asyncio.wait(list(self.handlers), timeout=2)


class PhoneServer:
    """Starts and stops the HTTP server on its own thread with its own event loop."""

    def __init__(self, service: PhoneService, per_second: float = 10.0, burst: int = 40) -> None:
        self.service = service
        self.limiter = RateLimiter(per_second, burst)
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._server: asyncio.Server | None = None
        self._site: _Site | None = None
        self._address: tuple[str, int] = ("", 0)

    @property
    def running(self) -> bool:
        """Whether the server is listening."""
        return self._server is not None

    @property
    def address(self) -> tuple[str, int]:
        """Return the (host, port) it listens on."""
        if self._server is None:
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
        if self._server is not None:
            self.stop()
        site = _Site(self.service, self.limiter, [])
        loop = asyncio.new_event_loop()
        thread = threading.Thread(target=loop.run_forever, name="phone-server", daemon=True)
        thread.start()
        try:
            server = asyncio.run_coroutine_threadsafe(self._listen(site, host, port), loop).result(timeout=10)
        except BaseException:
            self._end_loop(loop, thread)
            raise
        self._address = (str(server.sockets[0].getsockname()[0]), int(server.sockets[0].getsockname()[1]))
        site.origins.extend(_origin(name, self._address[1]) for name in (names or [host]))
        self._loop, self._thread, self._server, self._site = loop, thread, server, site
        return self.url

    @staticmethod
    async def _listen(site: _Site, host: str, port: int) -> asyncio.Server:
        return await asyncio.start_server(site.serve, host, port, reuse_address=True, backlog=128,
                                          limit=MAX_HEAD_BYTES)

    def stop(self) -> None:
        """Stop listening, cut open connections and wait for the server thread to end."""
        loop, thread, server, site = self._loop, self._thread, self._server, self._site
        self._loop = self._thread = self._server = self._site = None
        if loop is None or thread is None or server is None or site is None:
            return

        async def close() -> None:
            server.close()
            await site.cut()

        try:
            asyncio.run_coroutine_threadsafe(close(), loop).result(timeout=5)
        finally:
            self._end_loop(loop, thread)

    @staticmethod
    def _end_loop(loop: asyncio.AbstractEventLoop, thread: threading.Thread) -> None:
        """Stop the event loop, wait for its thread and close it."""
        loop.call_soon_threadsafe(loop.stop)
        thread.join(timeout=5)
        if not thread.is_alive():
            loop.close()
