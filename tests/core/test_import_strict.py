"""Import is as strict as the app: every bad file is one sentence naming the JSON path, and nothing is kept."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from typing import Any

import pytest

from tests.core.interchange_fixtures import example_document
from tests.properties.strategies import assert_one_line
from workshop_app.core.errors import ImportError_
from workshop_app.core.interchange_import import read_document

Doc = dict[str, Any]
OBSERVER_REF = 22
"""The example's one observer."""


def _set(path: str, value: Any) -> Callable[[Doc], None]:
    """Return an edit that sets one field, given as a dotted path with [n] list steps."""

    def edit(doc: Doc) -> None:
        steps = path.replace("[", ".").replace("]", "").split(".")
        target: Any = doc
        for step in steps[:-1]:
            target = target[int(step)] if step.isdigit() else target[step]
        last = steps[-1]
        target[int(last) if last.isdigit() else last] = value

    return edit


# (what is wrong, the edit, the JSON path the sentence must name)
FIELD_CASES: list[tuple[str, Callable[[Doc], None], str]] = [
    ("unknown colour", _set("groups[0].colour", "red"), "groups[0].colour"),
    ("unknown mark", _set("groups[1].mark", "blob"), "groups[1].mark"),
    ("unknown principle of a proposal", _set("proposals[0].principle", "kindness"), "proposals[0].principle"),
    ("unknown principle of a score", _set("assessments[0].principle", "kindness"), "assessments[0].principle"),
    ("unknown principle of an action", _set("actions[0].principle", "kindness"), "actions[0].principle"),
    ("unknown route of a proposal", _set("proposals[0].route", "nowhere"), "proposals[0].route"),
    ("unknown route of a note", _set("notes[0].route", "nowhere"), "notes[0].route"),
    ("unknown plan", _set("workshop.plan_key", "no-such-plan"), "workshop.plan_key"),
    ("an observer's ballot", _set("vote_rounds[0].ballots[0].participant_ref", OBSERVER_REF),
     "vote_rounds[0].ballots[0].participant_ref"),
    ("a self-proxy", _set("vote_rounds[0].ballots[1].proxy_holder_ref", 2),
     "vote_rounds[0].ballots[1].proxy_holder_ref"),
    ("an observer's score", _set("assessments[0].participant_ref", OBSERVER_REF), "assessments[0].participant_ref"),
    ("empty participant name", _set("participants[3].name", "   "), "participants[3].name"),
    ("repeated participant name", _set("participants[1].name", "AISHA RAHMAN"), "participants[1].name"),
    ("empty group name", _set("groups[2].name", ""), "groups[2].name"),
    ("empty workshop title", _set("workshop.title", " "), "workshop.title"),
    ("empty proposal text", _set("proposals[4].text", ""), "proposals[4].text"),
    ("empty action", _set("actions[0].what", ""), "actions[0].what"),
    ("empty note", _set("notes[0].text", " "), "notes[0].text"),
    ("offset in seconds", _set("workshop.created_at", "2025-03-14T10:30:00+05:00:30"), "workshop.created_at"),
    ("offset past 14 hours", _set("proposals[0].created_at", "2025-03-14T10:30:00+23:00"), "proposals[0].created_at"),
    ("offset past the first year", _set("notes[0].created_at", "0001-01-01T00:00:00+01:00"), "notes[0].created_at"),
    ("64-bit overflow", _set("groups[0].position", 2**64), "groups[0].position"),
    ("NUL byte", _set("participants[0].name", "Ann\u0000"), "participants[0].name"),
    ("escape character", _set("proposals[1].text", "We will \u001b[31mmeet"), "proposals[1].text"),
    ("C1 control", _set("workshop.place", "Hall\u0085"), "workshop.place"),
    ("lone surrogate", _set("notes[0].text", "half \ud800 a pair"), "notes[0].text"),
]


def _refusal(text: str) -> str:
    """Import a file's text and return the refusal's sentence (it must refuse, in one line)."""
    with pytest.raises(ImportError_) as caught:
        read_document(text)
    assert_one_line(caught.value)
    return str(caught.value)


def _with(edit: Callable[[Doc], None]) -> str:
    """Return the example as file text with one edit made."""
    doc = copy.deepcopy(example_document())
    edit(doc)
    return json.dumps(doc)


def test_the_example_itself_imports() -> None:
    assert read_document(json.dumps(example_document())).workshop.title.startswith("Northside")


def test_the_example_names_aisha_first() -> None:
    assert example_document()["participants"][0]["name"] == "Aisha Rahman"
    assert example_document()["participants"][OBSERVER_REF - 1]["is_voting"] is False


@pytest.mark.parametrize(("case", "edit", "path"), FIELD_CASES, ids=[c[0] for c in FIELD_CASES])
def test_a_field_the_app_would_refuse_is_refused_naming_its_path(
    case: str, edit: Callable[[Doc], None], path: str
) -> None:
    message = _refusal(_with(edit))
    assert f"The field {path} " in message, message


def _text_replace(field: str, old: str, new: str) -> str:
    """Return the example's text with one JSON fragment replaced (for what json.dumps cannot write)."""
    text = json.dumps(example_document())
    assert text.count(old) >= 1, field
    return text.replace(old, new, 1)


RAW_CASES: list[tuple[str, Callable[[], str], str]] = [
    ("NaN", lambda: _text_replace("elapsed", '"elapsed_seconds": 0.0', '"elapsed_seconds": NaN'),
     "stage_progress.elapsed_seconds"),
    ("Infinity", lambda: _text_replace("elapsed", '"elapsed_seconds": 0.0', '"elapsed_seconds": Infinity'),
     "stage_progress.elapsed_seconds"),
    ("-Infinity", lambda: _text_replace("elapsed", '"elapsed_seconds": 0.0', '"elapsed_seconds": -Infinity'),
     "stage_progress.elapsed_seconds"),
    ("a number past a float", lambda: _text_replace("elapsed", '"elapsed_seconds": 0.0', '"elapsed_seconds": 1e999'),
     "stage_progress.elapsed_seconds"),
    ("a 5000-digit whole number", lambda: _text_replace("position", '"position": 0', '"position": ' + "9" * 5000),
     "groups[0].position"),
    ("a duplicate key", lambda: _text_replace("title", '"title": ', '"title": "First", "title": '), "workshop.title"),
    ("a duplicate key in a ballot", lambda: _text_replace("choice", '"choice": "agree"',
                                                          '"choice": "disagree", "choice": "agree"'),
     "vote_rounds[0].ballots[0].choice"),
    ("nesting 40 deep", lambda: _text_replace("format", '"format"', '"extra": ' + "[" * 40 + "]" * 40 + ', "format"'),
     "extra[0]"),
]


@pytest.mark.parametrize(("case", "text", "path"), RAW_CASES, ids=[c[0] for c in RAW_CASES])
def test_bad_json_is_refused_naming_its_path(case: str, text: Callable[[], str], path: str) -> None:
    message = _refusal(text())
    assert f"The field {path}" in message, message


def test_nesting_far_past_the_limit_is_one_sentence() -> None:
    message = _refusal("[" * 200_000 + "]" * 200_000)
    assert "levels deep" in message


def test_tabs_and_line_breaks_in_text_are_kept() -> None:
    doc = copy.deepcopy(example_document())
    doc["workshop"]["purpose"] = "Line one\nLine two\tand a tab\r\n"
    assert read_document(json.dumps(doc)).workshop.purpose == "Line one\nLine two\tand a tab\r\n"


def test_a_store_holding_infinity_from_an_older_import_is_not_exported_as_bad_json() -> None:
    from workshop_app.core import interchange
    from workshop_app.core.errors import WorkshopError

    record = read_document(json.dumps(example_document()))
    assert record.stage_progress is not None
    record.stage_progress.elapsed_seconds = float("inf")
    with pytest.raises(WorkshopError, match="not finite"):
        interchange.dumps(interchange.to_document(record))
