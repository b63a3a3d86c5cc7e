"""JSON and CSV exports on a real store: files written, CSV contents, and secrecy in both."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.core.interchange_fixtures import EXAMPLE, SECRET_REASON, small_workshop
from workshop_app.core.changes import perform, read
from workshop_app.core import roster, voting, workshops
from workshop_app.core.errors import WorkshopError
from workshop_app.core.model import Participant, Workshop
from workshop_app.export.csv_export import FILES, export_csv
from workshop_app.export.json_export import export_json, import_json
from workshop_app.store.database import Store, open_store


@pytest.fixture()
def store(tmp_path: Path) -> Iterator[Store]:
    opened = open_store(tmp_path / "store.sqlite")
    yield opened
    opened.close()


def read_csv(path: Path) -> list[dict[str, str]]:
    """Read a CSV file as the app writes it (UTF-8 with a byte-order mark)."""
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    with path.open(encoding="utf-8-sig", newline="") as stream:
        return list(csv.DictReader(stream))


def test_json_file_round_trips_through_the_real_store(store: Store, tmp_path: Path) -> None:
    new_id = import_json(store, EXAMPLE)
    out = export_json(store, new_id, tmp_path / "again.json")
    before, after = (json.loads(p.read_text(encoding="utf-8")) for p in (EXAMPLE, out))
    for key in ("exported_at", "audit_workshop_id", "audit_head", "audit"):
        before.pop(key), after.pop(key)
    for proposal in after["proposals"]:
        assert proposal.pop("audit_id") > 0
    for proposal in before["proposals"]:
        proposal.pop("audit_id", None)  # the new store numbers its proposals afresh
    assert after == before


def test_csv_files_hold_the_example(store: Store, tmp_path: Path) -> None:
    new_id = import_json(store, EXAMPLE)
    written = export_csv(store, new_id, tmp_path / "open-data")
    assert [p.name for p in written] == list(FILES)
    people = read_csv(tmp_path / "open-data" / "participants.csv")
    assert len(people) == 22 and {"name": "Llŷr Evans", "group": "Provider"}.items() <= people[4].items()
    scores = read_csv(tmp_path / "open-data" / "assessments.csv")
    assert len(scores) == 21 * 5 and {s["score"] for s in scores} <= set("12345")
    actions = read_csv(tmp_path / "open-data" / "actions.csv")
    assert len(actions) == 12 and actions[0]["owner"] == "Aisha Rahman" and actions[0]["status"] == "open"
    votes = read_csv(tmp_path / "open-data" / "votes.csv")
    blocked = [v for v in votes if v["choice"] == "block"]
    assert len(blocked) == 1 and blocked[0]["voter"] == "Grace Okafor" and blocked[0]["reason"].startswith(
        "Disabled children")
    first_round = [v for v in votes if v["proposal_id"] == "1"]
    assert len(first_round) == 20 and sum(v["choice"] == "agree" for v in first_round) == 18


def test_secret_ballots_name_no_voter_in_csv(store: Store, tmp_path: Path) -> None:
    export_csv(store, small_workshop(store), tmp_path / "csv")
    votes = read_csv(tmp_path / "csv" / "votes.csv")
    secret = [v for v in votes if v["ballot"] == "secret"]
    assert len(secret) == 4 and all(v["voter"] == "" and v["proxy_held_by"] == "" for v in secret)
    assert [v["group"] for v in secret] == ["Council", "Council", "Residents", "Residents"]
    assert any(v["reason"] == SECRET_REASON for v in secret)
    text = (tmp_path / "csv" / "votes.csv").read_text(encoding="utf-8-sig")
    assert "Hidden block reason" not in text and "We will review yearly." not in text


def test_only_secret_rounds_means_no_voter_column(store: Store, tmp_path: Path) -> None:
    doc = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    from workshop_app.export.csv_export import votes_csv

    doc["vote_rounds"] = [r for r in doc["vote_rounds"] if r["secret"]]
    header = votes_csv(doc).splitlines()[0].split(",")
    assert "voter" not in header and "proxy_held_by" not in header and "group" in header


def test_named_counted_ballots_use_each_persons_last_choice(store: Store, tmp_path: Path) -> None:
    export_csv(store, small_workshop(store), tmp_path / "csv")
    votes = [v for v in read_csv(tmp_path / "csv" / "votes.csv") if v["proposal_id"] == "1"]
    assert [(v["voter"], v["choice"]) for v in votes] == [
        ("Ann Ŵyn", "disagree"), ("Bob Lee", "agree"), ("A resident of Glan-y-môr", "agree"),
        ("Dev Rao", "agree")]  # Cêri did not agree to be named; Dev did
    assert votes[3]["proxy_held_by"] == "Ann Ŵyn"
    hands = [v for v in read_csv(tmp_path / "csv" / "votes.csv") if v["ballot"] == "show of hands"]
    assert [(v["group"], v["choice"], v["count"]) for v in hands] == [("Residents", "agree", "2")]


def test_export_of_an_unknown_workshop_is_refused(store: Store, tmp_path: Path) -> None:
    with pytest.raises(WorkshopError, match="no workshop with id 42"):
        export_json(store, 42, tmp_path / "x.json")
    assert not (tmp_path / "x.json").exists()


def test_a_save_that_fails_halfway_leaves_the_real_store_empty(store: Store) -> None:
    from workshop_app.core.interchange_import import read_document
    from workshop_app.core.model import Workshop
    from workshop_app.core.workshop_record import save_record

    record = read_document(EXAMPLE.read_bytes())
    record.actions[-1].proposal_id = 999  # actions are written last, after everything else
    with pytest.raises(WorkshopError):
        perform(store, save_record, record)
    with store() as uow:
        assert uow.repo(Workshop).list() == [] and uow.audit_entries(None) == []


FORMULAS = ["=HYPERLINK(\"http://evil.example\",\"Click\")", "+SUM(A1:A9)", "-2+3", "@cmd", "\tTabbed", "\rReturn"]


def test_csv_cells_that_spreadsheets_would_run_are_neutralised_while_json_keeps_them(
    store: Store, tmp_path: Path
) -> None:
    doc = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    people = doc["participants"]
    people[0]["name"], people[0]["organisation"], people[0]["role"] = FORMULAS[0], FORMULAS[1], FORMULAS[2]
    people[1]["organisation"] = FORMULAS[3]
    doc["actions"][0]["measure"] = "=1+1"
    doc["actions"][0]["owner"] = FORMULAS[0]
    source = tmp_path / "formulas.json"
    source.write_text(json.dumps(doc), encoding="utf-8")
    new_id = import_json(store, source)
    again = json.loads(export_json(store, new_id, tmp_path / "again.json").read_text(encoding="utf-8"))
    assert [again["participants"][0][k] for k in ("name", "organisation", "role")] == FORMULAS[:3]
    assert again["participants"][1]["organisation"] == "@cmd" and again["actions"][0]["measure"] == "=1+1"
    export_csv(store, new_id, tmp_path / "csv")
    cells = [cell for name in FILES for row in csv.reader((tmp_path / "csv" / name).open(encoding="utf-8-sig",
                                                                                              newline=""))
             for cell in row]
    assert not [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")]
    for text in [*FORMULAS[:4], "=1+1"]:
        assert "'" + text in cells
    participants = read_csv(tmp_path / "csv" / "participants.csv")
    assert participants[0]["name"] == "'" + FORMULAS[0] and participants[4]["name"] == "Llŷr Evans"
    scores = read_csv(tmp_path / "csv" / "assessments.csv")
    assert {s["score"] for s in scores} <= set("12345")  # numbers stay numbers


def test_cells_starting_with_tab_or_carriage_return_are_neutralised_too() -> None:
    from workshop_app.export.csv_export import csv_text

    rows = list(csv.reader(io.StringIO(csv_text(["a", "b", "c"], [["\tTabbed", "\rReturn", 7], [None, "-", "x=1"]]))))
    assert rows[1:] == [["'\tTabbed", "'\rReturn", "7"], ["", "'-", "x=1"]]


def test_a_round_nobody_voted_in_has_a_row_in_votes_csv(store: Store, tmp_path: Path) -> None:
    w = perform(store, workshops.create_workshop, Workshop("Quiet", "P", "Hall", dt.date(2026, 3, 4), "Sam", "charter")).value
    group = read(store, workshops.list_groups, w.id or 0)[0]
    perform(store, roster.add_participant, Participant(w.id or 0, "Ana", group.id or 0, present=True))
    proposal = perform(store, voting.create_proposal, w.id or 0, "collaborative", "We will meet on Sundays.").value
    vote = perform(store, voting.open_vote, proposal.id or 0, secret=False).value
    perform(store, voting.close_vote, vote.id or 0)
    outcome = perform(store, voting.reveal_vote, vote.id or 0).value
    assert outcome.reason == "No quorum: Council did not vote."
    export_csv(store, w.id or 0, tmp_path / "csv")
    rows = read_csv(tmp_path / "csv" / "votes.csv")
    assert [(r["proposal"], r["round"], r["ballot"], r["choice"], r["count"], r["outcome"]) for r in rows] == [
        ("We will meet on Sundays.", "1", "none", "", "0", "No quorum: Council did not vote.")]
