"""Reviews carry forward: a later workshop's charter starts from the partnership's last agreed commitments.

Each carried commitment is "kept" until the room changes it (a proposal with the same or similar wording is agreed
here, which takes its place and its code) or drops it (the facilitator records that the room dropped it).
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from workshop_app.core import audit
from workshop_app.core.changes import Changes
from workshop_app.core.charter_changes import (
    REWORD_SIMILARITY, latest_version, previous_agreed, stored_wording, text_key,
)
from workshop_app.core.charter_wording import AgreedCommitment, dump_version
from workshop_app.core.charter_document import Commitment, KeptFrom, code_number
from workshop_app.core.errors import WorkshopError
from workshop_app.core.model import CharterStatus, CharterVersion, Workshop, require_id
from workshop_app.core.ports import UnitOfWork

@dataclass(frozen=True)
class Carried:
    """One commitment of the partnership's last agreed version, and what has become of it here."""

    code: str
    principle: str
    text: str
    party: str | None
    route: str
    state: str
    """'kept', 'dropped', 'reworded' (a similar proposal agreed here) or 'agreed again' (the same words)."""
    now: str = ""
    """The code of the commitment agreed here in its place (for 'reworded' and 'agreed again')."""


@dataclass(frozen=True)
class CarryForward:
    """The earlier agreed version a workshop starts from, and each of its commitments' state."""

    source: KeptFrom
    items: tuple[Carried, ...]

    def count(self, state: str) -> int:
        """How many carried commitments are in a state."""
        return sum(1 for item in self.items if item.state == state)

    def summary(self, added: int) -> str:
        """One line for the version history: what became of version N's commitments, and how many are new."""
        parts = [f"{n} {word}" for n, word in ((self.count("kept"), "kept"), (self.count("agreed again"),
                 "agreed again"), (self.count("reworded"), "reworded"), (self.count("dropped"), "dropped")) if n]
        total = len(self.items)
        line = (f"Started from version {self.source.version}'s {total} commitment{'s' if total != 1 else ''}: "
                f"{', '.join(parts) or 'none'}")
        return line + (f"; {added} new." if added else ".")


def carry_forward(uow: UnitOfWork, workshop: Workshop, agreed: Sequence[Commitment],
                  prefixes: Mapping[str, str]) -> tuple[list[Commitment], CarryForward | None]:
    """The charter's commitments with the kept ones added and codes continued, and what became of each carried one.

    `agreed` are the commitments agreed in this workshop, coded from 1 per prefix; a workshop with no earlier
    agreed version of its partnership gets them back unchanged.
    """
    base = previous_agreed(uow, workshop)
    if base is None:
        return list(agreed), None
    entries = stored_wording(base).agreed or ()
    source = KeptFrom(base.version, base.agreed_on, _title_of(uow, base.workshop_id))
    dropped = set(dropped_codes(latest_version(uow, require_id(workshop))))
    pairs = _pairs(entries, agreed)
    codes = _codes(entries, agreed, pairs, prefixes)
    items: list[Carried] = []
    kept: list[Commitment] = []
    for entry in entries:
        carried = Carried(entry.code, entry.principle, entry.text, entry.party, entry.route, "kept")
        match = pairs.get(entry.code)
        if match is not None:
            state = "agreed again" if text_key(match.text) == text_key(entry.text) else "reworded"
            items.append(replace(carried, state=state, now=codes[match.proposal_id]))
        elif entry.code in dropped:
            items.append(replace(carried, state="dropped"))
        else:
            items.append(carried)
            kept.append(Commitment(entry.proposal_id, entry.principle, entry.text, entry.route, entry.party,
                                   entry.code, None, kept=source))
    renumbered = [replace(c, code=codes[c.proposal_id]) for c in agreed]
    return kept + renumbered, CarryForward(source, tuple(items))


def read_carry_forward(uow: UnitOfWork, workshop_id: int) -> CarryForward | None:
    """What became of the partnership's last agreed commitments in this workshop (None when there are none)."""
    from workshop_app.core.charter import build_charter  # the charter decides what is agreed here

    return build_charter(uow, workshop_id).carried


def drop_kept(uow: UnitOfWork, workshop_id: int, code: str) -> Changes:
    """Record that the room dropped a kept commitment (by its code) from this draft."""
    return _set_dropped(uow, workshop_id, code, True)


def keep_again(uow: UnitOfWork, workshop_id: int, code: str) -> Changes:
    """Undo a drop: the carried commitment is kept again."""
    return _set_dropped(uow, workshop_id, code, False)


def dropped_codes(version: CharterVersion | None) -> tuple[str, ...]:
    """The codes a version records as dropped."""
    return stored_wording(version).dropped


def _set_dropped(uow: UnitOfWork, workshop_id: int, code: str, dropped: bool) -> Changes:
    carried = read_carry_forward(uow, workshop_id)
    item = next((i for i in carried.items if i.code == code), None) if carried else None
    if carried is None or item is None:
        raise WorkshopError(f"There is no commitment {code} carried from an earlier charter; reload the charter.")
    if dropped and item.state != "kept" or not dropped and item.state != "dropped":
        raise WorkshopError(f"Commitment {code} is {item.state} now, so it cannot be "
                            f"{'dropped' if dropped else 'kept again'}; reload the charter.")
    from workshop_app.core.charter_versions import current_version  # it starts the draft when there is none

    version = current_version(uow, workshop_id).value
    if version.status != CharterStatus.DRAFT:
        raise WorkshopError("The charter has been agreed: start the next version to change what it keeps.")
    stored = stored_wording(version)
    codes = (*(c for c in stored.dropped if c != code), *((code,) if dropped else ()))
    version.sections_json = dump_version(replace(stored, dropped=codes))
    uow.repo(CharterVersion).update(version)
    what = "dropped by the room" if dropped else "kept again"
    audit.append(uow, workshop_id, "charter_commitment_dropped" if dropped else "charter_commitment_kept",
                 f"Commitment {code} from charter version {carried.source.version} {what}: {item.text}")
    return Changes(charter=True)


def _pairs(entries: Sequence[AgreedCommitment], agreed: Sequence[Commitment]) -> dict[str, Commitment]:
    """Carried code -> the commitment agreed here in its place: the same words first, then similar ones."""
    pairs: dict[str, Commitment] = {}
    free = list(agreed)
    for exact in (True, False):
        for entry in entries:
            code, text = entry.code, text_key(entry.text)
            if code in pairs:
                continue
            scored = [(1.0 if text_key(c.text) == text else
                       difflib.SequenceMatcher(None, text, text_key(c.text)).ratio(), c)
                      for c in free if exact and text_key(c.text) == text
                      or not exact and c.principle == entry.principle]
            best = max(scored, key=lambda pair: pair[0], default=None)
            if best is not None and (exact or best[0] >= REWORD_SIMILARITY):
                pairs[code] = best[1]
                free.remove(best[1])
    return pairs


def _codes(entries: Sequence[AgreedCommitment], agreed: Sequence[Commitment], pairs: Mapping[str, Commitment],
           prefixes: Mapping[str, str]) -> dict[int, str]:
    """Proposal id -> code: a commitment taking a carried one's place takes its code (when its party's prefix
    matches); the rest number on after every carried code, so no code means two things."""
    used = {e.code for e in entries}
    highest: dict[str, int] = {}
    for code in used:
        prefix = code.rstrip("0123456789")
        highest[prefix] = max(highest.get(prefix, 0), code_number(code))
    codes: dict[int, str] = {}
    for code, match in pairs.items():
        if code.rstrip("0123456789") == _prefix(match, prefixes):
            codes[match.proposal_id] = code
    for commitment in agreed:
        if commitment.proposal_id not in codes:
            prefix = _prefix(commitment, prefixes)
            highest[prefix] = highest.get(prefix, 0) + 1
            codes[commitment.proposal_id] = f"{prefix}{highest[prefix]}"
    return codes


def _prefix(commitment: Commitment, prefixes: Mapping[str, str]) -> str:
    return prefixes.get(commitment.party, "") if commitment.party else "S"


def _title_of(uow: UnitOfWork, workshop_id: int) -> str:
    found = uow.repo(Workshop).get(workshop_id)
    return found.title if found is not None else ""


__all__ = ["Carried", "CarryForward", "carry_forward", "drop_kept", "dropped_codes", "keep_again",
           "read_carry_forward"]
