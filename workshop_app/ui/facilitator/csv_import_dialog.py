"""Preview of a participants CSV: every row with its verdict; imports the good rows on confirmation."""

from __future__ import annotations

from PySide6.QtGui import QColor, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QDialog, QDialogButtonBox, QHeaderView, QLabel, QTableView, QVBoxLayout, QWidget,
)

from workshop_app.core.participants_csv import CsvPreview
from workshop_app.ui.facilitator.dialog_buttons import ok_cancel

COLUMNS = ("Result", "Line", "Name", "Organisation", "Group", "Role", "Votes")  # the verdict first, always in view


class CsvImportDialog(QDialog):
    """Shows what an import would do; nothing is stored until the facilitator confirms."""

    def __init__(self, preview: CsvPreview, file_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Import participants from {file_name}")
        self.resize(900, 520)
        good, bad = len(preview.good), len(preview.problems)
        summary = QLabel(
            f"{good} participant(s) ready to add. {bad} row(s) will be skipped; "
            "fix them in the file and import it again to add them.", wordWrap=True)
        summary.setObjectName("summary")
        self.table = QTableView()
        self.table.setModel(self._model(preview))
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setAccessibleName("Rows of the file and what will happen to each")
        buttons = ok_cancel(self)
        self.import_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.import_button.setText(f"Import {good} participant(s)")
        self.import_button.setEnabled(good > 0)
        layout = QVBoxLayout(self)
        layout.addWidget(summary)
        layout.addWidget(self.table)
        layout.addWidget(buttons)

    @staticmethod
    def _model(preview: CsvPreview) -> QStandardItemModel:
        model = QStandardItemModel(0, len(COLUMNS))
        model.setHorizontalHeaderLabels(list(COLUMNS))
        for row in preview.rows:
            result = "Will be added" if row.ok else f"Skipped: {row.problem}"
            cells = [result, str(row.line), row.name, row.organisation, row.group, row.role, row.voting or "yes"]
            items = [QStandardItem(c) for c in cells]
            for item in items:
                item.setEditable(False)
            if not row.ok:
                items[0].setForeground(QColor("#A0001C"))
            model.appendRow(items)
        return model

    @classmethod
    def ask(cls, parent: QWidget | None, preview: CsvPreview, file_name: str) -> bool:
        """Show the preview; return True when the facilitator confirms the import."""
        return cls(preview, file_name, parent).exec() == QDialog.DialogCode.Accepted
