"""One workshop's complete record in memory: load it from a store, or save a copy of it with new ids."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field, replace
from typing import Any, TypeVar

from workshop_app.core import audit, stored_plans
from workshop_app.core.changes import Changed, Changes
from workshop_app.core.decisions import Outcome, round_outcome
from workshop_app.core.errors import WorkshopError
from workshop_app.core.model import (
    Action,
    Amendment,
    Assessment,
    AuditEntry,
    Ballot,
    CharterFacts,
    CharterVersion,
    HandCount,
    Note,
    Participant,
    PartyContact,
    Proposal,
    StageProgress,
    StakeholderGroup,
    VoteRound,
    Workshop,
    require_id,
)
from workshop_app.core.workshops import get_workshop
from workshop_app.core.ports import UnitOfWork
from workshop_app.core.reveals import reveal_text

T = TypeVar("T")


class _Grouping:
    """One of a record's lists grouped by a key; items appended to the list later are added on the next look-up."""

    def __init__(self, rows: list[Any], key: str) -> None:
        self.rows, self.key, self.seen = rows, key, 0
        self.groups: dict[Any, list[Any]] = defaultdict(list)

    def of(self, value: Any) -> list[Any]:
        """Return the items whose key is value, in list order."""
        for row in self.rows[self.seen:]:
            self.groups[getattr(row, self.key)].append(row)
        self.seen = len(self.rows)
        return self.groups.get(value, [])


@dataclass
class WorkshopRecord:
    """Every record of one workshop, each list in the order it was stored (ids are store ids or file refs).

    It holds the ballots of unrevealed rounds too: code that shows or writes anything must ask
    `outcome()` (None until the reveal) and `VoteRound.is_revealed` before using a round's ballots.
    """

    workshop: Workshop
    groups: list[StakeholderGroup] = field(default_factory=list)
    participants: list[Participant] = field(default_factory=list)
    stage_progress: StageProgress | None = None
    assessments: list[Assessment] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    proposals: list[Proposal] = field(default_factory=list)
    amendments: list[Amendment] = field(default_factory=list)
    rounds: list[VoteRound] = field(default_factory=list)
    ballots: list[Ballot] = field(default_factory=list)
    hand_counts: list[HandCount] = field(default_factory=list)
    actions: list[Action] = field(default_factory=list)
    charter_versions: list[CharterVersion] = field(default_factory=list)
    charter_facts: CharterFacts | None = None
    contacts: list[PartyContact] = field(default_factory=list)
    audit: list[AuditEntry] = field(default_factory=list)
    source_note: str = ""
    """For a record read from a file: what the import should say in its audit entry (source head hash...)."""
    _groups: dict[str, _Grouping] = field(default_factory=dict, init=False, repr=False, compare=False)
    """Each list grouped by its parent's id (`ballots` by round...): built once, then kept up as the list grows."""

    def _grouped(self, name: str, key: str, parent_id: int | None) -> list[Any]:
        """Return the items of list `name` whose `key` is parent_id, in stored order (no scan of the whole list)."""
        rows: list[Any] = getattr(self, name)
        grouping = self._groups.get(name)
        if grouping is None or grouping.rows is not rows or grouping.seen > len(rows):
            grouping = self._groups[name] = _Grouping(rows, key)
        return list(grouping.of(parent_id))

    @property
    def audit_head(self) -> str:
        """Return the hash of the newest audit entry (the fingerprint `verify` reports), or the genesis hash."""
        return self.audit[-1].hash if self.audit else audit.GENESIS

    def ordered_groups(self) -> list[StakeholderGroup]:
        """Return the groups in their display order."""
        return sorted(self.groups, key=lambda g: (g.position, require_id(g)))

    def group(self, group_id: int | None) -> StakeholderGroup | None:
        """Return the group with this id, or None."""
        return next((g for g in self.groups if g.id == group_id), None)

    def participant(self, participant_id: int | None) -> Participant | None:
        """Return the participant with this id, or None."""
        return next((p for p in self.participants if p.id == participant_id), None)

    def proposal(self, proposal_id: int | None) -> Proposal | None:
        """Return the proposal with this id, or None."""
        return next((p for p in self.proposals if p.id == proposal_id), None)

    def amendments_of(self, proposal_id: int | None) -> list[Amendment]:
        """Return a proposal's amendments, oldest first."""
        return self._grouped("amendments", "proposal_id", proposal_id)

    def rounds_of(self, proposal_id: int | None) -> list[VoteRound]:
        """Return a proposal's vote rounds by round number."""
        return sorted(self._grouped("rounds", "proposal_id", proposal_id), key=lambda r: r.round_no)


    def ballots_of(self, round_id: int | None) -> list[Ballot]:
        """Return every ballot cast in a round (superseded ones too), in stored order."""
        return self._grouped("ballots", "round_id", round_id)

    def hand_counts_of(self, round_id: int | None) -> list[HandCount]:
        """Return a round's show-of-hands entries, in stored order."""
        return self._grouped("hand_counts", "round_id", round_id)

    def outcome(self, vote: VoteRound) -> Outcome | None:
        """Return a revealed round's outcome under the workshop's rule, or None while it is hidden."""
        if not vote.is_revealed:
            return None
        return round_outcome(
            self.workshop.decision_rule, vote, self.ballots_of(vote.id), self.hand_counts_of(vote.id),
            self.participants, self.ordered_groups(),
        )

    def voter_groups(self, vote: VoteRound) -> dict[int, int]:
        """Return who could vote in a round and in which group: frozen at close, the roster while open."""
        if vote.closed_at is not None:
            return dict(vote.voters)
        return {p.id: p.group_id for p in self.participants if p.is_voting and p.id is not None}


def read_record(uow: UnitOfWork, workshop_id: int) -> WorkshopRecord:
    """Read every record of one workshop inside the caller's unit of work; refuse an unknown id with a sentence."""
    workshop = get_workshop(uow, workshop_id)
    proposals = uow.repo(Proposal).list(workshop_id=workshop_id)
    proposal_ids = [p.id for p in proposals]
    rounds = uow.repo(VoteRound).list_in("proposal_id", proposal_ids)
    round_ids = [r.id for r in rounds]
    progress = uow.repo(StageProgress).list(workshop_id=workshop_id)
    return WorkshopRecord(
        workshop=workshop,
        groups=uow.repo(StakeholderGroup).list(workshop_id=workshop_id),
        participants=uow.repo(Participant).list(workshop_id=workshop_id),
        stage_progress=progress[0] if progress else None,
        assessments=uow.repo(Assessment).list(workshop_id=workshop_id),
        notes=uow.repo(Note).list(workshop_id=workshop_id),
        proposals=proposals,
        amendments=uow.repo(Amendment).list_in("proposal_id", proposal_ids),
        rounds=rounds,
        ballots=uow.repo(Ballot).list_in("round_id", round_ids),
        hand_counts=uow.repo(HandCount).list_in("round_id", round_ids),
        actions=uow.repo(Action).list(workshop_id=workshop_id),
        charter_versions=uow.repo(CharterVersion).list(workshop_id=workshop_id),
        charter_facts=next(iter(uow.repo(CharterFacts).list(workshop_id=workshop_id)), None),
        contacts=uow.repo(PartyContact).list(workshop_id=workshop_id),
        audit=uow.audit_entries(workshop_id),
    )


def save_record(uow: UnitOfWork, record: WorkshopRecord) -> Changed[int]:
    """Write a copy of a record with new ids, start its audit chain, return the new id.

    Nothing is written if anything fails. The record's own audit entries are not copied: the new
    chain starts with one "imported" entry carrying `record.source_note`, then one "result_imported"
    entry per revealed round recording its totals and outcome, so the new chain vouches for them.
    """
    writer = _Writer(uow)
    workshop_id = writer.write(record)
    stored_plans.keep_plan(uow, workshop_id, record.workshop.plan_key)
    note = record.source_note or f"Workshop copied from a record whose audit head was {record.audit_head}."
    audit.append(uow, workshop_id, "imported", note, rows=writer.added)
    for vote in record.rounds:
        outcome = record.outcome(vote)
        if outcome is not None:
            proposal_id = writer.must("proposal", vote.proposal_id)
            audit.append(uow, workshop_id, "result_imported", reveal_text(vote.round_no, proposal_id, outcome))
    return Changed(workshop_id, Changes(workshop=True))  # a new workshop: none open changed


class _Writer:
    """Adds a record's rows to one unit of work, translating old ids to new ones kind by kind."""

    def __init__(self, uow: UnitOfWork) -> None:
        self.uow = uow
        self.ids: dict[str, dict[int, int]] = {}
        self.added: list[object] = []
        """Every row written, as written (the import's audit entry fingerprints them)."""

    def _add(self, kind: str, row: T) -> T:
        """Add a copy of one row without its id and remember how its old id maps to the new one."""
        return self._add_all(kind, [row])[0]

    def _add_all(self, kind: str, rows: list[T]) -> list[T]:
        """Add copies of rows of one kind without their ids, in one batch, and remember the old-to-new ids."""
        if not rows:
            return []
        added = self.uow.repo(type(rows[0])).add_all([replace(row, id=None) for row in rows])  # type: ignore[type-var]
        mapping = self.ids.setdefault(kind, {})
        for row, new in zip(rows, added):
            if getattr(row, "id") is not None:
                mapping[getattr(row, "id")] = getattr(new, "id")
            self.added.append(replace(new))  # type: ignore[type-var]
        return added

    def new(self, kind: str, old: int | None) -> int | None:
        """Return the new id for an old one (None stays None)."""
        if old is None:
            return None
        try:
            return self.ids[kind][old]
        except KeyError:
            raise WorkshopError(f"The record refers to a {kind} ({old}) it does not contain; it cannot be saved.") from None

    def must(self, kind: str, old: int) -> int:
        """Return the new id for a required reference."""
        new = self.new(kind, old)
        assert new is not None
        return new

    def write(self, record: WorkshopRecord) -> int:
        """Write every row of the record, parents before children, and return the new workshop id."""
        wid = self._add("workshop", record.workshop).id
        assert wid is not None
        self._add_all("group", [replace(g, workshop_id=wid) for g in record.groups])
        self._add_all("participant", [replace(p, workshop_id=wid, group_id=self.must("group", p.group_id))
                                      for p in record.participants])
        if record.stage_progress is not None:
            self._add("stage_progress", replace(record.stage_progress, workshop_id=wid))
        self._write_scores_and_notes(record, wid)
        self._write_votes(record, wid)
        self._add_all("action", [replace(a, workshop_id=wid, proposal_id=self.new("proposal", a.proposal_id))
                                 for a in record.actions])
        self._add_all("charter_version", [replace(c, workshop_id=wid) for c in record.charter_versions])
        if record.charter_facts is not None:
            self._add("charter_facts", replace(record.charter_facts, workshop_id=wid))
        self._add_all("contact", [replace(c, workshop_id=wid, group_id=self.must("group", c.group_id),
                                          participant_id=self.new("participant", c.participant_id))
                                  for c in record.contacts])
        return wid

    def _write_scores_and_notes(self, record: WorkshopRecord, wid: int) -> None:
        """Write assessments and notes."""
        self._add_all("assessment", [replace(
            s, workshop_id=wid, group_id=self.must("group", s.group_id),
            participant_id=self.new("participant", s.participant_id),
        ) for s in record.assessments])
        self._add_all("note", [replace(n, workshop_id=wid, group_id=self.new("group", n.group_id))
                               for n in record.notes])

    def _write_votes(self, record: WorkshopRecord, wid: int) -> None:
        """Write proposals, amendments, rounds, ballots and show-of-hands counts."""
        self._add_all("proposal", [replace(p, workshop_id=wid, party_group_id=self.new("group", p.party_group_id))
                                   for p in record.proposals])
        self._add_all("amendment", [replace(a, proposal_id=self.must("proposal", a.proposal_id))
                                    for a in record.amendments])
        self._add_all("round", [replace(
            r, proposal_id=self.must("proposal", r.proposal_id),
            present_group_ids=tuple(self.must("group", g) for g in r.present_group_ids),
            voters=tuple((self.must("participant", p), self.must("group", g)) for p, g in r.voters),
        ) for r in record.rounds])
        self._add_all("ballot", [replace(
            b, round_id=self.must("round", b.round_id), participant_id=self.must("participant", b.participant_id),
            proxy_holder_id=self.new("participant", b.proxy_holder_id),
        ) for b in record.ballots])
        self._add_all("hand_count", [replace(h, round_id=self.must("round", h.round_id),
                                             group_id=self.must("group", h.group_id)) for h in record.hand_counts])

