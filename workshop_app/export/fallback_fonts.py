"""Fallback fonts: runs of characters the charter's DejaVu fonts lack (CJK, say) are set in Droid Sans Fallback.

ReportLab has no font fallback of its own, so text is split into runs by which bundled font has each character.
It cannot shape or reorder right-to-left text either, so a run of Arabic or Hebrew is joined (arabic-reshaper)
and put in visual order (python-bidi) before it is set; a run that wraps onto two lines then reads its lines in
the wrong order, which is fine for names and short texts.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from pathlib import Path

import arabic_reshaper
from bidi import get_display
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

FALLBACK = "CharterFallback"
FALLBACK_FILE = "DroidSansFallback.ttf"
MARKUP_PIECE = re.compile(r"(<[^>]*>|&[#\w]+;)")
"""A tag or an entity in trusted markup: passed through untouched, never split or wrapped."""
RTL = "\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc"
RTL_RUN = re.compile(f"[{RTL}]+(?:[ \u00a0]+[{RTL}]+)*")
"""Right-to-left words (Hebrew, Arabic) and the spaces between them."""


def visual_order(text: str) -> str:
    """Join Arabic letters and put every right-to-left run in the order it is drawn."""
    if text.isascii():
        return text
    return RTL_RUN.sub(lambda run: get_display(arabic_reshaper.reshape(run.group())), text)


_LAZY: dict[str, Path] = {}
"""Fonts registered on first use: the CJK fallback takes about half a second to read, and most charters lack CJK."""


def register_lazily(font_name: str, path: Path) -> None:
    """Name a font file to register the first time a character needs it."""
    _LAZY[font_name] = path


@functools.cache
def covered(font_name: str) -> frozenset[int]:
    """The code points a TrueType font has glyphs for (registering it now if it was left for later)."""
    if font_name in _LAZY and font_name not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(font_name, str(_LAZY[font_name])))
    face = getattr(pdfmetrics.getFont(font_name), "face", None)
    return frozenset(getattr(face, "charToGlyph", {}) or ())


def font_for_char(char: str, font_name: str, chain: tuple[str, ...]) -> str:
    """The first of the style's font, then the chain, that has the character (the style's font if none has)."""
    code = ord(char)
    if code < 0x250 or char.isspace() or code in covered(font_name):
        return font_name
    return next((name for name in chain if code in covered(name)), font_name)


def runs(text: str, font_name: str, chain: tuple[str, ...]) -> Iterator[tuple[str, str]]:
    """Split plain text into (font, text) runs, each set in one font (right-to-left runs in visual order)."""
    text = visual_order(text)
    current, start = font_name, 0
    for index, char in enumerate(text):
        font = font_for_char(char, font_name, chain) if not char.isspace() else current
        if font != current and index > start:
            yield current, text[start:index]
            start = index
        current = font
    if start < len(text):
        yield current, text[start:]


def with_fallback(markup: str, font_name: str, chain: tuple[str, ...]) -> str:
    """Wrap every run of characters the style's font lacks in a <font name=…> tag naming one that has them."""
    if markup.isascii():
        return markup
    pieces = []
    for piece in MARKUP_PIECE.split(markup):
        if not piece or MARKUP_PIECE.fullmatch(piece) or piece.isascii():
            pieces.append(piece)
            continue
        pieces += [text if font == font_name else f'<font name="{font}">{text}</font>'
                   for font, text in runs(piece, font_name, chain)]
    return "".join(pieces)


def single_font(text: str, font_name: str, chain: tuple[str, ...]) -> str:
    """One font for a whole line drawn as a single string (a chart label): the style's, or a fallback with all."""
    if all(font == font_name for font, _ in runs(text, font_name, chain)):
        return font_name
    wanted = {ord(c) for c in text if not c.isspace()}
    return next((name for name in chain if wanted <= covered(name)), font_name)
