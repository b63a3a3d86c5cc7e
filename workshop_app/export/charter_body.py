"""Parts 5-7 of the charter: the five principles with their commitments, commitments by party, the action plan."""

from __future__ import annotations

import datetime as dt

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph

from workshop_app.core.charter_content import CharterContent, Commitment, ConsentRecord, PrincipleSection
from workshop_app.export.flowables import data_table, part_heading, subheading
from workshop_app.export.pdf_styles import PAGE_MARGIN, esc, markup, para, styles

TEXT_WIDTH = 210 * mm - 2 * PAGE_MARGIN
SHORT_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def short_date(day: dt.date | None) -> str:
    """A compact date for tables: 30 Jun 2025 (or a dash)."""
    return f"{day.day} {SHORT_MONTHS[day.month - 1]} {day.year}" if day else "—"


def consent_words(consent: ConsentRecord) -> str:
    """'Consent: Council 3/3 · VCS 5/6' (agree out of votes cast, per party)."""
    return f"Consent: {consent.line or 'no votes cast'}"


def rule_words(consent: ConsentRecord) -> str:
    """'Agreed under the rule “Every party consents” in round 2, by secret ballot'."""
    ballot = "by secret ballot" if consent.secret else "by named vote"
    return f"Agreed under the rule “{consent.rule_name}” in round {consent.round_no}, {ballot}"


def principles(content: CharterContent) -> list[Flowable]:
    """Part 5: each principle's shift, then its agreed commitments with their consent records."""
    out = [*part_heading(5, "Our commitments under the five principles"),
           para("Each commitment below was agreed by a vote of the people in the room. Under each one is its "
                "consent record: for each party, how many people agreed out of those who voted.", "lead")]
    for section in content.principles:
        out += _principle(section)
    return out


def _principle(section: PrincipleSection) -> list[Flowable]:
    out: list[Flowable] = [
        subheading(f"{section.number}. {section.name}"),
        markup(f"<b>{esc(section.challenge)} → {esc(section.name)}.</b> {esc(section.shift)}", "shift"),
    ]
    if not section.commitments:
        out.append(para("No commitment under this principle was agreed at this workshop.", "record"))
    for commitment in section.commitments:
        out += commitment_block(commitment)
    return out


def commitment_block(commitment: Commitment) -> list[Flowable]:
    """One commitment: its code, its words, who makes it, its consent record and any dissent."""
    out: list[Flowable] = [Paragraph(esc(commitment.text), styles()["commitment"], bulletText=commitment.code)]
    notes = []
    if commitment.party:
        notes.append(f"Made by {commitment.party} on its own behalf")
    if commitment.route:
        notes.append(f"Route: {commitment.route}")
    if commitment.amended:
        notes.append("Agreed as amended")
    if notes:
        out.append(para(" · ".join(notes), "commitment_record"))
    out.append(markup(f"<b>{esc(consent_words(commitment.consent))}</b>", "commitment_record"))
    out.append(para(rule_words(commitment.consent), "commitment_record"))
    dissent = commitment.consent.dissent
    if dissent:
        out.append(markup(f"<b>Dissent recorded:</b> {esc(dissent)}", "commitment_record"))
    return out


def party_commitments(content: CharterContent) -> list[Flowable]:
    """Part 6: the commitments one party made on its own, in a coded table."""
    out = [*part_heading(6, "Commitments by party", new_page=False)]
    mine = content.party_commitments
    if not mine:
        out.append(para("No party made a commitment on its own at this workshop: every commitment in Part 5 "
                         "is shared by all the partners."))
        return out
    out.append(para("Some commitments were made by one party for itself. Each has a code: the party’s letter "
                    "and a number. Commitments shared by every partner are numbered S1, S2 and so on in Part 5."))
    names = {s.key: s.name for s in content.principles}
    rows = [[c.code, c.party or "", c.text, names.get(c.principle, c.principle), c.consent.line]
            for c in mine]
    out.append(data_table(["Code", "Party", "Commitment", "Principle", "Consent"], rows,
                          [14 * mm, 22 * mm, TEXT_WIDTH - 101 * mm, 27 * mm, 38 * mm], bold_first=True))
    return out


def action_plan(content: CharterContent) -> list[Flowable]:
    """Part 7: every action with its owner, due date, measure and status."""
    out = [*part_heading(7, "Action plan"),
           para("These are the things the partners will do to keep the commitments. Each has an owner and a way "
                "to tell that it is done. Progress is reported at every partnership meeting.", "lead")]
    if not content.actions:
        out.append(para("No actions have been recorded yet."))
        return out
    rows: list[list[str | Flowable]] = [
        [str(a.number), _action_cell(a.what, a.principle, a.commitment_code), a.owner, short_date(a.due),
         a.measure or "—", a.status]
        for a in content.actions
    ]
    widths = [9 * mm, 56 * mm, 30 * mm, 20 * mm, TEXT_WIDTH - 133 * mm, 18 * mm]
    out.append(data_table(["No.", "Action", "Owner", "Due", "How we will know", "Status"], rows, widths))
    return out


def _action_cell(what: str, principle: str, code: str) -> Flowable:
    source = f" · from {esc(code)}" if code else ""
    return markup(f"{esc(what)}<br/><font size=7 color='#5B6770'>{esc(principle)}{source}</font>", "cell")
