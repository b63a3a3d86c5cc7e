"""The grid of people's tiles, one column card per stakeholder group, shared by the rating and voting views."""

from __future__ import annotations

import math
from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from workshop_app.core.model import Participant, StakeholderGroup
from workshop_app.ui.shared_screen.parts import card_frame, clear_layout, group_badge
from workshop_app.ui.shared_screen.theme import TypeSizes


def build_tile_columns(
    row: QHBoxLayout,
    groups: dict[int, StakeholderGroup],
    people: list[Participant],
    sizes: TypeSizes,
    on_select: Callable[[int], None],
    key_filter: QObject,
    rows: int,
    tile_name: str = "",
    footer: Callable[[StakeholderGroup], QWidget] | None = None,
) -> dict[int, QPushButton]:
    """Fill `row` with a card per group that has people (`rows` tiles a column); return the tiles by person id."""
    clear_layout(row)
    tiles: dict[int, QPushButton] = {}
    for gid, group in groups.items():
        members = [p for p in people if p.group_id == gid and p.id is not None]
        if members:
            columns = max(1, math.ceil(len(members) / rows))
            card = _group_card(group, members, sizes, tiles, on_select, key_filter, rows, tile_name)
            if footer is not None:
                layout = card.layout()
                assert isinstance(layout, QVBoxLayout)
                layout.insertWidget(layout.count() - 1, footer(group))
            row.addWidget(card, columns)
    return tiles


def _group_card(group: StakeholderGroup, members: list[Participant], sizes: TypeSizes,
                tiles: dict[int, QPushButton], on_select: Callable[[int], None], key_filter: QObject,
                rows: int, tile_name: str) -> QFrame:
    card = card_frame()
    layout = QVBoxLayout(card)
    layout.addWidget(group_badge(group, round(sizes.body * 1.4), "title"))
    grid = QGridLayout()
    for index, person in enumerate(members):
        tile = QPushButton()
        if tile_name:
            tile.setObjectName(tile_name)
        tile.clicked.connect(lambda _checked=False, pid=person.id: on_select(pid))
        tile.installEventFilter(key_filter)
        grid.addWidget(tile, index % rows, index // rows)
        tiles[person.id or 0] = tile
    layout.addLayout(grid)
    layout.addStretch(1)
    return card
