"""Wiring a view's refresh to the signals that say it should look again."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import SignalInstance


def refresh_on(refresh: Callable[[], object], *signals: SignalInstance) -> None:
    """Call `refresh` whenever any of the signals fires, whatever it carries: it only says "look again"."""
    for signal in signals:
        signal.connect(_without_arguments(refresh))


def _without_arguments(refresh: Callable[[], object]) -> Callable[..., None]:
    """Return a slot that takes a signal's arguments and calls `refresh` without them."""

    def slot(*_carried: Any) -> None:
        refresh()

    return slot
