"""One read per window for each console action, where one suffices: the transactions each action begins are counted
(deleting a workshop, the phone dialog's people, editing and agreeing the charter, moving to a notes stage)."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest
from pytestqt.qtbot import QtBot

from tests.phone.room import make_room
from tests.store.transactions import counted
from tests.ui.windows import open_console
from workshop_app import cli
from workshop_app.core import phone_codes, roster
from workshop_app.core.changes import perform
from workshop_app.store.database import Store
from workshop_app.ui.app import build_main_window
from workshop_app.ui.main_window import MainWindow
from workshop_app.ui.phone.dialog import PhoneVotingDialog
from workshop_app.ui.shared_screen.charter_view import CharterView


@pytest.fixture
def charter_day(qtbot: QtBot, store: Store) -> MainWindow:
    """The console and shared screen on the example workshop, at its charter review stage."""
    workshop_id = cli.demo_workshop(store, cli.demo_file())
    window = build_main_window(store)
    qtbot.addWidget(window)
    window.show()
    window.controller.open_workshop(workshop_id)
    assert window.room.stage().kind == "charter_review" and window.shared_screen is not None
    return window


def test_asking_before_a_delete_is_one_read(qtbot: QtBot, store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    window = open_console(qtbot, store, per_group=2)
    asked: list[str] = []
    monkeypatch.setattr("workshop_app.ui.errors.confirm", lambda _parent, question, _action: asked.append(question))
    with counted(store) as seen:  # was three: the workshop, its people, its votes
        window.delete_workshop(window.controller.workshop_id)
    assert (seen.writes, seen.reads) == (0, 1)
    assert 'Delete the workshop "Charter day" with its 8 participants and 0 votes?' in asked[0]


def test_the_phone_dialogs_people_are_one_read(qtbot: QtBot, store: Store) -> None:
    room = make_room(store, voters=3)
    joined = phone_codes.JoinRequest(room.codes[room.voters[1].id or 0], "", phone_codes.device_hash("a phone"))
    perform(store, phone_codes.bind_devices, room.workshop_id, [joined])
    window = build_main_window(store)
    qtbot.addWidget(window)
    window.controller.open_workshop(room.workshop_id)
    with counted(store) as seen:  # was two: who has a phone bound, then everyone's badge
        dialog = PhoneVotingDialog(window.phone_voting, window)
    qtbot.addWidget(dialog)
    assert (seen.writes, seen.reads) == (0, 1)
    rows = [dialog.people.item(i).text() for i in range(dialog.people.count())]
    phones = [r for r in rows if r.endswith("joined by phone")]
    assert len(rows) == 4 and len(phones) == 1 and phones[0].startswith(room.voters[1].name)


def test_a_charter_edit_reads_the_charter_once_in_each_window(charter_day: MainWindow, store: Store) -> None:
    panel = charter_day.workshop_page.console.stage.charter
    panel.ask_wording = lambda _parent, wording: replace(wording, purpose="We run the centres together.")
    with counted(store) as seen:
        panel.edit_wording()
    # The wording to edit, the write, then the console's charter and the projector's: the workshop is not read again.
    assert (seen.writes, seen.reads) == (1, 3)
    assert charter_day.controller.workshop is not None
    assert charter_day.controller.workshop.purpose == "We run the centres together."  # kept from the write
    assert "We run the centres together." in panel.preview.toPlainText()


def test_agreeing_the_charter_redraws_the_projector_with_one_read_in_each_window(charter_day: MainWindow,
                                                                              store: Store) -> None:
    panel = charter_day.workshop_page.console.stage.charter
    screen = charter_day.shared_screen
    assert screen is not None
    view = screen.current_view()
    assert isinstance(view, CharterView) and "not yet agreed" in view.status.text()
    panel.ask_agreed_on = lambda _parent, _version, _day: dt.date(2025, 3, 14)
    with counted(store) as seen:
        panel.mark_agreed()
    assert (seen.writes, seen.reads) == (1, 2)  # was 1 + 3: the workshop was read again to make the projector redraw
    assert view.status.text() == "Version 1 · Agreed on 14 March 2025"
    assert panel.status.text().startswith("Version 1 · Agreed on 14 March 2025") and panel.amend.isVisibleTo(panel)


def test_moving_to_a_notes_stage_reads_its_notes_once(charter_day: MainWindow, store: Store) -> None:
    room = charter_day.room
    framing = next(i for i, stage in enumerate(room.stages) if stage.kind == "framing")
    with counted(store) as seen:
        room.go_to(framing)
    # The stage's write, then the notes panel's groups and notes in one read (was two reads, twice over).
    assert (seen.writes, seen.reads) == (1, 1)
    notes = charter_day.workshop_page.console.stage.notes
    assert notes.group.count() == 1 + len(charter_day.controller.groups())
    rating = next(i for i, stage in enumerate(room.stages) if stage.kind == "assessment")
    with counted(store) as seen:
        room.go_to(rating)
    assert not [s for s in seen.statements if "FROM note" in s]  # a hidden notes panel reads nothing


def test_the_proposals_list_is_one_read_whatever_how_many_proposals_it_shows(charter_day: MainWindow,
                                                                             store: Store) -> None:
    room = charter_day.room
    panel = charter_day.workshop_page.console.stage.proposals
    shown = []
    for index, stage in enumerate(room.stages):
        if stage.kind == "commitments":
            room.go_to(index)
            with counted(store) as seen:  # was groups, proposals, ideas, then rounds and outcome per proposal, vote
                panel.refresh()
            # The list (proposals, rounds, outcomes, groups, ideas) in one read; the vote panel's own is the other.
            assert (seen.writes, seen.reads) == (0, 2), seen.statements
            shown.append([panel.list.item(i).text() for i in range(panel.list.count())])
    assert sum(len(texts) for texts in shown) >= 3 and any("agreed" in t for texts in shown for t in texts)


def test_a_note_added_at_an_ideas_stage_reads_no_proposals(charter_day: MainWindow, store: Store) -> None:
    room = charter_day.room
    room.go_to(next(i for i, stage in enumerate(room.stages) if stage.kind == "ideas"))
    with counted(store) as seen:
        assert room.add_note("Ask the residents' panel first.", None)
    # The console's notes panel reads once; the proposals panel, hidden at this stage, reads nothing.
    assert not [s for s in seen.statements if "FROM proposal" in s or "FROM vote_round" in s], seen.statements
    notes = charter_day.workshop_page.console.stage.notes
    assert notes.list.item(notes.list.count() - 1).text() == "Ask the residents' panel first."


def test_turning_the_charters_pages_reads_nothing_until_something_changes(charter_day: MainWindow,
                                                                           store: Store) -> None:
    room, screen = charter_day.room, charter_day.shared_screen
    assert screen is not None
    view = screen.current_view()
    assert isinstance(view, CharterView)
    shown = [view.part.text()]
    with counted(store) as seen:  # each turn read the whole charter again
        for _turn in range(2):
            assert room.page_charter(1)
            shown.append(view.part.text())
    assert (seen.writes, seen.reads) == (0, 0) and len(set(shown)) == 3
    person = charter_day.controller.participants()[0]
    assert charter_day.controller.perform(roster.update_participant, replace(person, name="Rhiannon ap Gwyn")).ok
    with counted(store) as seen:  # a change the charter may show: the next turn reads it again, once
        assert room.page_charter(-1)
    assert seen.reads == 1 and view.part.text() == shown[1]


def test_removing_a_note_writes_before_it_reads(charter_day: MainWindow, store: Store) -> None:
    room = charter_day.room
    room.go_to(next(i for i, stage in enumerate(room.stages) if stage.kind == "ideas"))
    assert room.add_note("Meet in the library.", None)
    notes = charter_day.workshop_page.console.stage.notes
    notes.list.setCurrentRow(notes.list.count() - 1)
    with counted(store) as seen:  # the stage's notes were read first, to find the one to remove
        notes.remove.click()
    deleted = next(i for i, s in enumerate(seen.statements) if s.startswith("DELETE FROM note"))
    listed = [s for s in seen.statements[:deleted] if "FROM note" in s and "note.stage_index = " in s]
    assert listed == []  # the write looks the note up by its id; nothing lists the stage's notes first
    assert seen.writes == 1 and "Meet in the library." not in [n.text for n in room.stage_notes()]


@pytest.fixture
def voting_day(charter_day: MainWindow, monkeypatch: pytest.MonkeyPatch) -> MainWindow:
    """The example workshop at a commitments stage, a new draft chosen in the console's list."""
    room = charter_day.room
    room.go_to(next(i for i, stage in enumerate(room.stages) if stage.kind == "commitments"))
    principle = room.stage().principle
    assert principle and room.votes.create_proposal(principle, "Share the minibus on Fridays.")
    panel = charter_day.workshop_page.console.stage.proposals
    texts = [panel.list.item(i).text() for i in range(panel.list.count())]
    panel.list.setCurrentRow(next(i for i, t in enumerate(texts) if t.startswith("Share the minibus")))
    monkeypatch.setattr("workshop_app.ui.errors.confirm", lambda *_args: True)
    return charter_day


def _vote_step(window: MainWindow, store: Store, step: str) -> int:
    """Open the chosen draft's vote, then close and reveal it up to `step`; return the reads of that step alone."""
    panel = window.workshop_page.console.stage.proposals
    clicks = {"open": panel.buttons["named"], "close": panel.vote_panel.buttons["close"],
              "reveal": panel.vote_panel.buttons["reveal"]}
    for name, button in clicks.items():
        with counted(store) as seen:
            button.click()
        assert seen.writes == 1
        if name == step:
            return seen.reads
    raise AssertionError(step)


# The console's vote panel refreshed twice: the proposals list refreshes it (the step changes the proposal too), and it
# also followed the vote's own signal. Reads before: open 16, close 16, reveal 18 (both windows, the checks included).
@pytest.mark.parametrize(("step", "most"), [("open", 12), ("close", 10), ("reveal", 11)])
def test_each_vote_step_refreshes_the_vote_panel_once(voting_day: MainWindow, store: Store, step: str,
                                                      most: int) -> None:
    assert _vote_step(voting_day, store, step) <= most
    vote = voting_day.workshop_page.console.stage.proposals.vote_panel
    assert vote.isVisibleTo(vote.parentWidget()) and vote.round is not None
    shown = {"open": vote.round.closed_at is None, "close": vote.buttons["reveal"].isEnabled(),
             "reveal": vote.round.is_revealed and "\nAgree " in vote.outcome.text()}
    assert shown[step] and ("hidden" in vote.outcome.text()) == (step != "reveal")
