"""The shared screen's header band (stage, progress, timer) and footer band (partnership, place, rule)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QSizePolicy, QWidget

from workshop_app.core.model import Workshop
from workshop_app.core.rule_text import rule_text
from workshop_app.core.stage_progress import TimerState
from workshop_app.ui.shared_screen.parts import text_label


class HeaderBand(QFrame):
    """The stage title, 'Stage n of N' and the timer in large digits."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("band")
        self.title = text_label(name="stageTitle")
        self.position = text_label(wrap=False)
        self.position.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Preferred)
        self.timer = QLabel()
        self.timer.setObjectName("timer")
        self.timer.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.timer_state = text_label(wrap=False)
        row = QHBoxLayout(self)
        row.addWidget(self.title, 1)
        row.addWidget(self.position)
        row.addSpacing(24)
        row.addWidget(self.timer_state)
        row.addWidget(self.timer)

    def show_stage(self, title: str, number: int, count: int) -> None:
        """Show which stage this is."""
        self.title.setText(title)
        self.position.setText(f"Stage {number} of {count}")

    def show_timer(self, timer: TimerState) -> None:
        """Show the time left, and mark an overrun."""
        self.timer.setText(timer.label)
        state = "running" if timer.running else "paused"
        self.timer_state.setText("Timer running" if timer.running else "Timer paused")
        self.timer.setAccessibleName(f"Time left: {timer.label}, {state}")
        if bool(self.timer.property("overrun")) != timer.overrun:
            self.timer.setProperty("overrun", timer.overrun)
            self.timer.style().unpolish(self.timer)
            self.timer.style().polish(self.timer)


class FooterBand(QFrame):
    """Partnership · place · decision rule."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("band")
        self.text = text_label()
        row = QHBoxLayout(self)
        row.addWidget(self.text)

    def show_workshop(self, workshop: Workshop) -> None:
        """Show the partnership, the place and the decision rule's name."""
        rule = rule_text(workshop.decision_rule).name
        parts = (workshop.partnership.strip(), workshop.place.strip(), f"Decisions: {rule}")
        self.text.setText(" · ".join(part for part in parts if part))
