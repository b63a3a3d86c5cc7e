"""Collect the Alt+letter mnemonics a window offers at once (menu titles, buttons, tabs, labelled fields)."""

from __future__ import annotations

import re
from collections import defaultdict

from PySide6.QtWidgets import QAbstractButton, QGroupBox, QLabel, QMainWindow, QTabWidget, QWidget


def mnemonic(text: str) -> str | None:
    """Return the lower-case letter after a single '&', or None."""
    found = re.search(r"&([^&])", text.replace("&&", ""))
    return found.group(1).lower() if found else None


def clashes(window: QWidget) -> dict[str, list[str]]:
    """Return each mnemonic letter used by more than one visible control of the window, with the controls."""
    used: dict[str, list[str]] = defaultdict(list)

    def add(text: str) -> None:
        letter = mnemonic(text)
        if letter:
            used[letter].append(text)

    if isinstance(window, QMainWindow):
        for action in window.menuBar().actions():
            add(action.text())
    for button in window.findChildren(QAbstractButton):
        if button.isVisibleTo(window):
            add(button.text())
    for tabs in window.findChildren(QTabWidget):
        if tabs.isVisibleTo(window):
            for index in range(tabs.count()):
                add(tabs.tabText(index))
    for box in window.findChildren(QGroupBox):
        if box.isVisibleTo(window):
            add(box.title())
    for label in window.findChildren(QLabel):
        if label.isVisibleTo(window) and label.buddy() is not None:
            add(label.text())
    return {letter: texts for letter, texts in used.items() if len(texts) > 1}


def press_mnemonic(window: QWidget, letter: str) -> None:
    """Do what Alt+letter does: press the one visible, enabled button, pick the tab, or focus the labelled field.

    Offscreen Qt does not hand Alt+letter to the shortcut map, so tests press mnemonics through this helper;
    it insists the letter is unique among what the window shows, as the real key needs.
    """
    found: list[object] = []
    for button in window.findChildren(QAbstractButton):
        if button.isVisibleTo(window) and mnemonic(button.text()) == letter:
            found.append(button)
    for label in window.findChildren(QLabel):
        if label.isVisibleTo(window) and label.buddy() is not None and mnemonic(label.text()) == letter:
            found.append(label)
    for tabs in window.findChildren(QTabWidget):
        if tabs.isVisibleTo(window):
            found += [(tabs, i) for i in range(tabs.count()) if mnemonic(tabs.tabText(i)) == letter]
    assert len(found) == 1, f"Alt+{letter} matches {len(found)} controls"
    target = found[0]
    if isinstance(target, QAbstractButton):
        assert target.isEnabled(), f"Alt+{letter}: {target.text()!r} is disabled"
        target.click()
    elif isinstance(target, QLabel):
        target.buddy().setFocus()
    else:
        tabs, index = target  # type: ignore[misc]
        tabs.setCurrentIndex(index)
