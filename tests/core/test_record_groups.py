"""A record finds a round's ballots (and a proposal's rounds) without scanning every ballot for every round."""

from __future__ import annotations

from typing import Any

from bench.scaled import scaled_record
from workshop_app.core.model import Ballot, Choice


class CountingList(list[Any]):
    """A list that counts how many items were read from it."""

    read = 0

    def __iter__(self) -> Any:
        CountingList.read += len(self)
        return super().__iter__()

    def __getitem__(self, index: Any) -> Any:
        found = super().__getitem__(index)
        CountingList.read += len(found) if isinstance(index, slice) else 1
        return found


def test_every_rounds_ballots_are_found_reading_the_ballots_once() -> None:
    record = scaled_record(3)
    expected = {r.id: [b for b in record.ballots if b.round_id == r.id] for r in record.rounds}
    record.ballots = CountingList(record.ballots)
    CountingList.read = 0
    found = {r.id: record.ballots_of(r.id) for r in record.rounds}
    assert found == expected and sum(map(len, found.values())) == len(record.ballots)
    assert CountingList.read <= len(record.ballots)  # before: every ballot read once per round (42 rounds here)


def test_ballots_added_after_a_look_up_are_found_and_a_new_list_is_grouped_afresh() -> None:
    record = scaled_record(1)
    vote = record.rounds[0]
    before = record.ballots_of(vote.id)
    late = Ballot(round_id=vote.id or 0, participant_id=record.participants[0].id or 0, choice=Choice.AGREE)
    record.ballots.append(late)
    assert record.ballots_of(vote.id) == [*before, late]
    record.ballots = [late]
    assert record.ballots_of(vote.id) == [late] and record.ballots_of(record.rounds[1].id) == []
    assert record.rounds_of(vote.proposal_id) == sorted(
        (r for r in record.rounds if r.proposal_id == vote.proposal_id), key=lambda r: r.round_no)
