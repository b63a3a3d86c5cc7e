"""Phone voting in the console: the Room menu entry, the shared screen's QR while on, and stopping."""

from __future__ import annotations

import socket

import pytest
from pytestqt.qtbot import QtBot

from tests.phone.client import Phone
from tests.phone.room import Room, make_room
from workshop_app.core.changes import perform
from workshop_app.core import workshops
from workshop_app.core.model import WorkshopStatus
from workshop_app.store.database import Store
from workshop_app.ui.app import build_main_window
from workshop_app.ui.main_window import MainWindow
from workshop_app.ui.phone.addresses import ALL_INTERFACES, LOOPBACK, bind_choices
from workshop_app.ui.phone.dialog import PhoneVotingDialog


def refused(port: int) -> bool:
    """Return True when nothing listens on 127.0.0.1:port."""
    try:
        socket.create_connection(("127.0.0.1", port), timeout=2).close()
    except OSError:
        return True
    return False


def test_phone_voting_shows_the_qr_while_on_and_stops_when_the_workshop_closes(qtbot: QtBot, store: Store) -> None:
    room = make_room(store, voters=3)
    window = build_main_window(store)
    qtbot.addWidget(window)
    window.controller.open_workshop(room.workshop_id)
    assert any(a.text() == "&Phone voting…" for a in window.room_menu.actions())
    screen = window.shared_screen
    assert screen is not None and not screen.join_qr.isVisibleTo(screen)
    assert window.phone_voting.start(LOOPBACK, 0)
    url = window.phone_voting.join_url
    port = int(url.rsplit(":", 1)[1].strip("/"))
    assert screen.join_qr.isVisibleTo(screen) and screen.join_qr.qr.data == url
    assert screen.join_qr.address.text() == url.removeprefix("http://").rstrip("/")
    closed = perform(store, workshops.set_status, room.workshop_id, WorkshopStatus.CLOSED).value
    window.controller.workshop_changed.emit(closed)
    assert not window.phone_voting.running and refused(port)
    assert not screen.join_qr.isVisibleTo(screen)
    window.close()


def test_leaving_the_workshop_stops_the_server(qtbot: QtBot, store: Store) -> None:
    room = make_room(store, voters=2)
    window = build_main_window(store)
    qtbot.addWidget(window)
    window.controller.open_workshop(room.workshop_id)
    assert window.phone_voting.start(LOOPBACK, 0)
    port = int(window.phone_voting.join_url.rsplit(":", 1)[1].strip("/"))
    window.show_start_page()
    assert refused(port)
    window.close()


def test_a_busy_port_is_said_in_one_sentence(qtbot: QtBot, store: Store, replies: list[str]) -> None:
    room = make_room(store, voters=2)
    window = build_main_window(store)
    qtbot.addWidget(window)
    window.controller.open_workshop(room.workshop_id)
    with socket.socket() as taken:
        taken.bind((LOOPBACK, 0))
        taken.listen()
        assert not window.phone_voting.start(LOOPBACK, taken.getsockname()[1])
    assert replies and replies[-1].startswith("Phone voting could not start on 127.0.0.1 port")
    window.close()


def open_dialog(qtbot: QtBot, store: Store) -> tuple[Room, MainWindow, PhoneVotingDialog]:
    """Open a two-voter workshop in the console and its Phone voting window."""
    room = make_room(store, voters=2)
    window = build_main_window(store)
    qtbot.addWidget(window)
    window.controller.open_workshop(room.workshop_id)
    dialog = PhoneVotingDialog(window.phone_voting, window)
    qtbot.addWidget(dialog)
    return room, window, dialog


def test_the_dialog_defaults_to_a_local_address_and_warns_about_every_interface(qtbot: QtBot, store: Store,
                                                                              tmp_path: object) -> None:
    choices = bind_choices()
    assert choices[0].host != ALL_INTERFACES and choices[-1].host == ALL_INTERFACES
    assert "anyone on any of them" in choices[-1].label
    room, window, dialog = open_dialog(qtbot, store)
    assert dialog.choice().host == choices[0].host and dialog.toggle.text() == "Start phone voting"
    assert dialog.people.count() == 3
    dialog.address.setCurrentIndex(len(choices) - 2)  # this computer only
    dialog.port.setValue(0 or 18765)
    dialog.toggle.click()
    assert window.phone_voting.running and "http://127.0.0.1:18765/" in dialog.status.text()
    dialog.toggle.click()
    assert not window.phone_voting.running and "nothing is listening" in dialog.status.text()
    window.close()


@pytest.fixture(autouse=True)
def replies(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Capture every error message box instead of showing it."""
    shown: list[str] = []
    monkeypatch.setattr("workshop_app.ui.errors.show_error", lambda parent, sentence: shown.append(sentence))
    return shown


def test_the_console_shows_who_joined_by_phone_and_cuts_a_phone_off(qtbot: QtBot, store: Store) -> None:
    room, window, dialog = open_dialog(qtbot, store)
    assert window.phone_voting.start(LOOPBACK, 0) and window.phone_voting.server is not None
    host, port = window.phone_voting.server.address
    phone = Phone(host, port)
    voter = room.voters[1]
    assert phone.join(room.codes[voter.id or 0]).status == 200
    qtbot.waitUntil(lambda: any("joined by phone" in dialog.people.item(i).text()
                                for i in range(dialog.people.count())), timeout=3000)
    row = next(i for i in range(dialog.people.count()) if dialog.people.item(i).text().startswith(voter.name))
    assert dialog.people.item(row).text().endswith("joined by phone")
    dialog.people.setCurrentRow(row)
    dialog.cut_off.click()
    assert "cut off" in dialog.status.text()
    told = phone.state()
    assert told.status == 401 and told.data["cut"] is True
    assert not any("joined by phone" in dialog.people.item(i).text() for i in range(dialog.people.count()))
    phone.close()
    window.close()
