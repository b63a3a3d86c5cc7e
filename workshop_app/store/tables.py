"""SQLModel tables, one per core record type, built from the record's dataclass fields.

Each table is declared once below: its name, its foreign keys, indexes and unique column, and the columns a later
migration added (they get the field's default as a server default, so rows stored before have a value). The
columns themselves, their Python types and whether they may be NULL, come from the core dataclass.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import types
import typing
from collections.abc import Mapping, Sequence
from enum import StrEnum
from typing import Any

import sqlalchemy as sa
from sqlalchemy import Index, MetaData, UniqueConstraint
from sqlalchemy.orm import registry
from sqlmodel import Field, SQLModel

from workshop_app.core import model
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


ROW_TYPES: dict[type, type[TableBase]] = {}
"""Each core record type and the table that holds it."""

TUPLE_TYPES: dict[Any, type[sa.types.TypeDecorator[Any]]] = {
    tuple[int, ...]: IntTuple,
    tuple[tuple[int, int], ...]: IntPairs,
}
"""Tuple fields and the text column types that hold them."""


def _without_none(hint: Any) -> tuple[Any, bool]:
    """Return a field's type with None taken out, and whether it may be None."""
    parts = typing.get_args(hint) if isinstance(hint, types.UnionType) else (hint,)
    rest = tuple(part for part in parts if part is not type(None))
    return (rest[0] if len(rest) == 1 else hint), len(rest) < len(parts)


def _column_type(python: Any) -> Any:
    """Return the column type for a field's Python type; None leaves plain types to SQLModel."""
    if python is dt.datetime:
        return UTCDateTime
    if isinstance(python, type) and issubclass(python, StrEnum):
        return StrEnumType(python)
    return TUPLE_TYPES.get(python)


def _empty(python: Any) -> tuple[object, object]:
    """Return the empty value of a column added later, and the server default that gives rows stored before it."""
    if python is bool:
        return False, sa.false()
    return (() if python in TUPLE_TYPES else ""), ""


def _column(python: Any, optional: bool, *, foreign_key: str | None, index: bool,
            unique: bool, added_later: bool) -> Any:
    """Return the SQLModel Field for one dataclass field."""
    options: dict[str, Any] = {"nullable": optional}
    if (sa_type := _column_type(python)) is not None:
        options["sa_type"] = sa_type
    if foreign_key is not None:
        options["foreign_key"] = f"{foreign_key}.id"
    if index:
        options["index"] = True
    if unique:
        options["unique"] = True
    if added_later:
        default, server_default = _empty(python)
        options.update(default=default, sa_column_kwargs={"server_default": server_default})
    elif optional:
        options["default"] = None
    return Field(**options)


def record_table(kind: type, name: str, *, fks: Mapping[str, str] | None = None, indexed: Sequence[str] = (),
                 unique: str | None = None, added_later: Sequence[str] = (), table_args: tuple[Any, ...] = (),
                 doc: str = "") -> Any:
    """Declare the table that stores a core record type: its columns are the record's fields, `id` first.

    `fks` maps a column to the table its id refers to; `indexed` columns get their own index; `unique` is a column
    whose value appears in one row at most (a record kept once per workshop); `added_later` columns were added by a
    later migration. Typed Any: the row's columns are read by name in queries.
    """
    hints = typing.get_type_hints(kind)
    fields = sorted(dataclasses.fields(kind), key=lambda field: field.name != "id")
    namespace: dict[str, Any] = {
        "__tablename__": name, "__module__": __name__, "__doc__": f"A stored {kind.__name__}{doc}.",
        "__annotations__": {field.name: hints[field.name] for field in fields},
    }
    if table_args:
        namespace["__table_args__"] = table_args
    for field in fields:
        python, optional = _without_none(hints[field.name])
        namespace[field.name] = Field(default=None, primary_key=True) if field.name == "id" else _column(
            python, optional, foreign_key=(fks or {}).get(field.name), index=field.name in indexed,
            unique=field.name == unique, added_later=field.name in added_later)
    row = types.new_class(f"{kind.__name__}Row", (TableBase,), {"table": True}, lambda ns: ns.update(namespace))
    ROW_TYPES[kind] = row
    return row


_IN_WORKSHOP = {"workshop_id": "workshop"}
_OF_GROUP = {"group_id": "stakeholder_group"}

WorkshopRow = record_table(model.Workshop, "workshop")
StakeholderGroupRow = record_table(model.StakeholderGroup, "stakeholder_group", fks=_IN_WORKSHOP,
                                   indexed=("workshop_id",))
ParticipantRow = record_table(
    model.Participant, "participant", fks=_IN_WORKSHOP | _OF_GROUP, indexed=("workshop_id", "group_id"),
    added_later=("ward", "publish_name", "signs"))
StageProgressRow = record_table(model.StageProgress, "stage_progress", fks=_IN_WORKSHOP, unique="workshop_id",
                                added_later=("results_shown",), doc=": one per workshop")
AssessmentRow = record_table(
    model.Assessment, "assessment", fks=_IN_WORKSHOP | _OF_GROUP | {"participant_id": "participant"},
    indexed=("workshop_id", "group_id", "participant_id"))
NoteRow = record_table(model.Note, "note", fks=_IN_WORKSHOP | _OF_GROUP, indexed=("workshop_id", "group_id"))
ProposalRow = record_table(model.Proposal, "proposal", fks=_IN_WORKSHOP | {"party_group_id": "stakeholder_group"},
                           indexed=("workshop_id", "party_group_id"))
AmendmentRow = record_table(model.Amendment, "amendment", fks={"proposal_id": "proposal"}, indexed=("proposal_id",))
VoteRoundRow = record_table(
    model.VoteRound, "vote_round", fks={"proposal_id": "proposal"}, indexed=("proposal_id",),
    added_later=("present_group_ids", "voters"), table_args=(UniqueConstraint("proposal_id", "round_no"),),
    doc=": round numbers are unique per proposal")
BallotRow = record_table(
    model.Ballot, "ballot", fks={"round_id": "vote_round", "participant_id": "participant",
                                 "proxy_holder_id": "participant"},
    indexed=("round_id", "participant_id", "proxy_holder_id"), added_later=("salt",))
HandCountRow = record_table(model.HandCount, "hand_count", fks={"round_id": "vote_round"} | _OF_GROUP,
                            indexed=("round_id", "group_id"))
ActionRow = record_table(model.Action, "action", fks=_IN_WORKSHOP | {"proposal_id": "proposal"},
                         indexed=("workshop_id", "proposal_id"))
CharterVersionRow = record_table(
    model.CharterVersion, "charter_version", fks=_IN_WORKSHOP, indexed=("workshop_id",),
    table_args=(UniqueConstraint("workshop_id", "version"),), doc=": version numbers are unique per workshop")
CharterFactsRow = record_table(model.CharterFacts, "charter_facts", fks=_IN_WORKSHOP, unique="workshop_id",
                               doc=": one per workshop")
PartyContactRow = record_table(
    model.PartyContact, "party_contact", fks=_IN_WORKSHOP, indexed=("workshop_id", "group_id"),
    doc="; group and participant ids have no foreign key, so removing either never fails")
PhoneCodeRow = record_table(
    model.PhoneCode, "phone_code", fks=_IN_WORKSHOP, indexed=("workshop_id", "participant_id"),
    doc="; participant_id has no foreign key so a participant can still be removed")
WorkshopPlanRow = record_table(model.WorkshopPlan, "workshop_plan", fks=_IN_WORKSHOP, unique="workshop_id",
                               doc=": the plan file's text as the workshop ran it")
AuditEntryRow = record_table(
    model.AuditEntry, "audit_entry", fks=_IN_WORKSHOP, added_later=("row_digests",),
    table_args=(Index("ix_audit_entry_workshop_id_id", "workshop_id", "id"),),
    doc=": append-only, read per workshop in id order")
