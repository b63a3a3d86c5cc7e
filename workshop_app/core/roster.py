"""Operations on a workshop's participants: add, edit, remove, presence, search."""

from __future__ import annotations

from dataclasses import replace

from workshop_app.core import audit
from workshop_app.core.changes import NOTHING, Changed, Changes
from workshop_app.core.errors import WorkshopError
from workshop_app.core.model import Ballot, Participant, StakeholderGroup, require_id
from workshop_app.core.ports import UnitOfWork

ROSTER = Changes(roster=True)


def clean_name(name: str) -> str:
    """Return a name with surrounding and repeated spaces removed."""
    return " ".join(name.split())


def list_participants(uow: UnitOfWork, workshop_id: int) -> list[Participant]:
    """Return a workshop's participants in the order they were added."""
    return uow.repo(Participant).list(workshop_id=workshop_id)


def matches(participant: Participant, query: str, group_name: str = "") -> bool:
    """Say whether a participant matches a search by name, organisation, role or group."""
    needle = query.casefold().strip()
    if not needle:
        return True
    fields = (participant.name, participant.organisation, participant.role, group_name)
    return any(needle in f.casefold() for f in fields)


def check_person(person: Participant, others: list[Participant]) -> Participant:
    """Refuse an empty name or one already on the list; return the person with their text tidied."""
    name = clean_name(person.name)
    if not name:
        raise WorkshopError("Give the participant a name.")
    if any(o.name.casefold() == name.casefold() and o.id != person.id for o in others):
        raise WorkshopError(f"{name} is already on the list; add something to tell them apart.")
    return replace(person, name=name, organisation=person.organisation.strip(), role=person.role.strip(),
                   ward=clean_name(person.ward))


def _check(uow: UnitOfWork, person: Participant) -> Participant:
    if not clean_name(person.name):
        raise WorkshopError("Give the participant a name.")
    group = uow.repo(StakeholderGroup).get(person.group_id)
    if group is None or group.workshop_id != person.workshop_id:
        raise WorkshopError("Choose one of this workshop's stakeholder groups for the participant.")
    return check_person(person, uow.repo(Participant).list(workshop_id=person.workshop_id))


def add_participant(uow: UnitOfWork, person: Participant) -> Changed[Participant]:
    """Add a participant after checking their name and group."""
    added = uow.repo(Participant).add(_check(uow, replace(person, id=None)))
    audit.append(uow, person.workshop_id, "participant_added", f"Participant added: {added.name}")
    return Changed(added, ROSTER)


def update_participant(uow: UnitOfWork, person: Participant) -> Changed[Participant]:
    """Save a participant's changed details."""
    if uow.repo(Participant).get(person.id or -1) is None:
        raise WorkshopError("That participant no longer exists; reopen the workshop.")
    saved = uow.repo(Participant).update(_check(uow, person))
    audit.append(uow, person.workshop_id, "participant_changed", f"Participant changed: {saved.name}")
    return Changed(saved, ROSTER)


def set_present(uow: UnitOfWork, participant_id: int, present: bool) -> Changed[Participant]:
    """Mark a participant present or absent."""
    person = uow.repo(Participant).get(participant_id)
    if person is None:
        raise WorkshopError("That participant no longer exists; reopen the workshop.")
    person.present = present
    uow.repo(Participant).update(person)
    word = "present" if present else "absent"
    audit.append(uow, person.workshop_id, "presence", f"{person.name} marked {word}")
    return Changed(person, ROSTER)


def remove_participant(uow: UnitOfWork, participant_id: int) -> Changes:
    """Remove a participant who has not voted."""
    person = uow.repo(Participant).get(participant_id)
    if person is None:
        return NOTHING
    if uow.repo(Ballot).list(participant_id=participant_id) or uow.repo(Ballot).list(proxy_holder_id=participant_id):
        raise WorkshopError(f"{person.name} has voted, so they stay on the record; mark them absent instead.")
    uow.repo(Participant).delete(participant_id)
    audit.append(uow, person.workshop_id, "participant_removed", f"Participant removed: {person.name}")
    return ROSTER


def set_all_present(uow: UnitOfWork, workshop_id: int, present: bool,
                    group_id: int | None = None) -> Changed[dict[int, bool]]:
    """Mark everyone (or everyone in one group) present or absent in one step; return who changed, as they were."""
    people = list_participants(uow, workshop_id)
    return set_presence(uow, workshop_id,
                        {require_id(p): present for p in people if group_id is None or p.group_id == group_id})


def set_presence(uow: UnitOfWork, workshop_id: int, states: dict[int, bool]) -> Changed[dict[int, bool]]:
    """Set several people's presence at once (also how a bulk change is undone); return who changed, as they were."""
    people = uow.repo(Participant).list(workshop_id=workshop_id)
    changed = [p for p in people if p.id in states and p.present != states[p.id]]
    before = {require_id(p): p.present for p in changed}
    for person in changed:
        person.present = states[require_id(person)]
        uow.repo(Participant).update(person)
    if changed:
        here = sum(p.present for p in changed)
        audit.append(uow, workshop_id, "presence",
                     f"Presence changed at once: {here} marked present, {len(changed) - here} marked absent")
    return Changed(before, ROSTER if changed else NOTHING)


def presence_warning(groups: list[StakeholderGroup], people: list[Participant]) -> str:
    """Return a plain warning naming groups with nobody here or under half their voters here, or ''."""
    absent, thin = [], []
    for group in groups:
        voters = [p for p in people if p.group_id == group.id and p.is_voting]
        here = sum(p.present for p in voters)
        if voters and here == 0:
            absent.append(group.name)
        elif voters and here * 2 < len(voters):
            thin.append(f"{group.name} ({here} of {len(voters)})")
    parts = []
    if absent:
        parts.append(f"Nobody from {', '.join(absent)} is marked here.")
    if thin:
        parts.append(f"Fewer than half are marked here in {', '.join(thin)}.")
    return " ".join(parts)
