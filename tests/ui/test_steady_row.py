"""A SteadyRow keeps new words local, yet its words are never cut when the window later changes width."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from tests.ui.layout_requests import LayoutRequests, wait_until_laid_out
from workshop_app.ui.widgets.steady_row import SteadyRow

SHORT = "Find your name."
LONG = "Tap your name, then your choice. You can change it until the vote closes, as often as you like."


def _window(qtbot: QtBot) -> tuple[QWidget, QLabel, SteadyRow]:
    """Return a shown window holding a row with one wrapping label and a count."""
    window = QWidget()
    qtbot.addWidget(window)
    label = QLabel(SHORT)
    label.setWordWrap(True)
    row = SteadyRow([(label, 3), (QLabel("3 of 20"), 1)])
    layout = QVBoxLayout(window)
    layout.addWidget(row)
    layout.addStretch(1)
    window.show()
    return window, label, row


def _settle(qtbot: QtBot, window: QWidget, width: int) -> None:
    """Resize the window and let every layout pass run."""
    window.resize(width, 400)
    qtbot.wait(20)


def test_words_changed_at_one_width_still_wrap_whole_after_a_narrower_width(qtbot: QtBot) -> None:
    window, label, row = _window(qtbot)
    _settle(qtbot, window, 1800)
    _settle(qtbot, window, 700)  # the layout remembers the row's height at this width (short words: one line)
    _settle(qtbot, window, 1800)
    label.setText(LONG)  # one line at this width: the row does not ask for a new layout
    qtbot.wait(20)
    _settle(qtbot, window, 700)
    assert label.height() >= label.heightForWidth(label.width()) > label.fontMetrics().height()
    assert row.height() >= label.heightForWidth(label.width())


def test_new_words_that_fit_the_same_height_never_lay_the_window_out_again(qtbot: QtBot) -> None:
    window, label, row = _window(qtbot)
    _settle(qtbot, window, 1200)
    wait_until_laid_out(qtbot, [window])
    geometry = row.geometry()
    requests = LayoutRequests([window])
    try:
        label.setText("Find your group.")
        qtbot.wait(50)
    finally:
        requests.stop()
    assert row.geometry() == geometry and label.text() == "Find your group."
    assert requests.seen == {}
