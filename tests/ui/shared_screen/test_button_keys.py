"""The one key filter the walk-up screens share: arrows go round a row, Enter/Space press, the rest is handed on."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from workshop_app.ui.shared_screen.button_keys import ButtonKeys


def _row(qtbot: QtBot) -> tuple[QWidget, list[QPushButton], list[str], list[tuple[QObject, int]]]:
    window = QWidget()
    qtbot.addWidget(window)
    layout = QHBoxLayout(window)
    buttons = [QPushButton(name) for name in "ABC"]
    pressed: list[str] = []
    handed_on: list[tuple[QObject, int]] = []
    keys = ButtonKeys(lambda: [buttons], lambda watched, key: handed_on.append((watched, key)) is None, window)
    for button in buttons:
        layout.addWidget(button)
        button.clicked.connect(lambda _checked=False, b=button: pressed.append(b.text()))
        button.installEventFilter(keys)
    window.show()
    qtbot.waitExposed(window)
    return window, buttons, pressed, handed_on


def test_arrows_go_round_the_row_and_enter_or_space_press_the_button(qtbot: QtBot) -> None:
    window, buttons, pressed, _ = _row(qtbot)
    buttons[0].setFocus()
    qtbot.keyClick(buttons[0], Qt.Key.Key_Left)
    assert window.focusWidget() is buttons[2]
    qtbot.keyClick(buttons[2], Qt.Key.Key_Down)
    assert window.focusWidget() is buttons[0]
    qtbot.keyClick(buttons[0], Qt.Key.Key_Return)
    qtbot.keyClick(buttons[0], Qt.Key.Key_Space)
    buttons[1].setEnabled(False)
    qtbot.keyClick(buttons[1], Qt.Key.Key_Enter)
    assert pressed == ["A", "A"]


def test_every_other_key_is_handed_on_with_the_button_it_came_to(qtbot: QtBot) -> None:
    _window, buttons, pressed, handed_on = _row(qtbot)
    qtbot.keyClick(buttons[1], Qt.Key.Key_A)
    qtbot.keyClick(buttons[1], Qt.Key.Key_Escape)
    assert handed_on == [(buttons[1], Qt.Key.Key_A), (buttons[1], Qt.Key.Key_Escape)] and pressed == []
