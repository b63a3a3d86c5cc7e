"""Phone ballots reach the console and shared screen a few times a second, not once per ballot, as who just voted
(no re-read of the round), and the last refresh comes after the last ballot so the screens end on the true count."""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor

from pytestqt.qtbot import QtBot

from tests.phone.client import Phone, source_address
from tests.phone.room import make_room
from workshop_app.store.database import Store
from workshop_app.ui.controller import WorkshopController
from workshop_app.ui.phone.phone_voting import REFRESH_S, PhoneVoting
from workshop_app.ui.vote_controller import VoteController

PHONES, CHANGES = 30, 3


def _vote_often(host: str, port: int, index: int, code: str) -> None:
    """One phone: join, then vote and change its vote CHANGES times as fast as the server answers."""
    phone = Phone(host, port, source_address(index))
    try:
        assert phone.join(code).status == 200
        for k in range(CHANGES + 1):
            assert phone.vote(("agree", "abstain", "disagree")[(index + k) % 3]).status == 200
    finally:
        phone.close()


def test_phone_ballots_are_told_to_the_screens_a_few_times_a_second(qtbot: QtBot, store: Store) -> None:
    room = make_room(store, voters=PHONES)
    controller = WorkshopController(store)
    controller.open_workshop(room.workshop_id)
    votes = VoteController(controller)
    phones = PhoneVoting(controller)
    told: list[tuple[float, int]] = []  # when the screens were told, and how many had voted by then
    votes.ballot_recorded.connect(lambda progress: told.append((time.monotonic(), len(progress.voted_participant_ids))))
    reads: list[int] = []
    read_progress = votes.progress
    votes.progress = lambda round_id: reads.append(round_id) or read_progress(round_id)  # type: ignore[method-assign]
    assert phones.start("127.0.0.1", 0)
    host, port = phones.server.address if phones.server else ("", 0)
    try:
        started = time.monotonic()
        with ThreadPoolExecutor(max_workers=PHONES) as pool:
            futures = [pool.submit(_vote_often, host, port, i, room.codes[p.id or 0])
                       for i, p in enumerate(room.voters)]
            while not all(f.done() for f in futures):
                qtbot.wait(5)
            for future in futures:
                future.result()
        finished = time.monotonic()
        qtbot.waitUntil(lambda: bool(told) and told[-1][1] == PHONES, timeout=5_000)
        qtbot.wait(int(REFRESH_S * 2000))
    finally:
        phones.stop()
    ballots = PHONES * (CHANGES + 1)
    assert len(told) <= (finished - started) / REFRESH_S + 2 < ballots  # a few a second, far fewer than ballots
    gaps = [b - a for (a, _n), (b, _m) in zip(told, told[1:])]
    assert all(gap >= REFRESH_S * 0.9 for gap in gaps), gaps  # spaced out from the end of the refresh before (a
    # coarse QTimer may fire up to 5% early)
    assert told[-1][1] == PHONES  # the screens end on everyone having voted
    assert len(reads) == 1  # the round is read once; after that each refresh adds who voted by phone since
