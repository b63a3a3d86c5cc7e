"""The console's "Phone voting" window: choose the address, start or stop, see the join address, badges, new codes."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox, QDialog, QFileDialog, QFormLayout, QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QPushButton,
    QSpinBox, QVBoxLayout, QWidget,
)

from workshop_app.core import phone_codes
from workshop_app.export.badges_pdf import write_badges
from workshop_app.ui import errors
from workshop_app.ui.phone.addresses import ALL_INTERFACES, BindChoice, bind_choices
from workshop_app.ui.phone.phone_voting import DEFAULT_PORT, PhoneVoting
from workshop_app.ui.widgets.combo import chosen

ALL_WARNING = ("Listening on every network of this computer: anyone on any of them can open the voting page. "
               "Prefer the room's own network when you can.")


class PhoneVotingDialog(QDialog):
    """Start and stop phone voting for the open workshop, print badges and reissue a lost code."""

    def __init__(self, phones: PhoneVoting, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.phones = phones
        self.setWindowTitle("Phone voting")
        self.choices = bind_choices()
        self.address = QComboBox()
        for index, choice in enumerate(self.choices):
            self.address.addItem(choice.label, index)
        self.port = QSpinBox()
        self.port.setRange(1024, 65535)
        self.port.setValue(DEFAULT_PORT)
        self.toggle = QPushButton()
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.people = QListWidget()
        self.new_code = QPushButton("&New code for the selected person…")
        self.cut_off = QPushButton("C&ut off the selected person's phone")
        self.badges = QPushButton("Save the &badges and private slips (PDF)…")
        self._lay_out()
        self.toggle.clicked.connect(self._on_toggle_clicked)
        self.new_code.clicked.connect(self._on_new_code_clicked)
        self.cut_off.clicked.connect(self._on_cut_off_clicked)
        self.badges.clicked.connect(self._on_badges_clicked)
        phones.started.connect(lambda _url: self._show_state())
        phones.stopped.connect(self._show_state)
        phones.phone_joined.connect(lambda _pid: self._fill_people())
        self._fill_people()
        self._show_state()

    def _lay_out(self) -> None:
        form = QFormLayout()
        form.addRow("Listen on", self.address)
        form.addRow("Port", self.port)
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_code)
        buttons.addWidget(self.cut_off)
        buttons.addWidget(self.badges)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.toggle)
        layout.addWidget(self.status)
        people_label = QLabel("Participants and who has joined by phone (a new code stops the old one and the "
                              "phone that used it; hand out codes on their private slips)")
        people_label.setWordWrap(True)
        layout.addWidget(people_label)
        layout.addWidget(self.people, 1)
        layout.addLayout(buttons)

    def choice(self) -> BindChoice:
        """Return the address chosen in the list (the local network address by default)."""
        return self.choices[int(chosen(self.address, 0))]

    def _show_state(self) -> None:
        on = self.phones.running
        self.toggle.setText("Stop phone voting" if on else "Start phone voting")
        self.address.setEnabled(not on)
        self.port.setEnabled(not on)
        if not on:
            self.status.setText("Phone voting is off: nothing is listening.")
            return
        warning = f"\n{ALL_WARNING}" if self.choice().host == ALL_INTERFACES else ""
        self.status.setText(f"Phones join at {self.phones.join_url}  (the shared screen shows its QR code){warning}")

    def _on_toggle_clicked(self) -> None:
        if self.phones.running:
            self.phones.stop()
        else:
            choice = self.choice()
            self.phones.start(choice.host, self.port.value(), choice.names)
        self._fill_people()
        self._show_state()

    def _fill_people(self) -> list[phone_codes.Badge]:
        """List everyone with a code and whether their phone has joined (one read); return their badges."""
        self.people.clear()
        controller = self.phones.controller
        badges = controller.read(phone_codes.badges, controller.workshop_id)
        for badge in badges:
            kind = "" if badge.is_voting else "  (observer: does not vote)"
            phone = "  — joined by phone" if badge.joined else ""
            item = QListWidgetItem(f"{badge.name} — {badge.group}{kind}{phone}")
            item.setData(Qt.ItemDataRole.UserRole, badge.participant_id)
            self.people.addItem(item)
        return badges

    def _on_new_code_clicked(self) -> None:
        item = self.people.currentItem()
        if item is None:
            errors.show_error(self, "Choose a person in the list first, then ask for a new code.")
            return
        done = self.phones.controller.perform(phone_codes.reissue_code, int(item.data(Qt.ItemDataRole.UserRole)))
        self.phones.push()
        self._fill_people()
        if done.value is not None:
            code = phone_codes.format_code(done.value.value.code)
            self.status.setText(f"New code for {item.text().split(' — ')[0]}: {code} (the old code and its phone no "
                                "longer work).")

    def _on_cut_off_clicked(self) -> None:
        item = self.people.currentItem()
        if item is None or "joined by phone" not in item.text():
            errors.show_error(self, "Choose a person marked 'joined by phone' first, then cut off their phone.")
            return
        name = item.text().split(" — ")[0]
        if self.phones.cut_off(int(item.data(Qt.ItemDataRole.UserRole))):
            self.status.setText(f"{name}'s phone is cut off and their code was reissued; print a new slip before "
                                "they join again.")
        self._fill_people()

    def _on_badges_clicked(self) -> None:
        controller = self.phones.controller
        controller.perform(phone_codes.issue_missing_codes, controller.workshop_id)
        badges = self._fill_people()
        path, _ = QFileDialog.getSaveFileName(self, "Save the badge sheet", "badges.pdf", "PDF (*.pdf)",
                                              options=QFileDialog.Option.DontConfirmOverwrite)
        out = errors.save_target(self, Path(path) if path else None, controller.uow_factory)
        if out is not None:
            self.save_badges(out, badges)

    def save_badges(self, out: Path, badges: list[phone_codes.Badge]) -> None:
        """Write the open workshop's badge sheet, with the join address now in use or chosen."""
        controller = self.phones.controller
        choice = self.choice()
        url = self.phones.join_url or f"http://{choice.names[0]}:{self.port.value()}/"
        title = controller.workshop.title if controller.workshop else ""
        write_badges(out, badges, url, title)
