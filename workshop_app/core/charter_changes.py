"""What a charter version says about itself: its number and status, and what changed since the last agreed one.

An agreed version keeps a snapshot of its commitments and wording (see charter_wording); comparing that snapshot
with the record as it stands gives the plain-words list of changes a new version carries.
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Sequence
from dataclasses import dataclass

from workshop_app.core.charter_document import Commitment
from workshop_app.core.errors import WorkshopError
from workshop_app.core.charter_wording import AgreedCommitment, CharterWording, VersionWording, parse_version
from workshop_app.core.model import CharterStatus, CharterVersion, Workshop, WorkshopStatus, require_id
from workshop_app.core.ports import UnitOfWork

SECTION_NAMES: dict[str, str] = {
    "purpose": "Our shared purpose",
    "scope": "The service or area",
    "working_together": "Working together and monitoring",
    "escalation": "The steps when things go wrong",
    "resident_concerns": "How residents raise a concern",
    "review_triggers": "What triggers an early review",
    "joining_leaving": "How partners join or leave",
}
"""The wording sections compared between versions, with the names the changes list uses."""

REWORD_SIMILARITY = 0.6
"""How alike two commitments' texts must be (difflib ratio) to count as one reworded commitment."""


@dataclass(frozen=True)
class Snapshot:
    """An agreed version's frozen commitments and wording, and whether it belongs to the same workshop."""

    version: int
    stored: VersionWording
    same_workshop: bool


@dataclass(frozen=True)
class VersionView:
    """How the charter presents its version: the number, status, agreement date and the changes list."""

    number: int
    status: CharterStatus
    agreed_on: dt.date | None
    changes: str


def long_day(day: dt.date) -> str:
    """'14 March 2025'."""
    return f"{day.day} {day:%B %Y}"


def frozen(commitments: Sequence[Commitment]) -> tuple[AgreedCommitment, ...]:
    """The commitments of a charter as it is agreed, as its version keeps them."""
    return tuple(AgreedCommitment(c.proposal_id, c.code, c.principle, c.text, c.party, c.route) for c in commitments)


def stored_wording(version: CharterVersion | None) -> VersionWording:
    """What a version keeps (nothing set for no version); damaged wording is refused in one sentence."""
    if version is None:
        return VersionWording()
    try:
        return parse_version(version.sections_json)
    except ValueError:
        raise WorkshopError(f"The saved wording of charter version {version.version} is damaged; "
                            "edit the charter sections again and save them.") from None


def agreed_before(uow: UnitOfWork, workshop: Workshop, number: int) -> Snapshot | None:
    """The agreed version a version numbered `number` follows: in this workshop, else the partnership's previous."""
    own = [v for v in uow.repo(CharterVersion).list(workshop_id=workshop.id)
           if v.status == CharterStatus.AGREED and v.version < number]
    if own:
        latest = max(own, key=lambda v: (v.version, require_id(v)))
        return Snapshot(latest.version, stored_wording(latest), True)
    previous = previous_agreed(uow, workshop)
    if previous is None or previous.version >= number:
        return None
    return Snapshot(previous.version, stored_wording(previous), False)


def latest_version(uow: UnitOfWork, workshop_id: int) -> CharterVersion | None:
    """A workshop's highest-numbered charter version, or None."""
    versions = uow.repo(CharterVersion).list(workshop_id=workshop_id)
    return max(versions, key=lambda v: (v.version, require_id(v)), default=None)


def previous_agreed(uow: UnitOfWork, workshop: Workshop) -> CharterVersion | None:
    """The latest agreed version of the partnership's latest earlier workshop that has one, or None.

    A deleted workshop's charter is passed over: a review never starts from a workshop taken off the list.
    """
    name = workshop.partnership.strip().casefold()
    earlier = sorted((w for w in uow.repo(Workshop).list() if w.partnership.strip().casefold() == name
                      and w.status != WorkshopStatus.DELETED
                      and (w.date, require_id(w)) < (workshop.date, require_id(workshop))),
                     key=lambda w: (w.date, require_id(w)), reverse=True)
    for other in earlier:
        agreed = [v for v in uow.repo(CharterVersion).list(workshop_id=other.id) if v.status == CharterStatus.AGREED]
        if agreed:
            return max(agreed, key=lambda v: (v.version, require_id(v)))
    return None


def version_view(uow: UnitOfWork, workshop: Workshop, version: CharterVersion | None,
                 commitments: Sequence[Commitment], sections: CharterWording, next_review: dt.date) -> VersionView:
    """Number, status and changes as the charter should print them.

    A draft after an agreed version lists what changed since it. An agreed version whose record has changed
    since (a new vote, new wording) is shown as the next version's draft, so no page claims an agreement
    that did not happen.
    """
    if version is None:  # not started yet: shown as the draft that current_version would start
        previous = previous_agreed(uow, workshop)
        if previous is None:
            return VersionView(1, CharterStatus.DRAFT, None, "")
        version = CharterVersion(require_id(workshop), previous.version + 1)
    if version.status == CharterStatus.AGREED:
        own = Snapshot(version.version, stored_wording(version), True)
        lines = describe_changes(own, commitments, sections, next_review) if own.stored.agreed is not None else ()
        if lines:
            return VersionView(version.version + 1, CharterStatus.DRAFT, None, "\n".join(lines))
        return VersionView(version.version, CharterStatus.AGREED, version.agreed_on, version.changes.strip())
    before = agreed_before(uow, workshop, version.version)
    if before is None or before.stored.agreed is None:
        return VersionView(version.version, CharterStatus.DRAFT, None, version.changes.strip())
    lines = describe_changes(before, commitments, sections, next_review)
    return VersionView(version.version, CharterStatus.DRAFT, None, "\n".join(lines) or no_change(before.version))


def no_change(previous: int) -> str:
    """The changes line of a version that says nothing new."""
    return f"Nothing has changed since version {previous}."


def describe_changes(before: Snapshot, commitments: Sequence[Commitment], sections: CharterWording,
                     next_review: dt.date) -> tuple[str, ...]:
    """Plain-words lines: commitments added, removed and reworded, then sections reworded and the review date."""
    old = list(before.stored.agreed or ())
    return (*_commitment_lines(old, list(frozen(commitments)), before.same_workshop),
            *_section_lines(before.stored.wording, sections, next_review))


def text_key(text: str) -> str:
    """A commitment's text as compared: without case or spacing differences."""
    return " ".join(text.casefold().split())


def _commitment_lines(old: list[AgreedCommitment], new: list[AgreedCommitment],
                      same_workshop: bool) -> list[str]:
    """Pair old and new commitments (by proposal in one workshop, else by text), then pair similar leftovers."""
    pairs: list[tuple[AgreedCommitment, AgreedCommitment]] = []
    removed, added = list(old), list(new)
    for item in list(removed):
        match = next((n for n in added if (n.proposal_id == item.proposal_id if same_workshop
                                           else text_key(n.text) == text_key(item.text))), None)
        if match is not None:
            pairs.append((item, match))
            removed.remove(item)
            added.remove(match)
    for item in list(removed):
        similar = [(difflib.SequenceMatcher(None, text_key(item.text), text_key(n.text)).ratio(), n) for n in added
                   if n.principle == item.principle]
        best = max(similar, key=lambda pair: pair[0], default=None)
        if best is not None and best[0] >= REWORD_SIMILARITY:
            pairs.append((item, best[1]))
            removed.remove(item)
            added.remove(best[1])
    lines = [f"Commitment {b.code} added: “{b.text}”" for b in added]
    gone = "removed" if same_workshop else "dropped"  # a carried commitment leaves only when the room drops it
    lines += [f"Commitment {a.code} {gone}: “{a.text}”" for a in removed]
    lines += [f"Commitment {b.code} reworded: now “{b.text}” (was “{a.text}”)" for a, b in pairs
              if text_key(a.text) != text_key(b.text)]
    return lines


def _section_lines(old: CharterWording, sections: CharterWording, next_review: dt.date) -> list[str]:
    lines = [f"Section reworded: {name}." for key, name in SECTION_NAMES.items()
             if _normal(getattr(old, key)) != _normal(getattr(sections, key))]
    if old.next_review is not None and old.next_review != next_review:
        lines.append(f"Next review date changed from {long_day(old.next_review)} to {long_day(next_review)}.")
    return lines


def _normal(value: object) -> str:
    """Text or a list of lines, compared without case or spacing differences."""
    if isinstance(value, (list, tuple)):
        return "\n".join(" ".join(str(v).split()) for v in value)
    return " ".join(str(value).split())
