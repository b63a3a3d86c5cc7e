"""Session plans: the agenda of a workshop, read from TOML files in sessions/ and the user's plans folder."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

from workshop_app import paths
from workshop_app.core.charter_wording import WORDING_FIELDS, CharterWording
from workshop_app.core.principles import PRINCIPLE_KEYS
from workshop_app.core.errors import PlanError
from workshop_app.core.plan_syntax import printable, stage_phrase, syntax_error_parts
from workshop_app.core.plan_timing import check_focus_order, read_focus, read_session_minutes, timing_warnings

class StageKind(StrEnum):
    """Every kind of stage a plan may use."""

    WELCOME = "welcome"
    PARTIES = "parties"
    OVERVIEW = "overview"
    FRAMING = "framing"
    ASSESSMENT = "assessment"
    IDEAS = "ideas"
    COMMITMENTS = "commitments"
    ACTIONS_REVIEW = "actions_review"
    ACTIONS = "actions"
    CHARTER_REVIEW = "charter_review"
    SIGNOFF = "signoff"
    CLOSE = "close"
    BREAK = "break"


STAGE_KINDS: tuple[str, ...] = tuple(kind.value for kind in StageKind)
"""Every stage kind's name, as a plan file spells it."""

PRINCIPLE_STAGE_KINDS: frozenset[str] = frozenset({"framing", "assessment", "ideas", "commitments"})
"""Stage kinds that are about one principle and so need a `principle` field."""

STAGE_FIELDS: tuple[str, ...] = ("kind", "title", "minutes", "principle", "focus", "prompts", "notes")
PLAN_FIELDS: tuple[str, ...] = ("key", "title", "description", "session_minutes", "stages", "charter")
CHARTER_FIELDS: tuple[str, ...] = tuple(name for name in WORDING_FIELDS if name not in ("scope", "next_review"))
"""The charter wording a plan's [charter] table may set (escalation and review_triggers are lists); the scope and
the review date belong to each workshop."""


class PlanFileError(PlanError):
    """A mistake in one plan file; str(error) is one sentence naming the file, stage and field."""

    def __init__(
        self, message: str, path: Path, stage_number: int | None = None, stage_title: str = "", field: str = ""
    ) -> None:
        super().__init__(message)
        self.path = path
        self.stage_number = stage_number
        self.stage_title = stage_title
        self.field = field


@dataclass(frozen=True)
class Stage:
    """One step of the agenda, with its timebox in minutes."""

    kind: StageKind
    title: str
    minutes: int
    principle: str | None = None
    prompts: tuple[str, ...] = ()
    notes: str = ""
    focus: int = 0
    """1 to MAX_FOCUS: about the principle with that rank by gap between groups, known once scored; 0: none."""


@dataclass(frozen=True)
class Plan:
    """A session plan: ordered stages and the charter's default wording."""

    key: str
    title: str
    description: str
    stages: tuple[Stage, ...]
    charter: CharterWording
    """The charter's starting wording (no scope or review date: those belong to the workshop)."""
    source: Path
    is_user_plan: bool = False
    session_minutes: int | None = None
    """How long the session runs from start to end; the stages should leave some of it spare."""

    @property
    def total_minutes(self) -> int:
        """Return the minutes the stages add up to."""
        return sum(stage.minutes for stage in self.stages)

    @property
    def length_minutes(self) -> int:
        """Return the session's whole length: session_minutes when given, else the stages' total."""
        return self.session_minutes or self.total_minutes

    @property
    def slack_minutes(self) -> int:
        """Return the spare minutes the stages leave (0 or less means none)."""
        return self.length_minutes - self.total_minutes

    @property
    def warnings(self) -> tuple[str, ...]:
        """Return sentences about timing a facilitator should know; the plan can still be used."""
        return timing_warnings(self.title, self.total_minutes, self.session_minutes)


@dataclass(frozen=True)
class PlanCatalog:
    """The plans that loaded, the files that did not, and bundled plans a user plan replaced."""

    plans: tuple[Plan, ...]
    errors: tuple[PlanFileError, ...] = ()
    overridden: tuple[Plan, ...] = field(default=())

    def by_key(self, key: str) -> Plan:
        """Return the plan with this key, or raise PlanError listing the known keys."""
        for plan in self.plans:
            if plan.key == key:
                return plan
        known = ", ".join(plan.key for plan in self.plans) or "none"
        raise PlanError(f'There is no session plan called "{key}"; choose one of: {known}.')


def charter_defaults_path() -> Path:
    """Return the file holding the baseline charter wording, used for fields a plan leaves out."""
    return paths.resources_dir() / "charter_defaults.toml"


def load_plan(path: Path, is_user_plan: bool = False) -> Plan:
    """Read and check one plan file; raise PlanFileError naming the file, stage and field of a mistake."""
    return _plan_from(_read_toml(path), path, is_user_plan)


def plan_from_text(text: str, key: str) -> Plan:
    """Read and check a plan kept as text (with a workshop), as if it were the file `<key>.toml`."""
    path = Path(f"{key}.toml")
    return _plan_from(_parse(text, path), path, False)


def _plan_from(data: dict[str, Any], path: Path, is_user_plan: bool) -> Plan:
    reader = _PlanReader(path)
    reader.check_fields(data, PLAN_FIELDS, None)
    key = data.get("key", path.stem)
    if key != path.stem:
        raise reader.fail(None, "key", f'is "{key}" but the file is called "{path.name}"; make them match')
    stages_data = data.get("stages")
    if not isinstance(stages_data, list) or not stages_data or not all(isinstance(s, dict) for s in stages_data):
        raise reader.fail(None, "stages", "is missing; add at least one [[stages]] table")
    stages = tuple(reader.stage(number, table) for number, table in enumerate(stages_data, start=1))
    check_focus_order(stages, reader.fail)
    return Plan(
        key=path.stem,
        title=reader.plan_text(data, "title", required=True),
        description=reader.plan_text(data, "description", required=False),
        stages=stages,
        charter=reader.charter(data.get("charter", {}), _baseline_charter()),
        source=path,
        is_user_plan=is_user_plan,
        session_minutes=read_session_minutes(data, reader.fail),
    )


def available_plans() -> PlanCatalog:
    """Load the bundled plans, then the user's own; a user plan replaces a bundled plan with the same key."""
    bundled, bundled_errors = _load_folder(paths.bundled_plans_dir(), is_user_plan=False)
    own, own_errors = _load_folder(paths.user_plans_dir(), is_user_plan=True)
    own_by_key = {plan.key: plan for plan in own}
    bundled_keys = {plan.key for plan in bundled}
    plans = [own_by_key.get(plan.key, plan) for plan in bundled]  # a replacement keeps the bundled plan's place
    plans += [plan for plan in own if plan.key not in bundled_keys]
    overridden = tuple(plan for plan in bundled if plan.key in own_by_key)
    return PlanCatalog(plans=tuple(plans), errors=(*bundled_errors, *own_errors), overridden=overridden)


def plan_by_key(key: str, catalog: PlanCatalog | None = None) -> Plan:
    """Return the available plan with this key (a user's own plan wins over a bundled one)."""
    return (available_plans() if catalog is None else catalog).by_key(key)


def _load_folder(folder: Path, is_user_plan: bool) -> tuple[list[Plan], list[PlanFileError]]:
    """Load every *.toml plan in one folder (not its sub-folders), keeping errors apart."""
    plans: list[Plan] = []
    errors: list[PlanFileError] = []
    if not folder.is_dir():
        return plans, errors
    for path in sorted(folder.glob("*.toml")):
        try:
            plans.append(load_plan(path, is_user_plan=is_user_plan))
        except PlanFileError as error:
            errors.append(error)
    return plans, errors


def _read_toml(path: Path) -> dict[str, Any]:
    """Parse a plan file, turning a syntax error into a sentence with line, column, stage and field."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise PlanFileError(
            f'The plan file "{path}" cannot be read ({error}); check that it is a UTF-8 text file you may open.', path
        ) from None
    return _parse(text, path)


def _parse(text: str, path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        message, stage_number, stage_title, field_name = syntax_error_parts(path, text, error)
        raise PlanFileError(message, path, stage_number, stage_title, field_name) from None


_BASELINE_CACHE: dict[tuple[Path, int], dict[str, Any]] = {}


def _baseline_charter() -> dict[str, Any]:
    """Return the baseline charter wording from resources/charter_defaults.toml."""
    path = charter_defaults_path()
    try:
        stamp = path.stat().st_mtime_ns
    except OSError:
        return {}
    if (path, stamp) not in _BASELINE_CACHE:
        data = _read_toml(path).get("charter", {})
        _BASELINE_CACHE[(path, stamp)] = data if isinstance(data, dict) else {}
    return _BASELINE_CACHE[(path, stamp)]


class _PlanReader:
    """Checks the parsed plan and builds its parts, raising one clear sentence per mistake."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def fail(
        self, stage: tuple[int, str] | None, field_name: str, problem: str, in_charter: bool = False
    ) -> PlanFileError:
        """Build the error for one field, in a stage, at the top of the plan or in its [charter] table."""
        field_name = printable(field_name)
        if stage is None:
            where = "in the [charter] table" if in_charter else "at the top of the plan"
            message = f'In the plan file "{self.path}" ({where}), the field "{field_name}" {problem}.'
            return PlanFileError(message, self.path, None, "", field_name)
        number, title = stage
        message = f'In the plan file "{self.path}", {stage_phrase(number, title)}, the field "{field_name}" {problem}.'
        return PlanFileError(message, self.path, number, title, field_name)

    def check_fields(
        self, table: dict[str, Any], allowed: tuple[str, ...], stage: tuple[int, str] | None, in_charter: bool = False
    ) -> None:
        """Refuse unknown fields, which are usually typing mistakes."""
        for name in table:
            if name not in allowed:
                problem = f'is not known here; check the spelling, or use one of: {", ".join(allowed)}'
                raise self.fail(stage, name, problem, in_charter=in_charter)

    def plan_text(self, data: dict[str, Any], name: str, required: bool) -> str:
        """Return a top-level text field."""
        value = data.get(name, "")
        if not isinstance(value, str) or (required and not value.strip()):
            raise self.fail(None, name, 'is missing or empty; add it as text in double quotes, such as '
                            f'{name} = "Partnership charter workshop"')
        return value.strip()

    def stage(self, number: int, table: dict[str, Any]) -> Stage:
        """Build and check one stage."""
        raw_title = table.get("title")
        title = raw_title.strip() if isinstance(raw_title, str) else ""
        where = (number, title)
        self.check_fields(table, STAGE_FIELDS, where)
        if not title:
            raise self.fail(where, "title", 'is missing or empty; add a line such as title = "Ground rules"')
        kind = self.kind(table, where)
        focus = read_focus(table, where, kind, self.fail)
        return Stage(
            kind=kind,
            title=title,
            minutes=self.minutes(table, where),
            principle=None if focus else self.principle(table, where, kind),
            prompts=self.prompts(table, where),
            notes=self.notes(table, where),
            focus=focus,
        )

    def kind(self, table: dict[str, Any], where: tuple[int, str]) -> StageKind:
        """Return the stage kind, which must be one of STAGE_KINDS."""
        kind = table.get("kind")
        if kind is None:
            raise self.fail(where, "kind", f'is missing; add kind = "..." with one of: {", ".join(STAGE_KINDS)}')
        if kind not in STAGE_KINDS:
            raise self.fail(where, "kind", f'is "{kind}", which is not a stage kind; use one of: '
                            f'{", ".join(STAGE_KINDS)}')
        return StageKind(kind)

    def minutes(self, table: dict[str, Any], where: tuple[int, str]) -> int:
        """Return the timebox, a whole number of minutes above 0."""
        fix = "set it to a whole number of minutes above 0, without quotes, such as minutes = 15"
        if "minutes" not in table:
            raise self.fail(where, "minutes", f"is missing; {fix}")
        value = table["minutes"]
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise self.fail(where, "minutes", f"is {_shown(value)}, which is not a number; {fix}")
        if value <= 0 or value != int(value):
            raise self.fail(where, "minutes", f"is {_shown(value)}; {fix}")
        return int(value)

    def principle(self, table: dict[str, Any], where: tuple[int, str], kind: str) -> str | None:
        """Return the stage's principle key: required for principle stages, optional elsewhere."""
        value = table.get("principle")
        known = ", ".join(PRINCIPLE_KEYS)
        if value is None:
            if kind in PRINCIPLE_STAGE_KINDS:
                raise self.fail(where, "principle", f'is missing, and this "{kind}" stage needs one; add '
                                f'principle = "..." with one of: {known}')
            return None
        if value not in PRINCIPLE_KEYS:
            shown = f'"{value}"' if isinstance(value, str) else _shown(value)
            raise self.fail(where, "principle", f"is {shown}, which is not a principle; use one of: {known}")
        return str(value)

    def prompts(self, table: dict[str, Any], where: tuple[int, str]) -> tuple[str, ...]:
        """Return the stage prompts, a list of texts."""
        value = table.get("prompts", [])
        if not isinstance(value, list) or not all(isinstance(item, str) and item.strip() for item in value):
            raise self.fail(where, "prompts", 'must be a list of texts, such as prompts = ["What has changed?"]')
        return tuple(item.strip() for item in value)

    def notes(self, table: dict[str, Any], where: tuple[int, str]) -> str:
        """Return the facilitator's notes for the stage."""
        value = table.get("notes", "")
        if not isinstance(value, str):
            raise self.fail(where, "notes", 'must be text in double quotes, such as notes = "Keep it short."')
        return value.strip()

    def charter(self, table: Any, baseline: dict[str, Any]) -> CharterWording:
        """Build the charter wording: the plan's own fields, and the baseline for any it leaves out."""
        if not isinstance(table, dict):
            raise self.fail(None, "charter", "must be a table; write it as a [charter] heading with fields below it")
        self.check_fields(table, CHARTER_FIELDS, None, in_charter=True)
        merged = {**baseline, **table}
        months = merged.get("review_after_months")
        if isinstance(months, bool) or not isinstance(months, int) or months <= 0:
            problem = f"is {_shown(months)}; set it to a whole number of months above 0, such as review_after_months = 12"
            raise self.fail(None, "review_after_months", problem, in_charter=True)
        return CharterWording(
            purpose=self.charter_text(merged, "purpose"),
            working_together=self.charter_text(merged, "working_together"),
            escalation=self.charter_list(merged, "escalation"),
            resident_concerns=self.charter_text(merged, "resident_concerns"),
            review_triggers=self.charter_list(merged, "review_triggers"),
            joining_leaving=self.charter_text(merged, "joining_leaving"),
            review_after_months=months,
        )

    def charter_text(self, merged: dict[str, Any], name: str) -> str:
        """Return one charter text field."""
        value = merged.get(name)
        if not isinstance(value, str) or not value.strip():
            raise self.fail(None, name, "is missing or empty; add it as text in double quotes", in_charter=True)
        return value.strip()

    def charter_list(self, merged: dict[str, Any], name: str) -> tuple[str, ...]:
        """Return one charter list field (a list of texts, at least one)."""
        value = merged.get(name)
        if not isinstance(value, list) or not value or not all(isinstance(i, str) and i.strip() for i in value):
            problem = 'must be a list of texts, such as ["First step.", "Second step."]'
            raise self.fail(None, name, problem, in_charter=True)
        return tuple(item.strip() for item in value)


def _shown(value: object) -> str:
    """Show a value from a plan file the way the person typed it."""
    if value is None:
        return "missing"
    if isinstance(value, str):
        return f'"{value}" (text)'
    return str(value)
