"""A table model over a workshop's participants, for the roster."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSortFilterProxyModel, Qt, Signal

from workshop_app.core.model import Participant, StakeholderGroup
from workshop_app.core.palette import group_letter
from workshop_app.core.public_names import is_named
from workshop_app.core.roster import matches
from workshop_app.ui.models.rows_model import Index, RowsModel
from workshop_app.ui.widgets.group_mark import mark_icon

HEADERS = ("Name", "Organisation", "Group", "Role", "Votes?", "Present", "In the charter")
PRESENT = 5


class ParticipantTableModel(RowsModel):
    """One participant a row; the Present column is a check box that asks for a change."""

    headers = HEADERS
    action_column = (PRESENT, Qt.ItemFlag.ItemIsUserCheckable)
    presence_toggled = Signal(int, bool)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[Participant] = []
        self._groups: dict[int, StakeholderGroup] = {}

    def set_data(self, rows: list[Participant], groups: list[StakeholderGroup]) -> None:
        """Replace the participants and the groups they belong to."""
        self.beginResetModel()
        self._rows = list(rows)
        self._groups = {g.id: g for g in groups if g.id is not None}
        self.endResetModel()

    def participant_at(self, row: int) -> Participant:
        """Return the participant shown in a row."""
        return self._rows[row]

    def group_name(self, person: Participant) -> str:
        """Return the name of a participant's group."""
        group = self._groups.get(person.group_id)
        return group.name if group else ""

    def charter_text(self, person: Participant) -> str:
        """How the charter shows the person: named or not, and whether they sign."""
        named = "Named" if is_named(person, self.group_name(person)) else "Not named"
        return f"{named} · signs" if person.signs else named

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        person, column = self._rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            values = (person.name, person.organisation, self.group_name(person), person.role,
                      "Votes" if person.is_voting else "Observer", "Here" if person.present else "",
                      self.charter_text(person))
            return values[column]
        if role == Qt.ItemDataRole.CheckStateRole and column == PRESENT:
            return Qt.CheckState.Checked if person.present else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.DecorationRole and column == 2:
            group = self._groups.get(person.group_id)
            return mark_icon(group.colour, group.mark, group_letter(group.name)) if group else None
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{HEADERS[column]}: {self.data(index)}"
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if not index.isValid() or index.column() != PRESENT or role != Qt.ItemDataRole.CheckStateRole:
            return False
        person = self._rows[index.row()]
        if person.id is None:
            return False
        checked = Qt.CheckState(value) == Qt.CheckState.Checked
        self.presence_toggled.emit(person.id, checked)
        return True


class ParticipantFilterModel(QSortFilterProxyModel):
    """Keeps the rows that match the search text (name, organisation, role or group)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._query = ""

    def set_query(self, query: str) -> None:
        """Filter by a new search text."""
        self.beginFilterChange()
        self._query = query
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:  # noqa: N802
        model = self.sourceModel()
        assert isinstance(model, ParticipantTableModel)
        person = model.participant_at(source_row)
        return matches(person, self._query, model.group_name(person))
