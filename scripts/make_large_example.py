"""Build sessions/examples/eastbank-wellbeing-large.json: a large fictional room for the real-rooms checks.

Eastbank, its people and its alliance are made up; the title and the place say so. Sixty voters (and two
observers) sit in eight groups, with long names and names in Welsh, Polish, Turkish, Arabic, Chinese and
Japanese. The first principle is rated and voted on (one proposal agreed, one blocked with a reason, one
agreed by all but one group's abstentions); the record stops at the second principle's "where are we now?"
stage with about half the room rated, so opening it shows a rating in progress.

Run: .venv/bin/python scripts/make_large_example.py [OUT.json]
"""

from __future__ import annotations

import datetime as dt
import sys
import tempfile
from pathlib import Path

from workshop_app.core.changes import perform, read
from workshop_app.core import actions, assessment, charter_facts, notes, roster, stage_progress, voting, workshops
from workshop_app.core.model import (
    CharterFacts, Choice, DecisionRule, OwnerKind, Participant, PartyContact, Workshop,
)
from workshop_app.core.plans import plan_by_key
from workshop_app.export.json_export import export_json
from workshop_app.store.database import Store, open_store

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "sessions" / "examples" / "eastbank-wellbeing-large.json"
GROUPS = ("Council", "Health board", "Provider", "VCS", "Residents", "Elected members", "Unions",
          "Housing association")

PEOPLE: dict[str, list[str]] = {
    "Council": ["Olusegun Akinwande-Babatunde", "Llŷr ap Gwilym", "Margaret Thompson-Fairweather",
                "Rajesh Venkataraman", "Siobhán Ní Bhriain-Mhic Giolla Phádraig", "Tom Okafor",
                "Ewa Wiśniewska-Przybylska", "Ahmed Al-Rashid"],
    "Health board": ["Dr Gwenllian Rhys-Prydderch", "Yūko Takahashi (高橋 優子)", "Chukwuemeka Nwachukwu",
                     "Ana Brooks", "Grzegorz Brzęczyszczykiewicz", "Fiona MacLeod", "Mehmet Öztürk"],
    "Provider": ["Bea Lund", "Karim Haddad", "Şükrü Çağlayan Öztürkoğlu", "Aleksandra Żółtowska-Kowalczyk",
                 "Wang Xiuying (王秀英)", "Dafydd ap Iorwerth", "Priya Ramachandran-Sundaram", "Jon Hart"],
    "VCS": ["Cai Morgan", "Dewi Llŷr", "Fatima Zahra El-Amrani", "عبد الرحمن الهاشمي", "Zsófia Horváth",
            "Oluwaseun Adeyemi-Ogunleye", "Ngozi Eze", "Bartłomiej Szczepański"],
    "Residents": ["Eli Hart", "Sue Bell", "Maria-Magdalena Fernández de Córdoba", "Ayşe Yılmaz-Demirtaş",
                  "李小龙", "Nia Wyn Tudur-Hughes", "Kerry-Ann Brown", "Zoë Clarke", "Mei Ling Chen",
                  "Hamza Abdi Mohamed Warsame", "Seren Angharad Llewelyn-Bowen"],
    "Elected members": ["Cllr Rhodri Ap Hywel-Davies", "Cllr Joanna Pietrzak", "Cllr Emre Kılıçdaroğlu",
                        "Cllr Patience Osei-Bonsu", "Cllr Gareth Williams"],
    "Unions": ["Declan O'Sullivan-McCarthy", "Halina Kowalewska", "Nasser Al-Mutairi", "Bronwen Pugh",
               "Kwame Mensah-Boateng", "Jan Kowalski"],
    "Housing association": ["Amara Okonkwo-Ibekwe", "Ffion Haf Roberts", "Mustafa Şahin", "Gillian Ashworth-Pryce",
                            "Nguyễn Thị Minh Khai", "Rhian Morgan-Jones", "Tadeusz Wróblewski"],
}
OBSERVERS = [("Council", "Hywel Griffiths", "Scrutiny committee member"), ("Health board", "Dr Sarah Cohen", "")]
ABSENT = {"Jon Hart", "Jan Kowalski"}
WARDS = {"Eli Hart": "Felin ward", "Sue Bell": "Harbour ward", "李小龙": "Harbour ward", "Zoë Clarke": "Felin ward",
         "Hamza Abdi Mohamed Warsame": "Eastbank Central ward", "Ayşe Yılmaz-Demirtaş": "Eastbank Central ward"}
NAMED_RESIDENTS = {"Eli Hart", "Nia Wyn Tudur-Hughes", "Maria-Magdalena Fernández de Córdoba"}
"""Residents who agreed to be named; the others are shown by their ward."""
SIGNING = {"Olusegun Akinwande-Babatunde", "Dr Gwenllian Rhys-Prydderch", "Bea Lund", "Cai Morgan", "Eli Hart",
           "李小龙", "Cllr Patience Osei-Bonsu", "Declan O'Sullivan-McCarthy", "Amara Okonkwo-Ibekwe"}
FACTS = CharterFacts(
    0, board="One seat for each of the eight partners, and two seats for residents chosen by residents each year.",
    chair="Shared by a resident and the health board's director, who take turns meeting by meeting.",
    quorum="Six of the ten seats, with at least one resident.",
    information=("Each partner handles requests for information and personal data under its own policies; the "
                 "alliance publishes its papers so that most requests are not needed."),
    indicators="People waiting more than a month for a first appointment\nResidents who say they were listened to",
    reports="On the Eastbank Hub notice board and the alliance's web page, in English, Welsh, Polish and Arabic.",
)
CONTACTS = [("Council", "Olusegun Akinwande-Babatunde", "wellbeing@eastbank.example.gov.uk", ""),
            ("Health board", "", "", "029 2018 0000"), ("Residents", "Eli Hart", "residents@eastbank.example.org", "")]
BASE_SCORES = {"Council": 3, "Health board": 3, "Provider": 4, "VCS": 2, "Residents": 1, "Elected members": 3,
               "Unions": 2, "Housing association": 3}
"""Each group's starting score on the first principle; people move a step either way."""

PROPOSALS = [
    "We will hold every partnership meeting in the evening at the Eastbank Hub, with childcare and interpreters.",
    "We will share one budget for the wellbeing service, with every partner's spending shown line by line.",
    "We will ask residents to choose two of the eight seats on the alliance board each year.",
]
BLOCK_REASON = ("The health board cannot pool its budget until the national rules change next April, so we "
                "would be promising something we are not allowed to do.")
NOTES = ["Meet where people already are: the Hub, the mosque hall, the rugby club",
         "Interpreters for Polish, Arabic and Welsh at every open meeting",
         "One phone number that any resident can ring about any partner"]


def _voters(store: Store, wid: int, groups: dict[str, int]) -> list[tuple[int, str, str]]:
    """Add everyone (present unless listed absent); return the present voters as (id, name, group)."""
    voters = []
    for group, names in PEOPLE.items():
        for name in names:
            named = group != "Residents" or name in NAMED_RESIDENTS
            person = perform(store, roster.add_participant, Participant(wid, name, groups[group], ward=WARDS.get(name, ""),
                                                               publish_name=named, signs=name in SIGNING)).value
            assert person.id is not None
            if name not in ABSENT:
                perform(store, roster.set_present, person.id, True)
                voters.append((person.id, name, group))
    for group, name, role in OBSERVERS:
        person = perform(store, roster.add_participant, Participant(wid, name, groups[group], role=role, is_voting=False)).value
        assert person.id is not None
        perform(store, roster.set_present, person.id, True)
    return voters


def _choice(index: int, proposal: int, group: str, name: str) -> tuple[Choice, str]:
    """How each person votes: the first proposal passes, the second is blocked, the third passes."""
    if proposal == 1 and name == "Dr Gwenllian Rhys-Prydderch":
        return Choice.BLOCK, BLOCK_REASON
    if proposal == 2 and group == "Unions":
        return Choice.ABSTAIN, ""
    return (Choice.DISAGREE if index % 9 == 4 else Choice.AGREE), ""


def build(store: Store) -> int:
    """Run the fictional workshop up to its second rating and return its id."""
    plan = plan_by_key("charter")
    workshop = perform(store, workshops.create_workshop, Workshop(
        title="Eastbank Health and Wellbeing Alliance: charter workshop (a fictional example, large room)",
        partnership="Eastbank Health and Wellbeing Alliance", place="Eastbank Hub, Heol y Felin (a made-up place)",
        date=dt.date(2026, 6, 17), facilitator="Rhiannon Jenkins", plan_key="charter",
        decision_rule=DecisionRule.GROUP_CONSENT,
        purpose="Eight partners and the people of Eastbank plan the wellbeing service together, in the open.",
        scope="Health, housing and community wellbeing services in Eastbank, from July 2026 to June 2028.",
        next_review=dt.date(2027, 6, 16),
    ), GROUPS).value
    wid = workshop.id or 0
    groups = {g.name: g.id or 0 for g in read(store, workshops.list_groups, wid)}
    voters = _voters(store, wid, groups)
    for index, (pid, _name, group) in enumerate(voters):
        score = min(5, max(1, BASE_SCORES[group] + index % 3 - 1))
        perform(store, assessment.record_score, wid, "collaborative", groups[group], score, pid)
    for index, (pid, _name, group) in enumerate(voters[::2]):
        perform(store, assessment.record_score, wid, "creative", groups[group], 1 + (index + len(group)) % 5, pid)
    ideas = next(n for n, s in enumerate(plan.stages) if s.kind == "ideas")
    for index, text in enumerate(NOTES):
        perform(store, notes.add_note, wid, ideas, text, groups[GROUPS[index * 2]])
    agreed = _proposals(store, wid, voters)
    perform(store, actions.create_action, wid, "collaborative", "Book the Eastbank Hub for every evening meeting of 2026-27",
                          OwnerKind.GROUP, "Council", dt.date(2026, 7, 31), "Dates on the alliance's web page",
                          agreed[0])
    perform(store, actions.create_action, wid, "collaborative", "Run the first residents' election for two board seats",
                          OwnerKind.GROUP, "Residents", dt.date(2026, 10, 30), "Two residents on the board",
                          agreed[-1])
    people = {p.name: p.id for p in read(store, roster.list_participants, wid)}
    perform(store, charter_facts.save_facts, wid, FACTS, [PartyContact(wid, groups[g], "", people.get(who), email, phone)
                                                 for g, who, email, phone in CONTACTS])
    stage = next(n for n, s in enumerate(plan.stages) if s.kind == "assessment" and s.principle == "creative")
    perform(store, stage_progress.go_to_stage, wid, stage, len(plan.stages), plan.stages[stage].title)
    return wid


def _proposals(store: Store, wid: int, voters: list[tuple[int, str, str]]) -> list[int]:
    """Draft, vote on, close and reveal each proposal under the first principle; return the agreed ones' ids."""
    agreed = []
    for number, text in enumerate(PROPOSALS):
        proposal = perform(store, voting.create_proposal, wid, "collaborative", text).value
        vote = perform(store, voting.open_vote, proposal.id or 0, secret=number == 1).value
        for index, (pid, name, group) in enumerate(voters):
            choice, reason = _choice(index, number, group, name)
            perform(store, voting.cast, vote.id or 0, pid, choice, reason)
        perform(store, voting.close_vote, vote.id or 0)
        if perform(store, voting.reveal_vote, vote.id or 0).value.agreed:
            agreed.append(proposal.id or 0)
    return agreed


def main(argv: list[str]) -> int:
    """Build the example in a temporary store and write it to the chosen file."""
    out = Path(argv[0]) if argv else OUT
    with tempfile.TemporaryDirectory() as folder:
        store = open_store(Path(folder) / "example.sqlite")
        try:
            export_json(store, build(store), out)
        finally:
            store.close()
    print(f"Example workshop written to {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
