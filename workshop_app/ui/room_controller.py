"""The in-room controller: the current stage, its timer and the assessment, announced to both windows."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal

from workshop_app.core.charter_wording import CharterWording
from workshop_app.core import assessment, notes, schedule, stage_progress, stored_plans
from workshop_app.core.changes import Changed, Changes
from workshop_app.core.ports import UnitOfWork
from workshop_app.core.principles import Principle, load_principles
from workshop_app.core.errors import WorkshopError
from workshop_app.core.focus import focus_settled, focused_stages
from workshop_app.core.model import Note, StageProgress, Workshop, require_id, utc_now
from workshop_app.core.plans import Plan, Stage, StageKind
from workshop_app.core.stage_progress import TimerState
from workshop_app.ui import undo
from workshop_app.ui.controller import WorkshopController
from workshop_app.ui.action_controller import ActionController
from workshop_app.ui.vote_controller import VoteController

CHECKPOINT_EVERY_TICKS = 10


class RoomController(QObject):
    """Steers the workshop through its plan; the console and the shared screen both listen to it."""

    stage_changed = Signal(int)
    timer_ticked = Signal(TimerState)
    assessment_changed = Signal(str)
    results_shown_changed = Signal(bool)
    notes_changed = Signal(int)
    charter_paged = Signal(int)

    def __init__(self, controller: WorkshopController, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.votes = VoteController(controller, self)
        self.actions = ActionController(controller, self.votes, parent=self)
        self.plan: Plan | None = None
        self._stages: tuple[Stage, ...] = ()
        self.progress: StageProgress | None = None
        self.principles: dict[str, Principle] = {p.key: p for p in load_principles()}
        self._ticks = 0
        self.auto_start_timer = False
        self.charter_page, self.charter_page_count = 0, 1
        self.charter_wording: CharterWording | None = None  # wording the facilitator is typing, not yet saved
        self._day_started: dt.datetime | None = None
        self._clock = QTimer(self, interval=1000)
        self._clock.timeout.connect(self._on_clock_ticked)
        controller.workshop_opened.connect(self._on_workshop_opened)
        controller.participants_changed.connect(self._on_participants_changed)
        controller.changed.connect(self._on_changed)

    # Where we are ------------------------------------------------------------------------------

    @property
    def workshop(self) -> Workshop:
        """Return the open workshop."""
        assert self.controller.workshop is not None
        return self.controller.workshop

    @property
    def stages(self) -> tuple[Stage, ...]:
        """Return the plan's stages, focus stages resolved to a principle (none before a workshop is open)."""
        return self._stages

    @property
    def stage_index(self) -> int:
        """Return the current stage's position in the plan."""
        return self.progress.stage_index if self.progress else 0

    def stage(self) -> Stage:
        """Return the current stage."""
        return self.stages[min(self.stage_index, len(self.stages) - 1)]

    def principle(self) -> Principle | None:
        """Return the current stage's principle, if it is about one."""
        key = self.stage().principle
        return self.principles.get(key) if key else None

    def timer(self) -> TimerState:
        """Return the stage timer now."""
        assert self.progress is not None
        return stage_progress.timer_state(self.progress, self.stage().minutes)

    def _on_workshop_opened(self, workshop: Workshop) -> None:
        try:
            plan = self.controller.read(stored_plans.plan_of, workshop)
        except WorkshopError as error:
            self.controller.refuse(str(error))
            return
        self.plan = plan
        self._resolve_focus()
        done = self.controller.perform(stage_progress.resume, self.controller.workshop_id)
        self.progress = done.value.value if done.value is not None else None
        self._day_started = self.controller.read(schedule.day_started_at, self.controller.workshop_id)
        self._clock.start()
        self.stage_changed.emit(self.stage_index)
        self.timer_ticked.emit(self.timer())

    # Moving through the plan ------------------------------------------------------------------------

    def go_to(self, index: int, undoable: bool = True) -> None:
        """Move the room to a stage (Ctrl+Z moves it back)."""
        if not self.plan or not 0 <= index < len(self.stages):
            return
        before, title = self.stage_index, self.stages[index].title
        done = self.controller.perform(stage_progress.go_to_stage, self.controller.workshop_id, index, len(self.stages),
                                       title, start=self.auto_start_timer)  # one transaction, even with the timer
        if done.value is not None:
            self._took(done.value.value)
            if not focus_settled(self.plan.stages, index):
                self._resolve_focus()
            self.stage_changed.emit(index)
            self.timer_ticked.emit(self.timer())
            if undoable and before != index:
                undo.record(self.controller.undo_stack, f"move to {title}", lambda: self.go_to(index, False),
                            lambda: self.go_to(before, False))

    def _resolve_focus(self) -> None:
        """Fill in the principle of each focus stage from today's gaps between groups (the rule is core's)."""
        stages = self.plan.stages if self.plan else ()
        self._stages = self.controller.read(focused_stages, self.controller.workshop_id, stages, list(self.principles))

    def next_stage(self) -> None:
        """Move to the next stage."""
        self.go_to(self.stage_index + 1)

    def previous_stage(self) -> None:
        """Move back one stage."""
        self.go_to(self.stage_index - 1)

    def step(self, delta: int) -> None:
        """PgDown / PgUp: turn the charter's page during its review (past either end, move a stage)."""
        if not self.page_charter(delta):
            self.go_to(self.stage_index + delta)

    def show_charter_wording(self, wording: CharterWording | None, page: int | None = None) -> None:
        """Show wording being typed on the shared screen's charter (None: the saved wording again), at a page."""
        self.charter_wording = wording
        if page is not None:
            self.charter_page = max(0, min(page, self.charter_page_count - 1))
        self.charter_paged.emit(self.charter_page)

    def page_charter(self, delta: int) -> bool:
        """Turn the shared screen's charter review by `delta` pages; return False when that leaves the charter."""
        page = self.charter_page + delta
        if not self.stages or self.stage().kind != StageKind.CHARTER_REVIEW or not 0 <= page < self.charter_page_count:
            return False
        self.charter_page = page
        self.charter_paged.emit(page)
        return True

    # The timer --------------------------------------------------------------------------------------

    def _timer_operation(self, operation: Callable[[UnitOfWork, int], Changed[StageProgress]]) -> None:
        done = self.controller.perform(operation, self.controller.workshop_id)
        if done.value is not None:
            self._took(done.value.value)
            self.timer_ticked.emit(self.timer())

    def _took(self, progress: StageProgress) -> None:
        """Keep where the room now is; the timer's first start is the start of the day."""
        self.progress = progress
        if self._day_started is None and progress.timer_running:
            self._day_started = progress.timer_started_at

    def start_timer(self) -> None:
        """Start or resume the stage timer (the first start is the start of the day)."""
        self._timer_operation(stage_progress.start_timer)

    def minutes_behind(self, now: dt.datetime | None = None) -> int | None:
        """Return how many minutes the day is behind plan (negative when ahead), or None before it starts."""
        if self._day_started is None or self.progress is None:
            return None
        at = now or utc_now()
        timer = stage_progress.timer_state(self.progress, self.stage().minutes, at)
        before = sum(stage.minutes for stage in self.stages[:self.stage_index])
        return schedule.minutes_behind(self._day_started, at, before, timer.elapsed_seconds, timer.limit_seconds)

    def pause_timer(self) -> None:
        """Pause the stage timer."""
        self._timer_operation(stage_progress.pause_timer)

    def extend_timer(self) -> None:
        """Give the stage five more minutes."""
        self._timer_operation(stage_progress.extend_timer)

    def _on_clock_ticked(self) -> None:
        if self.progress is None:
            return
        self._ticks += 1
        if self.progress.timer_running and self._ticks % CHECKPOINT_EVERY_TICKS == 0:
            self.progress = self.controller.perform(stage_progress.checkpoint_timer, self.controller.workshop_id).value
        self.timer_ticked.emit(self.timer())

    # Assessment -------------------------------------------------------------------------------------

    def record_score(self, principle: str, group_id: int, score: int, participant_id: int | None = None) -> bool:
        """Record one score (a person's, or a whole group's); the change is announced by the controller."""
        return self.controller.perform(assessment.record_score, self.controller.workshop_id, principle, group_id,
                                       score, participant_id).ok

    def rating_progress(self, principle: str) -> assessment.RatingProgress:
        """Return how many of the present voting members have rated a principle."""
        return self.controller.read(assessment.workshop_rating_progress, self.controller.workshop_id, principle)

    def rated_ids(self, principle: str) -> set[int]:
        """Return the ids of the people who have rated a principle (never their scores)."""
        return self.controller.read(assessment.rated_ids, self.controller.workshop_id, principle)

    def summary(self) -> assessment.AssessmentSummary:
        """Return the assessment summary of all five principles."""
        return self.controller.read(assessment.summarise_workshop, self.controller.workshop_id, list(self.principles))

    def results_shown(self) -> bool:
        """Say whether the facilitator has revealed the current stage's results."""
        return bool(self.progress and self.progress.results_shown)

    def show_results(self, shown: bool) -> None:
        """Reveal (or hide again) the results of the current stage on the shared screen."""
        done = self.controller.perform(stage_progress.show_results, self.controller.workshop_id, shown)
        if done.value is not None:
            self.progress = done.value.value
            self.results_shown_changed.emit(shown)

    # Notes and ideas --------------------------------------------------------------------------------

    def stage_notes(self, index: int | None = None) -> list[Note]:
        """Return the notes of a stage (the current one by default)."""
        stage_index = self.stage_index if index is None else index
        return self.controller.read(notes.list_notes, self.controller.workshop_id, stage_index)

    def add_note(self, text: str, group_id: int | None, route: str = "") -> bool:
        """Add a sticky note to the current stage (Ctrl+Z takes it away again)."""
        kept = self._put_note(Note(self.controller.workshop_id, self.stage_index, text, group_id, route))
        if kept is not None:
            undo.record(self.controller.undo_stack, "add a note", lambda: self._put_note(kept),
                        lambda: self._take_note(kept))
        return kept is not None

    def remove_note(self, note: Note) -> None:
        """Remove a sticky note, as the notes panel read it (Ctrl+Z puts it back)."""
        if self._take_note(note):
            undo.record(self.controller.undo_stack, "remove a note", lambda: self._take_note(note),
                        lambda: self._put_note(note))

    def _put_note(self, note: Note) -> Note | None:
        """Add a note to its stage; the same Note object then carries its new id (undo and redo follow it)."""
        done = self.controller.perform(notes.add_note, note.workshop_id, note.stage_index, note.text, note.group_id,
                                       note.route)
        if done.ok and done.value is not None:
            note.id = done.value.value.id
            return note
        return None

    def _take_note(self, note: Note) -> bool:
        return self.controller.perform(notes.remove_note, require_id(note)).ok

    def _on_changed(self, changes: Changes) -> None:
        """Say which principles' scores and stages' notes changed (from the console, the shared screen or a phone)."""
        for principle in sorted(changes.assessment):
            self.assessment_changed.emit(principle)
        for stage_index in sorted(changes.notes):
            self.notes_changed.emit(stage_index)

    def _on_participants_changed(self) -> None:
        if self.plan and self.stage().principle:
            self.assessment_changed.emit(self.stage().principle or "")
