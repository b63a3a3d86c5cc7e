"""Issue 17 point 9: a live picture of the shared screen on the console, redrawn a few times a second at most,
never inside a vote's own call, and not at all while it is hidden."""

from __future__ import annotations

from PySide6.QtGui import QImage

from tests.ui.windows import open_console
from workshop_app.core.model import Choice
from workshop_app.ui.facilitator.projector_thumbnail import REDRAW_GAP_MS, STALE_MS, STILL_MS


def _shown(qtbot, store, per_group: int = 1):  # type: ignore[no-untyped-def]
    window = open_console(qtbot, store, per_group=per_group)
    shared = window.shared_screen
    assert shared is not None
    shared.present_on(None)
    qtbot.waitExposed(shared)
    thumb = window.workshop_page.console.thumbnail
    qtbot.waitUntil(lambda: thumb.redraws >= 1, timeout=REDRAW_GAP_MS * 10)
    return window, shared, thumb


def _image(thumb) -> QImage:  # type: ignore[no-untyped-def]
    return thumb.pixmap().toImage()


def test_the_picture_follows_the_shared_screen(qtbot, store) -> None:  # type: ignore[no-untyped-def]
    window, shared, thumb = _shown(qtbot, store)
    assert thumb.isVisible() and not thumb.pixmap().isNull()
    assert thumb.pixmap().width() <= thumb.width() and thumb.pixmap().height() <= thumb.height()
    before, count = _image(thumb), thumb.redraws
    window.room.next_stage()
    qtbot.waitUntil(lambda: thumb.redraws > count, timeout=REDRAW_GAP_MS * 10)
    assert _image(thumb) != before
    shared.leave()
    qtbot.waitUntil(lambda: "not showing" in thumb.text(), timeout=REDRAW_GAP_MS * 10)
    window.room._clock.stop()


def test_forty_ballots_cost_a_few_redraws_and_none_inside_the_vote(qtbot, store) -> None:  # type: ignore[no-untyped-def]
    window, shared, thumb = _shown(qtbot, store, per_group=10)
    room = window.room
    room.go_to(next(i for i, s in enumerate(room.stages) if s.kind == "commitments"))
    room.votes.create_proposal(room.stage().principle, "We will meet monthly.")
    proposal = room.votes.proposals()[0]
    assert room.votes.open_vote(proposal.id or 0, False)
    opened = room.votes.open_round()
    assert opened is not None
    round_id = opened[0].id or 0
    qtbot.wait(REDRAW_GAP_MS * 2)
    count = thumb.redraws
    for person in window.controller.participants():
        room.votes.cast(round_id, person.id or 0, Choice.AGREE)
        assert thumb.redraws == count  # the vote's own call never draws the picture
    qtbot.wait(REDRAW_GAP_MS * 3)
    assert count < thumb.redraws <= count + 4
    window.room._clock.stop()


def test_nothing_is_drawn_while_the_picture_is_hidden_and_it_catches_up(qtbot, store) -> None:  # type: ignore[no-untyped-def]
    window, shared, thumb = _shown(qtbot, store)
    window.workshop_page.tabs.setCurrentWidget(window.workshop_page.roster)  # the console tab is hidden
    assert not thumb.isVisible()
    count = thumb.redraws
    for _ in range(3):
        window.room.next_stage()
    qtbot.wait(REDRAW_GAP_MS * 3)
    assert thumb.redraws == count
    window.workshop_page.tabs.setCurrentWidget(window.workshop_page.console)
    qtbot.waitUntil(lambda: thumb.redraws == count + 1, timeout=REDRAW_GAP_MS * 10)
    window.room._clock.stop()


def test_the_picture_waits_until_the_shared_screen_is_still(qtbot, store) -> None:  # type: ignore[no-untyped-def]
    """A redraw never lands among the repaints of a cast (a tap, the screens' paint): it waits for a still moment,
    but not for ever."""
    window, shared, thumb = _shown(qtbot, store)
    window.room._clock.stop()
    qtbot.wait(REDRAW_GAP_MS * 2)
    count = thumb.redraws
    for _ in range(REDRAW_GAP_MS * 2 // 50):  # the shared screen repaints every 50 ms for twice the gap
        shared.update()
        qtbot.wait(50)
        assert thumb.redraws == count, "the picture was redrawn while the shared screen kept repainting"
    qtbot.waitUntil(lambda: thumb.redraws == count + 1, timeout=STILL_MS * 10)
    count = thumb.redraws
    for _ in range(STALE_MS * 2 // 50):  # repaints that never stop: the picture still follows, late
        shared.update()
        qtbot.wait(50)
    assert count < thumb.redraws <= count + 3
