"""The shared screen's look: colours, type sizes scaled to the screen, and the stylesheet filled in."""

from __future__ import annotations

from dataclasses import dataclass
from string import Template

from PySide6.QtGui import QColor

from workshop_app import paths

BACKGROUND = "#FAFAF7"
TEXT = "#1A1A1A"
QUIET_TEXT = "#3D3D3D"
HEADING = "#0B3D5C"
BAND = "#0B3D5C"
BAND_TEXT = "#FFFFFF"
CARD = "#FFFFFF"
CARD_BORDER = "#8A8A8A"
ACCENT = "#0072B2"
RATED = "#0B5A2A"
"""A voted or rated tile: dark green, over 3:1 against a white tile, so the state never rests on a tint alone."""
RATED_TEXT = "#FFFFFF"
OVERRUN = "#A0001C"
CALLOUT = "#FFF4D6"

BODY_FACTOR = 0.028
"""Body text pixel size as a share of the screen height: 30 px at 1080p."""
NAME_MIN_PX = 22
"""People's names on tiles are never smaller than this, whatever the screen."""
BUTTON_MIN_PX = 96
"""The walk-up choice buttons (vote choices, rating points) are at least this tall."""


@dataclass(frozen=True)
class TypeSizes:
    """Pixel sizes of the shared screen's text for one screen height."""

    body: int
    heading: int
    title: int
    timer: int
    tile: int

    @classmethod
    def for_height(cls, height: int) -> TypeSizes:
        """Scale every size from the screen height (px = height * factor)."""
        body = max(12, round(height * BODY_FACTOR))
        return cls(body=body, heading=round(body * 1.8), title=round(body * 1.25),
                   timer=round(body * 1.9), tile=max(NAME_MIN_PX, body))


def relative_luminance(colour: QColor) -> float:
    """Return the WCAG relative luminance of a colour."""
    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4
    return 0.2126 * channel(colour.redF()) + 0.7152 * channel(colour.greenF()) + 0.0722 * channel(colour.blueF())


def contrast_ratio(first: QColor | str, second: QColor | str) -> float:
    """Return the WCAG contrast ratio of two colours (1 to 21)."""
    a, b = (relative_luminance(QColor(c)) for c in (first, second))
    light, dark = max(a, b), min(a, b)
    return (light + 0.05) / (dark + 0.05)


TEXT_PAIRS: tuple[tuple[str, str], ...] = (
    (TEXT, BACKGROUND), (QUIET_TEXT, BACKGROUND), (HEADING, BACKGROUND), (BAND_TEXT, BAND),
    (BAND_TEXT, OVERRUN), (TEXT, CARD), (RATED_TEXT, RATED), (TEXT, CALLOUT), (HEADING, CARD),
)
"""Every text colour on the background it is used on."""


def stylesheet(sizes: TypeSizes) -> str:
    """Return resources/styles/shared_screen.qss with the colours and sizes filled in."""
    template = Template((paths.resources_dir() / "styles" / "shared_screen.qss").read_text(encoding="utf-8"))
    values = {name.lower(): value for name, value in globals().items() if name.isupper() and isinstance(value, str)}
    values.update({f"{name}_px": str(size) for name, size in vars(sizes).items()})
    values.update(small_gap=str(sizes.body // 2), gap=str(sizes.body))
    return template.substitute(values)
