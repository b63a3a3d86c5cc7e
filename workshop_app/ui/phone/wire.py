"""HTTP/1.1 on the wire for the phone server: read one request head, write one response."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from email.utils import formatdate
from http import HTTPStatus

MAX_HEAD_BYTES = 8192
MAX_HEADERS = 64


class BadRequest(Exception):
    """The request head could not be read as HTTP/1.x; the connection must end after a 400."""


@dataclass
class Request:
    """One request head: method, path, version and headers (names in lower case, first value kept)."""

    method: str
    path: str
    version: str
    headers: dict[str, str] = field(default_factory=dict)

    def header(self, name: str, default: str = "") -> str:
        """Return a header's value by its name (any case), or the default."""
        return self.headers.get(name.lower(), default)

    def wants_keep_alive(self) -> bool:
        """Whether the client allows the connection to stay open after this request."""
        connection = self.header("Connection").lower()
        if self.version == "HTTP/1.1":
            return connection != "close"
        return connection == "keep-alive"


async def read_head(reader: asyncio.StreamReader) -> Request | None:
    """Read the next request head; None when the client hung up between requests; BadRequest if malformed."""
    try:
        raw = await reader.readuntil(b"\r\n\r\n")
    except asyncio.IncompleteReadError as error:
        if error.partial.strip():
            raise BadRequest("incomplete head") from None
        return None
    except asyncio.LimitOverrunError:
        raise BadRequest("head too large") from None
    return parse_head(raw)


def parse_head(raw: bytes) -> Request:
    """Parse a request line and headers; BadRequest if they are not HTTP/1.x."""
    try:
        lines = raw.decode("iso-8859-1").split("\r\n")
    except UnicodeDecodeError:  # pragma: no cover - latin-1 decodes every byte
        raise BadRequest("undecodable head") from None
    while lines and not lines[0]:
        lines.pop(0)  # a stray CRLF before a request is allowed (RFC 9112 2.2)
    parts = lines[0].split(" ") if lines else []
    if len(parts) != 3 or parts[2] not in ("HTTP/1.1", "HTTP/1.0") or not parts[1].startswith("/"):
        raise BadRequest("bad request line")
    request = Request(parts[0], parts[1], parts[2])
    headers = [line for line in lines[1:] if line]
    if len(headers) > MAX_HEADERS:
        raise BadRequest("too many headers")
    for line in headers:
        name, colon, value = line.partition(":")
        if not colon or not name or name != name.strip() or line[0] in " \t":
            raise BadRequest("bad header line")
        request.headers.setdefault(name.lower(), value.strip())
    return request


def response_bytes(status: int, body: bytes, headers: list[tuple[str, str]], close: bool) -> bytes:
    """Return a whole HTTP/1.1 response: status line, headers and body."""
    try:
        phrase = HTTPStatus(status).phrase
    except ValueError:
        phrase = ""
    lines = [f"HTTP/1.1 {status} {phrase}", "Server: WorkshopPhone", f"Date: {formatdate(usegmt=True)}"]
    lines += [f"{name}: {value}" for name, value in headers]
    lines.append(f"Content-Length: {len(body)}")
    if close:
        lines.append("Connection: close")
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body
