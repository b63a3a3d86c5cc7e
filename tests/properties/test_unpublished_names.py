"""A resident who has not agreed to be named never appears in a public output, whatever the script of the name.

Public outputs: the charter as PDF (read back with pypdf), HTML and Word, and the open-data CSV files. The JSON
interchange stays with the facilitator and keeps the name. A resident who agreed, in the same script, is a
control: it shows that each output would have shown the name.
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import docx
import pytest
from hypothesis import HealthCheck, Phase, assume, example, given, settings
from hypothesis import strategies as st

from tests.core.fakes import FakeStore
from tests.properties.test_charter_rooms import SCRIPTS, printed, words_of
from workshop_app.core import actions, assessment, charter_facts, charter_versions, roster, voting, workshops
from workshop_app.core.changes import perform, read
from workshop_app.core.charter import build_charter
from workshop_app.core.model import CharterFacts, Choice, OwnerKind, Participant, PartyContact, Workshop
from workshop_app.export.charter_docx import charter_document
from workshop_app.export.charter_html import charter_html
from workshop_app.export.charter_pdf import render_charter
from workshop_app.export.csv_export import actions_csv, assessments_csv, participants_csv, votes_csv
from workshop_app.export.json_export import workshop_document

WARD = "Glan-yr-afon ward"
NAME = st.text(alphabet=SCRIPTS, min_size=6, max_size=40).map(lambda s: " ".join(s.split())).filter(
    lambda s: len(s.replace(" ", "")) >= 5)


@pytest.fixture(scope="module")
def out_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One folder for the PDFs the examples write."""
    return tmp_path_factory.mktemp("unpublished-names")


def room(hidden: str, shown: str) -> tuple[FakeStore, int]:
    """A workshop where one resident (hidden) did not agree to be named and one (shown) did, both everywhere a
    name can go: the roster, a named vote, a score, an action they own, a contact and a signature line."""
    store = FakeStore()
    made = perform(store, workshops.create_workshop, Workshop(title="Names", partnership="Riverside", place="Hall",
                                                     date=dt.date(2025, 5, 1), facilitator="Fay Morgan",
                                                     plan_key="charter")).value
    wid = made.id or 0
    groups = {g.name: g.id or 0 for g in read(store, workshops.list_groups, wid)}
    people = [perform(store, roster.add_participant, Participant(wid, "Aled Jones", groups["Council"], "Riverside Council",
                                                        "Head of Leisure", present=True, signs=True)).value]
    for name, agreed in ((hidden, False), (shown, True)):
        people.append(perform(store, roster.add_participant, Participant(
            wid, name, groups["Residents"], role=f"Resident, {name}", present=True, ward=WARD, publish_name=agreed,
            signs=True)).value)
    proposal = perform(store, voting.create_proposal, wid, "collaborative", "We will meet every month.", "",
                       None).value
    vote = perform(store, voting.open_vote, proposal.id or 0, secret=False).value
    for person in people:
        perform(store, voting.cast, vote.id or 0, person.id or 0, Choice.AGREE, "")
        perform(store, assessment.record_score, wid, "collaborative", person.group_id, 3, person.id)
        perform(store, actions.create_action, wid, "collaborative", "Book the hall", OwnerKind.PARTICIPANT,
                person.name)
    perform(store, voting.close_vote, vote.id or 0)
    perform(store, voting.reveal_vote, vote.id or 0)
    perform(store, charter_facts.save_facts, wid, CharterFacts(wid, chair="A resident chairs."),
                             [PartyContact(wid, groups["Residents"], "", p.id, "r@example.org", "")
                              for p in people[1:2]])
    perform(store, charter_versions.mark_agreed, wid, dt.date(2025, 5, 2))
    return store, wid


_BASELINE: dict[str, tuple[set[str], str]] = {}


def baseline(out_dir: Path) -> tuple[set[str], str]:
    """What a charter of this room prints whatever the two names are: the PDF's words, and every output's text."""
    if "room" not in _BASELINE:
        store, wid = room("Xqzvj Hiddenname", "Wqzvk Shownname")
        content, doc = read(store, build_charter, wid), workshop_document(store, wid)
        texts = [charter_html(content), docx_text(content),
                 *(f(doc) for f in (participants_csv, assessments_csv, votes_csv, actions_csv))]
        _BASELINE["room"] = (printed(render_charter(content, out_dir / "baseline.pdf")), "\n".join(texts))
    return _BASELINE["room"]


def docx_text(content: object) -> str:
    """Every paragraph, table cell, header and footer of the Word document, read back with python-docx."""
    buffer = io.BytesIO()
    charter_document(content).save(buffer)  # type: ignore[arg-type]
    document = docx.Document(io.BytesIO(buffer.getvalue()))
    parts = [p.text for p in document.paragraphs]
    parts += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    parts += [p.text for section in document.sections for p in (*section.header.paragraphs,
                                                                *section.footer.paragraphs)]
    return "\n".join(parts)


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
          phases=(Phase.explicit, Phase.reuse, Phase.generate))  # no shrinking: each example renders a PDF
@given(st.tuples(NAME, NAME).filter(lambda pair: pair[0].casefold() not in pair[1].casefold()
                                    and pair[1].casefold() not in pair[0].casefold()))
@example(("Zoë Ng 吴", "Siân Prŷs"))
@example(("عبد الرحمن الهاشمي", "Ayşe Yılmaz-Demirtaş"))
@example(("李小龙", "高橋 優子"))
@example(("PARTNERSHIP CHARTER", "ŇÉPļŰآěشäŇŪ갸"))  # its words are printed anyway: not a name the PDF check can see
def test_no_unpublished_resident_name_in_any_public_output(out_dir: Path, names: tuple[str, str]) -> None:
    hidden, shown = names
    words, text = baseline(out_dir)  # a "name" the charter prints anyway (e.g. "PARTNERSHIP CHARTER") proves nothing
    assume(not words_of(hidden) <= words and hidden not in text and shown not in text)
    store, wid = room(hidden, shown)
    content = read(store, build_charter, wid)
    doc = workshop_document(store, wid)
    assert {p["name"] for p in doc["participants"]} >= {hidden, shown}  # the facilitator's copy keeps both
    outputs = {
        "html": charter_html(content),
        "docx": docx_text(content),
        "csv": "\n".join(f(doc) for f in (participants_csv, assessments_csv, votes_csv, actions_csv)),
    }
    for label, text in outputs.items():
        assert hidden not in text, label
        assert shown in text, label  # the control: this output does print an agreed name
        assert f"A resident of {WARD}" in text, label
    pdf_words = printed(render_charter(content, out_dir / "charter.pdf"))
    assert not words_of(hidden) <= pdf_words
    assert words_of(shown) <= pdf_words
