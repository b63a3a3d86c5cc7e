"""Personal join codes for phone voting: issue, reissue (revoking the old), match in constant time, bind a phone.

A code is 15 characters of Crockford base32 (75 random bits from `secrets`). Codes are stored as they are,
because the badge sheet must print them again; they live only in the store, never in the audit log or an
export. A phone that joins gets a random device token; only its SHA-256 is stored (`bound_device`).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass

from workshop_app.core import audit
from workshop_app.core.changes import Changed, Changes
from workshop_app.core.errors import WorkshopError
from workshop_app.core.model import Participant, PhoneCode, StakeholderGroup, require_id, utc_now
from workshop_app.core.ports import UnitOfWork

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_LENGTH = 15
CODE_BITS = CODE_LENGTH * 5
_LOOKALIKES = str.maketrans({"O": "0", "I": "1", "L": "1", "U": "V"})


class CodeRefusedError(WorkshopError):
    """A phone code was unknown, revoked, or already used on another phone."""


@dataclass(frozen=True)
class Badge:
    """One line of the badge sheet: who, their group, and their code."""

    participant_id: int
    name: str
    group: str
    code: str
    is_voting: bool
    joined: bool = False
    """Whether a phone is bound to the code now."""


def new_code() -> str:
    """Return a fresh random code of CODE_LENGTH characters."""
    return "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))


def normalise(text: str) -> str:
    """Return a typed code in canonical form: capitals, no spaces or dashes, look-alike letters mapped."""
    kept = "".join(ch for ch in text.upper() if not ch.isspace() and ch != "-")
    return kept.translate(_LOOKALIKES)


def format_code(code: str) -> str:
    """Return a code split into groups of five for reading aloud and typing."""
    return "-".join(code[i:i + 5] for i in range(0, len(code), 5))


def device_hash(token: str) -> str:
    """Return the stored form of a phone's device token."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def match_text(codes: list[str], presented: str) -> str | None:
    """Return the code (as stored) equal to the presented one, comparing with every code in constant time."""
    wanted = normalise(presented).encode("ascii", "replace")
    found: str | None = None
    for code in codes:
        if hmac.compare_digest(code.encode("ascii"), wanted) and code:
            found = code
    return found


def code_for_device(uow: UnitOfWork, workshop_id: int, device: str) -> PhoneCode | None:
    """Return the active code bound to a device (given as its hash), or None."""
    if not device:
        return None
    rows = uow.repo(PhoneCode).list(workshop_id=workshop_id, bound_device=device, revoked_at=None)
    return rows[0] if rows else None


def codes_for_devices(uow: UnitOfWork, workshop_id: int, devices: list[str]) -> dict[str, int]:
    """Return the participant each of these devices (given as hashes) is bound to by an active code, where one is."""
    found = uow.repo(PhoneCode).list_in("bound_device", devices) if devices else []
    return {c.bound_device: c.participant_id for c in found
            if c.bound_device and c.workshop_id == workshop_id and c.revoked_at is None}


def issue_missing_codes(uow: UnitOfWork, workshop_id: int) -> Changed[list[PhoneCode]]:
    """Give every participant without an active code a new one; return the codes issued."""
    have = {c.participant_id for c in _active(uow, workshop_id)}
    issued = [uow.repo(PhoneCode).add(PhoneCode(workshop_id, p.id, new_code()))
              for p in uow.repo(Participant).list(workshop_id=workshop_id)
              if p.id is not None and p.id not in have]
    if issued:
        audit.append(uow, workshop_id, "phone_codes_issued", f"Phone codes were issued for {len(issued)} participant(s).")
    return Changed(issued, Changes(phones=bool(issued)))


def reissue_code(uow: UnitOfWork, participant_id: int) -> Changed[PhoneCode]:
    """Revoke a participant's code (and the phone bound to it) and issue a new one."""
    person = uow.repo(Participant).get(participant_id)
    if person is None or person.id is None:
        raise WorkshopError("That participant cannot be found; choose a name from the list.")
    for old in uow.repo(PhoneCode).list(participant_id=participant_id, revoked_at=None):
        old.revoked_at = utc_now()
        uow.repo(PhoneCode).update(old)
    code = uow.repo(PhoneCode).add(PhoneCode(person.workshop_id, person.id, new_code()))
    audit.append(uow, person.workshop_id, "phone_code_reissued",
                 f"A new phone code was issued for {person.name}; the old one no longer works.")
    return Changed(code, Changes(phones=True))


@dataclass(frozen=True)
class JoinRequest:
    """A phone asking to join: the code it typed, the device hash it already holds (or ""), and a fresh one."""

    presented: str
    held: str
    fresh: str


def bind_devices(uow: UnitOfWork, workshop_id: int,
                 requests: list[JoinRequest]) -> Changed[list[PhoneCode | CodeRefusedError]]:
    """Bind several phones, in order, in one transaction; each is checked in full before anything is bound.

    A phone keeps the device it holds only when that device is already bound to the same code; otherwise it
    gets the fresh one (device tokens are the server's, never the phone's). Refused: an unknown code, a code
    of someone who does not vote or is not marked present, a code held by another phone, and a phone that
    already holds another person's code. Refusals are returned in place.
    """
    results: list[PhoneCode | CodeRefusedError] = []
    active = _active(uow, workshop_id) if requests else []  # the batch reads the codes and their people once
    by_code = {c.code: c for c in active}
    people = {p.id: p for p in uow.repo(Participant).list_in("id", {c.participant_id for c in active})}
    for request in requests:
        try:
            results.append(_bind(uow, by_code, people, match_text(list(by_code), request.presented), request))
        except CodeRefusedError as error:
            results.append(error)
    return Changed(results, Changes(phones=any(isinstance(r, PhoneCode) for r in results)))


def _bind(uow: UnitOfWork, by_code: dict[str, PhoneCode], people: dict[int | None, Participant], found: str | None,
          request: JoinRequest) -> PhoneCode:
    """Bind the matched active code to a device, or refuse before anything is written (`by_code`: the workshop's
    active codes, read in this unit and kept up to date as the batch binds them; `people`: their people)."""
    code = by_code.get(found) if found else None
    if code is None:
        raise CodeRefusedError("That code is not valid; check it against your slip or ask the facilitator.")
    _check_person(people.get(code.participant_id))
    if request.held and code.bound_device and hmac.compare_digest(code.bound_device, request.held):
        return code  # the same phone joining again
    if code.bound_device:
        raise CodeRefusedError("That code is already in use on another phone; ask the facilitator for a new code.")
    if request.held and any(c.bound_device == request.held for c in by_code.values()):
        raise CodeRefusedError("This phone has already joined with another person's code; one phone is for one "
                               "person.")
    code.bound_device = request.fresh
    uow.repo(PhoneCode).update(code)
    return code


def _check_person(person: Participant | None) -> None:
    """Refuse a code whose person is an observer, gone, or not marked present."""
    if person is None:
        raise CodeRefusedError("That code no longer matches a participant; ask the facilitator for a new one.")
    if not person.is_voting:
        raise CodeRefusedError("Observers do not vote, so this code cannot be used to vote.")
    if not person.present:
        raise CodeRefusedError("You are not marked as here yet; tell the facilitator you have arrived, then try "
                               "again.")


def was_cut_off(uow: UnitOfWork, workshop_id: int, device: str) -> bool:
    """Whether this device was bound to a code that has since been revoked (reissued or cut off)."""
    if not device:
        return False
    held = uow.repo(PhoneCode).column("revoked_at", workshop_id=workshop_id, bound_device=device)
    return any(at is not None for at in held)


def bound_devices(uow: UnitOfWork, workshop_id: int) -> dict[str, int]:
    """Return every phone bound by an active code: its device hash and its participant."""
    return {c.bound_device: c.participant_id for c in _active(uow, workshop_id) if c.bound_device}


def badges(uow: UnitOfWork, workshop_id: int) -> list[Badge]:
    """Return every participant with an active code, by group order then name, for the badge sheet (and whether
    a phone has joined with it)."""
    groups = {g.id: g for g in uow.repo(StakeholderGroup).list(workshop_id=workshop_id)}
    codes = {c.participant_id: c for c in _active(uow, workshop_id)}
    people = [p for p in uow.repo(Participant).list(workshop_id=workshop_id) if p.id in codes]
    people.sort(key=lambda p: (groups[p.group_id].position if p.group_id in groups else 0, p.name.casefold()))
    return [Badge(require_id(p), p.name, groups[p.group_id].name if p.group_id in groups else "",
                  codes[require_id(p)].code, p.is_voting, bool(codes[require_id(p)].bound_device)) for p in people]


def _active(uow: UnitOfWork, workshop_id: int) -> list[PhoneCode]:
    """Return the workshop's unrevoked codes inside a unit of work."""
    return uow.repo(PhoneCode).list(workshop_id=workshop_id, revoked_at=None)
