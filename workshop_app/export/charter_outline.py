"""The charter as plain blocks (headings, paragraphs, lists, tables, the chart) for the HTML and Word formats.

It says what the PDF says, part by part, with the same sentences (charter_words), without the PDF's layout.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from workshop_app.core.about import load_about
from workshop_app.core.charter_document import CharterDocument, Commitment
from workshop_app.export import charter_words as words
from workshop_app.export.charter_words import is_draft, long_date, short_date



@dataclass(frozen=True)
class Heading:
    """A heading: level 1 is the title, 2 a part, 3 a section inside a part."""

    level: int
    text: str


@dataclass(frozen=True)
class Para:
    """A paragraph; `strong` text comes first in bold, `kind` is 'lead', 'notice', 'record' or ''."""

    text: str
    kind: str = ""
    strong: str = ""


@dataclass(frozen=True)
class Items:
    """A bulleted or numbered list."""

    items: tuple[str, ...]
    numbered: bool = False


@dataclass(frozen=True)
class Grid:
    """A table with a header row; `row_headers` makes the first cell of each row a header too."""

    caption: str
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    row_headers: bool = False


@dataclass(frozen=True)
class Chart:
    """The 'where are we now?' radar chart, with a sentence that says what it shows."""

    alt: str


@dataclass(frozen=True)
class CommitmentBlock:
    """One agreed commitment: code, words and the lines of its record."""

    code: str
    text: str
    lines: tuple[str, ...] = field(default_factory=tuple)


Block = Heading | Para | Items | Grid | Chart | CommitmentBlock


def outline(charter: CharterDocument) -> list[Block]:
    """Every block of the charter, part 1 to part 12."""
    return [*_cover(charter), *_summary(charter), *_parties(charter), *_purpose(charter), *_principles(charter),
            *_party_commitments(charter), *_actions(charter), *_working(charter), *_how_agreed(charter),
            *_credit(), *_signatures(charter)]


def _cover(charter: CharterDocument) -> list[Block]:
    workshop = charter.workshop
    control = [("Document ID", words.document_id(charter)), ("Partnership", workshop.partnership),
               ("Workshop", f"{workshop.title}, at {workshop.place}, {long_date(workshop.date)}"),
               ("Status", words.status_words(charter)), ("Version", str(charter.version)),
               ("Next review", f"By {long_date(charter.next_review)}"),
               ("Facilitator", workshop.facilitator or "Not recorded"), ("Record fingerprint", charter.fingerprint)]
    history = tuple((str(v.number), "Agreed" if v.status == "agreed" else "Draft", long_date(v.day), v.note)
                    for v in charter.history)
    out: list[Block] = [Heading(1, words.document_title(charter)),
                        Para(f"{words.workshop_line(charter)}. Version {charter.version}.", "lead",
                             strong=words.status_words(charter) + ". "),
                        Heading(2, "The partners"),
                        Items(tuple(f"{p.name}: {'; '.join(p.organisations)}" if p.organisations else p.name
                                    for p in charter.parties)),
                        Heading(2, "Document control"),
                        Grid("Document control", ("Item", "Detail"), tuple(control), row_headers=True)]
    lines = [line for line in charter.changes.splitlines() if line.strip()]
    if charter.version >= 2 and lines:
        out += [Heading(3, f"What changed since version {charter.version - 1}"), Items(tuple(lines))]
    return [*out, Heading(3, "Version history"),
            Grid("Version history", ("Version", "Status", "Date", "What changed"), history)]


def _summary(charter: CharterDocument) -> list[Block]:
    from workshop_app.export.charter_front import top_commitments  # the PDF's own choice of the top six

    top = tuple(f"{c.text} ({c.code})" for c in top_commitments(charter))
    return [Heading(2, "Part 2. The charter in brief"), Para(words.summary_text(charter), "lead"),
            Heading(3, "Our main commitments"), Items(top) if top else Para("No commitments have been agreed yet."),
            Heading(3, "What happens next"), Para(words.next_text(charter)),
            Heading(3, "Who to contact"), Grid("Who to contact", tuple(words.CONTACT_HEADER),
                                               tuple(tuple(r) for r in words.contact_rows(charter)), row_headers=True)]


def _parties(charter: CharterDocument) -> list[Block]:
    out: list[Block] = [Heading(2, "Part 3. The parties"), Para(words.PARTIES_LEAD, "lead"),
                        Para(words.NOT_A_CONTRACT, "notice", strong="What this charter is. ")]
    for party in charter.parties:
        out.append(Heading(3, f"{party.name} ({party.prefix})"))
        if party.organisations:
            out.append(Para("Organisations: " + "; ".join(party.organisations), "record"))
        rows = tuple((r.name, r.role or "—", r.capacity) for r in party.representatives)
        out.append(Grid(f"People from {party.name}", ("Name", "Role", "Capacity"), rows, row_headers=True) if rows
                   else Para("Nobody from this party took part."))
    return out


def _purpose(charter: CharterDocument) -> list[Block]:
    sections = charter.sections
    return [Heading(2, "Part 4. Purpose and scope"), Heading(3, "Our shared purpose"), Para(sections.purpose, "lead"),
            Heading(3, "The service or area"), Para(sections.scope or words.NO_SCOPE),
            Heading(3, "The period it covers"), Para(words.period_text(charter)),
            Heading(3, "How we decided"), Para(f"{charter.rule_name}: {charter.rule_explanation}")]


def _principles(charter: CharterDocument) -> list[Block]:
    out: list[Block] = [Heading(2, "Part 5. Our commitments under the five principles"),
                        Para(words.PRINCIPLES_LEAD, "lead")]
    for section in charter.principles:
        out += [Heading(3, f"{section.number}. {section.name}"),
                Para(section.shift, "record", strong=f"{section.challenge} → {section.name}. ")]
        if not section.commitments:
            out.append(Para(words.NO_COMMITMENT, "record"))
        out += [CommitmentBlock(c.code, c.text, tuple(commitment_lines(c))) for c in section.commitments]
    return out


def commitment_lines(commitment: Commitment) -> list[str]:
    """The record under a commitment: who makes it, its consent, the rule, dissent and abstentions."""
    consent = commitment.consent
    notes = [f"Made by {commitment.party} on its own behalf" if commitment.party else "",
             f"Route: {commitment.route}" if commitment.route else "", "Agreed as amended" if commitment.amended else ""]
    if consent is None:
        kept = words.kept_words(commitment.kept) if commitment.kept else "Carried from an earlier version"
        return [line for line in (" · ".join(n for n in notes if n), kept) if line]
    lines = [" · ".join(n for n in notes if n), f"Consent: {words.consent_line(consent)}", words.rule_words(consent),
             f"Dissent recorded: {consent.dissent}" if consent.dissent else "",
             words.abstention_line(consent) if consent.abstentions else ""]
    return [line for line in lines if line]


def _party_commitments(charter: CharterDocument) -> list[Block]:
    from workshop_app.export.charter_body import party_commitment_rows

    rows = party_commitment_rows(charter)
    if not rows:
        return [Heading(2, "Part 6. Commitments by party"), Para(words.NO_PARTY_COMMITMENTS)]
    return [Heading(2, "Part 6. Commitments by party"), Para(words.PARTY_COMMITMENTS_LEAD),
            Grid("Commitments by party", ("Party", "Its own commitments (see Part 5)"),
                 tuple(tuple(r) for r in rows), row_headers=True)]


def _actions(charter: CharterDocument) -> list[Block]:
    rows = tuple((str(a.number), a.what + (f" ({a.principle}, from {a.commitment_code})" if a.commitment_code
                                           else f" ({a.principle})"), a.owner, short_date(a.due), a.measure or "—",
                  a.status) for a in charter.actions)
    return [Heading(2, "Part 7. Action plan"), Para(words.ACTIONS_LEAD, "lead"),
            Grid("Action plan", ("No.", "Action", "Owner", "Due", "How we will know", "Status"), rows) if rows
            else Para("No actions have been recorded yet.")]


def _working(charter: CharterDocument) -> list[Block]:
    sections = charter.sections
    out: list[Block] = [Heading(2, "Part 8. Working together and monitoring"),
                        Para(sections.working_together, "lead"), *_governance(charter),
                        Heading(2, "Part 9. When things go wrong"), Para(words.ESCALATION_LEAD)]
    if sections.escalation:
        out.append(Items(sections.escalation, numbered=True))
    out += [Heading(3, "If you are a resident with a concern"), Para(sections.resident_concerns),
            Heading(2, "Part 10. Review"), Para(f"We will review this charter together by "
                                              f"{long_date(charter.next_review)}.", "lead")]
    if sections.review_triggers:
        out += [Heading(3, "We will review it sooner if"), Items(sections.review_triggers)]
    out += [Heading(3, "Joining or leaving the partnership"), Para(sections.joining_leaving)]
    if words.amending(charter):
        out += [Heading(3, words.AMENDING_HEADING), Para(words.amending(charter))]
    return out


def _governance(charter: CharterDocument) -> list[Block]:
    """How the partnership is run, its measures and where it reports, each only when given."""
    items = words.governance_items(charter.facts)
    out: list[Block] = [Heading(3, words.GOVERNANCE_HEADING),
                        *(Para(text, strong=f"{label}. ") for label, text in items)] if items else []
    if charter.indicators:
        out += [Heading(3, words.INDICATORS_HEADING), Para(words.INDICATORS_LEAD), Items(charter.indicators)]
    if words.reports(charter):
        out += [Heading(3, words.REPORTS_HEADING), Para(words.reports(charter))]
    return out


def _how_agreed(charter: CharterDocument) -> list[Block]:
    out: list[Block] = [Heading(2, "Part 11. How this charter was agreed"), Para(words.how_made_text(charter)),
                        Heading(3, "Who took part"),
                        Grid("Who took part", words.PARTICIPATION_HEADER,
                             tuple(tuple(r) for r in words.participation_rows(charter.parties)), row_headers=True),
                        Heading(3, "Where are we now?")]
    if any(v is not None for s in charter.radar for v in s.means):
        out += [Para(words.assessment_text(charter)), Chart(words.radar_alt(charter)),
                *(Grid("Average ratings from 1 to 5", tuple(header), tuple(tuple(r) for r in rows), row_headers=True)
                  for header, rows in words.radar_tables(charter))]
    else:
        out.append(Para(words.NO_RATINGS))
    out.append(Heading(3, "Proposals that were not agreed"))
    if not charter.not_agreed:
        out.append(Para(words.ALL_AGREED))
    else:
        refused = tuple((f"{n.text} ({n.party} only)" if n.party else n.text, n.principle,
                         words.OUTCOME_WORDS.get(n.kind, "Not agreed"), n.reason) for n in charter.not_agreed)
        out += [Para(words.NOT_AGREED_LEAD), Grid("Proposals that were not agreed",
                                                  ("Proposal", "Principle", "Outcome", "Why"), refused)]
    if charter.undecided_count:
        out.append(Para(words.undecided_text(charter.undecided_count), "record"))
    return out


def _credit() -> list[Block]:
    source = load_about().source
    return [Heading(3, "Where the principles come from"),
            Para(source.citation), Para(source.credit)]


def _signatures(charter: CharterDocument) -> list[Block]:
    people = words.signatories(charter)
    if is_draft(charter):
        return [Heading(2, "Part 12. Signatures"), Para(words.DRAFT_SIGNATURES, "lead"),
                Items(tuple(words.signatory_line(s) for s in people) or ("Nobody has been named yet.",))]
    rows = tuple((s.name, s.role or "—", s.on_behalf_of) for s in people)
    return [Heading(2, "Part 12. Signatures"), Para(words.SIGNING_LEAD, "lead"),
            Grid("Who signs", ("Name", "Role", "Signed on behalf of"), rows, row_headers=True),
            Para(f"Facilitator: {charter.workshop.facilitator or 'not recorded'}. {words.WITNESS_NOTE}", "record")]
