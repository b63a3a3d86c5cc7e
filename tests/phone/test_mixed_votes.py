"""60 phones over real HTTP and 10 people on the shared screen vote in one round: each counted once."""

from __future__ import annotations

from collections import Counter
from concurrent.futures import ThreadPoolExecutor

from PySide6.QtCore import QCoreApplication, QThread
from pytestqt.qtbot import QtBot

from tests.phone.client import Phone, source_address
from tests.phone.room import make_room
from workshop_app.core.changes import perform
from workshop_app.core import voting
from workshop_app.core.model import Ballot, Choice
from workshop_app.store.database import Store
from workshop_app.ui.controller import WorkshopController
from workshop_app.ui.phone.phone_voting import PhoneVoting
from workshop_app.ui.vote_controller import VoteController

PHONES, SCREEN = 60, 10
PATTERN = ("agree", "agree", "disagree", "abstain", "agree")


def phone_votes(host: str, port: int, index: int, code: str) -> str:
    """One phone: join, vote something else first, then its final choice; return the final choice."""
    phone = Phone(host, port, source_address(index))
    try:
        final = PATTERN[index % len(PATTERN)]
        assert phone.join(code).status == 200
        assert phone.vote("abstain" if final != "abstain" else "agree").status == 200
        answer = phone.vote(final)
        assert answer.status == 200 and answer.data["mine"] == final
        return final
    finally:
        phone.close()


def test_phones_and_the_shared_screen_mix_in_one_vote(qtbot: QtBot, store: Store) -> None:
    room = make_room(store, voters=PHONES + SCREEN)
    controller = WorkshopController(store)
    controller.open_workshop(room.workshop_id)
    votes = VoteController(controller)
    phones = PhoneVoting(controller)
    recorded: list[tuple[bool, int]] = []  # on the GUI thread?, how many had voted when the screens were told
    votes.ballot_recorded.connect(lambda progress: recorded.append((
        QThread.currentThread() is QCoreApplication.instance().thread(),
        len(progress.voted_participant_ids))))
    assert phones.start("127.0.0.1", 0)
    host, port = phones.server.address if phones.server else ("", 0)
    on_phones, on_screen = room.voters[:PHONES], room.voters[PHONES:]
    with ThreadPoolExecutor(max_workers=PHONES) as pool:
        futures = [pool.submit(phone_votes, host, port, i, room.codes[p.id or 0]) for i, p in enumerate(on_phones)]
        for person in on_screen:
            assert votes.cast(room.round_id, person.id or 0, Choice.AGREE)
            qtbot.wait(1)
        finals = [f.result(timeout=30) for f in futures]
    qtbot.waitUntil(lambda: bool(recorded) and recorded[-1][1] == PHONES + SCREEN, timeout=10_000)
    assert all(on_gui for on_gui, _count in recorded)  # every signal arrived on the GUI thread
    assert len(recorded) <= 2 * PHONES + SCREEN  # phone ballots that arrive together are told together
    phones.stop()
    with store() as uow:
        cast = uow.repo(Ballot).list(round_id=room.round_id)
    assert len(cast) == 2 * PHONES + SCREEN
    assert Counter(b.participant_id for b in cast) == {p.id: 2 for p in on_phones} | {p.id: 1 for p in on_screen}
    perform(store, voting.close_vote, room.round_id)
    outcome = perform(store, voting.reveal_vote, room.round_id).value
    expected = Counter(finals) + Counter({"agree": SCREEN})
    totals = outcome.totals
    assert (totals.agree, totals.abstain, totals.disagree, totals.block) == (
        expected["agree"], expected["abstain"], expected["disagree"], 0)
    assert totals.agree + totals.abstain + totals.disagree == PHONES + SCREEN
    assert outcome.agreed
