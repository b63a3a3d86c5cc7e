"""'Where are we now?': record 1-5 scores and summarise them per principle and group."""

from __future__ import annotations

import statistics
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction

from workshop_app.core import audit
from workshop_app.core.errors import WorkshopError
from workshop_app.core.model import Assessment, Participant, StakeholderGroup, Workshop, require_id
from workshop_app.core.changes import Changed, Changes
from workshop_app.core.palette import group_letter
from workshop_app.core.ports import UnitOfWork

LOWEST, HIGHEST = 1, 5


@dataclass(frozen=True)
class ScoreStats:
    """Count, mean and spread of a set of scores (empty when nobody has rated)."""

    count: int = 0
    total: int = 0
    low: int | None = None
    high: int | None = None
    stdev: float | None = None
    """Population standard deviation."""

    @property
    def exact_mean(self) -> Fraction | None:
        """The mean as an exact fraction, for comparisons without rounding."""
        return Fraction(self.total, self.count) if self.count else None

    @property
    def mean(self) -> float | None:
        """The mean score, or None when nobody has rated."""
        exact = self.exact_mean
        return float(exact) if exact is not None else None


@dataclass(frozen=True)
class PrincipleSummary:
    """One principle's scores per group and over everyone."""

    principle: str
    per_group: Mapping[int, ScoreStats]
    overall: ScoreStats

    @property
    def gap(self) -> Fraction | None:
        """Highest minus lowest group mean, or None when fewer than two groups have rated."""
        means = [s.exact_mean for s in self.per_group.values() if s.exact_mean is not None]
        return max(means) - min(means) if len(means) >= 2 else None


@dataclass(frozen=True)
class AssessmentSummary:
    """Every principle's summary, with the groups (in position order) they cover."""

    principles: tuple[str, ...]
    group_names: Mapping[int, str]
    by_principle: Mapping[str, PrincipleSummary] = field(default_factory=dict)

    def stats(self, principle: str, group_id: int) -> ScoreStats:
        """Return one group's stats for one principle (empty if unknown)."""
        found = self.by_principle.get(principle)
        return found.per_group.get(group_id, ScoreStats()) if found else ScoreStats()


@dataclass(frozen=True)
class RadarSeries:
    """One group's mean score per principle (None where it did not rate): a line on the radar, on screen and in print."""

    group: str
    colour: str
    mark: str
    means: tuple[float | None, ...]

    @property
    def letter(self) -> str:
        """The letter drawn in the group's marks, so the lines are told apart without colour."""
        return group_letter(self.group)


def radar_series(summary: AssessmentSummary, groups: Sequence[StakeholderGroup]) -> tuple[RadarSeries, ...]:
    """Return one series per group, in the groups' order: its mean on each of the summary's principles."""
    return tuple(RadarSeries(group.name, group.colour, group.mark,
                             tuple(summary.stats(principle, require_id(group)).mean for principle in summary.principles))
                 for group in groups)


@dataclass(frozen=True)
class ScoreChange:
    """A group's mean for a principle at the previous assessment and now."""

    before: float | None
    after: float | None

    @property
    def delta(self) -> float | None:
        """Now minus before, or None when either is missing."""
        return self.after - self.before if self.after is not None and self.before is not None else None


@dataclass(frozen=True)
class RatingProgress:
    """How many of the present voting members have rated a principle."""

    rated: int
    eligible: int

    def __str__(self) -> str:
        return f"{self.rated} of {self.eligible}"


def record_score(
    uow: UnitOfWork,
    workshop_id: int,
    principle: str,
    group_id: int,
    score: int,
    participant_id: int | None = None,
) -> Changed[Assessment]:
    """Record a score from a person (or a whole group when participant_id is None); re-rating adds a row."""
    check_score(principle, score)
    who = _rater(uow, workshop_id, group_id, participant_id, principle.strip(), score)
    row = uow.repo(Assessment).add(Assessment(
        workshop_id=workshop_id, principle=principle.strip(), group_id=group_id, score=score,
        participant_id=participant_id,
    ))
    audit.append(uow, workshop_id, "score_recorded", who, rows=[row])
    return Changed(row, Changes(assessment=frozenset({row.principle})))


def check_score(principle: str, score: int) -> None:
    """Refuse a score outside the scale or without a principle."""
    if isinstance(score, bool) or not isinstance(score, int) or not LOWEST <= score <= HIGHEST:
        raise WorkshopError(f"A score must be a whole number from {LOWEST} to {HIGHEST}.")
    if not principle.strip():
        raise WorkshopError("Choose the principle this score is for.")


def check_rater(person: Participant, group_id: int) -> None:
    """Refuse a personal score from someone outside the group, or from an observer."""
    if person.group_id != group_id:
        raise WorkshopError("That person is not a member of this group; choose a name from the list.")
    if not person.is_voting:
        raise WorkshopError(f"{person.name} is an observer, and observers do not rate.")


def _rater(
    uow: UnitOfWork, workshop_id: int, group_id: int, participant_id: int | None, principle: str, score: int
) -> str:
    """Check who is rating and return the audit text (a person's own score stays out of the log)."""
    if uow.repo(Workshop).get(workshop_id) is None:
        raise WorkshopError("That workshop cannot be found; open a workshop first.")
    group = uow.repo(StakeholderGroup).get(group_id)
    if group is None or group.workshop_id != workshop_id:
        raise WorkshopError("That group is not part of this workshop; choose one of its groups.")
    if participant_id is None:
        return f"{group.name} rated {principle} {score} of {HIGHEST} as a group."
    person = uow.repo(Participant).get(participant_id)
    if person is None or person.workshop_id != workshop_id:
        raise WorkshopError("That person is not a member of this group; choose a name from the list.")
    check_rater(person, group_id)
    return f"{person.name} rated {principle}."


def latest_scores(assessments: Iterable[Assessment]) -> list[Assessment]:
    """Keep the latest score of each person per principle (and of each group's own group score)."""
    latest: dict[tuple[str, str, int], Assessment] = {}
    for row in sorted(assessments, key=lambda a: (a.created_at, require_id(a))):
        key = ("person", row.principle, row.participant_id) if row.participant_id is not None \
            else ("group", row.principle, row.group_id)
        latest[key] = row
    return sorted(latest.values(), key=lambda a: require_id(a))


def score_stats(scores: Sequence[int]) -> ScoreStats:
    """Return count, total, min, max and population standard deviation of some scores."""
    if not scores:
        return ScoreStats()
    return ScoreStats(len(scores), sum(scores), min(scores), max(scores), statistics.pstdev(scores))


def summarise(
    assessments: Iterable[Assessment], groups: Sequence[StakeholderGroup], principles: Sequence[str]
) -> AssessmentSummary:
    """Summarise the latest scores per principle and group; scores of other groups are ignored."""
    ordered = sorted(groups, key=lambda g: (g.position, require_id(g)))
    names = {g.id: g.name for g in ordered if g.id is not None}
    rows = [a for a in latest_scores(assessments) if a.group_id in names]
    by_principle: dict[str, PrincipleSummary] = {}
    for principle in principles:
        mine = [a for a in rows if a.principle == principle]
        per_group = {gid: score_stats([a.score for a in mine if a.group_id == gid]) for gid in names}
        by_principle[principle] = PrincipleSummary(principle, per_group, score_stats([a.score for a in mine]))
    return AssessmentSummary(tuple(principles), names, by_principle)


def largest_gap(summary: AssessmentSummary) -> str | None:
    """Return the principle where group means differ most (first in order on a tie), or None."""
    best: tuple[Fraction, str] | None = None
    for principle in summary.principles:
        gap = summary.by_principle[principle].gap
        if gap is not None and (best is None or gap > best[0]):
            best = (gap, principle)
    return best[1] if best else None


def change_since(
    previous: AssessmentSummary, current: AssessmentSummary
) -> dict[str, dict[str, ScoreChange]]:
    """Per principle (of the current summary) and group name, the mean then and now.

    Groups are matched by name (ignoring case and outer spaces), since each workshop has its own groups;
    a group only in the previous workshop comes after the current ones.
    """
    def key(name: str) -> str:
        return name.strip().casefold()

    before_ids = {key(n): gid for gid, n in previous.group_names.items()}
    names = list(current.group_names.values())
    names += [n for n in previous.group_names.values() if key(n) not in {key(c) for c in names}]
    now_ids = {key(n): gid for gid, n in current.group_names.items()}
    changes: dict[str, dict[str, ScoreChange]] = {}
    for principle in current.principles:
        changes[principle] = {}
        for name in names:
            then_id, now_id = before_ids.get(key(name)), now_ids.get(key(name))
            before = previous.stats(principle, then_id).mean if then_id is not None else None
            after = current.stats(principle, now_id).mean if now_id is not None else None
            changes[principle][name] = ScoreChange(before, after)
    return changes


def rating_progress(
    assessments: Iterable[Assessment], participants: Iterable[Participant], principle: str
) -> RatingProgress:
    """Count the present voting members who have rated a principle, out of all of them."""
    members = {p.id for p in participants if p.present and p.is_voting and p.id is not None}
    rated = {a.participant_id for a in assessments if a.principle == principle and a.participant_id in members}
    return RatingProgress(len(rated), len(members))


def summarise_workshop(uow: UnitOfWork, workshop_id: int, principles: Sequence[str]) -> AssessmentSummary:
    """Load a workshop's scores and groups and summarise them."""
    rows = uow.repo(Assessment).list(workshop_id=workshop_id)
    groups = uow.repo(StakeholderGroup).list(workshop_id=workshop_id)
    return summarise(rows, groups, principles)


def workshop_rating_progress(uow: UnitOfWork, workshop_id: int, principle: str) -> RatingProgress:
    """Load a workshop's scores and participants and count who has rated a principle."""
    rows = uow.repo(Assessment).list(workshop_id=workshop_id, principle=principle)
    people = uow.repo(Participant).list(workshop_id=workshop_id)
    return rating_progress(rows, people, principle)


def rated_ids(uow: UnitOfWork, workshop_id: int, principle: str) -> set[int]:
    """Return the ids of the people who have rated a principle (never their scores)."""
    ids = uow.repo(Assessment).column("participant_id", workshop_id=workshop_id, principle=principle)
    return {pid for pid in ids if pid is not None}
