"""Core, store and export import, and their tests pass, on a Python where PySide6 cannot be imported."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]

BLOCKER = '''
"""Make PySide6 and shiboken6 unimportable, as if Qt were not installed."""
import sys

BLOCKED = ("PySide6", "shiboken6")


class _NoQt:
    """A meta-path finder that refuses the Qt packages."""

    @staticmethod
    def find_spec(name, path=None, target=None):
        if name.split(".")[0] in BLOCKED:
            raise ImportError(f"No module named {name!r} (blocked for this test)")
        return None


sys.meta_path.insert(0, _NoQt())
'''

CHILD = '''
import importlib, pkgutil, sys
try:
    import PySide6  # noqa: F401
except ImportError:
    pass
else:
    sys.exit("PySide6 could still be imported")
import workshop_app
for package in ("workshop_app.core", "workshop_app.store", "workshop_app.export"):
    module = importlib.import_module(package)
    for info in pkgutil.walk_packages(module.__path__, package + "."):
        importlib.import_module(info.name)
importlib.import_module("workshop_app.paths")
assert not any(name.split(".")[0] in ("PySide6", "shiboken6") for name in sys.modules)
import pytest
sys.exit(pytest.main(["-q", "-p", "no:pytest-qt", "-p", "no:cacheprovider",
                      "--ignore", "tests/store/test_without_qt.py",
                      "tests/core", "tests/store", "tests/export"]))
'''


@pytest.mark.timeout(900)  # it runs the core, store and export suites, which take minutes on a busy 2-core machine
def test_core_store_and_export_work_without_qt(tmp_path: Path) -> None:
    (tmp_path / "sitecustomize.py").write_text(BLOCKER, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(tmp_path), str(REPO)])}
    result = subprocess.run(
        [sys.executable, "-c", CHILD], cwd=REPO, env=env, capture_output=True, text=True, timeout=900,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert " passed" in result.stdout and " failed" not in result.stdout
