"""Guards against a Qt binding that releases None once too often (PySide6 6.12.0 on Python 3.11)."""

import sys

from PySide6.QtWidgets import QComboBox, QLabel


def test_calling_qt_methods_does_not_release_none(qtbot) -> None:  # type: ignore[no-untyped-def]
    label, combo = QLabel(), QComboBox()
    qtbot.addWidget(label)
    qtbot.addWidget(combo)
    before = sys.getrefcount(None)
    for _ in range(500):
        label.setText("x")
        combo.currentData()
    assert sys.getrefcount(None) >= before - 50, "this PySide6 build corrupts None's reference count; pin another"
