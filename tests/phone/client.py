"""A simulated phone: a real HTTP client (http.client) with its own source address and cookie."""

from __future__ import annotations

import http.client
import json
from dataclasses import dataclass
from typing import Any


VIEW_KEYS = {"name", "vote", "closed", "outcome", "rating", "nonce"}


@dataclass
class Answer:
    """One HTTP answer: status, JSON body (without its padding) and the body's length in bytes."""

    status: int
    data: dict[str, Any]
    size: int = 0


class Phone:
    """Talks to the phone server like the page does; `source` is its own 127.x.y.z address."""

    def __init__(self, host: str, port: int, source: str = "127.0.0.1", timeout: float = 10.0) -> None:
        self.host, self.port = host, port
        self.connection = http.client.HTTPConnection(host, port, timeout=timeout, source_address=(source, 0))
        self.cookie = ""
        self.nonce = ""
        self.round = 0

    def request(self, method: str, path: str, body: bytes | None = None,
                headers: dict[str, str] | None = None) -> Answer:
        """Send one request on the kept-alive connection and read the JSON answer."""
        sent = {"Host": f"{self.host}:{self.port}"}
        if self.cookie:
            sent["Cookie"] = self.cookie
        if body is not None:
            sent["Content-Type"] = "application/json"
        sent.update(headers or {})
        try:
            self.connection.request(method, path, body=body, headers=sent)
            response = self.connection.getresponse()
        except (http.client.HTTPException, OSError):
            self.connection.close()
            raise
        raw = response.read()
        cookie = response.getheader("Set-Cookie")
        if cookie:
            self.cookie = cookie.split(";", 1)[0]
        if response.getheader("Connection", "").lower() == "close":
            self.connection.close()
        data = json.loads(raw) if raw and response.getheader("Content-Type", "").startswith("application/json") else {}
        if isinstance(data, dict):
            data.pop("pad", None)
        self._remember(data)
        return Answer(response.status, data, len(raw))

    def _remember(self, data: dict[str, Any]) -> None:
        if data.get("nonce"):
            self.nonce = data["nonce"]
        if data.get("vote"):
            self.round = data["vote"]["round"]

    def post(self, path: str, payload: Any) -> Answer:
        """POST a JSON payload."""
        return self.request("POST", path, json.dumps(payload).encode("utf-8"))

    def join(self, code: str) -> Answer:
        """Join with a badge code."""
        return self.post("/api/join", {"code": code})

    def state(self) -> Answer:
        """Read the phone's view (and a fresh nonce)."""
        return self.request("GET", "/api/state")

    def vote(self, choice: str, reason: str = "") -> Answer:
        """Vote in the open round with the latest nonce."""
        return self.post("/api/vote", {"round": self.round, "choice": choice, "reason": reason, "nonce": self.nonce})

    def close(self) -> None:
        """Hang up."""
        self.connection.close()


def source_address(index: int) -> str:
    """Return a distinct loopback source address for phone number `index` (Linux routes all of 127/8)."""
    return f"127.0.{1 + index // 250}.{1 + index % 250}"
