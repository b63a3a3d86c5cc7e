"""The action plan on the shared screen: what, who, by when and how it stands, a few large cards at a time."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from workshop_app.core import actions
from workshop_app.core.model import Action, ActionStatus, require_id
from workshop_app.core.plans import StageKind
from workshop_app.ui.action_controller import ActionController
from workshop_app.ui.models.action_table_model import STATUS_WORDS, owner_text
from workshop_app.ui.room_controller import RoomController
from workshop_app.ui.shared_screen.paged_lines import PagedLines
from workshop_app.ui.shared_screen.parts import card_frame, text_label
from workshop_app.ui.shared_screen.theme import TypeSizes

KINDS = ("actions", "actions_review")
ROWS_PER_PAGE = 5
"""The most cards a page; fewer when long ones do not fit the screen."""
PAGE_SECONDS = 12


def screen_order(rows: list[Action], today: dt.date) -> list[Action]:
    """Return overdue actions first, then the other unfinished ones by due date, then done, then dropped."""
    rank = {ActionStatus.OPEN: 1, ActionStatus.IN_PROGRESS: 1, ActionStatus.DONE: 2, ActionStatus.DROPPED: 3}

    def key(action: Action) -> tuple[int, dt.date, int]:
        first = 0 if actions.is_overdue(action, today) else rank[ActionStatus(action.status)]
        return first, action.due or dt.date.max, require_id(action)
    return sorted(rows, key=key)


def detail_line(action: Action) -> str:
    """Return who owns an action, by when, and its status, in words."""
    due = f"by {action.due.day} {action.due.strftime('%B %Y')}" if action.due else "no date set"
    return f"{owner_text(action)} · {due} · {STATUS_WORDS[ActionStatus(action.status)]}"


class ActionsView(QWidget):
    """Shows this workshop's actions, or in a review the previous workshop's open ones; pages through many."""

    def __init__(self, plan: ActionController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.plan = plan
        plan.actions_changed.connect(self._on_actions_changed)
        self.heading = text_label(name="heading")
        self.summary = text_label(name="quiet")
        self.empty = text_label("", "quiet")
        self.rows = PagedLines(most_per_page=ROWS_PER_PAGE, seconds=PAGE_SECONDS)
        self.rows.paged.connect(self._on_paged)
        self._count = ""
        self._shown: list[Action] = []
        self._today = dt.date.today()
        self._room: RoomController | None = None
        self._sizes = TypeSizes.for_height(1080)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.summary)
        layout.addWidget(self.empty)
        layout.addWidget(self.rows, 1)

    @property
    def page(self) -> int:
        """Return the page on show (from 0)."""
        return self.rows.page

    def pages(self) -> int:
        """Return how many pages the actions take."""
        return len(self.rows.pages)

    def show_stage(self, room: RoomController, sizes: TypeSizes) -> None:
        """Fill in the actions the current stage is about."""
        controller = self.plan
        self._sizes = sizes
        self._room = room
        self._today = controller.today()
        review = room.stage().kind == StageKind.ACTIONS_REVIEW
        rows = controller.review_actions() if review else controller.actions()
        self._shown = screen_order(rows, self._today)
        self.heading.setText(self._heading(controller, review) if review else room.stage().title)
        overdue = sum(actions.is_overdue(a, self._today) for a in rows)
        self._count = f"{len(rows)} action{'' if len(rows) == 1 else 's'}" + (f", {overdue} overdue" if overdue else "")
        self.summary.setVisible(bool(rows))
        self.empty.setText("There were no earlier actions to review." if review else
                           "No actions yet: the facilitator adds them as the room agrees who will do what.")
        self.empty.setVisible(not rows)
        self.rows.set_rows([self._card(action) for action in self._shown])

    def _on_paged(self, page: int, pages: int) -> None:
        self.summary.setText(self._count if pages == 1 else
                             f"{self._count} · page {page} of {pages}, turning every {PAGE_SECONDS} seconds")

    def _heading(self, controller: ActionController, review: bool) -> str:
        previous = controller.previous_workshop() if review else None
        return f"Open actions from {previous.title}" if previous else "Open actions from last time"

    def _card(self, action: Action) -> QWidget:
        card = card_frame()
        row = QHBoxLayout(card)
        gap = self._sizes.body
        row.setContentsMargins(gap // 2, gap // 3, gap // 2, gap // 3)
        row.setSpacing(gap)
        column = QVBoxLayout()
        column.setSpacing(gap // 6)
        column.addWidget(text_label(action.what, "title"))
        column.addWidget(text_label(detail_line(action)))
        row.addLayout(column, 1)
        if actions.is_overdue(action, self._today):
            row.addWidget(text_label("Overdue", "callout", wrap=False))
        card.setAccessibleName(f"{action.what}. {detail_line(action)}"
                               + (". Overdue" if actions.is_overdue(action, self._today) else ""))
        return card

    def _on_page_turned(self) -> None:
        self.rows.turn_page()

    def _on_actions_changed(self) -> None:
        room = self._room
        if room is not None and room.stages and room.stage().kind in KINDS and self.isVisible():
            self.show_stage(room, self._sizes)
