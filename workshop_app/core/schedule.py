"""Ahead of or behind plan: the time the day has taken against the time its plan gave the stages so far."""

from __future__ import annotations

import datetime as dt

from workshop_app.core.ports import UnitOfWork


def day_started_at(uow: UnitOfWork, workshop_id: int) -> dt.datetime | None:
    """Return when the stage timer was first started in the workshop (the day's start), or None."""
    return next((e.at for e in uow.audit_entries(workshop_id) if e.kind == "timer_started"), None)


def minutes_behind(started_at: dt.datetime, now: dt.datetime, minutes_before: int, stage_elapsed: float,
                   stage_limit: float) -> int:
    """Return how many minutes the day is behind its plan (negative when ahead).

    The plan gave the earlier stages `minutes_before` minutes, and this stage its time so far up to its limit.
    """
    planned = minutes_before * 60 + min(stage_elapsed, stage_limit)
    return round(((now - started_at).total_seconds() - planned) / 60)


def drift_text(behind: int | None) -> str:
    """Say in words where the day stands against the plan."""
    if behind is None:
        return "The day's clock starts with the first timer."
    if behind == 0:
        return "On plan"
    unit = "minute" if abs(behind) == 1 else "minutes"
    return f"Behind plan by {behind} {unit}" if behind > 0 else f"Ahead of plan by {-behind} {unit}"
