"""Every decision rule and the quorum, table-driven, plus the tally that feeds them."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest

from workshop_app.core.decisions import (
    Counts,
    Tally,
    decide,
    last_ballots,
    outcome_for,
    present_voting_groups,
    round_outcome,
    tally,
)
from workshop_app.core.model import (
    Ballot,
    Choice,
    DecisionRule,
    HandCount,
    Participant,
    StakeholderGroup,
    VoteRound,
)

MAJ, TWO, CON, GC = (
    DecisionRule.MAJORITY, DecisionRule.TWO_THIRDS, DecisionRule.CONSENSUS, DecisionRule.GROUP_CONSENT,
)
# Groups by letter; their positions give the order in which the reason names them.
GROUPS = {"C": (1, "Council"), "P": (2, "Provider"), "V": (3, "VCS"), "R": (4, "Residents")}
NAMES = dict(GROUPS.values())
LETTER = {"A": Choice.AGREE, "N": Choice.ABSTAIN, "D": Choice.DISAGREE, "B": Choice.BLOCK}
T0 = dt.datetime(2024, 5, 1, 10, 0, tzinfo=dt.UTC)


def _groups() -> list[StakeholderGroup]:
    # Listed out of position order on purpose: the reason must still follow position order.
    return [
        StakeholderGroup(workshop_id=1, name=name, colour="#000", mark="o", position=gid, id=gid)
        for gid, name in reversed(list(GROUPS.values()))
    ]


def _build(
    ballots: dict[str, str], hands: dict[str, tuple[int, int, int, int]], proxies: dict[str, str], present: str
) -> tuple[list[Participant], list[Ballot], list[HandCount]]:
    """Turn a row's compact spec into participants, ballots and hand counts.

    ballots: per group letter, one token per present participant, e.g. "A D>A oA": a token is the
    sequence of choices that person made (">" = changed their vote); a leading "o" marks an observer.
    proxies: per group letter, one choice per absent participant whose vote a Council member holds.
    present: letters of groups with a present voting member who has not voted (besides the voters).
    """
    ids = itertools.count(100)
    clock = itertools.count()
    people: list[Participant] = []
    cast: list[Ballot] = []

    def person(letter: str, present_: bool, voting: bool = True) -> Participant:
        p = Participant(workshop_id=1, name=f"{letter}{len(people)}", group_id=GROUPS[letter][0],
                        is_voting=voting, present=present_, id=next(ids))
        people.append(p)
        return p

    def vote(p: Participant, letter: str, holder: int | None = None) -> None:
        choice = LETTER[letter]
        reason = f"too costly for {NAMES[p.group_id]}" if choice is Choice.BLOCK else ""
        cast.append(Ballot(round_id=1, participant_id=p.id or 0, choice=choice, reason=reason,
                           proxy_holder_id=holder, cast_at=T0 + dt.timedelta(seconds=next(clock)),
                           id=next(ids)))

    holder = person("C", False)
    for p_letter, spec in ballots.items():
        for token in spec.split():
            observer = token.startswith("o")
            p = person(p_letter, True, voting=not observer)
            for letter in token.lstrip("o").split(">"):
                vote(p, letter)
    for p_letter, spec in proxies.items():
        for letter in spec:
            vote(person(p_letter, False), letter, holder=holder.id)
    for p_letter in present:
        person(p_letter, True)
    counts = [
        HandCount(round_id=1, group_id=GROUPS[g][0], agree=a, abstain=n, disagree=d, block=b,
                  block_reason="hands reason" if b else "", id=next(ids))
        for g, (a, n, d, b) in hands.items()
    ]
    return people, cast, counts


ROWS = [
    # ---- majority: A > D + B ----
    pytest.param(MAJ, {"C": "A A", "P": "D"}, {}, {}, "", True, "agreed", "2 agree, 1 against",
                 id="maj-2-to-1"),
    pytest.param(MAJ, {"C": "A", "P": "D"}, {}, {}, "", False, "tie", "a tie (1 agree, 1 against)",
                 id="maj-tie"),
    pytest.param(MAJ, {"C": "A D", "P": "B"}, {}, {}, "", False, "not_agreed", "no majority (1 agree, 2 against)",
                 id="maj-block-counts-against"),
    pytest.param(MAJ, {"C": "A A A", "P": "B"}, {}, {}, "", True, "agreed", "3 agree, 1 against",
                 id="maj-block-is-no-veto"),
    pytest.param(MAJ, {"C": "N N", "P": "N"}, {}, {}, "", False, "not_agreed", "everyone who voted abstained",
                 id="maj-all-abstain"),
    pytest.param(MAJ, {"C": "A"}, {}, {}, "P", False, "no_quorum", "No quorum: Provider did not vote.",
                 id="maj-no-quorum"),
    pytest.param(MAJ, {}, {}, {}, "CPVR", False, "no_quorum", "No quorum: Council, Provider, VCS and Residents did not vote.",
                 id="maj-nobody-voted-with-groups-present-is-no-quorum"),
    pytest.param(MAJ, {"C": "D"}, {"P": (3, 0, 1, 0)}, {}, "", True, "agreed", "3 agree, 2 against",
                 id="maj-hands-count-like-votes"),
    pytest.param(MAJ, {"C": "D D"}, {"P": (3, 0, 1, 0)}, {}, "", False, "tie", "3 agree, 3 against",
                 id="maj-hands-make-a-tie"),
    pytest.param(MAJ, {"C": "A N", "P": "N"}, {}, {}, "", True, "agreed", "1 agree, 0 against",
                 id="maj-abstentions-count-for-nothing"),
    pytest.param(MAJ, {"C": "A oA", "P": "D"}, {}, {}, "", False, "tie", "a tie",
                 id="maj-observer-ignored"),
    pytest.param(MAJ, {}, {"C": (1, 0, 1, 0)}, {}, "", False, "tie", "never agreed", id="maj-hands-tie"),
    # ---- two thirds: 3A >= 2(A + D + B) and A > 0 ----
    pytest.param(TWO, {"C": "A A", "P": "D"}, {}, {}, "", True, "agreed", "2 of 3 counted votes agree",
                 id="two-exactly-two-thirds"),
    pytest.param(TWO, {"C": "A A A", "P": "D D"}, {}, {}, "", False, "not_agreed", "3 of 5",
                 id="two-three-fifths-short"),
    pytest.param(TWO, {"C": "A", "P": "D"}, {}, {}, "", False, "tie", "short of two thirds", id="two-tie"),
    pytest.param(TWO, {"C": "N N", "P": "N"}, {}, {}, "", False, "not_agreed", "abstained",
                 id="two-all-abstain"),
    pytest.param(TWO, {"C": "A A A A", "P": "D B"}, {}, {}, "", True, "agreed", "4 of 6",
                 id="two-four-of-six-with-block"),
    pytest.param(TWO, {"C": "A A A A A", "P": "D D B"}, {}, {}, "", False, "not_agreed", "5 of 8",
                 id="two-five-of-eight-short"),
    pytest.param(TWO, {}, {"C": (2, 0, 0, 0), "P": (0, 5, 1, 0)}, {}, "", True, "agreed", "2 of 3",
                 id="two-hands-abstentions-ignored"),
    pytest.param(TWO, {"C": "A A", "P": "N"}, {}, {}, "", True, "agreed", "2 of 2", id="two-unanimous"),
    pytest.param(TWO, {"C": "A A", "P": "A"}, {}, {}, "V", False, "no_quorum", "VCS did not vote",
                 id="two-no-quorum"),
    pytest.param(TWO, {"C": "A A", "P": "B"}, {}, {}, "", True, "agreed", "2 of 3",
                 id="two-block-is-no-veto"),
    pytest.param(TWO, {"C": "A A A", "P": "D D D"}, {}, {}, "", False, "tie", "3 of 6", id="two-big-tie"),
    # ---- consensus: D = 0, B = 0, A > 0 ----
    pytest.param(CON, {"C": "A A", "P": "A"}, {}, {}, "", True, "agreed", "nobody disagreed",
                 id="con-all-agree"),
    pytest.param(CON, {"C": "A A", "P": "A D"}, {}, {}, "", False, "not_agreed",
                 "1 person from Provider disagreed", id="con-one-disagree"),
    pytest.param(CON, {"C": "A A", "P": "A B"}, {}, {}, "", False, "blocked",
                 "someone from Provider blocked — reason: too costly for Provider", id="con-one-block"),
    pytest.param(CON, {"C": "A N", "P": "N"}, {}, {}, "", True, "agreed", "1 agree", id="con-abstain-ok"),
    pytest.param(CON, {"C": "N N", "P": "N"}, {}, {}, "", False, "not_agreed", "abstained",
                 id="con-all-abstain"),
    pytest.param(CON, {"C": "D", "P": "D"}, {}, {}, "", False, "not_agreed",
                 "2 people from Council and Provider disagreed", id="con-two-groups-disagree"),
    pytest.param(CON, {"C": "A"}, {}, {"P": "A"}, "", True, "agreed", "2 agree", id="con-proxy-counts"),
    pytest.param(CON, {}, {}, {}, "", False, "no_votes", "nobody voted", id="con-no-votes"),
    # ---- group consent: B = 0, A > 0, every group that agreed or disagreed has A_g > D_g ----
    pytest.param(GC, {"C": "A", "P": "A", "V": "A", "R": "A"}, {}, {}, "", True, "agreed",
                 "every group consented", id="gc-all-agree"),
    pytest.param(GC, {"C": "A D", "P": "A"}, {}, {}, "", False, "tie",
                 "Council (1 agree, 1 disagree) split evenly", id="gc-tie-inside-group"),
    pytest.param(GC, {"C": "N N", "P": "A", "V": "A A", "R": "A"}, {}, {}, "", True, "agreed",
                 "every group consented", id="gc-abstaining-group-does-not-object"),
    pytest.param(GC, {"C": "A D D", "P": "A A A A"}, {}, {}, "", False, "not_agreed",
                 "Council (1 agree, 2 disagree) did not consent", id="gc-group-objects"),
    pytest.param(GC, {"C": "A", "P": "A", "R": "A A B"}, {}, {}, "", False, "blocked",
                 "someone from Residents blocked — reason: too costly for Residents", id="gc-one-block"),
    pytest.param(GC, {"C": "A", "P": "B", "R": "B"}, {}, {}, "", False, "blocked",
                 "2 people from Provider and Residents blocked — reasons:", id="gc-two-blocks"),
    pytest.param(GC, {"C": "A"}, {"R": (5, 2, 1, 0)}, {}, "", True, "agreed", "every group consented",
                 id="gc-hands-agree"),
    pytest.param(GC, {"C": "A"}, {"R": (2, 0, 2, 0)}, {}, "", False, "tie", "Residents (2 agree, 2 disagree)",
                 id="gc-hands-tie"),
    pytest.param(GC, {"C": "A"}, {"R": (3, 0, 0, 1)}, {}, "", False, "blocked",
                 "someone from Residents blocked — reason: hands reason", id="gc-hands-block"),
    pytest.param(GC, {"C": "A", "P": "A"}, {}, {}, "VR", False, "no_quorum",
                 "No quorum: VCS and Residents did not vote.", id="gc-two-groups-silent"),
    pytest.param(GC, {"C": "A"}, {}, {}, "RVP", False, "no_quorum",
                 "No quorum: Provider, VCS and Residents did not vote.", id="gc-three-silent-in-position-order"),
    pytest.param(GC, {"C": "N", "P": "N"}, {}, {}, "", False, "not_agreed", "abstained", id="gc-all-abstain"),
    pytest.param(GC, {"C": "A", "P": "A"}, {}, {"R": "D"}, "", False, "not_agreed",
                 "Residents (0 agree, 1 disagree) did not consent", id="gc-proxy-disagree-objects"),
    pytest.param(GC, {"C": "A"}, {}, {"R": "A"}, "R", True, "agreed", "every group consented",
                 id="gc-proxy-makes-quorum"),
    pytest.param(GC, {"C": "A D>A", "P": "A>D"}, {}, {}, "", False, "not_agreed",
                 "Provider (0 agree, 1 disagree)", id="gc-last-choice-counts"),
    pytest.param(GC, {"C": "B>A", "P": "A"}, {}, {}, "", True, "agreed", "every group consented",
                 id="gc-block-withdrawn"),
    pytest.param(GC, {"C": "B"}, {}, {}, "P", False, "no_quorum", "Provider did not vote",
                 id="gc-quorum-before-block"),
    pytest.param(GC, {"C": "A A D", "P": "A A", "R": "A D D"}, {}, {}, "", False, "not_agreed",
                 "Residents (1 agree, 2 disagree) did not consent", id="gc-one-of-three-objects"),
    pytest.param(GC, {"C": "A D", "R": "A D D"}, {}, {}, "", False, "not_agreed",
                 "Residents (1 agree, 2 disagree) did not consent; Council (1 agree, 1 disagree) split evenly",
                 id="gc-objection-and-tie"),
    pytest.param(GC, {"P": "D"}, {}, {}, "", False, "not_agreed", "Provider (0 agree, 1 disagree)",
                 id="gc-only-disagree"),
]


@pytest.mark.parametrize(("rule", "ballots", "hands", "proxies", "present", "agreed", "kind", "reason"), ROWS)
def test_rule_table(
    rule: DecisionRule,
    ballots: dict[str, str],
    hands: dict[str, tuple[int, int, int, int]],
    proxies: dict[str, str],
    present: str,
    agreed: bool,
    kind: str,
    reason: str,
) -> None:
    people, cast, counts = _build(ballots, hands, proxies, present)
    outcome = outcome_for(rule, cast, counts, people, _groups())
    assert (outcome.agreed, outcome.kind) == (agreed, kind), outcome.reason
    assert reason in outcome.reason
    assert outcome.rule is rule


def test_table_is_large_enough() -> None:
    assert len(ROWS) >= 40


def test_two_thirds_boundary_uses_whole_numbers() -> None:
    # 200 agree of 300 counted is exactly two thirds (600 >= 600); 199 of 299 is not (597 < 598).
    on = Tally({1: Counts(agree=200, disagree=100)})
    off = Tally({1: Counts(agree=199, disagree=100)})
    assert decide(TWO, on, {1}, _groups()).agreed
    assert not decide(TWO, off, {1}, _groups()).agreed


def test_outcome_lists_every_group_with_totals() -> None:
    people, cast, counts = _build({"C": "A D", "R": "N"}, {"P": (2, 1, 0, 0)}, {}, "")
    outcome = outcome_for(GC, cast, counts, people, _groups())
    assert outcome.totals == Counts(agree=3, abstain=2, disagree=1, block=0)
    assert outcome.per_group[1] == Counts(agree=1, disagree=1)
    assert outcome.per_group[2] == Counts(agree=2, abstain=1)
    assert outcome.per_group[3] == Counts()  # VCS did not vote and is not present
    assert list(outcome.per_group)[:4] == [1, 2, 3, 4]


def test_the_last_stored_ballot_counts_even_when_the_clock_stepped_back() -> None:
    same = T0
    ballots = [
        Ballot(round_id=1, participant_id=1, choice=Choice.DISAGREE, cast_at=T0 + dt.timedelta(seconds=5), id=1),
        Ballot(round_id=1, participant_id=1, choice=Choice.AGREE, cast_at=T0, id=9),  # the clock stepped back
        Ballot(round_id=1, participant_id=2, choice=Choice.AGREE, cast_at=same, id=4),
        Ballot(round_id=1, participant_id=2, choice=Choice.ABSTAIN, cast_at=same, id=3),
    ]
    latest = last_ballots(ballots)
    assert latest[1].choice is Choice.AGREE  # stored later, though its clock time is earlier
    assert latest[2].choice is Choice.AGREE  # the higher id was stored later
    unsaved = [Ballot(1, 5, Choice.BLOCK, "No.", cast_at=T0 + dt.timedelta(hours=1)), Ballot(1, 5, Choice.AGREE, cast_at=T0)]
    assert last_ballots(unsaved)[5].choice is Choice.AGREE  # without ids, the order given is the order stored


def test_tally_ignores_observers_and_strangers_and_counts_proxies_for_their_group() -> None:
    people = [
        Participant(workshop_id=1, name="Ana", group_id=1, present=True, id=1),
        Participant(workshop_id=1, name="Obi", group_id=1, present=True, is_voting=False, id=2),
        Participant(workshop_id=1, name="Rae", group_id=4, present=False, id=3),
    ]
    ballots = [
        Ballot(round_id=1, participant_id=1, choice=Choice.AGREE, cast_at=T0, id=1),
        Ballot(round_id=1, participant_id=2, choice=Choice.DISAGREE, cast_at=T0, id=2),
        Ballot(round_id=1, participant_id=77, choice=Choice.BLOCK, reason="x", cast_at=T0, id=3),
        Ballot(round_id=1, participant_id=3, choice=Choice.BLOCK, reason="no budget", proxy_holder_id=1,
               cast_at=T0, id=4),
    ]
    counted = tally(ballots, [], people)
    assert counted.per_group == {1: Counts(agree=1), 4: Counts(block=1)}
    assert counted.voted_participant_ids == frozenset({1, 3})
    assert [(r.group_id, r.reason) for r in counted.block_reasons] == [(4, "no budget")]
    assert present_voting_groups(people) == frozenset({1})


def test_tally_uses_latest_hand_count_of_a_group_added_to_ballots() -> None:
    people = [Participant(workshop_id=1, name="Ana", group_id=2, present=True, id=1)]
    ballots = [Ballot(round_id=1, participant_id=1, choice=Choice.AGREE, cast_at=T0, id=1)]
    hands = [
        HandCount(round_id=1, group_id=2, agree=1, disagree=7, id=5),
        HandCount(round_id=1, group_id=2, agree=4, disagree=1, id=6),  # a correction of the one above
    ]
    assert tally(ballots, hands, people).per_group == {2: Counts(agree=5, disagree=1)}


def test_no_present_groups_needs_no_quorum() -> None:
    counted = Tally({1: Counts(agree=1)})
    outcome = decide(GC, counted, set(), _groups())
    assert outcome.agreed and outcome.kind == "agreed"


def test_plain_strings_from_a_store_are_understood() -> None:
    people, cast, counts = _build({"C": "A", "P": "B"}, {}, {}, "")
    for ballot in cast:
        ballot.choice = ballot.choice.value  # type: ignore[assignment]
    outcome = outcome_for("consensus", cast, counts, people, _groups())  # type: ignore[arg-type]
    assert outcome.kind == "blocked" and outcome.rule is DecisionRule.CONSENSUS


@pytest.mark.parametrize("given", ["We were not asked.", "Why now?", "We were not asked"])
def test_a_block_reason_keeps_its_own_ending_and_gets_one_full_stop(given: str) -> None:
    people = [Participant(1, "Ana", 1, present=True, id=1)]
    cast = [Ballot(round_id=1, participant_id=1, choice=Choice.BLOCK, reason=given, id=1)]
    reason = outcome_for(CON, cast, [], people, _groups()).reason
    assert reason == f"Not agreed: someone from Council blocked — reason: {given.rstrip('.')}" + (
        "" if given.endswith("?") else ".")
    assert ".." not in reason


def test_a_closed_round_is_counted_by_the_voters_and_rule_it_froze() -> None:
    vote = VoteRound(1, 1, False, closed_at=T0, present_group_ids=(1, 2), voters=((1, 1), (2, 2)), rule=MAJ, id=1)
    cast = [Ballot(1, 1, Choice.AGREE, id=1), Ballot(1, 2, Choice.DISAGREE, id=2)]
    now = [Participant(1, "Ana", 1, id=1), Participant(1, "Ben", 1, is_voting=False, id=2)]  # Ben: observer now
    outcome = round_outcome(GC, vote, cast, [], now, _groups())
    assert (outcome.rule, outcome.kind, outcome.totals) == (MAJ, "tie", Counts(agree=1, disagree=1))
    assert dict(outcome.per_group)[2] == Counts(disagree=1)
