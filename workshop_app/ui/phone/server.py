"""The phone server: a threaded HTTP server bound to one chosen address, serving the page and a JSON API.

It listens only between start() and stop(); stop() also cuts every open connection. Requests are refused
when their Host or Origin is not this server's own address (no DNS rebinding, no cross-site posts), when
the body is over 4 KB or not JSON, or when the client has used up its rate limit.
"""

from __future__ import annotations

import json
import socket
import threading
from http.cookies import CookieError, SimpleCookie
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from workshop_app import paths
from workshop_app.ui.phone.guard import RateLimiter
from workshop_app.ui.phone.service import PhoneService, Reply, refused

MAX_BODY_BYTES = 4096
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


def load_pages(folder: Path | None = None) -> dict[str, tuple[bytes, str]]:
    """Read the page's three files (HTML, script, style) from resources/phone."""
    folder = folder or paths.resources_dir() / "phone"
    return {route: ((folder / name).read_bytes(), kind) for route, (name, kind) in PAGES.items()}


class PhoneHttpServer(ThreadingHTTPServer):
    """A ThreadingHTTPServer that remembers its open connections so stop() can cut them."""

    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 128

    def __init__(self, host: str, port: int, service: PhoneService, limiter: RateLimiter,
                 names: list[str] | None = None) -> None:
        self.address_family = socket.AF_INET6 if ":" in host else socket.AF_INET
        self.service = service
        self.limiter = limiter
        self.pages = load_pages()
        self.accepting = True
        self._connections: set[socket.socket] = set()
        self._lock = threading.Lock()
        super().__init__((host, port), PhoneRequestHandler)
        port = int(self.server_address[1])
        self.origins = [_origin(name, port) for name in (names or [host])]
        self.origin = self.origins[0]

    def process_request(self, request: Any, client_address: Any) -> None:
        """Track the connection, then serve it on its own thread."""
        with self._lock:
            self._connections.add(request)
        super().process_request(request, client_address)

    def shutdown_request(self, request: Any) -> None:
        """Forget a finished connection and close it."""
        with self._lock:
            self._connections.discard(request)
        super().shutdown_request(request)

    def cut_connections(self) -> None:
        """Stop serving and close every connection still open (kept-alive phones included)."""
        self.accepting = False
        with self._lock:
            open_now = list(self._connections)
        for connection in open_now:
            try:
                connection.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass


def _origin(host: str, port: int) -> str:
    """Return the http origin (host:port) this server answers to."""
    shown = f"[{host}]" if ":" in host else host
    return f"{shown}:{port}"


class PhoneRequestHandler(BaseHTTPRequestHandler):
    """Serves the page and the three API calls; everything else is refused."""

    server: PhoneHttpServer
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # headers and body go out at once, no 40 ms delayed-ack stalls
    server_version = "WorkshopPhone"
    sys_version = ""
    timeout = 20

    def do_GET(self) -> None:  # noqa: N802 - http.server naming
        """Serve the page files and the phone's current view."""
        if not self._admitted():
            return
        path = self.path.split("?", 1)[0]
        if path in self.server.pages:
            body, kind = self.server.pages[path]
            self._send(200, body, kind)
        elif path == "/api/state":
            self._reply(self.server.service.state(self._token()))
        else:
            self._reply(refused(404, "There is nothing here; open the address shown on the screen."))

    def do_POST(self) -> None:  # noqa: N802 - http.server naming
        """Join with a code, or cast a vote."""
        if not self._admitted():
            return
        routes = {"/api/join": self._join, "/api/vote": self._vote}
        route = routes.get(self.path)
        if route is None:
            self.close_connection = True
            self._reply(refused(404, "There is nothing here; open the address shown on the screen."))
            return
        body = self._json_body()
        if body is not None:
            self._reply(route(body))

    def _join(self, body: Any) -> Reply:
        return self.server.service.join(self.client_address[0], body, self._token())

    def _vote(self, body: Any) -> Reply:
        return self.server.service.vote(self._token(), body)

    def _admitted(self) -> bool:
        """Refuse when stopped, rate limited, addressed by a foreign Host, or posted from a foreign Origin."""
        self.close_connection = True  # a refused request's body stays unread, so the connection must end
        if not self.server.accepting:
            self._reply(refused(503, "Phone voting has stopped; ask the facilitator."))
        elif not self.server.limiter.allow(self.client_address[0]):
            self._reply(refused(429, "Too many requests from this phone; wait a few seconds and try again."))
        elif self.headers.get("Host", "") not in self.server.origins:
            self._reply(refused(421, "Open the address shown on the screen."))
        elif self.headers.get("Origin") not in (None, *(f"http://{o}" for o in self.server.origins)):
            self._reply(refused(403, "Votes are only taken from the voting page itself."))
        else:
            self.close_connection = self.headers.get("Connection", "").lower() == "close"
            return True
        return False

    def _json_body(self) -> Any:
        """Read a JSON object of at most 4 KB, or refuse and return None."""
        length_text = self.headers.get("Content-Length")
        if self.headers.get("Transfer-Encoding") or length_text is None or not length_text.isdigit():
            self.close_connection = True
            self._reply(refused(411, "The request had no length; reload the page and try again."))
            return None
        if int(length_text) > MAX_BODY_BYTES:
            self.close_connection = True
            self._reply(refused(413, "That request is too large; reload the page and try again."))
            return None
        if not self.headers.get("Content-Type", "").startswith("application/json"):
            self.close_connection = True
            self._reply(refused(415, "The request was not in the page's format; reload the page."))
            return None
        try:
            return json.loads(self.rfile.read(int(length_text)).decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            self._reply(refused(400, "That request could not be read; reload the page and try again."))
            return None

    def _token(self) -> str | None:
        """Return the device token from the phone's cookie, if it sent one."""
        try:
            jar = SimpleCookie(self.headers.get("Cookie", ""))
        except CookieError:
            return None
        morsel = jar.get(COOKIE)
        return morsel.value if morsel is not None else None

    def _reply(self, reply: Reply) -> None:
        """Send a reply as JSON, setting the device cookie when the reply carries a token."""
        cookie = None
        if reply.device_token:
            cookie = f"{COOKIE}={reply.device_token}; Path=/; HttpOnly; SameSite=Strict; Max-Age=86400"
        data = json.dumps(reply.body).encode("utf-8")
        self._send(reply.status, data, "application/json; charset=utf-8", cookie)

    def _send(self, status: int, body: bytes, kind: str, cookie: str | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        for name, value in SECURITY_HEADERS.items():
            self.send_header(name, value)
        if cookie:
            self.send_header("Set-Cookie", cookie)
        if self.close_connection:
            self.send_header("Connection", "close")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - http.server naming
        """Log nothing: request lines must never end up in a file."""


class PhoneServer:
    """Starts and stops the HTTP server on its own thread."""

    def __init__(self, service: PhoneService, per_second: float = 10.0, burst: int = 40) -> None:
        self.service = service
        self.limiter = RateLimiter(per_second, burst)
        self._httpd: PhoneHttpServer | None = None
        self._thread: threading.Thread | None = None

    @property
    def running(self) -> bool:
        """Whether the server is listening."""
        return self._httpd is not None

    @property
    def address(self) -> tuple[str, int]:
        """Return the (host, port) it listens on."""
        if self._httpd is None:
            raise RuntimeError("the phone server is not running")
        return str(self._httpd.server_address[0]), int(self._httpd.server_address[1])

    @property
    def url(self) -> str:
        """Return the join address phones open."""
        if self._httpd is None:
            raise RuntimeError("the phone server is not running")
        return f"http://{self._httpd.origin}/"

    def start(self, host: str, port: int = 0, names: list[str] | None = None) -> str:
        """Listen on host:port (port 0: any free port) and return the join address; OSError if it cannot.

        `names` are the addresses phones may use in the URL (default: host itself); the first is shown.
        """
        if self._httpd is not None:
            self.stop()
        self._httpd = PhoneHttpServer(host, port, self.service, self.limiter, names)
        self._thread = threading.Thread(target=self._httpd.serve_forever, kwargs={"poll_interval": 0.2},
                                        name="phone-server", daemon=True)
        self._thread.start()
        return self.url

    def stop(self) -> None:
        """Stop listening, cut open connections and wait for the server thread to end."""
        httpd, thread = self._httpd, self._thread
        self._httpd = self._thread = None
        if httpd is None:
            return
        httpd.cut_connections()
        httpd.shutdown()
        httpd.server_close()
        if thread is not None:
            thread.join(timeout=5)
