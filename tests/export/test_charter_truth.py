"""The charter says only what is true: the rule's words, abstentions, the period, drafts and agreed charters, signatures."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from tests.core.charter_room import CharterRoom, build_room
from tests.core.fakes import FakeStore
from tests.export.test_charter_pdf import between, flat, page_texts, rendered  # noqa: F401  (a fixture)
from workshop_app.core.changes import perform, read
from workshop_app.core import charter_versions
from workshop_app.core.charter import build_charter
from workshop_app.core.model import DecisionRule
from workshop_app.export import charter_words
from workshop_app.export.charter_pdf import render_charter, write_charter


@pytest.fixture(scope="module")
def agreed(tmp_path_factory: pytest.TempPathFactory) -> tuple[CharterRoom, Path]:
    room = build_room(FakeStore())
    perform(room.store, charter_versions.mark_agreed, room.workshop_id, dt.date(2025, 3, 20))
    out = tmp_path_factory.mktemp("agreed") / "charter.pdf"
    write_charter(room.store, room.workshop_id, out)
    return room, out


@pytest.fixture(scope="module")
def draft(rendered: tuple[CharterRoom, Path]) -> tuple[CharterRoom, Path]:
    """The room's draft charter, as test_charter_pdf renders it."""
    return rendered


def test_an_equal_say_is_claimed_only_under_the_group_consent_rule(draft: tuple[CharterRoom, Path]) -> None:
    room, path = draft
    assert "Each party had an equal say" in " ".join(page_texts(path))
    content = read(room.store, build_charter, room.workshop_id)
    for rule in (DecisionRule.MAJORITY, DecisionRule.TWO_THIRDS, DecisionRule.CONSENSUS):
        other = dataclasses.replace(content, workshop=dataclasses.replace(content.workshop, decision_rule=rule))
        said = charter_words.summary_text(other)
        assert "equal say" not in said and "larger parties had more votes" in said


def test_no_claim_about_the_order_of_the_conversation(draft: tuple[CharterRoom, Path]) -> None:
    whole = " ".join(page_texts(draft[1]))
    assert "went first" not in whole
    assert "The parties saw things most differently on" in whole


def test_the_period_never_ends_before_its_scope_and_a_draft_does_not_apply_yet(
        draft: tuple[CharterRoom, Path], agreed: tuple[CharterRoom, Path]) -> None:
    draft_part = between(page_texts(draft[1]), "PART 4", "PART 5")
    assert "until" not in draft_part
    assert "It will apply from the day the partners agree it. The partners will review it by 12 March 2026" in \
        draft_part
    agreed_part = between(page_texts(agreed[1]), "PART 4", "PART 5")
    assert "It applies from 20 March 2025." in agreed_part


def test_who_took_part_and_who_could_vote_are_told_apart(draft: tuple[CharterRoom, Path]) -> None:
    part = between(page_texts(draft[1]), "PART 11", "PART 12")
    assert "Voting members" not in part
    assert "Party Took part Of them, could vote Organisations" in part
    assert "Council 3 3 Northside Borough Council" in part


def test_a_draft_says_draft_on_every_page_and_in_its_metadata(draft: tuple[CharterRoom, Path]) -> None:
    _, path = draft
    for text in page_texts(path):
        assert text.startswith("DRAFT ") and "DRAFT, not yet agreed" in text
    meta = PdfReader(path).metadata
    assert meta is not None and "DRAFT" in str(meta.title) and "not yet agreed" in str(meta.subject)


def test_an_agreed_charter_has_no_draft_mark_and_a_block_for_every_signatory(agreed: tuple[CharterRoom, Path]) -> None:
    room, path = agreed
    pages = page_texts(path)
    whole = " ".join(pages)
    assert "DRAFT" not in whole and "draft" not in whole.replace("drafted", "")
    meta = PdfReader(path).metadata
    assert meta is not None and meta.title == "Northside Leisure partnership charter"
    assert "agreed on 20 March 2025" in str(meta.subject)
    signatures = whole[whole.index("PART 12"):]
    organisations = ["Northside Borough Council", "ActiveLife Leisure Ltd", "Northside Voluntary Action",
                     "Friends of Riverside Park"]
    residents = ["Rhys Llŷr"]  # the residents' representative the facilitator chose
    assert signatures.count("Signed on behalf of") == len(organisations) + len(residents) + 2
    for organisation in organisations:
        assert f"Signed on behalf of {organisation}" in signatures
    assert "Name Mo Ahmed Role Coordinator Signed on behalf of Friends of Riverside Park" in signatures
    for resident in residents:
        assert f"Name {resident}" in signatures
    assert "José Martín" not in signatures and "Anna Kowalska" not in signatures  # not chosen, not named
    assert signatures.count("Signed on behalf of the residents who took part") == len(residents)
    assert "For Residents" not in signatures
    assert "Name Fay Morgan Role Facilitator" in signatures and "Role Witness" in signatures
    assert signatures.count("Signature") == len(organisations) + len(residents) + 2 + 1  # and the heading


def test_the_footer_tells_the_public_how_to_check_it(agreed: tuple[CharterRoom, Path]) -> None:
    for text in page_texts(agreed[1]):
        assert "the facilitator can confirm it matches the workshop’s record." in text
        assert "workshop-app verify" not in text


def test_the_cover_names_every_organisation_whole_with_a_document_id_and_history(
        draft: tuple[CharterRoom, Path]) -> None:
    first_pages = " ".join(page_texts(draft[1])[:2])
    cover = first_pages[:first_pages.index("Document control")]
    for organisation in ("Northside Voluntary Action", "Friends of Riverside Park", "ActiveLife Leisure Ltd"):
        assert organisation in cover
    assert "…" not in cover
    assert "Made at a workshop at Northside Town Hall, Council Chamber on 12 March 2025" in cover
    assert "Document ID NL-CHARTER-20250312-V1" in first_pages
    assert "Version history Version Status Date What changed 1 Draft 12 March 2025 First version" in first_pages


def test_part_six_points_to_part_five_instead_of_repeating_it(draft: tuple[CharterRoom, Path]) -> None:
    room, path = draft
    part = between(page_texts(path), "PART 6", "PART 7")
    content = read(room.store, build_charter, room.workshop_id)
    assert content.party_commitments
    for commitment in content.party_commitments:
        assert flat(commitment.text) not in part and commitment.code in part
    assert "Council C1 (Place-based)" in part and "Provider P1 (Accountable)" in part


def test_every_paragraph_is_at_least_10_pt_and_body_text_11_pt(draft: tuple[CharterRoom, Path]) -> None:
    from reportlab.platypus import Paragraph

    from workshop_app.export.charter_pdf import story
    from workshop_app.export.pdf_styles import styles

    room, _ = draft
    sizes: list[tuple[float, str]] = []

    def walk(item: Any) -> None:
        if isinstance(item, Paragraph):
            sizes.append((item.style.fontSize, item.style.name))
            assert "size=" not in item.text  # no smaller inline text
        for child in getattr(item, "_content", []) or []:
            walk(child)
        for row in getattr(item, "_cellvalues", []) or []:
            for cell in row:
                for flowable in cell if isinstance(cell, list) else [cell]:
                    walk(flowable)

    for flowable in story(read(room.store, build_charter, room.workshop_id)):
        walk(flowable)
    assert sizes and min(size for size, _ in sizes) >= 10
    assert styles()["body"].fontSize >= 11 and styles()["bullet"].fontSize >= 11
    assert all(size >= 11 for size, name in sizes if name in {"body", "lead", "bullet", "commitment"})


def test_names_in_welsh_polish_turkish_arabic_and_cjk_print_whole(tmp_path: Path) -> None:
    from tests.properties.test_charter_rooms import build, printed, words_of

    names = ["Gwasanaethau Ynys Môn ŵŷ", "Łódzkie Stowarzyszenie", "Güneşli Çocuk Vakfı", "جمعية الخدمات",
             "Zoë Ng 吴", "北区社区服务中心", "한국 공동체", "みんなの会"]
    store, wid = build(4, [names[:2], names[2:4], names[4:6], names[6:]])
    out = tmp_path / "scripts.pdf"
    write_charter(store, wid, out)
    text = printed(out)
    for name in names:
        assert words_of(name) <= text, name
    fonts = {str(font.get_object()["/BaseFont"]) for page in PdfReader(out).pages
             for font in page["/Resources"]["/Font"].values()}
    assert any("DroidSansFallback" in font for font in fonts), fonts


@pytest.mark.slow
def test_a_principle_heading_stays_with_its_first_commitment_and_consent_entries_stay_whole(
        draft: tuple[CharterRoom, Path], tmp_path: Path) -> None:
    room, _ = draft
    content = read(room.store, build_charter, room.workshop_id)
    shared = content.commitments[0]
    long_groups = tuple(dataclasses.replace(g, group=f"Northside Health and Care Board {n}")
                        for n, g in enumerate(shared.consent.groups))
    consent = dataclasses.replace(shared.consent, groups=long_groups)
    for filler in range(1, 9):  # push the second principle's heading down the page, a step at a time
        first = tuple(dataclasses.replace(shared, text=f"We will keep promise {n} to everyone in the borough.",
                                          code=f"S{n}", consent=consent) for n in range(filler))
        second = (dataclasses.replace(shared, text="We will try new ideas together.", code="S99", consent=consent),)
        sections = (dataclasses.replace(content.principles[0], commitments=first),
                    dataclasses.replace(content.principles[1], commitments=second), *content.principles[2:])
        out = render_charter(dataclasses.replace(content, principles=sections), tmp_path / f"c{filler}.pdf")
        raw = [page.extract_text() or "" for page in PdfReader(out).pages]
        heading = next(i for i, text in enumerate(raw) if f"2. {sections[1].name}" in text)
        assert "We will try new ideas together." in flat(raw[heading]), filler
        for text in raw:
            for line in text.splitlines():
                line = line.replace("\xa0", " ")
                for n in range(len(long_groups)):
                    if f"Board {n}" in line:
                        assert f"Northside Health and Care Board {n} " in line, line


def test_people_without_an_organisation_speak_for_their_group_unless_they_are_residents() -> None:
    from tests.properties.test_charter_rooms import build

    store, wid = build(4, [[], [], [], []])
    content = read(store, build_charter, wid)
    signing = {s.party: s.on_behalf_of for s in charter_words.signatories(content)}
    assert signing == {"Council": "Council", "Provider": "Provider", "VCS": "VCS",
                       "Residents": "the residents who took part"}
    capacities = {p.name: {r.capacity for r in p.representatives} for p in content.parties}
    assert capacities["Council"] == {"For Council"} and capacities["Residents"] == {"For themselves, as a resident"}
    rows = {row[0]: row[1:] for row in charter_words.participation_rows(content.parties)}
    assert rows["Council"][-1] == "No organisation recorded" and rows["Residents"][-1] == \
        "Residents speaking for themselves"
