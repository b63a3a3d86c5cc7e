"""The four big choice buttons of the voting screen, and the large field that asks why someone blocks."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import (
    QGridLayout, QHBoxLayout, QLineEdit, QPushButton, QSizePolicy, QStackedWidget, QVBoxLayout, QWidget,
)

from workshop_app.core.model import Choice
from workshop_app.ui.shared_screen import theme
from workshop_app.ui.shared_screen.button_keys import ButtonKeys
from workshop_app.ui.shared_screen.framed_button import FramedButton
from workshop_app.ui.shared_screen.parts import text_label
from workshop_app.ui.shared_screen.theme import TypeSizes

REASON_LIMIT = 200


@dataclass(frozen=True)
class ChoiceSpec:
    """One choice as the screen offers it: its words, what a screen reader says, and its keys."""

    choice: Choice
    label: str
    spoken: str
    keys: tuple[Qt.Key, ...]


CHOICE_SPECS = (
    ChoiceSpec(Choice.AGREE, "Agree", "Agree with the proposal", (Qt.Key.Key_A, Qt.Key.Key_1)),
    ChoiceSpec(Choice.ABSTAIN, "Abstain", "Abstain: neither for nor against the proposal",
               (Qt.Key.Key_B, Qt.Key.Key_2)),
    ChoiceSpec(Choice.DISAGREE, "Disagree", "Disagree with the proposal", (Qt.Key.Key_D, Qt.Key.Key_3)),
    ChoiceSpec(Choice.BLOCK, "Block", "Block the proposal (you will be asked for a short reason)",
               (Qt.Key.Key_X, Qt.Key.Key_4)),
)
KEY_HINT = "Keys: A or 1 agree · B or 2 abstain · D or 3 disagree · X or 4 block · Esc cancels"
SHORT_KEY_HINT = "Keys: A, B, D, X or 1 to 4 · Esc cancels"


def choice_for_key(key: int) -> Choice | None:
    """Return the choice a key stands for, or None."""
    return next((spec.choice for spec in CHOICE_SPECS if key in spec.keys), None)


class ChoicePad(QStackedWidget):
    """Four choice buttons; Block first asks for a reason (Enter confirms, Esc cancels)."""

    chosen = Signal(str, str)
    cancelled = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("choicePad")
        # The pad keeps one size, whatever page it shows (apply_sizes makes it tall enough for both): a layout
        # that moved when the reason field first appeared would tell the room that someone had just blocked.
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.buttons: dict[Choice, QPushButton] = {}
        self.keys = ButtonKeys(lambda: [list(self.buttons.values())], self._other_key, self)
        self.addWidget(self._choice_page())
        self.addWidget(self._reason_page())

    def _choice_page(self) -> QWidget:
        page = QWidget()
        column = QVBoxLayout(page)
        column.setContentsMargins(0, 0, 0, 0)
        grid = QGridLayout()
        column.addLayout(grid)
        for index, spec in enumerate(CHOICE_SPECS):
            button = FramedButton(spec.label, keep_looks=True)  # enabled and disabled again with each cast
            button.setObjectName("choice")
            button.setAccessibleName(spec.spoken)
            button.setToolTip(spec.spoken)
            button.clicked.connect(lambda _checked=False, c=spec.choice: self.choose(c))
            button.installEventFilter(self.keys)
            grid.addWidget(button, index // 2, index % 2)
            self.buttons[spec.choice] = button
        self.hint = text_label(SHORT_KEY_HINT, "quiet")
        self.hint.setToolTip(KEY_HINT)
        self.hint.setAccessibleName(KEY_HINT)
        column.addWidget(self.hint)
        column.addStretch(1)
        return page

    def _reason_page(self) -> QWidget:
        page = QWidget()
        column = QVBoxLayout(page)
        column.setContentsMargins(0, 0, 0, 0)
        self.reason_prompt = text_label("Why do you block? Write a few words.", "title")
        self.reason = QLineEdit()
        self.reason.setObjectName("reason")
        self.reason.setMaxLength(REASON_LIMIT)
        self.reason.setAccessibleName("Your reason for blocking")
        self.reason.setToolTip("Enter confirms, Esc goes back")
        self.reason.returnPressed.connect(self.confirm_block)
        self.reason.installEventFilter(self.keys)
        self.confirm = FramedButton("Confirm")
        self.confirm.setObjectName("choice")
        self.confirm.setAccessibleName("Block the proposal with this reason")
        self.confirm.clicked.connect(self.confirm_block)
        self.back = FramedButton("Go back")
        self.back.setObjectName("choice")
        self.back.setAccessibleName("Go back to the four choices without blocking")
        self.back.clicked.connect(self.cancel_block)
        self.reason_problem = text_label(name="callout")
        self.reason_problem.hide()
        column.addWidget(self.reason_prompt)
        column.addWidget(self.reason)
        row = QHBoxLayout()
        row.addWidget(self.confirm)
        row.addWidget(self.back)
        column.addLayout(row)
        column.addWidget(self.reason_problem)
        column.addStretch(1)
        return page

    def apply_sizes(self, sizes: TypeSizes) -> None:
        """Size the pad for the screen: buttons at least 96 px tall, wide enough for their words, and one height
        that holds both the choices and the reason field."""
        self.reason.setStyleSheet(
            f"font-size: {sizes.title}px; color: {theme.TEXT}; background: {theme.CARD}; "
            f"border: 3px solid {theme.ACCENT}; border-radius: 8px; padding: {sizes.body // 3}px;")
        font = QFont(self.font())
        font.setPixelSize(sizes.title)
        font.setBold(True)
        metrics = QFontMetrics(font)
        words = [spec.label for spec in CHOICE_SPECS] + [self.confirm.text(), self.back.text()]
        button_width = max(metrics.horizontalAdvance(w) for w in words) + sizes.body + 10
        width = max(2 * button_width + sizes.body // 2, sizes.title * 10)
        buttons = [*self.buttons.values(), self.confirm, self.back]
        for button in buttons:
            button.setMinimumSize(button_width, max(theme.BUTTON_MIN_PX, round(sizes.title * 2.5)))
        self.setFixedSize(width, self._tallest_page(width))

    def _tallest_page(self, width: int) -> int:
        """Return the height the taller page needs at a width, counting the reason-problem line too."""
        hidden = self.reason_problem.isHidden()
        self.reason_problem.setText("Please write a short reason first, or press Esc to go back.")
        self.reason_problem.show()
        heights = []
        for page in (self.widget(i) for i in range(self.count())):
            page.ensurePolished()
            layout = page.layout()
            if layout is not None:
                layout.activate()
                heights.append(layout.totalHeightForWidth(width))
        self.reason_problem.setHidden(hidden)
        return max(heights)

    # Choosing -------------------------------------------------------------------------------------

    def set_choosing(self, enabled: bool) -> None:
        """Offer the choices (a person is selected) or not; always back on the four buttons."""
        self.reset()
        for button in self.buttons.values():
            button.setEnabled(enabled)

    def choose(self, choice: Choice) -> None:
        """Take a choice: Block asks for its reason first, every other choice counts at once."""
        if not self.buttons[choice].isEnabled():
            return
        if choice == Choice.BLOCK:
            self.setCurrentIndex(1)
            self.reason.setFocus()
        else:
            self.chosen.emit(choice.value, "")

    def confirm_block(self) -> None:
        """Count the block once a reason is written."""
        reason = self.reason.text().strip()
        if not reason:
            self.reason_problem.show()
            self.reason.setFocus()
            return
        self.chosen.emit(Choice.BLOCK.value, reason)

    def cancel_block(self) -> None:
        """Leave the reason field and go back to the four choices."""
        self.reset()
        self.buttons[Choice.BLOCK].setFocus()
        self.cancelled.emit()

    def reset(self) -> None:
        """Empty the reason field (nothing typed stays on screen) and show the four choices."""
        self.reason.clear()
        self.reason_problem.hide()
        self.setCurrentIndex(0)

    def asking_reason(self) -> bool:
        """Say whether the reason field is on show."""
        return self.currentIndex() == 1

    # Keyboard -------------------------------------------------------------------------------------

    def _other_key(self, watched: QObject, key: int) -> bool:
        """Esc in the reason field goes back to the four choices."""
        if watched is self.reason and key == Qt.Key.Key_Escape:
            self.cancel_block()
            return True
        return False
