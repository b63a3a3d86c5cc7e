"""SQLModel tables, one per core record type, with the same field names as the dataclasses."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from sqlalchemy import Index, MetaData, UniqueConstraint
from sqlalchemy.orm import registry
from sqlmodel import Field, SQLModel

from workshop_app.core.model import (
    ActionStatus,
    CharterStatus,
    Choice,
    DecisionRule,
    OwnerKind,
    ProposalStatus,
    WorkshopStatus,
)
from workshop_app.store.types import IntPairs, IntTuple, StrEnumType, UTCDateTime

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

metadata = MetaData(naming_convention=NAMING_CONVENTION)
"""The store's schema; the migrations must produce exactly this."""


class TableBase(SQLModel, registry=registry(metadata=metadata)):
    """Base of the store's tables, kept apart from any other SQLModel metadata."""


def _when(nullable: bool = False) -> object:
    """Return a field for a UTC datetime."""
    return Field(sa_type=UTCDateTime, nullable=nullable)


class WorkshopRow(TableBase, table=True):
    """A stored Workshop."""

    __tablename__ = "workshop"
    id: int | None = Field(default=None, primary_key=True)
    title: str
    partnership: str
    place: str
    date: dt.date
    facilitator: str
    plan_key: str
    decision_rule: DecisionRule = Field(sa_type=StrEnumType(DecisionRule))
    status: WorkshopStatus = Field(sa_type=StrEnumType(WorkshopStatus))
    purpose: str
    scope: str
    next_review: dt.date | None = None
    created_at: dt.datetime = _when()  # type: ignore[assignment]


class StakeholderGroupRow(TableBase, table=True):
    """A stored StakeholderGroup."""

    __tablename__ = "stakeholder_group"
    id: int | None = Field(default=None, primary_key=True)
    workshop_id: int = Field(foreign_key="workshop.id", index=True)
    name: str
    colour: str
    mark: str
    position: int


class ParticipantRow(TableBase, table=True):
    """A stored Participant."""

    __tablename__ = "participant"
    id: int | None = Field(default=None, primary_key=True)
    workshop_id: int = Field(foreign_key="workshop.id", index=True)
    name: str
    group_id: int = Field(foreign_key="stakeholder_group.id", index=True)
    organisation: str
    role: str
    is_voting: bool
    present: bool
    ward: str = Field(default="", sa_column_kwargs={"server_default": ""})
    publish_name: bool = Field(default=False, sa_column_kwargs={"server_default": sa.false()})
    signs: bool = Field(default=False, sa_column_kwargs={"server_default": sa.false()})


class StageProgressRow(TableBase, table=True):
    """A stored StageProgress: one per workshop."""

    __tablename__ = "stage_progress"
    id: int | None = Field(default=None, primary_key=True)
    workshop_id: int = Field(foreign_key="workshop.id", unique=True)
    stage_index: int
    timer_running: bool
    elapsed_seconds: float
    timer_started_at: dt.datetime | None = _when(nullable=True)  # type: ignore[assignment]
    extra_minutes: int
    updated_at: dt.datetime = _when()  # type: ignore[assignment]
    results_shown: bool = Field(default=False, sa_column_kwargs={"server_default": sa.false()})


class AssessmentRow(TableBase, table=True):
    """A stored Assessment."""

    __tablename__ = "assessment"
    id: int | None = Field(default=None, primary_key=True)
    workshop_id: int = Field(foreign_key="workshop.id", index=True)
    principle: str
    group_id: int = Field(foreign_key="stakeholder_group.id", index=True)
    score: int
    participant_id: int | None = Field(default=None, foreign_key="participant.id", index=True)
    created_at: dt.datetime = _when()  # type: ignore[assignment]


class NoteRow(TableBase, table=True):
    """A stored Note."""

    __tablename__ = "note"
    id: int | None = Field(default=None, primary_key=True)
    workshop_id: int = Field(foreign_key="workshop.id", index=True)
    stage_index: int
    text: str
    group_id: int | None = Field(default=None, foreign_key="stakeholder_group.id", index=True)
    route: str
    created_at: dt.datetime = _when()  # type: ignore[assignment]


class ProposalRow(TableBase, table=True):
    """A stored Proposal."""

    __tablename__ = "proposal"
    id: int | None = Field(default=None, primary_key=True)
    workshop_id: int = Field(foreign_key="workshop.id", index=True)
    principle: str
    text: str
    route: str
    party_group_id: int | None = Field(default=None, foreign_key="stakeholder_group.id", index=True)
    status: ProposalStatus = Field(sa_type=StrEnumType(ProposalStatus))
    created_at: dt.datetime = _when()  # type: ignore[assignment]


class AmendmentRow(TableBase, table=True):
    """A stored Amendment."""

    __tablename__ = "amendment"
    id: int | None = Field(default=None, primary_key=True)
    proposal_id: int = Field(foreign_key="proposal.id", index=True)
    old_text: str
    new_text: str
    author: str
    created_at: dt.datetime = _when()  # type: ignore[assignment]


class VoteRoundRow(TableBase, table=True):
    """A stored VoteRound: round numbers are unique per proposal."""

    __tablename__ = "vote_round"
    __table_args__ = (UniqueConstraint("proposal_id", "round_no"),)
    id: int | None = Field(default=None, primary_key=True)
    proposal_id: int = Field(foreign_key="proposal.id", index=True)
    round_no: int
    secret: bool
    opened_at: dt.datetime = _when()  # type: ignore[assignment]
    closed_at: dt.datetime | None = _when(nullable=True)  # type: ignore[assignment]
    revealed_at: dt.datetime | None = _when(nullable=True)  # type: ignore[assignment]
    present_group_ids: tuple[int, ...] = Field(
        default=(), sa_type=IntTuple, sa_column_kwargs={"server_default": ""}, nullable=False
    )
    voters: tuple[tuple[int, int], ...] = Field(
        default=(), sa_type=IntPairs, sa_column_kwargs={"server_default": ""}, nullable=False
    )
    rule: DecisionRule | None = Field(default=None, sa_type=StrEnumType(DecisionRule), nullable=True)


class BallotRow(TableBase, table=True):
    """A stored Ballot."""

    __tablename__ = "ballot"
    id: int | None = Field(default=None, primary_key=True)
    round_id: int = Field(foreign_key="vote_round.id", index=True)
    participant_id: int = Field(foreign_key="participant.id", index=True)
    choice: Choice = Field(sa_type=StrEnumType(Choice))
    reason: str
    proxy_holder_id: int | None = Field(default=None, foreign_key="participant.id", index=True)
    cast_at: dt.datetime = _when()  # type: ignore[assignment]
    salt: str = Field(default="", sa_column_kwargs={"server_default": ""})


class HandCountRow(TableBase, table=True):
    """A stored HandCount."""

    __tablename__ = "hand_count"
    id: int | None = Field(default=None, primary_key=True)
    round_id: int = Field(foreign_key="vote_round.id", index=True)
    group_id: int = Field(foreign_key="stakeholder_group.id", index=True)
    agree: int
    abstain: int
    disagree: int
    block: int
    block_reason: str


class ActionRow(TableBase, table=True):
    """A stored Action."""

    __tablename__ = "action"
    id: int | None = Field(default=None, primary_key=True)
    workshop_id: int = Field(foreign_key="workshop.id", index=True)
    principle: str
    what: str
    owner_kind: OwnerKind = Field(sa_type=StrEnumType(OwnerKind))
    owner: str
    due: dt.date | None = None
    measure: str
    status: ActionStatus = Field(sa_type=StrEnumType(ActionStatus))
    proposal_id: int | None = Field(default=None, foreign_key="proposal.id", index=True)
    created_at: dt.datetime = _when()  # type: ignore[assignment]


class CharterVersionRow(TableBase, table=True):
    """A stored CharterVersion: version numbers are unique per workshop."""

    __tablename__ = "charter_version"
    __table_args__ = (UniqueConstraint("workshop_id", "version"),)
    id: int | None = Field(default=None, primary_key=True)
    workshop_id: int = Field(foreign_key="workshop.id", index=True)
    version: int
    status: CharterStatus = Field(sa_type=StrEnumType(CharterStatus))
    agreed_on: dt.date | None = None
    changes: str
    sections_json: str
    created_at: dt.datetime = _when()  # type: ignore[assignment]


class CharterFactsRow(TableBase, table=True):
    """A stored CharterFacts: one per workshop."""

    __tablename__ = "charter_facts"
    id: int | None = Field(default=None, primary_key=True)
    workshop_id: int = Field(foreign_key="workshop.id", unique=True)
    board: str
    chair: str
    quorum: str
    conflicts: str
    confidentiality: str
    information: str
    expenses: str
    amending: str
    indicators: str
    reports: str


class PartyContactRow(TableBase, table=True):
    """A stored PartyContact; group and participant ids have no foreign key, so removing either never fails."""

    __tablename__ = "party_contact"
    id: int | None = Field(default=None, primary_key=True)
    workshop_id: int = Field(foreign_key="workshop.id", index=True)
    group_id: int = Field(index=True)
    organisation: str
    participant_id: int | None = None
    email: str
    phone: str


class PhoneCodeRow(TableBase, table=True):
    """A stored PhoneCode; participant_id has no foreign key so a participant can still be removed."""

    __tablename__ = "phone_code"
    id: int | None = Field(default=None, primary_key=True)
    workshop_id: int = Field(foreign_key="workshop.id", index=True)
    participant_id: int = Field(index=True)
    code: str
    issued_at: dt.datetime = _when()  # type: ignore[assignment]
    revoked_at: dt.datetime | None = _when(nullable=True)  # type: ignore[assignment]
    bound_device: str


class WorkshopPlanRow(TableBase, table=True):
    """A stored WorkshopPlan: the plan file's text as the workshop ran it."""

    __tablename__ = "workshop_plan"
    id: int | None = Field(default=None, primary_key=True)
    workshop_id: int = Field(foreign_key="workshop.id", unique=True)
    plan_key: str
    text: str


class AuditEntryRow(TableBase, table=True):
    """A stored AuditEntry: append-only, read per workshop in id order."""

    __tablename__ = "audit_entry"
    __table_args__ = (Index("ix_audit_entry_workshop_id_id", "workshop_id", "id"),)
    id: int | None = Field(default=None, primary_key=True)
    workshop_id: int | None = Field(default=None, foreign_key="workshop.id")
    kind: str
    text: str
    prev_hash: str
    hash: str
    at: dt.datetime = _when()  # type: ignore[assignment]
    row_digests: str = Field(default="", sa_column_kwargs={"server_default": ""})
