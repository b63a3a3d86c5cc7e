"""Parts 8-11 of the charter: working together, when things go wrong, review, and how it was agreed."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Table, TableStyle

from workshop_app.core.charter_document import CharterDocument, NotAgreed
from workshop_app.export import charter_words as words
from workshop_app.export.charter_words import long_date
from workshop_app.export.flowables import bullets, data_table, gap, part_heading, subheading
from workshop_app.export.pdf_styles import (
    ACCENT, ACCENT_DARK, MUTED, PAGE_MARGIN, RULE, SANS, TINT, esc, markup, para,
)
from workshop_app.export.radar import radar_drawing

TEXT_WIDTH = 210 * mm - 2 * PAGE_MARGIN


def working_together(charter: CharterDocument) -> list[Flowable]:
    """Part 8: how the partners meet, how the partnership is run, its measures and its reports (each if given)."""
    out = [*part_heading(8, "Working together and monitoring"), para(charter.sections.working_together, "lead")]
    items = words.governance_items(charter.facts)
    if items:
        out += [subheading(words.GOVERNANCE_HEADING, "h3"),
                *(markup(f"<b>{esc(label)}.</b> {esc(text)}") for label, text in items)]
    if charter.indicators:
        out += [subheading(words.INDICATORS_HEADING, "h3"), para(words.INDICATORS_LEAD), *bullets(charter.indicators)]
    if words.reports(charter):
        out += [subheading(words.REPORTS_HEADING, "h3"), para(words.reports(charter))]
    return out


def when_things_go_wrong(charter: CharterDocument) -> list[Flowable]:
    """Part 9: the escalation ladder, and how residents raise a concern."""
    steps = charter.sections.escalation
    out = [*part_heading(9, "When things go wrong", new_page=False),
           para(words.ESCALATION_LEAD)]
    if steps:
        out.append(_ladder(steps))
    out += [subheading("If you are a resident with a concern"), para(charter.sections.resident_concerns)]
    return out


def _ladder(steps: tuple[str, ...]) -> Table:
    rows = [[markup(f"<b>{n}</b>", "lead"), para(step)] for n, step in enumerate(steps, start=1)]
    style = TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), SANS),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("BACKGROUND", (0, 0), (0, -1), TINT), ("TEXTCOLOR", (0, 0), (0, -1), ACCENT_DARK),
        ("ALIGN", (0, 0), (0, -1), "CENTER"),
        ("LINEBELOW", (0, 0), (-1, -2), 0.5, RULE), ("LINEBEFORE", (1, 0), (1, -1), 1.5, ACCENT),
        ("TOPPADDING", (0, 0), (-1, -1), 7), ("BOTTOMPADDING", (0, 0), (-1, -1), 7),
        ("LEFTPADDING", (1, 0), (1, -1), 10),
    ])
    return Table(rows, colWidths=[14 * mm, TEXT_WIDTH - 14 * mm], style=style, hAlign="LEFT", splitInRow=1)


def review(charter: CharterDocument) -> list[Flowable]:
    """Part 10: the next review date, what triggers an early review, and joining or leaving."""
    sections = charter.sections
    out = [*part_heading(10, "Review", new_page=False),
           markup(f"We will review this charter together by <b>{long_date(charter.next_review)}</b>.", "lead")]
    if sections.review_triggers:
        out += [subheading("We will review it sooner if", "h3"), *bullets(sections.review_triggers)]
    out += [subheading("Joining or leaving the partnership", "h3"), para(sections.joining_leaving)]
    if words.amending(charter):
        out += [subheading(words.AMENDING_HEADING, "h3"), para(words.amending(charter))]
    return out


def how_agreed(charter: CharterDocument) -> list[Flowable]:
    """Part 11: the workshop, who took part, the 'where are we now?' radar, and what was not agreed."""
    out = [*part_heading(11, "How this charter was agreed"),
           para(words.how_made_text(charter)),
           subheading("Who took part"),
           data_table(words.PARTICIPATION_HEADER, words.participation_rows(charter.parties),
                      [38 * mm, 22 * mm, 30 * mm, TEXT_WIDTH - 90 * mm], bold_first=True)]
    out += _assessment(charter)
    out += _not_agreed(charter)
    return out


def _assessment(charter: CharterDocument) -> list[Flowable]:
    out: list[Flowable] = [subheading("Where are we now?")]
    rated = any(v is not None for s in charter.radar for v in s.means)
    if not rated:
        return [*out, para(words.NO_RATINGS)]
    out.append(para(words.assessment_text(charter)))
    out.append(KeepTogether([gap(4), radar_drawing(charter.radar_axes, charter.radar, TEXT_WIDTH)]))
    first = 34 * mm
    for header, rows in words.radar_tables(charter):
        columns = words.RADAR_COLUMNS
        out += [data_table(header, rows, [first, *[(TEXT_WIDTH - first) / columns] * (len(header) - 1)],
                           bold_first=True), gap(6)]
    return out


def _not_agreed(charter: CharterDocument) -> list[Flowable]:
    out: list[Flowable] = [subheading("Proposals that were not agreed")]
    if not charter.not_agreed:
        out.append(para(words.ALL_AGREED))
    else:
        intro = para(words.NOT_AGREED_LEAD)
        intro.keepWithNext = True
        out.append(intro)
        out.append(data_table(["Proposal", "Principle", "Outcome", "Why"], [_refusal_row(n) for n in charter.not_agreed],
                              [TEXT_WIDTH - 124 * mm, 30 * mm, 24 * mm, 70 * mm]))
    if charter.undecided_count:
        out.append(para(words.undecided_text(charter.undecided_count), "record"))
    return out


def _refusal_row(item: NotAgreed) -> list[str | Flowable]:
    why = esc(_tidy(item.reason))
    if item.consent and item.consent.line:
        why += f"<br/><font color='{MUTED.hexval()}'>{esc(words.consent_line(item.consent))}</font>"
    text = f"{item.text} ({item.party} only)" if item.party else item.text
    return [text, item.principle, words.OUTCOME_WORDS.get(item.kind, "Not agreed"), markup(why, "cell")]


def _tidy(reason: str) -> str:
    """Drop a doubled full stop left where a quoted reason already ended with one."""
    return reason[:-1] if reason.endswith("..") and not reason.endswith("...") else reason
