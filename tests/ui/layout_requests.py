"""Count the requests to lay a widget out again that reach chosen widgets (a new word should not reach a window)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QWidget


class LayoutRequests(QObject):
    """Counts, by class name, the LayoutRequest events that reach each watched widget while installed."""

    def __init__(self, watched: list[QWidget]) -> None:
        super().__init__()
        self.seen: dict[str, int] = {}
        self._names = {id(w): type(w).__name__ for w in watched}
        QApplication.instance().installEventFilter(self)  # type: ignore[union-attr]

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt naming
        """Count a LayoutRequest to a watched widget (never consumes it)."""
        if event.type() == QEvent.Type.LayoutRequest and id(watched) in self._names:
            name = self._names[id(watched)]
            self.seen[name] = self.seen.get(name, 0) + 1
        return False

    def stop(self) -> None:
        """Stop counting."""
        QApplication.instance().removeEventFilter(self)  # type: ignore[union-attr]


def wait_until_laid_out(qtbot, watched: list[QWidget], quiet_ms: int = 100, timeout_ms: int = 5000) -> None:  # type: ignore[no-untyped-def]
    """Wait until no request to lay out reaches the watched widgets for `quiet_ms` (a window shown a moment ago
    keeps laying itself out for a while)."""
    requests = LayoutRequests(watched)
    try:
        for _ in range(max(1, timeout_ms // quiet_ms)):
            before = sum(requests.seen.values())
            qtbot.wait(quiet_ms)
            if sum(requests.seen.values()) == before:
                return
    finally:
        requests.stop()
    raise AssertionError(f"the widgets kept being laid out for {timeout_ms} ms: {requests.seen}")
