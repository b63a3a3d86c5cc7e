"""Hidden means hidden: while votes are open, no export, log or audit text holds a tally, a choice or a reason.

The JSON export is refused, in one sentence, while a vote is open or not revealed. The one place an
unrevealed round's ballots are written is the facilitator's private copy taken before a workshop is deleted.

Two checks for each artefact (JSON, CSV, charter PDF text, rotating log, audit text): a direct search for the
block reasons, counts and choice words next to a voter's name; and a twin store where the same people voted
in the same order with other choices, whose artefacts must be the same once times and hashes are set aside.
After the reveal the results appear where they should, and a secret ballot still names nobody.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from pypdf import PdfReader

from workshop_app.core.changes import perform, read
from workshop_app import logs, paths
from workshop_app.core import roster, voting, workshops
from workshop_app.core.model import Choice, Participant, Workshop
from workshop_app.export.charter_pdf import write_charter
from workshop_app.export.csv_export import export_csv
from workshop_app.core.errors import WorkshopError
from workshop_app.export.json_export import export_json, write_json
from workshop_app.store.database import Store, open_store

PEOPLE = {"Council": ["Ana Brooks", "Tom Okafor"], "Provider": ["Bea Lund", "Karim Haddad"],
          "VCS": ["Cai Morgan", "Dewi Llŷr"], "Residents": ["Eli Hart", "Sue Bell"]}
NAMED_REASON = "The route to market has not been costed at all"
SECRET_REASON = "Residents were never asked about the opening hours"
HANDS_REASON = "Our members want the youth budget ring-fenced"
CHOICE = r"(agree[ds]?|abstain\w*|disagree\w*|block\w*)"
# The votes cast while the vote is open, in order: (name, choice, reason); the twin casts other choices.
NAMED = [("Ana Brooks", Choice.AGREE), ("Tom Okafor", Choice.DISAGREE), ("Bea Lund", Choice.BLOCK),
         ("Cai Morgan", Choice.ABSTAIN), ("Tom Okafor", Choice.AGREE), ("Dewi Llŷr", Choice.AGREE)]
SECRET = [("Karim Haddad", Choice.BLOCK), ("Eli Hart", Choice.AGREE), ("Sue Bell", Choice.DISAGREE),
          ("Ana Brooks", Choice.ABSTAIN)]
TWIN = {Choice.AGREE: Choice.ABSTAIN, Choice.DISAGREE: Choice.AGREE, Choice.BLOCK: Choice.DISAGREE,
        Choice.ABSTAIN: Choice.AGREE}


@dataclass
class Scene:
    """A store with a workshop, a named and a secret vote, both open with ballots cast."""

    store: Store
    workshop_id: int
    named_round: int
    secret_round: int
    folder: Path


def build(folder: Path, twin: bool = False) -> Scene:
    """Create the workshop, open both votes and cast every ballot (the twin: other choices, no reasons)."""
    folder.mkdir(parents=True, exist_ok=True)
    store = open_store(folder / "store.sqlite3")
    workshop = perform(store, workshops.create_workshop, Workshop(
        "Charter workshop 2026", "Northside Leisure Partnership", "Northside", dt.date(2026, 3, 4),
        "Sam Rivers", "charter")).value
    wid = workshop.id or 0
    groups = {g.name: g.id or 0 for g in read(store, workshops.list_groups, wid)}
    ids = {name: perform(store, roster.add_participant, Participant(wid, name, groups[g], present=True)).value.id or 0
           for g, names in PEOPLE.items() for name in names}
    named = perform(store, voting.create_proposal, wid, "collaborative", "We will meet every month in a public venue.").value
    secret = perform(store, voting.create_proposal, wid, "accountable", "We will publish the shared risk register.").value
    named_round = perform(store, voting.open_vote, named.id or 0, secret=False).value.id or 0
    secret_round = perform(store, voting.open_vote, secret.id or 0, secret=True).value.id or 0
    for round_id, ballots, reason in ((named_round, NAMED, NAMED_REASON), (secret_round, SECRET, SECRET_REASON)):
        for name, choice in ballots:
            chosen = TWIN[choice] if twin else choice
            perform(store, voting.cast, round_id, ids[name], chosen, reason if chosen == Choice.BLOCK else "")
    perform(store, voting.cast, named_round, ids["Eli Hart"], Choice.ABSTAIN if twin else Choice.AGREE, "",
                       ids["Sue Bell"])
    hands = (0, 3, 0, 0) if twin else (1, 0, 1, 1)
    perform(store, voting.record_hand_count, secret_round, groups["VCS"], *hands, block_reason="" if twin else HANDS_REASON)
    return Scene(store, wid, named_round, secret_round, folder)


def artefacts(scene: Scene, tag: str) -> dict[str, str]:
    """Return every artefact's text: JSON, each CSV, the charter PDF, the log files and the audit texts."""
    out = scene.folder / tag
    out.mkdir()
    try:
        export_json(scene.store, scene.workshop_id, out / "workshop.json")
        texts = {"json": (out / "workshop.json").read_text(encoding="utf-8")}
    except WorkshopError as refusal:
        texts = {"json": str(refusal)}
        assert not (out / "workshop.json").exists()
    for path in export_csv(scene.store, scene.workshop_id, out / "csv"):
        texts[path.name] = path.read_text(encoding="utf-8-sig")
    write_charter(scene.store, scene.workshop_id, out / "charter.pdf")
    texts["pdf"] = "\n".join(page.extract_text() for page in PdfReader(out / "charter.pdf").pages)
    with scene.store() as uow:
        texts["audit"] = "\n".join(f"{e.kind}: {e.text}" for e in uow.audit_entries(scene.workshop_id))
    texts["log"] = "\n".join(p.read_text(encoding="utf-8") for p in sorted(paths.log_dir().glob("*.log*")))
    return texts


def unsealed(text: str) -> str:
    """Return an interchange file's text without its sealed ballots and counts (the one place they may be)."""
    document = json.loads(text)
    for vote in document["vote_rounds"]:
        for key in [k for k in vote if k.startswith("sealed_")]:
            del vote[key]
    return json.dumps(document, ensure_ascii=False, indent=2)


def leaks(text: str) -> list[str]:
    """Return what in a text would give a hidden vote away: reasons, counts, choices beside a voter's name."""
    found = [r for r in (NAMED_REASON, SECRET_REASON, HANDS_REASON) if r in text]
    found += re.findall(rf"\b\d+\s+{CHOICE}\b", text, re.IGNORECASE)
    found += re.findall(rf"\b{CHOICE}\W{{0,3}}\s*[:=]\s*\d+", text, re.IGNORECASE)
    for line in text.splitlines():
        names = [n for people in PEOPLE.values() for n in people if n in line]
        if names and re.search(rf"\b{CHOICE}\b", line, re.IGNORECASE):
            found.append(line.strip())
    return found


def neutral(text: str) -> str:
    """Set aside what differs between two runs for reasons other than the choices: times, hashes, paths."""
    text = re.sub(r"\d{4}-\d\d-\d\d[T ]\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)?", "<time>", text)
    text = re.sub(r"\b[0-9a-f]{16,64}\b", "<hash>", text)
    return text


@pytest.fixture
def logged() -> Iterator[Path]:
    """Send the app's log to the rotating log file at the most talkative level."""
    path = logs.setup_logging(logging.DEBUG)
    yield path
    for handler in list(logs.logger.handlers):
        logs.logger.removeHandler(handler)
        handler.close()


def crash_during_the_vote(scene: Scene) -> None:
    """Write a real crash report to the log while the votes are open (a bad choice reaching the core)."""
    try:
        perform(scene.store, voting.cast, scene.secret_round, 1, "maybe")  # type: ignore[arg-type]
    except ValueError as error:
        logs.record_crash(type(error), error, error.__traceback__)


def test_nothing_gives_an_open_vote_away(tmp_path: Path, logged: Path) -> None:
    scene = build(tmp_path / "real")
    logs.logger.info("Vote opened on the shared screen.")
    crash_during_the_vote(scene)
    texts = artefacts(scene, "open")
    scene.store.close()
    assert "ValueError" in texts["log"] and "Vote opened" in texts["log"]
    assert {name: leaks(text) for name, text in texts.items() if leaks(text)} == {}
    assert "is still open, and its choices must not leave the app" in texts["json"]
    assert texts["votes.csv"].splitlines()[1:] == []
    assert "A ballot was cast in round 1 of proposal 2." in texts["audit"]
    assert not any(name in line for line in texts["audit"].splitlines() if "proposal 2" in line
                   for people in PEOPLE.values() for name in people)


def test_the_artefacts_are_the_same_whatever_the_same_people_chose(tmp_path: Path, logged: Path) -> None:
    real, twin = build(tmp_path / "real"), build(tmp_path / "twin", twin=True)
    first, second = artefacts(real, "open"), artefacts(twin, "open")
    real.store.close()
    twin.store.close()
    differing = [name for name in first if neutral(first[name]) != neutral(second[name])]
    assert differing == []
    assert len(first) == 8 and all(first[name] for name in ("json", "pdf", "audit", "votes.csv"))


def revealed(scene: Scene) -> dict[str, str]:
    """Close and reveal both votes, then return the artefacts."""
    for round_id in (scene.named_round, scene.secret_round):
        perform(scene.store, voting.close_vote, round_id)
        perform(scene.store, voting.reveal_vote, round_id)
    texts = artefacts(scene, "revealed")
    scene.store.close()
    return texts


def test_the_checks_catch_results_once_they_exist(tmp_path: Path) -> None:
    first, second = revealed(build(tmp_path / "real")), revealed(build(tmp_path / "twin", twin=True))
    assert all(leaks(first[name]) for name in ("json", "votes.csv", "pdf", "audit"))
    assert [name for name in first if neutral(first[name]) != neutral(second[name])] == [
        "json", "votes.csv", "pdf", "audit"]


def test_after_the_reveal_the_results_are_there_and_a_secret_ballot_names_nobody(tmp_path: Path) -> None:
    texts = revealed(build(tmp_path / "real"))
    document = json.loads(texts["json"])
    named, secret = document["vote_rounds"]
    assert named["results"] == secret["results"] == "revealed"
    assert {b["choice"] for b in named["ballots"]} == {"agree", "disagree", "block", "abstain"}
    assert NAMED_REASON in {b["reason"] for b in named["ballots"]}
    assert all("participant_ref" not in b and b["voter"].startswith("anon-") for b in secret["ballots"])
    assert sorted(b["choice"] for b in secret["ballots"]) == ["abstain", "agree", "block", "disagree"]
    votes = texts["votes.csv"].splitlines()
    assert any(line.count("Bea Lund") == 1 and "block" in line and NAMED_REASON in line for line in votes)
    secret_rows = [line for line in votes if "risk register" in line]
    assert len(secret_rows) == 7  # four ballots and three show-of-hands counts
    assert not [line for line in secret_rows for people in PEOPLE.values() for n in people if n in line]
    assert "Not agreed" in texts["pdf"] and NAMED_REASON in texts["pdf"].replace("\n", " ")
    assert re.search(r"revealed: 4 agree, 1 abstain, 0 disagree, 1 block\. Not agreed", texts["audit"])
    assert re.search(r"revealed: 2 agree, 1 abstain, 2 disagree, 2 block\. Not agreed", texts["audit"])
    assert not [line for line in texts["audit"].splitlines() if "proposal 2" in line and "cast" in line
                and any(n in line for people in PEOPLE.values() for n in people)]


def test_only_the_private_copy_keeps_the_sealed_ballots(tmp_path: Path) -> None:
    scene = build(tmp_path / "real")
    out = tmp_path / "workshop.json"
    with pytest.raises(WorkshopError, match="still open"):
        export_json(scene.store, scene.workshop_id, out)
    assert not out.exists()
    assert write_json(scene.store, scene.workshop_id, out) == 2
    scene.store.close()
    text = out.read_text(encoding="utf-8")
    named, secret = json.loads(text)["vote_rounds"]
    assert [b["choice"] for b in named["sealed_ballots"]] == [str(c) for _, c in NAMED] + ["agree"]
    assert SECRET_REASON in {b["reason"] for b in secret["sealed_ballots"]}
    assert secret["sealed_hand_counts"][0]["block_reason"] == HANDS_REASON
    assert leaks(text) and not leaks(unsealed(text))
