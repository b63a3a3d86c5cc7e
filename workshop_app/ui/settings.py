"""The facilitator's preferences, kept in an ini file in the user data folder."""

from __future__ import annotations

from PySide6.QtCore import QSettings

from workshop_app import paths

SHARED_SCREEN_MONITOR = "shared_screen/monitor"


def settings() -> QSettings:
    """Return the settings file (created on first write)."""
    return QSettings(str(paths.user_data_dir() / "settings.ini"), QSettings.Format.IniFormat)


def shared_screen_monitor() -> str | None:
    """Return the name of the monitor chosen for the shared screen, if one was chosen."""
    value = settings().value(SHARED_SCREEN_MONITOR, "")
    return str(value) or None


def set_shared_screen_monitor(name: str) -> None:
    """Remember which monitor shows the shared screen."""
    store = settings()
    store.setValue(SHARED_SCREEN_MONITOR, name)
    store.sync()
