"""Parts 5-7 of the charter: the five principles with their commitments, commitments by party, the action plan."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether

from workshop_app.core.charter_document import CharterDocument, Commitment, PrincipleSection
from workshop_app.export import charter_words as words
from workshop_app.export.charter_words import consent_line, rule_words, short_date
from workshop_app.export.flowables import data_table, part_heading, subheading
from workshop_app.export.pdf_styles import MUTED, PAGE_MARGIN, esc, markup, para

TEXT_WIDTH = 210 * mm - 2 * PAGE_MARGIN
def principles(charter: CharterDocument) -> list[Flowable]:
    """Part 5: each principle's shift, then its agreed commitments with their consent records."""
    out = [*part_heading(5, "Our commitments under the five principles"),
           para(words.PRINCIPLES_LEAD, "lead")]
    for section in charter.principles:
        out += _principle(section)
    return out


def _principle(section: PrincipleSection) -> list[Flowable]:
    """A principle's heading and shift, kept on one page with its first commitment; each commitment unbroken."""
    head: list[Flowable] = [
        subheading(f"{section.number}. {section.name}"),
        markup(f"<b>{esc(section.challenge)} → {esc(section.name)}.</b> {esc(section.shift)}", "shift"),
    ]
    if not section.commitments:
        return [KeepTogether([*head, para(words.NO_COMMITMENT, "record")])]
    blocks = [commitment_block(c) for c in section.commitments]
    return [KeepTogether([*head, *blocks[0]]), *(KeepTogether(block) for block in blocks[1:])]


def commitment_block(commitment: Commitment) -> list[Flowable]:
    """One commitment: its code, its words, who makes it, its consent record, dissent and abstentions."""
    out: list[Flowable] = [markup(esc(commitment.text), "commitment", bullet=commitment.code)]
    notes = []
    if commitment.party:
        notes.append(f"Made by {commitment.party} on its own behalf")
    if commitment.route:
        notes.append(f"Route: {commitment.route}")
    if commitment.amended:
        notes.append("Agreed as amended")
    if notes:
        out.append(para(" · ".join(notes), "commitment_record"))
    consent = commitment.consent
    if consent is None:
        kept = words.kept_words(commitment.kept) if commitment.kept else "Carried from an earlier version"
        return [*out, markup(f"<b>{esc(kept)}</b>", "commitment_record")]
    out.append(markup(f"<b>Consent: {esc(consent_line(consent))}</b>", "commitment_record"))
    out.append(para(rule_words(consent), "commitment_record"))
    if consent.dissent:
        out.append(markup(f"<b>Dissent recorded:</b> {esc(consent.dissent)}", "commitment_record"))
    if consent.abstentions:
        out.append(para(words.abstention_line(consent), "commitment_record"))
    return out


def party_commitments(charter: CharterDocument) -> list[Flowable]:
    """Part 6: which commitments each party made on its own, by code (their wording is in Part 5)."""
    out = [*part_heading(6, "Commitments by party", new_page=False)]
    if not charter.party_commitments:
        out.append(para(words.NO_PARTY_COMMITMENTS))
        return out
    out.append(para(words.PARTY_COMMITMENTS_LEAD))
    out.append(data_table(["Party", "Its own commitments (see Part 5)"], party_commitment_rows(charter),
                          [45 * mm, TEXT_WIDTH - 45 * mm], bold_first=True))
    return out


def party_commitment_rows(charter: CharterDocument) -> list[list[str]]:
    """One row per party that made commitments of its own: its codes, each with its principle."""
    names = {s.key: s.name for s in charter.principles}
    rows = []
    for party in charter.parties:
        own = [f"{c.code} ({names.get(c.principle, c.principle)})" for c in charter.party_commitments
               if c.party == party.name]
        if own:
            rows.append([party.name, "; ".join(own)])
    return rows


def action_plan(charter: CharterDocument) -> list[Flowable]:
    """Part 7: every action with its owner, due date, measure and status."""
    out = [*part_heading(7, "Action plan"),
           para(words.ACTIONS_LEAD, "lead")]
    if not charter.actions:
        out.append(para("No actions have been recorded yet."))
        return out
    rows: list[list[str | Flowable]] = [
        [str(a.number), _action_cell(a.what, a.principle, a.commitment_code), a.owner, short_date(a.due),
         a.measure or "—", a.status]
        for a in charter.actions
    ]
    widths = [11 * mm, 46 * mm, 28 * mm, 22 * mm, TEXT_WIDTH - 131 * mm, 24 * mm]
    out.append(data_table(["No.", "Action", "Owner", "Due", "How we will know", "Status"], rows, widths))
    return out


def _action_cell(what: str, principle: str, code: str) -> Flowable:
    source = f" · from {esc(code)}" if code else ""
    return markup(f"{esc(what)}<br/><font color='{MUTED.hexval()}'>{esc(principle)}{source}</font>", "cell")
