"""The phone page in a real browser (Chromium at 360x740): every state told truly, errors cleared, readable by all."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.phone.browser import CONTRAST_JS, FONT_SIZES_JS, PHONE, browser, shots_folder, slug
from tests.phone.room import Room
from tests.phone.test_ratings import COLLABORATIVE, go_to
from workshop_app.core.changes import perform
from workshop_app.core import phone_codes, stage_progress, voting
from workshop_app.core.model import Ballot
from workshop_app.phone.guard import NonceBook
from workshop_app.phone.server import PhoneServer
from workshop_app.store.database import Store

__all__ = ["browser"]
PROPOSAL = "We will publish every decision within a week."


class PageDriver:
    """One phone's page: open, act, wait for text, and check what is on show."""

    def __init__(self, page: Any, server: PhoneServer, shots: Path) -> None:
        self.page = page
        self.server = server
        self.shots = shots
        self.announced: list[str] = []

    def open(self, code: str = "") -> None:
        self.page.goto(self.server.url + (f"#c={code}" if code else ""))

    def heading(self) -> str:
        return str(self.page.locator("section:not([hidden]) h1").inner_text())

    def wait_heading(self, text: str, timeout: float = 3000) -> None:
        self.page.locator("section:not([hidden]) h1", has_text=text).wait_for(timeout=timeout)

    def wait_announced(self, text: str, timeout: float = 3000) -> None:
        self.page.wait_for_function("t => document.getElementById('announce').textContent.includes(t)", arg=text,
                                    timeout=timeout)

    def shot(self, state: str) -> None:
        self.page.screenshot(path=str(self.shots / f"phone-{slug(state)}.png"), full_page=True)
        self.check_readable(state)

    def check_readable(self, state: str) -> None:
        """Nothing visible under 16 px; the focused heading is the shown section's."""
        small = [(text, size) for text, size in self.page.evaluate(FONT_SIZES_JS) if size < 16]
        assert not small, (state, small)

    def choose(self, code: str, choice: str) -> None:
        """Join with a code and pick a choice, up to the confirm step."""
        self.open(code)
        self.wait_heading(PROPOSAL)
        self.page.click(f"button[data-choice={choice}]")
        self.wait_heading("Send this vote?")

    def visible(self, selector: str) -> bool:
        return bool(self.page.locator(selector).is_visible())

    def text(self, selector: str) -> str:
        return str(self.page.locator(selector).inner_text())


@pytest.fixture
def phone(browser: Any, server: PhoneServer, tmp_path: Path) -> Iterator[PageDriver]:
    context = browser.new_context(viewport=PHONE, device_scale_factor=2)
    context.add_init_script("window.PHONE_TIMEOUT_MS = 1500;")
    page = context.new_page()
    yield PageDriver(page, server, shots_folder(tmp_path))
    context.close()


def _ballots(store: Store, room: Room) -> list[Ballot]:
    with store() as uow:
        return uow.repo(Ballot).list(round_id=room.round_id)


def test_join_vote_and_results_each_state_told_truly(store: Store, room: Room, server: PhoneServer,
                                                    phone: PageDriver) -> None:
    page = phone.page
    phone.open()
    phone.wait_heading("Join the vote")
    assert page.title().startswith("Join the vote")
    phone.shot("join")
    page.fill("#code", "nonsense")
    page.click("#join-button")
    page.locator("#code-error").wait_for()
    assert "not valid" in phone.text("#code-error") and page.get_attribute("#code-error", "role") == "alert"
    phone.shot("join-error")
    page.fill("#code", room.codes[room.voters[0].id or 0])
    page.click("#join-button")
    phone.wait_heading(PROPOSAL)
    phone.wait_announced("Vote open: " + PROPOSAL)
    assert phone.text("#principle") == "Trust" and page.title().startswith("Vote open")
    assert "I cannot live with this" in phone.text(".choice.block") and "taking part" in phone.text(".choice.abstain")
    assert "your group and your reason after the reveal" in phone.text("#kind")
    assert page.evaluate("document.activeElement.id") == "proposal"
    phone.shot("ballot")
    page.click("button[data-choice=agree]")
    phone.wait_heading("Send this vote?")
    assert phone.text("#confirm-proposal") == PROPOSAL
    page.go_back()  # the phone's Back returns to the ballot, not away from the page
    phone.wait_heading(PROPOSAL)
    page.click("button[data-choice=block]")
    phone.shot("confirm-block")
    page.click("#send")
    page.locator("#reason-error").wait_for()
    assert "needs a short reason" in phone.text("#reason-error")
    assert page.evaluate("document.activeElement.id") == "reason"
    assert page.locator("#reason-error").bounding_box()["y"] < PHONE["height"]
    phone.shot("confirm-reason-missing")
    page.fill("#reason", "Not without a budget")
    assert not phone.visible("#reason-error")
    page.click("#send")
    phone.wait_heading("Your vote is recorded")
    phone.wait_announced("Your vote is recorded")
    assert phone.text("#recorded-choice") == "Block" and phone.text("#recorded-proposal") == PROPOSAL
    phone.shot("recorded")
    assert [b.choice.value for b in _ballots(store, room)] == ["block"]
    perform(store, voting.close_vote, room.round_id)
    server.changed()
    # pushed, not polled: the page polls only while its stream is down, and then every 3 s
    phone.wait_heading("Voting closed — results coming", timeout=5000)
    phone.wait_announced("Voting closed")
    assert page.title().startswith("Voting closed") and phone.text("#closed-proposal") == PROPOSAL
    assert not phone.visible("#outcome")
    phone.shot("closed")
    outcome = perform(store, voting.reveal_vote, room.round_id).value
    server.changed()
    phone.wait_heading("No vote is open", timeout=5000)
    assert phone.text("#outcome-proposal") == PROPOSAL and phone.text("#outcome-text") == outcome.reason
    phone.shot("result")


def test_a_vote_that_closes_before_the_choice_is_sent_says_it_was_not_counted(
        store: Store, room: Room, server: PhoneServer, phone: PageDriver) -> None:
    phone.choose(room.codes[room.voters[1].id or 0], "agree")
    perform(store, voting.close_vote, room.round_id)
    server.changed()
    phone.wait_heading("Voting closed — results coming", timeout=5000)
    assert phone.text("#closed-note") == "Voting closed before your choice was sent; it was not counted."
    phone.wait_announced("it was not counted")
    phone.shot("closed-before-send")
    assert _ballots(store, room) == []


def test_errors_clear_and_a_send_that_times_out_says_so_and_can_be_retried(
        store: Store, room: Room, server: PhoneServer, phone: PageDriver) -> None:
    page = phone.page
    phone.open(room.codes[room.voters[2].id or 0])
    phone.wait_heading(PROPOSAL)
    page.click("button[data-choice=disagree]")
    held: list[Any] = []
    page.route("**/api/vote", lambda route: held.append(route))  # the network swallows the send
    page.click("#send")
    page.locator("#send", has_text="Sending…").wait_for(timeout=5000)
    page.locator("#error", has_text="did not answer in time").wait_for(timeout=4000)
    assert phone.visible("#retry") and phone.text("#send") == "Send my vote"
    phone.shot("send-timed-out")
    page.unroute("**/api/vote")
    page.click("#retry")
    phone.wait_heading("Your vote is recorded")
    assert not phone.visible("#error")  # the good exchange cleared the banner
    assert [b.choice.value for b in _ballots(store, room)] == ["disagree"]


def test_a_stale_one_time_code_is_renewed_without_bothering_the_person(
        store: Store, room: Room, server: PhoneServer, phone: PageDriver) -> None:
    phone.open(room.codes[room.voters[3].id or 0])
    phone.wait_heading(PROPOSAL)
    server.service.nonces = NonceBook()  # as after phone voting was stopped and started again
    phone.page.click("button[data-choice=agree]")
    phone.page.click("#send")
    phone.wait_heading("Your vote is recorded")
    assert not phone.visible("#error") and [b.choice.value for b in _ballots(store, room)] == ["agree"]


def test_a_cut_off_phone_is_told_why(store: Store, room: Room, server: PhoneServer, phone: PageDriver) -> None:
    phone.open(room.codes[room.voters[4].id or 0])
    phone.wait_heading(PROPOSAL)
    perform(store, phone_codes.reissue_code, room.voters[4].id or 0)
    server.changed()
    phone.wait_heading("Join the vote", timeout=5000)
    assert "Your code was reissued" in phone.text("#error-text") and not phone.visible("#who")
    phone.shot("cut-off")


def test_an_unsent_rating_that_closes_says_it_was_not_saved(store: Store, room: Room, server: PhoneServer,
                                                           phone: PageDriver) -> None:
    perform(store, voting.close_vote, room.round_id)
    go_to(store, room, COLLABORATIVE)
    phone.open(room.codes[room.voters[5].id or 0])
    phone.wait_heading("Where")
    assert phone.text("#rate-principle") and "_" not in phone.text("#rate-principle")
    phone.shot("rating")
    phone.page.click("button[data-score='4']")
    phone.wait_heading("You chose 4")
    perform(store, stage_progress.show_results, room.workshop_id, True)
    server.changed()
    phone.wait_heading("Rating closed", timeout=5000)
    assert phone.text("#rate-closed-text") == "Rating closed before your score was sent; it was not saved."
    phone.shot("rating-closed-unsent")


def test_sizes_contrast_and_no_script(store: Store, room: Room, server: PhoneServer, phone: PageDriver,
                                      browser: Any) -> None:
    page = phone.page
    phone.open()
    phone.wait_heading("Join the vote")
    border, background = page.evaluate("""() => { const s = getComputedStyle(document.getElementById('code'));
        return [s.borderTopColor, s.backgroundColor]; }""")
    assert page.evaluate(CONTRAST_JS, [border, background]) >= 3
    page.focus("#code")
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")
    ring, page_bg = page.evaluate("""() => [getComputedStyle(document.activeElement).outlineColor,
        getComputedStyle(document.body).backgroundColor]""")
    assert page.evaluate(CONTRAST_JS, [ring, page_bg]) >= 3
    assert page.evaluate("getComputedStyle(document.documentElement).fontSize") == "16px"
    bigger = browser.new_context(viewport=PHONE)
    larger = bigger.new_page()
    larger.goto(server.url)
    larger.evaluate("document.documentElement.style.fontSize = '125%'")  # as the phone's larger text setting
    assert larger.evaluate("parseFloat(getComputedStyle(document.body).fontSize)") == pytest.approx(22.5)
    bigger.close()
    quiet = browser.new_context(viewport=PHONE, java_script_enabled=False)
    plain = quiet.new_page()
    plain.goto(server.url)
    assert "needs JavaScript" in plain.inner_text("body")
    quiet.close()


def test_a_vote_request_is_the_same_size_whatever_the_choice(store: Store, room: Room, server: PhoneServer,
                                                            phone: PageDriver) -> None:
    page = phone.page
    sizes: dict[str, int] = {}
    page.on("request", lambda r: r.url.endswith("/api/vote") and sizes.__setitem__(
        json.loads(r.post_data)["choice"], len(r.post_data_buffer)))
    phone.open(room.codes[room.voters[0].id or 0])
    phone.wait_heading(PROPOSAL)
    for choice in ("agree", "abstain", "disagree", "block"):
        if phone.heading() == "Your vote is recorded":
            page.click("#change")
        page.click(f"button[data-choice={choice}]")
        if choice == "block":
            page.fill("#reason", "Ŵ" * 300)
        page.click("#send")
        phone.wait_heading("Your vote is recorded")
    assert set(sizes) == {"agree", "abstain", "disagree", "block"} and len(set(sizes.values())) == 1


def test_a_refresh_keeps_the_choice_in_progress_and_its_reason(store: Store, room: Room, server: PhoneServer,
                                                              phone: PageDriver) -> None:
    page = phone.page
    phone.choose(room.codes[room.voters[1].id or 0], "block")
    page.fill("#reason", "We need the cost first")
    page.reload()
    phone.wait_heading("Send this vote?")
    assert phone.text("#confirm-choice") == "Block" and page.input_value("#reason") == "We need the cost first"


def test_a_lost_connection_error_clears_when_the_room_comes_back(store: Store, room: Room, server: PhoneServer,
                                                                phone: PageDriver) -> None:
    page = phone.page
    phone.choose(room.codes[room.voters[2].id or 0], "agree")
    page.route("**/api/vote", lambda route: route.abort())  # the Wi-Fi drops as Send is pressed
    page.click("#send")
    page.locator("#error", has_text="cannot be reached").wait_for(timeout=3000)
    send = page.evaluate("""() => { const s = getComputedStyle(document.getElementById('send'));
        return [s.color, s.backgroundColor]; }""")
    assert page.evaluate(CONTRAST_JS, send) >= 4.5  # the Send button is never greyed out to a faint 2.8:1
    phone.shot("send-unreachable")
    page.unroute("**/api/vote")
    perform(store, voting.close_vote, room.round_id)
    server.changed()  # the next good exchange, here a pushed view, clears the banner
    phone.wait_heading("Voting closed — results coming", timeout=5000)
    assert not phone.visible("#error")
