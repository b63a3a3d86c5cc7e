"""Charter versions: a draft's editable wording, marking a version agreed (frozen), and starting an amendment.

Version 1 starts from the session plan's wording; a review workshop of the same partnership starts from the
partnership's last agreed version and carries its number on. Every change is written to the audit log.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from workshop_app.core import audit
from workshop_app.core.changes import NOTHING, Changed, Changes
from workshop_app.core.charter import build_charter, plan_wording
from workshop_app.core.charter_document import CharterDocument
from workshop_app.core.charter_changes import (
    SECTION_NAMES, frozen, latest_version, long_day, previous_agreed, stored_wording,
)
from workshop_app.core.charter_wording import CharterWording, VersionWording, dump_version
from workshop_app.core.errors import WorkshopError
from workshop_app.core.model import CharterStatus, CharterVersion, Workshop
from workshop_app.core.plans import CHARTER_FIELDS
from workshop_app.core.ports import UnitOfWork

OWN_WORDING = tuple(name for name in CHARTER_FIELDS if name != "purpose")
"""A version's own wording as it starts from the plan (purpose and the review date are kept on the workshop)."""

CARRIED_WORDING = (*OWN_WORDING, "purpose", "scope")
"""The wording a next version starts from: a review keeps the agreed purpose and scope too."""

MAX_SECTION_LENGTH = 3000
"""The longest a section (or one step or trigger) may be, in characters."""


CHARTER = Changes(charter=True)


@dataclass(frozen=True)
class CharterAsItStands:
    """The workshop's latest charter version and the charter it makes, read in one transaction."""

    version: CharterVersion
    document: CharterDocument


def current_version(uow: UnitOfWork, workshop_id: int) -> Changed[CharterVersion]:
    """Return the workshop's latest charter version, starting a draft when it has none."""
    workshop = _workshop(uow, workshop_id)
    latest = latest_version(uow, workshop_id)
    if latest is not None:
        return Changed(latest, NOTHING)
    base = previous_agreed(uow, workshop)
    if base is None:
        wording = plan_wording(workshop.plan_key).only(*OWN_WORDING)
        version = CharterVersion(workshop_id, 1, sections_json=dump_version(VersionWording(wording)))
        text = "Charter version 1 started as a draft from the session plan's wording"
    else:
        wording = stored_wording(base).wording.only(*CARRIED_WORDING)
        version = CharterVersion(workshop_id, base.version + 1, sections_json=dump_version(VersionWording(wording)))
        text = f"Charter version {base.version + 1} started as a draft from agreed version {base.version}"
    version = uow.repo(CharterVersion).add(version)
    audit.append(uow, workshop_id, "charter_version_started", text)
    return Changed(version, CHARTER)


def charter_as_it_stands(uow: UnitOfWork, workshop_id: int) -> Changed[CharterAsItStands]:
    """The latest version (version 1 is started when there is none) and the charter, in one transaction."""
    version = current_version(uow, workshop_id)
    return Changed(CharterAsItStands(version.value, build_charter(uow, workshop_id)), version.changes)


def charter_if_started(uow: UnitOfWork, workshop_id: int) -> CharterAsItStands | None:
    """The latest version and the charter, or None before version 1 is started (a query: it writes nothing)."""
    latest = latest_version(uow, workshop_id)
    return CharterAsItStands(latest, build_charter(uow, workshop_id)) if latest is not None else None


def current_wording(uow: UnitOfWork, workshop_id: int) -> CharterWording:
    """Return the wording the charter uses now (the draft's own, else the plan's, with the workshop's purpose)."""
    return build_charter(uow, workshop_id).sections


def update_sections(uow: UnitOfWork, workshop_id: int, wording: CharterWording) -> Changed[Workshop]:
    """Save new wording on the draft version (purpose and review date on the workshop, which is returned as it now
    stands); refused once agreed."""
    clean = _checked(wording)
    started = current_version(uow, workshop_id)
    stored = _require_draft(started.value)
    before = current_wording(uow, workshop_id)
    changed = [name for key, name in _EDIT_NAMES.items() if getattr(before, key) != getattr(clean, key)]
    workshop = _workshop(uow, workshop_id)
    if not changed:
        return Changed(workshop, started.changes)
    if clean.next_review is None or clean.next_review <= workshop.date:
        raise WorkshopError("Choose a review date after the workshop's date.")
    kept = stored_wording(stored)
    edited = replace(kept.wording, **{key: getattr(clean, key) for key in _EDITED_HERE})
    stored.sections_json = dump_version(replace(kept, wording=edited))
    uow.repo(CharterVersion).update(stored)
    workshop.purpose, workshop.next_review = clean.purpose, clean.next_review
    uow.repo(Workshop).update(workshop)
    audit.append(uow, workshop_id, "charter_wording_changed",
                 f"Charter version {stored.version} wording changed: {', '.join(changed)}", rows=[workshop])
    return Changed(workshop, Changes(workshop=True, charter=True))


def mark_agreed(uow: UnitOfWork, workshop_id: int, agreed_on: dt.date) -> Changed[CharterVersion]:
    """Mark the draft version agreed on a date, freezing its commitments and wording (and what changed)."""
    stored = _require_draft(current_version(uow, workshop_id).value)
    content = build_charter(uow, workshop_id)
    if agreed_on < content.workshop.date:
        raise WorkshopError(f"Choose the workshop's day ({long_day(content.workshop.date)}) or a later day "
                            "for the agreement.")
    if not content.commitments:
        raise WorkshopError("Nothing has been agreed yet: vote on the proposals before marking the charter agreed.")
    snapshot = replace(stored_wording(stored), wording=content.sections, agreed=frozen(content.commitments))
    stored.status, stored.agreed_on = CharterStatus.AGREED, agreed_on
    stored.changes, stored.sections_json = content.changes, dump_version(snapshot)
    uow.repo(CharterVersion).update(stored)
    count = len(content.commitments)
    audit.append(uow, workshop_id, "charter_agreed",
                 f"Charter version {stored.version} agreed on {agreed_on.isoformat()} with {count} "
                 f"commitment{'s' if count != 1 else ''}")
    return Changed(stored, CHARTER)


def start_amendment(uow: UnitOfWork, workshop_id: int) -> Changed[CharterVersion]:
    """Start the next version as a draft after an agreed one, with the agreed version's wording."""
    agreed = current_version(uow, workshop_id).value
    if agreed.status != CharterStatus.AGREED:
        raise WorkshopError(f"Charter version {agreed.version} is still a draft: change it, or mark it agreed "
                            "before starting the next version.")
    kept = stored_wording(agreed)
    wording = VersionWording(kept.wording.only(*CARRIED_WORDING), dropped=kept.dropped)
    version = uow.repo(CharterVersion).add(CharterVersion(workshop_id, agreed.version + 1,
                                                          sections_json=dump_version(wording)))
    audit.append(uow, workshop_id, "charter_amendment_started",
                 f"Charter version {version.version} started as a draft to amend version {agreed.version}")
    return Changed(version, CHARTER)


_EDITED_HERE = ("working_together", "escalation", "resident_concerns", "review_triggers", "joining_leaving")
"""The wording an edit keeps on the version (its purpose and review date go on the workshop)."""

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
    return replace(wording, purpose=texts["purpose"], working_together=texts["working_together"],
                   escalation=lists["escalation"], resident_concerns=texts["resident_concerns"],
                   review_triggers=lists["review_triggers"], joining_leaving=texts["joining_leaving"])


def _require_draft(version: CharterVersion) -> CharterVersion:
    """The version, refused in one sentence when it is agreed."""
    if version.status != CharterStatus.DRAFT:
        when = f" on {long_day(version.agreed_on)}" if version.agreed_on else ""
        raise WorkshopError(f"Charter version {version.version} was agreed{when}; start version "
                            f"{version.version + 1} to change it.")
    return version


def _workshop(uow: UnitOfWork, workshop_id: int) -> Workshop:
    found = uow.repo(Workshop).get(workshop_id)
    if found is None:
        raise WorkshopError(f"There is no workshop with id {workshop_id}; run `workshop-app list` to see them.")
    return found
