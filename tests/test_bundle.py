"""The PyInstaller bundle builds and runs (slow: only with RUN_BUNDLE_TEST=1; CI runs scripts/check_bundle.sh itself)."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(os.environ.get("RUN_BUNDLE_TEST") != "1", reason="set RUN_BUNDLE_TEST=1 to build the bundle"),
]


def test_bundle_builds_and_runs_the_command_line() -> None:
    done = subprocess.run(
        ["bash", str(ROOT / "scripts" / "check_bundle.sh")], cwd=ROOT, capture_output=True, text=True, timeout=1800
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    assert "check_bundle: bundle OK" in done.stdout
    for name in ("workshop-app", "workshop-app-gui"):
        assert os.access(ROOT / "dist" / "workshop-app" / name, os.X_OK)
    assert (ROOT / "dist" / "workshop-app" / "_internal" / "workshop_app" / "store" / "migrations" / "env.py").exists()
