"""The charter renderer with arbitrary Unicode in titles, names and proposal texts: a PDF that pypdf opens, or one sentence."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from tests.core.fakes import FakeStore
from tests.core.interchange_fixtures import EXAMPLE
from tests.properties.strategies import TEXT, assert_one_line
from workshop_app.core.changes import perform
from workshop_app.core.errors import WorkshopError
from workshop_app.core.interchange_import import read_document
from workshop_app.core.workshop_record import save_record
from workshop_app.export.charter_pdf import write_charter

DATA = EXAMPLE.read_bytes()


@pytest.fixture(scope="module")
def out_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One folder per module for the files its examples write; pytest removes old ones."""
    return tmp_path_factory.mktemp("charter-props")


@dataclasses.dataclass(frozen=True)
class Texts:
    """The strings put into the example workshop before its charter is rendered."""

    title: str
    partnership: str
    group: str
    person: str
    proposal: str
    action: str


TEXTS = st.builds(Texts, TEXT, TEXT, TEXT, TEXT, TEXT, TEXT)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS)
@example(Texts("", "", "A" * 3000, "", "", ""))  # found in CI: a group name taller than a page in its table
def test_the_charter_renders_or_refuses_in_one_sentence(out_dir: Path, texts: Texts) -> None:
    record = read_document(DATA)
    record.workshop.title, record.workshop.partnership = texts.title, texts.partnership
    record.groups[0].name = texts.group
    for person in record.participants[::3]:
        person.name = texts.person
    for proposal in record.proposals[::2]:
        proposal.text = texts.proposal * 3
    for action in record.actions:
        action.what, action.owner = texts.action, texts.person
    store = FakeStore()
    out = out_dir / "charter.pdf"
    try:
        write_charter(store, perform(store, save_record, record).value, out)
    except WorkshopError as error:
        assert_one_line(error)
        return
    reader = PdfReader(out)
    assert len(reader.pages) >= 5
    assert reader.pages[0].extract_text() is not None
