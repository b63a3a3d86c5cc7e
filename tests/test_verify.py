"""`workshop-app verify ID`: a whole record and its fingerprint (as the charter prints it), what was altered, no such id."""

from __future__ import annotations

import datetime as dt
import re
import sqlite3
from pathlib import Path

import pytest
from pypdf import PdfReader

from workshop_app.core.changes import perform, read
from workshop_app import cli
from workshop_app.core import roster, voting, workshops
from workshop_app.core.audit import iso_utc
from workshop_app.core.model import AuditEntry, Choice, Participant, Workshop
from workshop_app.store.database import open_store


def make_store(db: Path) -> tuple[int, list[AuditEntry]]:
    """Create a workshop with people, a proposal and a revealed vote; return its id and its audit entries."""
    store = open_store(db)
    try:
        workshop = perform(store, workshops.create_workshop, Workshop(
            "Charter workshop 2026", "Northside Leisure Partnership", "Northside", dt.date(2026, 3, 4),
            "Sam Rivers", "charter")).value
        wid = workshop.id or 0
        groups = read(store, workshops.list_groups, wid)
        people = [perform(store, roster.add_participant, Participant(wid, f"Person {n}", g.id or 0, present=True)).value
                  for n, g in enumerate(groups)]
        proposal = perform(store, voting.create_proposal, wid, "collaborative", "We will meet every month.").value
        vote = perform(store, voting.open_vote, proposal.id or 0, secret=False).value
        for person in people:
            perform(store, voting.cast, vote.id or 0, person.id or 0, Choice.AGREE)
        perform(store, voting.close_vote, vote.id or 0)
        perform(store, voting.reveal_vote, vote.id or 0)
        with store() as uow:
            return wid, uow.audit_entries(wid)
    finally:
        store.close()


def verify(db: Path, wid: int, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = cli.main(["verify", str(wid), "--db", str(db)])
    out, err = capsys.readouterr()
    return code, out, err


def test_an_untouched_record_is_whole_and_its_fingerprint_is_the_charters(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "store.sqlite3"
    wid, entries = make_store(db)
    code, out, err = verify(db, wid, capsys)
    assert code == 0 and err == ""
    assert out == (f"Workshop {wid}: the record is whole ({len(entries)} entries; "
                   f"fingerprint {entries[-1].hash[:16]})\n")
    pdf = tmp_path / "charter.pdf"
    assert cli.main(["charter", str(wid), "--out", str(pdf), "--db", str(db)]) == 0
    capsys.readouterr()
    footer = re.findall(r"Record fingerprint ([0-9a-f]{16})", PdfReader(pdf).pages[-1].extract_text())
    printed = re.search(r"fingerprint ([0-9a-f]{16})\)", out)
    assert printed is not None and footer == [printed.group(1)]


def test_an_entry_altered_in_sqlite_is_named_and_exits_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "store.sqlite3"
    wid, entries = make_store(db)
    target = next(e for e in entries if e.kind == "ballot_cast")
    connection = sqlite3.connect(db)
    with pytest.raises(sqlite3.DatabaseError):
        connection.execute("UPDATE audit_entry SET text = 'x' WHERE id = ?", (target.id,))
    connection.execute("DROP TRIGGER audit_entry_no_update")
    connection.execute("UPDATE audit_entry SET text = ? WHERE id = ?",
                       (target.text.replace("voted", "did not vote"), target.id))
    connection.commit()
    connection.close()
    code, out, _err = verify(db, wid, capsys)
    assert code == 1
    assert out == (f"Workshop {wid}: the record is NOT whole. The first broken entry is {target.id} "
                   f"({iso_utc(target.at)}, ballot_cast): it has been altered since it was written. "
                   "(and 1 more problem, below)\n"
                   "  The audit log's guards were removed (audit_entry_no_update), so its entries could have been "
                   "changed or deleted.\n")


def test_a_removed_link_names_the_entry_after_it(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "store.sqlite3"
    wid, entries = make_store(db)
    connection = sqlite3.connect(db)
    connection.execute("DROP TRIGGER audit_entry_no_delete")
    connection.execute("DELETE FROM audit_entry WHERE id = ?", (entries[2].id,))
    connection.commit()
    connection.close()
    code, out, _err = verify(db, wid, capsys)
    assert code == 1
    assert f"The first broken entry is {entries[3].id} " in out and "does not link to the entry before it" in out


def test_an_unknown_workshop_is_one_sentence_and_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "store.sqlite3"
    wid, _ = make_store(db)
    code, out, err = verify(db, wid + 41, capsys)
    assert code == 2 and out == ""
    assert err == f"There is no workshop with id {wid + 41}; run `workshop-app list` to see them.\n"


RESTORE_NO_DELETE = ("CREATE TRIGGER audit_entry_no_delete BEFORE DELETE ON audit_entry "
                     "BEGIN SELECT RAISE(ABORT, 'audit entries are append-only'); END")
"""Puts the guard back after a deletion, so verify must find the deletion itself."""


def _sql(db: Path, *statements: str) -> None:
    """Run SQL on the store file outside the app, as someone with the file in hand could."""
    connection = sqlite3.connect(db)
    for statement in statements:
        connection.execute(statement)
    connection.commit()
    connection.close()


def tampered(tmp_path: Path, capsys: pytest.CaptureFixture[str], *statements: str) -> tuple[int, int, str]:
    """Make a store, run SQL on it outside the app, verify it; return the workshop id, exit code and output."""
    db = tmp_path / "store.sqlite3"
    wid, _ = make_store(db)
    _sql(db, *statements)
    code, out, _err = verify(db, wid, capsys)
    return wid, code, out


def test_a_ballot_edited_in_sql_is_named(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    wid, code, out = tampered(
        tmp_path, capsys, "UPDATE ballot SET choice = 'block', reason = 'No.' WHERE id = (SELECT min(id) FROM ballot)")
    assert code == 1
    first = out.splitlines()[0]
    assert first.startswith(f"Workshop {wid}: the record is NOT whole. Ballot 1 in round 1 of proposal 1 was "
                            "changed after audit entry ")
    assert 'Round 1 of proposal 1 now gives "Not agreed: someone from Council blocked — reason: No."' in out
    pdf = tmp_path / "charter.pdf"
    assert cli.main(["charter", str(wid), "--out", str(pdf), "--db", str(tmp_path / "store.sqlite3")]) == 0
    footer = PdfReader(pdf).pages[-1].extract_text()
    assert "the record failed its check, so this charter may be wrong." in footer


def test_a_proposal_text_edited_in_sql_is_named(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _wid, code, out = tampered(tmp_path, capsys, "UPDATE proposal SET text = 'We will meet every year.'")
    assert code == 1
    assert 'Proposal 1 ("We will meet every year.") was changed after audit entry ' in out


def test_an_empty_chain_is_not_whole(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    wid, code, out = tampered(tmp_path, capsys, "DROP TRIGGER audit_entry_no_delete", "DELETE FROM audit_entry",
                              RESTORE_NO_DELETE)
    assert (code, out) == (1, f"Workshop {wid}: the record is NOT whole. Its audit log is empty, so nothing vouches "
                              "for its data.\n")


def test_deleting_the_last_entry_is_found(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "store.sqlite3"
    wid, entries = make_store(db)
    assert entries[-1].kind == "vote_revealed"
    _sql(db, "DROP TRIGGER audit_entry_no_delete", f"DELETE FROM audit_entry WHERE id = {entries[-1].id}",
         RESTORE_NO_DELETE)
    code, out, _err = verify(db, wid, capsys)
    assert code == 1
    assert f"Round 1 of proposal 1 was changed after audit entry {entries[-2].id} recorded it." in out


def test_insert_or_replace_cannot_rewrite_an_entry(tmp_path: Path) -> None:
    db = tmp_path / "store.sqlite3"
    _wid, entries = make_store(db)
    last = entries[-1]
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        _sql(db, "INSERT OR REPLACE INTO audit_entry (id, workshop_id, kind, text, prev_hash, hash, at, row_digests) "
                 f"SELECT id, workshop_id, kind, 'rewritten', prev_hash, hash, at, row_digests FROM audit_entry "
                 f"WHERE id = {last.id}")
    connection = sqlite3.connect(db)
    assert connection.execute("SELECT text FROM audit_entry WHERE id = ?", (last.id,)).fetchone() == (last.text,)
    connection.close()


def test_removed_guards_are_named(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    wid, code, out = tampered(tmp_path, capsys, "DROP TRIGGER audit_entry_no_replace")
    assert (code, out) == (1, f"Workshop {wid}: the record is NOT whole. The audit log's guards were removed "
                              "(audit_entry_no_replace), so its entries could have been changed or deleted.\n")


def test_a_damaged_file_is_found_by_quick_check(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "store.sqlite3"
    wid, _ = make_store(db)
    connection = sqlite3.connect(db)
    page_size = connection.execute("PRAGMA page_size").fetchone()[0]
    root = connection.execute("SELECT rootpage FROM sqlite_master WHERE name = ?",
                              ("ix_ballot_proxy_holder_id",)).fetchone()[0]
    connection.close()
    with db.open("r+b") as raw:  # scribble over an index page, as a failing disk might
        raw.seek((root - 1) * page_size)
        raw.write(b"\xff" * page_size)
    code, out, err = verify(db, wid, capsys)
    assert (code, err) == (1, ""), out + err
    assert "The store file is damaged (SQLite's quick_check says: " in out
