"""Turns an assessment summary into radar series and plain sentences: means, spread, change, the largest gap."""

from __future__ import annotations

from collections.abc import Sequence

from workshop_app.core.assessment import AssessmentSummary, ScoreChange, ScoreStats
from workshop_app.core.model import StakeholderGroup
from workshop_app.core.palette import group_letter
from workshop_app.ui.widgets.radar_chart import RadarSeries


def radar_series(summary: AssessmentSummary, groups: Sequence[StakeholderGroup]) -> list[RadarSeries]:
    """Return one series per group: its mean on each principle (None where it has not rated)."""
    return [
        RadarSeries(group.name, group.colour, group.mark, group_letter(group.name),
                    tuple(summary.stats(principle, group.id or 0).mean for principle in summary.principles))
        for group in groups
    ]


def stats_sentence(stats: ScoreStats) -> str:
    """Return a group's result in words, e.g. 'average 3.5, spread 0.5 (3 to 4), 4 people'."""
    if not stats.count or stats.mean is None:
        return "no scores yet"
    who = "1 score" if stats.count == 1 else f"{stats.count} scores"
    return f"average {stats.mean:.1f}, spread {stats.stdev or 0:.1f} ({stats.low} to {stats.high}), {who}"


def change_sentence(change: ScoreChange | None) -> str:
    """Return the change since the last assessment in words, e.g. 'up 0.5 since last time (2.5 → 3.0)'."""
    if change is None or change.before is None:
        return "not assessed last time"
    if change.after is None or change.delta is None:
        return f"{change.before:.1f} last time, no scores yet"
    delta = change.delta
    way = "no change" if abs(delta) < 0.05 else (f"up {delta:.1f}" if delta > 0 else f"down {-delta:.1f}")
    return f"{way} since last time ({change.before:.1f} → {change.after:.1f})"


def gap_sentence(principle_name: str | None) -> str:
    """Return the call-out naming the principle where the groups differ most."""
    if principle_name is None:
        return "When at least two groups have rated, the principle they see most differently is shown here."
    return f"Talk about this one: {principle_name} - the groups see it most differently."
