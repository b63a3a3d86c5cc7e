"""The SQL unit of work against a real SQLite file: round trips, transactions, keys and the audit log."""

from __future__ import annotations

import dataclasses
import datetime as dt
import sqlite3
from pathlib import Path

import pytest

from tests.store.conftest import add_everything, when
from workshop_app.core import audit
from workshop_app.core import model as m
from workshop_app.core.errors import StoreError
from workshop_app.store import Store


def test_every_record_type_round_trips_with_all_fields_and_utc_times(store: Store) -> None:
    with store.unit_of_work() as uow:
        added = add_everything(uow)
        uow.commit()
    assert {type(item) for item in added} == set(m.RECORD_TYPES)
    with store.unit_of_work() as uow:
        for item in added:
            loaded = uow.repo(type(item)).get(item.id)
            assert loaded == item
            for field in dataclasses.fields(item):
                value = getattr(loaded, field.name)
                assert type(value) is type(getattr(item, field.name)), field.name
                if isinstance(value, dt.datetime):
                    assert value.tzinfo == dt.UTC
                    assert value == getattr(item, field.name)


@pytest.mark.sqlite_only
def test_enums_are_stored_as_their_values_and_times_as_utc(store: Store, db_path: Path) -> None:
    with store.unit_of_work() as uow:
        add_everything(uow)
        uow.commit()
    with sqlite3.connect(db_path) as raw:
        rule, created = raw.execute("SELECT decision_rule, created_at FROM workshop").fetchone()
    assert rule == "two_thirds"
    assert created.startswith("2025-03-04 09:01:05.123456")


def test_update_list_and_delete(store: Store) -> None:
    with store.unit_of_work() as uow:
        added = add_everything(uow)
        uow.commit()
    workshop, group, aled, bea = added[:4]
    with store.unit_of_work() as uow:
        people = uow.repo(m.Participant)
        aled.name = "Aled Jones"
        people.update(aled)
        assert [p.name for p in people.list(workshop_id=workshop.id)] == ["Aled Jones", "Bea"]
        assert [p.name for p in people.list(present=False)] == ["Bea"]
        assert [n.text for n in uow.repo(m.Note).list(group_id=group.id, route="now")] == ["More sessions ŷ"]
        assert uow.repo(m.Note).list(group_id=None) == []
        uow.repo(m.HandCount).delete(added[11].id)
        uow.commit()
    with store.unit_of_work() as uow:
        assert uow.repo(m.Participant).get(aled.id).name == "Aled Jones"  # type: ignore[union-attr]
        assert uow.repo(m.HandCount).list() == []
        assert uow.repo(m.HandCount).get(added[11].id) is None


def test_update_of_a_missing_record_and_unknown_filters_are_refused(store: Store) -> None:
    with store.unit_of_work() as uow:
        with pytest.raises(KeyError):
            uow.repo(m.Workshop).update(
                m.Workshop("T", "P", "X", dt.date(2025, 1, 1), "F", "k", id=99))
        with pytest.raises(TypeError, match="colour"):
            uow.repo(m.Participant).list(colour="red")


def test_leaving_without_commit_rolls_back(store: Store) -> None:
    with store.unit_of_work() as uow:
        workshop = add_everything(uow)[0]
        assert uow.repo(m.Workshop).get(workshop.id) is not None
    with store.unit_of_work() as uow:
        assert uow.repo(m.Workshop).list() == []
        assert uow.repo(m.Ballot).list() == []


def test_explicit_rollback_forgets_uncommitted_work_but_keeps_committed(store: Store) -> None:
    with store.unit_of_work() as uow:
        first = add_everything(uow)[0]
        uow.commit()
        uow.repo(m.Workshop).add(dataclasses.replace(first, id=None, title="Second"))
        uow.rollback()
        assert [w.title for w in uow.repo(m.Workshop).list()] == [first.title]


def test_an_exception_inside_the_block_loses_the_unit(store: Store) -> None:
    with pytest.raises(RuntimeError), store.unit_of_work() as uow:
        add_everything(uow)
        raise RuntimeError("boom")
    with store() as uow:
        assert uow.repo(m.Workshop).list() == []


def test_a_group_in_use_cannot_be_deleted_and_the_unit_survives(store: Store) -> None:
    with store.unit_of_work() as uow:
        added = add_everything(uow)
        uow.commit()
    group = added[1]
    with store.unit_of_work() as uow:
        with pytest.raises(StoreError, match=r"StakeholderGroup record \d+ is still used") as info:
            uow.repo(m.StakeholderGroup).delete(group.id)
        assert str(info.value).count(". ") == 0 and str(info.value).endswith(".")
        uow.repo(m.Note).add(m.Note(added[0].id, 1, "still works"))
        uow.commit()
    with store.unit_of_work() as uow:
        assert uow.repo(m.StakeholderGroup).get(group.id) == group
        assert [n.text for n in uow.repo(m.Note).list()] == ["More sessions ŷ", "still works"]


def test_a_record_pointing_at_a_missing_record_is_refused(store: Store) -> None:
    with store.unit_of_work() as uow, pytest.raises(StoreError):
        uow.repo(m.StakeholderGroup).add(m.StakeholderGroup(404, "Ghosts", "#000", "?"))


def test_naive_datetimes_are_refused(store: Store) -> None:
    with store.unit_of_work() as uow, pytest.raises(Exception, match="timezone"):
        uow.repo(m.Workshop).add(m.Workshop(
            "T", "P", "X", dt.date(2025, 1, 1), "F", "k", created_at=dt.datetime(2025, 1, 1, 12)))


def test_audit_entries_chain_per_workshop_and_verify(store: Store) -> None:
    with store.unit_of_work() as uow:
        workshop = add_everything(uow)[0]
        for text in ("opened", "vote closed", "charter agreed"):
            audit.append(uow, workshop.id, "event", text)
        audit.append(uow, None, "app", "store opened")
        uow.commit()
    with store.unit_of_work() as uow:
        entries = uow.audit_entries(workshop.id)
        assert [e.text for e in entries] == ["opened", "vote closed", "charter agreed"]
        assert all(e.at.tzinfo == dt.UTC for e in entries)
        assert audit.check_chain(entries).ok
        assert uow.last_audit(workshop.id) == entries[-1]
        assert [e.text for e in uow.audit_entries(None)] == ["store opened"]
        assert uow.last_audit(workshop.id + 1) is None


def test_many_appends_in_one_unit_read_the_chains_head_once(store: Store) -> None:
    from sqlalchemy import event

    with store.unit_of_work() as uow:
        workshop = add_everything(uow)[0]
        uow.commit()
    heads: list[str] = []

    def seen(_conn: object, _cursor: object, statement: str, *_rest: object) -> None:
        if statement.lstrip().upper().startswith("SELECT") and "audit_entry" in statement:
            heads.append(statement)

    event.listen(store._engine, "before_cursor_execute", seen)  # noqa: SLF001 - counting the store's own reads
    try:
        with store.unit_of_work() as uow:
            for n in range(20):  # as 20 ballots cast in one transaction append one entry each
                audit.append(uow, workshop.id, "event", f"ballot {n}")
            uow.commit()
    finally:
        event.remove(store._engine, "before_cursor_execute", seen)  # noqa: SLF001
    assert len(heads) == 1  # the head is read once; each later entry links to the one this unit just wrote
    with store.unit_of_work() as uow:
        entries = uow.audit_entries(workshop.id)
        assert audit.check_chain(entries).ok and [e.text for e in entries][-20:] == [f"ballot {n}" for n in range(20)]
        audit.append(uow, workshop.id, "event", "rolled back")
        uow.rollback()
        assert uow.last_audit(workshop.id) == entries[-1]  # nothing remembered past a rollback


def test_audit_entries_have_no_repository(store: Store) -> None:
    with store.unit_of_work() as uow, pytest.raises(TypeError):
        uow.repo(m.AuditEntry)


@pytest.mark.sqlite_only
def test_sqlite_refuses_changing_or_deleting_audit_entries(store: Store, db_path: Path) -> None:
    with store.unit_of_work() as uow:
        audit.append(uow, None, "app", "hello")
        uow.commit()
    with sqlite3.connect(db_path) as raw:
        for sql in ("UPDATE audit_entry SET text = 'changed'", "DELETE FROM audit_entry"):
            with pytest.raises(sqlite3.IntegrityError, match="append-only"):
                raw.execute(sql)


@pytest.mark.sqlite_only
def test_tampering_is_caught_once_the_guard_is_dropped(store: Store, db_path: Path) -> None:
    with store.unit_of_work() as uow:
        workshop = add_everything(uow)[0]
        audit.append(uow, workshop.id, "event", "vote closed: 5 agree")
        uow.commit()
    with sqlite3.connect(db_path) as raw:
        raw.execute("DROP TRIGGER audit_entry_no_update")
        raw.execute("UPDATE audit_entry SET text = 'vote closed: 9 agree'")
    with store.unit_of_work() as uow:
        assert not audit.check_chain(uow.audit_entries(workshop.id)).ok


def test_times_keep_microseconds_and_compare_in_filters(store: Store) -> None:
    with store.unit_of_work() as uow:
        added = add_everything(uow)
        uow.commit()
    with store.unit_of_work() as uow:
        found = uow.repo(m.Ballot).list(cast_at=when(11).astimezone(dt.UTC))
        assert [b.id for b in found] == [added[10].id]


def test_column_reads_one_field_of_matching_records(store) -> None:  # type: ignore[no-untyped-def]
    """column() gives the same values, in the same order, as reading whole records."""
    import datetime as _dt

    from workshop_app.core.model import Participant as _P, StakeholderGroup as _G, Workshop as _W

    with store() as uow:
        ws = uow.repo(_W).add(_W("T", "P", "X", _dt.date(2026, 1, 1), "F", "charter"))
        group = uow.repo(_G).add(_G(ws.id, "Council", "#000000", "square"))
        for name in ("Cai", "Ana", "Ben"):
            uow.repo(_P).add(_P(ws.id, name, group.id, is_voting=name != "Ben"))
        uow.commit()
    with store() as uow:
        assert uow.repo(_P).column("name", workshop_id=ws.id) == ["Cai", "Ana", "Ben"]
        assert uow.repo(_P).column("name", is_voting=False) == ["Ben"]
        with pytest.raises(TypeError, match="no field colour"):
            uow.repo(_P).column("colour")
