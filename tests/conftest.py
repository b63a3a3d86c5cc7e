"""Test set-up: Qt runs headless, and the user data folder is a temporary one."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402


@pytest.fixture(autouse=True)
def _user_data(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep every test's user data folder (store, logs, plans) out of the real home folder."""
    monkeypatch.setenv("WORKSHOP_APP_DATA", str(tmp_path_factory.mktemp("userdata")))


@pytest.fixture(scope="session")
def postgres_server():  # type: ignore[no-untyped-def]
    """Start one real PostgreSQL server for the run (see tests/store/postgres_server.py); fail loudly in CI."""
    from tests.store.postgres_server import PostgresServer, PostgresUnavailable

    try:
        server = PostgresServer()
        server.start()
    except (PostgresUnavailable, OSError) as error:
        if os.environ.get("CI") == "true":
            pytest.fail(f"PostgreSQL must run in CI but could not start: {error}")
        pytest.skip(f"PostgreSQL is not available here: {error}")
    yield server
    server.stop()


@pytest.fixture(autouse=True)
def _no_modal_message_boxes(monkeypatch: pytest.MonkeyPatch) -> None:
    """A message box left to open in a test would wait for a click forever: fail the test instead."""
    try:
        from PySide6.QtWidgets import QMessageBox
    except ImportError:  # the core/store/export tests also run with Qt made unimportable
        return

    def refuse(box: QMessageBox) -> int:
        raise AssertionError(f"a message box opened during the test: {box.text()!r}")

    monkeypatch.setattr(QMessageBox, "exec", refuse)
