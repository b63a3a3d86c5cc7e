"""Build sessions/examples/northside-leisure.json by running a fictional workshop through the core operations.

Northside, its people and its partnership are made up; the title says so wherever the record is shown. The
record stops at charter review on the day, so every action is still open (none can be done before it is due).

Every vote is cast, closed and revealed by the same code the app uses, so the stated outcomes in the
file are right by construction. Run: .venv/bin/python scripts/make_example.py [OUT.json]
"""

from __future__ import annotations

import datetime as dt
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from workshop_app.core.changes import perform, read
from workshop_app.core.charter_wording import CharterWording, VersionWording, dump_version
from workshop_app.core import actions, assessment, audit, charter_facts, notes, roster, stage_progress, voting, workshops
from workshop_app.core.principles import PRINCIPLE_KEYS
from workshop_app.core.model import (
    ActionStatus, CharterFacts, CharterVersion, Choice, DecisionRule, OwnerKind, Participant, PartyContact, Workshop,
)
from workshop_app.core.plans import plan_by_key
from workshop_app.export.json_export import export_json
from workshop_app.store.database import Store, open_store

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "sessions" / "examples" / "northside-leisure.json"
GROUPS = ("Council", "Provider", "VCS", "Residents")

# name, group, organisation, role, voting, present
PEOPLE = [
    ("Aisha Rahman", "Council", "Northside Borough Council", "Head of Leisure and Culture", True, True),
    ("Tom Whitfield", "Council", "Northside Borough Council", "Cabinet Member for Communities", True, True),
    ("Siobhán O'Connell", "Council", "Northside Borough Council", "Commissioning Officer", True, True),
    ("Mohammed Iqbal", "Council", "Northside Borough Council", "Public Health Lead", True, True),
    ("Llŷr Evans", "Provider", "Northside Active Trust", "Chief Executive", True, True),
    ("Chloé Dubois", "Provider", "Northside Active Trust", "Centre Manager, Brynmawr Road", True, True),
    ("Kwame Mensah", "Provider", "Northside Active Trust", "Community Sport Coordinator", True, True),
    ("Grace Okafor", "VCS", "Northside Disability Forum", "Chair", True, True),
    ("Bartłomiej Nowak", "VCS", "Brynmawr Youth Project", "Youth Worker", True, True),
    ("Hannah Goldberg", "VCS", "Age Friendly Northside", "Coordinator", True, True),
    ("Fatima Hussain", "VCS", "Northside Women's Swimming Club", "Secretary", True, True),
    ("Olusegun Adeyemi", "VCS", "Northside Food Bank", "Volunteer Lead", True, True),
    ("Priya Patel", "Residents", "", "Resident, Eastfield ward", True, True),
    ("Zoë Clarke", "Residents", "", "Resident and parent, Brynmawr ward", True, True),
    ("Daniel Wright", "Residents", "", "Resident, Hillside ward", True, True),
    ("Siân Pritchard", "Residents", "", "Resident and pool user", True, True),
    ("José Martins", "Residents", "", "Resident, Eastfield ward", True, True),
    ("Mei Ling Chen", "Residents", "", "Resident, Old Town ward", True, True),
    ("Kerry-Ann Brown", "Residents", "", "Resident and carer", True, True),
    ("Stuart MacLeod", "Residents", "", "Resident, Hillside ward", True, False),
    ("Ayşe Demir", "Residents", "", "Resident, Old Town ward", True, True),
    ("Niamh Ní Bhriain", "Council", "Northside Borough Council", "Scrutiny Officer (observing)", False, True),
]

# name: (ward, agreed to be named in the charter, chosen to sign); everyone else is not named (if a resident)
# and does not sign
CHARTER_CHOICES = {
    "Aisha Rahman": ("", True, True), "Llŷr Evans": ("", True, True), "Grace Okafor": ("", True, True),
    "Bartłomiej Nowak": ("", True, True), "Hannah Goldberg": ("", True, True), "Fatima Hussain": ("", True, True),
    "Olusegun Adeyemi": ("", True, True),
    "Priya Patel": ("Eastfield ward", True, True), "Zoë Clarke": ("Brynmawr ward", True, False),
    "Daniel Wright": ("Hillside ward", False, False), "Siân Pritchard": ("", False, False),
    "José Martins": ("Eastfield ward", False, True), "Mei Ling Chen": ("Old Town ward", False, False),
    "Kerry-Ann Brown": ("", False, False), "Stuart MacLeod": ("Hillside ward", False, False),
    "Ayşe Demir": ("Old Town ward", True, False),
}

FACTS = CharterFacts(
    0, board=("One member from each of the council, the trust and the five charities, and four residents chosen "
              "through an open call."),
    chair="A resident board member, chosen by the board each year; the council does not chair it.",
    quorum="Five members, with at least one resident and one member from the council or the trust.",
    conflicts=("Members say at the start of each meeting if they gain from an item, and leave the room for "
               "the decision."),
    confidentiality="Papers are public unless they name a person or hold a price still being agreed.",
    information=("The council answers freedom of information requests about the board. Each partner keeps "
                 "personal data under its own data protection policy and shares none without consent."),
    expenses="Residents are paid back for travel and childcare on the day, in cash if they ask.",
    amending=("Any partner can ask to change this charter. The change is voted on at a board meeting under the "
              "same rule, and the charter gets a new version."),
    indicators=("Visits by people from Eastfield, each quarter\nNumber of people who use the centre for the "
                "first time\nWaiting list for swimming lessons\nResidents' yearly scorecard of this charter"),
    reports="On the partnership's page of the council website, and on paper at the centre's front desk.",
)

# party, organisation ("" = the party as a whole), contact person ("" = nobody named), email, phone
CONTACTS = [
    ("Council", "Northside Borough Council", "Aisha Rahman", "leisure@northside.example.gov.uk", "01632 960 100"),
    ("Provider", "Northside Active Trust", "Llŷr Evans", "hello@northside-active.example.org", ""),
    ("VCS", "Northside Disability Forum", "Grace Okafor", "", "01632 960 245"),
    ("Residents", "", "Priya Patel", "residents@northside-leisure.example.org", ""),
]

# Starting point per group for the five principles (collaborative, creative, adaptable, accountable,
# place_based); each person moves a step either way so the radar chart shows a spread.
BASE_SCORES = {
    "Council": (3, 3, 2, 3, 3), "Provider": (3, 4, 3, 3, 2),
    "VCS": (2, 3, 2, 2, 3), "Residents": (2, 2, 2, 1, 2),
}

Voter = tuple[int, str, str]  # participant id, name, group name
Chooser = Callable[[Voter], Choice | tuple[Choice, str]]


def everyone_agrees(voter: Voter) -> Choice:
    """Everybody agrees, except two residents who abstain."""
    return Choice.ABSTAIN if voter[1] in ("Daniel Wright", "Ayşe Demir") else Choice.AGREE


def _against(*groups: str) -> Chooser:
    """Most of the named groups disagree; the rest agree."""
    def choose(voter: Voter) -> Choice:
        if voter[2] in groups and voter[1] not in ("Kwame Mensah", "Priya Patel", "Fatima Hussain"):
            return Choice.DISAGREE
        return Choice.AGREE
    return choose


def _split_residents(voter: Voter) -> Choice:
    """Residents agree, one VCS member disagrees, a council member abstains."""
    return {"Olusegun Adeyemi": Choice.DISAGREE, "Tom Whitfield": Choice.ABSTAIN}.get(voter[1], Choice.AGREE)


BLOCK_REASON = ("Disabled children would lose the guaranteed lesson places they have now, and vouchers "
                "do not pay for the one-to-one support some of them need.")


def _blocked(voter: Voter) -> Choice | tuple[Choice, str]:
    """Grace Okafor blocks with a reason; the rest mostly agree."""
    if voter[1] == "Grace Okafor":
        return Choice.BLOCK, BLOCK_REASON
    return Choice.DISAGREE if voter[2] == "VCS" else Choice.AGREE


# principle, text, route, party (group name or ""), secret ballot, how people vote
PROPOSALS: list[tuple[str, str, str, str, bool, Chooser]] = [
    ("collaborative", "We will meet as a partnership board every three months, with residents and the VCS "
     "holding half of the seats.", "", "", False, everyone_agrees),
    ("collaborative", "The council will share the draft leisure budget with the partnership board before it "
     "goes to cabinet each year.", "", "Council", False, everyone_agrees),
    ("collaborative", "We will hand the management of the leisure centre to a community trust within twelve "
     "months.", "", "", True, _against("Council", "Provider")),
    ("creative", "We will run a 'try it free' fortnight each summer, designed with the Brynmawr Youth Project.",
     "", "", False, everyone_agrees),
    ("creative", "The provider will open the sports hall for community-led sessions on two weekday evenings "
     "at no charge.", "", "Provider", False, _split_residents),
    ("creative", "We will replace the swimming lessons subsidy with a voucher scheme.", "", "", False, _blocked),
    ("adaptable", "We will review the timetable every six months using what users and non-users tell us.",
     "", "", False, everyone_agrees),
    ("adaptable", "We will close the centre on Sundays to pay for longer opening on weekday evenings.",
     "", "", False, _against("Residents", "VCS")),
    ("accountable", "The provider will publish monthly usage figures broken down by postcode.",
     "", "Provider", False, _against("Provider")),
    ("accountable", "We will publish a plain-English progress report after every board meeting, on paper "
     "at the centre and online.", "", "", True, everyone_agrees),
    ("accountable", "We will ask residents to mark our progress against this charter once a year.",
     "", "", False, everyone_agrees),
    ("place_based", "We will keep women-only swimming sessions at times agreed with the women who use them.",
     "", "", False, everyone_agrees),
    ("place_based", "The council will fund a free bus from Eastfield to the centre on Saturday mornings for "
     "a one-year trial.", "", "Council", True, _split_residents),
]

AMENDED_FROM = "The provider will publish monthly usage figures broken down by postcode."
AMENDED_TO = ("The provider will publish monthly usage figures broken down by ward and age band, never "
              "showing a figure below ten.")

# what, principle, owner kind, owner, due, measure, status (all open: planned on the day), proposal text ("" = none)
ACTIONS = [
    ("Set up the partnership board and agree its terms of reference", "collaborative", OwnerKind.PARTICIPANT,
     "Aisha Rahman", dt.date(2025, 4, 30), "Terms of reference published; first meeting held",
     ActionStatus.OPEN, PROPOSALS[0][1]),
    ("Recruit four resident board members through an open call", "collaborative", OwnerKind.GROUP, "Residents",
     dt.date(2025, 5, 31), "Four residents appointed, at least two from Eastfield", ActionStatus.OPEN,
     PROPOSALS[0][1]),
    ("Share the 2025/26 draft leisure budget with the board", "collaborative", OwnerKind.ORGANISATION,
     "Northside Borough Council", dt.date(2025, 11, 15), "Budget paper discussed at the November board",
     ActionStatus.OPEN, PROPOSALS[1][1]),
    ("Plan the 'try it free' fortnight with young people", "creative", OwnerKind.ORGANISATION,
     "Brynmawr Youth Project", dt.date(2025, 6, 20), "Programme designed by at least ten young people",
     ActionStatus.OPEN, PROPOSALS[3][1]),
    ("Open the sports hall on Tuesday and Thursday evenings for community sessions", "creative",
     OwnerKind.PARTICIPANT, "Chloé Dubois", dt.date(2025, 5, 1), "Sessions running; bookings log kept",
     ActionStatus.OPEN, PROPOSALS[4][1]),
    ("Run the first six-monthly timetable review", "adaptable", OwnerKind.ORGANISATION, "Northside Active Trust",
     dt.date(2025, 9, 30), "Review report with user and non-user feedback", ActionStatus.OPEN,
     PROPOSALS[6][1]),
    ("Publish ward-level usage figures each month", "accountable", OwnerKind.PARTICIPANT, "Llŷr Evans",
     dt.date(2025, 5, 10), "Figures online by the 10th of each month", ActionStatus.OPEN, AMENDED_TO),
    ("Write and print the first plain-English progress report", "accountable", OwnerKind.ORGANISATION,
     "Age Friendly Northside", dt.date(2025, 7, 31), "Report on paper at the centre and online",
     ActionStatus.OPEN, PROPOSALS[9][1]),
    ("Design the annual resident scorecard", "accountable", OwnerKind.GROUP, "VCS", dt.date(2025, 12, 31),
     "Scorecard tested with twenty residents", ActionStatus.OPEN, PROPOSALS[10][1]),
    ("Agree women-only session times with the swimming club", "place_based", OwnerKind.PARTICIPANT,
     "Fatima Hussain", dt.date(2025, 4, 15), "New times on the timetable", ActionStatus.OPEN, PROPOSALS[11][1]),
    ("Commission the Saturday bus trial from Eastfield", "place_based", OwnerKind.PARTICIPANT, "Tom Whitfield",
     dt.date(2025, 8, 31), "Bus running; passenger numbers counted", ActionStatus.OPEN, PROPOSALS[12][1]),
    ("Map who does not use the centre and why, with the food bank", "place_based", OwnerKind.ORGANISATION,
     "Northside Food Bank", dt.date(2025, 10, 31), "Short report to the board", ActionStatus.OPEN, ""),
]


def build(store: Store) -> int:
    """Run the whole fictional workshop against a store and return its id."""
    plan = plan_by_key("charter")
    w = perform(store, workshops.create_workshop, Workshop(
        title="Northside Leisure Partnership: charter workshop (a fictional example)", partnership="Northside Leisure Partnership",
        place="Northside Community Centre, Brynmawr Road (a made-up place)", date=dt.date(2025, 3, 14),
        facilitator="Rhiannon Jenkins", plan_key="charter", decision_rule=DecisionRule.GROUP_CONSENT,
        purpose=("The council, Northside Active Trust, local charities and residents run the Brynmawr Road "
                 "leisure centre together so that more local people, especially those who use it least, "
                 "are active, welcome and heard."),
        scope=("The Brynmawr Road leisure centre and pool, and the outreach sessions run from it, from "
               "April 2025 to March 2027."),
        next_review=dt.date(2026, 3, 13),
    ), GROUPS).value
    assert w.id is not None
    groups = {g.name: g.id for g in read(store, workshops.list_groups, w.id)}
    people = _add_people(store, w.id, groups)
    _assess(store, w.id, people)
    _ideas(store, w.id, plan, groups)
    ids = _proposals(store, w.id, groups, people)
    for what, principle, kind, owner, due, measure, status, source in ACTIONS:
        perform(store, actions.create_action, w.id, principle, what, kind, owner, due, measure,
                              ids.get(source), status)
    _charter(store, w.id, plan.charter)
    _charter_facts(store, w.id, groups)
    index = next(n for n, s in enumerate(plan.stages) if s.kind == "charter_review")
    perform(store, stage_progress.go_to_stage, w.id, index, len(plan.stages), plan.stages[index].title)
    return w.id


def _add_people(store: Store, wid: int, groups: dict[str, int | None]) -> list[Voter]:
    """Add everyone and mark who is present; return the voters."""
    voters = []
    for name, group, organisation, role, voting_member, present in PEOPLE:
        gid = groups[group]
        assert gid is not None
        ward, named, signs = CHARTER_CHOICES.get(name, ("", False, False))
        person = perform(store, roster.add_participant, Participant(wid, name, gid, organisation, role, voting_member,
                                                           ward=ward, publish_name=named, signs=signs)).value
        assert person.id is not None
        if present:
            perform(store, roster.set_present, person.id, True)
        if voting_member:
            voters.append((person.id, name, group))
    return voters


def _assess(store: Store, wid: int, people: list[Voter]) -> None:
    """Every voter scores each principle: their group's starting point, a step up or down."""
    groups = {g.name: g.id for g in read(store, workshops.list_groups, wid)}
    for n, (pid, _, group) in enumerate(people):
        for k, principle in enumerate(PRINCIPLE_KEYS):
            score = min(5, max(1, BASE_SCORES[group][k] + ((n + k) % 3) - 1))
            perform(store, assessment.record_score, wid, principle, groups[group] or 0, score, pid)


def _ideas(store: Store, wid: int, plan: object, groups: dict[str, int | None]) -> None:
    """A few sticky notes at the ideas stages."""
    stages = getattr(plan, "stages")
    idea_stages = [n for n, s in enumerate(stages) if s.kind == "ideas"]
    perform(store, notes.add_note, wid, idea_stages[0], "Residents on the board, not just consulted", groups["Residents"])
    perform(store, notes.add_note, wid, idea_stages[1], "Let young people design a free taster fortnight", groups["VCS"])
    perform(store, notes.add_note, wid, idea_stages[3], "Say what we did with what people told us", groups["Council"])


def _vote(store: Store, proposal_id: int, secret: bool, people: list[Voter], chooser: Chooser) -> None:
    """Open a round, let everyone present vote, close and reveal it."""
    vote = perform(store, voting.open_vote, proposal_id, secret).value
    assert vote.id is not None
    for voter in people:
        if voter[1] == "Stuart MacLeod":
            continue  # absent
        picked = chooser(voter)
        choice, reason = picked if isinstance(picked, tuple) else (picked, "")
        perform(store, voting.cast, vote.id, voter[0], choice, reason)
    perform(store, voting.close_vote, vote.id)
    perform(store, voting.reveal_vote, vote.id)


def _proposals(store: Store, wid: int, groups: dict[str, int | None], people: list[Voter]) -> dict[str, int]:
    """Draft, vote and reveal every proposal; amend one and vote again; return ids by text."""
    ids: dict[str, int] = {}
    for principle, text, route, party, secret, chooser in PROPOSALS:
        proposal = perform(store, voting.create_proposal, wid, principle, text, route, groups[party] if party else None).value
        assert proposal.id is not None
        ids[text] = proposal.id
        _vote(store, proposal.id, secret, people, chooser)
    changed = ids[AMENDED_FROM]
    perform(store, voting.amend_proposal, changed, AMENDED_TO, "Llŷr Evans")
    ids[AMENDED_TO] = changed
    _vote(store, changed, False, people, everyone_agrees)
    return ids


def _charter(store: Store, wid: int, wording: CharterWording) -> None:
    """Save the draft charter wording (version 1) from the plan's defaults."""
    with store() as uow:
        uow.repo(CharterVersion).add(CharterVersion(
            workshop_id=wid, version=1, sections_json=dump_version(VersionWording(wording)),
        ))
        audit.append(uow, wid, "charter_drafted", "Charter version 1 was drafted from the plan's wording.")
        uow.commit()


def _charter_facts(store: Store, wid: int, groups: dict[str, int | None]) -> None:
    """The partners' governance, measures, reports and contacts, as the facilitator would type them in."""
    people = {p.name: p.id for p in read(store, roster.list_participants, wid)}
    contacts = [PartyContact(wid, groups[party] or 0, organisation, people.get(person), email, phone)
                for party, organisation, person, email, phone in CONTACTS]
    perform(store, charter_facts.save_facts, wid, FACTS, contacts)


def main(argv: list[str]) -> int:
    """Build the example in a temporary store and write it to the chosen file."""
    out = Path(argv[0]) if argv else OUT
    with tempfile.TemporaryDirectory() as folder:
        store = open_store(Path(folder) / "example.sqlite")
        try:
            workshop_id = build(store)
            export_json(store, workshop_id, out)
        finally:
            store.close()
    print(f"Example workshop written to {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
