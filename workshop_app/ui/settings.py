"""The facilitator's preferences, kept in an ini file in the user data folder."""

from __future__ import annotations

from PySide6.QtCore import QSettings

from workshop_app import paths

SHARED_SCREEN_MONITOR = "shared_screen/monitor"
AUTO_START_TIMER = "timer/auto_start"


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


def auto_start_timer() -> bool:
    """Say whether the stage timer starts by itself on each new stage."""
    return str(settings().value(AUTO_START_TIMER, "false")).lower() == "true"


def set_auto_start_timer(on: bool) -> None:
    """Remember whether the stage timer starts by itself on each new stage."""
    store = settings()
    store.setValue(AUTO_START_TIMER, "true" if on else "false")
    store.sync()
