"""CSV import preview on arbitrary Unicode rows and bytes: a preview of good rows and problems, or one sentence."""

from __future__ import annotations

import csv
import io

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.properties.strategies import TEXT, assert_one_line
from workshop_app.core.errors import WorkshopError
from workshop_app.core.model import Participant, StakeholderGroup
from workshop_app.core.participants_csv import decode, preview_csv

GROUPS = [StakeholderGroup(1, "Council", "#000000", "▲", id=10), StakeholderGroup(1, "Residents", "#ffffff", "●", id=11)]
EXISTING = [Participant(1, "Aisha Rahman", 10, id=5)]
SETTINGS = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
CELL = TEXT | st.sampled_from(["Council", "residents", "yes", "no", "", "Aisha Rahman"])


def _preview(text: str) -> None:
    """Preview a file; every row is either a good participant of a known group or has a one-line problem."""
    try:
        preview = preview_csv(text, 1, GROUPS, EXISTING)
    except WorkshopError as error:
        assert_one_line(error)
        return
    names = [p.name.casefold() for p in preview.good]
    assert len(names) == len(set(names)) and "aisha rahman" not in names
    for person in preview.good:
        assert person.group_id in (10, 11) and person.name.strip() and person.workshop_id == 1
    for row in preview.problems:
        assert row.problem.strip() and "\n" not in row.problem


def _csv(rows: list[list[str]]) -> str:
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    return out.getvalue()


@SETTINGS
@given(st.lists(st.lists(CELL, max_size=6), max_size=8))
def test_rows_under_the_usual_header(rows: list[list[str]]) -> None:
    _preview(_csv([["name", "organisation", "group", "role", "voting"], *rows]))


@SETTINGS
@given(st.lists(st.lists(CELL, max_size=6), max_size=8))
def test_arbitrary_rows_and_header(rows: list[list[str]]) -> None:
    _preview(_csv(rows))


@SETTINGS
@given(st.binary(max_size=300))
def test_arbitrary_bytes_decode_and_preview(data: bytes) -> None:
    _preview(decode(data))
