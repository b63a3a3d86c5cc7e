"""Every public function of the layers without Qt has a caller in the app, not only in the tests (issue 13)."""

from __future__ import annotations

import ast
import re
from collections import Counter
from pathlib import Path

APP = Path(__file__).resolve().parent.parent / "workshop_app"
LAYERS = ("core", "store", "export", "phone")


def _uncalled(sources: dict[Path, str]) -> list[str]:
    """Return the public module-level functions whose name appears nowhere in the app but their own definition."""
    words = Counter(re.findall(r"\w+", "\n".join(sources.values())))
    return [f"{path.relative_to(APP)}: {node.name}" for path, text in sources.items()
            if path.relative_to(APP).parts[0] in LAYERS
            for node in ast.parse(text).body
            if isinstance(node, ast.FunctionDef) and not node.name.startswith("_")
            and words[node.name] == 1]


def test_every_public_function_has_a_caller_in_the_app() -> None:
    sources = {path: path.read_text(encoding="utf-8") for path in sorted(APP.rglob("*.py"))}
    assert _uncalled(sources) == []  # was phone_codes.active_codes and stage_progress.get_progress


def test_a_function_only_a_test_calls_is_found() -> None:
    core = APP / "core" / "example.py"
    assert _uncalled({core: "def used() -> int:\n    return 1\n\n\ndef unused() -> int:\n    return used()\n"}) == [
        "core/example.py: unused"]
