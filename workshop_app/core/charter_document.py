"""The charter document: plain frozen dataclasses of what goes in each of its twelve parts, ready to lay out."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from workshop_app.core.assessment import RadarSeries
from workshop_app.core.charter_wording import CharterWording
from workshop_app.core.decisions import Counts
from workshop_app.core.model import CharterFacts, CharterStatus, DecisionRule, Workshop

if TYPE_CHECKING:
    from workshop_app.core.charter_carry import CarryForward


@dataclass(frozen=True)
class GroupCount:
    """One group's votes on a proposal's deciding round."""

    group: str
    counts: Counts

    @property
    def consent(self) -> str:
        """The group's consent record, e.g. 'VCS 5/6' (agree out of votes cast)."""
        return f"{self.group} {self.counts.agree}/{self.counts.cast}"


@dataclass(frozen=True)
class Consent:
    """How a proposal's latest revealed round went, by group, and under which rule."""

    round_no: int
    secret: bool
    rule: DecisionRule
    rule_name: str
    reason: str
    groups: tuple[GroupCount, ...]
    totals: Counts
    block_reasons: tuple[str, ...] = ()

    @property
    def line(self) -> str:
        """Every voting group's record, e.g. 'Council 3/3 · Provider 2/2 · VCS 5/6'."""
        return " · ".join(g.consent for g in self.groups if g.counts.cast)

    @property
    def dissent(self) -> str:
        """Who disagreed or blocked, by group, with block reasons; empty when nobody did (abstaining is not dissent)."""
        text = "; ".join(self._by_group(word, pick) for word, pick in (("disagreed", "disagree"), ("blocked", "block"))
                         if getattr(self.totals, pick))
        if self.block_reasons:
            text += ". Reasons given for blocking: " + "; ".join(self.block_reasons)
        return text

    @property
    def abstentions(self) -> str:
        """Who abstained, by group ('1 abstained (VCS 1)'); empty when nobody did."""
        return self._by_group("abstained", "abstain") if self.totals.abstain else ""

    def _by_group(self, word: str, pick: str) -> str:
        by_group = [f"{g.group} {getattr(g.counts, pick)}" for g in self.groups if getattr(g.counts, pick)]
        return f"{getattr(self.totals, pick)} {word} ({', '.join(by_group)})"


@dataclass(frozen=True)
class KeptFrom:
    """The agreed charter version a review workshop starts from: its number, day and workshop."""

    version: int
    agreed_on: dt.date | None
    workshop_title: str

    @property
    def words(self) -> str:
        """'Kept from version 1, agreed on 14 March 2025'."""
        day = f", agreed on {self.agreed_on.day} {self.agreed_on:%B %Y}" if self.agreed_on else ""
        return f"Kept from version {self.version}{day}"


@dataclass(frozen=True)
class Commitment:
    """An agreed proposal: its wording, its party (None when all partners commit) and its consent record.

    A commitment carried from an earlier workshop's agreed charter and not changed here has no consent record of
    its own here: `kept` says which version it comes from.
    """

    proposal_id: int
    principle: str
    text: str
    route: str
    party: str | None
    code: str
    consent: Consent | None
    amended: bool = False
    kept: KeptFrom | None = None


@dataclass(frozen=True)
class NotAgreed:
    """A proposal that was voted on but not agreed (or blocked), or was withdrawn, with the reason."""

    proposal_id: int
    principle: str
    text: str
    party: str | None
    kind: str
    reason: str
    consent: Consent | None


@dataclass(frozen=True)
class PrincipleSection:
    """One principle in part 5: its shift and the commitments agreed under it."""

    key: str
    number: int
    name: str
    challenge: str
    shift: str
    commitments: tuple[Commitment, ...]


@dataclass(frozen=True)
class Representative:
    """A person at the table, and in what capacity they took part.

    `name` is what public documents may print: a resident who has not agreed to be named has their
    ward label there instead (core/public_names.py), so no format can print the name by mistake.
    """

    name: str
    role: str
    organisation: str
    capacity: str
    voting: bool
    present: bool
    named: bool = True
    signs: bool = False


@dataclass(frozen=True)
class Contact:
    """Who to contact for a party, or for one of its organisations; any part may be empty."""

    party: str
    organisation: str
    person: Representative | None
    email: str
    phone: str


@dataclass(frozen=True)
class Party:
    """A stakeholder group with its organisations, its people and the contacts the facilitator chose."""

    name: str
    prefix: str
    colour: str
    mark: str
    organisations: tuple[str, ...]
    representatives: tuple[Representative, ...]
    contacts: tuple[Contact, ...] = ()

    @property
    def present_count(self) -> int:
        """How many of the party's people were there."""
        return sum(1 for r in self.representatives if r.present)


@dataclass(frozen=True)
class ActionLine:
    """One row of the action plan."""

    number: int
    what: str
    principle: str
    owner: str
    due: dt.date | None
    measure: str
    status: str
    commitment_code: str = ""


@dataclass(frozen=True)
class VersionEntry:
    """One line of the version history: the number, its status, its date and what it changed."""

    number: int
    status: CharterStatus
    day: dt.date
    note: str


@dataclass(frozen=True)
class CharterDocument:
    """Everything the charter says, part by part, ready to be laid out."""

    workshop: Workshop
    version: int
    status: CharterStatus
    agreed_on: dt.date | None
    changes: str
    next_review: dt.date
    sections: CharterWording
    """The wording in effect: the version's own over the plan's, with the workshop's purpose and review date."""
    parties: tuple[Party, ...]
    principles: tuple[PrincipleSection, ...]
    not_agreed: tuple[NotAgreed, ...]
    undecided_count: int
    actions: tuple[ActionLine, ...]
    radar_axes: tuple[str, ...]
    radar: tuple[RadarSeries, ...]
    largest_gap: str | None
    rule_name: str
    rule_explanation: str
    fingerprint: str
    record_ok: bool
    history: tuple[VersionEntry, ...] = ()
    carried: CarryForward | None = None
    facts: CharterFacts | None = None
    """The partners' own words on governance, measures and reports (spacing tidied), or None when none were given."""
    unnamed_residents: int = 0
    """How many residents are shown by their ward instead of their name."""

    @property
    def commitments(self) -> tuple[Commitment, ...]:
        """Every agreed commitment, principle by principle."""
        return tuple(c for section in self.principles for c in section.commitments)

    @property
    def party_commitments(self) -> tuple[Commitment, ...]:
        """The commitments one party made on its own (part 6), in party order, then code."""
        order = {p.name: i for i, p in enumerate(self.parties)}
        mine = [c for c in self.commitments if c.party is not None]
        return tuple(sorted(mine, key=lambda c: (order.get(c.party or "", 0), code_number(c.code))))

    @property
    def indicators(self) -> tuple[str, ...]:
        """The measures of progress, one a line (none when not given)."""
        return tuple(line for line in self.facts.indicators.splitlines() if line) if self.facts else ()

    @property
    def title(self) -> str:
        """The document's title."""
        name = self.workshop.partnership.strip()
        return f"{name} charter" if name.casefold().endswith("partnership") else f"{name} partnership charter"


def code_number(code: str) -> int:
    """Return the number at the end of a commitment code (C12 gives 12)."""
    digits = "".join(ch for ch in code if ch.isdigit())
    return int(digits) if digits else 0
