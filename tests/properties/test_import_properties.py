"""Import (read_document) on arbitrary JSON-ish input and on mutated valid documents: a record or one sentence."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.core.fakes import FakeStore
from tests.core.interchange_fixtures import EXAMPLE
from tests.properties.strategies import JSONISH, TEXT, assert_one_line, mutate, paths_of
from workshop_app.core.errors import WorkshopError
from workshop_app.core.interchange_import import read_document
from workshop_app.core.records import load_record, save_record

VALID = json.loads(EXAMPLE.read_text(encoding="utf-8"))
PATHS = paths_of(VALID)
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _read(data: str | bytes) -> None:
    """Read a document; a refusal must be one line, a success a record that stores and loads back."""
    try:
        record = read_document(data)
    except WorkshopError as error:
        assert_one_line(error)
        return
    store = FakeStore()
    workshop_id = save_record(store, record)
    assert load_record(store, workshop_id).workshop.title == record.workshop.title


@SETTINGS
@given(JSONISH)
def test_arbitrary_json_values(value: Any) -> None:
    _read(json.dumps(value))


@SETTINGS
@given(st.binary(max_size=200) | TEXT)
def test_arbitrary_bytes_and_text(data: bytes | str) -> None:
    _read(data)


@SETTINGS
@given(st.sampled_from(PATHS), JSONISH | st.none())
def test_a_valid_document_with_one_item_changed(path: list[Any], replacement: Any) -> None:
    _read(json.dumps(mutate(VALID, path, replacement)))


@settings(max_examples=10, deadline=None)
@given(st.sampled_from([p for p in PATHS if isinstance(p[-1], str)]), TEXT)
def test_a_valid_document_with_awkward_text_in_one_field(path: list[Any], text: str) -> None:
    _read(json.dumps(mutate(VALID, path, text)))
