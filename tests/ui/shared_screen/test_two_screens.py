"""On two simulated screens (offscreen platform, in a subprocess) the shared screen fills the projector."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
LAPTOP = {"name": "Laptop", "x": 0, "y": 0, "width": 1280, "height": 800, "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}
PROJECTOR = {"name": "Projector", "x": 1280, "y": 0, "width": 1920, "height": 1080, "logicalDpi": 96,
             "logicalBaseDpi": 96, "dpr": 1}


def run_on_screens(tmp_path: Path, screens: list[dict[str, object]], preferred: str = "") -> dict[str, object]:
    """Run the two-screen app in a subprocess and return what it reported."""
    config = tmp_path / "screens.json"
    config.write_text(json.dumps({"screens": screens}), encoding="utf-8")
    env = dict(os.environ, QT_QPA_PLATFORM=f"offscreen:configfile={config.resolve()}", PYTHONPATH=str(ROOT))
    done = subprocess.run([sys.executable, "-m", "tests.ui.shared_screen.two_screens_app",
                           str(tmp_path / "room.sqlite3"), preferred],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_shared_screen_fills_the_projector(tmp_path: Path) -> None:
    seen = run_on_screens(tmp_path, [LAPTOP, PROJECTOR])
    assert seen["screens"] == ["Laptop", "Projector"] and seen["primary"] == "Laptop"
    assert seen["screen"] == "Projector"
    assert seen["geometry"] == [1280, 0, 1920, 1080]
    assert seen["visible"] and seen["full_screen"]
    assert seen["title"] == seen["stage_title"] == "Collaborative: the shift"
    assert seen["body_px"] >= 28


@pytest.mark.parametrize("preferred", ["Laptop"])
def test_a_named_screen_is_preferred(tmp_path: Path, preferred: str) -> None:
    seen = run_on_screens(tmp_path, [LAPTOP, PROJECTOR], preferred)
    assert seen["screen"] == "Laptop" and seen["geometry"] == [0, 0, 1280, 800]


def test_one_screen_keeps_the_window_for_f5(tmp_path: Path) -> None:
    seen = run_on_screens(tmp_path, [LAPTOP])
    assert seen["chosen"] == "Laptop" and not seen["visible"]
