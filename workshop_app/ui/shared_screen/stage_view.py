"""The plain stage view: the title and prompts; the parties with their people; the time a break ends."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QVBoxLayout, QWidget

from workshop_app.core.model import ProposalStatus, require_id
from workshop_app.core.plans import StageKind
from workshop_app.core.stage_progress import TimerState
from workshop_app.ui.controller import WorkshopController
from workshop_app.ui.room_controller import RoomController
from workshop_app.ui.vote_controller import VoteController
from workshop_app.ui.shared_screen import room_data
from workshop_app.ui.shared_screen.framing_view import prompt_lines
from workshop_app.ui.shared_screen.paged_lines import PagedLines
from workshop_app.ui.shared_screen.parts import RoomView, group_badge, text_label
from workshop_app.ui.shared_screen.theme import TypeSizes


DRAFTS_HEADING = "Proposals being written"
NO_DRAFTS = "None yet: say what you want the partnership to commit to."


def draft_texts(room: RoomController, votes: VoteController) -> list[str]:
    """Return the wording of the current principle's proposals not yet voted on (withdrawn ones left out)."""
    principle = room.principle()
    proposals = votes.proposals(principle.key) if principle else []
    return [p.text for p in proposals if p.status == ProposalStatus.DRAFT and not votes.rounds(require_id(p))]


def back_at(timer: TimerState, now: dt.datetime) -> str:
    """Return the clock time a break ends, as HH:MM."""
    return (now + dt.timedelta(seconds=max(0.0, timer.remaining_seconds))).strftime("%H:%M")


NAMES_A_ROW = 8
"""Names in one paragraph of the parties stage: a larger group continues in more paragraphs, which page."""


class StageView(RoomView):
    """Any stage without a view of its own."""

    def __init__(self, controller: WorkshopController, votes: VoteController, parent: QWidget | None = None) -> None:
        super().__init__(controller, parent)
        self.votes = votes
        self.prompts = text_label()
        self.parties = PagedLines()
        self.parties_page = text_label(name="quiet")
        self.parties.paged.connect(self._on_parties_paged)
        self.drafts_heading = text_label(DRAFTS_HEADING, "title")
        self.drafts = text_label()
        self.kind = ""
        self.column.addWidget(self.prompts)
        self.column.addWidget(self.drafts_heading)
        self.column.addWidget(self.drafts)
        self.column.addWidget(self.parties, 1)
        self.column.addWidget(self.parties_page)
        self.column.addStretch(0)  # takes the spare height only while the parties are hidden

    def show_stage(self, room: RoomController, sizes: TypeSizes) -> None:
        """Fill in the current stage."""
        stage = room.stage()
        self.kind = stage.kind
        self.heading.setText(stage.title)
        self.prompts.setText(prompt_lines(stage.prompts))
        self.prompts.setVisible(bool(stage.prompts))
        self.parties.setVisible(stage.kind == StageKind.PARTIES)
        self.parties_page.setVisible(stage.kind == StageKind.PARTIES and len(self.parties.pages) > 1)
        if stage.kind == StageKind.PARTIES:
            self._show_parties(room, sizes)
        if stage.kind == StageKind.BREAK:
            self.show_time(room.timer())
        drafts = draft_texts(room, self.votes) if stage.kind == StageKind.COMMITMENTS else []
        self.drafts_heading.setVisible(stage.kind == StageKind.COMMITMENTS)
        self.drafts.setText("\n".join(f"• {text}" for text in drafts) or NO_DRAFTS)
        self.drafts.setVisible(stage.kind == StageKind.COMMITMENTS)

    def _show_parties(self, room: RoomController, sizes: TypeSizes) -> None:
        people = self.controller.participants()
        shown = [p for p in people if p.present] or people
        rows: list[QWidget] = []
        for group in room_data.groups_by_id(self.controller).values():
            names = sorted(p.name + ('' if p.is_voting else ' (observer)') for p in shown if p.group_id == group.id)
            row = QWidget()
            column = QVBoxLayout(row)
            column.setContentsMargins(0, 0, 0, sizes.body // 2)
            column.setSpacing(sizes.body // 4)
            column.addWidget(group_badge(group, round(sizes.body * 1.5), "title"))
            column.addWidget(text_label(" · ".join(names[:NAMES_A_ROW]) or "(nobody yet)"))
            rows.append(row)
            for start in range(NAMES_A_ROW, len(names), NAMES_A_ROW):  # a large group goes on over more rows
                rows.append(text_label(" · ".join(names[start:start + NAMES_A_ROW])))
        self.parties.set_rows(rows)

    def _on_parties_paged(self, page: int, pages: int) -> None:
        self.parties_page.setText(f"The parties, page {page} of {pages}, turning by themselves" if pages > 1 else "")
        self.parties_page.setVisible(pages > 1 and self.kind == StageKind.PARTIES)

    def show_time(self, timer: TimerState) -> None:
        """Keep a break's end time up to date."""
        if self.kind == StageKind.BREAK:
            self.heading.setText(f"Break - back at {back_at(timer, dt.datetime.now())}")
