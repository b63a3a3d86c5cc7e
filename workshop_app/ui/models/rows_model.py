"""What the app's table models share: core records one a row, under fixed headings, with at most one editable column."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any, ClassVar, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

Index = QModelIndex | QPersistentModelIndex
T = TypeVar("T")


class RowsModel(QAbstractTableModel, Generic[T]):
    """A flat table over a list of records (one a row); a subclass names its headings and says what each cell shows."""

    headers: ClassVar[tuple[str, ...]] = ()
    action_column: ClassVar[tuple[int, Qt.ItemFlag] | None] = None
    """The one column a person can act on in the cell, and how (edit it, or tick it), if any."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[T] = []

    def row_at(self, row: int) -> T:
        """Return the record shown in a row."""
        return self._rows[row]

    @contextmanager
    def replacing(self, rows: Iterable[T]) -> Iterator[None]:
        """Replace the rows; what the block sets (what the rows are shown with) changes in the same model reset."""
        self.beginResetModel()
        try:
            self._rows = list(rows)
            yield
        finally:
            self.endResetModel()

    def set_rows(self, rows: Iterable[T]) -> None:
        """Replace the rows (a model that shows them with more than the records sets that inside `replacing`)."""
        with self.replacing(rows):
            pass

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.headers)

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = super().flags(index)
        if self.action_column is not None and index.isValid() and index.column() == self.action_column[0]:
            return base | self.action_column[1]
        return base

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.headers[section]
        return None
