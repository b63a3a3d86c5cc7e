"""Part 12 of the charter: a signature block for each partner organisation and resident, then the facilitator.

A draft has no signature lines: it lists who will sign once the partners agree it.
"""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Table, TableStyle

from workshop_app.core.charter_document import CharterDocument
from workshop_app.export.charter_words import (
    DRAFT_SIGNATURES, SIGNING_LEAD, WITNESS_NOTE, Signatory, is_draft, signatories, signatory_line,
)
from workshop_app.export.flowables import bullets, gap, part_heading, subheading
from workshop_app.export.pdf_styles import ACCENT, INK, PAGE_MARGIN, SANS, para

TEXT_WIDTH = 210 * mm - 2 * PAGE_MARGIN
SIGNATURE_ROW = 3
"""The row of a block where the signature goes (it gets room for a hand)."""


def signatures(charter: CharterDocument) -> list[Flowable]:
    """Part 12: each organisation and resident signs (not on a draft), and the facilitator witnesses."""
    people = signatories(charter)
    out = [*part_heading(12, "Signatures")]
    if is_draft(charter):
        out += [para(DRAFT_SIGNATURES, "lead"),
                *bullets([signatory_line(s) for s in people] or ["Nobody has been named yet."])]
        return out
    out += [para(SIGNING_LEAD, "lead"), gap(4)]
    for party in charter.parties:
        mine = [s for s in people if s.party == party.name]
        if mine:  # the party's name stays on the page of its first block
            out.append(KeepTogether([subheading(party.name), _block(mine[0]), gap(8)]))
            out += [KeepTogether([_block(s), gap(8)]) for s in mine[1:]]
    facilitator = charter.workshop.facilitator or ""
    out.append(KeepTogether([subheading("Facilitator and witness"), para(WITNESS_NOTE, "record"),
                             _block(Signatory("", facilitator, "Facilitator", "the workshop")), gap(8),
                             _block(Signatory("", "", "Witness", "—"))]))
    return out


def _block(signatory: Signatory) -> Table:
    """Name, role, on whose behalf, a signature line with room to sign, and the date."""
    fields = [("Name", signatory.name), ("Role", signatory.role), ("Signed on behalf of", signatory.on_behalf_of),
              ("Signature", ""), ("Date", "")]
    rows = [[para(label, "cell_head"), para(value, "cell")] for label, value in fields]
    style = TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), SANS),
        ("LINEBELOW", (1, 0), (1, -1), 0.6, INK), ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
        ("LINEBEFORE", (0, 0), (0, -1), 2, ACCENT),
        ("TOPPADDING", (0, 0), (-1, -1), 6), ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("TOPPADDING", (0, SIGNATURE_ROW), (-1, SIGNATURE_ROW), 24),
    ])
    return Table(rows, colWidths=[45 * mm, TEXT_WIDTH - 75 * mm], style=style, hAlign="LEFT")


__all__ = ["signatures"]
