"""Stage navigation and the stage timer, with the clock passed in."""

import datetime as dt

import pytest

from tests.core.fakes import FakeStore
from workshop_app.core.changes import perform, read
from workshop_app.core import stage_progress, workshops
from workshop_app.core.errors import WorkshopError
from workshop_app.core.model import Workshop, WorkshopStatus

T0 = dt.datetime(2026, 3, 4, 10, 0, tzinfo=dt.UTC)


def _setup() -> tuple[FakeStore, int]:
    store = FakeStore()
    w = perform(store, workshops.create_workshop, Workshop("W", "P", "X", dt.date(2026, 3, 4), "F", "charter")).value
    return store, w.id


def test_timer_runs_pauses_extends_and_overruns() -> None:
    store, wid = _setup()
    stage_progress.go_to_stage(store, wid, 2, 10, "Framing", now=T0)
    stage_progress.start_timer(store, wid, now=T0)
    stage_progress.pause_timer(store, wid, now=T0 + dt.timedelta(minutes=4))
    stage_progress.start_timer(store, wid, now=T0 + dt.timedelta(minutes=10))
    progress = stage_progress.get_progress(store, wid)
    state = stage_progress.timer_state(progress, 5, now=T0 + dt.timedelta(minutes=11, seconds=30))
    assert state.elapsed_seconds == 330 and state.overrun and state.label == "+0:30 over"
    stage_progress.extend_timer(store, wid, now=T0 + dt.timedelta(minutes=12))
    state = stage_progress.timer_state(stage_progress.get_progress(store, wid), 5, now=T0 + dt.timedelta(minutes=11, seconds=30))
    assert not state.overrun and state.label == "4:30"


def test_moving_stage_resets_timer_and_marks_workshop_started() -> None:
    store, wid = _setup()
    stage_progress.start_timer(store, wid, now=T0)
    progress = stage_progress.go_to_stage(store, wid, 1, 10, now=T0 + dt.timedelta(minutes=3))
    assert progress.stage_index == 1 and not progress.timer_running and progress.elapsed_seconds == 0
    assert read(store, workshops.get_workshop, wid).status == WorkshopStatus.IN_PROGRESS
    with pytest.raises(WorkshopError, match="no stage 11"):
        stage_progress.go_to_stage(store, wid, 10, 10)


def test_resume_after_restart_pauses_at_last_checkpoint() -> None:
    store, wid = _setup()
    stage_progress.go_to_stage(store, wid, 3, 10, now=T0)
    stage_progress.start_timer(store, wid, now=T0)
    stage_progress.checkpoint_timer(store, wid, now=T0 + dt.timedelta(seconds=95))
    progress = stage_progress.resume(store, wid)
    assert progress.stage_index == 3 and not progress.timer_running
    assert progress.elapsed_seconds == 95


def test_results_shown_until_the_stage_changes() -> None:
    store, wid = _setup()
    stage_progress.go_to_stage(store, wid, 3, 10, now=T0)
    assert stage_progress.show_results(store, wid, True).results_shown
    assert stage_progress.get_progress(store, wid).results_shown
    assert not stage_progress.go_to_stage(store, wid, 4, 10, now=T0).results_shown
