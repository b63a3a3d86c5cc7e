"""Codes (random, constant-time match, reissue) and the badge sheet PDF read back with pypdf."""

from __future__ import annotations

from pathlib import Path

import segno
from pypdf import PdfReader

from tests.phone.room import Room
from workshop_app.core.changes import perform, read
from workshop_app.core import phone_codes
from workshop_app.core.interchange import dumps, to_document
from workshop_app.core.phone_codes import ALPHABET, CODE_BITS
from workshop_app.core.workshop_record import read_record
from workshop_app.export.badges_pdf import join_link, write_badges
from workshop_app.store.database import Store


def test_codes_are_random_long_enough_and_forgiving_to_type() -> None:
    codes = {phone_codes.new_code() for _ in range(2000)}
    assert len(codes) == 2000 and CODE_BITS >= 64 and len(ALPHABET) == 32
    code = next(iter(codes))
    typed = phone_codes.format_code(code).lower().replace("0", "o")
    assert phone_codes.normalise(typed) == code


def test_match_checks_every_code_and_ignores_revoked_ones(store: Store, room: Room) -> None:
    codes = read(store, phone_codes.badges, room.workshop_id)  # the codes the badge sheet prints
    first, texts = codes[0], [c.code for c in codes]
    assert phone_codes.match_text(texts, phone_codes.format_code(first.code)) == first.code
    assert phone_codes.match_text(texts, first.code[:-1]) is None
    assert phone_codes.match_text(texts, "é" * 15) is None
    perform(store, phone_codes.reissue_code, first.participant_id)
    assert phone_codes.match_text([c.code for c in read(store, phone_codes.badges, room.workshop_id)], first.code) is None


def test_codes_never_reach_the_audit_log_or_an_export(store: Store, room: Room) -> None:
    perform(store, phone_codes.reissue_code, room.voters[0].id or 0)
    everything = {c.code for c in read(store, phone_codes.badges, room.workshop_id)} | set(room.codes.values())
    with store() as uow:
        log = " ".join(entry.text for entry in uow.audit_entries(room.workshop_id))
    exported = dumps(to_document(read(store, read_record, room.workshop_id)))
    assert "phone code" in log.lower()
    assert not any(code in log or code in exported for code in everything)


def test_the_badge_sheet_has_every_participant_code_and_qr(store: Store, room: Room, tmp_path: Path) -> None:
    badges = read(store, phone_codes.badges, room.workshop_id)
    assert len(badges) == len(room.voters) + 1
    out = write_badges(tmp_path / "badges.pdf", badges, "http://192.168.1.20:8765/", "Phone vote <b>test</b>")
    reader = PdfReader(out)
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert len(reader.pages) == 1
    for badge in badges:
        assert badge.name in text
        assert (phone_codes.format_code(badge.code) in text) == badge.is_voting
    assert "Observer: observers do not vote." in text and "Phone vote <b>test</b>" in text
    fonts = {str(f["/BaseFont"]) for page in reader.pages for f in page["/Resources"]["/Font"].values()}
    assert all("DejaVu" in name for name in fonts)


def test_a_badge_qr_opens_the_join_page_with_the_code() -> None:
    link = join_link("http://10.0.0.5:8765/", "ABCDE12345FGHJK")
    assert link == "http://10.0.0.5:8765/#c=ABCDE12345FGHJK"
    assert segno.make(link, error="m").version <= 5  # small enough to scan from a badge


def test_the_code_and_qr_are_only_on_the_private_slip_below_the_tear_line(store: Store, room: Room,
                                                                         tmp_path: Path) -> None:
    badges = [b for b in read(store, phone_codes.badges, room.workshop_id) if b.is_voting][:2]
    out = write_badges(tmp_path / "badges.pdf", badges, "http://192.168.1.20:8765/", "Phone vote")
    placed: list[tuple[str, float]] = []
    PdfReader(out).pages[0].extract_text(visitor_text=lambda text, cm, tm, *_: placed.append((text, cm[5] + tm[5] * cm[3])))
    tear = [y for text, y in placed if text.startswith("Tear off along this line")]
    assert len(tear) == 2 and len([t for t, _y in placed if t.startswith("Keep this private")]) == 2
    for badge in badges:
        code_y = [y for text, y in placed if phone_codes.format_code(badge.code) in text]
        name_y = [y for text, y in placed if text.strip() == badge.name]
        assert code_y and name_y and max(code_y) < tear[0] < min(name_y)  # worn part above, code on the slip
