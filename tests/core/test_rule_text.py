"""Every decision rule has a name and a one-line explanation."""

from workshop_app.core.model import DecisionRule
from workshop_app.core.rule_text import rule_text, rule_texts


def test_every_rule_explained_and_default_first() -> None:
    assert rule_texts()[0].rule == DecisionRule.GROUP_CONSENT
    for rule in DecisionRule:
        text = rule_text(rule)
        assert text.name and text.explanation.endswith(".") and len(text.explanation) < 120
