"""Stage progress: which stage of its plan a workshop is at, and the stage timer."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from workshop_app.core import audit
from workshop_app.core.changes import NOTHING, Changed, Changes
from workshop_app.core.errors import WorkshopError
from workshop_app.core.model import StageProgress, Workshop, WorkshopStatus, utc_now
from workshop_app.core.ports import UnitOfWork

EXTEND_MINUTES = 5


@dataclass(frozen=True)
class TimerState:
    """The stage timer as the screens show it."""

    running: bool
    elapsed_seconds: float
    limit_seconds: float

    @property
    def remaining_seconds(self) -> float:
        """Return the seconds left (negative once overrun)."""
        return self.limit_seconds - self.elapsed_seconds

    @property
    def overrun(self) -> bool:
        """Say whether the stage has run past its timebox."""
        return self.elapsed_seconds > self.limit_seconds

    @property
    def label(self) -> str:
        """Return the time left as m:ss, or '+m:ss over' once overrun."""
        seconds = int(abs(self.remaining_seconds))
        text = f"{seconds // 60}:{seconds % 60:02d}"
        return f"+{text} over" if self.overrun else text


def _progress(uow: UnitOfWork, workshop_id: int) -> StageProgress:
    rows = uow.repo(StageProgress).list(workshop_id=workshop_id)
    if rows:
        return rows[0]
    return uow.repo(StageProgress).add(StageProgress(workshop_id=workshop_id))


def elapsed_at(progress: StageProgress, now: dt.datetime) -> float:
    """Return the seconds the current stage's timer has run by `now`."""
    running = 0.0
    if progress.timer_running and progress.timer_started_at is not None:
        running = max(0.0, (now - progress.timer_started_at).total_seconds())
    return progress.elapsed_seconds + running


def timer_state(progress: StageProgress, minutes: int, now: dt.datetime | None = None) -> TimerState:
    """Return the timer as it stands now for a stage with the given timebox."""
    limit = 60.0 * (minutes + progress.extra_minutes)
    return TimerState(progress.timer_running, elapsed_at(progress, now or utc_now()), limit)


def _save(uow: UnitOfWork, progress: StageProgress, now: dt.datetime, kind: str, text: str,
          rows: list[Workshop] | None = None) -> Changed[StageProgress]:
    progress.updated_at = now
    uow.repo(StageProgress).update(progress)
    audit.append(uow, progress.workshop_id, kind, text, rows=rows or ())
    return Changed(progress, Changes(stage=True, workshop=bool(rows)))


def go_to_stage(uow: UnitOfWork, workshop_id: int, index: int, stage_count: int, title: str = "",
                now: dt.datetime | None = None, start: bool = False) -> Changed[StageProgress]:
    """Move the room to a stage (the first move starts the workshop); its timer starts from zero, running when
    `start` is given, else paused."""
    if not 0 <= index < stage_count:
        raise WorkshopError(f"There is no stage {index + 1}; the plan has {stage_count} stages.")
    now = now or utc_now()
    progress = _progress(uow, workshop_id)
    progress.stage_index = index
    progress.timer_running, progress.elapsed_seconds = False, 0.0
    progress.timer_started_at, progress.extra_minutes = None, 0
    progress.results_shown = False
    workshop = uow.repo(Workshop).get(workshop_id)
    started = workshop is not None and workshop.status == WorkshopStatus.DRAFT
    if workshop is not None and started:
        workshop.status = WorkshopStatus.IN_PROGRESS
        uow.repo(Workshop).update(workshop)
    moved = _save(uow, progress, now, "stage_changed", f"Stage {index + 1}: {title}".rstrip(": "),
                  [workshop] if workshop is not None and started else None)
    if not start:
        return moved
    running = start_timer(uow, workshop_id, now)
    return Changed(running.value, moved.changes | running.changes)


def start_timer(uow: UnitOfWork, workshop_id: int, now: dt.datetime | None = None) -> Changed[StageProgress]:
    """Start (or resume) the stage timer."""
    now = now or utc_now()
    progress = _progress(uow, workshop_id)
    if progress.timer_running:
        return Changed(progress, NOTHING)
    progress.timer_running, progress.timer_started_at = True, now
    return _save(uow, progress, now, "timer_started", "Stage timer started")


def pause_timer(uow: UnitOfWork, workshop_id: int, now: dt.datetime | None = None) -> Changed[StageProgress]:
    """Pause the stage timer, keeping the time run so far."""
    now = now or utc_now()
    progress = _progress(uow, workshop_id)
    if not progress.timer_running:
        return Changed(progress, NOTHING)
    progress.elapsed_seconds = elapsed_at(progress, now)
    progress.timer_running, progress.timer_started_at = False, None
    return _save(uow, progress, now, "timer_paused", "Stage timer paused")


def extend_timer(uow: UnitOfWork, workshop_id: int, minutes: int = EXTEND_MINUTES,
                 now: dt.datetime | None = None) -> Changed[StageProgress]:
    """Give the current stage more minutes."""
    progress = _progress(uow, workshop_id)
    progress.extra_minutes += minutes
    return _save(uow, progress, now or utc_now(), "timer_extended", f"Stage given {minutes} more minutes")


def show_results(uow: UnitOfWork, workshop_id: int, shown: bool,
                 now: dt.datetime | None = None) -> Changed[StageProgress]:
    """Reveal the current stage's results on the shared screen, or hide them again."""
    progress = _progress(uow, workshop_id)
    progress.results_shown = shown
    word = "shown" if shown else "hidden"
    return _save(uow, progress, now or utc_now(), "results_shown", f"Stage {progress.stage_index + 1} results {word}")


def checkpoint_timer(uow: UnitOfWork, workshop_id: int, now: dt.datetime | None = None) -> StageProgress:
    """Record a running timer's progress so a restart loses only seconds (no audit entry, nothing to redraw)."""
    now = now or utc_now()
    progress = _progress(uow, workshop_id)
    if progress.timer_running:
        progress.elapsed_seconds = elapsed_at(progress, now)
        progress.timer_started_at = progress.updated_at = now
        uow.repo(StageProgress).update(progress)
    return progress


def resume(uow: UnitOfWork, workshop_id: int) -> Changed[StageProgress]:
    """After a restart: same stage, timer paused at its last recorded time."""
    progress = _progress(uow, workshop_id)
    if progress.timer_running:
        progress.timer_running, progress.timer_started_at = False, None
        return _save(uow, progress, progress.updated_at, "timer_paused", "Stage timer paused on reopening")
    return Changed(progress, NOTHING)
