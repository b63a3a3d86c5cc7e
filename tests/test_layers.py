"""The import-linter contracts hold, and they do catch an import that runs the wrong way."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LINT = Path(sys.executable).parent / "lint-imports"


def lint(folder: Path) -> subprocess.CompletedProcess[str]:
    """Run lint-imports on the package found in folder, with that folder's pyproject.toml."""
    env = {**os.environ, "PYTHONPATH": str(folder)}
    return subprocess.run(
        [str(LINT), str(folder / "pyproject.toml"), "--no-cache"],
        cwd=folder, env=env, capture_output=True, text=True, timeout=300,
    )


def contracts() -> list[dict[str, object]]:
    """Return the import-linter contracts declared in pyproject.toml."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return list(config["tool"]["importlinter"]["contracts"])


def test_the_contracts_say_what_the_style_guide_says() -> None:
    by_type = {(c["type"], c["name"]): c for c in contracts()}
    layers = [c for (kind, _), c in by_type.items() if kind == "layers"]
    assert layers and layers[0]["layers"] == [
        "workshop_app.cli",
        "workshop_app.ui",
        "workshop_app.phone | workshop_app.export | workshop_app.store",
        "workshop_app.core",
    ]
    forbidden = {frozenset(c["forbidden_modules"]): set(c["source_modules"])
                 for (kind, _), c in by_type.items() if kind == "forbidden"}
    assert {"workshop_app.core", "workshop_app.store", "workshop_app.export", "workshop_app.phone",
            "workshop_app.logs"} <= forbidden[frozenset({"PySide6", "shiboken6"})]
    assert {"workshop_app.core", "workshop_app.export", "workshop_app.phone", "workshop_app.ui"} <= forbidden[
        frozenset({"sqlmodel", "sqlalchemy", "alembic"})]
    assert {"workshop_app.core", "workshop_app.store", "workshop_app.ui"} <= forbidden[frozenset({"aiohttp"})]
    apart = [set(c["modules"]) for (kind, _), c in by_type.items() if kind == "independence"]
    assert {"workshop_app.ui.facilitator", "workshop_app.ui.shared_screen"} in apart


def test_lint_imports_passes_on_the_project() -> None:
    done = lint(ROOT)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "broken" not in done.stdout.lower().replace("0 broken", "")


def test_lint_imports_fails_when_a_layer_is_crossed(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "workshop_app", tmp_path / "workshop_app",
                    ignore=shutil.ignore_patterns("__pycache__", "migrations"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    (tmp_path / "workshop_app" / "core" / "wrong_way.py").write_text(
        '"""Deliberately wrong imports."""\nimport PySide6.QtCore\nimport workshop_app.store\n', encoding="utf-8"
    )
    (tmp_path / "workshop_app" / "ui" / "wrong_way.py").write_text(
        '"""Deliberately wrong import."""\nimport sqlalchemy\nimport aiohttp\n', encoding="utf-8"
    )
    (tmp_path / "workshop_app" / "phone" / "wrong_way.py").write_text(
        '"""Deliberately wrong import."""\nimport PySide6.QtWidgets\n', encoding="utf-8"
    )
    (tmp_path / "workshop_app" / "ui" / "facilitator" / "wrong_way.py").write_text(
        '"""Deliberately wrong import."""\nimport workshop_app.ui.shared_screen.window\n', encoding="utf-8"
    )
    done = lint(tmp_path)
    assert done.returncode != 0
    for contract in contracts():
        assert f"{contract['name']} BROKEN" in done.stdout, done.stdout
