"""Reading a whole workshop costs a fixed number of queries, however many proposals, rounds and ballots it holds."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event

from bench.scaled import scaled_record
from workshop_app.core.changes import perform, read
from workshop_app.core.charter import build_charter
from workshop_app.core.integrity import check_record
from workshop_app.core.ports import UnitOfWork
from workshop_app.core.workshop_record import read_record, save_record
from workshop_app.export.json_export import export_json, import_json
from workshop_app.store import Store
from workshop_app.store.unit_of_work import IN_CHUNK, SqlUnitOfWork


@contextmanager
def counted(store: Store) -> Iterator[list[str]]:
    """Collect every SQL statement the store's engine runs inside the block."""
    statements: list[str] = []

    def seen(_conn: Any, _cursor: Any, statement: str, *_rest: Any) -> None:
        statements.append(statement)

    engine = store._engine  # noqa: SLF001 - listening to the store's own engine
    event.listen(engine, "before_cursor_execute", seen)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", seen)


def queries(store: Store, query: Callable[[UnitOfWork, int], object], scale: int) -> int:
    """Save the example at `scale` times its proposals and votes, and count the statements `query` of it runs."""
    record = scaled_record(scale)
    record.workshop.partnership = f"A partnership of size {scale}"  # no earlier charter of its own to carry forward
    workshop_id = perform(store, save_record, record).value
    with counted(store) as statements:
        read(store, query, workshop_id)
    return len(statements)


@pytest.mark.parametrize("query", [read_record, build_charter], ids=["read_record", "charter"])
def test_reading_a_workshop_takes_the_same_queries_at_three_times_its_size(store: Store, query: Any) -> None:
    small, large = queries(store, query, 1), queries(store, query, 3)
    assert small == large  # before: a query per proposal and per round (65 and 137 for the example alone)
    assert large <= 25


@pytest.mark.slow
def test_a_list_longer_than_one_in_query_is_read_whole_and_in_id_order(store: Store) -> None:
    from workshop_app.core.model import Ballot, VoteRound

    workshop_id = perform(store, save_record, scaled_record(80)).value  # more than IN_CHUNK rounds
    with store.reader() as uow:
        rounds = uow.repo(VoteRound).list()
        chosen = [r.id for r in rounds if r.id is not None]
        assert len(chosen) > IN_CHUNK
        ballots = uow.repo(Ballot).list_in("round_id", chosen)
        every = uow.repo(Ballot).list()
    assert ballots == every and [b.id for b in ballots] == sorted(b.id for b in ballots)
    assert len(read(store, read_record, workshop_id).rounds) == len(rounds)


@pytest.mark.sqlite_only
def test_an_import_links_each_audit_entry_without_reading_the_whole_chain(
        store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    workshop_id = perform(store, save_record, scaled_record(2)).value
    export_json(store, workshop_id, tmp_path / "w.json")
    reads: list[int | None] = []
    whole = SqlUnitOfWork.audit_entries
    monkeypatch.setattr(SqlUnitOfWork, "audit_entries", lambda uow, wid: reads.append(wid) or whole(uow, wid))
    new_id = import_json(store.planned, tmp_path / "w.json", allow_duplicate=True)
    assert reads == []  # before: the whole chain read again for each entry appended (one per revealed round)
    monkeypatch.undo()
    assert check_record(read(store, read_record, new_id)).ok  # the chain still links entry to entry
