"""The charter's generated sentences, shared by the PDF, HTML and Word formats: each follows from the data."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from workshop_app.core.charter import is_residents
from workshop_app.core.charter_document import CharterDocument, Consent, Contact, KeptFrom, Party, Representative
from workshop_app.core.model import CharterFacts, CharterStatus, DecisionRule
from workshop_app.core.public_names import METHOD_NOTE

LANGUAGE = "en-GB"
FINGERPRINT_LENGTH = 16
NBSP = "\u00a0"
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")


def long_date(day: dt.date | None) -> str:
    """A date as people write it: 12 March 2025 (or 'not set')."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}" if day else "not set"


OUTCOME_WORDS = {
    "blocked": "Blocked", "not_agreed": "Not agreed", "tie": "Not agreed (tie)", "no_quorum": "No quorum",
    "no_votes": "No votes", "withdrawn": "Withdrawn",
}
"""How each kind of outcome is named in the table of proposals that were not agreed."""
SHORT_MONTHS = tuple(month[:3] for month in MONTHS)


def short_date(day: dt.date | None) -> str:
    """A compact date for tables: 30 Jun 2025 (or a dash)."""
    return f"{day.day} {SHORT_MONTHS[day.month - 1]} {day.year}" if day else "—"


def is_draft(charter: CharterDocument) -> bool:
    """True until the charter has been agreed."""
    return charter.status != CharterStatus.AGREED


def status_words(charter: CharterDocument) -> str:
    """'Agreed on 12 March 2025' or 'DRAFT, not yet agreed'."""
    if not is_draft(charter):
        return f"Agreed on {long_date(charter.agreed_on)}" if charter.agreed_on else "Agreed"
    return "DRAFT, not yet agreed"


def document_title(charter: CharterDocument) -> str:
    """The title as files and viewers show it; a draft says so."""
    return f"DRAFT: {charter.title}" if is_draft(charter) else charter.title


def subject(charter: CharterDocument) -> str:
    """The PDF subject line, true to the status."""
    workshop = charter.workshop
    if is_draft(charter):
        return (f"Draft partnership charter, version {charter.version}, from the workshop “{workshop.title}” on "
                f"{long_date(workshop.date)}; not yet agreed")
    return (f"Partnership charter, version {charter.version}, agreed on {long_date(charter.agreed_on)} at the "
            f"workshop “{workshop.title}”")


def document_id(charter: CharterDocument) -> str:
    """A short id that names this version of this partnership's charter: NLP-CHARTER-20250314-V1."""
    initials = "".join(word[0] for word in charter.workshop.partnership.split() if word[0].isalnum())
    return f"{initials[:5].upper() or 'P'}-CHARTER-{charter.workshop.date:%Y%m%d}-V{charter.version}"


def verification_line(charter: CharterDocument) -> str:
    """The footer's line for the public: the fingerprint and who can check it (or that the record failed its check)."""
    if not charter.record_ok:
        return (f"Record fingerprint {charter.fingerprint[:FINGERPRINT_LENGTH]}: the record failed its check, so this "
                "charter may be wrong.")
    return (f"Record fingerprint {charter.fingerprint[:FINGERPRINT_LENGTH]}; the facilitator can confirm it "
            "matches the workshop’s record.")


def workshop_line(charter: CharterDocument) -> str:
    """Where and when the charter was made (the venue, not the area it covers)."""
    return f"Made at a workshop at {charter.workshop.place} on {long_date(charter.workshop.date)}"


def summary_text(charter: CharterDocument) -> str:
    """The summary's opening paragraph, with the rule said as it was."""
    workshop = charter.workshop
    people = sum(p.present_count for p in charter.parties)
    names = join([p.name for p in charter.parties]) or "the partners"
    count = len(charter.commitments)
    agreed = f"{count} commitment{'s' if count != 1 else ''}"
    verb = "agreed" if not is_draft(charter) else "drafted"
    return (f"On {long_date(workshop.date)}, {people} {'person' if people == 1 else 'people'} from {names} met at "
            f"{workshop.place}. Together we {verb} {agreed} about how we will work as partners, under the five "
            f"principles of changemaking partnerships. {say_text(charter)}")


def say_text(charter: CharterDocument) -> str:
    """How much say each party and each person had, under the workshop's rule."""
    rule = charter.workshop.decision_rule
    if rule == DecisionRule.GROUP_CONSENT:
        return (f"Each party had an equal say: under the rule “{charter.rule_name}” a commitment counts as agreed "
                "only when every party consents.")
    return (f"Each person who could vote had one vote, so larger parties had more votes: a commitment counts as "
            f"agreed under the rule “{charter.rule_name}”.")


def next_text(charter: CharterDocument) -> str:
    """What happens next: the action plan and the review date."""
    actions = len(charter.actions)
    plan = f"Our action plan has {actions} action{'s' if actions != 1 else ''}, each with an owner" if actions \
        else "We have not yet written an action plan"
    return f"{plan}. We will review this charter by {long_date(charter.next_review)}, or sooner if something big " \
           "changes."


def period_text(charter: CharterDocument) -> str:
    """When the charter applies from and when it is reviewed (it never claims to end before its scope does)."""
    if is_draft(charter):
        start = "It will apply from the day the partners agree it"
    else:
        start = f"It applies from {long_date(charter.agreed_on or charter.workshop.date)}"
    return (f"{start}. The partners will review it by {long_date(charter.next_review)}; the review can renew it, "
            "change it or end it.")


def consent_line(consent: Consent) -> str:
    """'Council 3/3 · VCS 5/6' (agree out of votes cast), each entry unbreakable across lines."""
    return " · ".join(entry.replace(" ", NBSP) for entry in
                      (g.consent for g in consent.groups if g.counts.cast)) or "no votes cast"


def kept_words(kept: KeptFrom) -> str:
    """'Kept from version 1, agreed on 14 March 2025 at …; not voted on again at this workshop'."""
    where = f" at {kept.workshop_title}" if kept.workshop_title else ""
    return f"{kept.words}{where}; not voted on again at this workshop"


def rule_words(consent: Consent) -> str:
    """'Agreed under the rule “Every party consents” in round 2, by secret ballot'."""
    ballot = "by secret ballot" if consent.secret else "by named vote"
    return f"Agreed under the rule “{consent.rule_name}” in round {consent.round_no}, {ballot}"


def assessment_text(charter: CharterDocument) -> str:
    """What the radar shows, and where the parties differed most."""
    text = ("Before agreeing commitments, each party rated the partnership on each principle from 1 (the old, "
            "transactional way) to 5 (fully changemaking). The chart and the table show each party’s average.")
    if charter.largest_gap:
        text += f" The parties saw things most differently on “{charter.largest_gap}”."
    return text


PARTICIPATION_HEADER = ("Party", "Took part", "Of them, could vote", "Organisations")


def participation_rows(parties: Sequence[Party]) -> list[list[str]]:
    """Who took part, by party: people present, those of them with a vote, and their organisations."""
    return [[p.name, str(p.present_count), str(sum(1 for r in p.representatives if r.present and r.voting)),
             ("; ".join(p.organisations) or ("Residents speaking for themselves" if is_residents(p.name)
                                             else "No organisation recorded")) if p.representatives else "—"]
            for p in parties]


RADAR_COLUMNS = 4
"""The table of ratings has a column per party, this many parties to a table (more parties, more tables)."""


def radar_tables(charter: CharterDocument) -> list[tuple[list[str], list[list[str]]]]:
    """The numbers behind the radar: each party's average per principle, to one decimal place (a dash if none)."""
    def shown(value: float | None) -> str:
        return "—" if value is None else f"{value:.1f}"

    tables = []
    for start in range(0, len(charter.radar), RADAR_COLUMNS):
        chunk = charter.radar[start:start + RADAR_COLUMNS]
        header = ["Principle", *(s.group for s in chunk)]
        rows = [[axis, *(shown(s.means[i]) for s in chunk)] for i, axis in enumerate(charter.radar_axes)]
        tables.append((header, rows))
    return tables


CONTACT_HEADER = ("Party", "Contact", "How to reach them")


def contact_rows(charter: CharterDocument) -> list[list[str]]:
    """Who to contact: the facilitator, then each contact the facilitator chose (parties with none are left out)."""
    facilitator = charter.workshop.facilitator or "Not recorded"
    rows = [["Facilitator", f"{facilitator}, who ran the workshop and holds its record", "—"]]
    for party in charter.parties:
        rows += [[_contact_for(contact), _contact_who(contact), _contact_reach(contact)] for contact in party.contacts]
    return rows


def _contact_for(contact: Contact) -> str:
    """'VCS: Northside Food Bank', or the party's name alone."""
    return f"{contact.party}: {contact.organisation}" if contact.organisation else contact.party


def _contact_who(contact: Contact) -> str:
    """The contact's name and role, or a dash when only an address was given."""
    person = contact.person
    if person is None:
        return "—"
    return f"{person.name}, {person.role}" if person.role else person.name


def _contact_reach(contact: Contact) -> str:
    """'Email x · Phone y', or a dash."""
    parts = [f"Email {contact.email}" if contact.email else "", f"Phone {contact.phone}" if contact.phone else ""]
    return " · ".join(p for p in parts if p) or "—"


GOVERNANCE_LABELS = (
    ("board", "Who is on the partnership board"), ("chair", "Who chairs it"),
    ("quorum", "How many must be there to decide"), ("conflicts", "Conflicts of interest"),
    ("confidentiality", "Confidentiality"), ("information", "Freedom of information and data protection"),
    ("expenses", "Residents’ expenses"),
)
"""The governance facts in the order the charter prints them, each with its label."""
GOVERNANCE_HEADING = "How the partnership is run"
INDICATORS_HEADING = "How we will measure progress"
INDICATORS_LEAD = "We will use these measures to see whether the charter is working:"
REPORTS_HEADING = "Where we publish progress reports"
AMENDING_HEADING = "How this charter is changed"


def governance_items(facts: CharterFacts | None) -> list[tuple[str, str]]:
    """The governance facts that were given, each as (label, text); nothing for an empty one."""
    return [(label, getattr(facts, key)) for key, label in GOVERNANCE_LABELS if facts and getattr(facts, key)]


def reports(charter: CharterDocument) -> str:
    """Where progress reports are published, or ''."""
    return charter.facts.reports if charter.facts else ""


def amending(charter: CharterDocument) -> str:
    """How the charter is changed, or ''."""
    return charter.facts.amending if charter.facts else ""


def residents_choose(charter: CharterDocument) -> bool:
    """True when a residents' party took part, so the method note says how residents' names are shown."""
    return charter.unnamed_residents > 0 or any(is_residents(p.name) and p.representatives for p in charter.parties)


def radar_alt(charter: CharterDocument) -> str:
    """A sentence that says what the radar chart shows, for people who cannot see it."""
    return ("Radar chart of each party’s average “where are we now?” rating, from 1 to 5, on each of the "
            f"{len(charter.radar_axes)} principles; the same numbers are in the table below it.")


def join(names: Sequence[str]) -> str:
    """'A, B and C'."""
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} and {names[-1]}"


@dataclass(frozen=True)
class Signatory:
    """Who signs, in what role, and on whose behalf."""

    party: str
    name: str
    role: str
    on_behalf_of: str


RESIDENTS_BEHALF = "the residents who took part"


def signatories(charter: CharterDocument) -> list[Signatory]:
    """The people the facilitator chose to sign, by organisation and party; a blank line where nobody was chosen.

    Each partner organisation signs; a party's members without an organisation sign for the party; residents
    sign only when chosen as representatives, and one who is not named signs under their ward label.
    """
    out: list[Signatory] = []
    for party in charter.parties:
        for organisation in party.organisations:
            out += _signing(party, organisation, [r for r in party.representatives if r.organisation == organisation])
        unattached = [r for r in party.representatives if not r.organisation]
        if is_residents(party.name):
            out += _signing(party, RESIDENTS_BEHALF, unattached)
        elif unattached:
            out += _signing(party, party.name, unattached)
    return out


def _signing(party: Party, on_behalf_of: str, members: Sequence[Representative]) -> list[Signatory]:
    """The chosen signatories among some members, or one blank signatory when nobody was chosen."""
    chosen = [Signatory(party.name, r.name, r.role, on_behalf_of) for r in members if r.signs]
    return chosen or [Signatory(party.name, "", "", on_behalf_of)]


PARTIES_LEAD = "These are the partners who made this charter, and the people who spoke for them."
NOT_A_CONTRACT = ("This charter guides how the partners work together. It does not replace any contract, and it "
                  "does not change any partner’s legal or statutory duties.")
NO_SCOPE = "The work the partners do together, as this charter describes it."
PRINCIPLES_LEAD = ("Each commitment below was agreed by a vote of the people in the room. Under each one is its "
                   "consent record: for each party, how many people agreed out of those who voted.")
NO_COMMITMENT = "No commitment under this principle was agreed at this workshop."
NO_PARTY_COMMITMENTS = ("No party made a commitment on its own at this workshop: every commitment in Part 5 is "
                        "shared by all the partners.")
PARTY_COMMITMENTS_LEAD = ("Some commitments were made by one party for itself. This table shows which; the wording "
                          "and consent record of each are in Part 5 under its code.")
ACTIONS_LEAD = ("These are the things the partners will do to keep the commitments. Each has an owner and a way to "
                "tell that it is done.")
ESCALATION_LEAD = ("If partners disagree, or a commitment is not kept, we take these steps in order and move to the "
                   "next one only when the one before has not worked.")
NO_RATINGS = "No “where are we now?” ratings were recorded at this workshop."
ALL_AGREED = "Every proposal that was put to a vote was agreed."
NOT_AGREED_LEAD = ("These proposals were discussed but are not part of this charter. The reasons are recorded so "
                   "that they can be looked at again.")
DRAFT_SIGNATURES = ("This is a draft, so it has no signature lines. When the partners agree it, the charter is "
                    "printed again with a place for each of these people to sign:")
SIGNING_LEAD = ("By signing, each person confirms that this charter records what was agreed, and that they and those "
                "they sign for will work to keep its commitments.")
DRAFT_NOTE = "Nobody has signed it yet, and its wording may still change."
WITNESS_NOTE = "The facilitator ran the workshop and holds its record; the witness saw the partners sign."


def abstention_line(consent: Consent) -> str:
    """'1 abstained (VCS 1): they chose neither yes nor no, which is not dissent.'"""
    return f"{consent.abstentions}: they chose neither yes nor no, which is not dissent."


def how_made_text(charter: CharterDocument) -> str:
    """Part 11's opening: the workshop, who ran it, the rule, and that only revealed votes count."""
    workshop = charter.workshop
    return (f"This charter was made at “{workshop.title}”, a workshop at {workshop.place} on "
            f"{long_date(workshop.date)}, run by {workshop.facilitator or 'the facilitator'}. Decisions used the "
            f"rule “{charter.rule_name}”: {charter.rule_explanation} Vote results stayed hidden until the "
            "facilitator revealed them, and only revealed votes count here." +
            (f" {METHOD_NOTE}" if residents_choose(charter) else ""))


def undecided_text(count: int) -> str:
    """What happened to proposals that were never decided."""
    return (f"{count} other proposal{'s were' if count != 1 else ' was'} not decided at this workshop (not put to a "
            "vote, results not revealed, or changed since the last vote), so "
            f"{'they are' if count != 1 else 'it is'} not part of this charter.")


def signatory_line(signatory: Signatory) -> str:
    """'Aled Jones, Head of Leisure, on behalf of Northside Borough Council'."""
    role = f", {signatory.role}" if signatory.role else ""
    return f"{signatory.name or 'a person still to be named'}{role}, on behalf of {signatory.on_behalf_of}"
