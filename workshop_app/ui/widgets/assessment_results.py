"""Turns an assessment summary into radar series and plain sentences: means, spread, change, the largest gap."""

from __future__ import annotations


from workshop_app.core.assessment import AssessmentSummary, ScoreChange, ScoreStats


CLOSE = 1
"""Scores at most this far apart are 'close'; further than FAR apart are 'far apart'."""
FAR = 2


def apart_words(gap: float) -> str:
    """Say in plain words how far apart scores are: 'close', 'a little apart' or 'far apart'."""
    if gap <= CLOSE:
        return "close"
    return "far apart" if gap > FAR else "a little apart"


def stats_sentence(stats: ScoreStats) -> str:
    """Return a group's result in words, e.g. 'average 3.5 from 4 scores; its people are close (3 to 4)'."""
    if not stats.count or stats.mean is None or stats.low is None or stats.high is None:
        return "no scores yet"
    who = "1 score" if stats.count == 1 else f"{stats.count} scores"
    if stats.count == 1:
        return f"average {stats.mean:.1f} from {who}"
    return f"average {stats.mean:.1f} from {who}; its people are {apart_words(stats.high - stats.low)} " \
           f"({stats.low} to {stats.high})"


def change_sentence(change: ScoreChange | None) -> str:
    """Return the change since the last assessment in words, e.g. 'up 0.5 since last time (2.5 → 3.0)'."""
    if change is None or change.before is None:
        return "not assessed last time"
    if change.after is None or change.delta is None:
        return f"{change.before:.1f} last time, no scores yet"
    delta = change.delta
    way = "no change" if abs(delta) < 0.05 else (f"up {delta:.1f}" if delta > 0 else f"down {-delta:.1f}")
    return f"{way} since last time ({change.before:.1f} → {change.after:.1f})"


def gap_sentence(principle_name: str, summary: AssessmentSummary, principle: str) -> str:
    """Return the call-out for the principle on screen: the two groups whose averages are furthest apart."""
    means = [(stats.mean, summary.group_names.get(gid, "a group"))
             for gid, stats in summary.by_principle[principle].per_group.items()
             if stats.mean is not None] if principle in summary.by_principle else []
    if len(means) < 2:
        return f"When at least two groups have rated {principle_name}, the biggest difference shows here."
    (low, low_name), (high, high_name) = min(means), max(means)
    if high - low <= CLOSE:
        return f"On {principle_name} the groups are close: from {low:.1f} to {high:.1f}."
    return f"Talk about this: on {principle_name}, {high_name} ({high:.1f}) and {low_name} ({low:.1f}) are " \
           f"{apart_words(high - low)}."
