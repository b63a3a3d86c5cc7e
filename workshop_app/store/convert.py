"""Conversion between core dataclasses and their table rows, by field name."""

from __future__ import annotations

import dataclasses
from typing import Any, TypeVar

from workshop_app.core import model
from workshop_app.store import tables

T = TypeVar("T")

ROW_TYPES: dict[type, type[tables.TableBase]] = {
    model.Workshop: tables.WorkshopRow,
    model.StakeholderGroup: tables.StakeholderGroupRow,
    model.Participant: tables.ParticipantRow,
    model.StageProgress: tables.StageProgressRow,
    model.Assessment: tables.AssessmentRow,
    model.Note: tables.NoteRow,
    model.Proposal: tables.ProposalRow,
    model.Amendment: tables.AmendmentRow,
    model.VoteRound: tables.VoteRoundRow,
    model.Ballot: tables.BallotRow,
    model.HandCount: tables.HandCountRow,
    model.Action: tables.ActionRow,
    model.CharterVersion: tables.CharterVersionRow,
    model.CharterFacts: tables.CharterFactsRow,
    model.PartyContact: tables.PartyContactRow,
    model.AuditEntry: tables.AuditEntryRow,
    model.PhoneCode: tables.PhoneCodeRow,
    model.WorkshopPlan: tables.WorkshopPlanRow,
}
"""Each core record type and the table that holds it."""

_FIELDS: dict[type, tuple[str, ...]] = {
    kind: tuple(f.name for f in dataclasses.fields(kind)) for kind in ROW_TYPES
}


def field_names(kind: type) -> tuple[str, ...]:
    """Return the field names of a core record type."""
    return _FIELDS[kind]


def values_of(item: Any) -> dict[str, Any]:
    """Return a record's fields as a dict (shallow: nested values are not copied)."""
    return {name: getattr(item, name) for name in _FIELDS[type(item)]}


def to_row(item: Any) -> tables.TableBase:
    """Return a new table row holding a core record's fields."""
    return ROW_TYPES[type(item)](**values_of(item))


def copy_to_row(item: Any, row: tables.TableBase) -> None:
    """Write every field of a core record except its id onto an existing row."""
    for name, value in values_of(item).items():
        if name != "id":
            setattr(row, name, value)


def from_row(kind: type[T], row: tables.TableBase) -> T:
    """Return a core record built from a table row."""
    return kind(**{name: getattr(row, name) for name in _FIELDS[kind]})
