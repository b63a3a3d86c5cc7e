"""Stage navigation and the stage timer, with the clock passed in."""

import datetime as dt

import pytest

from tests.core.fakes import FakeStore
from workshop_app.core.changes import perform, read
from workshop_app.core import stage_progress, workshops
from workshop_app.core.errors import WorkshopError
from workshop_app.core.model import StageProgress, Workshop, WorkshopStatus
from workshop_app.core.workshop_record import read_record

T0 = dt.datetime(2026, 3, 4, 10, 0, tzinfo=dt.UTC)


def _setup() -> tuple[FakeStore, int]:
    store = FakeStore()
    w = perform(store, workshops.create_workshop, Workshop("W", "P", "X", dt.date(2026, 3, 4), "F", "charter")).value
    return store, w.id


def _stored(store: FakeStore, wid: int) -> StageProgress:
    """Return where the workshop is, as stored (read with the whole workshop, as an export reads it)."""
    progress = read(store, read_record, wid).stage_progress
    assert progress is not None
    return progress


def test_timer_runs_pauses_extends_and_overruns() -> None:
    store, wid = _setup()
    perform(store, stage_progress.go_to_stage, wid, 2, 10, "Framing", now=T0)
    perform(store, stage_progress.start_timer, wid, now=T0)
    perform(store, stage_progress.pause_timer, wid, now=T0 + dt.timedelta(minutes=4))
    progress = perform(store, stage_progress.start_timer, wid, now=T0 + dt.timedelta(minutes=10)).value
    state = stage_progress.timer_state(progress, 5, now=T0 + dt.timedelta(minutes=11, seconds=30))
    assert state.elapsed_seconds == 330 and state.overrun and state.label == "+0:30 over"
    progress = perform(store, stage_progress.extend_timer, wid, now=T0 + dt.timedelta(minutes=12)).value
    state = stage_progress.timer_state(progress, 5, now=T0 + dt.timedelta(minutes=11, seconds=30))
    assert not state.overrun and state.label == "4:30"


def test_moving_stage_resets_timer_and_marks_workshop_started() -> None:
    store, wid = _setup()
    perform(store, stage_progress.start_timer, wid, now=T0)
    progress = perform(store, stage_progress.go_to_stage, wid, 1, 10, now=T0 + dt.timedelta(minutes=3)).value
    assert progress.stage_index == 1 and not progress.timer_running and progress.elapsed_seconds == 0
    assert read(store, workshops.get_workshop, wid).status == WorkshopStatus.IN_PROGRESS
    with pytest.raises(WorkshopError, match="no stage 11"):
        perform(store, stage_progress.go_to_stage, wid, 10, 10)


def test_resume_after_restart_pauses_at_last_checkpoint() -> None:
    store, wid = _setup()
    perform(store, stage_progress.go_to_stage, wid, 3, 10, now=T0)
    perform(store, stage_progress.start_timer, wid, now=T0)
    perform(store, stage_progress.checkpoint_timer, wid, now=T0 + dt.timedelta(seconds=95))
    progress = perform(store, stage_progress.resume, wid).value
    assert progress.stage_index == 3 and not progress.timer_running
    assert progress.elapsed_seconds == 95


def test_results_shown_until_the_stage_changes() -> None:
    store, wid = _setup()
    perform(store, stage_progress.go_to_stage, wid, 3, 10, now=T0)
    assert perform(store, stage_progress.show_results, wid, True).value.results_shown
    assert _stored(store, wid).results_shown
    assert not perform(store, stage_progress.go_to_stage, wid, 4, 10, now=T0).value.results_shown


def test_moving_to_a_stage_and_starting_its_timer_is_one_transaction() -> None:
    store, wid = _setup()
    commits = store.commits
    moved = perform(store, stage_progress.go_to_stage, wid, 2, 10, "Framing", now=T0, start=True)
    assert store.commits == commits + 1
    assert moved.value.stage_index == 2 and moved.value.timer_running and moved.value.timer_started_at == T0
    assert moved.changes.stage and moved.changes.workshop  # the first move also starts the workshop
    assert [e.kind for e in store.audit[-2:]] == ["stage_changed", "timer_started"]
    with pytest.raises(WorkshopError, match="no stage 11"):
        perform(store, stage_progress.go_to_stage, wid, 10, 10, start=True)
    assert _stored(store, wid).stage_index == 2 and store.commits == commits + 1
