"""Parts 1-4 of the charter: cover and document control, the summary, the parties, purpose and scope."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepInFrame, PageBreak, Table, TableStyle

from workshop_app.core.charter_document import CharterDocument, Commitment, Party
from workshop_app.export import charter_words as words
from workshop_app.export.charter_words import is_draft, long_date, status_words
from workshop_app.export.flowables import Bookmark, bullets, data_table, gap, part_heading, subheading
from workshop_app.export.pdf_styles import (
    ACCENT, PAGE_MARGIN, RULE, SANS, WARN, esc, markup, para,
)

TEXT_WIDTH = 210 * mm - 2 * PAGE_MARGIN
SUMMARY_HEIGHT = 205 * mm
SUMMARY_CLIP = 220
PARTIES_PER_ROW = 4


def clip(text: str, limit: int) -> str:
    """Shorten text to about `limit` characters at a word break, with an ellipsis."""
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0] if " " in text[:limit] else text[:limit]
    return cut.rstrip(" ,;:.") + "…"


def cover(charter: CharterDocument) -> list[Flowable]:
    """Part 1: the title, the parties at equal weight, and the document control table."""
    workshop = charter.workshop
    badge_colour = WARN if is_draft(charter) else ACCENT
    return [
        Bookmark("part1", "1. Cover and document control"),
        gap(18 * mm),
        markup("DRAFT PARTNERSHIP CHARTER" if is_draft(charter) else "PARTNERSHIP CHARTER", "cover_kicker"),
        gap(4),
        para(workshop.partnership, "cover_title"),
        para(words.workshop_line(charter), "cover_sub"),
        markup(f'<font color="{badge_colour.hexval()}"><b>{esc(status_words(charter))}</b></font>'
               f" · Version {charter.version}", "lead"),
        gap(10 * mm),
        markup("THE PARTNERS", "cover_kicker"),
        gap(4),
        _party_grid(charter.parties),
        gap(12 * mm),
        subheading("Document control"),
        _control_table(charter),
        *_changes(charter),
        subheading("Version history"),
        _history_table(charter),
    ]


def _changes(charter: CharterDocument) -> list[Flowable]:
    """For version 2 on: what changed since the version before, one line each."""
    lines = [line for line in charter.changes.splitlines() if line.strip()]
    if charter.version < 2 or not lines:
        return []
    return [subheading(f"What changed since version {charter.version - 1}"), *bullets(lines)]


def _party_grid(parties: tuple[Party, ...]) -> Flowable:
    """Every party's name in the same type and the same size of box: no partner comes first in weight."""
    if not parties:
        return para("No parties have been added to this workshop yet.")
    per_row = min(PARTIES_PER_ROW, len(parties))
    width = TEXT_WIDTH / per_row
    cells: list[list[Flowable] | str] = [
        [para(p.name, "party"), *(para(org, "party_org") for org in p.organisations)] for p in parties]
    rows = [cells[i:i + per_row] for i in range(0, len(cells), per_row)]
    rows[-1] += [""] * (per_row - len(rows[-1]))
    style = TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), SANS),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 9), ("BOTTOMPADDING", (0, 0), (-1, -1), 9),
        ("LINEABOVE", (0, 0), (-1, 0), 1.2, ACCENT), ("LINEBELOW", (0, -1), (-1, -1), 1.2, ACCENT),
        ("INNERGRID", (0, 0), (-1, -1), 0.5, RULE),
    ])
    return Table(rows, colWidths=[width] * per_row, style=style)


def _control_table(charter: CharterDocument) -> Table:
    workshop = charter.workshop
    rows: list[tuple[str, str | Flowable]] = [
        ("Title", charter.title),
        ("Document ID", words.document_id(charter)),
        ("Partnership", workshop.partnership),
        ("Workshop", f"{workshop.title}, at {workshop.place}, {long_date(workshop.date)}"),
        ("Status", status_words(charter)),
        ("Version", str(charter.version)),
        ("Next review", f"By {long_date(charter.next_review)}"),
        ("Facilitator", workshop.facilitator or "Not recorded"),
        ("Record fingerprint", markup(f"{charter.fingerprint[:32]}<br/>{charter.fingerprint[32:]}", "cell")),
    ]
    if charter.changes and charter.version < 2:
        rows.append(("Changes in this version", charter.changes))
    table = data_table(["Item", "Detail"], rows, [42 * mm, TEXT_WIDTH - 42 * mm], bold_first=True)
    table.setStyle(TableStyle([("ROWBACKGROUNDS", (0, 1), (-1, -1), ["white"])]))
    return table


def _history_table(charter: CharterDocument) -> Table:
    """Every version so far: number, status, date and what it changed."""
    rows = [[str(v.number), "Agreed" if v.status == "agreed" else "Draft", long_date(v.day), v.note]
            for v in charter.history]
    return data_table(["Version", "Status", "Date", "What changed"], rows,
                      [20 * mm, 20 * mm, 36 * mm, TEXT_WIDTH - 76 * mm])


def summary(charter: CharterDocument) -> list[Flowable]:
    """Part 2: the whole charter on one page, in plain words."""
    body: list[Flowable] = [para(words.summary_text(charter), "lead"), subheading("Our main commitments")]
    top = top_commitments(charter)
    body += bullets([f"{clip(c.text, SUMMARY_CLIP)} ({c.code})" for c in top]) if top else [
        para("No commitments have been agreed yet.")]
    body += [subheading("What happens next"), para(words.next_text(charter)), subheading("Who to contact"),
             _contacts_table(charter)]
    return [PageBreak(), *part_heading(2, "The charter in brief", new_page=False),
            KeepInFrame(TEXT_WIDTH, SUMMARY_HEIGHT, body, mode="shrink")]


def top_commitments(charter: CharterDocument, limit: int = 6) -> list[Commitment]:
    """The best-supported commitment of each principle first, then the next best, up to `limit`."""
    def support(c: Commitment) -> float:
        counted = c.consent.totals.cast if c.consent else 0  # a kept commitment was not voted on here
        return c.consent.totals.agree / counted if c.consent and counted else 0.0

    ranked = [sorted(s.commitments, key=lambda c: -support(c)) for s in charter.principles]
    chosen: list[Commitment] = []
    for depth in range(max((len(r) for r in ranked), default=0)):
        chosen += [r[depth] for r in ranked if depth < len(r)]
    return chosen[:limit]


def _contacts_table(charter: CharterDocument) -> Table:
    return data_table(words.CONTACT_HEADER, words.contact_rows(charter), [35 * mm, 55 * mm, TEXT_WIDTH - 90 * mm],
                      bold_first=True)


def parties(charter: CharterDocument) -> list[Flowable]:
    """Part 3: each party with its organisations and people, and in what capacity they took part."""
    out = [*part_heading(3, "The parties"),
           para(words.PARTIES_LEAD, "lead"),
           markup(f"<b>What this charter is.</b> {esc(words.NOT_A_CONTRACT)}", "notice")]
    for party in charter.parties:
        out.append(subheading(f"{party.name}  ({party.prefix})"))
        if party.organisations:
            out.append(para("Organisations: " + "; ".join(party.organisations), "record"))
        rows = [[r.name, r.role or "—", r.capacity] for r in party.representatives]
        out.append(data_table(["Name", "Role", "Capacity"], rows, [55 * mm, 50 * mm, TEXT_WIDTH - 105 * mm])
                   if rows else para("Nobody from this party took part."))
    return out


def purpose(charter: CharterDocument) -> list[Flowable]:
    """Part 4: the shared purpose, the service or area, and the period covered."""
    sections = charter.sections
    scope = sections.scope or words.NO_SCOPE
    return [*part_heading(4, "Purpose and scope", new_page=False),
            subheading("Our shared purpose"), para(sections.purpose, "lead"),
            subheading("The service or area"), para(scope),
            subheading("The period it covers"),
            para(words.period_text(charter)),
            subheading("How we decided"),
            para(f"{charter.rule_name}: {charter.rule_explanation}")]
