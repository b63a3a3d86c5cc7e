"""The audit chain links every entry to the one before and notices an altered text."""

from workshop_app.core import audit
from tests.core.fakes import FakeStore


def test_chain_is_whole_then_names_altered_entry() -> None:
    store = FakeStore()
    with store() as uow:
        for i in range(3):
            audit.append(uow, 1, "note", f"note {i}")
        audit.append(uow, 2, "note", "other workshop")
        uow.commit()
    with store() as uow:
        entries = uow.audit_entries(1)
    check = audit.check_chain(entries)
    assert check.ok and check.count == 3 and check.head == entries[-1].hash
    entries[1].text = "changed"
    broken = audit.check_chain(entries)
    assert not broken.ok and broken.broken_id == entries[1].id
