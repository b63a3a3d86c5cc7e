"""Charter versions: a draft v1 from the plan, editable wording only on a draft, agreeing freezes, v2 lists changes."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import replace
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.core.charter_room import CharterRoom, build_room, everyone, propose, vote
from tests.core.fakes import FakeStore
from workshop_app.core.changes import perform, read
from workshop_app.core import charter_versions as cv
from workshop_app.core import roster, voting, workshops
from workshop_app.core.audit import check_chain
from workshop_app.core.charter import build_charter
from workshop_app.core.charter_wording import SNAPSHOT_KEY
from workshop_app.core.errors import WorkshopError
from workshop_app.core.model import CharterStatus, CharterVersion, Participant, Workshop
from workshop_app.core.plans import plan_by_key
from workshop_app.export.charter_pdf import render_charter

DAY = dt.date(2025, 3, 12)


@pytest.fixture
def room() -> CharterRoom:
    return build_room(FakeStore())


def kinds(room: CharterRoom) -> list[str]:
    with room.store() as uow:
        return [e.kind for e in uow.audit_entries(room.workshop_id)]


def test_version_one_is_a_draft_from_the_plan_and_is_made_once(room: CharterRoom) -> None:
    first = perform(room.store, cv.current_version, room.workshop_id).value
    again = perform(room.store, cv.current_version, room.workshop_id).value
    assert (first.version, first.status, first.id) == (1, CharterStatus.DRAFT, again.id)
    stored = json.loads(first.sections_json)
    assert stored["escalation"] == list(plan_by_key("charter").charter.escalation)
    assert kinds(room).count("charter_version_started") == 1
    with room.store() as uow:
        assert len(uow.repo(CharterVersion).list(workshop_id=room.workshop_id)) == 1


def test_wording_is_edited_on_a_draft_and_audited(room: CharterRoom) -> None:
    wording = read(room.store, cv.current_wording, room.workshop_id)
    edited = replace(wording, purpose="  We run   the leisure centres together. ",
                     escalation=("Talk it through.", "", "Ask the chairs.", "Call a mediator."),
                     next_review=dt.date(2026, 1, 31))
    perform(room.store, cv.update_sections, room.workshop_id, edited)
    content = read(room.store, build_charter, room.workshop_id)
    assert content.sections.purpose == "We run the leisure centres together."
    assert content.sections.escalation == ("Talk it through.", "Ask the chairs.", "Call a mediator.")
    assert content.next_review == dt.date(2026, 1, 31)
    with room.store() as uow:
        entry = uow.audit_entries(room.workshop_id)[-1]
        assert check_chain(uow.audit_entries(room.workshop_id)).ok
    assert entry.kind == "charter_wording_changed"
    assert "our shared purpose" in entry.text and "the steps when things go wrong" in entry.text
    assert "how residents raise a concern" not in entry.text
    count = len(kinds(room))
    perform(room.store, cv.update_sections, room.workshop_id, read(room.store, cv.current_wording, room.workshop_id))
    assert len(kinds(room)) == count  # saving unchanged wording writes nothing


@pytest.mark.parametrize("change, words", [
    ({"joining_leaving": "   "}, "how partners join or leave"),
    ({"escalation": ("", " ")}, "the steps when things go wrong"),
    ({"working_together": "x" * 3001}, "under 3000"),
    ({"next_review": DAY}, "review date after"),
])
def test_bad_wording_is_refused_with_a_sentence(room: CharterRoom, change: dict[str, object], words: str) -> None:
    wording = replace(read(room.store, cv.current_wording, room.workshop_id), **change)  # type: ignore[arg-type]
    with pytest.raises(WorkshopError, match=words):
        perform(room.store, cv.update_sections, room.workshop_id, wording)


def test_agreeing_freezes_the_version(room: CharterRoom) -> None:
    agreed = perform(room.store, cv.mark_agreed, room.workshop_id, DAY).value
    assert (agreed.version, agreed.status, agreed.agreed_on) == (1, CharterStatus.AGREED, DAY)
    snapshot = json.loads(agreed.sections_json)
    frozen = {item["proposal_id"]: item["text"] for item in snapshot[SNAPSHOT_KEY]}
    content = read(room.store, build_charter, room.workshop_id)
    assert frozen == {c.proposal_id: c.text for c in content.commitments} and len(frozen) == 4
    assert snapshot["purpose"] == content.sections.purpose
    assert (content.version, content.status, content.agreed_on) == (1, CharterStatus.AGREED, DAY)
    assert kinds(room)[-1] == "charter_agreed"
    wording = replace(read(room.store, cv.current_wording, room.workshop_id), joining_leaving="Anyone may join.")
    with pytest.raises(WorkshopError, match="was agreed on 12 March 2025; start version 2"):
        perform(room.store, cv.update_sections, room.workshop_id, wording)
    with pytest.raises(WorkshopError, match="start version 2"):
        perform(room.store, cv.mark_agreed, room.workshop_id, DAY)


def test_agreement_needs_a_day_from_the_workshop_on_and_some_commitments(room: CharterRoom) -> None:
    with pytest.raises(WorkshopError, match="12 March 2025"):
        perform(room.store, cv.mark_agreed, room.workshop_id, DAY - dt.timedelta(days=1))
    empty = perform(room.store, workshops.create_workshop, Workshop("Empty", "Elsewhere", "Hall", DAY, "Fay", "charter")).value
    with pytest.raises(WorkshopError, match="Nothing has been agreed yet"):
        perform(room.store, cv.mark_agreed, empty.id or 0, DAY)
    assert perform(room.store, cv.current_version, room.workshop_id).value.status == CharterStatus.DRAFT


def test_an_amendment_is_version_two_and_lists_what_changed(room: CharterRoom, tmp_path: Path) -> None:
    with pytest.raises(WorkshopError, match="still a draft"):
        perform(room.store, cv.start_amendment, room.workshop_id)
    perform(room.store, cv.mark_agreed, room.workshop_id, DAY)
    second = perform(room.store, cv.start_amendment, room.workshop_id).value
    assert (second.version, second.status) == (2, CharterStatus.DRAFT)
    assert kinds(room)[-1] == "charter_amendment_started"
    assert read(room.store, build_charter, room.workshop_id).changes == "Nothing has changed since version 1."
    pid = propose(room, "new", "creative", "We will try one new idea each quarter.")
    vote(room, pid, everyone(room))
    perform(room.store, voting.amend_proposal, room.proposals["council"], "The council will involve ward members in every "
                          "review and report back to them.", "Priya")
    vote(room, room.proposals["council"], everyone(room))
    perform(room.store, voting.amend_proposal, room.proposals["shared"], "We will keep one risk register.", "Sam")
    wording = read(room.store, cv.current_wording, room.workshop_id)
    perform(room.store, cv.update_sections, room.workshop_id, replace(wording, resident_concerns="Email us."))
    lines = read(room.store, build_charter, room.workshop_id).changes.splitlines()
    assert "Commitment S1 added: “We will try one new idea each quarter.”" in lines
    assert any(line.startswith("Commitment S1 removed: “We will share one risk register") for line in lines)
    assert any(line.startswith("Commitment C1 reworded: now “The council will involve ward members in every review "
                               "and report back") and "(was “The council will involve" in line for line in lines)
    assert "Section reworded: How residents raise a concern." in lines
    assert not any("Provider" in line or "publish its open-book" in line for line in lines)
    agreed = perform(room.store, cv.mark_agreed, room.workshop_id, DAY + dt.timedelta(days=30)).value
    assert agreed.changes.splitlines() == lines
    content = read(room.store, build_charter, room.workshop_id)
    assert (content.version, content.status) == (2, CharterStatus.AGREED)
    out = tmp_path / "v2.pdf"
    render_charter(content, out)
    first_page = " ".join(PdfReader(out).pages[0].extract_text().split())
    assert "What changed since version 1" in first_page and "We will try one new idea each quarter." in first_page


def test_a_change_after_agreement_is_shown_as_the_next_draft(room: CharterRoom) -> None:
    perform(room.store, cv.mark_agreed, room.workshop_id, DAY)
    pid = propose(room, "late", "accountable", "We will publish the minutes within a week.")
    vote(room, pid, everyone(room))
    content = read(room.store, build_charter, room.workshop_id)
    assert (content.version, content.status, content.agreed_on) == (2, CharterStatus.DRAFT, None)
    assert "added: “We will publish the minutes within a week.”" in content.changes


def test_a_review_workshop_continues_the_partnerships_versions(room: CharterRoom) -> None:
    perform(room.store, cv.mark_agreed, room.workshop_id, DAY)
    wording = read(room.store, cv.current_wording, room.workshop_id)
    review = perform(room.store, workshops.create_workshop, Workshop(
        "Annual review", "Northside Leisure", "Town Hall", dt.date(2026, 3, 10), "Fay Morgan", "review")).value
    rid = review.id or 0
    draft = perform(room.store, cv.current_version, rid).value
    assert (draft.version, draft.status) == (2, CharterStatus.DRAFT)
    assert json.loads(draft.sections_json)["escalation"] == list(wording.escalation)
    council = next(g.id for g in read(room.store, workshops.list_groups, rid) if g.name == "Council")
    person = perform(room.store, roster.add_participant, Participant(rid, "Aled Jones", council or 0, present=True)).value
    kept = perform(room.store, voting.create_proposal, rid, "collaborative",
                                  "We will share one risk register and review it together.").value
    rnd = perform(room.store, voting.open_vote, kept.id or 0, secret=False).value
    perform(room.store, voting.cast, rnd.id or 0, person.id or 0, voting.Choice.AGREE)
    perform(room.store, voting.close_vote, rnd.id or 0)
    perform(room.store, voting.reveal_vote, rnd.id or 0)
    content = read(room.store, build_charter, rid)
    assert content.version == 2
    lines = content.changes.splitlines()
    assert not any("share one risk register" in line for line in lines)  # the same text counts as kept
    assert not any("ActiveLife will publish its open-book accounts" in line for line in lines)  # kept, not removed
    kept = next(c for c in content.commitments if c.text.startswith("ActiveLife will publish"))
    assert kept.kept is not None and kept.consent is None
