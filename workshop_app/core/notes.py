"""Sticky notes and ideas captured at a stage, tagged with a group and optionally a practical route."""

from __future__ import annotations

from workshop_app.core import audit
from workshop_app.core.errors import WorkshopError
from workshop_app.core.model import Note, StakeholderGroup
from workshop_app.core.ports import UnitOfWorkFactory, reading

MAX_NOTE_LENGTH = 500


def list_notes(uow_factory: UnitOfWorkFactory, workshop_id: int, stage_index: int) -> list[Note]:
    """Return a stage's notes in the order they were written."""
    with reading(uow_factory) as uow:
        return uow.repo(Note).list(workshop_id=workshop_id, stage_index=stage_index)


def check_note(text: str) -> str:
    """Refuse an empty or over-long note; return its text tidied."""
    clean = " ".join(text.split())
    if not clean:
        raise WorkshopError("Write something on the note first.")
    if len(clean) > MAX_NOTE_LENGTH:
        raise WorkshopError(f"Keep a note under {MAX_NOTE_LENGTH} characters; split a long idea into two notes.")
    return clean


def add_note(uow_factory: UnitOfWorkFactory, workshop_id: int, stage_index: int, text: str,
             group_id: int | None = None, route: str = "") -> Note:
    """Add a note to a stage."""
    clean = check_note(text)
    with uow_factory() as uow:
        if group_id is not None:
            group = uow.repo(StakeholderGroup).get(group_id)
            if group is None or group.workshop_id != workshop_id:
                raise WorkshopError("Choose one of this workshop's groups for the note.")
        note = uow.repo(Note).add(Note(workshop_id, stage_index, clean, group_id, route))
        audit.append(uow, workshop_id, "note_added", f"Note added at stage {stage_index + 1}: {clean}")
        uow.commit()
    return note


def remove_note(uow_factory: UnitOfWorkFactory, note_id: int) -> None:
    """Remove a note."""
    with uow_factory() as uow:
        note = uow.repo(Note).get(note_id)
        if note is None:
            return
        uow.repo(Note).delete(note_id)
        audit.append(uow, note.workshop_id, "note_removed", f"Note removed at stage {note.stage_index + 1}")
        uow.commit()
