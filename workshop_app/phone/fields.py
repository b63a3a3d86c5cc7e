"""Strict reading of phone request bodies: exact JSON types and sizes are checked before anything else runs."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from workshop_app.core.model import Choice

MAX_CODE_CHARS = 64
MAX_REASON_CHARS = 300
MAX_PRINCIPLE_CHARS = 64
MAX_NONCE_CHARS = 64
MAX_PAD_CHARS = 4096
MAX_ID = 2**31 - 1
CHOICES = frozenset(c.value for c in Choice)


@dataclass(frozen=True)
class VoteFields:
    """A vote request as sent: round, choice, reason and the one-time nonce."""

    round_id: int
    choice: str
    reason: str
    nonce: str


@dataclass(frozen=True)
class RateFields:
    """A rating request as sent: principle key, score 1-5 and the one-time nonce."""

    principle: str
    score: int
    nonce: str


def parse_json(raw: bytes) -> Any:
    """Return the JSON value of a body, or None when it is not UTF-8 JSON (deep nesting included)."""
    try:
        return json.loads(raw.decode("utf-8"), parse_constant=_no_constant)
    except (UnicodeDecodeError, ValueError, RecursionError):
        return None


def _no_constant(name: str) -> Any:
    """Refuse NaN and Infinity, which are not JSON."""
    raise ValueError(name)


def _text(value: Any, limit: int) -> str | None:
    """Return value when it is a str of at most `limit` characters that encodes as UTF-8, else None."""
    if type(value) is not str or len(value) > limit:
        return None
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate from a "\\ud800" escape
        return None
    return value


def _whole(value: Any, low: int, high: int) -> int | None:
    """Return value when it is an int (not a bool) in [low, high], else None."""
    return value if type(value) is int and low <= value <= high else None


def _keys_ok(body: Any, required: set[str], optional: set[str]) -> bool:
    """Whether body is an object with every required key and no key outside required | optional | {'pad'}."""
    if type(body) is not dict or not required <= set(body) or set(body) - required - optional - {"pad"}:
        return False
    return "pad" not in body or _text(body["pad"], MAX_PAD_CHARS) is not None


def vote_fields(body: Any) -> VoteFields | None:
    """Return the vote a body asks for, or None if any field is missing, extra, of the wrong type or too long."""
    if not _keys_ok(body, {"round", "choice", "nonce"}, {"reason"}):
        return None
    round_id = _whole(body["round"], 1, MAX_ID)
    choice = _text(body["choice"], 16)
    reason = _text(body.get("reason", ""), MAX_REASON_CHARS)
    nonce = _text(body["nonce"], MAX_NONCE_CHARS)
    if round_id is None or choice not in CHOICES or reason is None or nonce is None:
        return None
    return VoteFields(round_id, str(choice), reason.strip(), nonce)


def rate_fields(body: Any) -> RateFields | None:
    """Return the rating a body asks for, or None if any field is missing, extra, of the wrong type or too long."""
    if not _keys_ok(body, {"principle", "score", "nonce"}, set()):
        return None
    principle = _text(body["principle"], MAX_PRINCIPLE_CHARS)
    score = _whole(body["score"], 1, 5)
    nonce = _text(body["nonce"], MAX_NONCE_CHARS)
    if principle is None or score is None or nonce is None:
        return None
    return RateFields(principle, score, nonce)


def join_code(body: Any) -> str | None:
    """Return the code a join body presents, or None when it is missing, blank or not a short string."""
    if not _keys_ok(body, {"code"}, set()):
        return None
    code = _text(body["code"], MAX_CODE_CHARS)
    return code if code and code.strip() else None
