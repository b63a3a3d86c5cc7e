"""Plain-words names and explanations of the decision rules, read from resources/."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache

from workshop_app import paths
from workshop_app.core.errors import WorkshopError
from workshop_app.core.model import DecisionRule


@dataclass(frozen=True)
class RuleText:
    """A rule's short name and one-line explanation."""

    rule: DecisionRule
    name: str
    explanation: str


@cache
def rule_texts() -> tuple[RuleText, ...]:
    """Return every rule's text in the order to offer them (the default first)."""
    path = paths.resources_dir() / "decision_rules.toml"
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        texts = tuple(
            RuleText(DecisionRule(item["key"]), item["name"], item["explanation"]) for item in data["rule"]
        )
    except (OSError, tomllib.TOMLDecodeError, KeyError, ValueError) as error:
        raise WorkshopError(f"{path} is damaged ({error}); reinstall the app to restore it.") from error
    if {t.rule for t in texts} != set(DecisionRule):
        raise WorkshopError(f"{path} must describe every decision rule; reinstall the app to restore it.")
    return texts


def rule_text(rule: DecisionRule) -> RuleText:
    """Return one rule's text."""
    return next(t for t in rule_texts() if t.rule == rule)
