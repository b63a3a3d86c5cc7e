"""The import and export sub-commands on real store files: new ids, exit codes, nothing written on error."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.core.interchange_fixtures import EXAMPLE
from tests.test_cli import table_dump
from workshop_app.core.changes import perform
from workshop_app import cli


def test_import_prints_the_new_id_and_a_second_copy_needs_allow_duplicate(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "store.sqlite"
    assert cli.main(["--db", str(db), "import", str(EXAMPLE)]) == 0
    assert capsys.readouterr().out.strip() == "1"
    before = table_dump(db)
    assert cli.main(["import", "--db", str(db), str(EXAMPLE)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("This file's workshop is already in the store as workshop 1 (") and err.count("\n") == 1
    assert "--allow-duplicate" in err and table_dump(db) == before
    assert cli.main(["import", "--db", str(db), str(EXAMPLE), "--allow-duplicate"]) == 0
    assert capsys.readouterr().out.strip() == "2"
    assert cli.main(["--db", str(db), "list"]) == 0
    assert capsys.readouterr().out.count("Northside Leisure Partnership") == 2


def test_a_file_exported_from_this_store_is_already_in_it_even_after_more_work(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from tests.core.interchange_fixtures import small_workshop
    from workshop_app.core import notes
    from workshop_app.store.database import open_store

    db, out = tmp_path / "store.sqlite", tmp_path / "w.json"
    store = open_store(db)
    wid = small_workshop(store, unrevealed=False)
    store.close()
    assert cli.main(["--db", str(db), "export", str(wid), "--out", str(out)]) == 0
    store = open_store(db)
    perform(store, notes.add_note, wid, 0, "Added after the export")
    store.close()
    capsys.readouterr()
    assert cli.main(["--db", str(db), "import", str(out)]) == 2
    assert f"already in the store as workshop {wid} (\"Small\")" in capsys.readouterr().err
    assert cli.main(["--db", str(tmp_path / "other.sqlite"), "import", str(out)]) == 0


def test_export_json_and_csv(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "store.sqlite"
    assert cli.main(["--db", str(db), "import", str(EXAMPLE)]) == 0
    assert cli.main(["--db", str(db), "export", "1", "--out", str(tmp_path / "w.json")]) == 0
    doc = json.loads((tmp_path / "w.json").read_text(encoding="utf-8"))
    assert doc["format"] == "changemaking-workshop" and len(doc["proposals"]) == 13
    assert cli.main(["--db", str(db), "export", "1", "--format", "csv", "--out", str(tmp_path / "csv")]) == 0
    assert sorted(p.name for p in (tmp_path / "csv").iterdir()) == [
        "actions.csv", "assessments.csv", "participants.csv", "votes.csv"]


@pytest.mark.parametrize(
    ("content", "named"),
    [
        ("not json at all", "not valid JSON"),
        ('{"format": "changemaking-workshop", "version": 9}', "version 9"),
        (None, "participants[3].group_ref"),
    ],
)
def test_a_bad_file_exits_2_with_one_line_and_leaves_the_store_unchanged(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str | None, named: str
) -> None:
    db = tmp_path / "store.sqlite"
    assert cli.main(["--db", str(db), "import", str(EXAMPLE)]) == 0
    before = table_dump(db)
    bad = tmp_path / "bad.json"
    if content is None:
        doc = json.loads(EXAMPLE.read_text(encoding="utf-8"))
        doc["participants"][3]["group_ref"] = 99
        content = json.dumps(doc)
    bad.write_text(content, encoding="utf-8")
    capsys.readouterr()
    assert cli.main(["--db", str(db), "import", str(bad)]) == 2
    err = capsys.readouterr().err
    assert named in err and err.count("\n") == 1
    assert table_dump(db) == before


def test_a_missing_file_and_an_unknown_workshop_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "store.sqlite"
    assert cli.main(["--db", str(db), "import", str(tmp_path / "nope.json")]) == 2
    assert "could not be read" in capsys.readouterr().err
    assert cli.main(["--db", str(db), "export", "7", "--out", str(tmp_path / "x.json")]) == 2
    assert "no workshop with id 7" in capsys.readouterr().err


def test_every_bad_file_the_app_would_refuse_exits_2_naming_its_path(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from tests.core.test_import_strict import FIELD_CASES, RAW_CASES, _with

    db = tmp_path / "store.sqlite"
    assert cli.main(["--db", str(db), "import", str(EXAMPLE)]) == 0
    before = table_dump(db)
    cases = [(case, _with(edit), path) for case, edit, path in FIELD_CASES]
    cases += [(case, text(), path) for case, text, path in RAW_CASES]
    cases.append(("nesting far too deep", "[" * 200_000 + "]" * 200_000, "levels deep"))
    bad = tmp_path / "bad.json"
    for case, content, path in cases:
        bad.write_text(content, encoding="utf-8", errors="surrogatepass")
        capsys.readouterr()
        assert cli.main(["--db", str(db), "import", str(bad)]) == 2, case
        err = capsys.readouterr().err
        assert path in err and err.count("\n") == 1, (case, err)
    assert table_dump(db) == before


def test_export_with_a_vote_not_revealed_is_refused_in_one_sentence(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from tests.core.interchange_fixtures import small_workshop
    from workshop_app.core import voting
    from workshop_app.core.model import Choice
    from workshop_app.export.json_export import write_json
    from workshop_app.store.database import open_store

    db = tmp_path / "store.sqlite"
    store = open_store(db)
    wid = small_workshop(store)
    proposal = perform(store, voting.create_proposal, wid, "creative", "We will try a pop-up session.").value
    vote = perform(store, voting.open_vote, proposal.id or 0, True).value
    perform(store, voting.cast, vote.id or 0, 1, Choice.BLOCK, "Too soon")
    first, second = tmp_path / "first.json", tmp_path / "second.json"
    assert cli.main(["--db", str(db), "export", str(wid), "--out", str(first)]) == 2
    printed = capsys.readouterr()
    assert "not revealed" in printed.err or "still open" in printed.err
    assert len(printed.err.strip().splitlines()) == 1 and "Too soon" not in printed.err + printed.out
    assert not first.exists()
    # The private copy (taken before a delete) still carries the open vote on, losslessly.
    assert write_json(store, wid, first) >= 1
    store.close()
    other = tmp_path / "other.sqlite"
    assert cli.main(["--db", str(other), "import", str(first)]) == 0
    other_store = open_store(other)
    write_json(other_store, 1, second)
    other_store.close()
    rounds = [json.loads(p.read_text(encoding="utf-8"))["vote_rounds"] for p in (first, second)]
    assert rounds[0] == rounds[1] and rounds[0][-1]["closed_at"] is None
    assert rounds[0][-1]["sealed_ballots"][0]["reason"] == "Too soon"


def test_a_file_imported_many_times_names_three_copies_and_counts_the_rest(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "store.sqlite"
    for _ in range(5):
        assert cli.main(["--db", str(db), "import", str(EXAMPLE), "--allow-duplicate"]) == 0
    capsys.readouterr()
    assert cli.main(["import", "--db", str(db), str(EXAMPLE)]) == 2
    err = capsys.readouterr().err
    assert "workshop 1 (" in err and " 3 (" in err and " 4 (" not in err
    assert "and 2 more" in err and err.count("\n") == 1
