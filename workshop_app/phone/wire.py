"""What goes on the wire to a phone: JSON padded so that its length never tells which choice was made."""

from __future__ import annotations

import json
from typing import Any

BLOCK = 512
WIDEST_CHOICE = "disagree"  # the longest choice: every choice is measured as if it were this one
PADDED_KEYS = ("mine",)


def _widest(value: Any) -> Any:
    """Return a copy of the data with every choice-bearing value replaced by the widest choice."""
    if isinstance(value, dict):
        return {k: (WIDEST_CHOICE if k in PADDED_KEYS else _widest(v)) for k, v in value.items()}
    if isinstance(value, list):
        return [_widest(v) for v in value]
    return value


def _encoded(body: dict[str, Any]) -> bytes:
    return json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def padded(body: dict[str, Any]) -> bytes:
    """Return the body as UTF-8 JSON padded with spaces to a whole number of blocks.

    The number of blocks is worked out as if every choice were the widest, so two bodies that differ only
    in their choice always have the same length.
    """
    room = len(_encoded({**_widest(body), "pad": ""}))
    target = -(-room // BLOCK) * BLOCK
    plain = _encoded({**body, "pad": ""})
    return _encoded({**body, "pad": " " * (target - len(plain))})
