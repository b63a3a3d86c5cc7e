"""The charter document: what goes in each of its twelve parts, built from a workshop's stored data.

Pure: it reads through a unit of work and returns plain frozen dataclasses; export/ turns them into a PDF.
Only revealed vote rounds count, and a proposal's latest revealed round decides whether it is agreed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import replace

from workshop_app.core.assessment import largest_gap, radar_series, summarise
from workshop_app.core.principles import load_principles
from workshop_app.core.charter_carry import CarryForward, carry_forward
from workshop_app.core.charter_changes import (
    VersionView, latest_version, no_change, previous_agreed, stored_wording, version_view,
)
from workshop_app.core.charter_wording import CharterWording
from workshop_app.core.charter_facts import check_facts, facts_of
from workshop_app.core.charter_document import (
    ActionLine, CharterDocument, Commitment, Consent, Contact, GroupCount, NotAgreed,
    Party, PrincipleSection, Representative, VersionEntry,
)
from workshop_app.core.decisions import Outcome, deciding_round, round_outcome
from workshop_app.core.errors import WorkshopError
from workshop_app.core.integrity import check_record
from workshop_app.core.model import (
    Action, CharterStatus, CharterVersion, DecisionRule, OwnerKind, Participant, Proposal,
    ProposalStatus, StakeholderGroup, VoteRound, Workshop, require_id,
)
from workshop_app.core.plans import plan_by_key
from workshop_app.core.ports import UnitOfWork
from workshop_app.core.workshops import get_workshop
from workshop_app.core.public_names import is_named, is_residents, public_name
from workshop_app.core.workshop_record import read_record
from workshop_app.core.rule_text import rule_text


def build_charter(uow: UnitOfWork, workshop_id: int) -> CharterDocument:
    """Read one workshop's records and return the charter's content."""
    workshop = get_workshop(uow, workshop_id)
    return _Builder(uow, workshop).build()


class _Builder:
    """Reads the records of one workshop inside one unit of work and assembles the content."""

    def __init__(self, uow: UnitOfWork, workshop: Workshop) -> None:
        self.uow, self.workshop = uow, workshop
        self.record = read_record(uow, require_id(workshop))  # one query per table, whatever the workshop's size
        self.groups = self.record.ordered_groups()
        self.people = self.record.participants
        self.principles = load_principles()
        self.prefixes = party_prefixes([g.name for g in self.groups])
        self.group_names = {g.id: g.name for g in self.groups}
        self.contacts = self.record.contacts

    def build(self) -> CharterDocument:
        """Assemble every part."""
        version = latest_version(self.uow, require_id(self.workshop))
        wording = self._sections(version)
        agreed_here, not_agreed, undecided = self._decisions()
        commitments, carried = carry_forward(self.uow, self.workshop, agreed_here, self.prefixes)
        summary = summarise(self.record.assessments, self.groups, [p.key for p in self.principles])
        verdict = check_record(self.record)  # the same check as `verify`
        rule = rule_text(DecisionRule(self.workshop.decision_rule))
        gap = largest_gap(summary)
        next_review = self.workshop.next_review or add_months(self.workshop.date, wording.review_after_months)
        sections = replace(wording, next_review=next_review)
        shown = version_view(self.uow, self.workshop, version, commitments, sections, next_review)
        if carried is not None and shown.status == CharterStatus.DRAFT and shown.number == carried.source.version + 1:
            shown = _with_summary(shown, carried, len(agreed_here))
        return CharterDocument(
            workshop=self.workshop,
            version=shown.number,
            status=shown.status,
            agreed_on=shown.agreed_on,
            changes=shown.changes,
            next_review=next_review,
            sections=sections,
            parties=tuple(self._party(g) for g in self.groups),
            principles=self._principle_sections(commitments),
            not_agreed=tuple(not_agreed),
            undecided_count=undecided,
            actions=self._actions(commitments),
            radar_axes=tuple(p.name for p in self.principles),
            radar=radar_series(summary, self.groups),
            largest_gap=self._principle_name(gap) if gap else None,
            rule_name=rule.name,
            rule_explanation=rule.explanation,
            fingerprint=verdict.head,
            record_ok=verdict.ok,
            history=self._history(shown.number, shown.status, shown.agreed_on, shown.changes),
            carried=carried,
            facts=check_facts(facts) if (facts := facts_of(self.uow, self.workshop)) is not None else None,
            unnamed_residents=sum(1 for p in self.people if not is_named(p, self.group_names.get(p.group_id, ""))),
        )

    def _history(self, number: int, status: CharterStatus, agreed_on: dt.date | None,
                 changes: str) -> tuple[VersionEntry, ...]:
        """Every earlier version of this workshop's charter, then the one shown."""
        earlier = sorted((v for v in self.record.charter_versions if v.version < number), key=lambda v: v.version)
        first = "First version" if number == 1 else changes.splitlines()[0] if changes.strip() else ""
        return (*(VersionEntry(v.version, v.status, v.agreed_on or v.created_at.date(),
                               _first_line(v.changes, v.version)) for v in earlier),
                VersionEntry(number, status, agreed_on or self.workshop.date, first))

    def _sections(self, version: CharterVersion | None) -> CharterWording:
        """The version's own wording over the plan's, with the workshop's purpose and scope when it has them."""
        # before a review's own draft starts, its wording is the partnership's last agreed version's
        own = stored_wording(version if version is not None else previous_agreed(self.uow, self.workshop)).wording
        merged = replace(own, next_review=None).over(plan_wording(self.workshop.plan_key))
        return replace(merged, purpose=self.workshop.purpose.strip() or merged.purpose,
                       scope=self.workshop.scope.strip() or merged.scope.strip())

    def _decisions(self) -> tuple[list[Commitment], list[NotAgreed], int]:
        """Sort every proposal into agreed, not agreed (or withdrawn), and not yet decided."""
        agreed: list[Commitment] = []
        refused: list[NotAgreed] = []
        undecided = 0
        counters: dict[str, int] = {}
        for proposal in self._proposals_in_order():
            decided = self._deciding_round(proposal)
            party = self.group_names.get(proposal.party_group_id) if proposal.party_group_id else None
            if proposal.status == ProposalStatus.WITHDRAWN:
                refused.append(NotAgreed(require_id(proposal), self._principle_name(proposal.principle), proposal.text,
                                         party, "withdrawn", "Withdrawn by the people who proposed it.",
                                         self._consent(*decided) if decided else None))
            elif decided is None:
                undecided += 1
            elif decided[1].agreed:
                prefix = self.prefixes.get(party, "") if party else "S"
                counters[prefix] = counters.get(prefix, 0) + 1
                agreed.append(Commitment(
                    require_id(proposal), proposal.principle, proposal.text, self._route_name(proposal), party,
                    f"{prefix}{counters[prefix]}", self._consent(*decided),
                    bool(self.record.amendments_of(proposal.id)),
                ))
            else:
                refused.append(NotAgreed(require_id(proposal), self._principle_name(proposal.principle), proposal.text,
                                         party, decided[1].kind, decided[1].reason, self._consent(*decided)))
        return agreed, refused, undecided

    def _proposals_in_order(self) -> list[Proposal]:
        order = {p.key: i for i, p in enumerate(self.principles)}
        return sorted(self.record.proposals, key=lambda p: (order.get(p.principle, len(order)), require_id(p)))

    def _deciding_round(self, proposal: Proposal) -> tuple[VoteRound, Outcome] | None:
        """The latest revealed round and its outcome; None if none, or if the wording changed since it opened."""
        latest = deciding_round(self.record.rounds_of(proposal.id), self.record.amendments_of(proposal.id))
        if latest is None:
            return None
        outcome = round_outcome(self.workshop.decision_rule, latest, self.record.ballots_of(latest.id),
                                self.record.hand_counts_of(latest.id), self.people, self.groups)
        return latest, outcome

    def _consent(self, vote: VoteRound, outcome: Outcome) -> Consent:
        groups = tuple(GroupCount(self.group_names.get(gid, "Another group"), counts)
                       for gid, counts in outcome.per_group.items())
        reasons = tuple(f"{self.group_names.get(r.group_id, 'Another group')}: {r.reason}"
                        for r in outcome.block_reasons if r.reason)
        return Consent(vote.round_no, vote.secret, outcome.rule, rule_text(outcome.rule).name,
                             outcome.reason, groups, outcome.totals, reasons)

    def _principle_sections(self, commitments: Sequence[Commitment]) -> tuple[PrincipleSection, ...]:
        return tuple(
            PrincipleSection(p.key, number, p.name, p.challenge, p.shift,
                             tuple(c for c in commitments if c.principle == p.key))
            for number, p in enumerate(self.principles, start=1)
        )

    def _party(self, group: StakeholderGroup) -> Party:
        members = [p for p in self.people if p.group_id == group.id]
        people = tuple(_representative(p, group.name) for p in members)
        organisations = tuple(dict.fromkeys(p.organisation for p in members if p.organisation))
        by_id = {p.id: _representative(p, group.name) for p in members}
        contacts = tuple(Contact(group.name, c.organisation, by_id.get(c.participant_id), c.email, c.phone)
                         for c in sorted(self.contacts, key=lambda c: (c.organisation, require_id(c)))
                         if c.group_id == group.id and (c.participant_id in by_id or c.email or c.phone))
        return Party(group.name, self.prefixes[group.name], group.colour, group.mark, organisations, people, contacts)

    def _actions(self, commitments: Sequence[Commitment]) -> tuple[ActionLine, ...]:
        codes = {c.proposal_id: c.code for c in commitments}
        order = {p.key: i for i, p in enumerate(self.principles)}
        rows = sorted(self.record.actions, key=lambda a: (order.get(a.principle, len(order)), require_id(a)))
        return tuple(
            ActionLine(n, a.what, self._principle_name(a.principle), self._owner(a), a.due, a.measure,
                       str(a.status).replace("_", " ").capitalize(), codes.get(a.proposal_id or -1, ""))
            for n, a in enumerate(rows, start=1)
        )

    def _owner(self, action: Action) -> str:
        """An action's owner as public documents may print it (a resident who is not named by their ward)."""
        if action.owner_kind != OwnerKind.PARTICIPANT:
            return action.owner
        person = next((p for p in self.people if p.name == action.owner), None)
        return public_name(person, self.group_names.get(person.group_id, "")) if person else action.owner

    def _principle_name(self, key: str) -> str:
        return next((p.name for p in self.principles if p.key == key), key.replace("_", " ").capitalize())

    def _route_name(self, proposal: Proposal) -> str:
        principle = next((p for p in self.principles if p.key == proposal.principle), None)
        if principle is None or not proposal.route:
            return proposal.route
        return next((r.name for r in principle.routes if r.key == proposal.route), proposal.route)


def _with_summary(shown: VersionView, carried: CarryForward, agreed_here: int) -> VersionView:
    """A review's first draft opens its changes with what became of the earlier version's commitments."""
    added = agreed_here - carried.count("agreed again") - carried.count("reworded")
    lines = [line for line in shown.changes.splitlines() if line.strip() and line != no_change(carried.source.version)]
    return replace(shown, changes="\n".join([carried.summary(added), *lines]))


def _first_line(changes: str, number: int) -> str:
    """The first line of a version's changes, or 'First version'."""
    lines = [line for line in changes.splitlines() if line.strip()]
    return lines[0] if lines else "First version" if number == 1 else "No changes recorded"


def plan_wording(plan_key: str) -> CharterWording:
    """The plan's charter wording; an unknown plan (e.g. from an imported record) falls back to the default."""
    try:
        return plan_by_key(plan_key).charter
    except WorkshopError:
        return plan_by_key("charter").charter


def _representative(person: Participant, party_name: str) -> Representative:
    speaks_for = person.organisation or ("" if is_residents(party_name) else party_name)
    if not person.is_voting:
        capacity = f"Observer for {speaks_for}" if speaks_for else "Observer"
    elif speaks_for:
        capacity = f"For {speaks_for}"
    else:
        capacity = "For themselves, as a resident"
    named = is_named(person, party_name)
    role = person.role if named else ""  # a free-text role could say who they are
    return Representative(public_name(person, party_name), role, person.organisation, capacity, person.is_voting,
                          person.present, named, person.signs)


def party_prefixes(names: Sequence[str]) -> dict[str, str]:
    """Give each party a unique code prefix: its first letter (C, P, V, R), or more letters when taken."""
    used: set[str] = {"S"}  # S numbers the commitments every partner shares
    prefixes: dict[str, str] = {}
    for position, name in enumerate(names, start=1):
        letters = "".join(ch for ch in name if ch.isalnum()).upper() or "G"
        candidates = [letters[:1], letters[:2], letters[:3], f"{letters[:1]}{position}"]
        prefixes[name] = next((c for c in candidates if c not in used), f"G{position}")
        used.add(prefixes[name])
    return prefixes


def add_months(day: dt.date, months: int) -> dt.date:
    """Return the same day some months later (the month's last day when it is shorter)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return dt.date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise ValueError(day)



__all__ = [
    "ActionLine", "CharterDocument", "Commitment", "Consent", "Contact", "GroupCount",
    "NotAgreed", "Party", "PrincipleSection", "Representative", "add_months",
    "build_charter", "is_residents", "party_prefixes",
]
