"""The framing view: a principle's shift, its explanation, prompts and this workshop's case study."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from workshop_app.core.plans import StageKind
from workshop_app.core.principles import Principle, case_study_for
from workshop_app.ui.room_controller import RoomController
from workshop_app.ui.shared_screen.parts import card_frame, text_label
from workshop_app.ui.shared_screen.theme import TypeSizes
from workshop_app.core.model import require_id


def shift_words(principle: Principle) -> str:
    """Return the shift in two words, e.g. 'Territorial → Collaborative'."""
    return f"{principle.challenge} → {principle.name}"


def prompt_lines(prompts: tuple[str, ...]) -> str:
    """Return prompts as a bulleted block."""
    return "\n".join(f"•  {prompt}" for prompt in prompts)


def also_about(names: list[str]) -> str:
    """Return the line naming the other principles a case study shows, or "" when there are none."""
    return f"Also shows: {', '.join(names)}" if names else ""


class FramingView(QWidget):
    """Introduces one principle."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.shift = text_label(name="heading")
        self.sentence = text_label(name="shift")
        self.explanation = text_label()
        self.prompts = text_label()
        self.case_card = card_frame()
        self.case_name = text_label(name="title")
        self.case_summary = text_label()
        self.case_also = text_label(name="quiet")
        card = QVBoxLayout(self.case_card)
        card.addWidget(text_label("An example", "quiet"))
        card.addWidget(self.case_name)
        card.addWidget(self.case_summary)
        card.addWidget(self.case_also)
        card.addStretch(1)
        left = QVBoxLayout()
        left.addWidget(self.explanation)
        left.addWidget(text_label("Questions for the room", "title"))
        left.addWidget(self.prompts)
        left.addStretch(1)
        columns = QHBoxLayout()
        columns.addLayout(left, 3)
        right = QVBoxLayout()
        right.addWidget(self.case_card)
        right.addStretch(1)
        columns.addLayout(right, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(self.shift)
        layout.addWidget(self.sentence)
        layout.addLayout(columns, 1)

    def show_stage(self, room: RoomController, sizes: TypeSizes) -> None:
        """Fill in the current stage's principle."""
        principle = room.principle()
        if principle is None:
            return
        self.shift.setText(shift_words(principle))
        self.sentence.setText(principle.shift)
        self.explanation.setText(principle.explanation)
        self.prompts.setText(prompt_lines(room.stage().prompts or principle.prompts))
        earlier = [s for s in room.stages[: room.stage_index] if s.kind == StageKind.FRAMING and s.principle == principle.key]
        case = case_study_for(principle, require_id(room.workshop), len(earlier))
        self.case_card.setVisible(case is not None)
        if case is not None:
            self.case_name.setText(case.name)
            self.case_summary.setText(case.summary)
            self.case_also.setText(also_about([room.principles[key].name for key in case.also_relevant_to]))
            self.case_also.setVisible(bool(case.also_relevant_to))
