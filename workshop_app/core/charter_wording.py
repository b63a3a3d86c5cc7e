"""The charter's wording as one typed value: what a plan sets, a draft edits and an agreed version freezes.

A charter version keeps its wording in the store as JSON text; `parse_version` is the one place that text is read
and `dump_version` the one place it is written. `from_document` accepts every shape earlier versions wrote:
an empty object, a plan's sections (with or without purpose), a review's carried purpose and scope, an agreed
snapshot with its commitments and review date, and the codes a room dropped.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from typing import Any

SNAPSHOT_KEY = "agreed_commitments"
"""The key, in an agreed version's stored JSON, of the commitments it agreed."""

DROPPED_KEY = "dropped_commitments"
"""The key, in a version's stored JSON, of the codes of carried commitments the room dropped."""

NEXT_REVIEW_KEY = "next_review"


@dataclass(frozen=True)
class CharterWording:
    """The charter's own wording, section by section; an empty field (no text, no lines, 0, None) is not set here."""

    purpose: str = ""
    scope: str = ""
    working_together: str = ""
    escalation: tuple[str, ...] = ()
    resident_concerns: str = ""
    review_triggers: tuple[str, ...] = ()
    joining_leaving: str = ""
    review_after_months: int = 0
    next_review: dt.date | None = None
    """The review date this wording names (an agreed snapshot, an edit); None: months after the workshop."""

    def over(self, defaults: CharterWording) -> CharterWording:
        """This wording where a field is set, the defaults' where it is not."""
        return replace(defaults, **{f.name: value for f in fields(self) if (value := getattr(self, f.name))})

    def only(self, *names: str) -> CharterWording:
        """This wording with every field but the named ones left unset."""
        return CharterWording(**{name: getattr(self, name) for name in names})


WORDING_FIELDS: tuple[str, ...] = tuple(f.name for f in fields(CharterWording))
"""Every field of the wording, in the order a plan and the stored JSON name them."""


@dataclass(frozen=True)
class AgreedCommitment:
    """One commitment as an agreed version froze it."""

    proposal_id: int
    code: str
    principle: str
    text: str
    party: str | None = None
    route: str = ""


@dataclass(frozen=True)
class VersionWording:
    """What one charter version keeps: its wording, once agreed its commitments, and the carried codes dropped."""

    wording: CharterWording = field(default_factory=CharterWording)
    agreed: tuple[AgreedCommitment, ...] | None = None
    """The commitments an agreed version froze; None for a version that never was (or an old one that did not say)."""
    dropped: tuple[str, ...] = ()


def parse_version(text: str | None) -> VersionWording:
    """Read a version's stored JSON (missing text reads as nothing set); raises ValueError when it is not JSON."""
    return from_document(json.loads(text or "{}"))


def dump_version(stored: VersionWording) -> str:
    """The JSON a version's wording is stored as."""
    return json.dumps(to_document(stored), ensure_ascii=False)


def from_document(data: object) -> VersionWording:
    """Read a version's wording from its JSON object (as stored, or as an interchange file carries it)."""
    if not isinstance(data, Mapping):
        return VersionWording()
    wording = CharterWording(
        **{name: _text(data.get(name)) for name in ("purpose", "scope", "working_together", "resident_concerns",
                                                    "joining_leaving")},
        escalation=_lines(data.get("escalation")), review_triggers=_lines(data.get("review_triggers")),
        review_after_months=_whole(data.get("review_after_months")), next_review=_day(data.get(NEXT_REVIEW_KEY)),
    )
    found = data.get(SNAPSHOT_KEY)
    agreed = tuple(_commitment(e) for e in found if isinstance(e, Mapping)) if isinstance(found, list) else None
    dropped = data.get(DROPPED_KEY)
    return VersionWording(wording, agreed, tuple(str(c) for c in dropped) if isinstance(dropped, list) else ())


def to_document(stored: VersionWording) -> dict[str, Any]:
    """A version's wording as a JSON object: the fields set, the agreed commitments and the dropped codes."""
    data: dict[str, Any] = {}
    for name in WORDING_FIELDS:
        value = getattr(stored.wording, name)
        if value:
            data[name] = list(value) if isinstance(value, tuple) else value
    if stored.wording.next_review is not None:
        data[NEXT_REVIEW_KEY] = stored.wording.next_review.isoformat()
    if stored.agreed is not None:
        data[SNAPSHOT_KEY] = [{"proposal_id": c.proposal_id, "code": c.code, "principle": c.principle, "text": c.text,
                               "party": c.party, "route": c.route} for c in stored.agreed]
    if stored.dropped:
        data[DROPPED_KEY] = list(stored.dropped)
    return data


def _text(value: object) -> str:
    return value if isinstance(value, str) else ""


def _lines(value: object) -> tuple[str, ...]:
    """A list of texts (one text reads as its lines)."""
    if isinstance(value, str):
        return tuple(line for line in value.splitlines() if line.strip())
    return tuple(str(v) for v in value) if isinstance(value, list) else ()


def _whole(value: object) -> int:
    if isinstance(value, bool):
        return 0
    if isinstance(value, int):
        return value
    return int(value) if isinstance(value, str) and value.strip().isdigit() else 0


def _day(value: object) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


def _commitment(entry: Mapping[str, Any]) -> AgreedCommitment:
    party = entry.get("party")
    return AgreedCommitment(_whole(entry.get("proposal_id")), str(entry.get("code", "")),
                            str(entry.get("principle", "")), str(entry.get("text", "")),
                            str(party) if party else None, str(entry.get("route") or ""))
