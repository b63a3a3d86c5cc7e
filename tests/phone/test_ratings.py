"""Rating from phones in an open 'where are we now?' stage, against the running server with a real HTTP client."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, QThread
from pytestqt.qtbot import QtBot

from tests.phone.client import VIEW_KEYS, Answer, Phone, source_address
from tests.phone.room import Room, make_room
from workshop_app.core.changes import perform, read
from workshop_app.core import assessment, phone_codes, roster, stage_progress
from workshop_app.core.principles import principle_by_key
from workshop_app.core.model import Assessment, Participant
from workshop_app.core.plans import plan_by_key
from workshop_app.store.database import Store
from workshop_app.ui.app import build_main_window
from workshop_app.ui.facilitator.assessment_controls import AssessmentControls
from workshop_app.phone.server import PhoneServer
from workshop_app.ui.phone.addresses import LOOPBACK
from workshop_app.ui.shared_screen.assessment_view import AssessmentView

STAGES = plan_by_key("charter").stages
COLLABORATIVE = next(i for i, s in enumerate(STAGES) if s.kind == "assessment" and s.principle == "collaborative")
CREATIVE = next(i for i, s in enumerate(STAGES) if s.kind == "assessment" and s.principle == "creative")
RATING_KEYS = {"principle", "name", "question", "low", "high", "mine"}


@pytest.fixture
def phones(server: PhoneServer) -> Iterator[list[Phone]]:
    """Three phones with their own source addresses."""
    host, port = server.address
    made = [Phone(host, port, source_address(i)) for i in range(3)]
    yield made
    for phone in made:
        phone.close()


def go_to(store: Store, room: Room, index: int) -> None:
    perform(store, stage_progress.go_to_stage, room.workshop_id, index, len(STAGES), STAGES[index].title)


def rate(phone: Phone, score: Any, principle: str = "collaborative", **extra: Any) -> Answer:
    """Rate with the phone's latest nonce."""
    return phone.post("/api/rate", {"principle": principle, "score": score, "nonce": phone.nonce, **extra})


def scores(store: Store, room: Room) -> list[Assessment]:
    with store() as uow:
        return uow.repo(Assessment).list(workshop_id=room.workshop_id)


def one_sentence(answer: Answer) -> bool:
    error = answer.data.get("error", "")
    return isinstance(error, str) and error.endswith(".") and error.count(". ") == 0 and "Traceback" not in error


def test_a_phone_sees_the_open_rating_rates_changes_and_the_latest_counts(store: Store, room: Room,
                                                                          phones: list[Phone]) -> None:
    phone, voter = phones[0], room.voters[0]
    assert phone.join(room.codes[voter.id or 0]).data["rating"] is None  # not an assessment stage yet
    go_to(store, room, COLLABORATIVE)
    view = phone.state().data["rating"]
    principle = principle_by_key("collaborative")
    assert view == {"principle": "collaborative", "name": principle.name, "question": STAGES[COLLABORATIVE].prompts[0],
                    "low": principle.scale.low, "high": principle.scale.high, "mine": None}
    first = rate(phone, 4)
    assert first.status == 200 and first.data["mine"] == 4 and first.data["recorded"] is True
    assert phone.state().data["rating"]["mine"] == 4
    assert rate(phone, 2).status == 200
    assert phone.state().data["rating"]["mine"] == 2
    rows = scores(store, room)
    assert [(r.participant_id, r.group_id, r.score) for r in rows] == [(voter.id, voter.group_id, 4),
                                                                         (voter.id, voter.group_id, 2)]
    summary = read(store, assessment.summarise_workshop, room.workshop_id, ["collaborative"])
    assert summary.by_principle["collaborative"].overall.total == 2  # only the latest score counts
    assert str(read(store, assessment.workshop_rating_progress, room.workshop_id, "collaborative")) == "1 of 6"
    with store() as uow:
        texts = [e.text for e in uow.audit_entries(room.workshop_id) if e.kind == "score_recorded"]
    assert texts == [f"{voter.name} rated collaborative."] * 2  # never the person's score


def test_rating_closes_when_results_are_shown_or_the_stage_moves_on(store: Store, room: Room,
                                                                    phones: list[Phone]) -> None:
    phone = phones[0]
    go_to(store, room, COLLABORATIVE)
    assert phone.join(room.codes[room.voters[0].id or 0]).status == 200 and rate(phone, 3).status == 200
    perform(store, stage_progress.show_results, room.workshop_id, True)
    shown = rate(phone, 5)
    assert shown.status == 409 and one_sentence(shown) and "closed" in shown.data["error"]
    assert shown.data["rating"] is None and phone.state().data["rating"] is None
    perform(store, stage_progress.show_results, room.workshop_id, False)
    assert rate(phone, 5).status == 200  # hidden again: open again
    go_to(store, room, COLLABORATIVE + 1)
    moved = rate(phone, 1)
    assert moved.status == 409 and one_sentence(moved) and moved.data["rating"] is None
    assert [r.score for r in scores(store, room)] == [3, 5]


def test_a_new_assessment_stage_shows_its_own_principle_and_no_earlier_score(store: Store, room: Room,
                                                                            phones: list[Phone]) -> None:
    phone = phones[0]
    go_to(store, room, COLLABORATIVE)
    assert phone.join(room.codes[room.voters[0].id or 0]).status == 200 and rate(phone, 3).status == 200
    go_to(store, room, CREATIVE)
    view = phone.state().data["rating"]
    assert view["principle"] == "creative" and view["mine"] is None
    old = rate(phone, 4, "collaborative")
    assert old.status == 422 and one_sentence(old) and old.data["rating"]["principle"] == "creative"


@pytest.mark.parametrize(("principle", "score", "status"), [
    ("creative", 3, 422), ("collaborative", 0, 400), ("collaborative", 6, 400), ("collaborative", "3", 400),
    ("collaborative", 3.5, 400), ("collaborative", True, 400), ("collaborative", None, 400), (3, 3, 400),
    ("x" * 100, 3, 400),
])
def test_a_wrong_principle_or_score_is_refused_in_one_sentence(store: Store, room: Room, phones: list[Phone],
                                                               principle: Any, score: Any, status: int) -> None:
    go_to(store, room, COLLABORATIVE)
    assert phones[0].join(room.codes[room.voters[0].id or 0]).status == 200
    answer = rate(phones[0], score, principle)
    assert answer.status == status and one_sentence(answer)
    assert scores(store, room) == []


def test_an_extra_or_missing_field_is_refused(store: Store, room: Room, phones: list[Phone]) -> None:
    go_to(store, room, COLLABORATIVE)
    assert phones[0].join(room.codes[room.voters[0].id or 0]).status == 200
    assert rate(phones[0], 3, participant=room.voters[1].id).status == 400
    assert phones[0].post("/api/rate", {"principle": "collaborative", "score": 3}).status == 400
    assert scores(store, room) == []


def test_a_replayed_rating_is_refused_and_recorded_once(store: Store, room: Room, phones: list[Phone]) -> None:
    go_to(store, room, COLLABORATIVE)
    phone = phones[0]
    assert phone.join(room.codes[room.voters[0].id or 0]).status == 200
    body = {"principle": "collaborative", "score": 4, "nonce": phone.nonce}
    assert phone.post("/api/rate", body).status == 200
    again = phone.post("/api/rate", body)
    assert again.status == 409 and one_sentence(again)
    assert rate(phones[1], 4).status == 401  # a phone that never joined
    assert [r.score for r in scores(store, room)] == [4]


def test_an_observer_and_a_revoked_code_cannot_rate(store: Store, room: Room, phones: list[Phone]) -> None:
    go_to(store, room, COLLABORATIVE)
    observer = phones[0].join(room.codes[room.observer.id or 0])
    assert observer.status == 403 and rate(phones[0], 3).status == 401
    voter, other = room.voters[0], room.voters[1]
    assert phones[1].join(room.codes[voter.id or 0]).status == 200
    perform(store, roster.update_participant, Participant(voter.workshop_id, voter.name, voter.group_id, is_voting=False,
                                                 present=True, id=voter.id))
    became = rate(phones[1], 3)
    assert became.status == 403 and one_sentence(became) and "Observers" in became.data["error"]
    assert phones[2].join(room.codes[other.id or 0]).status == 200
    perform(store, phone_codes.reissue_code, other.id or 0)
    assert rate(phones[2], 3).status == 401  # the very next rating, with no state read in between
    assert scores(store, room) == []


def test_a_phone_never_sees_another_persons_score_or_a_summary(store: Store, room: Room,
                                                               phones: list[Phone]) -> None:
    go_to(store, room, COLLABORATIVE)
    first, second = phones[0], phones[1]
    assert first.join(room.codes[room.voters[0].id or 0]).status == 200
    assert second.join(room.codes[room.voters[1].id or 0]).status == 200
    assert rate(first, 5).status == 200
    seen = second.state().data
    assert set(seen["rating"]) == RATING_KEYS and seen["rating"]["mine"] is None
    assert rate(second, 1).status == 200 and first.state().data["rating"]["mine"] == 5
    perform(store, stage_progress.show_results, room.workshop_id, True)  # even after the reveal: no summary on phones
    revealed = first.state().data
    assert revealed["rating"] is None and set(revealed) == VIEW_KEYS


def test_a_phone_rating_updates_the_console_and_shared_screen_on_the_gui_thread(qtbot: QtBot, store: Store) -> None:
    room = make_room(store, voters=4)
    window = build_main_window(store)
    qtbot.addWidget(window)
    window.controller.open_workshop(room.workshop_id)
    window.room.go_to(COLLABORATIVE)
    heard: list[tuple[str, bool]] = []
    window.room.assessment_changed.connect(
        lambda p: heard.append((p, QThread.currentThread() is QCoreApplication.instance().thread())))
    assert window.phone_voting.start(LOOPBACK, 0)
    host, port = window.phone_voting.server.address if window.phone_voting.server else ("", 0)
    phone = Phone(host, port)
    try:
        assert phone.join(room.codes[room.voters[0].id or 0]).status == 200 and rate(phone, 4).status == 200
        qtbot.waitUntil(lambda: bool(heard), timeout=5000)
    finally:
        phone.close()
        window.phone_voting.stop()
    assert heard == [("collaborative", True)]
    console = window.findChildren(AssessmentControls)
    assert console and console[0].progress.text() == "1 of 4 have rated"
    screen = window.shared_screen
    assert screen is not None
    view = screen.current_view()
    assert isinstance(view, AssessmentView) and view.progress.text() == "1 of 4 have rated"
    window.close()


def test_the_served_page_has_the_rating_steps(server: PhoneServer, phones: list[Phone]) -> None:
    phone = phones[0]
    phone.connection.request("GET", "/", headers={"Host": server.url.split("/")[2]})
    html = phone.connection.getresponse().read().decode()
    assert [f'data-score="{n}"' in html for n in range(1, 6)] == [True] * 5
    for words in ("Send my rating", "Your rating is recorded", "Change it", "Rating closed"):
        assert words in html
    phone.connection.request("GET", "/phone.js", headers={"Host": server.url.split("/")[2]})
    script = phone.connection.getresponse().read().decode()
    assert '"/api/rate"' in script and "send?" in script
