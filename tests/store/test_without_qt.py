"""Core, store, export and phone import on a Python where PySide6 cannot be imported.

Their whole test suites run that way as their own step (`scripts/without_qt.py`, called by `make test`);
this test keeps the import check inside the suite.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from scripts.without_qt import SUITES, blocked_env, pytest_args

CHILD = '''
import importlib, pkgutil, sys
try:
    import PySide6  # noqa: F401
except ImportError:
    pass
else:
    sys.exit("PySide6 could still be imported")
for package in ("workshop_app.core", "workshop_app.store", "workshop_app.export", "workshop_app.phone"):
    module = importlib.import_module(package)
    for info in pkgutil.walk_packages(module.__path__, package + "."):
        importlib.import_module(info.name)
importlib.import_module("workshop_app.paths")
assert not any(name.split(".")[0] in ("PySide6", "shiboken6") for name in sys.modules)
print("imported without Qt")
'''


@pytest.mark.slow
def test_core_store_export_and_phone_import_without_qt(tmp_path: Path) -> None:
    result = subprocess.run([sys.executable, "-c", CHILD], env=blocked_env(tmp_path), capture_output=True,
                            text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert "imported without Qt" in result.stdout


@pytest.mark.slow
def test_the_run_without_qt_knows_the_pytest_qt_settings_and_warns_about_none() -> None:
    root = Path(__file__).resolve().parents[2]
    result = subprocess.run([sys.executable, str(root / "scripts" / "without_qt.py"), "-q", "--co", "--strict-markers",
                             "tests/core/test_fidelity.py"], cwd=root, capture_output=True, text=True, timeout=120,
                            check=False)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output[-3000:]
    assert "tests collected" in output
    assert "Unknown config option" not in output and "PytestConfigWarning" not in output, output[-3000:]


def test_options_with_values_name_no_tests_so_the_three_suites_still_run() -> None:
    assert pytest_args(["-n", "2", "--dist", "loadfile"]) == ["-n", "2", "--dist", "loadfile", *SUITES]
    assert pytest_args(["-q", "-m", "not slow", "-n", "2"])[-3:] == SUITES
    assert pytest_args(["-q", "tests/core/test_fidelity.py::test_x"]) == ["-q", "tests/core/test_fidelity.py::test_x"]
    assert pytest_args(["tests/store"]) == ["tests/store"]
