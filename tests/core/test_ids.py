"""A stored record's id is required, never made up: a record that was never stored raises instead of becoming id 0."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.core.fakes import FakeStore
from workshop_app.core.changes import perform
from workshop_app.core import workshops
from workshop_app.core.model import StakeholderGroup, UnstoredRecordError, Workshop, require_id


def _workshop() -> Workshop:
    return Workshop("Spring review", "Northside", "Hall", dt.date(2026, 3, 4), "Sam", "charter")


def test_require_id_returns_a_stored_records_id() -> None:
    assert require_id(StakeholderGroup(1, "Council", "#000000", "▲", id=7)) == 7


def test_require_id_refuses_a_record_that_was_never_stored() -> None:
    with pytest.raises(UnstoredRecordError, match="StakeholderGroup has no id"):
        require_id(StakeholderGroup(1, "Council", "#000000", "▲"))


def test_saving_details_of_an_unstored_workshop_raises_instead_of_looking_for_workshop_0() -> None:
    store = FakeStore()
    perform(store, workshops.create_workshop, _workshop())
    with pytest.raises(UnstoredRecordError):
        perform(store, workshops.update_workshop, _workshop())
