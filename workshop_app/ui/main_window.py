"""The composition root: the facilitator's main window (the start page, then the open workshop), which wires the
console, the shared screen and phone voting to the controllers (the console and the shared screen never import
each other).

It is built one way, in three steps, so it can show before the store opens: `MainWindow(plans)` is the light
window with its start page; `attach` gives it the store's controllers and fills the list; `build_workshop_page`
builds the workshop page with phone voting once, before the first workshop opens (the shared screen follows it).
`build_main_window` in ui/app.py takes the steps back to back; ui/startup.py takes them around the first paint.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QApplication, QMainWindow, QStackedWidget, QWidget

from workshop_app import __version__
from workshop_app.ui import errors, settings
from workshop_app.ui.facilitator.start_page import StartPage
from workshop_app.ui.facilitator.typing_guard import TypingGuard
from workshop_app.ui.long_lived import set_aside_what_was_built

if TYPE_CHECKING:
    from workshop_app.core.model import Workshop
    from workshop_app.core.plans import Plan
    from workshop_app.core.ports import UnitOfWorkFactory
    from workshop_app.ui.controller import WorkshopController
    from workshop_app.ui.facilitator.workshop_page import WorkshopPage
    from workshop_app.ui.phone.phone_voting import PhoneVoting
    from workshop_app.ui.room_controller import RoomController
    from workshop_app.ui.shared_screen.window import SharedScreen

APP_TITLE = "Changemaking Partnership Workshop"


def attach_store(window: MainWindow, uow_factory: UnitOfWorkFactory) -> None:
    """Give the window the controllers over a store: the second of its three building steps."""
    from workshop_app.ui.controller import WorkshopController
    from workshop_app.ui.room_controller import RoomController

    controller = WorkshopController(uow_factory)
    window.attach(controller, RoomController(controller))


class MainWindow(QMainWindow):
    """Hosts the start page and the workshop page, with the File menu and its shortcuts."""

    controller: WorkshopController
    room: RoomController
    workshop_page: WorkshopPage
    phone_voting: PhoneVoting

    def __init__(self, plans: Callable[[], list[Plan]] = list, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.shared_screen: SharedScreen | None = None
        self._plans = plans
        self._attached = False
        self._workshop_page_built = False
        self.asked_to_open: int | None = None
        """A workshop chosen on the start page before the store was attached (Startup opens it then)."""
        self.typing_guard = TypingGuard(self)
        self.setWindowTitle(APP_TITLE)
        self._fit_to_screen()
        self.start_page = StartPage()
        self.pages = QStackedWidget()
        self.pages.addWidget(self.start_page)
        self.setCentralWidget(self.pages)
        self._build_menu()
        self.statusBar().showMessage(f"Version {__version__} · everything is saved as you go")
        self.start_page.new_requested.connect(self.new_workshop)
        self.start_page.open_requested.connect(self.open_workshop)
        self.start_page.filter_changed.connect(lambda _name: self.refresh_workshops())
        self.start_page.archive_requested.connect(self.archive_workshop)
        self.start_page.delete_requested.connect(self.delete_workshop)

    def attach(self, controller: WorkshopController, room: RoomController) -> None:
        """Work on the store behind these controllers from now on, and fill the start page's list."""
        self.controller = controller
        self.room = room
        self._attached = True
        self._install_shortcuts()
        self._add_undo_actions(controller)
        self.auto_start.setChecked(settings.auto_start_timer())
        room.auto_start_timer = self.auto_start.isChecked()
        controller.workshops_changed.connect(self.refresh_workshops)
        controller.operation_failed.connect(self._on_operation_failed)
        self.refresh_workshops()

    def build_workshop_page(self) -> None:
        """Build the workshop page and phone voting, once, after attach (a workshop asked for earlier opens then)."""
        assert self._attached and not self._workshop_page_built, "attach first, and build the workshop page once"
        from workshop_app.ui.facilitator.workshop_page import WorkshopPage
        from workshop_app.ui.phone.phone_voting import PhoneVoting

        self._workshop_page_built = True
        self.phone_voting = PhoneVoting(self.controller, self, stages=lambda: self.room.stages)
        self.workshop_page = WorkshopPage(self.controller, self.room, self.room.votes, self.room.actions)
        self.pages.addWidget(self.workshop_page)
        self.workshop_page.console.present.clicked.connect(self.toggle_shared_screen)
        self.controller.workshop_opened.connect(self._on_workshop_opened)
        self.controller.workshop_changed.connect(self._on_workshop_changed)
        if self.asked_to_open is not None:
            self.controller.open_workshop(self.asked_to_open)

    def open_workshop(self, workshop_id: int) -> None:
        """Open a workshop from the start page (one asked for before the pages are built opens once they are)."""
        if self._workshop_page_built:
            self.controller.open_workshop(workshop_id)
        else:
            self.asked_to_open = workshop_id

    def _fit_to_screen(self) -> None:
        """Fill most of the laptop's screen (a small screen gets all of it)."""
        screen = self.screen().availableGeometry() if self.screen() else None
        if screen is None:
            self.resize(1200, 760)
            return
        width, height = min(screen.width(), 1600), min(screen.height(), 1000)
        self.setGeometry(screen.x() + (screen.width() - width) // 2, screen.y() + (screen.height() - height) // 2,
                         width, height)

    def _build_menu(self) -> None:
        """Build the File and Room menus; their shortcuts are set by attach (setting them loads Qt's `Qt` enums)."""
        self._shortcuts: list[tuple[QAction, list[QKeySequence]]] = []
        menu = self.menuBar().addMenu("&File")
        for text, shortcut, slot in (
            ("&New workshop…", QKeySequence(QKeySequence.StandardKey.New), self.new_workshop),
            ("&All workshops", QKeySequence("Ctrl+Shift+O"), self.show_start_page),
            ("&Quit", QKeySequence(QKeySequence.StandardKey.Quit), self.close),
        ):
            action = QAction(text, self)
            action.triggered.connect(slot)
            menu.addAction(action)
            self._shortcuts.append((action, [shortcut]))
        self.workshop_actions = [QAction("Workshop &details…", self), QAction("&Finish this workshop…", self)]
        self.workshop_actions[0].triggered.connect(self.edit_details)
        self.workshop_actions[1].triggered.connect(self.finish_workshop)
        menu.insertSeparator(menu.actions()[-1])
        for action in self.workshop_actions:
            action.setEnabled(False)
            menu.insertAction(menu.actions()[-2], action)
        self.edit_menu = self.menuBar().addMenu("&Edit")  # Undo and Redo join it once the store is attached
        self.room_menu = self.menuBar().addMenu("&Room")
        for text, keys, slot in (
            ("&Next stage (or charter page)", ("Ctrl+Right", "PgDown"), lambda: self.room.step(1)),
            ("&Previous stage (or charter page)", ("Ctrl+Left", "PgUp"), lambda: self.room.step(-1)),
            ("&Start or pause the timer", ("Ctrl+T",), self._on_start_pause_requested),
            ("Give the stage &5 more minutes", ("Ctrl+5",), lambda: self.room.extend_timer()),
            ("Show or hide the s&hared screen", ("F5",), self.toggle_shared_screen),
            ("&Phone voting…", ("Ctrl+Shift+P",), self.show_phone_voting),
        ):
            action = QAction(text, self)
            action.triggered.connect(slot)
            self.room_menu.addAction(action)
            self._shortcuts.append((action, [QKeySequence(k) for k in keys]))
        self.auto_start = QAction("Start the timer &automatically on each stage", self, checkable=True)
        self.auto_start.toggled.connect(self._on_auto_start_toggled)
        self.room_menu.addAction(self.auto_start)
        self.monitor_menu = self.room_menu.addMenu("Shared screen &monitor")
        self.monitor_menu.aboutToShow.connect(self._on_monitor_menu_shown)
        self.room_menu.setEnabled(False)
        help_menu = self.menuBar().addMenu("&Help")
        shortcuts = QAction("&Keyboard shortcuts", self)
        shortcuts.triggered.connect(self.show_shortcuts)
        help_menu.addAction(shortcuts)
        help_keys = [QKeySequence(QKeySequence.StandardKey.HelpContents), QKeySequence("Ctrl+/")]
        self._shortcuts.append((shortcuts, help_keys))
        self.about_action = QAction("&Where this comes from…", self)
        self.about_action.triggered.connect(self.show_about)
        help_menu.addAction(self.about_action)

    def show_about(self) -> None:
        """Show where the five principles come from (the report, its authors and year)."""
        from workshop_app.ui.facilitator.about_dialog import AboutDialog

        AboutDialog.show_for(self)

    def _add_undo_actions(self, controller: WorkshopController) -> None:
        """Undo and Redo over the open workshop's reversible edits, each naming what it takes back."""
        undo_action = controller.undo_stack.createUndoAction(self, "&Undo")
        undo_action.setShortcuts([QKeySequence(QKeySequence.StandardKey.Undo)])
        redo_action = controller.undo_stack.createRedoAction(self, "&Redo")
        redo_keys = {k.toString(): k for k in QKeySequence.keyBindings(QKeySequence.StandardKey.Redo)}
        for extra in ("Ctrl+Shift+Z", "Ctrl+Y"):
            redo_keys.setdefault(QKeySequence(extra).toString(), QKeySequence(extra))
        redo_action.setShortcuts(list(redo_keys.values()))
        self.edit_menu.addAction(undo_action)
        self.edit_menu.addAction(redo_action)

    def _install_shortcuts(self) -> None:
        for action, keys in self._shortcuts:
            action.setShortcuts(keys)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self.typing_guard)

    def show_shortcuts(self) -> None:
        """Open the list of keyboard shortcuts beside the console (Help -> Keyboard shortcuts, F1)."""
        from workshop_app.ui.facilitator.shortcuts_dialog import ShortcutsDialog

        self.shortcuts_dialog = ShortcutsDialog(self.menuBar(), self)
        self.shortcuts_dialog.show()

    def _on_monitor_menu_shown(self) -> None:
        self.monitor_menu.clear()
        group = QActionGroup(self.monitor_menu)
        current = self.shared_screen.target_screen if self.shared_screen else None
        for screen in QGuiApplication.screens():
            geometry = screen.geometry()
            action = QAction(f"{screen.name()} ({geometry.width()}×{geometry.height()})", group, checkable=True)
            action.setChecked(screen is current)
            action.triggered.connect(lambda _c=False, name=screen.name(): self.choose_monitor(name))
            self.monitor_menu.addAction(action)

    def choose_monitor(self, name: str) -> None:
        """Show the shared screen on the named monitor from now on."""
        from workshop_app.ui.shared_screen.window import choose_screen

        settings.set_shared_screen_monitor(name)
        if self.shared_screen is not None:
            self.shared_screen.target_screen = choose_screen(QGuiApplication.instance(), name)  # type: ignore[arg-type]
            if self.shared_screen.isVisible():
                self.shared_screen.present_on(self.shared_screen.target_screen)

    def toggle_shared_screen(self) -> None:
        """Present the shared screen, or take it away (F5)."""
        if self.shared_screen is not None:
            self.shared_screen.toggle()

    def _on_auto_start_toggled(self, on: bool) -> None:
        if self._attached:
            self.room.auto_start_timer = on
            settings.set_auto_start_timer(on)

    def _on_start_pause_requested(self) -> None:
        if self.room.timer().running:
            self.room.pause_timer()
        else:
            self.room.start_timer()

    def show_phone_voting(self) -> None:
        """Open the phone voting window: address, start or stop, join address, badges and new codes."""
        from workshop_app.ui.phone.dialog import PhoneVotingDialog

        PhoneVotingDialog(self.phone_voting, self).exec()

    def refresh_workshops(self) -> None:
        """Reload the start page's list (it stays empty until the store is attached)."""
        if self._attached:
            self.show_workshops(self.controller.list_workshops())

    def show_workshops(self, workshops: list[Workshop]) -> None:
        """Show the workshops the start page's filter picks from these (every workshop in the store)."""
        from workshop_app.core.workshop_list import filtered, listed

        rows = filtered(workshops, self.start_page.current_filter())
        self.start_page.set_workshops(rows, store_empty=not listed(workshops))

    def show_start_page(self) -> None:
        """Go back to the list of workshops."""
        self.refresh_workshops()
        self.pages.setCurrentWidget(self.start_page)
        self.room_menu.setEnabled(False)
        for action in self.workshop_actions:
            action.setEnabled(False)
        if self._workshop_page_built:
            self.phone_voting.stop()
        if self.shared_screen is not None:
            self.shared_screen.leave()
        self.setWindowTitle(APP_TITLE)

    def new_workshop(self) -> None:
        """Ask for a new workshop's details and create it (once the workshop page is built)."""
        if not self._workshop_page_built:
            return
        from workshop_app.ui.facilitator.new_workshop_dialog import NewWorkshopDialog

        plans = self._plans()
        if not plans:
            errors.show_error(self, "No session plans were found; reinstall the app to restore the sessions folder.")
            return
        draft = NewWorkshopDialog.ask(self, plans)
        if draft is not None:
            self.controller.create_workshop(draft)

    def edit_details(self) -> None:
        """Change the open workshop's title, date, place, facilitator (and rule before the first vote)."""
        from workshop_app.ui.facilitator import workshop_life_actions

        workshop_life_actions.edit_details(self, self.controller, self._plans())

    def finish_workshop(self) -> None:
        """Finish the open workshop after asking; its record is then locked."""
        from workshop_app.ui.facilitator import workshop_life_actions

        workshop_life_actions.finish(self, self.controller)

    def archive_workshop(self, workshop_id: int, archived: bool) -> None:
        """Put a finished workshop in the archive, or take it out."""
        from workshop_app.core import workshop_life

        self.controller.change_workshop(workshop_life.archive, workshop_id, archived)

    def delete_workshop(self, workshop_id: int) -> None:
        """Delete a workshop after asking, with a copy saved in the backups folder first."""
        from workshop_app.ui.facilitator import workshop_life_actions

        saved = workshop_life_actions.delete(self, self.controller, workshop_id)
        if saved is not None:
            self.statusBar().showMessage(f"Workshop deleted; a copy is in {saved}")

    def _on_workshop_changed(self, workshop: Workshop) -> None:
        from workshop_app.core.model import LOCKED_STATUSES

        for action in self.workshop_actions:
            action.setEnabled(workshop.status not in LOCKED_STATUSES)
        self.setWindowTitle(f"{workshop.title} — {APP_TITLE}")

    def _on_workshop_opened(self, workshop: Workshop) -> None:
        self._on_workshop_changed(workshop)
        self.pages.setCurrentWidget(self.workshop_page)
        self.room_menu.setEnabled(self.room.plan is not None)
        if self.room.plan is not None and self.shared_screen is None:
            from workshop_app.ui.shared_screen.window import open_shared_screen

            app = QGuiApplication.instance()
            assert isinstance(app, QGuiApplication)
            self.shared_screen = open_shared_screen(self.controller, self.room, self.room.votes, self.room.actions,
                                                    app, settings.shared_screen_monitor())
            self.phone_voting.started.connect(self.shared_screen.join_qr.show_join)
            self.phone_voting.stopped.connect(self.shared_screen.join_qr.hide_join)
            self.workshop_page.console.thumbnail.watch(self.shared_screen)
        elif self.shared_screen is not None and self.shared_screen.target_screen is not None:
            self.shared_screen.present_on(self.shared_screen.target_screen)
        self.setWindowTitle(f"{workshop.title} — {APP_TITLE}")
        set_aside_what_was_built()  # a full garbage-collector pass over both windows would stall a vote

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt naming
        """Closing the console stops phone voting and closes the shared screen too."""
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self.typing_guard)
        if self._workshop_page_built:
            self.phone_voting.stop()
        if self.shared_screen is not None:
            self.shared_screen.close()
        super().closeEvent(event)

    def _on_operation_failed(self, sentence: str) -> None:
        errors.show_error(self, sentence)
