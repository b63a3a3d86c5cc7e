"""Paged lines turn their pages only while on show: a hidden view's timer never fires during a vote."""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout, QWidget

from workshop_app.ui.shared_screen.paged_lines import PagedLines


def test_pages_turn_only_while_on_show(qtbot) -> None:  # type: ignore[no-untyped-def]
    view = QWidget()
    qtbot.addWidget(view)
    lines = PagedLines()
    QVBoxLayout(view).addWidget(lines)
    lines.set_lines([f"Line {n}: words that take some room on the shared screen" for n in range(40)])
    view.resize(400, 150)
    view.show()
    qtbot.waitExposed(view)
    qtbot.waitUntil(lambda: len(lines.pages) > 1)
    assert lines._timer.isActive()
    view.hide()  # another view takes the screen (a vote opens)
    assert not lines._timer.isActive()
    lines.resize(400, 120)  # worked out again while hidden: still no timer
    lines.relayout()
    assert not lines._timer.isActive()
    view.show()
    assert lines._timer.isActive() and len(lines.pages) > 1
