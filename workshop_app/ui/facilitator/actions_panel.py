"""The action plan on the console: filter, add, edit and change the status of actions; review the last workshop's."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView, QCheckBox, QComboBox, QHBoxLayout, QHeaderView, QLabel, QLineEdit, QPushButton,
    QStyledItemDelegate, QStyleOptionViewItem, QTableView, QVBoxLayout, QWidget,
)

from workshop_app.core.actions import ActionFilter
from workshop_app.core.model import Action, ActionStatus, OwnerKind, require_id
from workshop_app.ui import errors
from workshop_app.ui.undoable_edits import ActionEdits
from workshop_app.ui.action_controller import ActionController
from workshop_app.ui.controller import WorkshopController
from workshop_app.ui.facilitator.action_dialog import ActionDialog, CommitmentPicker
from workshop_app.ui.models.action_table_model import (
    COMMITMENT, MEASURE, PRINCIPLE, STATUS, STATUS_WORDS, WHAT, ActionTableModel,
)
from workshop_app.ui.room_controller import RoomController
from workshop_app.ui.widgets.combo import chosen, select_data

Index = QModelIndex | QPersistentModelIndex


def named_label(text: str, name: str, wrap: bool = True) -> QLabel:
    """Return a label styled by its object name."""
    label = QLabel(text)
    label.setObjectName(name)
    label.setWordWrap(wrap)
    return label


def status_combo(first: str = "") -> QComboBox:
    """Return a combo box of the four statuses, after an optional 'any' item stored as ''."""
    combo = QComboBox()
    if first:
        combo.addItem(first, "")
    for status, words in STATUS_WORDS.items():
        combo.addItem(words, status.value)
    return combo


class StatusDelegate(QStyledItemDelegate):
    """Edits the Status cell with a combo box of the four statuses."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:  # noqa: N802
        combo = status_combo()
        combo.setParent(parent)
        combo.setAccessibleName("Status of this action")
        return combo

    def setEditorData(self, editor: QWidget, index: Index) -> None:  # noqa: N802
        if isinstance(editor, QComboBox):
            select_data(editor, str(index.data(Qt.ItemDataRole.EditRole)))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:  # noqa: N802
        if isinstance(editor, QComboBox):
            model.setData(index, chosen(editor, ""), Qt.ItemDataRole.EditRole)


class ActionTable(QWidget):
    """A table of actions with a quick status change for the selected one (a combo below, or in the cell)."""

    def __init__(self, room: RoomController, plan: ActionController, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.room, self.plan = room, plan
        self.edits = ActionEdits(self.plan)
        self.model = ActionTableModel(self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setAccessibleName(name)
        self.view.setItemDelegateForColumn(STATUS, StatusDelegate(self.view))
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                  | QAbstractItemView.EditTrigger.EditKeyPressed)
        self.view.setAlternatingRowColors(True)
        self.view.verticalHeader().hide()
        self.view.setWordWrap(True)
        self.view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        for column in (WHAT, MEASURE, COMMITMENT):  # the long texts share the width left and wrap
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        self.status = status_combo()
        self.status.setAccessibleName("Status of the selected action")
        self.status_label = QLabel("&Status of the selected action:")
        self.status_label.setBuddy(self.status)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view, 1)
        self.model.status_change_requested.connect(self._on_status_change_requested)
        self.status.activated.connect(self._on_status_chosen)
        self.view.selectionModel().selectionChanged.connect(lambda *_: self._on_selection_changed())

    def hide_details(self) -> None:
        """Show only what, owner, due and status, for a narrow column (the rest stays in the Actions tab)."""
        for column in (MEASURE, PRINCIPLE, COMMITMENT):
            self.view.hideColumn(column)

    def show_actions(self, rows: list[Action]) -> None:
        """Show these actions, keeping the selected one selected."""
        keep = self.selected()
        self.model.set_data(rows, {k: p.name for k, p in self.room.principles.items()},
                            self.plan.commitment_texts(), self.plan.today())
        row = self.model.row_of(require_id(keep)) if keep else -1
        if row >= 0:
            self.view.selectRow(row)
        self._on_selection_changed()

    def selected(self) -> Action | None:
        """Return the selected action."""
        index = self.view.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() and self.view.selectionModel().hasSelection() \
            else None

    def _on_selection_changed(self) -> None:
        action = self.selected()
        self.status.setEnabled(action is not None)
        if action is not None:
            select_data(self.status, ActionStatus(action.status).value)

    def _on_status_chosen(self, _index: int) -> None:
        action = self.selected()
        if action is not None and action.id is not None and chosen(self.status, "") != action.status:
            self.edits.set_status(action, ActionStatus(chosen(self.status, action.status)))

    def _on_status_change_requested(self, action_id: int, status: str) -> None:
        row = self.model.row_of(action_id)
        if row >= 0:
            action = self.model.row_at(row)
            self.edits.set_status(action, ActionStatus(status))


class ActionsPanel(QWidget):
    """This workshop's action plan: filters over a table, with Add, Edit and From an agreed commitment."""

    def __init__(self, controller: WorkshopController, room: RoomController, plan: ActionController,
                 compact: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller, self.room = controller, room
        self.table = ActionTable(room, plan, "This workshop's actions")
        self.plan = self.table.plan
        if compact:
            self.table.hide_details()
        self.principle = QComboBox()
        self.principle.addItem("Every principle", "")
        for key, principle in room.principles.items():
            self.principle.addItem(principle.name, key)
        self.owner = QLineEdit()
        self.owner.setPlaceholderText("Owner's name contains…")
        self.owner.setClearButtonEnabled(True)
        self.status = status_combo("Any status")
        self.overdue = QCheckBox("Overdue &only")
        self.count = named_label("", "count", wrap=False)
        self.buttons = {name: QPushButton(text) for name, text in (
            ("add", "&Add action…"), ("edit", "Edit detai&ls…"), ("commitment", "From an agreed &commitment…"))}
        self._lay_out()
        self._connect()

    def _lay_out(self) -> None:
        filters = QHBoxLayout()
        named: tuple[tuple[QWidget, str], ...] = (
            (self.principle, "Show actions under this principle"),
                             (self.owner, "Show actions whose owner's name contains"),
            (self.status, "Show actions with this status"))
        for widget, name in named:
            widget.setAccessibleName(name)
        filters.addWidget(QLabel("Show:"))
        for control in (self.principle, self.owner, self.status, self.overdue):
            filters.addWidget(control)
        filters.addStretch(1)
        buttons = QHBoxLayout()
        for button in self.buttons.values():
            buttons.addWidget(button)
        buttons.addStretch(1)
        status = QHBoxLayout()  # its own row, so the stage column fits a 1366-pixel laptop
        status.addWidget(self.table.status_label)
        status.addWidget(self.table.status)
        status.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(named_label("Actions", "subheading", wrap=False))
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count)
        layout.addLayout(buttons)
        layout.addLayout(status)

    def _connect(self) -> None:
        self.buttons["add"].clicked.connect(self._on_add_clicked)
        self.buttons["edit"].clicked.connect(self._on_edit_clicked)
        self.buttons["commitment"].clicked.connect(self._on_commitment_clicked)
        self.table.view.doubleClicked.connect(self._on_row_double_clicked)
        for combo in (self.principle, self.status):
            combo.currentIndexChanged.connect(self.refresh)
        self.owner.textChanged.connect(self.refresh)
        self.overdue.toggled.connect(self.refresh)
        self.plan.actions_changed.connect(self.refresh)
        self.controller.workshop_opened.connect(lambda _w: self.refresh())
        self.table.view.selectionModel().selectionChanged.connect(lambda *_: self._on_selection_changed())

    def current_filter(self) -> ActionFilter:
        """Return the filter the controls describe (overdue: unfinished and due before today)."""
        status = str(chosen(self.status, ""))
        return ActionFilter(str(chosen(self.principle, "")), self.owner.text(), ActionStatus(status) if status else None,
                            self.plan.today() if self.overdue.isChecked() else None)

    def refresh(self) -> None:
        """Reload the actions that pass the filter."""
        if self.controller.workshop is None:
            return
        shown = self.plan.actions(self.current_filter())
        every = self.plan.actions()
        overdue = sum(self.plan.is_overdue(a) for a in every)
        self.table.show_actions(shown)
        late = f" · {overdue} overdue" if overdue else ""
        self.count.setText(f"Showing {len(shown)} of {len(every)} actions{late}")
        self._on_selection_changed()

    def _on_selection_changed(self) -> None:
        self.buttons["edit"].setEnabled(self.table.selected() is not None)

    def _ask(self, draft: Action, title: str) -> Action | None:
        return ActionDialog.ask(self, list(self.room.principles.values()), self.plan.owner_choices(), draft,
                                title)

    def _default_principle(self) -> str:
        stage = self.room.stage().principle if self.room.stages else None
        return stage or str(chosen(self.principle, "")) or next(iter(self.room.principles), "")

    def _on_add_clicked(self) -> None:
        start = Action(self.controller.workshop_id, self._default_principle(), "", OwnerKind.PARTICIPANT, "")
        draft = self._ask(start, "New action")
        if draft is not None:
            self.table.edits.add(draft)

    def _on_edit_clicked(self) -> None:
        action = self.table.selected()
        if action is None or action.id is None:
            return
        draft = self._ask(action, "Edit action")
        if draft is not None:
            self.table.edits.change(action, draft)

    def _on_row_double_clicked(self, index: QModelIndex) -> None:
        if index.column() != STATUS:
            self._on_edit_clicked()

    def _on_commitment_clicked(self) -> None:
        agreed = self.plan.agreed_commitments()
        if not agreed:
            errors.show_error(self, "No commitment has been agreed by a vote yet; agree one first, "
                                    "or add an action under a principle.")
            return
        names = {k: p.name for k, p in self.room.principles.items()}
        commitment = CommitmentPicker.ask(self, agreed, names)
        if commitment is None:
            return
        groups = {g.id: g.name for g in self.controller.groups()}
        party = groups.get(commitment.party_group_id) if commitment.party_group_id is not None else None
        start = Action(self.controller.workshop_id, commitment.principle, commitment.text,
                       OwnerKind.GROUP if party else OwnerKind.PARTICIPANT, party or "", proposal_id=commitment.id)
        draft = self._ask(start, "Action from an agreed commitment")
        if draft is not None:
            self.table.edits.add(draft)


class ActionsReviewPanel(QWidget):
    """The previous workshop's open actions: update each one's status, then carry the unfinished ones over."""

    def __init__(self, controller: WorkshopController, room: RoomController, plan: ActionController,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller, self.room = controller, room
        self.table = ActionTable(room, plan, "Open actions from the previous workshop")
        self.plan = self.table.plan
        self.table.hide_details()
        self.source = named_label("", "subheading")
        self.hint = named_label("Go through them with their owners and update each status; then carry the unfinished "
                                "ones over into this workshop's action plan.", "hint")
        self.carry = QPushButton("&Carry them over")
        self.carry.setAccessibleName("Carry the unfinished actions over into this workshop")
        self.result = named_label("", "count")
        row = QHBoxLayout()
        row.addWidget(self.carry)
        row.addStretch(1)
        row.addWidget(self.table.status_label)
        row.addWidget(self.table.status)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (self.source, self.hint):
            layout.addWidget(widget)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        layout.addWidget(self.result)
        self.carry.clicked.connect(self._on_carry_clicked)
        self.plan.actions_changed.connect(self.refresh)

    def refresh(self) -> None:
        """Reload the previous workshop's open actions (and those reviewed here since)."""
        if self.controller.workshop is None:
            return
        previous = self.plan.previous_workshop()
        rows = self.plan.review_actions()
        if previous is None:
            self.source.setText("This is the partnership's first workshop: there are no earlier actions to review.")
        else:
            day = f"{previous.date.day} {previous.date.strftime('%B %Y')}"
            self.source.setText(f"Open actions from {previous.title} ({day})" if rows
                                else f"{previous.title} ({day}) left no open actions.")
        self.table.show_actions(rows)
        self.carry.setEnabled(any(a.status in (ActionStatus.OPEN, ActionStatus.IN_PROGRESS) for a in rows))

    def _on_carry_clicked(self) -> None:
        carried = self.plan.carry_over()
        if carried is None:
            return
        self.result.setText(f"{carried} unfinished action{'s were' if carried != 1 else ' was'} carried over into "
                            "this workshop's plan." if carried else
                            "They are already in this workshop's plan: nothing new was carried over.")
