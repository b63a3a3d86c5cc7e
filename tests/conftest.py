"""Test set-up: Qt runs headless, and the user data folder is a temporary one."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

TESTS = Path(__file__).resolve().parent
GUI_FOLDERS = ("ui", "e2e")
# The slow kinds (DESIGN/issue 13): PostgreSQL, a headless browser, kill trials, the layout matrix, the bundle.
SLOW_FIXTURES = {"postgres_server", "browser"}
SLOW_FILES = {"e2e/test_kill_resume.py", "faults/test_kill_votes.py", "faults/test_two_instances.py",
              "ui/test_layout_matrix.py", "test_bundle.py"}


QT_INI_OPTIONS = {"qt_api": "string", "qt_log_level_fail": "string", "qt_log_ignore": "linelist"}
"""The pytest-qt settings pyproject.toml gives, registered (to no effect) when the no-Qt run leaves pytest-qt out."""
QT_MARKERS = ("qt_no_exception_capture", "qt_log_level_fail", "qt_log_ignore", "no_qt_log")


def pytest_addoption(parser: pytest.Parser, pluginmanager: pytest.PytestPluginManager) -> None:
    """Without pytest-qt (scripts/without_qt.py), still know its settings, so pytest does not warn about them."""
    if pluginmanager.is_blocked("pytest-qt"):
        for name, kind in QT_INI_OPTIONS.items():
            parser.addini(name, "pytest-qt's setting; unused in the run without Qt", type=kind)


def pytest_configure(config: pytest.Config) -> None:
    """Without pytest-qt, still know its markers (a Qt-free test module may carry one)."""
    if config.pluginmanager.is_blocked("pytest-qt"):
        for name in QT_MARKERS:
            config.addinivalue_line("markers", f"{name}: pytest-qt's marker; no effect in the run without Qt")


def _kinds(item: pytest.Item) -> set[str]:
    """Return which of the markers `gui` and `slow` a collected test gets from its folder, file and fixtures."""
    path = Path(str(item.fspath)).resolve().relative_to(TESTS).as_posix()
    fixtures = set(getattr(item, "fixturenames", ()))
    params = getattr(getattr(item, "callspec", None), "params", {})
    kinds = set()
    if "qtbot" in fixtures or "qapp" in fixtures or path.split("/")[0] in GUI_FOLDERS:
        kinds.add("gui")
    if fixtures & SLOW_FIXTURES or params.get("backend") == "postgresql" or path in SLOW_FILES:
        kinds.add("slow")
    return kinds


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark Qt tests `gui` and the long-running kinds `slow`, so `-m "not slow"` picks the quick subset."""
    for item in items:
        for kind in sorted(_kinds(item)):
            item.add_marker(getattr(pytest.mark, kind))


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
