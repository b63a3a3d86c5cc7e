"""Test set-up: Qt runs headless, and the user data folder is a temporary one."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402


@pytest.fixture(autouse=True)
def _user_data(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep every test's user data folder (store, logs, plans) out of the real home folder."""
    monkeypatch.setenv("WORKSHOP_APP_DATA", str(tmp_path_factory.mktemp("userdata")))
