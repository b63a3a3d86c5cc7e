"""The shared screen: the projector window that shows the room's current stage; it never changes state."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QKeyEvent, QKeySequence, QResizeEvent, QScreen, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLayout, QSizePolicy, QStackedWidget, QVBoxLayout, QWidget

from workshop_app.core.changes import Changes
from workshop_app.core.stage_progress import TimerState
from workshop_app.core.voting import VoteProgress
from workshop_app.core.plans import StageKind
from workshop_app.ui import errors
from workshop_app.ui.action_controller import ActionController
from workshop_app.ui.controller import WorkshopController
from workshop_app.ui.room_controller import RoomController
from workshop_app.ui.vote_controller import VoteController
from workshop_app.ui.stage_kinds import STAGE_SCREENS
from workshop_app.ui.shared_screen.actions_view import ActionsView
from workshop_app.ui.shared_screen.assessment_view import AssessmentView
from workshop_app.ui.shared_screen.bands import FooterBand, HeaderBand
from workshop_app.ui.shared_screen.charter_view import CharterView
from workshop_app.ui.shared_screen.framing_view import FramingView
from workshop_app.ui.shared_screen.overview_view import OverviewView
from workshop_app.ui.shared_screen.routes_view import RoutesView
from workshop_app.ui.shared_screen.ideas_view import IdeasView
from workshop_app.ui.shared_screen.join_qr import JoinQr
from workshop_app.ui.shared_screen.results_view import ResultsView
from workshop_app.ui.shared_screen.room_data import present_voters
from workshop_app.ui.shared_screen.stage_view import StageView
from workshop_app.ui.shared_screen.theme import TypeSizes, stylesheet
from workshop_app.ui.shared_screen.voting_view import VotingView
from workshop_app.ui.shared_screen.welcome_view import WelcomeView

WINDOW_TITLE = "Shared screen"
BLANK_QUESTION = "Take the shared screen away? The room sees nothing until you press F5."


def choose_screen(app: QGuiApplication, preferred_name: str | None = None) -> QScreen | None:
    """Return the named screen, else a screen other than the primary one, else None (one screen only)."""
    screens = app.screens()
    for screen in screens:
        if preferred_name and screen.name() == preferred_name:
            return screen
    others = [s for s in screens if s is not app.primaryScreen()]
    return others[0] if others else None


class SharedScreen(QWidget):
    """Header band, one view per stage kind, footer band; follows the room controller's signals."""

    def __init__(self, controller: WorkshopController, room: RoomController, votes: VoteController,
                 plan: ActionController, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.controller, self.room, self.votes = controller, room, votes
        self.setObjectName("sharedScreen")
        self.setWindowTitle(WINDOW_TITLE)
        self.setAccessibleName(WINDOW_TITLE)
        self.target_screen: QScreen | None = None
        self.sizes = TypeSizes.for_height(1080)
        self.header, self.footer = HeaderBand(), FooterBand()
        self.views = {"welcome": WelcomeView(controller), "overview": OverviewView(), "framing": FramingView(),
                      "routes": RoutesView(), "assessment": AssessmentView(controller),
                      "results": ResultsView(controller), "ideas": IdeasView(controller),
                      "stage": StageView(controller, votes), "actions": ActionsView(plan),
                      "voting": VotingView(controller, votes), "charter_review": CharterView(controller)}
        self.body = QStackedWidget()
        for view in self.views.values():
            self.body.addWidget(view)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)  # the screen decides the size
        layout.addWidget(self.header)
        self.join_qr = JoinQr()  # shown only while phone voting is on
        middle = QHBoxLayout()
        middle.addWidget(self.body, 1)
        middle.addWidget(self.join_qr)
        layout.addLayout(middle, 1)
        layout.addWidget(self.footer)
        self._apply_sizes(self.sizes)
        QShortcut(QKeySequence(Qt.Key.Key_F5), self, self.toggle)
        room.stage_changed.connect(self._on_stage_changed)
        room.timer_ticked.connect(self._on_timer_ticked)
        room.assessment_changed.connect(self._on_assessment_changed)
        room.results_shown_changed.connect(lambda _shown: self.refresh())
        room.notes_changed.connect(self._on_notes_changed)
        room.charter_paged.connect(self._on_charter_paged)
        controller.groups_changed.connect(self.refresh)
        controller.workshop_changed.connect(lambda _w: self.refresh())
        controller.changed.connect(self._on_changed)
        controller.participants_changed.connect(self._on_participants_changed)
        for signal in (votes.vote_opened, votes.vote_closed, votes.vote_revealed):
            signal.connect(lambda _round_id: self.refresh())
        votes.ballot_recorded.connect(self._on_ballot_recorded)
        votes.proposals_changed.connect(self._on_proposals_changed)
        self.refresh()

    # Showing the room -------------------------------------------------------------------------------

    def view_key(self) -> str:
        """Return which view the current stage uses."""
        kind = self.room.stage().kind
        screens = STAGE_SCREENS[kind]
        if screens.shown_view is not None and self.room.results_shown():
            return screens.shown_view  # the results, or the framing turned over to the ways to get there
        if kind == StageKind.COMMITMENTS:
            principle = self.room.principle()
            return "voting" if self.votes.on_show(principle.key if principle else None) else screens.view
        return screens.view

    def current_view(self) -> QWidget:
        """Return the view on show."""
        return self.views[self.view_key()]

    def refresh(self) -> None:
        """Show the current stage in full."""
        if not self.room.stages or self.controller.workshop is None:
            return
        stage = self.room.stage()
        self.header.show_stage(stage.title, self.room.stage_index + 1, len(self.room.stages))
        self.footer.show_workshop(self.room.workshop)
        view = self.current_view()
        view.show_stage(self.room, self.sizes)  # type: ignore[attr-defined]
        for other in self.views.values():  # a hidden view takes no room (the stack is as large as its largest)
            policy = QSizePolicy.Policy.Preferred if other is view else QSizePolicy.Policy.Ignored
            other.setSizePolicy(policy, policy)
        self.body.setCurrentWidget(view)
        self._on_timer_ticked(self.room.timer())

    def _on_stage_changed(self, _index: int) -> None:
        self.refresh()

    def _on_timer_ticked(self, timer: TimerState) -> None:
        self.header.show_timer(timer)
        stage_view = self.views["stage"]
        assert isinstance(stage_view, StageView)
        stage_view.show_time(timer)

    def _on_assessment_changed(self, principle: str) -> None:
        if self.room.stages and self.room.stage().principle == principle:
            view = self.current_view()
            if isinstance(view, AssessmentView) and view.tiles.keys() == {p.id for p in present_voters(self.controller)}:
                view.refresh()
            else:
                self.refresh()

    def _on_ballot_recorded(self, progress: VoteProgress) -> None:
        view = self.body.currentWidget()
        if isinstance(view, VotingView):
            view.refresh_progress(progress)

    def _on_proposals_changed(self) -> None:
        if self.room.stages and self.controller.workshop is not None and self.view_key() == "stage":
            self.refresh()

    def _on_participants_changed(self) -> None:
        if self.room.stages and self.view_key() in ("welcome", "stage", "voting"):
            self.refresh()

    def _on_changed(self, changes: Changes) -> None:
        """Any change may alter the charter (names, votes, actions, its wording): the charter view reads it again at
        its next turn, and at once when the charter itself changed while on show."""
        charter = self.views["charter_review"]
        assert isinstance(charter, CharterView)
        charter.forget()
        if changes.charter and self.room.stages and self.view_key() == "charter_review":
            self.refresh()

    def _on_charter_paged(self, _page: int) -> None:
        """A page was turned or wording typed: the charter on show is redrawn from its last read."""
        view = self.body.currentWidget()
        if isinstance(view, CharterView) and self.room.stages and self.view_key() == "charter_review":
            view.turn(self.room)
        else:
            self.refresh()

    def _on_notes_changed(self, index: int) -> None:
        if index == self.room.stage_index:
            self.refresh()

    # Size and type ----------------------------------------------------------------------------------

    def _apply_sizes(self, sizes: TypeSizes) -> None:
        self.sizes = sizes
        self.setStyleSheet(stylesheet(sizes))
        self.join_qr.apply_sizes(sizes)
        margin = sizes.body
        for band in (self.header, self.footer):
            band_layout = band.layout()
            if band_layout is not None:
                band_layout.setContentsMargins(margin, margin // 3, margin, margin // 3)
        for view in self.views.values():
            view_layout = view.layout()
            if view_layout is not None:
                view_layout.setContentsMargins(margin * 2, margin, margin * 2, margin)
                view_layout.setSpacing(margin // 2)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt naming
        """Scale the type to the window's height (the screen's height when full screen)."""
        super().resizeEvent(event)
        sizes = TypeSizes.for_height(event.size().height())
        if sizes != self.sizes:
            self._apply_sizes(sizes)
            self.refresh()

    # Presenting -------------------------------------------------------------------------------------

    def present_on(self, screen: QScreen | None) -> None:
        """Fill a screen (the primary one when None) and show full screen on it."""
        target = screen or self.target_screen or QGuiApplication.primaryScreen()
        self.target_screen = screen or self.target_screen
        self.setScreen(target)
        self.setGeometry(target.geometry())
        self.showFullScreen()

    def toggle(self) -> None:
        """Present the shared screen, or leave it when it is showing (F5)."""
        if self.isVisible():
            self.leave()
        else:
            self.present_on(self.target_screen)

    def leave(self) -> None:
        """Stop presenting: leave full screen and hide (Esc)."""
        self.showNormal()
        self.hide()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt naming
        """Esc asks, then leaves the shared screen (so a stray key never blanks the room's screen)."""
        if event.key() == Qt.Key.Key_Escape:
            if errors.confirm(self, BLANK_QUESTION, "Take it away"):
                self.leave()
        else:
            super().keyPressEvent(event)


def open_shared_screen(controller: WorkshopController, room: RoomController, votes: VoteController,
                       plan: ActionController, app: QGuiApplication, preferred_name: str | None = None) -> SharedScreen:
    """Create the shared screen; present it at once on a second monitor, else keep it for F5."""
    screen = SharedScreen(controller, room, votes, plan)
    screen.target_screen = choose_screen(app, preferred_name)
    if screen.target_screen is not None:
        screen.present_on(screen.target_screen)
    return screen
