"""The charter PDF read back with pypdf: commitments, tallies, signatures, footer fingerprint, fonts, big records."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from tests.core.charter_room import CharterRoom, build_room
from tests.core.fakes import FakeStore
from workshop_app.core.changes import perform, read
from workshop_app import cli
from workshop_app.core import workshops
from workshop_app.core.audit import check_chain
from workshop_app.core.charter import build_charter
from workshop_app.core.errors import WorkshopError
from workshop_app.core.model import (
    Action, Ballot, Choice, OwnerKind, Participant, Proposal, VoteRound, Workshop, utc_now,
)
from workshop_app.core.ports import UnitOfWorkFactory
from workshop_app.export import charter_pdf
from workshop_app.export.charter_pdf import render_charter, write_charter

EXAMPLE = Path(__file__).resolve().parents[2] / "sessions" / "examples" / "northside-leisure.json"


def flat(text: str) -> str:
    """Text with every run of white space turned into one space (lines wrap anywhere)."""
    return " ".join(text.split())


def page_texts(path: Path) -> list[str]:
    return [flat(page.extract_text() or "") for page in PdfReader(path).pages]


def body_text(pages: list[str], running_title: str) -> str:
    """The pages' text without the draft watermark (drawn first) and the running head and footer (drawn last)."""
    cut = [text[:text.rindex(running_title)] if number > 1 else text[:text.rindex("Version 1 · DRAFT")]
           for number, text in enumerate(pages, start=1)]
    return " ".join(text.removeprefix("DRAFT ").strip() for text in cut)


def between(pages: list[str], start: str, end: str) -> str:
    """The text from the page holding `start` to the page holding `end`, cut at both markers."""
    whole = " ".join(pages)
    return whole[whole.index(start):whole.index(end)]


def head_of(store: UnitOfWorkFactory, workshop_id: int) -> str:
    with store() as uow:
        return check_chain(uow.audit_entries(workshop_id)).head


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> tuple[CharterRoom, Path]:
    room = build_room(FakeStore())
    out = tmp_path_factory.mktemp("charter") / "charter.pdf"
    write_charter(room.store, room.workshop_id, out)
    return room, out


def test_every_agreed_commitment_is_in_the_commitments_and_no_refused_one(rendered: tuple[CharterRoom, Path]) -> None:
    room, path = rendered
    content = read(room.store, build_charter, room.workshop_id)
    section = between(page_texts(path), "PART 5", "PART 7")
    for commitment in content.commitments:
        assert flat(commitment.text) in section
    for item in content.not_agreed:
        assert flat(item.text) not in section
    assert "livestream" not in " ".join(page_texts(path))  # an unrevealed vote never appears


def test_tallies_and_rule_are_printed_with_each_commitment(rendered: tuple[CharterRoom, Path]) -> None:
    _, path = rendered
    section = between(page_texts(path), "PART 5", "PART 6")
    assert "Consent: Council 3/3 · Provider 2/2 · VCS 2/3 · Residents 2/3" in section
    assert "Dissent recorded: 1 disagreed (Residents 1)" in section
    assert "Dissent recorded: 1 disagreed (Residents 1); 1 abstained" not in section  # abstaining is not dissent
    assert "1 abstained (VCS 1): they chose neither yes nor no, which is not dissent." in section
    assert "Every party consents" in section and "secret ballot" in section


def test_refused_and_blocked_proposals_are_listed_with_reasons(rendered: tuple[CharterRoom, Path]) -> None:
    _, path = rendered
    section = between(page_texts(path), "PART 11", "PART 12")
    assert "We will add a break clause after year one." in section and "Blocked" in section
    assert "It would stop the provider from investing in the pools." in section
    assert "We will replace the contract with a grant scheme." in section


def test_a_draft_has_no_signature_lines_but_lists_who_will_sign(rendered: tuple[CharterRoom, Path]) -> None:
    _, path = rendered
    whole = " ".join(page_texts(path))
    signatures = whole[whole.index("PART 12"):]
    assert "This is a draft, so it has no signature lines." in signatures
    assert "Signature" not in signatures.replace("Signatures", "") and "Date" not in signatures
    assert "Aled Ŵyn Jones, Head of Leisure, on behalf of Northside Borough Council" in signatures
    assert "on behalf of Friends of Riverside Park" in signatures  # every organisation signs, not one per group
    assert "Rhys Llŷr, Steering group lead, on behalf of the residents who took part" in signatures
    assert "Gwen Pryce" not in signatures and "José Martín" not in signatures  # not chosen to sign


def test_every_page_has_its_number_version_and_the_chain_head(rendered: tuple[CharterRoom, Path]) -> None:
    room, path = rendered
    pages = page_texts(path)
    head = head_of(room.store, room.workshop_id)
    for number, text in enumerate(pages, start=1):
        assert f"Page {number} of {len(pages)}" in text
        assert "Version 1 · DRAFT, not yet agreed" in text
        assert (f"Record fingerprint {head[:16]}; the facilitator can confirm it matches the workshop’s record."
                in text)
    assert head in pages[0].replace(" ", "")  # the whole fingerprint in the document control table (it wraps)


def test_parts_come_in_order_and_are_bookmarked(rendered: tuple[CharterRoom, Path]) -> None:
    _, path = rendered
    whole = " ".join(page_texts(path))
    positions = [whole.index(f"PART {n} ") for n in range(2, 13)]
    assert positions == sorted(positions)
    reader = PdfReader(path)
    pages = page_texts(path)
    outline = [(str(getattr(item, "title", "")), reader.get_destination_page_number(item)) for item in reader.outline]
    assert len(outline) == 12 and outline[0][0].startswith("1. Cover") and outline[-1][0] == "12. Signatures"
    for title, page in outline[1:]:  # each bookmark opens the page where its part starts
        number = title.split(".")[0]
        assert f"PART {number} " in pages[page], (title, page)
    assert [page for _, page in outline] == sorted(page for _, page in outline) and outline[-1][1] > 5


def test_metadata_and_bundled_fonts_only(rendered: tuple[CharterRoom, Path]) -> None:
    _, path = rendered
    reader = PdfReader(path)
    meta = reader.metadata
    assert meta is not None and meta.title == "DRAFT: Northside Leisure partnership charter"
    assert meta.author == "Council, Provider, VCS, Residents"
    assert meta.subject is not None and meta.subject.startswith("Draft partnership charter") and \
        "not yet agreed" in meta.subject and "agreed at" not in meta.subject
    catalog: Any = reader.trailer["/Root"]
    assert catalog["/Lang"] == "en-GB" and bool(catalog["/ViewerPreferences"]["/DisplayDocTitle"])
    xmp = catalog["/Metadata"].get_object().get_data().decode("utf-8")
    assert "<rdf:li>en-GB</rdf:li>" in xmp and "DRAFT: Northside Leisure partnership charter" in xmp
    fonts: set[str] = set()
    for page in reader.pages:
        resources: Any = page["/Resources"]
        for font in resources["/Font"].values():
            fonts.add(str(font.get_object()["/BaseFont"]))
    assert fonts and all(re.search(r"DejaVu", name) for name in fonts), fonts


@pytest.mark.slow
def test_a_huge_record_with_welsh_accents_and_long_text_renders(tmp_path: Path) -> None:
    store = FakeStore()
    wid, long_text, long_name = _huge_workshop(store)
    out = tmp_path / "huge.pdf"
    write_charter(store, wid, out)
    pages = page_texts(out)
    whole = " ".join(pages)
    assert len(pages) > 15
    assert "ŵ" in whole and "ŷ" in whole and "Llŷr Ŵyn-Gruffydd" in whole and "Zoë" in whole
    assert flat(long_text) in body_text(pages, "Partneriaeth Hamdden Ystradgynlais partnership charter")
    assert long_name[:60] in whole
    actions = between(pages, "PART 7", "PART 8")
    assert "Action number 300" in actions and actions.count("How we will know") >= 2  # header repeated


def _huge_workshop(store: FakeStore) -> tuple[int, str, str]:
    """200 participants (one with a 200-character name), 300 actions, and a 3,000-character commitment."""
    created = perform(store, workshops.create_workshop, Workshop(
        title="Gweithdy’r bartneriaeth", partnership="Partneriaeth Hamdden Ystradgynlais", place="Neuadd y Dref",
        date=dt.date(2025, 5, 2), facilitator="Siân Prŷs", plan_key="charter")).value
    wid = created.id or 0
    groups = read(store, workshops.list_groups, wid)
    long_name = "Llŷr Ŵyn-Gruffydd " + "ap Rhydderch " * 14 + "Zoë"
    long_name = long_name[:200]
    sentence = "We will meet in Ystradgynlais and share what we learn with café owners and the Ŵyl committee. "
    long_text = (sentence * 40)[:3000].strip()
    with store() as uow:
        people = [uow.repo(Participant).add(Participant(
            wid, long_name if n == 0 else f"Person {n} Zoë Ŷ", groups[n % 4].id or 0,
            organisation="" if n % 4 == 3 else f"Organisation {n % 7}", role="Lead" if n < 4 else "Member",
            present=True)) for n in range(200)]
        for n in range(300):
            uow.repo(Action).add(Action(wid, "accountable", f"Action number {n + 1}: publish the café report",
                                        OwnerKind.ORGANISATION, f"Organisation {n % 7}", dt.date(2025, 6, 1),
                                        "Report online " * (n % 5 + 1)))
        for text in (long_text, "We will agree the ŷ and ŵ spellings."):
            proposal = uow.repo(Proposal).add(Proposal(wid, "collaborative", text))
            now = utc_now()
            rnd = uow.repo(VoteRound).add(VoteRound(proposal.id or 0, 1, False, closed_at=now, revealed_at=now,
                                                     present_group_ids=tuple(g.id or 0 for g in groups),
                                                     voters=tuple((p.id or 0, p.group_id) for p in people)))
            for person in people:
                uow.repo(Ballot).add(Ballot(rnd.id or 0, person.id or 0, Choice.AGREE))
        uow.commit()
    return wid, long_text, long_name


@pytest.mark.skipif(not EXAMPLE.is_file(), reason="the example workshop record has not been added yet")
def test_the_example_workshop_charter(tmp_path: Path) -> None:
    from workshop_app.export.json_export import import_json

    store = FakeStore()
    wid = import_json(store, EXAMPLE)
    content = read(store, build_charter, wid)
    out = render_charter(content, tmp_path / "example.pdf")
    pages = page_texts(out)
    commitments = between(pages, "PART 5", "PART 7")
    assert content.commitments and all(flat(c.text) in commitments for c in content.commitments)
    assert all(flat(n.text) not in commitments for n in content.not_agreed)
    for c in content.commitments:
        assert c.consent.line in commitments
    head = head_of(store, wid)
    assert all(f"Record fingerprint {head[:16]}" in text for text in pages)
    assert "This is a draft, so it has no signature lines." in pages[-1]


def test_a_missing_folder_is_one_sentence_and_a_failed_render_leaves_no_file(
    tmp_path: Path, rendered: tuple[CharterRoom, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    room, _ = rendered
    with pytest.raises(WorkshopError, match="does not exist"):
        write_charter(room.store, room.workshop_id, tmp_path / "nowhere" / "c.pdf")

    def broken(content: object) -> list[object]:
        raise RuntimeError("layout failed")

    monkeypatch.setattr(charter_pdf, "story", broken)
    with pytest.raises(RuntimeError):
        write_charter(room.store, room.workshop_id, tmp_path / "c.pdf")
    assert list(tmp_path.iterdir()) == []


def test_the_charter_command_writes_the_pdf(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from workshop_app.store.database import open_store

    db = tmp_path / "store.sqlite3"
    store = open_store(db)
    try:
        room = build_room(store)
    finally:
        store.close()
    out = tmp_path / "charter.pdf"
    assert cli.main(["--db", str(db), "charter", str(room.workshop_id), "--out", str(out)]) == cli.EXIT_OK
    assert str(out) in capsys.readouterr().out
    assert "PART 12" in page_texts(out)[-1]
    assert cli.main(["--db", str(db), "charter", "999", "--out", str(out), "--force"]) == cli.EXIT_ERROR
    assert "no workshop with id 999" in capsys.readouterr().err


def test_the_charter_credits_the_report_before_the_signatures(rendered: tuple[CharterRoom, Path]) -> None:
    _room, path = rendered
    pages = page_texts(path)
    credit = between(pages, "Where the principles come from", "PART 12")
    assert "Trinley Walker and Sarah Lawson (2018)" in credit
    assert "New Local Government Network (NLGN), London, October 2018" in credit
    assert "Where the principles come from" not in pages[-1]  # the signatures keep the last page
