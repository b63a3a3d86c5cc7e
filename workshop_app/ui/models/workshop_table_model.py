"""A table model over the list of workshops, for the start page."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from workshop_app.core.model import Workshop, WorkshopStatus

STATUS_WORDS = {
    WorkshopStatus.DRAFT: "Being prepared",
    WorkshopStatus.IN_PROGRESS: "In progress",
    WorkshopStatus.CLOSED: "Finished",
    WorkshopStatus.ARCHIVED: "Archived",
    WorkshopStatus.DELETED: "Deleted",
}
HEADERS = ("Date", "Workshop", "Partnership", "Place", "Status")
Index = QModelIndex | QPersistentModelIndex


class WorkshopTableModel(QAbstractTableModel):
    """Shows one workshop a row: date, title, partnership, place and status."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[Workshop] = []

    def set_workshops(self, rows: list[Workshop]) -> None:
        """Replace the rows."""
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def workshop_at(self, row: int) -> Workshop:
        """Return the workshop shown in a row."""
        return self._rows[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(HEADERS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        w = self._rows[index.row()]
        values = (w.date.strftime("%d %b %Y"), w.title, w.partnership, w.place, STATUS_WORDS[w.status])
        return values[index.column()]

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return HEADERS[section]
        return None
