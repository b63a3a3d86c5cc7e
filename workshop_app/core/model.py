"""The workshop's domain records as plain dataclasses, shared by every layer."""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Protocol


class Stored(Protocol):
    """Any record that is given an id when it is stored."""

    @property
    def id(self) -> int | None: ...


class UnstoredRecordError(LookupError):
    """A record that was never stored was used where only a stored one makes sense (a bug, not bad input)."""


def require_id(record: Stored) -> int:
    """Return a stored record's id; raise UnstoredRecordError if it has none, never a made-up 0."""
    if record.id is None:
        raise UnstoredRecordError(f"This {type(record).__name__} has no id: it was never stored.")
    return record.id


def utc_now() -> dt.datetime:
    """Return the current time in UTC, to the microsecond."""
    return dt.datetime.now(dt.UTC)


class WorkshopStatus(StrEnum):
    """Where a workshop is in its life."""

    DRAFT = "draft"
    IN_PROGRESS = "in_progress"
    CLOSED = "closed"
    ARCHIVED = "archived"
    DELETED = "deleted"


LOCKED_STATUSES = frozenset({WorkshopStatus.CLOSED, WorkshopStatus.ARCHIVED, WorkshopStatus.DELETED})


class DecisionRule(StrEnum):
    """How a vote's outcome is decided (DESIGN.md §6)."""

    MAJORITY = "majority"
    TWO_THIRDS = "two_thirds"
    CONSENSUS = "consensus"
    GROUP_CONSENT = "group_consent"


class Choice(StrEnum):
    """A voter's choice on a proposal."""

    AGREE = "agree"
    ABSTAIN = "abstain"
    DISAGREE = "disagree"
    BLOCK = "block"


class ProposalStatus(StrEnum):
    """Where a proposal stands."""

    DRAFT = "draft"
    WITHDRAWN = "withdrawn"


class ActionStatus(StrEnum):
    """Progress of an action."""

    OPEN = "open"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    DROPPED = "dropped"


class OwnerKind(StrEnum):
    """Who owns an action."""

    PARTICIPANT = "participant"
    ORGANISATION = "organisation"
    GROUP = "group"


class CharterStatus(StrEnum):
    """Whether a charter version is still a draft or has been agreed."""

    DRAFT = "draft"
    AGREED = "agreed"


@dataclass
class Workshop:
    """One workshop of a partnership, run from a session plan."""

    title: str
    partnership: str
    place: str
    date: dt.date
    facilitator: str
    plan_key: str
    decision_rule: DecisionRule = DecisionRule.GROUP_CONSENT
    status: WorkshopStatus = WorkshopStatus.DRAFT
    purpose: str = ""
    scope: str = ""
    next_review: dt.date | None = None
    created_at: dt.datetime = field(default_factory=utc_now)
    id: int | None = None


@dataclass
class WorkshopPlan:
    """The session plan a workshop runs, as its file read when the workshop began; later edits never move it."""

    workshop_id: int
    plan_key: str
    text: str
    id: int | None = None


@dataclass
class StakeholderGroup:
    """A party at the table: council, provider, VCS, residents, or another."""

    workshop_id: int
    name: str
    colour: str
    mark: str
    position: int = 0
    id: int | None = None


@dataclass
class Participant:
    """A person in the room and the group they speak for."""

    workshop_id: int
    name: str
    group_id: int
    organisation: str = ""
    role: str = ""
    is_voting: bool = True
    present: bool = False
    ward: str = ""
    """The ward (or neighbourhood) a resident lives in; a resident who is not named is shown by it."""
    publish_name: bool = False
    """The person agreed that their name is printed in the charter and the open data (it matters for residents)."""
    signs: bool = False
    """Chosen to sign the charter: for their organisation, for their party, or as a residents' representative."""
    id: int | None = None


@dataclass
class StageProgress:
    """Where the room is in the plan, and the stage timer, for one workshop."""

    workshop_id: int
    stage_index: int = 0
    timer_running: bool = False
    elapsed_seconds: float = 0.0
    timer_started_at: dt.datetime | None = None
    extra_minutes: int = 0
    updated_at: dt.datetime = field(default_factory=utc_now)
    results_shown: bool = False
    id: int | None = None


@dataclass
class Assessment:
    """One 'where are we now?' score (1-5) for a principle, by a person or a whole group."""

    workshop_id: int
    principle: str
    group_id: int
    score: int
    participant_id: int | None = None
    created_at: dt.datetime = field(default_factory=utc_now)
    id: int | None = None


@dataclass
class Note:
    """A sticky note or idea captured at a stage."""

    workshop_id: int
    stage_index: int
    text: str
    group_id: int | None = None
    route: str = ""
    created_at: dt.datetime = field(default_factory=utc_now)
    id: int | None = None


@dataclass
class Proposal:
    """A draft commitment under one principle."""

    workshop_id: int
    principle: str
    text: str
    route: str = ""
    party_group_id: int | None = None
    status: ProposalStatus = ProposalStatus.DRAFT
    created_at: dt.datetime = field(default_factory=utc_now)
    id: int | None = None


@dataclass
class Amendment:
    """One change to a proposal's wording, kept as history."""

    proposal_id: int
    old_text: str
    new_text: str
    author: str = ""
    created_at: dt.datetime = field(default_factory=utc_now)
    id: int | None = None


@dataclass
class VoteRound:
    """One vote on a proposal; an amended proposal gets a new round."""

    proposal_id: int
    round_no: int
    secret: bool
    opened_at: dt.datetime = field(default_factory=utc_now)
    closed_at: dt.datetime | None = None
    revealed_at: dt.datetime | None = None
    present_group_ids: tuple[int, ...] = ()
    voters: tuple[tuple[int, int], ...] = ()
    """Frozen at close: (participant id, group id) of everyone who could vote then; later roster edits never count."""
    rule: DecisionRule | None = None
    """Frozen at close: the decision rule the round is decided under (None while it is open)."""
    id: int | None = None

    @property
    def is_open(self) -> bool:
        """Say whether votes can still be cast and changed."""
        return self.closed_at is None

    @property
    def is_revealed(self) -> bool:
        """Say whether the round's results may be shown: it was closed, then revealed (the one test of this)."""
        return self.closed_at is not None and self.revealed_at is not None


@dataclass
class Ballot:
    """One choice cast in a round; the last ballot of a participant counts."""

    round_id: int
    participant_id: int
    choice: Choice
    reason: str = ""
    proxy_holder_id: int | None = None
    cast_at: dt.datetime = field(default_factory=utc_now)
    salt: str = field(default_factory=lambda: secrets.token_hex(16))
    """Random, kept in the store only: without it a ballot's row digest cannot be guessed from an exported chain."""
    id: int | None = None


@dataclass
class HandCount:
    """Show-of-hands counts for one group in a round, entered by the facilitator."""

    round_id: int
    group_id: int
    agree: int = 0
    abstain: int = 0
    disagree: int = 0
    block: int = 0
    block_reason: str = ""
    id: int | None = None


@dataclass
class Action:
    """Something a party will do, with an owner, a date and a measure."""

    workshop_id: int
    principle: str
    what: str
    owner_kind: OwnerKind
    owner: str
    due: dt.date | None = None
    measure: str = ""
    status: ActionStatus = ActionStatus.OPEN
    proposal_id: int | None = None
    created_at: dt.datetime = field(default_factory=utc_now)
    id: int | None = None


@dataclass
class CharterVersion:
    """A numbered version of the charter; agreed versions are frozen."""

    workshop_id: int
    version: int
    status: CharterStatus = CharterStatus.DRAFT
    agreed_on: dt.date | None = None
    changes: str = ""
    sections_json: str = "{}"
    created_at: dt.datetime = field(default_factory=utc_now)
    id: int | None = None


@dataclass
class CharterFacts:
    """What the partners agreed about running the partnership, in their own words; every field may be empty."""

    workshop_id: int
    board: str = ""
    chair: str = ""
    quorum: str = ""
    conflicts: str = ""
    confidentiality: str = ""
    information: str = ""
    """Freedom of information and data protection."""
    expenses: str = ""
    """Residents' expenses: what is paid back and how."""
    amending: str = ""
    """How the charter itself is changed."""
    indicators: str = ""
    """How progress is measured: one indicator a line."""
    reports: str = ""
    """Where progress reports are published."""
    id: int | None = None


@dataclass
class PartyContact:
    """Who to contact for a party or one of its organisations (organisation "" means the party as a whole)."""

    workshop_id: int
    group_id: int
    organisation: str = ""
    participant_id: int | None = None
    email: str = ""
    phone: str = ""
    id: int | None = None


@dataclass
class PhoneCode:
    """A participant's personal join code for phone voting; a secret, never exported or logged."""

    workshop_id: int
    participant_id: int
    code: str
    issued_at: dt.datetime = field(default_factory=utc_now)
    revoked_at: dt.datetime | None = None
    bound_device: str = ""
    id: int | None = None


@dataclass
class AuditEntry:
    """An append-only log entry chained to the one before it by a hash."""

    workshop_id: int | None
    kind: str
    text: str
    prev_hash: str
    hash: str
    at: dt.datetime = field(default_factory=utc_now)
    row_digests: str = ""
    """What the operation wrote: "kind:id:sha256" items joined by ";" (see core/integrity.py), in the hash."""
    id: int | None = None


RECORD_TYPES: tuple[type, ...] = (
    Workshop,
    StakeholderGroup,
    Participant,
    StageProgress,
    Assessment,
    Note,
    Proposal,
    Amendment,
    VoteRound,
    Ballot,
    HandCount,
    Action,
    CharterVersion,
    CharterFacts,
    PartyContact,
)
