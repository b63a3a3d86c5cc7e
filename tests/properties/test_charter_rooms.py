"""The charter for any room: 1-12 groups, any number of organisations, names of 40 characters in any script."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, example, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from tests.core.fakes import FakeStore
from workshop_app.core.changes import perform, read
from workshop_app.core import roster, voting, workshops
from workshop_app.core.model import Choice, Participant, Workshop
from workshop_app.export.charter_pdf import write_charter


@pytest.fixture(scope="module")
def out_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One folder per module for the files its examples write; pytest removes old ones."""
    return tmp_path_factory.mktemp("charter-rooms")


NAMES = ("Gwasanaethau Cymdeithasol Ynys Môn ŵŷ", "Łódzkie Stowarzyszenie Pomocy Społecznej", "Güneşli Çocuk Vakfı",
         "جمعية الخدمات المجتمعية", "北区社区服务中心 吴", "Northside Health and Care Board", "Zoë Ng 吴")
SCRIPTS = "".join(map(chr, [*range(0x41, 0x5B), *range(0xC0, 0x17F), *range(0x621, 0x63B), *range(0x641, 0x64B),
                             *range(0x4E00, 0x4E80), *range(0xAC00, 0xAC40), *range(0x3041, 0x3094), 0x20]))
"""Latin with Welsh, Polish and Turkish letters, Arabic, CJK ideographs, Hangul, Hiragana, and the space."""
ORGANISATION = st.sampled_from(NAMES) | st.text(alphabet=SCRIPTS, min_size=1, max_size=40).filter(str.strip)


def build(groups: int, organisations: list[list[str]]) -> tuple[FakeStore, int]:
    """A workshop with this many groups, each with its organisations' people (and one resident), one vote."""
    store = FakeStore()
    made = perform(store, workshops.create_workshop, Workshop(title="Rooms", partnership="Any Room", place="Hall",
                                                     date=dt.date(2025, 5, 1), facilitator="Siân Prŷs",
                                                     plan_key="charter")).value
    wid = made.id or 0
    existing = read(store, workshops.list_groups, wid)
    for extra in range(len(existing), groups):
        perform(store, workshops.add_group, wid, f"Group {extra + 1} {NAMES[extra % len(NAMES)]}"[:40])
    for group in read(store, workshops.list_groups, wid)[groups:]:
        perform(store, workshops.remove_group, group.id or 0)
    people = []
    for number, (group, orgs) in enumerate(zip(read(store, workshops.list_groups, wid), organisations, strict=False)):
        for index, org in enumerate([*orgs, ""]):
            people.append(perform(store, roster.add_participant, Participant(
                wid, f"{NAMES[index % len(NAMES)][:30]} {number}.{index}", group.id or 0, org, "Lead",
                present=True)).value)
    proposal = perform(store, voting.create_proposal, wid, "collaborative", "We will meet every month.", "", None).value
    rnd = perform(store, voting.open_vote, proposal.id or 0, secret=False).value
    for person in people:
        perform(store, voting.cast, rnd.id or 0, person.id or 0, Choice.AGREE, "")
    perform(store, voting.close_vote, rnd.id or 0)
    perform(store, voting.reveal_vote, rnd.id or 0)
    return store, wid


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow],
          phases=(Phase.explicit, Phase.reuse, Phase.generate))  # no shrinking: each example renders a PDF
@given(st.integers(min_value=1, max_value=12).flatmap(
    lambda n: st.tuples(st.just(n), st.lists(st.lists(ORGANISATION, max_size=4, unique=True), min_size=n, max_size=n))))
@example((5, [["A"], ["B", "C"], ["D"], ["E"], []]))  # five groups crashed: the parties grid padded with a list
@example((6, [[], [], [], [], [], []]))
@example((7, [["One"]] * 7))
@example((9, [["x" * 40] * 1] * 9))
@example((3, [["ĚÜ갈öي J"], [], []]))  # a word mixing Arabic with other letters is read back in two pieces
@example((12, [[f"Organisation {n} of group {g}" for n in range(7)] for g in range(12)]))
def test_any_room_renders_every_party_and_organisation(out_dir: Path, room: tuple[int, list[list[str]]]) -> None:
    groups, organisations = room
    store, wid = build(groups, organisations)
    out = out_dir / "charter.pdf"
    write_charter(store, wid, out)
    text = printed(out)
    for group in read(store, workshops.list_groups, wid):
        assert words_of(group.name) <= text, group.name
    for orgs in organisations:
        for org in orgs:
            assert words_of(org) <= text, org


def printed(path: Path) -> set[str]:
    """Every word the PDF prints, read back and normalised (joined Arabic letter forms become plain letters)."""
    return words_of(" ".join(page.extract_text() or "" for page in PdfReader(path).pages))


RTL_EDGE = re.compile("(?<=[\u0590-\u08ff])(?=[^\u0590-\u08ff])|(?<=[^\u0590-\u08ff])(?=[\u0590-\u08ff])")
"""Where a word turns from right-to-left letters to others, or back: a PDF reader may put a space there."""


def words_of(text: str) -> set[str]:
    """The words of a text, normalised (NFKC), ignoring order: right-to-left names may wrap in visual order, and a
    word mixing right-to-left and other letters is read back in pieces, so it counts as its pieces."""
    return {piece for word in unicodedata.normalize("NFKC", text).split() for piece in RTL_EDGE.split(word) if piece}
