"""Names say one thing: stage progress, the principles, the charter document and a workshop's record each have their own."""

from __future__ import annotations

import ast
from pathlib import Path

import workshop_app

PACKAGE = Path(workshop_app.__file__).parent
TWO_MEANINGS = ("session", "content", "records", "charter_content")
"""Core modules whose names meant two or three things (now stage_progress, principles, workshop_record and
charter_document)."""


def test_no_core_module_keeps_a_name_with_two_meanings() -> None:
    assert [name for name in TWO_MEANINGS if (PACKAGE / "core" / f"{name}.py").exists()] == []


CHARTER_TYPES = ("CharterDocument", "CharterContent")
"""The charter document's type, by its name now and its old name."""


def charter_arguments_called_content(source: str) -> list[int]:
    """Return the lines where an argument typed CharterDocument is called `content`."""
    return [node.lineno for node in ast.walk(ast.parse(source))
            if isinstance(node, ast.arg) and node.arg == "content" and node.annotation is not None
            and ast.unparse(node.annotation).strip("'\"") in CHARTER_TYPES]


def test_a_charter_document_is_never_called_content() -> None:
    found = [f"{path.relative_to(PACKAGE)}:{line}" for path in sorted(PACKAGE.rglob("*.py"))
             for line in charter_arguments_called_content(path.read_text(encoding="utf-8"))]
    assert found == []
    assert charter_arguments_called_content("def f(content: CharterDocument) -> None: ...") == [1]
    assert charter_arguments_called_content("def f(charter: CharterDocument, content: str) -> None: ...") == []
