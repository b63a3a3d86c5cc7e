"""Sticky notes and ideas captured at a stage, tagged with a group and optionally a practical route."""

from __future__ import annotations

from dataclasses import dataclass

from workshop_app.core import audit, workshops
from workshop_app.core.changes import NOTHING, Changed, Changes
from workshop_app.core.errors import WorkshopError
from workshop_app.core.model import Note, StakeholderGroup
from workshop_app.core.ports import UnitOfWork

MAX_NOTE_LENGTH = 500


def list_notes(uow: UnitOfWork, workshop_id: int, stage_index: int) -> list[Note]:
    """Return a stage's notes in the order they were written."""
    return uow.repo(Note).list(workshop_id=workshop_id, stage_index=stage_index)


@dataclass(frozen=True)
class StageNotes:
    """A stage's notes with the workshop's groups in display order (whose each note is), read together."""

    groups: list[StakeholderGroup]
    notes: list[Note]


def stage_notes(uow: UnitOfWork, workshop_id: int, stage_index: int) -> StageNotes:
    """Return a stage's notes and the workshop's groups, in one reading transaction."""
    return StageNotes(workshops.list_groups(uow, workshop_id), list_notes(uow, workshop_id, stage_index))


def check_note(text: str) -> str:
    """Refuse an empty or over-long note; return its text tidied."""
    clean = " ".join(text.split())
    if not clean:
        raise WorkshopError("Write something on the note first.")
    if len(clean) > MAX_NOTE_LENGTH:
        raise WorkshopError(f"Keep a note under {MAX_NOTE_LENGTH} characters; split a long idea into two notes.")
    return clean


def add_note(uow: UnitOfWork, workshop_id: int, stage_index: int, text: str,
             group_id: int | None = None, route: str = "") -> Changed[Note]:
    """Add a note to a stage."""
    clean = check_note(text)
    if group_id is not None:
        group = uow.repo(StakeholderGroup).get(group_id)
        if group is None or group.workshop_id != workshop_id:
            raise WorkshopError("Choose one of this workshop's groups for the note.")
    note = uow.repo(Note).add(Note(workshop_id, stage_index, clean, group_id, route))
    audit.append(uow, workshop_id, "note_added", f"Note added at stage {stage_index + 1}: {clean}")
    return Changed(note, Changes(notes=frozenset({stage_index})))


def remove_note(uow: UnitOfWork, note_id: int) -> Changes:
    """Remove a note (nothing changes when it is already gone)."""
    note = uow.repo(Note).get(note_id)
    if note is None:
        return NOTHING
    uow.repo(Note).delete(note_id)
    audit.append(uow, note.workshop_id, "note_removed", f"Note removed at stage {note.stage_index + 1}")
    return Changes(notes=frozenset({note.stage_index}))
