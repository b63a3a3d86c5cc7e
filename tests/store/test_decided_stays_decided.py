"""Decided stays decided, on SQLite and PostgreSQL: roster edits and rule changes never re-decide a closed round,
the last stored ballot counts whatever the clock says, and the fingerprinted rows catch an edit made in SQL."""

from __future__ import annotations

import csv
import datetime as dt
import json
from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from tests.store.postgres_server import PostgresServer

from workshop_app.core.changes import perform, read
from workshop_app.core import audit, interchange, workshop_record, roster, voting, workshops
from workshop_app.core.charter import build_charter
from workshop_app.core.errors import WorkshopError
from workshop_app.core.integrity import check_record
from workshop_app.core.model import Choice, DecisionRule, Participant, Workshop
from workshop_app.core.workshop_record import read_record
from workshop_app.export.csv_export import export_csv
from workshop_app.export.json_export import workshop_document
from workshop_app.store import Store, open_store


def _room(store: Store, rule: DecisionRule, choices: list[Choice]) -> tuple[int, list[Participant], int]:
    """Make a workshop with one present voter a choice, in groups in turn; open, cast, close and reveal one vote."""
    workshop = perform(store, workshops.create_workshop, Workshop(
        "Decided", "Partnership", "Hall", dt.date(2026, 3, 4), "Sam", "charter", decision_rule=rule)).value
    wid = workshop.id or 0
    groups = read(store, workshops.list_groups, wid)
    people = [perform(store, roster.add_participant, Participant(wid, f"Person {n}", groups[n % 2].id or 0, present=True)).value
              for n in range(len(choices))]
    proposal = perform(store, voting.create_proposal, wid, "collaborative", "We will meet every month.").value
    vote = perform(store, voting.open_vote, proposal.id or 0, secret=False).value
    for person, choice in zip(people, choices):
        perform(store, voting.cast, vote.id or 0, person.id or 0, choice)
    perform(store, voting.close_vote, vote.id or 0)
    perform(store, voting.reveal_vote, vote.id or 0)
    return wid, people, vote.id or 0


def _votes_csv(store: Store, wid: int, folder: Path) -> list[dict[str, str]]:
    export_csv(store, wid, folder)
    with (folder / "votes.csv").open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def test_marking_voters_as_observers_after_the_reveal_changes_nothing(store: Store, tmp_path: Path) -> None:
    wid, people, round_id = _room(store, DecisionRule.MAJORITY,
                                  [Choice.AGREE, Choice.AGREE, Choice.DISAGREE, Choice.DISAGREE])
    before = read(store, voting.results, round_id)
    assert before.kind == "tie"
    for person in people[2:]:
        perform(store, roster.update_participant, Participant(wid, person.name, person.group_id, is_voting=False,
                                                     present=True, id=person.id))
    after = read(store, voting.results, round_id)
    assert (after.agreed, after.kind, after.reason) == (False, "tie", before.reason)
    assert read(store, build_charter, wid).commitments == ()
    rows = _votes_csv(store, wid, tmp_path / "csv")
    assert {r["outcome"] for r in rows} == {before.reason} and len(rows) == 4
    assert check_record(read(store, read_record, wid)).ok


def test_moving_a_voter_to_another_group_after_the_reveal_changes_nothing(store: Store, tmp_path: Path) -> None:
    wid, people, round_id = _room(store, DecisionRule.GROUP_CONSENT, [Choice.AGREE, Choice.DISAGREE])
    before = read(store, voting.results, round_id)
    assert before.kind == "not_agreed" and "Provider (0 agree, 1 disagree) did not consent" in before.reason
    council = people[0].group_id
    perform(store, roster.update_participant, Participant(wid, people[1].name, council, present=True, id=people[1].id))
    after = read(store, voting.results, round_id)
    assert (after.kind, after.reason, dict(after.per_group)) == (before.kind, before.reason, dict(before.per_group))
    rows = _votes_csv(store, wid, tmp_path / "csv")
    assert [r["group"] for r in rows] == ["Council", "Provider"]


def test_the_rule_can_change_only_before_the_first_vote(store: Store) -> None:
    workshop = perform(store, workshops.create_workshop,
        Workshop("Rule", "P", "Hall", dt.date(2026, 3, 4), "Sam", "charter")).value
    changed = perform(store, workshops.update_workshop,
        Workshop(**{**vars(workshop), "decision_rule": DecisionRule.MAJORITY})).value
    assert read(store, workshops.get_workshop, workshop.id or 0).decision_rule is DecisionRule.MAJORITY
    proposal = perform(store, voting.create_proposal, workshop.id or 0, "collaborative", "We will meet.").value
    perform(store, voting.open_vote, proposal.id or 0, secret=True)
    with pytest.raises(WorkshopError) as refused:
        perform(store, workshops.update_workshop, Workshop(**{**vars(changed), "decision_rule": DecisionRule.CONSENSUS}))
    assert str(refused.value) == ('The decision rule stays "Simple majority": it can only change before the first vote '
                                  "is opened.")
    assert read(store, workshops.get_workshop, workshop.id or 0).decision_rule is DecisionRule.MAJORITY
    perform(store, workshops.update_workshop, Workshop(**{**vars(changed), "title": "Rule, renamed"}))  # other details may


def test_a_changed_vote_counts_though_the_clock_stepped_back(store: Store) -> None:
    wid, people, _ = _room(store, DecisionRule.MAJORITY, [Choice.AGREE])
    proposal = perform(store, voting.create_proposal, wid, "collaborative", "We will publish the minutes.").value
    vote = perform(store, voting.open_vote, proposal.id or 0, secret=False).value
    perform(store, voting.cast, vote.id or 0, people[0].id or 0, Choice.DISAGREE)
    second = perform(store, voting.cast, vote.id or 0, people[0].id or 0, Choice.AGREE).value
    with store._engine.begin() as connection:  # noqa: SLF001 - the clock stepped back an hour before the change
        connection.execute(text("UPDATE ballot SET cast_at = cast_at - INTERVAL '1 hour' WHERE id = :id")
                           if store._engine.dialect.name == "postgresql"  # noqa: SLF001
                           else text("UPDATE ballot SET cast_at = datetime(cast_at, '-1 hour') WHERE id = :id"),
                           {"id": second.id})
    perform(store, voting.close_vote, vote.id or 0)
    assert perform(store, voting.reveal_vote, vote.id or 0).value.agreed


def test_an_untouched_record_checks_whole_and_a_ballot_edited_in_sql_is_named(store: Store) -> None:
    wid, _, round_id = _room(store, DecisionRule.MAJORITY, [Choice.AGREE, Choice.AGREE, Choice.DISAGREE])
    verdict = check_record(read(store, read_record, wid))
    assert verdict.ok and verdict.unfingerprinted == 0 and store.database_problems() == []
    with store._engine.begin() as connection:  # noqa: SLF001 - someone with the database in hand
        ballot_id = connection.execute(text("SELECT max(id) FROM ballot WHERE round_id = :r"), {"r": round_id}).scalar()
        connection.execute(text("UPDATE ballot SET choice = 'agree' WHERE id = :id"), {"id": ballot_id})
    problems = check_record(read(store, read_record, wid)).problems
    assert problems[0].startswith(f"Ballot {ballot_id} in round 1 of proposal ")
    assert any(p.startswith("Round 1 of proposal ") and "now gives \"Agreed by majority" in p for p in problems)


def test_an_amendment_row_and_a_score_added_outside_the_app_are_named(store: Store) -> None:
    wid, _, _ = _room(store, DecisionRule.MAJORITY, [Choice.AGREE])
    proposal = read(store, voting.proposals_of, wid)[0]
    perform(store, voting.amend_proposal, proposal.id or 0, "We will meet every fortnight.", "Ana")
    assert check_record(read(store, read_record, wid)).ok
    with store._engine.begin() as connection:  # noqa: SLF001
        connection.execute(text("UPDATE amendment SET new_text = 'We will never meet.'"))
    assert any(p.startswith("Amendment ") and "was changed after audit entry" in p
               for p in check_record(read(store, read_record, wid)).problems)


def test_truncate_of_the_audit_log_is_refused_on_postgresql(postgres_server: PostgresServer) -> None:
    store = open_store(postgres_server.new_database())
    try:
        wid, _, _ = _room(store, DecisionRule.MAJORITY, [Choice.AGREE])
        with pytest.raises(DBAPIError, match="append-only"), store._engine.begin() as connection:  # noqa: SLF001
            connection.execute(text("TRUNCATE audit_entry"))
        assert check_record(read(store, read_record, wid)).ok
    finally:
        store.close()


def test_a_secret_ballots_digest_cannot_be_guessed_from_an_export(store: Store) -> None:
    workshop = perform(store, workshops.create_workshop,
        Workshop("Secret", "P", "Hall", dt.date(2026, 3, 4), "Sam", "charter")).value
    wid = workshop.id or 0
    group = read(store, workshops.list_groups, wid)[0]
    ana = perform(store, roster.add_participant, Participant(wid, "Ana", group.id or 0, present=True)).value
    proposal = perform(store, voting.create_proposal, wid, "collaborative", "We will meet in secret.").value
    vote = perform(store, voting.open_vote, proposal.id or 0, secret=True).value
    cast = perform(store, voting.cast, vote.id or 0, ana.id or 0, Choice.DISAGREE).value
    perform(store, voting.close_vote, vote.id or 0)
    perform(store, voting.reveal_vote, vote.id or 0)
    stored = read(store, read_record, wid).ballots[0]
    assert len(stored.salt) == 32 and stored.salt == cast.salt
    exported = json.dumps(workshop_document(store, wid))
    assert stored.salt not in exported
    for choice in Choice:  # all an attacker could try, knowing every other field exactly
        assert audit.row_digest(replace(stored, choice=choice, salt="")) not in exported
    assert check_record(read(store, read_record, wid)).ok


def test_removing_someone_who_could_vote_but_did_not_keeps_the_round_and_its_export(store: Store) -> None:
    wid, people, round_id = _room(store, DecisionRule.MAJORITY, [Choice.AGREE, Choice.DISAGREE])
    quiet = perform(store, roster.add_participant, Participant(wid, "Quiet Person", people[0].group_id, present=True)).value
    proposal = perform(store, voting.create_proposal, wid, "collaborative", "We will share minutes.").value
    vote = perform(store, voting.open_vote, proposal.id or 0, secret=False).value
    perform(store, voting.cast, vote.id or 0, people[0].id or 0, Choice.AGREE)
    perform(store, voting.close_vote, vote.id or 0)
    before = perform(store, voting.reveal_vote, vote.id or 0).value
    perform(store, roster.remove_participant, quiet.id or 0)
    assert read(store, voting.results, vote.id or 0) == before
    document = workshop_document(store, wid)
    again = perform(store, workshop_record.save_record, interchange.from_document(json.loads(json.dumps(document)))).value
    assert [r["outcome"]["reason"] for r in workshop_document(store, again)["vote_rounds"]] == [
        r["outcome"]["reason"] for r in document["vote_rounds"]]
    assert check_record(read(store, read_record, wid)).ok and round_id


def test_a_group_a_closed_vote_counted_cannot_be_removed(store: Store) -> None:
    wid, people, _ = _room(store, DecisionRule.MAJORITY, [Choice.AGREE, Choice.DISAGREE])
    provider = people[1].group_id
    moved = Participant(wid, people[1].name, people[0].group_id, present=True, id=people[1].id)
    perform(store, roster.update_participant, moved)
    with pytest.raises(WorkshopError, match="^Provider took part in a closed vote, so it stays on the record.$"):
        perform(store, workshops.remove_group, provider)
    assert [g.id for g in read(store, workshops.list_groups, wid)].count(provider) == 1
