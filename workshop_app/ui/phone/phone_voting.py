"""The Qt side of phone voting: starts and stops the server, and brings phone votes and ratings to the GUI thread."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer, Signal

from workshop_app.core import phone_codes
from workshop_app.core.changes import Changes, Voted
from workshop_app.core.model import Workshop, WorkshopStatus
from workshop_app.core.plans import Stage
from workshop_app.ui.controller import WorkshopController

if TYPE_CHECKING:
    from workshop_app.phone.server import PhoneServer

DEFAULT_PORT = 8765
REFRESH_S = 0.25
"""Phone ballots reach the console and shared screen at most this often: hundreds of phones voting at once make
a few refreshes a second, not one per ballot (which kept the GUI thread, and with it the server, busy)."""


class PhoneVoting(QObject):
    """Phone voting for the open workshop: on only between start() and stop(), off when the workshop closes."""

    started = Signal(str)
    stopped = Signal()
    rating_recorded = Signal(str)
    """A phone's score for this principle was recorded; emitted on the GUI thread."""
    phone_joined = Signal(int)
    """A person's phone joined (emitted on the GUI thread)."""
    _phone_ballot = Signal(Voted)
    _phone_rating = Signal(str)
    _phone_join = Signal(int)

    def __init__(self, controller: WorkshopController, parent: QObject | None = None,
                 stages: Callable[[], Sequence[Stage]] | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.stages = stages
        """The open workshop's stages, as the room runs them (given to the server, which then never reads the plan);
        None: the server reads the stored plan's stages once as it starts."""
        self.server: PhoneServer | None = None
        self._voted: set[Voted] = set()  # phone ballots the screens have not been told of yet (who, never what)
        self._last_told = -REFRESH_S
        self._telling = False  # True while passing a phone's ballots or score on (its view already shows it)
        self._refresh = QTimer(self, singleShot=True, timeout=self._tell_ballots)
        self._phone_ballot.connect(self._on_phone_ballot, Qt.ConnectionType.QueuedConnection)
        self._phone_rating.connect(self._on_phone_rating, Qt.ConnectionType.QueuedConnection)
        self._phone_join.connect(self.phone_joined, Qt.ConnectionType.QueuedConnection)
        controller.workshop_opened.connect(lambda _workshop: self.stop())
        controller.workshop_changed.connect(self._on_workshop_changed)
        controller.changed_first.connect(self._on_changed)  # the one place phones learn what changed: before the windows
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.stop)

    @property
    def running(self) -> bool:
        """Whether phones can reach the server now."""
        return self.server is not None and self.server.running

    @property
    def join_url(self) -> str:
        """Return the address phones open, or an empty string when off."""
        return self.server.url if self.server is not None and self.server.running else ""

    def start(self, host: str, port: int = DEFAULT_PORT, names: tuple[str, ...] = ()) -> bool:
        """Issue any missing codes and listen on host:port; say why in one sentence if it cannot."""
        self.stop()
        workshop_id = self.controller.workshop_id
        if not self.controller.perform(phone_codes.issue_missing_codes, workshop_id).ok:
            return False
        from workshop_app.phone.server import PhoneServer  # the web server (aiohttp, ~17 MB) loads only when used
        from workshop_app.phone.service import PhoneService

        server = PhoneServer(PhoneService(self.controller.uow_factory, workshop_id, self._phone_ballot.emit,
                                          self._phone_rating.emit, self._phone_join.emit,
                                          stages=self.stages() if self.stages is not None else None))
        try:
            url = server.start(host, port, list(names) or None)
        except OSError as error:
            self.controller.refuse(
                f"Phone voting could not start on {host} port {port} ({error.strerror or error}); "
                "choose another address or port.")
            return False
        self.server = server
        self.started.emit(url)
        return True

    def stop(self) -> None:
        """Stop listening and cut every phone off."""
        if self.server is None:
            return
        server, self.server = self.server, None
        server.stop()
        self.stopped.emit()

    def push(self, *_args: object) -> None:
        """Send every joined phone its fresh view now (a vote or rating opened, closed or was revealed)."""
        if self.server is not None:
            self.server.changed()

    def forget(self, *_args: object) -> None:
        """Something a phone shows may have changed without a push (a vote or score given on the console): the
        server reads the phones' views again when next asked."""
        if self.server is not None:
            self.server.forget()

    def _on_changed(self, changes: Changes) -> None:
        """Tell the phones what an operation changed: a vote opened, closed or revealed, a proposal's words, the people,
        the stage (a rating opens or closes with it), the workshop or the codes change what every phone shows, so each
        gets its view pushed; a vote or score given on the console (not by a phone) changes one person's view, read
        again when next asked."""
        if (changes.rounds or changes.proposals or changes.roster or changes.groups or changes.stage
                or changes.workshop or changes.phones):
            self.push()
        elif (changes.ballots or changes.assessment) and not self._telling:
            self.forget()

    def cut_off(self, participant_id: int) -> bool:
        """Stop the phone a person joined with: their code is reissued and the phone is told why at once."""
        done = self.controller.perform(phone_codes.reissue_code, participant_id)
        self.push()
        return done.ok

    def _on_phone_ballot(self, voted: Voted) -> None:
        """A phone's vote was recorded (on the server thread); tell the console and shared screen here, at once
        when they were last told REFRESH_S ago or more, else together with the others that arrive meanwhile."""
        self._voted.add(voted)
        if self._refresh.isActive():
            return
        wait = self._last_told + REFRESH_S - time.monotonic()
        if wait <= 0:
            self._tell_ballots()
        else:
            self._refresh.start(max(1, round(wait * 1000)))

    def _tell_ballots(self) -> None:
        """Tell the console and shared screen once who voted by phone since they were last told: they add them to
        the count they show, with no re-read per ballot."""
        voted, self._voted = frozenset(self._voted), set()
        self._telling = True
        try:
            self.controller.announce(Changes(ballots=frozenset(v.round_id for v in voted), voted=voted))
        finally:
            self._telling = False
            self._last_told = time.monotonic()  # from the end of the refresh: a slow one still leaves the GUI a pause

    def _on_phone_rating(self, principle: str) -> None:
        """A phone's score was recorded (on the server thread); announce the change here, on the GUI thread."""
        self._telling = True  # the phone's own view already shows its score
        try:
            self.controller.announce(Changes(assessment=frozenset({principle})))
        finally:
            self._telling = False
        self.rating_recorded.emit(principle)

    def _on_workshop_changed(self, workshop: Workshop) -> None:
        """A finished workshop ends phone voting (any other change was pushed with its Changes)."""
        if workshop.status == WorkshopStatus.CLOSED:
            self.stop()
