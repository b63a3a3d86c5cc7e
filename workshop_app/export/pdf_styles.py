"""The charter's look: bundled DejaVu fonts with a CJK fallback, colours, paragraph and table styles, escaping."""

from __future__ import annotations

import functools
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph, TableStyle

from workshop_app import paths
from workshop_app.core.errors import WorkshopError
from workshop_app.export.fallback_fonts import (
    FALLBACK, FALLBACK_FILE, register_lazily, runs, single_font, with_fallback,
)

SANS, SANS_BOLD, SANS_ITALIC = "CharterSans", "CharterSans-Bold", "CharterSans-Oblique"
SERIF, SERIF_BOLD = "CharterSerif", "CharterSerif-Bold"

FONT_FILES = {
    SANS: "DejaVuSans.ttf",
    SANS_BOLD: "DejaVuSans-Bold.ttf",
    SANS_ITALIC: "DejaVuSans-Oblique.ttf",
    "CharterSans-BoldOblique": "DejaVuSans-BoldOblique.ttf",
    SERIF: "DejaVuSerif.ttf",
    SERIF_BOLD: "DejaVuSerif-Bold.ttf",
}
FALLBACK_CHAIN = (SANS, FALLBACK)
"""Where a character missing from a style's font is looked for: DejaVu Sans (Arabic, Greek…), then CJK."""

INK = colors.HexColor("#1F2A33")
MUTED = colors.HexColor("#5B6770")
ACCENT = colors.HexColor("#1B5E7A")
ACCENT_DARK = colors.HexColor("#0F3F55")
TINT = colors.HexColor("#EAF2F5")
RULE = colors.HexColor("#C9D5DB")
PAPER_GREY = colors.HexColor("#F5F7F8")
WARN = colors.HexColor("#9A3412")
WATERMARK = colors.HexColor("#F8EAE4")

PAGE_MARGIN = 22 * mm
BODY_SIZE = 11
CELL_SIZE = 10
FOOTER_SIZE = 9


@functools.cache
def register_fonts() -> None:
    """Register the bundled DejaVu fonts once (never a system font), with bold and italic mapped.

    The CJK fallback is registered the first time a character needs it.
    """
    folder = paths.fonts_dir()
    for name, filename in {**FONT_FILES, FALLBACK: FALLBACK_FILE}.items():
        path = folder / filename
        if not path.is_file():
            raise WorkshopError(f'The font file "{path}" is missing; reinstall the app to restore it.')
        if name == FALLBACK:
            register_lazily(name, path)
        else:
            pdfmetrics.registerFont(TTFont(name, str(path)))
    pdfmetrics.registerFontFamily(SANS, normal=SANS, bold=SANS_BOLD, italic=SANS_ITALIC,
                                  boldItalic="CharterSans-BoldOblique")
    pdfmetrics.registerFontFamily(SERIF, normal=SERIF, bold=SERIF_BOLD, italic=SERIF, boldItalic=SERIF_BOLD)


def _style(name: str, **options: object) -> ParagraphStyle:
    base: dict[str, object] = {"fontName": SANS, "bulletFontName": SANS, "fontSize": BODY_SIZE, "leading": 15.5,
                               "textColor": INK}
    base.update(options)
    return ParagraphStyle(name, **base)


@functools.cache
def styles() -> dict[str, ParagraphStyle]:
    """Return the named paragraph styles used across the charter."""
    register_fonts()
    return {
        "body": _style("body", spaceAfter=6),
        "lead": _style("lead", fontSize=12, leading=17, spaceAfter=8),
        "small": _style("small", fontSize=CELL_SIZE, leading=13, textColor=MUTED),
        "cell": _style("cell", fontSize=CELL_SIZE, leading=13),
        "cell_bold": _style("cell_bold", fontName=SANS_BOLD, fontSize=CELL_SIZE, leading=13),
        "cell_head": _style("cell_head", fontName=SANS_BOLD, fontSize=CELL_SIZE, leading=13, textColor=ACCENT_DARK),
        "part_label": _style("part_label", fontName=SANS_BOLD, fontSize=10, leading=12, textColor=ACCENT,
                             spaceAfter=2),
        "h1": _style("h1", fontName=SERIF_BOLD, fontSize=20, leading=25, textColor=ACCENT_DARK, spaceAfter=10),
        "h2": _style("h2", fontName=SERIF_BOLD, fontSize=14, leading=18, textColor=ACCENT_DARK,
                     spaceBefore=10, spaceAfter=4),
        "h3": _style("h3", fontName=SANS_BOLD, fontSize=11.5, leading=15, spaceBefore=6, spaceAfter=2),
        "shift": _style("shift", fontName=SERIF, fontSize=11.5, leading=15.5, textColor=MUTED, spaceAfter=6),
        "commitment": _style("commitment", fontName=SANS_BOLD, fontSize=11.5, leading=15.5, leftIndent=30,
                             bulletIndent=0, bulletFontName=SANS_BOLD, bulletFontSize=10.5, bulletColor=ACCENT,
                             spaceBefore=6, spaceAfter=2),
        "record": _style("record", fontSize=CELL_SIZE, leading=13.5, textColor=MUTED),
        "commitment_record": _style("commitment_record", fontSize=CELL_SIZE, leading=13.5, textColor=MUTED,
                                    leftIndent=30, spaceAfter=1),
        "bullet": _style("bullet", leftIndent=12, bulletIndent=0, spaceAfter=3),
        "cover_kicker": _style("cover_kicker", fontName=SANS_BOLD, fontSize=11, leading=14, textColor=ACCENT),
        "cover_title": _style("cover_title", fontName=SERIF_BOLD, fontSize=30, leading=36, textColor=ACCENT_DARK,
                              spaceAfter=8),
        "cover_sub": _style("cover_sub", fontName=SERIF, fontSize=13, leading=18, textColor=INK, spaceAfter=4),
        "party": _style("party", fontName=SERIF_BOLD, fontSize=12, leading=15, alignment=TA_CENTER,
                        textColor=ACCENT_DARK),
        "party_org": _style("party_org", fontSize=CELL_SIZE, leading=12.5, alignment=TA_CENTER, textColor=MUTED),
        "notice": _style("notice", fontSize=CELL_SIZE, leading=14, textColor=INK, backColor=PAPER_GREY,
                         borderPadding=6, spaceBefore=6, spaceAfter=10),
    }


def para(text: str, style: str = "body") -> Paragraph:
    """A paragraph of plain text (escaped, so people's words are never read as markup)."""
    return markup(escape(text), style)


def markup(html: str, style: str = "body", bullet: str | None = None) -> Paragraph:
    """A paragraph of trusted markup built by this package (any person's text inside is already escaped)."""
    chosen = styles()[style]
    return Paragraph(with_fallback(html, chosen.fontName, FALLBACK_CHAIN), chosen, bulletText=bullet)


def draw_text(canvas: Canvas, x: float, y: float, text: str, font: str, size: float, align: str = "left") -> None:
    """Draw one line on a canvas in runs, each in a bundled font that has its characters."""
    pieces = list(runs(text, font, FALLBACK_CHAIN))
    width = sum(stringWidth(piece, name, size) for name, piece in pieces)
    x -= width if align == "right" else width / 2 if align == "centre" else 0
    for name, piece in pieces:
        canvas.setFont(name, size)
        canvas.drawString(x, y, piece)
        x += stringWidth(piece, name, size)


def label_font(text: str, font: str) -> str:
    """The one bundled font to set a chart label in: `font`, or a fallback that has every character."""
    return single_font(text, font, FALLBACK_CHAIN)


def esc(text: str) -> str:
    """Escape a person's text for use inside markup."""
    return escape(text)


def table_style(header: bool = True, zebra: bool = True) -> TableStyle:
    """A calm table: a tinted header row, hairline rules, gentle row shading."""
    commands: list[tuple[object, ...]] = [
        ("FONTNAME", (0, 0), (-1, -1), SANS),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 5),
        ("RIGHTPADDING", (0, 0), (-1, -1), 5),
        ("TOPPADDING", (0, 0), (-1, -1), 4),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
        ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
    ]
    if header:
        commands += [("BACKGROUND", (0, 0), (-1, 0), TINT), ("LINEBELOW", (0, 0), (-1, 0), 0.8, ACCENT)]
    if zebra:
        commands.append(("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, PAPER_GREY]))
    return TableStyle(commands)
