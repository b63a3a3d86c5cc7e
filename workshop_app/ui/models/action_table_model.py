"""A table model over a workshop's actions, for the action plan and the review of the previous one."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont

from workshop_app.core import actions
from workshop_app.core.model import Action, ActionStatus, OwnerKind
from workshop_app.ui.models.rows_model import Index, RowsModel

HEADERS = ("What", "Owner", "Due", "Measure", "Status", "Principle", "From commitment")
WHAT, OWNER, DUE, MEASURE, STATUS, PRINCIPLE, COMMITMENT = range(len(HEADERS))
STATUS_WORDS = {ActionStatus.OPEN: "Open", ActionStatus.IN_PROGRESS: "In progress",
                ActionStatus.DONE: "Done", ActionStatus.DROPPED: "Dropped"}
OWNER_KIND_WORDS = {OwnerKind.PARTICIPANT: "person", OwnerKind.ORGANISATION: "organisation",
                    OwnerKind.GROUP: "group"}
OVERDUE_COLOUR = "#A0001C"


def owner_text(action: Action) -> str:
    """Return the owner with the kind of owner in words: 'Council (group)'; a person is just their name."""
    kind = OwnerKind(action.owner_kind)
    return action.owner if kind == OwnerKind.PARTICIPANT else f"{action.owner} ({OWNER_KIND_WORDS[kind]})"


def due_text(action: Action, today: dt.date) -> str:
    """Return the due date in words, saying 'overdue' when an unfinished action is late."""
    if action.due is None:
        return "No date"
    day = f"{action.due.day} {action.due.strftime('%b %Y')}"
    return f"{day} · overdue" if actions.is_overdue(action, today) else day


class ActionTableModel(RowsModel[Action]):
    """One action a row; the Status cell is editable and asks for a change rather than making it."""

    headers = HEADERS
    action_column = (STATUS, Qt.ItemFlag.ItemIsEditable)
    status_change_requested = Signal(int, str)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._principles: dict[str, str] = {}
        self._commitments: dict[int, str] = {}
        self._today = dt.date.today()

    def set_data(self, rows: list[Action], principles: dict[str, str], commitments: dict[int, str],
                 today: dt.date) -> None:
        """Replace the actions, the principle names by key, the commitment wording by proposal id and today."""
        with self.replacing(rows):
            self._principles, self._commitments, self._today = dict(principles), dict(commitments), today

    def row_of(self, action_id: int) -> int:
        """Return the row showing an action, or -1."""
        return next((row for row, a in enumerate(self._rows) if a.id == action_id), -1)

    def cell_text(self, action: Action, column: int) -> str:
        """Return the words shown in one cell."""
        values = (action.what, owner_text(action), due_text(action, self._today), action.measure,
                  STATUS_WORDS[ActionStatus(action.status)], self._principles.get(action.principle, action.principle),
                  self._commitments.get(action.proposal_id, "") if action.proposal_id is not None else "")
        return values[column]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        action, column = self._rows[index.row()], index.column()
        overdue = actions.is_overdue(action, self._today)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self.cell_text(action, column)
        if role == Qt.ItemDataRole.EditRole:
            return ActionStatus(action.status).value if column == STATUS else self.cell_text(action, column)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{HEADERS[column]}: {self.cell_text(action, column)}"
        if role == Qt.ItemDataRole.ForegroundRole and column == DUE and overdue:
            return QBrush(QColor(OVERDUE_COLOUR))
        if role == Qt.ItemDataRole.FontRole and column == DUE and overdue:
            font = QFont()
            font.setBold(True)
            return font
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if not index.isValid() or index.column() != STATUS or role != Qt.ItemDataRole.EditRole:
            return False
        action = self._rows[index.row()]
        if action.id is None or value not in {s.value for s in ActionStatus}:
            return False
        if value != ActionStatus(action.status).value:
            self.status_change_requested.emit(action.id, str(value))
        return True
