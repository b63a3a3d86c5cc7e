"""The start page's list of a store that has seen years of use: shown without asking every row for its words."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QStyleOptionViewItem
from pytestqt.qtbot import QtBot

from workshop_app.core.model import DecisionRule, Workshop, WorkshopStatus
from workshop_app.ui.facilitator.start_page import SIZED_ROWS, StartPage
from workshop_app.ui.models.workshop_table_model import WorkshopTableModel

LONG_PLACE = "Neuadd y Dref, Stryd Fawr, Llanfairpwllgwyngyll — the long room"


def _workshops(count: int) -> list[Workshop]:
    """Return `count` workshops, newest first, the top one with a long partnership and the last with a long place."""
    first = dt.date(2020, 1, 6)
    return [Workshop(id=n + 1, title=f"Charter workshop {n + 1}", partnership="Northside" if n else "Партнёрство " * 3,
                     place=LONG_PLACE if n == count - 1 else "Hall", date=first + dt.timedelta(days=3 * (count - n)),
                     facilitator="Rhiannon", plan_key="charter", decision_rule=DecisionRule.MAJORITY,
                     status=WorkshopStatus.IN_PROGRESS) for n in range(count)]


@pytest.fixture
def data_calls(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Count the rows the start page's table asks for words (each call's row)."""
    rows: list[int] = []
    data = WorkshopTableModel.data

    def counted(self: WorkshopTableModel, index: object, role: int = 0) -> object:
        rows.append(index.row())  # type: ignore[attr-defined]
        return data(self, index, role)  # type: ignore[arg-type]

    monkeypatch.setattr(WorkshopTableModel, "data", counted)
    return rows


def test_five_hundred_workshops_are_shown_asking_only_the_top_rows_for_their_words(qtbot: QtBot,
                                                                                  data_calls: list[int]) -> None:
    page = StartPage()
    qtbot.addWidget(page)
    page.resize(1366, 700)
    page.show()
    page.set_workshops(_workshops(500))
    page.repaint()
    assert page.model.rowCount() == 500 and page.table.isVisible()
    asked = set(data_calls)
    assert asked and max(asked) < SIZED_ROWS  # sizing every row asked 500 rows 48,000 times
    assert len(data_calls) < 20 * 5 * SIZED_ROWS


def test_the_top_rows_fit_and_a_longer_entry_further_down_keeps_its_words_in_its_tooltip(qtbot: QtBot) -> None:
    page = StartPage()
    qtbot.addWidget(page)
    page.resize(1366, 700)
    page.show()
    rows = _workshops(500)
    page.set_workshops(rows)
    page.repaint()
    table, model = page.table, page.model
    option = QStyleOptionViewItem()
    option.font = table.font()
    top_partnership = table.itemDelegate().sizeHint(option, model.index(0, 2)).width()
    assert table.horizontalHeader().sectionSize(2) >= top_partnership
    last = model.index(499, 3)
    assert model.data(last, Qt.ItemDataRole.ToolTipRole) == LONG_PLACE
    assert model.data(last) == LONG_PLACE
    assert model.data(model.index(0, 0)) == rows[0].date.strftime("%d %b %Y")
    assert model.data(model.index(0, 4)) == "In progress"
    assert model.data(model.index(0, 4), Qt.ItemDataRole.FontRole) is None
