"""'Where are we now?' scores: recording, summaries checked by hand, the largest gap and change."""

from __future__ import annotations

import datetime as dt
import math
from fractions import Fraction

import pytest

from tests.core.fakes import FakeStore
from workshop_app.core.changes import perform, read
from workshop_app.core import assessment
from workshop_app.core.errors import WorkshopError
from workshop_app.core.model import Assessment, Participant, StakeholderGroup, Workshop

T0 = dt.datetime(2024, 5, 1, 10, 0, tzinfo=dt.UTC)
PRINCIPLES = ["collaborative", "accountable", "adaptable"]
GROUPS = [  # listed out of position order on purpose
    StakeholderGroup(1, "Residents", "#333", "triangle", position=3, id=30),
    StakeholderGroup(1, "Council", "#111", "square", position=1, id=10),
    StakeholderGroup(1, "Provider", "#222", "circle", position=2, id=20),
]


def _rows() -> list[Assessment]:
    spec = [
        # principle, group, score, participant
        ("collaborative", 10, 2, 1), ("collaborative", 10, 4, 2),
        ("collaborative", 20, 4, 3), ("collaborative", 20, 4, 4), ("collaborative", 20, 5, 5),
        ("collaborative", 30, 1, 6), ("collaborative", 30, 1, 7),
        ("collaborative", 30, 2, 6),  # person 6 re-rates 1 -> 2: the later row counts
        ("accountable", 10, 3, 1), ("accountable", 10, 3, 2), ("accountable", 20, 3, 3),
        ("accountable", 30, 3, None),  # Residents gave one score as a group
        ("adaptable", 10, 1, 1), ("adaptable", 30, 4, 6),
        ("adaptable", 99, 5, 8),  # a group that is not in the workshop: ignored
    ]
    return [
        Assessment(1, p, g, s, participant_id=who, created_at=T0 + dt.timedelta(minutes=i), id=i + 1)
        for i, (p, g, s, who) in enumerate(spec)
    ]


def test_summary_per_group_by_hand() -> None:
    summary = assessment.summarise(_rows(), GROUPS, PRINCIPLES)
    assert list(summary.group_names) == [10, 20, 30]
    council = summary.stats("collaborative", 10)
    # Council 2 and 4: mean 3; deviations -1, +1; population variance (1 + 1) / 2 = 1, so stdev 1; lowest 2, highest 4.
    assert (council.count, council.mean, council.stdev, council.low, council.high) == (2, 3.0, 1.0, 2, 4)
    provider = summary.stats("collaborative", 20)
    # Provider 4, 4, 5: mean 13/3; deviations -1/3, -1/3, 2/3; squares 1/9 + 1/9 + 4/9 = 6/9;
    # variance 6/9 / 3 = 2/9; stdev sqrt(2/9) = 0.4714; lowest 4, highest 5.
    assert provider.exact_mean == Fraction(13, 3) and (provider.low, provider.high) == (4, 5)
    assert math.isclose(provider.stdev or 0, math.sqrt(2 / 9))
    residents = summary.stats("collaborative", 30)
    # Residents: person 6's latest is 2, person 7 gave 1: mean 1.5; stdev 0.5; lowest 1, highest 2.
    assert (residents.count, residents.mean, residents.stdev, residents.low, residents.high) == (2, 1.5, 0.5, 1, 2)


def test_summary_overall_and_group_scores() -> None:
    summary = assessment.summarise(_rows(), GROUPS, PRINCIPLES)
    overall = summary.by_principle["collaborative"].overall
    # Everyone's latest: 2, 4, 4, 4, 5, 1, 2 = 22 over 7 people; lowest 1, highest 5.
    assert (overall.count, overall.total, overall.low, overall.high) == (7, 22, 1, 5)
    assert overall.exact_mean == Fraction(22, 7)
    accountable = summary.by_principle["accountable"]
    # Council 3, 3; Provider 3; Residents' group score 3: every mean is 3, so the gap is 0.
    assert accountable.per_group[30].count == 1 and accountable.gap == 0
    assert summary.stats("adaptable", 20) == assessment.ScoreStats()  # Provider did not rate
    assert summary.by_principle["adaptable"].overall.count == 2  # group 99 is not counted


def test_largest_gap_by_hand_and_ties_by_principle_order() -> None:
    summary = assessment.summarise(_rows(), GROUPS, PRINCIPLES)
    # collaborative: 13/3 - 3/2 = 26/6 - 9/6 = 17/6 (2.83); accountable: 0; adaptable: 4 - 1 = 3.
    assert summary.by_principle["collaborative"].gap == Fraction(17, 6)
    assert assessment.largest_gap(summary) == "adaptable"
    tied = [
        Assessment(1, "accountable", 10, 1, participant_id=1, id=1),
        Assessment(1, "accountable", 20, 3, participant_id=2, id=2),
        Assessment(1, "collaborative", 10, 5, participant_id=1, id=3),
        Assessment(1, "collaborative", 30, 3, participant_id=3, id=4),
    ]
    # Both gaps are 2; collaborative comes first in the principle order.
    assert assessment.largest_gap(assessment.summarise(tied, GROUPS, PRINCIPLES)) == "collaborative"
    reordered = assessment.summarise(tied, GROUPS, ["accountable", "collaborative"])
    assert assessment.largest_gap(reordered) == "accountable"
    one_group = [Assessment(1, "adaptable", 10, 5, participant_id=1, id=1)]
    assert assessment.largest_gap(assessment.summarise(one_group, GROUPS, PRINCIPLES)) is None


def test_change_since_matches_groups_by_name() -> None:
    before_groups = [
        StakeholderGroup(2, " council", "#111", "square", position=1, id=110),
        StakeholderGroup(2, "Provider", "#222", "circle", position=2, id=120),
        StakeholderGroup(2, "VCS", "#444", "diamond", position=3, id=140),
    ]
    before_rows = [
        Assessment(2, "collaborative", 110, 2, participant_id=1, id=1),
        Assessment(2, "collaborative", 120, 4, participant_id=2, id=2),
        Assessment(2, "collaborative", 140, 3, participant_id=3, id=3),
    ]
    previous = assessment.summarise(before_rows, before_groups, PRINCIPLES)
    current = assessment.summarise(_rows(), GROUPS, PRINCIPLES)
    change = assessment.change_since(previous, current)["collaborative"]
    assert list(change) == ["Council", "Provider", "Residents", "VCS"]
    # Council 2 -> 3: +1; Provider 4 -> 13/3: +1/3; Residents new; VCS not here now.
    assert change["Council"].delta == 1.0
    assert math.isclose(change["Provider"].delta or 0, 1 / 3)
    assert change["Residents"] == assessment.ScoreChange(None, 1.5) and change["Residents"].delta is None
    assert change["VCS"] == assessment.ScoreChange(3.0, None)


def test_rating_progress_counts_present_voting_members() -> None:
    people = [
        Participant(1, "Ana", 10, present=True, id=1),
        Participant(1, "Al", 10, present=True, id=2),
        Participant(1, "Pat", 20, present=True, id=3),
        Participant(1, "Obi", 10, present=True, is_voting=False, id=4),
        Participant(1, "Abe", 20, present=False, id=5),
    ]
    rows = [
        Assessment(1, "collaborative", 10, 3, participant_id=1, id=1),
        Assessment(1, "collaborative", 10, 4, participant_id=1, id=2),  # a re-rating counts once
        Assessment(1, "collaborative", 20, 4, participant_id=5, id=3),  # absent: not counted
        Assessment(1, "accountable", 10, 4, participant_id=2, id=4),  # another principle
    ]
    progress = assessment.rating_progress(rows, people, "collaborative")
    # Present voting members: Ana, Al, Pat = 3; of them only Ana rated collaborative.
    assert progress == assessment.RatingProgress(1, 3) and str(progress) == "1 of 3"


def _store() -> tuple[FakeStore, int]:
    store = FakeStore()
    with store() as uow:
        wid = uow.repo(Workshop).add(Workshop("Charter", "Northside", "Hall", dt.date(2024, 5, 1), "Fay",
                                              "charter")).id or 0
        council = uow.repo(StakeholderGroup).add(StakeholderGroup(wid, "Council", "#111", "square", 1))
        other = uow.repo(StakeholderGroup).add(StakeholderGroup(wid, "Provider", "#222", "circle", 2))
        uow.repo(Participant).add(Participant(wid, "Ana", council.id or 0, present=True))
        uow.repo(Participant).add(Participant(wid, "Obi", council.id or 0, is_voting=False, present=True))
        assert (council.id, other.id) == (2, 3)
        uow.commit()
    return store, wid


def test_record_score_appends_and_the_latest_counts() -> None:
    store, wid = _store()
    perform(store, assessment.record_score, wid, "collaborative", 2, 2, participant_id=4)
    perform(store, assessment.record_score, wid, "collaborative", 2, 4, participant_id=4)
    perform(store, assessment.record_score, wid, "collaborative", 3, 3)
    with store() as uow:
        assert [a.score for a in uow.repo(Assessment).list()] == [2, 4, 3]
        texts = [e.text for e in uow.audit_entries(wid)]
    assert texts == ["Ana rated collaborative.", "Ana rated collaborative.",
                     "Provider rated collaborative 3 of 5 as a group."]
    summary = read(store, assessment.summarise_workshop, wid, ["collaborative"])
    assert summary.stats("collaborative", 2).mean == 4.0 and summary.stats("collaborative", 3).mean == 3.0
    assert str(read(store, assessment.workshop_rating_progress, wid, "collaborative")) == "1 of 1"


@pytest.mark.parametrize(
    ("score", "group", "who", "message"),
    [
        pytest.param(0, 2, 4, "from 1 to 5", id="too-low"),
        pytest.param(6, 2, 4, "from 1 to 5", id="too-high"),
        pytest.param(2.5, 2, 4, "whole number", id="fraction"),
        pytest.param(True, 2, 4, "whole number", id="bool"),
        pytest.param(3, 99, None, "not part of this workshop", id="unknown-group"),
        pytest.param(3, 3, 4, "not a member of this group", id="wrong-group"),
        pytest.param(3, 2, 99, "not a member", id="unknown-person"),
        pytest.param(3, 2, 5, "observer", id="observer"),
    ],
)
def test_record_score_refusals(score: int, group: int, who: int | None, message: str) -> None:
    store, wid = _store()
    with pytest.raises(WorkshopError, match=message):
        perform(store, assessment.record_score, wid, "collaborative", group, score, participant_id=who)
    with store() as uow:
        assert uow.repo(Assessment).list() == [] and uow.audit_entries(wid) == []
