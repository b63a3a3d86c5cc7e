"""A table model over a workshop's participants, for the roster."""

from __future__ import annotations

from typing import Any, NamedTuple

from PySide6.QtCore import QSortFilterProxyModel, Qt, Signal

from workshop_app.core.model import Participant, StakeholderGroup
from workshop_app.core.palette import group_letter
from workshop_app.core.public_names import is_named
from workshop_app.core.roster import matches
from workshop_app.ui.models.rows_model import Index, RowsModel
from workshop_app.ui.widgets.group_mark import mark_icon

HEADERS = ("Name", "Organisation", "Group", "Role", "Votes?", "Present", "In the charter")
PRESENT = 5


class RosterRow(NamedTuple):
    """One participant and the group they belong to (None if they have no group)."""

    person: Participant
    group: StakeholderGroup | None

    @property
    def group_name(self) -> str:
        """The name of the person's group, or nothing."""
        return self.group.name if self.group else ""

    @property
    def charter_text(self) -> str:
        """How the charter shows the person: named or not, and whether they sign."""
        named = "Named" if is_named(self.person, self.group_name) else "Not named"
        return f"{named} · signs" if self.person.signs else named


class ParticipantTableModel(RowsModel[RosterRow]):
    """One participant a row; the Present column is a check box that asks for a change."""

    headers = HEADERS
    action_column = (PRESENT, Qt.ItemFlag.ItemIsUserCheckable)
    presence_toggled = Signal(int, bool)

    def set_data(self, people: list[Participant], groups: list[StakeholderGroup]) -> None:
        """Replace the participants, each with the group they belong to."""
        by_id = {g.id: g for g in groups if g.id is not None}
        self.set_rows(RosterRow(person, by_id.get(person.group_id)) for person in people)

    def participant_at(self, row: int) -> Participant:
        """Return the participant shown in a row."""
        return self._rows[row].person

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, column = self._rows[index.row()], index.column()
        person, group = row
        if role == Qt.ItemDataRole.DisplayRole:
            values = (person.name, person.organisation, row.group_name, person.role,
                      "Votes" if person.is_voting else "Observer", "Here" if person.present else "",
                      row.charter_text)
            return values[column]
        if role == Qt.ItemDataRole.CheckStateRole and column == PRESENT:
            return Qt.CheckState.Checked if person.present else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.DecorationRole and column == 2:
            return mark_icon(group.colour, group.mark, group_letter(group.name)) if group else None
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{HEADERS[column]}: {self.data(index)}"
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if not index.isValid() or index.column() != PRESENT or role != Qt.ItemDataRole.CheckStateRole:
            return False
        person = self._rows[index.row()].person
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
        row = model.row_at(source_row)
        return matches(row.person, self._query, row.group_name)
