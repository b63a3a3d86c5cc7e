"""A table model over the list of workshops, for the start page.

Each row's words are worked out once when the list is set, so the many `data` calls a table makes while it sizes
and paints its cells only look them up.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from workshop_app.core.model import Workshop, WorkshopStatus
from workshop_app.ui.models.rows_model import Index, RowsModel

STATUS_WORDS = {
    WorkshopStatus.DRAFT: "Being prepared",
    WorkshopStatus.IN_PROGRESS: "In progress",
    WorkshopStatus.CLOSED: "Finished",
    WorkshopStatus.ARCHIVED: "Archived",
    WorkshopStatus.DELETED: "Deleted",
}
HEADERS = ("Date", "Workshop", "Partnership", "Place", "Status")
TEXT_ROLES = frozenset({Qt.ItemDataRole.DisplayRole.value, Qt.ItemDataRole.ToolTipRole.value})
"""The roles a cell answers (its words, and the same words as a tooltip when they are cut short)."""


def row_words(workshop: Workshop) -> tuple[str, ...]:
    """Return the words one workshop's row shows, column by column."""
    w = workshop
    return (w.date.strftime("%d %b %Y"), w.title, w.partnership, w.place, STATUS_WORDS[w.status])


class WorkshopTableModel(RowsModel[Workshop]):
    """Shows one workshop a row: date, title, partnership, place and status."""

    headers = HEADERS

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._words: list[tuple[str, ...]] = []

    def set_workshops(self, rows: list[Workshop]) -> None:
        """Replace the rows."""
        with self.replacing(rows):
            self._words = [row_words(w) for w in self._rows]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role not in TEXT_ROLES or not index.isValid():
            return None
        return self._words[index.row()][index.column()]
