"""Charter versions: a draft's editable wording, marking a version agreed (frozen), and starting an amendment.

Version 1 starts from the session plan's wording; a review workshop of the same partnership starts from the
partnership's last agreed version and carries its number on. Every change is written to the audit log.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from workshop_app.core import audit
from workshop_app.core.charter import build_charter
from workshop_app.core.charter_changes import (
    DROPPED_KEY, SECTION_NAMES, latest_version, long_day, previous_agreed, sections_of, snapshot_of,
)
from workshop_app.core.errors import WorkshopError
from workshop_app.core.model import CharterStatus, CharterVersion, Workshop, require_id
from workshop_app.core.plans import plan_by_key
from workshop_app.core.ports import UnitOfWork, UnitOfWorkFactory

WORDING_KEYS = ("working_together", "escalation", "resident_concerns", "review_triggers", "joining_leaving",
                "review_after_months")
"""The keys of a version's own wording (purpose and the review date are kept on the workshop)."""

MAX_SECTION_LENGTH = 3000
"""The longest a section (or one step or trigger) may be, in characters."""


@dataclass(frozen=True)
class CharterWording:
    """The charter wording the facilitator can edit while a version is a draft."""

    purpose: str
    working_together: str
    escalation: tuple[str, ...]
    resident_concerns: str
    review_triggers: tuple[str, ...]
    joining_leaving: str
    next_review: dt.date


def current_version(uow_factory: UnitOfWorkFactory, workshop_id: int) -> CharterVersion:
    """Return the workshop's latest charter version, starting a draft when it has none."""
    with uow_factory() as uow:
        workshop = _workshop(uow, workshop_id)
        latest = latest_version(uow, workshop_id)
        if latest is not None:
            return latest
        base = previous_agreed(uow, workshop)
        if base is None:
            version = CharterVersion(workshop_id, 1, sections_json=_dumps(_plan_wording(workshop.plan_key)))
            text = "Charter version 1 started as a draft from the session plan's wording"
        else:
            carried = (*WORDING_KEYS, "purpose", "scope")  # a review keeps the agreed purpose and scope too
            wording = {k: v for k, v in sections_of(base).items() if k in carried}
            version = CharterVersion(workshop_id, base.version + 1, sections_json=_dumps(wording))
            text = f"Charter version {base.version + 1} started as a draft from agreed version {base.version}"
        version = uow.repo(CharterVersion).add(version)
        audit.append(uow, workshop_id, "charter_version_started", text)
        uow.commit()
    return version


def current_wording(uow_factory: UnitOfWorkFactory, workshop_id: int) -> CharterWording:
    """Return the wording the charter uses now (the draft's own, else the plan's, with the workshop's purpose)."""
    content = build_charter(uow_factory, workshop_id)
    s = content.sections
    return CharterWording(s.purpose, s.working_together, s.escalation, s.resident_concerns, s.review_triggers,
                          s.joining_leaving, content.next_review)


def update_sections(uow_factory: UnitOfWorkFactory, workshop_id: int, wording: CharterWording) -> CharterVersion:
    """Save new wording on the draft version (purpose and review date on the workshop); refused once agreed."""
    clean = _checked(wording)
    version = current_version(uow_factory, workshop_id)
    _require_draft(version)
    before = current_wording(uow_factory, workshop_id)
    changed = [name for key, name in _EDIT_NAMES.items() if getattr(before, key) != getattr(clean, key)]
    if not changed:
        return version
    with uow_factory() as uow:
        workshop = _workshop(uow, workshop_id)
        if clean.next_review <= workshop.date:
            raise WorkshopError("Choose a review date after the workshop's date.")
        stored = uow.repo(CharterVersion).get(require_id(version))
        assert stored is not None
        sections = sections_of(stored)
        sections.update(working_together=clean.working_together, escalation=list(clean.escalation),
                        resident_concerns=clean.resident_concerns, review_triggers=list(clean.review_triggers),
                        joining_leaving=clean.joining_leaving)
        stored.sections_json = _dumps(sections)
        uow.repo(CharterVersion).update(stored)
        workshop.purpose, workshop.next_review = clean.purpose, clean.next_review
        uow.repo(Workshop).update(workshop)
        audit.append(uow, workshop_id, "charter_wording_changed",
                     f"Charter version {stored.version} wording changed: {', '.join(changed)}", rows=[workshop])
        uow.commit()
    return stored


def mark_agreed(uow_factory: UnitOfWorkFactory, workshop_id: int, agreed_on: dt.date) -> CharterVersion:
    """Mark the draft version agreed on a date, freezing its commitments and wording (and what changed)."""
    version = current_version(uow_factory, workshop_id)
    _require_draft(version)
    content = build_charter(uow_factory, workshop_id)
    if agreed_on < content.workshop.date:
        raise WorkshopError(f"Choose the workshop's day ({long_day(content.workshop.date)}) or a later day "
                            "for the agreement.")
    if not content.commitments:
        raise WorkshopError("Nothing has been agreed yet: vote on the proposals before marking the charter agreed.")
    with uow_factory() as uow:
        stored = uow.repo(CharterVersion).get(require_id(version))
        assert stored is not None
        if stored.status != CharterStatus.DRAFT:
            raise WorkshopError(f"Charter version {stored.version} has just been agreed; reload the charter.")
        sections = {**sections_of(stored), **snapshot_of(content.commitments, content.sections, content.next_review)}
        stored.status, stored.agreed_on = CharterStatus.AGREED, agreed_on
        stored.changes, stored.sections_json = content.changes, _dumps(sections)
        uow.repo(CharterVersion).update(stored)
        count = len(content.commitments)
        audit.append(uow, workshop_id, "charter_agreed",
                     f"Charter version {stored.version} agreed on {agreed_on.isoformat()} with {count} "
                     f"commitment{'s' if count != 1 else ''}")
        uow.commit()
    return stored


def start_amendment(uow_factory: UnitOfWorkFactory, workshop_id: int) -> CharterVersion:
    """Start the next version as a draft after an agreed one, with the agreed version's wording."""
    agreed = current_version(uow_factory, workshop_id)
    if agreed.status != CharterStatus.AGREED:
        raise WorkshopError(f"Charter version {agreed.version} is still a draft: change it, or mark it agreed "
                            "before starting the next version.")
    with uow_factory() as uow:
        wording = {k: v for k, v in sections_of(agreed).items() if k in (*WORDING_KEYS, DROPPED_KEY, "purpose", "scope")}
        version = uow.repo(CharterVersion).add(CharterVersion(workshop_id, agreed.version + 1,
                                                              sections_json=_dumps(wording)))
        audit.append(uow, workshop_id, "charter_amendment_started",
                     f"Charter version {version.version} started as a draft to amend version {agreed.version}")
        uow.commit()
    return version


_EDIT_NAMES: dict[str, str] = {
    "purpose": SECTION_NAMES["purpose"].lower(), "working_together": SECTION_NAMES["working_together"].lower(),
    "escalation": SECTION_NAMES["escalation"].lower(), "resident_concerns": SECTION_NAMES["resident_concerns"].lower(),
    "review_triggers": SECTION_NAMES["review_triggers"].lower(),
    "joining_leaving": SECTION_NAMES["joining_leaving"].lower(), "next_review": "the next review date",
}


def _checked(wording: CharterWording) -> CharterWording:
    """Tidy the wording's spacing and refuse an empty or over-long section."""
    texts = {key: " ".join(str(getattr(wording, key)).split()) for key in
             ("purpose", "working_together", "resident_concerns", "joining_leaving")}
    lists = {key: tuple(" ".join(line.split()) for line in getattr(wording, key) if line.strip())
             for key in ("escalation", "review_triggers")}
    for key, value in [*texts.items(), *((k, "\n".join(v)) for k, v in lists.items())]:
        name = SECTION_NAMES[key].lower()
        if not value:
            raise WorkshopError(f"Write something for {name} before saving the charter's wording.")
        if any(len(part) > MAX_SECTION_LENGTH for part in value.split("\n")):
            raise WorkshopError(f"Keep {name} under {MAX_SECTION_LENGTH} characters a paragraph.")
    return CharterWording(texts["purpose"], texts["working_together"], lists["escalation"],
                          texts["resident_concerns"], lists["review_triggers"], texts["joining_leaving"],
                          wording.next_review)


def _require_draft(version: CharterVersion) -> None:
    if version.status != CharterStatus.DRAFT:
        when = f" on {long_day(version.agreed_on)}" if version.agreed_on else ""
        raise WorkshopError(f"Charter version {version.version} was agreed{when}; start version "
                            f"{version.version + 1} to change it.")


def _workshop(uow: UnitOfWork, workshop_id: int) -> Workshop:
    found = uow.repo(Workshop).get(workshop_id)
    if found is None:
        raise WorkshopError(f"There is no workshop with id {workshop_id}; run `workshop-app list` to see them.")
    return found


def _plan_wording(plan_key: str) -> dict[str, Any]:
    """The plan's charter wording (the default plan's for an unknown plan), without the purpose."""
    try:
        sections = plan_by_key(plan_key).charter.as_sections()
    except WorkshopError:
        sections = plan_by_key("charter").charter.as_sections()
    return {k: v for k, v in sections.items() if k in WORDING_KEYS}


def _dumps(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False)
