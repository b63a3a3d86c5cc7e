"""Request guards for the phone server: a rate limit per client, one-time nonces per phone, a count of refusals."""

from __future__ import annotations

import logging
import secrets
import threading
import time
from collections import Counter, OrderedDict
from collections.abc import Callable
from dataclasses import dataclass


@dataclass
class _Bucket:
    tokens: float
    at: float


class RateLimiter:
    """A token bucket per client key: `burst` requests at once, then `per_second` on average."""

    def __init__(self, per_second: float, burst: int, clock: Callable[[], float] = time.monotonic) -> None:
        self.per_second = per_second
        self.burst = burst
        self._clock = clock
        self._buckets: dict[str, _Bucket] = {}
        self._lock = threading.Lock()

    def allow(self, key: str) -> bool:
        """Take one token for this key; False when the key has used up its allowance."""
        now = self._clock()
        with self._lock:
            bucket = self._buckets.get(key)
            if bucket is None:
                bucket = self._buckets[key] = _Bucket(float(self.burst), now)
            bucket.tokens = min(float(self.burst), bucket.tokens + (now - bucket.at) * self.per_second)
            bucket.at = now
            if bucket.tokens < 1.0:
                return False
            bucket.tokens -= 1.0
            return True


class NonceBook:
    """One-time nonces per phone: each vote must carry a nonce the server gave that phone and not yet used."""

    def __init__(self, per_phone: int = 8) -> None:
        self.per_phone = per_phone
        self._open: dict[str, OrderedDict[str, None]] = {}
        self._lock = threading.Lock()

    def issue(self, phone: str) -> str:
        """Return a fresh nonce for this phone; the oldest outstanding one lapses beyond `per_phone`."""
        nonce = secrets.token_urlsafe(18)
        with self._lock:
            book = self._open.setdefault(phone, OrderedDict())
            book[nonce] = None
            while len(book) > self.per_phone:
                book.popitem(last=False)
        return nonce

    def use(self, phone: str, nonce: str) -> bool:
        """Spend a nonce; False if this phone was never given it or has already spent it."""
        with self._lock:
            book = self._open.get(phone)
            if book is None or nonce not in book:
                return False
            del book[nonce]
            return True

    def forget(self, phone: str) -> None:
        """Drop every outstanding nonce of a phone."""
        with self._lock:
            self._open.pop(phone, None)


class RefusalLog:
    """Counts refused joins and rate-limited requests per address, and writes the counts to the log (never a code)."""

    KINDS = ("refused joins", "rate-limited requests", "refused connections")

    def __init__(self, logger: logging.Logger | None = None, every_s: float = 60.0,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self._logger = logger or logging.getLogger("workshop_app.phone")
        self._every = every_s
        self._clock = clock
        self._counts: dict[str, Counter[str]] = {kind: Counter() for kind in self.KINDS}
        self._since = clock()

    def count(self, kind: str, address: str) -> None:
        """Count one refusal of this kind from an address; write the counts when a period has passed."""
        self._counts[kind][address] += 1
        if self._clock() - self._since >= self._every:
            self.flush()

    def totals(self, kind: str) -> dict[str, int]:
        """Return the counts not yet written, per address, for one kind."""
        return dict(self._counts[kind])

    def flush(self) -> None:
        """Write one log line per kind that had refusals, with the count per address, and start again."""
        for kind, counts in self._counts.items():
            if counts:
                listed = ", ".join(f"{address} x{n}" for address, n in counts.most_common(20))
                self._logger.warning("Phone server %s in the last %.0f s: %s", kind, self._clock() - self._since,
                                     listed)
                counts.clear()
        self._since = self._clock()
