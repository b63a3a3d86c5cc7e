"""Session plans: the bundled plans load, and every mistake in a plan file gets one clear sentence."""

from __future__ import annotations

from pathlib import Path

import pytest

from workshop_app import paths
from workshop_app.core.charter_wording import CharterWording, VersionWording, from_document, to_document
from workshop_app.core.principles import PRINCIPLE_KEYS
from workshop_app.core.errors import PlanError
from workshop_app.core.plans import (
    PRINCIPLE_STAGE_KINDS,
    STAGE_KINDS,
    Plan,
    PlanFileError,
    available_plans,
    load_plan,
    plan_by_key,
)

BUNDLED = sorted(paths.bundled_plans_dir().glob("*.toml"))

GOOD_PLAN = """\
title = "My plan"
description = "A test plan."

[[stages]]
kind = "welcome"
title = "Hello"
minutes = 5

[[stages]]
kind = "assessment"
title = "Where are we?"
minutes = 10
principle = "creative"
prompts = ["How creative are we?"]
notes = "Keep it short."
"""


def write_plan(folder: Path, name: str, text: str) -> Path:
    """Write a plan file and return its path."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def with_second_stage(**fields: object) -> str:
    """Return GOOD_PLAN with its second stage's fields replaced (None removes a field)."""
    stage = {"kind": '"assessment"', "title": '"Where are we?"', "minutes": "10", "principle": '"creative"'}
    stage.update({key: value for key, value in fields.items() if value is not None})  # type: ignore[misc]
    for key, value in fields.items():
        if value is None:
            stage.pop(key, None)
    body = "\n".join(f"{key} = {value}" for key, value in stage.items())
    return f'title = "My plan"\n\n[[stages]]\nkind = "welcome"\ntitle = "Hello"\nminutes = 5\n\n[[stages]]\n{body}\n'


def plan_error(tmp_path: Path, text: str) -> PlanFileError:
    """Load a broken plan and return the error it raises."""
    path = write_plan(tmp_path, "mine.toml", text)
    with pytest.raises(PlanFileError) as caught:
        load_plan(path)
    return caught.value


def assert_names(error: PlanFileError, field: str, stage_number: int | None, stage_title: str = "") -> str:
    """Check that the sentence names the file, the stage and the field, and is one line."""
    message = str(error)
    assert "mine.toml" in message
    assert f'"{field}"' in message
    assert error.field == field
    assert error.stage_number == stage_number
    if stage_number is not None:
        assert f"stage {stage_number}" in message
    if stage_title:
        assert f'"{stage_title}"' in message
    assert "\n" not in message and "Traceback" not in message
    assert message.endswith(".")
    return message


@pytest.mark.parametrize("path", BUNDLED, ids=lambda path: path.stem)
def test_every_bundled_plan_loads(path: Path) -> None:
    plan = load_plan(path)
    assert plan.key == path.stem
    assert plan.title and plan.description
    assert plan.stages and all(stage.minutes > 0 for stage in plan.stages)
    assert all(stage.kind in STAGE_KINDS for stage in plan.stages)
    assert plan.stages[0].kind == "welcome" and plan.stages[-1].kind == "close"
    assert plan.source == path and not plan.is_user_plan


def test_the_three_plans_are_bundled() -> None:
    assert {path.stem for path in BUNDLED} >= {"charter", "review", "short"}


def test_charter_plan_fits_an_afternoon_and_covers_every_principle() -> None:
    plan = plan_by_key("charter")
    assert plan.title == "Partnership charter workshop"
    assert plan.session_minutes == 240 and 200 <= plan.total_minutes <= 230
    for key in PRINCIPLE_KEYS:
        kinds = [stage.kind for stage in plan.stages if stage.principle == key]
        assert kinds == ["framing", "assessment", "ideas", "commitments"], key
    kinds = [stage.kind for stage in plan.stages]
    assert kinds[:3] == ["welcome", "parties", "overview"]
    minutes = {stage.kind: stage.minutes for stage in plan.stages}  # the last of each kind
    assert minutes["parties"] >= 12  # names and groups from up to 40 people
    assert minutes["charter_review"] >= 12  # about 3 minutes for each of the four sections
    assert all(s.minutes >= 13 for s in plan.stages if s.kind == "commitments")  # about three walk-up votes
    assert kinds[-4:] == ["actions", "charter_review", "signoff", "close"]
    assert "break" in kinds


def test_principles_run_in_report_order_in_the_charter_plan() -> None:
    plan = plan_by_key("charter")
    order = [stage.principle for stage in plan.stages if stage.kind == "framing"]
    assert order == list(PRINCIPLE_KEYS)


def test_review_plan_reviews_actions_reassesses_all_and_makes_a_new_charter() -> None:
    plan = plan_by_key("review")
    kinds = [stage.kind for stage in plan.stages]
    assert kinds.index("actions_review") < kinds.index("assessment")
    assert {stage.principle for stage in plan.stages if stage.kind == "assessment"} == set(PRINCIPLE_KEYS)
    assert {stage.principle for stage in plan.stages if stage.kind == "commitments"} == set(PRINCIPLE_KEYS)
    assert {"actions", "charter_review", "signoff", "close"} <= set(kinds)


def test_short_plan_takes_ninety_minutes_scores_all_five_and_goes_deep_on_two() -> None:
    plan = plan_by_key("short")
    assert plan.session_minutes == 90 and plan.total_minutes < 90
    assert {stage.principle for stage in plan.stages if stage.kind == "assessment"} == set(PRINCIPLE_KEYS)
    framing = [stage.focus for stage in plan.stages if stage.kind == "framing"]
    commitments = [stage.focus for stage in plan.stages if stage.kind == "commitments"]
    assert framing == commitments == [1, 2]


def test_the_deep_plan_goes_deep_on_the_three_largest_gaps() -> None:
    plan = plan_by_key("deep")
    for kind in ("framing", "ideas", "commitments"):
        assert [stage.focus for stage in plan.stages if stage.kind == kind] == [1, 2, 3], kind
    assert {stage.principle for stage in plan.stages if stage.kind == "assessment"} == set(PRINCIPLE_KEYS)


@pytest.mark.parametrize("path", BUNDLED, ids=lambda path: path.stem)
def test_every_bundled_plan_adds_up_with_slack(path: Path) -> None:
    plan = load_plan(path)
    assert plan.session_minutes is not None
    assert plan.total_minutes == sum(stage.minutes for stage in plan.stages)
    assert plan.session_minutes * 0.05 <= plan.slack_minutes <= plan.session_minutes * 0.2
    assert plan.warnings == ()


@pytest.mark.parametrize("path", BUNDLED, ids=lambda path: path.stem)
def test_bundled_stages_are_long_enough_for_what_they_hold(path: Path) -> None:
    plan = load_plan(path)
    minutes = {kind: [s.minutes for s in plan.stages if s.kind == kind] for kind in STAGE_KINDS}
    assert minutes["framing"] and min(minutes["framing"]) >= 4  # the shift, an example, a sentence per group
    assert min(minutes["commitments"]) >= 9  # about 4 minutes per walk-up vote with its reveal, at least two
    assert min(minutes["parties"]) >= 5 and min(minutes["charter_review"]) >= 4
    assert minutes["overview"]  # every plan sets the scene: the big shift and the questions about context


def test_a_plan_without_slack_gets_a_warning_not_an_error(tmp_path: Path) -> None:
    full = load_plan(write_plan(tmp_path, "full.toml", 'session_minutes = 15\n' + GOOD_PLAN))
    assert full.total_minutes == 15 and full.slack_minutes == 0
    assert len(full.warnings) == 1 and "no spare time" in full.warnings[0] and "15 of its 15" in full.warnings[0]
    unsaid = load_plan(write_plan(tmp_path, "unsaid.toml", GOOD_PLAN))
    assert unsaid.session_minutes is None and "session_minutes" in unsaid.warnings[0]
    roomy = load_plan(write_plan(tmp_path, "roomy.toml", 'session_minutes = 20\n' + GOOD_PLAN))
    assert roomy.slack_minutes == 5 and roomy.warnings == ()


def test_session_minutes_must_be_a_whole_number(tmp_path: Path) -> None:
    with pytest.raises(PlanFileError) as caught:
        load_plan(write_plan(tmp_path, "odd.toml", 'session_minutes = "90"\n' + GOOD_PLAN))
    assert caught.value.field == "session_minutes" and "whole number" in str(caught.value)


FOCUS_PLAN = "".join(
    f'[[stages]]\nkind = "assessment"\ntitle = "Score {key}"\nminutes = 3\nprinciple = "{key}"\n\n'
    for key in PRINCIPLE_KEYS
) + '[[stages]]\nkind = "commitments"\ntitle = "Biggest gap"\nminutes = 12\nfocus = 1\n'


def test_a_focus_stage_loads_after_every_principle_is_scored(tmp_path: Path) -> None:
    plan = load_plan(write_plan(tmp_path, "focus.toml", 'title = "Focus"\n' + FOCUS_PLAN))
    assert plan.stages[-1].focus == 1 and plan.stages[-1].principle is None


@pytest.mark.parametrize(("text", "problem"), [
    (FOCUS_PLAN.replace("focus = 1", "focus = 4"), "from 1 to 3"),
    (FOCUS_PLAN.replace("focus = 1", 'focus = 1\nprinciple = "creative"'), "keep only one"),
    (FOCUS_PLAN.replace('kind = "commitments"', 'kind = "assessment"'), "only for"),
    (FOCUS_PLAN.split("[[stages]]", 2)[0] + "[[stages]]" + FOCUS_PLAN.rsplit("[[stages]]", 1)[1], "scored first"),
])
def test_a_wrong_focus_is_named(tmp_path: Path, text: str, problem: str) -> None:
    with pytest.raises(PlanFileError) as caught:
        load_plan(write_plan(tmp_path, "focus.toml", 'title = "Focus"\n' + text))
    assert caught.value.field == "focus" and problem in str(caught.value)


@pytest.mark.parametrize("path", BUNDLED, ids=lambda path: path.stem)
def test_bundled_plans_spell_out_their_charter_wording(path: Path) -> None:
    import tomllib

    charter = tomllib.loads(path.read_text(encoding="utf-8"))["charter"]
    assert set(charter) == {
        "purpose", "working_together", "escalation", "resident_concerns",
        "review_triggers", "joining_leaving", "review_after_months",
    }
    defaults = load_plan(path).charter
    assert len(defaults.escalation) == 3
    assert [step.split(":")[0] for step in defaults.escalation] == [
        "Talk it through", "Senior leads", "Independent mediation",
    ]
    assert defaults.review_triggers and defaults.review_after_months > 0
    stored = from_document(to_document(VersionWording(defaults)))
    assert stored.wording == defaults and to_document(stored)["escalation"] == list(defaults.escalation)


def test_principle_stage_kinds_are_stage_kinds() -> None:
    assert PRINCIPLE_STAGE_KINDS <= set(STAGE_KINDS)
    assert len(STAGE_KINDS) == 13


def test_a_good_plan_loads_and_leaves_out_charter_fields_to_the_defaults(tmp_path: Path) -> None:
    plan = load_plan(write_plan(tmp_path, "mine.toml", GOOD_PLAN + '\n[charter]\nreview_after_months = 3\n'))
    assert plan.key == "mine" and plan.total_minutes == 15
    assert plan.stages[1].principle == "creative"
    assert plan.stages[1].prompts == ("How creative are we?",)
    assert plan.stages[1].notes == "Keep it short."
    assert plan.stages[0].principle is None
    assert isinstance(plan.charter, CharterWording)
    assert plan.charter.review_after_months == 3
    assert plan.charter.escalation[0].startswith("Talk it through")


def test_invalid_toml_names_line_column_stage_and_field(tmp_path: Path) -> None:
    error = plan_error(tmp_path, with_second_stage(minutes="ten"))
    message = assert_names(error, "minutes", 2, "Where are we?")
    assert "line 11" in message and "column" in message


def test_invalid_toml_before_the_stages_says_so(tmp_path: Path) -> None:
    error = plan_error(tmp_path, 'title = "Unclosed\n\n' + GOOD_PLAN.split("\n", 1)[1])
    message = str(error)
    assert "mine.toml" in message and "line 1" in message and '"title"' in message
    assert "outside the stages" in message


def test_unknown_stage_kind_lists_the_allowed_ones(tmp_path: Path) -> None:
    message = assert_names(plan_error(tmp_path, with_second_stage(kind='"brek"')), "kind", 2, "Where are we?")
    assert '"brek"' in message
    assert all(kind in message for kind in STAGE_KINDS)


def test_missing_title_names_the_stage_by_number(tmp_path: Path) -> None:
    message = assert_names(plan_error(tmp_path, with_second_stage(title=None)), "title", 2)
    assert "missing" in message


def test_empty_title_is_refused(tmp_path: Path) -> None:
    assert_names(plan_error(tmp_path, with_second_stage(title='"  "')), "title", 2)


@pytest.mark.parametrize("minutes", ["0", "-5", '"15"', "7.5", "true", None], ids=str)
def test_timebox_must_be_a_positive_whole_number(tmp_path: Path, minutes: str | None) -> None:
    message = assert_names(plan_error(tmp_path, with_second_stage(minutes=minutes)), "minutes", 2, "Where are we?")
    assert "whole number of minutes above 0" in message


def test_unknown_principle_lists_the_known_ones(tmp_path: Path) -> None:
    error = plan_error(tmp_path, with_second_stage(principle='"colaborative"'))
    message = assert_names(error, "principle", 2, "Where are we?")
    assert '"colaborative"' in message
    assert all(key in message for key in PRINCIPLE_KEYS)


def test_principle_stage_without_a_principle(tmp_path: Path) -> None:
    message = assert_names(plan_error(tmp_path, with_second_stage(principle=None)), "principle", 2, "Where are we?")
    assert '"assessment" stage needs one' in message


def test_a_misspelt_field_is_caught(tmp_path: Path) -> None:
    message = assert_names(plan_error(tmp_path, with_second_stage(promts='["x"]')), "promts", 2, "Where are we?")
    assert "prompts" in message


def test_a_plan_without_a_title(tmp_path: Path) -> None:
    message = assert_names(plan_error(tmp_path, GOOD_PLAN.replace('title = "My plan"\n', "")), "title", None)
    assert "top of the plan" in message


def test_a_plan_without_stages(tmp_path: Path) -> None:
    assert_names(plan_error(tmp_path, 'title = "Empty"\n'), "stages", None)


def test_a_bad_charter_field(tmp_path: Path) -> None:
    message = assert_names(
        plan_error(tmp_path, GOOD_PLAN + '\n[charter]\nreview_after_months = "soon"\n'), "review_after_months", None
    )
    assert "[charter]" in message


def test_plan_errors_are_plan_errors(tmp_path: Path) -> None:
    assert isinstance(plan_error(tmp_path, with_second_stage(kind='"x"')), PlanError)


def test_user_plans_folder_is_read(tmp_path: Path) -> None:
    write_plan(paths.user_plans_dir(), "my_own.toml", GOOD_PLAN)
    catalog = available_plans()
    mine = catalog.by_key("my_own")
    assert mine.is_user_plan and mine.title == "My plan"
    assert {"charter", "review", "short"} <= {plan.key for plan in catalog.plans}
    assert plan_by_key("my_own").source == paths.user_plans_dir() / "my_own.toml"
    assert catalog.plans[-1].key == "my_own"


def test_a_user_plan_replaces_the_bundled_plan_with_the_same_key() -> None:
    write_plan(paths.user_plans_dir(), "short.toml", GOOD_PLAN)
    catalog = available_plans()
    assert [plan.key for plan in catalog.plans].count("short") == 1
    assert catalog.by_key("short").title == "My plan"
    assert [plan.key for plan in catalog.overridden] == ["short"]
    assert not catalog.overridden[0].is_user_plan


def test_a_broken_user_plan_is_reported_and_the_others_still_load() -> None:
    write_plan(paths.user_plans_dir(), "broken.toml", with_second_stage(kind='"brek"'))
    write_plan(paths.user_plans_dir(), "fine.toml", GOOD_PLAN)
    catalog = available_plans()
    keys = {plan.key for plan in catalog.plans}
    assert {"charter", "review", "short", "fine"} <= keys
    assert "broken" not in keys
    assert len(catalog.errors) == 1
    assert catalog.errors[0].path.name == "broken.toml" and catalog.errors[0].field == "kind"


def test_a_broken_user_copy_of_a_bundled_plan_leaves_the_bundled_one() -> None:
    write_plan(paths.user_plans_dir(), "charter.toml", "title = [")
    catalog = available_plans()
    assert catalog.by_key("charter").source.parent == paths.bundled_plans_dir()
    assert [error.path.name for error in catalog.errors] == ["charter.toml"]


def test_unknown_plan_key_lists_the_known_plans() -> None:
    with pytest.raises(PlanError) as caught:
        plan_by_key("nope")
    assert '"nope"' in str(caught.value) and "charter" in str(caught.value)


def test_total_minutes_adds_up_the_stages(tmp_path: Path) -> None:
    plan: Plan = load_plan(write_plan(tmp_path, "mine.toml", GOOD_PLAN))
    assert plan.total_minutes == sum(stage.minutes for stage in plan.stages) == 15


def test_the_readme_example_is_a_valid_plan(tmp_path: Path) -> None:
    readme = (paths.bundled_plans_dir() / "README.md").read_text(encoding="utf-8")
    example = readme.split("```toml\n", 1)[1].split("```", 1)[0]
    plan = load_plan(write_plan(tmp_path, "half_day.toml", example))
    assert plan.title == "Half-day charter workshop"
    assert plan.charter.review_after_months == 6
    assert plan.charter.escalation  # filled from the standard wording
    assert plan.description.startswith("Two principles in depth")
    covered = {stage.principle for stage in plan.stages if stage.principle}
    assert covered == {"accountable", "place_based"}
    for key in covered:
        assert [s.kind for s in plan.stages if s.principle == key] == ["framing", "assessment", "ideas", "commitments"]
    assert plan.total_minutes == 125 and plan.session_minutes == 135 and plan.warnings == ()
    assert "add up to 125 minutes" in readme and "runs for 135" in readme


def test_a_plan_key_must_match_its_file_name(tmp_path: Path) -> None:
    assert_names(plan_error(tmp_path, 'key = "other"\n' + GOOD_PLAN), "key", None)
