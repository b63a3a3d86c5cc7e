"""Colour-blind-safe group colours (Okabe-Ito) paired with shape marks."""

from __future__ import annotations

import re
from dataclasses import dataclass

from workshop_app.core.errors import WorkshopError


@dataclass(frozen=True)
class GroupStyle:
    """A colour and a shape that together tell one group from another."""

    colour: str
    mark: str


# Okabe & Ito (2008): distinguishable with the common colour-vision deficiencies.
PALETTE: tuple[GroupStyle, ...] = (
    GroupStyle("#0072B2", "square"),
    GroupStyle("#E69F00", "triangle"),
    GroupStyle("#009E73", "circle"),
    GroupStyle("#CC79A7", "diamond"),
    GroupStyle("#56B4E9", "hexagon"),
    GroupStyle("#D55E00", "star"),
    GroupStyle("#F0E442", "cross"),
    GroupStyle("#000000", "pentagon"),
)

MARKS: tuple[str, ...] = tuple(style.mark for style in PALETTE)

DEFAULT_GROUPS: tuple[str, ...] = ("Council", "Provider", "VCS", "Residents")


HEX_COLOUR = re.compile(r"#[0-9A-Fa-f]{6}\Z")


def check_style(style: GroupStyle) -> None:
    """Refuse a colour that is not written #RRGGBB, or a mark the app cannot draw."""
    if not HEX_COLOUR.match(style.colour):
        raise WorkshopError(f'"{style.colour}" is not a colour written as # and six hex digits, such as #0072B2.')
    if style.mark not in MARKS:
        raise WorkshopError(f'"{style.mark}" is not a mark the app can draw; use one of: {", ".join(MARKS)}.')


def next_style(used: list[GroupStyle]) -> GroupStyle:
    """Return the first palette style whose colour and mark are both unused."""
    used_colours = {u.colour.upper() for u in used}
    used_marks = {u.mark for u in used}
    for style in PALETTE:
        if style.colour.upper() not in used_colours and style.mark not in used_marks:
            return style
    return PALETTE[len(used) % len(PALETTE)]


def group_letter(name: str) -> str:
    """Return the capital letter that labels a group (its first letter)."""
    stripped = name.strip()
    return stripped[0].upper() if stripped else "?"
