"""Turning a version-1 document back into a WorkshopRecord (ids are the file's refs), refusing any bad field."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from workshop_app.core import charter_wording
from workshop_app.core.audit import check_chain
from workshop_app.core.decisions import frozen_voters
from workshop_app.core.errors import ImportError_
from workshop_app.core.interchange import FORMAT, VERSION, outcome_dict
from workshop_app.core.interchange_audit import check_against_chain, fallback_ids
from workshop_app.core.interchange_facts import person_choices, read_facts
from workshop_app.core.interchange_json import check_tree
from workshop_app.core.interchange_read import Fields, Item, RefTable, fail, load_json, read_workshop
from workshop_app.core.model import (
    Action, ActionStatus, Amendment, Assessment, AuditEntry, Ballot, CharterStatus, CharterVersion, Choice,
    DecisionRule, HandCount, Note, OwnerKind, Participant, Proposal, ProposalStatus, StageProgress, StakeholderGroup,
    VoteRound,
    require_id,
)
from workshop_app.core.actions import check_action
from workshop_app.core.assessment import check_rater, check_score
from workshop_app.core.principles import Principle, load_principles, principle_by_key
from workshop_app.core.notes import check_note
from workshop_app.core.palette import HEX_COLOUR, GroupStyle, check_style
from workshop_app.core.workshop_record import WorkshopRecord
from workshop_app.core.roster import check_person
from workshop_app.core.voting import check_proxy, check_reason, check_voter, check_wording
from workshop_app.core.workshops import check_group_name

ROUND_RESULTS = ("revealed", "sealed", "withheld")


def read_document(data: str | bytes) -> WorkshopRecord:
    """Parse a file's text and return its record, or raise ImportError_ naming the first bad field."""
    return from_document(load_json(data))


def from_document(document: dict[str, Any]) -> WorkshopRecord:
    """Check a parsed document and return its record with the file's refs as ids; outcomes are recomputed."""
    check_tree(document)
    top = Fields(document, "")
    if top.raw("format") != FORMAT:
        raise ImportError_(f'The file is not a workshop record (its "format" is not "{FORMAT}"); '
                           "choose a file exported by workshop-app.")
    version = top.whole("version")
    if version != VERSION:
        raise ImportError_(f"The file uses version {version} of the workshop format, but this app reads version "
                           f"{VERSION}; export it again with a matching version of workshop-app.")
    return _Reader(top).record()


class _Reader:
    """Reads the lists of a document in order, so every reference can be checked against what came before."""

    def __init__(self, top: Fields) -> None:
        self.top = top
        self.groups = RefTable("group", "groups")
        self.people = RefTable("participant", "participants")
        self.proposals = RefTable("proposal", "proposals")
        self.rounds = RefTable("vote round", "vote_rounds")
        self.withheld = 0
        self.sealed = 0
        self.source_ids: dict[int, int] = {}
        """Each proposal's id in the source store (its audit texts use it) -> its ref."""

    def record(self) -> WorkshopRecord:
        """Read the whole document."""
        top = self.top
        exported_at = top.stamp("exported_at")
        workshop = read_workshop(top.obj_field("workshop"))  # type: ignore[arg-type]
        workshop.id = 0
        record = WorkshopRecord(workshop=workshop)
        for item in top.items("groups"):
            record.groups.append(self._group(Fields(*item), record.groups))
        for item in top.items("participants"):
            record.participants.append(self._participant(Fields(*item), record.participants))
        record.stage_progress = self._progress(top.obj_field("stage_progress", nullable=True))
        record.assessments = [self._assessment(Fields(*item), record) for item in top.items("assessments")]
        record.notes = [self._note(Fields(*item)) for item in top.items("notes")]
        for item in top.items("proposals"):
            proposal, amendments = self._proposal(Fields(*item))
            record.proposals.append(proposal)
            record.amendments.extend(amendments)
        self._rounds(record, top.items("vote_rounds"))
        record.actions = [self._action(Fields(*item)) for item in top.items("actions")]
        record.charter_versions = [self._charter(Fields(*item)) for item in top.items("charter_versions")]
        read_facts(top, record, self.groups, self.people)
        record.audit = self._audit(top)
        check_against_chain(record, self.source_ids or fallback_ids(record))
        record.source_note = self._note_for_audit(exported_at.isoformat(), record)
        return record

    def _note_for_audit(self, exported_at: str, record: WorkshopRecord) -> str:
        """Say where the record came from, for the new chain's first entry."""
        text = (f"Imported from a workshop record exported at {exported_at}; its audit chain had "
                f"{len(record.audit)} entries ending in {record.audit_head}.")
        if self.withheld:
            text += f" {self.withheld} vote round(s) not revealed at export were left out: their ballots were withheld."
        if self.sealed:
            text += f" {self.sealed} vote round(s) not revealed yet were carried over with their ballots, still hidden."
        return text

    def _group(self, f: Fields, before: list[StakeholderGroup]) -> StakeholderGroup:
        ref = self.groups.declare(f)
        name = f.text("name")
        name = f.checked("name", lambda: check_group_name(before, name))
        style = GroupStyle(f.text("colour"), f.text("mark"))
        f.checked("colour" if not HEX_COLOUR.match(style.colour) else "mark", lambda: check_style(style))
        return StakeholderGroup(workshop_id=0, name=name, colour=style.colour, mark=style.mark,
                                position=f.whole("position"), id=ref)

    def _participant(self, f: Fields, before: list[Participant]) -> Participant:
        ref = self.people.declare(f)
        person = Participant(
            workshop_id=0, name=f.text("name"), group_id=self.groups.check(f, "group_ref"),
            organisation=f.text("organisation"), role=f.text("role"), is_voting=f.flag("is_voting"),
            present=f.flag("present"), **person_choices(f), id=ref,
        )
        return f.checked("name", lambda: check_person(person, before))

    def _principle(self, f: Fields, key: str = "principle") -> Principle:
        """Read a principle key, refusing one the app does not know."""
        value = f.text(key)
        return f.checked(key, lambda: principle_by_key(value))

    def _route(self, f: Fields, principles: list[Principle]) -> str:
        """Read a practical route key (or empty), refusing one no principle given has."""
        route = f.text("route")
        if route and all(route not in {r.key for r in p.routes} for p in principles):
            if len(principles) == 1:
                f.checked("route", lambda: principles[0].route_by_key(route))
            raise fail(f.at("route"), f'is "{route}", which is not a practical route the app knows',
                       "use a route key from the principles, or leave it empty")
        return route

    def _progress(self, f: Fields | None) -> StageProgress | None:
        if f is None:
            return None
        return StageProgress(
            workshop_id=0, stage_index=f.whole("stage_index", lowest=0), timer_running=f.flag("timer_running"),
            elapsed_seconds=f.typed("elapsed_seconds", float), timer_started_at=f.time("timer_started_at", True),
            extra_minutes=f.whole("extra_minutes", lowest=0), updated_at=f.stamp("updated_at"),
            results_shown=f.flag("results_shown"),
        )

    def _assessment(self, f: Fields, record: WorkshopRecord) -> Assessment:
        principle = self._principle(f).key
        score = f.whole("score")
        f.checked("score", lambda: check_score(principle, score))
        group_id = self.groups.check(f, "group_ref")
        person = record.participant(self.people.check(f, "participant_ref", nullable=True))
        if person is not None:
            f.checked("participant_ref", lambda: check_rater(person, group_id))
        return Assessment(
            workshop_id=0, principle=principle, group_id=group_id, score=score,
            participant_id=person.id if person else None, created_at=f.stamp("created_at"),
        )

    def _note(self, f: Fields) -> Note:
        text = f.text("text")
        return Note(workshop_id=0, stage_index=f.whole("stage_index", lowest=0),
                    text=f.checked("text", lambda: check_note(text)),
                    group_id=self.groups.check(f, "group_ref", nullable=True),
                    route=self._route(f, load_principles()), created_at=f.stamp("created_at"))

    def _proposal(self, f: Fields) -> tuple[Proposal, list[Amendment]]:
        ref = self.proposals.declare(f)
        if "audit_id" in f.obj and f.obj["audit_id"] is not None:
            source = f.whole("audit_id", lowest=1)
            if source in self.source_ids:
                raise fail(f.at("audit_id"), f"repeats audit id {source}", "give each proposal its own")
            self.source_ids[source] = ref
        principle = self._principle(f)
        text = f.text("text")
        f.checked("text", lambda: check_wording(principle.key, text))
        proposal = Proposal(
            workshop_id=0, principle=principle.key, text=text, route=self._route(f, [principle]),
            party_group_id=self.groups.check(f, "party_group_ref", nullable=True),
            status=f.choice("status", ProposalStatus), created_at=f.stamp("created_at"), id=ref,
        )
        amendments = []
        for a in (Fields(*item) for item in f.items("amendments")):
            new_text = a.text("new_text")
            a.checked("new_text", lambda: check_wording(principle.key, new_text))
            amendments.append(Amendment(proposal_id=ref, old_text=a.text("old_text"), new_text=new_text,
                                        author=a.text("author"), created_at=a.stamp("created_at")))
        return proposal, amendments

    def _action(self, f: Fields) -> Action:
        action = Action(
            workshop_id=0, principle=self._principle(f).key, what=f.text("what"),
            owner_kind=f.choice("owner_kind", OwnerKind), owner=f.text("owner"), due=f.date("due", True),
            measure=f.text("measure"), status=f.choice("status", ActionStatus),
            proposal_id=self.proposals.check(f, "proposal_ref", nullable=True), created_at=f.stamp("created_at"),
        )
        f.checked("what" if not action.what.strip() else "owner", lambda: check_action(action))
        return action

    def _charter(self, f: Fields) -> CharterVersion:
        sections = f.typed("sections", dict)
        return CharterVersion(
            workshop_id=0, version=f.whole("version", lowest=1), status=f.choice("status", CharterStatus),
            agreed_on=f.date("agreed_on", True), changes=f.text("changes"),
            sections_json=charter_wording.dump_version(charter_wording.from_document(sections)), created_at=f.stamp("created_at"),
        )

    def _audit(self, top: Fields) -> list[AuditEntry]:
        """Read the source's audit entries (kept as history) and check they chain to the stated head."""
        chain_id = top.whole("audit_workshop_id", nullable=True)
        entries = [
            AuditEntry(workshop_id=chain_id, kind=a.text("kind"), text=a.text("text"), prev_hash=a.text("prev_hash"),
                       hash=a.text("hash"), at=a.stamp("at"), id=n,
                       row_digests=a.text("row_digests") if "row_digests" in a.obj else "")
            for n, a in enumerate(Fields(*item) for item in top.items("audit"))
        ]
        check = check_chain(entries)
        if not check.ok:
            raise fail(f"audit[{check.broken_id}]", check.problem, "export the workshop again from its store")
        head = top.text("audit_head")
        if head != check.head:
            raise fail("audit_head", "is not the hash of the last audit entry", "export the workshop again")
        return entries

    def _rounds(self, record: WorkshopRecord, items: list[Item]) -> None:
        """Read every round with its votes, then check each revealed round's stated outcome against its votes."""
        stated: list[tuple[VoteRound, Fields]] = []
        for item in items:
            f = Fields(*item)
            vote = self._round(f)
            if f.raw("results") == "withheld":
                self._withheld(f)
                continue
            self._one_open_round(record, vote, f)
            if vote.closed_at is not None:
                vote.voters = self._voters(record, f)
                vote.rule = f.choice("rule", DecisionRule) if "rule" in f.obj else record.workshop.decision_rule
            record.rounds.append(vote)
            if f.raw("results") == "sealed":
                self.sealed += 1
                self._votes(record, vote, f, "sealed_")
                continue
            self._votes(record, vote, f)
            stated.append((vote, f))
        for vote, f in stated:
            self._check_outcome(record, vote, f)

    def _round(self, f: Fields) -> VoteRound:
        ref = self.rounds.declare(f)
        results = f.text("results")
        if results not in ROUND_RESULTS:
            raise fail(f.at("results"), f'is "{results}", which is not "revealed" or "withheld"', "use one of them")
        vote = VoteRound(
            proposal_id=self.proposals.check(f, "proposal_ref"), round_no=f.whole("round_no", lowest=1),
            secret=f.flag("secret"), opened_at=f.stamp("opened_at"), closed_at=f.time("closed_at", True),
            revealed_at=f.time("revealed_at", True), present_group_ids=self._present(f), id=ref,
        )
        if results == "revealed" and not vote.is_revealed:
            raise fail(f.at("results"), 'is "revealed" but the round has no closed_at or revealed_at time')
        if results == "sealed" and vote.revealed_at is not None:
            raise fail(f.at("results"), 'is "sealed" but the round has a revealed_at time', 'set it to null')
        return vote

    def _one_open_round(self, record: WorkshopRecord, vote: VoteRound, f: Fields) -> None:
        """Refuse a second open round on a proposal, as opening a vote in the app does."""
        if vote.closed_at is None and any(r.closed_at is None for r in record.rounds_of(vote.proposal_id)):
            raise fail(f.at("closed_at"), "is null, but another round of the same proposal is still open",
                       "close one of them")

    def _present(self, f: Fields) -> tuple[int, ...]:
        """Read the groups that had present voting members when the round closed (the quorum)."""
        refs = f.typed("present_group_refs", list)
        for n, ref in enumerate(refs):
            if isinstance(ref, bool) or not isinstance(ref, int) or ref not in self.groups.known:
                raise fail(f"{f.at('present_group_refs')}[{n}]", "is not the ref of one of the file's groups",
                           "use the ref of one of its groups")
        return tuple(refs)

    def _voters(self, record: WorkshopRecord, f: Fields) -> tuple[tuple[int, int], ...]:
        """Read who could vote when the round closed, and in which group (older files: the roster as it is)."""
        if "voters" not in f.obj:
            return frozen_voters(record.participants)
        voters = []
        for item in f.items("voters"):
            v = Fields(*item)
            voters.append((self.people.check(v, "participant_ref"), self.groups.check(v, "group_ref")))
        return tuple(voters)

    def _withheld(self, f: Fields) -> None:
        """Check a withheld round's who-voted list; the round itself cannot be imported."""
        if not f.flag("secret"):
            for n, ref in enumerate(f.typed("voted_refs", list)):
                if isinstance(ref, bool) or not isinstance(ref, int) or ref not in self.people.known:
                    raise fail(f"{f.at('voted_refs')}[{n}]", "is not the ref of one of the file's participants")
        self.withheld += 1

    def _votes(self, record: WorkshopRecord, vote: VoteRound, f: Fields, prefix: str = "") -> None:
        """Read a round's ballots (anonymous for a revealed secret round) and show-of-hands counts.

        A sealed round's fields carry the prefix "sealed_" and always name their voters.
        """
        read = self._secret_ballots if vote.secret and not prefix else self._named_ballots
        record.ballots.extend(read(record, vote, f.items(f"{prefix}ballots")))
        for item in f.items(f"{prefix}hand_counts"):
            h = Fields(*item)
            counts = {k: h.whole(k, lowest=0) for k in ("agree", "abstain", "disagree", "block")}
            reason = h.text("block_reason")
            if counts["block"] and not reason.strip():
                raise fail(h.at("block_reason"), "is empty, but a block needs a reason", "add the reason given")
            record.hand_counts.append(HandCount(round_id=require_id(vote), group_id=self.groups.check(h, "group_ref"),
                                                block_reason=reason, **counts))

    def _named_ballots(self, record: WorkshopRecord, vote: VoteRound, items: list[Item]) -> list[Ballot]:
        ballots = []
        for item in items:
            b = Fields(*item)
            pid = self.people.check(b, "participant_ref")
            voter = record.participant(pid)
            assert voter is not None
            if pid not in dict(vote.voters):  # a voter frozen at close may be an observer now
                b.checked("participant_ref", lambda: check_voter(voter))
            holder = self.people.check(b, "proxy_holder_ref", nullable=True)
            b.checked("proxy_holder_ref", lambda: check_proxy(pid, holder))
            ballots.append(Ballot(
                round_id=require_id(vote), participant_id=pid, choice=_choice(b),
                reason=b.text("reason"), proxy_holder_id=holder, cast_at=b.stamp("cast_at"),
            ))
        return ballots

    def _secret_ballots(self, record: WorkshopRecord, vote: VoteRound, items: list[Item]) -> list[Ballot]:
        """Give each anonymous ballot to a voting member of its group, in file order (the pairing means nothing)."""
        free: dict[int, list[int]] = defaultdict(list)
        for pid, gid in vote.voters:
            free[gid].append(pid)
        keys: set[str] = set()
        ballots = []
        for item in items:
            b = Fields(*item)
            key = b.text("voter")
            if key in keys:
                raise fail(b.at("voter"), f'repeats the anonymous voter "{key}"', "give each ballot its own key")
            keys.add(key)
            gid = self.groups.check(b, "group_ref")
            if not free[gid]:
                raise fail(b.at("group_ref"), "has more secret ballots than its group has voting participants")
            ballots.append(Ballot(round_id=require_id(vote), participant_id=free[gid].pop(0), choice=_choice(b),
                                  reason=b.text("reason"), cast_at=vote.closed_at or vote.opened_at))
        return ballots

    def _check_outcome(self, record: WorkshopRecord, vote: VoteRound, f: Fields) -> None:
        """Refuse a round whose stated outcome is not what its votes give under the workshop's rule."""
        outcome = record.outcome(vote)
        assert outcome is not None
        expected = outcome_dict(outcome, {g.id: require_id(g) for g in record.groups})
        if f.typed("outcome", dict) != expected:
            proposal = record.proposal(vote.proposal_id)
            text = proposal.text if proposal else ""
            short = text if len(text) <= 60 else text[:57] + "..."
            raise ImportError_(
                f'The stated outcome of proposal {vote.proposal_id} ("{short}"), round {vote.round_no}, does not '
                f'match its votes, which give "{outcome.reason}"; correct the file or export it again.'
            )


def _choice(f: Fields) -> Choice:
    """Read a ballot's choice, refusing a block without a reason."""
    choice = f.choice("choice", Choice)
    reason = f.text("reason")
    f.checked("reason", lambda: check_reason(choice, reason))
    return choice
