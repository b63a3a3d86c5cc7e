"""Safe reading of a combo box's chosen value.

PySide6 6.12 releases one reference too many when currentData() returns None (an empty box, or an
item stored with None), which eventually crashes the interpreter; so no item ever stores None, and
an empty box is checked before its data is read.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QComboBox

NO_GROUP = 0
"""The value stored for 'no particular group' (ids start at 1)."""


def chosen(combo: QComboBox, default: Any = None) -> Any:
    """Return the current item's data, or default when nothing is chosen."""
    index = combo.currentIndex()
    if index < 0:
        return default
    return combo.itemData(index)


def select_data(combo: QComboBox, value: Any) -> None:
    """Select the item holding value, or the first item when none does (value must not be None)."""
    if value is None:
        combo.setCurrentIndex(0 if combo.count() else -1)
        return
    combo.setCurrentIndex(max(0, combo.findData(value)))
