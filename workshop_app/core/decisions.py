"""Decision rules: count the votes of a round and derive its outcome in plain words."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from workshop_app.core.model import (Amendment, Ballot, Choice, DecisionRule, HandCount, Participant, StakeholderGroup,
                                     VoteRound, require_id)


@dataclass(frozen=True)
class Counts:
    """How many agree, abstain, disagree and block votes were cast."""

    agree: int = 0
    abstain: int = 0
    disagree: int = 0
    block: int = 0

    @property
    def cast(self) -> int:
        """Every vote cast, abstentions included."""
        return self.agree + self.abstain + self.disagree + self.block

    @property
    def counted(self) -> int:
        """Votes that count towards a decision: A + D + B (abstentions count for nothing)."""
        return self.agree + self.disagree + self.block

    def __add__(self, other: Counts) -> Counts:
        return Counts(
            self.agree + other.agree, self.abstain + other.abstain,
            self.disagree + other.disagree, self.block + other.block,
        )

    def with_choice(self, choice: Choice) -> Counts:
        """Return these counts with one more vote of the given choice."""
        return self + Counts(**{Choice(choice).value: 1})


@dataclass(frozen=True)
class BlockReason:
    """Why someone from a group blocked."""

    group_id: int
    reason: str


@dataclass(frozen=True)
class Tally:
    """The counted votes of one round, per group, with the reasons given for blocks."""

    per_group: Mapping[int, Counts] = field(default_factory=dict)
    block_reasons: tuple[BlockReason, ...] = ()
    voted_participant_ids: frozenset[int] = frozenset()

    @property
    def totals(self) -> Counts:
        """The counts of every group added together."""
        total = Counts()
        for counts in self.per_group.values():
            total = total + counts
        return total


@dataclass(frozen=True)
class Outcome:
    """The derived result of a round: agreed or not, why, and the counts behind it."""

    agreed: bool
    kind: str
    reason: str
    totals: Counts
    per_group: Mapping[int, Counts]
    rule: DecisionRule
    block_reasons: tuple[BlockReason, ...] = ()


AGREED = "agreed"
NOT_AGREED = "not_agreed"
BLOCKED = "blocked"
NO_QUORUM = "no_quorum"
TIE = "tie"
NO_VOTES = "no_votes"
KINDS = (AGREED, NOT_AGREED, BLOCKED, NO_QUORUM, TIE, NO_VOTES)


def last_ballots(ballots: Iterable[Ballot]) -> dict[int, Ballot]:
    """Return each participant's last ballot in the order they were stored (not by clock time, which can step back)."""
    latest: dict[int, Ballot] = {}
    for ballot in sorted(ballots, key=lambda b: -1 if b.id is None else b.id):  # stable: unsaved ones first, in order
        latest[ballot.participant_id] = ballot
    return latest


def voters_of(participants: Iterable[Participant]) -> dict[int, int]:
    """Return each voting participant's group: {participant id: group id}."""
    return {p.id: p.group_id for p in participants if p.is_voting and p.id is not None}


def frozen_voters(participants: Iterable[Participant]) -> tuple[tuple[int, int], ...]:
    """Return who can vote now and in which group, as a round keeps it when it closes."""
    return tuple(sorted(voters_of(participants).items()))


def last_hand_counts(hand_counts: Iterable[HandCount]) -> dict[int, HandCount]:
    """Return the last show-of-hands entry of each group (a later entry corrects an earlier one)."""
    latest: dict[int, HandCount] = {}
    for count in sorted(hand_counts, key=lambda h: -1 if h.id is None else h.id):
        latest[count.group_id] = count
    return latest


def tally(
    ballots: Iterable[Ballot], hand_counts: Iterable[HandCount], participants: Iterable[Participant] | Mapping[int, int]
) -> Tally:
    """Count a round: the last ballot of each voter, plus show-of-hands counts.

    `participants` is the roster, or the voters as a round froze them ({participant id: group id}).
    A proxy ballot is cast in the name of the represented participant, so it counts for their group.
    Ballots of observers and of people who are not voters are ignored.
    """
    voters = dict(participants) if isinstance(participants, Mapping) else voters_of(participants)
    per_group: dict[int, Counts] = {}
    reasons: list[BlockReason] = []
    voted: set[int] = set()
    for pid, ballot in last_ballots(ballots).items():
        group_id = voters.get(pid)
        if group_id is None:
            continue
        voted.add(pid)
        per_group[group_id] = per_group.get(group_id, Counts()).with_choice(ballot.choice)
        if ballot.choice == Choice.BLOCK:
            reasons.append(BlockReason(group_id, ballot.reason.strip()))
    for gid, hands in last_hand_counts(hand_counts).items():
        per_group[gid] = per_group.get(gid, Counts()) + Counts(
            hands.agree, hands.abstain, hands.disagree, hands.block
        )
        if hands.block > 0:
            reasons.append(BlockReason(gid, hands.block_reason.strip()))
    return Tally(per_group, tuple(reasons), frozenset(voted))


def present_voting_groups(participants: Iterable[Participant]) -> frozenset[int]:
    """Return the groups that have at least one present voting member."""
    return frozenset(p.group_id for p in participants if p.present and p.is_voting)


def decide(
    rule: DecisionRule,
    counted: Tally,
    present_group_ids: Iterable[int],
    groups: Sequence[StakeholderGroup],
) -> Outcome:
    """Derive the outcome of a round under a decision rule (DESIGN.md §6), with its reason in words."""
    ordered = sorted(groups, key=lambda g: (g.position, require_id(g)))
    names = {g.id: g.name for g in ordered if g.id is not None}
    per_group = {gid: counted.per_group.get(gid, Counts()) for gid in names}
    per_group.update({gid: c for gid, c in counted.per_group.items() if gid not in per_group})
    rule = DecisionRule(rule)
    agreed, kind, reason = _judge(rule, counted, set(present_group_ids), ordered, names)
    return Outcome(agreed, kind, reason, counted.totals, per_group, rule, counted.block_reasons)


def outcome_for(
    rule: DecisionRule,
    ballots: Iterable[Ballot],
    hand_counts: Iterable[HandCount],
    participants: Sequence[Participant],
    groups: Sequence[StakeholderGroup],
    present_group_ids: Iterable[int] | None = None,
) -> Outcome:
    """Count a round and decide it; the quorum uses the groups present at close, else presence now."""
    counted = tally(ballots, hand_counts, participants)
    present = frozenset(present_group_ids) if present_group_ids is not None else present_voting_groups(participants)
    return decide(rule, counted, present, groups)


def round_outcome(
    rule: DecisionRule,
    vote: VoteRound,
    ballots: Iterable[Ballot],
    hand_counts: Iterable[HandCount],
    participants: Sequence[Participant],
    groups: Sequence[StakeholderGroup],
) -> Outcome:
    """Decide a round: a closed one by the voters, groups present and rule it froze at close, an open one by now."""
    if vote.closed_at is None:
        return outcome_for(rule, ballots, hand_counts, participants, groups)
    return decide(vote.rule or rule, tally(ballots, hand_counts, dict(vote.voters)), vote.present_group_ids, groups)


def _judge(
    rule: DecisionRule,
    counted: Tally,
    present: set[int],
    ordered: Sequence[StakeholderGroup],
    names: Mapping[int, str],
) -> tuple[bool, str, str]:
    """Return (agreed, kind, reason) for a tally."""
    totals = counted.totals
    silent = [g.name for g in ordered if g.id in present and counted.per_group.get(g.id, Counts()).cast == 0]
    if silent:
        return False, NO_QUORUM, f"No quorum: {_join(silent)} did not vote."
    if totals.cast == 0:
        return False, NO_VOTES, "Not agreed: nobody voted."
    if totals.counted == 0:
        return False, NOT_AGREED, "Not agreed: everyone who voted abstained."
    if rule == DecisionRule.MAJORITY:
        return _majority(totals)
    if rule == DecisionRule.TWO_THIRDS:
        return _two_thirds(totals)
    if totals.block > 0:
        return False, BLOCKED, _blocked_reason(totals.block, counted.block_reasons, names)
    if rule == DecisionRule.CONSENSUS:
        return _consensus(totals, counted, ordered)
    return _group_consent(totals, counted, ordered)


def _majority(totals: Counts) -> tuple[bool, str, str]:
    """Majority: agreed when A > D + B."""
    a, against = totals.agree, totals.disagree + totals.block
    summary = f"{a} agree, {against} against"
    if a > against:
        return True, AGREED, f"Agreed by majority ({summary})."
    if a == against:
        return False, TIE, f"Not agreed: a tie ({summary}), and a tie is never agreed."
    return False, NOT_AGREED, f"Not agreed: no majority ({summary})."


def _two_thirds(totals: Counts) -> tuple[bool, str, str]:
    """Two thirds: agreed when A >= 2/3 (A + D + B) and A > 0, in whole numbers: 3A >= 2(A + D + B)."""
    a, against = totals.agree, totals.disagree + totals.block
    summary = f"{a} of {totals.counted} counted votes agree"
    if a > 0 and 3 * a >= 2 * totals.counted:
        return True, AGREED, f"Agreed by two thirds: {summary}."
    if a == against:
        return False, TIE, f"Not agreed: a tie ({summary}), short of two thirds."
    return False, NOT_AGREED, f"Not agreed: {summary}, short of two thirds."


def _consensus(totals: Counts, counted: Tally, ordered: Sequence[StakeholderGroup]) -> tuple[bool, str, str]:
    """Consensus: agreed when nobody disagrees or blocks and someone agrees (blocks handled before)."""
    if totals.disagree == 0:
        return True, AGREED, f"Agreed by consensus: {totals.agree} agree and nobody disagreed or blocked."
    who = [g.name for g in ordered if counted.per_group.get(require_id(g), Counts()).disagree > 0]
    people = "1 person" if totals.disagree == 1 else f"{totals.disagree} people"
    return False, NOT_AGREED, f"Not agreed: no consensus, {people} from {_join(who)} disagreed."


def _group_consent(
    totals: Counts, counted: Tally, ordered: Sequence[StakeholderGroup]
) -> tuple[bool, str, str]:
    """Group consent: agreed when no group objects (blocks handled before, A > 0 already)."""
    objecting: list[str] = []
    tied: list[str] = []
    for group in ordered:
        c = counted.per_group.get(require_id(group), Counts())
        if c.agree + c.disagree == 0:
            continue
        if c.agree == c.disagree:
            tied.append(f"{group.name} ({c.agree} agree, {c.disagree} disagree)")
        elif c.agree < c.disagree:
            objecting.append(f"{group.name} ({c.agree} agree, {c.disagree} disagree)")
    if not objecting and not tied:
        return True, AGREED, "Agreed: every group consented, and nobody blocked."
    if objecting:
        extra = f"; {_join(tied)} split evenly" if tied else ""
        return False, NOT_AGREED, f"Not agreed: {_join(objecting)} did not consent{extra}."
    return False, TIE, f"Not agreed: {_join(tied)} split evenly, and a tie within a group is an objection."


def _blocked_reason(blocks: int, reasons: Sequence[BlockReason], names: Mapping[int, str]) -> str:
    """Name the groups that blocked and quote their reasons."""
    groups = list(dict.fromkeys(names.get(r.group_id, "another group") for r in reasons))
    given = [r.reason for r in reasons if r.reason]
    who = f"someone from {groups[0]}" if blocks == 1 else f"{blocks} people from {_join(groups)}"
    if not given:
        return f"Not agreed: {who} blocked."
    label = "reason" if len(given) == 1 else "reasons"
    return _sentence(f"Not agreed: {who} blocked — {label}: {'; '.join(given)}")


def _sentence(text: str) -> str:
    """End a sentence with a full stop, unless it already ends with one (or with ! ? or …)."""
    return text if text.endswith((".", "!", "?", "…")) else f"{text}."


def _join(names: Sequence[str]) -> str:
    """Join names as 'A', 'A and B' or 'A, B and C'."""
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} and {names[-1]}"


def deciding_round(rounds: Iterable[VoteRound], amendments: Iterable[Amendment]) -> VoteRound | None:
    """Return the round that decides a proposal: its latest revealed one, unless the wording changed after it opened."""
    revealed = [r for r in rounds if r.is_revealed]
    if not revealed:
        return None
    latest = max(revealed, key=lambda r: r.round_no)
    return None if any(a.created_at > latest.opened_at for a in amendments) else latest
