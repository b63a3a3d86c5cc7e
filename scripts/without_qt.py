"""Run the core, store and export tests on a Python where PySide6 cannot be imported (their own CI step).

Usage: python scripts/without_qt.py [pytest arguments]; with no test paths (`-n 2` names none) it runs tests/core,
tests/store and tests/export. A `sitecustomize` module in a temporary folder blocks PySide6 and shiboken6 for the child.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SUITES = ["tests/core", "tests/store", "tests/export"]

BLOCKER = '''
"""Make PySide6 and shiboken6 unimportable, as if Qt were not installed."""
import sys

BLOCKED = ("PySide6", "shiboken6")


class _NoQt:
    """A meta-path finder that refuses the Qt packages."""

    @staticmethod
    def find_spec(name, path=None, target=None):
        if name.split(".")[0] in BLOCKED:
            raise ImportError(f"No module named {name!r} (blocked: the no-Qt run)")
        return None


sys.meta_path.insert(0, _NoQt())
'''


def blocked_env(folder: Path) -> dict[str, str]:
    """Return an environment whose Python cannot import Qt (the blocker sits in `folder`)."""
    (folder / "sitecustomize.py").write_text(BLOCKER, encoding="utf-8")
    return {**os.environ, "PYTHONPATH": os.pathsep.join([str(folder), str(REPO)])}


def _names_tests(arg: str) -> bool:
    """Say whether a pytest argument names tests (a file or folder, maybe with ::), not an option or its value."""
    return not arg.startswith("-") and (REPO / arg.split("::")[0]).exists()


def pytest_args(argv: list[str]) -> list[str]:
    """Return pytest's arguments: the given ones, plus the three suites when they name no tests."""
    return argv if any(_names_tests(a) for a in argv) else [*argv, *SUITES]


def main(argv: list[str]) -> int:
    """Run pytest with Qt blocked and return its exit code."""
    args = pytest_args(argv)
    with tempfile.TemporaryDirectory(prefix="no-qt-") as folder:
        command = [sys.executable, "-m", "pytest", "-p", "no:pytest-qt", "-p", "no:cacheprovider", *args]
        return subprocess.run(command, cwd=REPO, env=blocked_env(Path(folder)), check=False).returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
