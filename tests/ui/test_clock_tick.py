"""The one-second clock: a tick that changes no words lays nothing out, and a running timer's new digits repaint
the time only, so a tick that lands during a vote costs the cast next to nothing."""

from __future__ import annotations

from workshop_app.core.stage_progress import TimerState
from tests.ui.layout_requests import LayoutRequests, wait_until_laid_out
from tests.ui.windows import open_console


def _console(qtbot, store):  # type: ignore[no-untyped-def]
    window = open_console(qtbot, store)
    window.room._clock.stop()  # the test ticks the clock itself
    timer = window.workshop_page.console.timer
    watched = [window, timer, window.workshop_page.console]
    wait_until_laid_out(qtbot, watched)
    return window, timer, watched


def test_a_tick_that_changes_nothing_lays_nothing_out(qtbot, store) -> None:  # type: ignore[no-untyped-def]
    window, timer, watched = _console(qtbot, store)
    requests = LayoutRequests(watched)
    try:
        for _ in range(3):
            window.room._on_clock_ticked()
            qtbot.wait(5)
    finally:
        requests.stop()
    assert not window.room.timer().running
    assert requests.seen == {}, f"a clock tick with nothing new laid the console out again: {requests.seen}"


def test_a_running_timers_new_digits_lay_nothing_out(qtbot, store) -> None:  # type: ignore[no-untyped-def]
    window, timer, watched = _console(qtbot, store)
    timer.show_state(TimerState(True, 1, 1500))
    wait_until_laid_out(qtbot, watched)
    requests = LayoutRequests(watched)
    try:
        for second in range(2, 12):
            timer.show_state(TimerState(True, second, 1500))
            qtbot.wait(5)
    finally:
        requests.stop()
    assert timer.time.text() == "24:49"
    assert requests.seen == {}, f"a new time laid the console out again: {requests.seen}"


def test_an_overrun_still_shows_on_the_time(qtbot, store) -> None:  # type: ignore[no-untyped-def]
    window, timer, _watched = _console(qtbot, store)
    timer.show_state(TimerState(True, 1501, 1500))
    assert timer.time.property("overrun") is True and timer.warning.text() == "This stage has run over its time."
    assert timer.time.text() == "+0:01 over"
    timer.show_state(TimerState(False, 10, 1500))
    assert timer.time.property("overrun") is False and timer.warning.text() == ""
