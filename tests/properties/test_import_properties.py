"""Import (read_document) on arbitrary JSON-ish input and on mutated valid documents: a record or one sentence."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.core.fakes import FakeStore
from tests.core.interchange_fixtures import EXAMPLE, consistently_edited
from tests.properties.strategies import JSONISH, TEXT, assert_one_line, mutate, paths_of
from workshop_app.core.changes import perform, read
from workshop_app.core.errors import WorkshopError
from workshop_app.core.interchange import dumps, to_document
from workshop_app.core.interchange_import import from_document, read_document
from workshop_app.core.model import Choice
from workshop_app.core.workshop_record import read_record, save_record

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
    workshop_id = perform(store, save_record, record).value
    assert read(store, read_record, workshop_id).workshop.title == record.workshop.title


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


HOSTILE = st.sampled_from([
    "\x00", "name\x00", "\x1b[31m", "\x7f", "\x85", "half \ud800", "\udfff", 2**63, -(2**63) - 1, 10**40,
    float("nan"), float("inf"), float("-inf"),
])
"""Values no field may hold: control characters, lone surrogates, numbers past 64 bits, NaN and infinities."""


def json_path(path: list[Any]) -> str:
    """Return a path as the refusals write it: `vote_rounds[0].ballots[2].choice`."""
    text = ""
    for step in path:
        text += f"[{step}]" if isinstance(step, int) else (f".{step}" if text else str(step))
    return text


def _refusal(text: str) -> str:
    """Import text that must be refused; return the one-line sentence."""
    try:
        read_document(text)
    except WorkshopError as error:
        assert_one_line(error)
        return str(error)
    raise AssertionError("the file was accepted")


@SETTINGS
@given(st.sampled_from(PATHS), HOSTILE)
def test_a_hostile_value_anywhere_is_refused_naming_its_path(path: list[Any], value: Any) -> None:
    message = _refusal(json.dumps(mutate(VALID, path, "__HOSTILE__")).replace('"__HOSTILE__"', json.dumps(value)))
    assert f"The field {json_path(path)} " in message, message


def _objects(value: Any, prefix: tuple[Any, ...] = ()) -> list[list[Any]]:
    """Return the path of every object with at least one key inside a JSON value (the top level first)."""
    found = [list(prefix)] if isinstance(value, dict) and value else []
    items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else []
    for key, item in items:
        found.extend(_objects(item, (*prefix, key)))
    return found


@SETTINGS
@given(st.sampled_from(_objects(VALID)), st.data())
def test_a_key_given_twice_in_any_object_is_refused_naming_it(path: list[Any], data: st.DataObject) -> None:
    obj = VALID
    for step in path:
        obj = obj[step]
    key = data.draw(st.sampled_from(sorted(obj)))
    doubled = "{" + f"{json.dumps(key)}: {json.dumps(obj[key])}, " + json.dumps(obj)[1:]
    text = json.dumps(mutate(VALID, path, "__DOUBLED__") if path else "__DOUBLED__").replace('"__DOUBLED__"', doubled)
    message = _refusal(text)
    assert f"The field {json_path([*path, key])} appears twice" in message, message


REVEALED_NAMED = [(n, len(r["ballots"])) for n, r in enumerate(VALID["vote_rounds"])
                  if r["results"] == "revealed" and not r["secret"]]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(REVEALED_NAMED), st.data(), st.sampled_from(list(Choice)))
def test_a_ballot_edited_consistently_is_refused_whenever_it_changes_the_result(
    round_and_size: tuple[int, int], data: st.DataObject, choice: Choice
) -> None:
    index, size = round_and_size
    ballot = data.draw(st.integers(0, size - 1))
    if choice == Choice.BLOCK:
        choice = Choice.DISAGREE  # a block needs a reason; the edit stays a valid ballot
    edited = consistently_edited(VALID, index, ballot, choice)
    same = edited["vote_rounds"][index]["outcome"] == VALID["vote_rounds"][index]["outcome"]
    try:
        from_document(edited)
    except WorkshopError as error:
        assert not same and f'Proposal {VALID["vote_rounds"][index]["proposal_ref"]} ("' in str(error)
        return
    assert same, "a file whose ballots no longer match its audit chain was accepted"


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from([p for p in PATHS if p[-1] in ("name", "text", "reason", "what", "owner", "purpose")]), TEXT)
def test_what_import_accepts_exports_again_and_imports_unchanged(path: list[Any], text: str) -> None:
    try:
        record = read_document(json.dumps(mutate(VALID, path, text)))
    except WorkshopError as error:
        assert_one_line(error)
        return
    store = FakeStore()
    first = to_document(read(store, read_record, perform(store, save_record, record).value))
    again = FakeStore()
    second = to_document(read(again, read_record, perform(again, save_record, read_document(dumps(first))).value))
    assert second["vote_rounds"] == first["vote_rounds"] and second["participants"] == first["participants"]
