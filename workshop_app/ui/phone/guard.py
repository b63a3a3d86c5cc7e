"""Request guards for the phone server: a rate limit per client and one-time nonces per phone."""

from __future__ import annotations

import secrets
import threading
import time
from collections import OrderedDict
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
