"""The console's side of a workshop's life: edit details, finish, archive, delete (with a backup first)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QWidget

from workshop_app import paths
from workshop_app.core import workshop_life
from workshop_app.core.errors import WorkshopError
from workshop_app.export.json_export import delete_keeping_a_copy
from workshop_app.ui import errors
from workshop_app.ui.controller import WorkshopController
from workshop_app.ui.facilitator.details_dialog import DetailsDialog

FINISH = ("Finish this workshop? Its record is locked: nothing in it can change after this, "
          "and its charter is final.")


def edit_details(parent: QWidget, controller: WorkshopController, plans: list[Any]) -> bool:
    """Ask for the open workshop's changed details and save them; return whether they were saved."""
    workshop = controller.workshop
    if workshop is None or workshop.id is None:
        return False
    rule_fixed = controller.read(workshop_life.has_votes, workshop.id)
    details = DetailsDialog.ask_details(parent, plans, workshop, rule_fixed)
    return details is not None and controller.change_workshop(workshop_life.edit_details, workshop.id, details)


def finish(parent: QWidget, controller: WorkshopController) -> bool:
    """Ask, then finish the open workshop; return whether it was finished."""
    if controller.workshop is None or not errors.confirm(parent, FINISH, "Finish the workshop"):
        return False
    return controller.change_workshop(workshop_life.finish, controller.workshop_id)


def backup_path(workshop_id: int, now: dt.datetime | None = None) -> Path:
    """Return a new file in the backups folder for a deleted workshop's copy."""
    stamp = (now or dt.datetime.now()).strftime("%Y%m%d-%H%M%S")
    return paths.backups_dir() / f"deleted-workshop-{workshop_id}-{stamp}.json"


def delete(parent: QWidget, controller: WorkshopController, workshop_id: int) -> Path | None:
    """Ask, showing what the workshop holds; save a copy in the backups folder; delete it. Return the copy."""
    try:
        found = controller.read(workshop_life.what_is_deleted, workshop_id)  # one read: the workshop and its size
    except WorkshopError as error:
        controller.refuse(str(error))
        return None
    out = backup_path(workshop_id)
    question = (f"Delete the workshop \"{found.workshop.title}\" with its {found.people} participants and "
                f"{found.votes} votes? A copy is saved first in {out}; import that file to bring the workshop back.")
    if not errors.confirm(parent, question, "Delete the workshop"):
        return None
    out.parent.mkdir(parents=True, exist_ok=True)
    return out if controller.change_workshop(delete_keeping_a_copy, workshop_id, out) else None
