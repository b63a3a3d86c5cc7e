"""Reviews carry forward (issue 17 point 8): a review's charter v2 starts from v1's agreed commitments, kept until the
room changes or drops them. A real two-workshop review: the bundled example imported, agreed, then reviewed."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.core.fakes import FakeStore
from tests.core.interchange_fixtures import example_document
from workshop_app.core.changes import perform, read
from workshop_app.core import charter_carry, charter_versions, roster, voting, workshops
from workshop_app.core.charter import build_charter
from workshop_app.core.charter_document import CharterDocument, Commitment
from workshop_app.core.errors import WorkshopError
from workshop_app.core.interchange_import import from_document
from workshop_app.core.model import CharterStatus, Choice, Participant, Workshop
from workshop_app.core.workshop_record import save_record
from workshop_app.export.charter_formats import renderer

AGREED_ON = dt.date(2025, 3, 14)
REVIEW_DAY = dt.date(2026, 3, 12)
NEW_TEXT = "We will hold one open partnership meeting each year in the leisure centre's café."


class Review:
    """The imported first workshop (v1 agreed) and its review workshop, with one voter per group."""

    def __init__(self) -> None:
        self.store = FakeStore()
        self.first = perform(self.store, save_record, from_document(example_document())).value
        perform(self.store, charter_versions.mark_agreed, self.first, AGREED_ON)
        self.v1 = read(self.store, build_charter, self.first)
        review = perform(self.store, workshops.create_workshop, Workshop(
            "Annual review", self.v1.workshop.partnership, "Northside Community Centre", REVIEW_DAY,
            "Rhiannon Jenkins", "review")).value
        self.id = review.id or 0
        self.voters = [perform(self.store, roster.add_participant, Participant(self.id, f"Voter {g.name}", g.id or 0,
                                                                      present=True)).value.id or 0
                       for g in read(self.store, workshops.list_groups, self.id)]

    def agree(self, principle: str, text: str) -> int:
        """Draft a proposal here and agree it with everyone's vote."""
        proposal = perform(self.store, voting.create_proposal, self.id, principle, text).value
        rnd = perform(self.store, voting.open_vote, proposal.id or 0, secret=False).value
        for person in self.voters:
            perform(self.store, voting.cast, rnd.id or 0, person, Choice.AGREE)
        perform(self.store, voting.close_vote, rnd.id or 0)
        perform(self.store, voting.reveal_vote, rnd.id or 0)
        return proposal.id or 0

    def charter(self) -> CharterDocument:
        return read(self.store, build_charter, self.id)


@pytest.fixture
def review() -> Review:
    return Review()


def by_code(content: CharterDocument) -> dict[str, Commitment]:
    return {c.code: c for c in content.commitments}


def test_version_two_starts_with_every_agreed_commitment_kept(review: Review) -> None:
    first = by_code(review.v1)
    assert len(first) >= 3
    content = review.charter()
    assert (content.version, content.status) == (2, CharterStatus.DRAFT)
    now = by_code(content)
    assert set(now) == set(first)
    for code, commitment in now.items():
        assert commitment.text == first[code].text and commitment.principle == first[code].principle
        assert commitment.consent is None and commitment.kept is not None
        assert (commitment.kept.version, commitment.kept.agreed_on) == (1, AGREED_ON)
    lines = content.changes.splitlines()
    assert lines[0] == f"Started from version 1's {len(first)} commitments: {len(first)} kept."
    assert not any("removed" in line or "dropped" in line for line in lines)
    assert not any(line.startswith("Section reworded") for line in lines)  # the agreed purpose and scope carry on
    assert (content.sections.purpose, content.sections.scope) == (review.v1.sections.purpose, review.v1.sections.scope)
    perform(review.store, charter_versions.current_version, review.id)  # the draft, once started, keeps them too
    assert review.charter().sections == content.sections
    assert content.history[-1].note == lines[0]
    assert content.carried is not None and content.carried.count("kept") == len(first)


def test_the_room_rewords_drops_and_adds_and_codes_stay_unique(review: Review) -> None:
    first = list(review.v1.commitments)
    reworded, dropped, again = first[0], first[1], first[2]
    review.agree(reworded.principle, reworded.text.rstrip(".") + ", and publish the notes.")
    review.agree(again.principle, again.text)
    review.agree("creative", NEW_TEXT)
    perform(review.store, charter_carry.drop_kept, review.id, dropped.code)
    content = review.charter()
    now = by_code(content)
    assert now[reworded.code].text.endswith("and publish the notes.") and now[reworded.code].consent is not None
    assert now[again.code].consent is not None and now[again.code].kept is None
    assert dropped.code not in now
    new = next(c for c in content.commitments if c.text == NEW_TEXT)
    assert new.code not in {c.code for c in first}
    assert len(now) == len(content.commitments)
    kept = [c for c in content.commitments if c.kept is not None]
    assert {c.code for c in kept} == {c.code for c in first} - {reworded.code, dropped.code, again.code}
    lines = content.changes.splitlines()
    assert lines[0] == (f"Started from version 1's {len(first)} commitments: {len(first) - 3} kept, 1 agreed again, "
                        "1 reworded, 1 dropped; 1 new.")
    assert f"Commitment {dropped.code} dropped: “{dropped.text}”" in lines
    assert any(line.startswith(f"Commitment {reworded.code} reworded: now") for line in lines)
    assert f"Commitment {new.code} added: “{NEW_TEXT}”" in lines


def test_a_proposal_that_is_not_agreed_leaves_the_commitment_kept(review: Review) -> None:
    target = review.v1.commitments[0]
    proposal = perform(review.store, voting.create_proposal, review.id, target.principle, target.text + " Twice a year.").value
    rnd = perform(review.store, voting.open_vote, proposal.id or 0, secret=False).value
    for person in review.voters:
        perform(review.store, voting.cast, rnd.id or 0, person, Choice.DISAGREE)
    perform(review.store, voting.close_vote, rnd.id or 0)
    perform(review.store, voting.reveal_vote, rnd.id or 0)
    assert by_code(review.charter())[target.code].kept is not None


def test_a_drop_is_undone_audited_and_refused_once_agreed(review: Review) -> None:
    code = review.v1.commitments[0].code
    perform(review.store, charter_carry.drop_kept, review.id, code)
    assert code not in by_code(review.charter())
    with pytest.raises(WorkshopError, match="dropped now"):
        perform(review.store, charter_carry.drop_kept, review.id, code)
    perform(review.store, charter_carry.keep_again, review.id, code)
    assert by_code(review.charter())[code].kept is not None
    with review.store() as uow:
        kinds = [e.kind for e in uow.audit_entries(review.id)]
    assert kinds[-2:] == ["charter_commitment_dropped", "charter_commitment_kept"]
    perform(review.store, charter_carry.drop_kept, review.id, code)
    perform(review.store, charter_versions.mark_agreed, review.id, REVIEW_DAY)
    with pytest.raises(WorkshopError, match="agreed"):
        perform(review.store, charter_carry.keep_again, review.id, code)


def test_agreeing_version_two_keeps_the_kept_and_version_three_carries_the_drops(review: Review) -> None:
    dropped = review.v1.commitments[1].code
    perform(review.store, charter_carry.drop_kept, review.id, dropped)
    review.agree("creative", NEW_TEXT)
    perform(review.store, charter_versions.mark_agreed, review.id, REVIEW_DAY)
    agreed = review.charter()
    assert (agreed.version, agreed.status) == (2, CharterStatus.AGREED)  # the kept ones are in its snapshot
    assert agreed.history[-1].note.startswith("Started from version 1's")
    perform(review.store, charter_versions.start_amendment, review.id)
    third = review.charter()
    assert third.version == 3 and dropped not in by_code(third)
    assert by_code(third).keys() == by_code(agreed).keys()
    assert third.changes == "Nothing has changed since version 2."


def test_a_workshop_with_no_agreed_charter_before_it_carries_nothing() -> None:
    store = FakeStore()
    first = perform(store, save_record, from_document(example_document())).value  # version 1 is only a draft
    later = perform(store, workshops.create_workshop, Workshop("Review", read(store, build_charter, first).workshop.partnership,
                                                      "Hall", REVIEW_DAY, "Fay", "review")).value
    content = read(store, build_charter, later.id or 0)
    assert content.carried is None and content.commitments == ()


@pytest.mark.parametrize("fmt", ["pdf", "html", "docx"])
def test_every_format_marks_kept_commitments_and_the_history(review: Review, tmp_path: Path, fmt: str) -> None:
    perform(review.store, charter_carry.drop_kept, review.id, review.v1.commitments[1].code)
    content = review.charter()
    out = renderer(fmt)(content, tmp_path / f"charter.{fmt}")
    text = " ".join(_text_of(Path(out), fmt).split())
    assert "Kept from version 1, agreed on 14 March 2025" in text
    assert "not voted on again at this workshop" in text
    assert content.history[-1].note in text
    assert f"Commitment {review.v1.commitments[1].code} dropped" in text


def _text_of(path: Path, fmt: str) -> str:
    if fmt == "pdf":
        return " ".join(page.extract_text() or "" for page in PdfReader(path).pages)
    if fmt == "docx":
        from docx import Document

        document = Document(str(path))
        cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
        return " ".join([p.text for p in document.paragraphs] + cells)
    from html.parser import HTMLParser

    parts: list[str] = []
    parser = HTMLParser()
    parser.handle_data = parts.append  # type: ignore[method-assign]
    parser.feed(path.read_text(encoding="utf-8"))
    return " ".join(parts)


def test_the_snapshot_keeps_each_commitments_party(review: Review) -> None:
    with review.store() as uow:
        version = max(uow.repo(charter_versions.CharterVersion).list(workshop_id=review.first),
                      key=lambda v: v.version)
    stored = json.loads(version.sections_json)["agreed_commitments"]
    assert {e["code"]: e["party"] for e in stored} == {c.code: c.party for c in review.v1.commitments}
    assert by_code(review.charter()).keys() == {e["code"] for e in stored}
    parties = {c.code: c.party for c in review.charter().commitments}
    assert parties == {c.code: c.party for c in review.v1.commitments}


def test_a_deleted_workshops_charter_is_not_carried(review: Review) -> None:
    from workshop_app.core import workshop_life

    perform(review.store, workshop_life.delete, review.first)
    content = review.charter()
    assert content.carried is None and content.commitments == () and content.version == 1
