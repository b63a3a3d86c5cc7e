"""One walk-up tap on the shared screen is one write transaction and no read (the round's first too: the screens read
its progress when it opened), with the console open too."""

from __future__ import annotations

from PySide6.QtCore import Qt

from workshop_app.core.model import Choice
from workshop_app.ui.shared_screen.voting_view import VotingView
from tests.store.transactions import counted
from tests.ui.windows import open_console


def test_one_walk_up_tap_is_one_write_and_no_read(qtbot, store) -> None:  # type: ignore[no-untyped-def]
    window = open_console(qtbot, store, per_group=3)
    window.toggle_shared_screen()
    shared = window.shared_screen
    assert shared is not None
    room = window.room
    index = next(i for i, stage in enumerate(room.stages) if stage.kind == "commitments")
    room.go_to(index)
    assert room.votes.create_proposal(room.stage().principle or "", "We will share one risk register.")
    assert room.votes.open_vote(room.votes.proposals()[-1].id or 0, secret=True)
    view = shared.body.currentWidget()
    assert isinstance(view, VotingView) and view.tiles
    first, second, third = list(view.tiles)[:3]
    for index, person in enumerate((first, second, third, second)):  # the last one changes their vote
        qtbot.mouseClick(view.tiles[person], Qt.MouseButton.LeftButton)
        with counted(store) as seen:
            qtbot.mouseClick(view.choices.buttons[Choice.AGREE], Qt.MouseButton.LeftButton)
        # Every cast adds its voter to the progress the screens read when the vote opened: no read, the first too.
        assert (seen.writes, seen.reads) == (1, 0), (index, seen)
    console = window.workshop_page.console.stage.proposals.vote_panel
    shown = f"3 of {len(view.tiles)} have voted"
    assert view.progress.text() == console.progress.text() == shown
    assert str(room.votes.progress(view.round.id or 0)) == shown  # the store agrees
