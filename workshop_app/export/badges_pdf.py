"""The badge sheet: one card per participant: a badge to wear (name, group) and a private slip to tear off.

Eight cards to an A4 page, to cut out. The personal phone code and its QR are only on the slip below the
tear line, marked "keep this private", never on the part that is worn: a code on a chest can be scanned by
a neighbour. The QR holds the join address with the code after '#', so the code never reaches a server log;
the code is printed too, for typing. Observers get a card that says they do not vote, with no code or slip.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import segno
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from workshop_app import files
from workshop_app.core.phone_codes import Badge, format_code
from workshop_app.export.pdf_styles import ACCENT_DARK, INK, MUTED, RULE, SANS, SANS_BOLD, para, register_fonts

COLUMNS, ROWS = 2, 4
MARGIN = 12 * mm
QR_SIZE = 28 * mm
SLIP_H = 40 * mm  # the private slip at the foot of each card, below the tear line


def join_link(join_url: str, code: str) -> str:
    """Return the address a badge's QR opens: the join page with the code in the fragment."""
    return f"{join_url.rstrip('/')}/#c={code}"


def write_badges(out: Path, badges: Iterable[Badge], join_url: str, workshop_title: str) -> Path:
    """Write the badge sheet PDF for these badges (whole or not at all) and return its path."""
    register_fonts()
    items = list(badges)
    return files.write_file(Path(out).expanduser().resolve(),
                            lambda temp: _draw_sheet(temp, items, join_url, workshop_title))


def _draw_sheet(out: Path, items: list[Badge], join_url: str, workshop_title: str) -> None:
    """Draw every badge, eight to a page, into one PDF file."""
    canvas = Canvas(str(out), pagesize=A4, pageCompression=1, initialFontName=SANS, initialFontSize=10)
    canvas.setTitle(f"Phone voting badges — {workshop_title}")
    canvas.setAuthor("Changemaking Partnership Workshop")
    width, height = A4
    card_w = (width - 2 * MARGIN) / COLUMNS
    card_h = (height - 2 * MARGIN) / ROWS
    for index, badge in enumerate(items):
        slot = index % (COLUMNS * ROWS)
        if index and slot == 0:
            canvas.showPage()
        x = MARGIN + (slot % COLUMNS) * card_w
        y = height - MARGIN - (slot // COLUMNS + 1) * card_h
        _card(canvas, badge, x, y, card_w, card_h, join_url, workshop_title)
    if not items:
        canvas.setFont(SANS, 12)
        canvas.drawString(MARGIN, height - MARGIN - 12, "No participants yet: add people before printing badges.")
    canvas.save()


def _card(canvas: Canvas, badge: Badge, x: float, y: float, w: float, h: float, join_url: str, title: str) -> None:
    """Draw one cut-out card with its dashed border."""
    pad = 5 * mm
    canvas.setStrokeColor(RULE)
    canvas.setDash(3, 3)
    canvas.rect(x, y, w, h)
    canvas.setDash()
    canvas.setFillColor(MUTED)
    canvas.setFont(SANS, 7.5)
    canvas.drawString(x + pad, y + h - pad - 6, _fit(canvas, title, SANS, 7.5, w - 2 * pad))
    name = para(badge.name, "h2")
    name.style = name.style.clone("badge_name", fontSize=15, leading=18, spaceBefore=0)
    text_w = w - 2 * pad
    _, name_h = name.wrapOn(canvas, text_w, 40 * mm)
    name.drawOn(canvas, x + pad, y + h - pad - 12 - name_h)
    canvas.setFillColor(INK)
    canvas.setFont(SANS, 10)
    canvas.drawString(x + pad, y + h - pad - 26 - name_h, _fit(canvas, badge.group, SANS, 10, text_w))
    if not badge.is_voting:
        canvas.setFillColor(MUTED)
        canvas.drawString(x + pad, y + pad + 6, "Observer: observers do not vote.")
        return
    _slip(canvas, badge, x, y, w, join_url)


def _slip(canvas: Canvas, badge: Badge, x: float, y: float, w: float, join_url: str) -> None:
    """Draw the tear-off slip: the tear line, "keep this private", the code and its QR."""
    pad = 5 * mm
    canvas.setStrokeColor(INK)
    canvas.setDash(1, 2)
    canvas.line(x, y + SLIP_H, x + w, y + SLIP_H)
    canvas.setDash()
    canvas.setFillColor(MUTED)
    canvas.setFont(SANS, 7)
    canvas.drawString(x + pad, y + SLIP_H - 9, "Tear off along this line. Wear the top part; keep this slip.")
    _qr(canvas, join_link(join_url, badge.code), x + w - pad - QR_SIZE, y + (SLIP_H - QR_SIZE) / 2 - 2)
    text_w = w - 3 * pad - QR_SIZE
    canvas.setFillColor(ACCENT_DARK)
    canvas.setFont(SANS_BOLD, 10)
    canvas.drawString(x + pad, y + SLIP_H - 24, "Keep this private")
    canvas.setFillColor(INK)
    canvas.setFont(SANS, 7.5)
    canvas.drawString(x + pad, y + SLIP_H - 35, _fit(canvas, f"Your phone voting code, {badge.name}",
                                                           SANS, 7.5, text_w))
    canvas.setFillColor(ACCENT_DARK)
    canvas.setFont(SANS_BOLD, 10.5)
    canvas.drawString(x + pad, y + pad + 14, format_code(badge.code))
    canvas.setFillColor(MUTED)
    canvas.setFont(SANS, 7)
    canvas.drawString(x + pad, y + pad + 3, _fit(canvas, f"Scan, or open {join_url}", SANS, 7, text_w))


def _qr(canvas: Canvas, data: str, x: float, y: float) -> None:
    """Draw a QR code as filled squares (vector, crisp at any print size)."""
    matrix = [list(row) for row in segno.make(data, error="m").matrix_iter(border=0)]
    module = QR_SIZE / len(matrix)
    canvas.setFillColor(INK)
    for r, row in enumerate(matrix):
        for c, dark in enumerate(row):
            if dark:
                canvas.rect(x + c * module, y + QR_SIZE - (r + 1) * module, module, module, stroke=0, fill=1)


def _fit(canvas: Canvas, text: str, font: str, size: float, width: float) -> str:
    """Return the text shortened with an ellipsis so it fits the width."""
    if canvas.stringWidth(text, font, size) <= width:
        return text
    while text and canvas.stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text + "…"
