"""The one place that finds resources/, sessions/ and the user data folder, also inside a bundle."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import platformdirs

APP_NAME = "workshop-app"
APP_AUTHOR = "Changemaking"


def install_root() -> Path:
    """Return the folder holding resources/ and sessions/ (the repo, or the PyInstaller bundle)."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle)
    return Path(__file__).resolve().parent.parent


def resources_dir() -> Path:
    """Return the bundled resources folder (principles, fonts, styles, icons)."""
    return install_root() / "resources"


def bundled_plans_dir() -> Path:
    """Return the folder of bundled session plans (sessions/ in the repo and the bundle)."""
    return install_root() / "sessions"


def fonts_dir() -> Path:
    """Return the bundled fonts folder."""
    return resources_dir() / "fonts"


def user_data_dir() -> Path:
    """Return the user's data folder (WORKSHOP_APP_DATA overrides it), creating it if needed."""
    override = os.environ.get("WORKSHOP_APP_DATA")
    path = Path(override) if override else Path(platformdirs.user_data_dir(APP_NAME, APP_AUTHOR))
    path.mkdir(parents=True, exist_ok=True)
    return path


def default_db_path() -> Path:
    """Return the default SQLite store file."""
    return user_data_dir() / "workshops.sqlite3"


def user_plans_dir() -> Path:
    """Return the folder where a facilitator's own session plans are read from."""
    return user_data_dir() / "plans"


def log_dir() -> Path:
    """Return the folder for the rotating log."""
    path = user_data_dir() / "logs"
    path.mkdir(parents=True, exist_ok=True)
    return path


def backups_dir() -> Path:
    """Return the folder where copies taken before a migration go."""
    return user_data_dir() / "backups"
