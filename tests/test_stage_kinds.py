"""Stage kinds are the StageKind enum everywhere past the plan file's own reader: no code compares a stage's kind
with a bare string, so a misspelt kind is a name error, not a branch that never runs."""

from __future__ import annotations

import ast
from pathlib import Path

from workshop_app.core.plans import StageKind

ROOT = Path(__file__).resolve().parents[1] / "workshop_app"
PLAN_READERS = {"core/plans.py", "core/plan_timing.py"}  # they check the words a plan file spells
KINDS = {kind.value for kind in StageKind}


def _compares_kind_with_a_string(node: ast.Compare) -> bool:
    sides = [node.left, *node.comparators]
    named_kind = any(isinstance(s, ast.Attribute) and s.attr == "kind" for s in sides)
    return named_kind and any(isinstance(s, ast.Constant) and s.value in KINDS for s in sides)


def test_no_stage_kind_is_compared_with_a_bare_string() -> None:
    found = [f"{path.relative_to(ROOT)}:{node.lineno}" for path in ROOT.rglob("*.py")
             if str(path.relative_to(ROOT)) not in PLAN_READERS
             for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
             if isinstance(node, ast.Compare) and _compares_kind_with_a_string(node)]
    assert found == []
