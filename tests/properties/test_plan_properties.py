"""Plan loading on arbitrary TOML text and on mutated valid plans: a Plan or one sentence naming the file."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.properties.strategies import TEXT, assert_one_line, mutate, paths_of
from workshop_app import paths
from workshop_app.core.errors import WorkshopError
from workshop_app.core.plans import Plan, load_plan

SHORT = paths.bundled_plans_dir() / "short.toml"
VALID = tomllib.loads(SHORT.read_text(encoding="utf-8"))
PATHS = paths_of(VALID)


@pytest.fixture(scope="module")
def out_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One folder per module for the files its examples write; pytest removes old ones."""
    return tmp_path_factory.mktemp("plan-props")


SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
TOML_VALUES = st.recursive(
    st.booleans() | st.integers(-10**6, 10**6) | st.floats(allow_nan=False, allow_infinity=False) | TEXT,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(min_size=1, max_size=8), inner, max_size=3),
    max_leaves=8,
)


def _toml(value: Any) -> str:
    """Write a JSON-like value as TOML (strings escaped the TOML way)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, str):
        escaped = "".join(c if c.isprintable() and c not in '"\\' else f"\\U{ord(c):08x}" for c in value)
        return f'"{escaped}"'
    if isinstance(value, list):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    return "{" + ", ".join(f"{_toml(str(k))} = {_toml(v)}" for k, v in value.items()) + "}"


def _document(data: dict[str, Any]) -> str:
    """Write a plan dict as TOML text, every table inline."""
    return "\n".join(f"{_toml(str(k))} = {_toml(v)}" for k, v in data.items()) + "\n"


def _load(out_dir: Path, text: str) -> None:
    """Load plan text from a file; a refusal must be one line naming the file."""
    path = out_dir / "short.toml"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    try:
        plan = load_plan(path)
    except WorkshopError as error:
        assert_one_line(error)
        assert "short.toml" in str(error)
        return
    assert isinstance(plan, Plan) and plan.stages and plan.total_minutes >= 0


def test_the_writer_round_trips_the_valid_plan(out_dir: Path) -> None:
    assert tomllib.loads(_document(VALID)) == VALID
    _load(out_dir, _document(VALID))


@SETTINGS
@given(st.text(max_size=300))
def test_arbitrary_text(out_dir: Path, text: str) -> None:
    _load(out_dir, text)


@SETTINGS
@given(st.sampled_from(PATHS), TOML_VALUES | st.none())
def test_a_valid_plan_with_one_item_changed(out_dir: Path, path: list[Any], replacement: Any) -> None:
    changed = mutate(VALID, path, replacement)
    if any(v is None for v in (changed if isinstance(changed, list) else [])):
        return
    try:
        text = _document(changed)
    except (TypeError, AttributeError):
        return
    _load(out_dir, text)


def test_a_field_named_with_a_line_break_is_named_on_one_line(out_dir: Path) -> None:
    data = tomllib.loads(_document(VALID))
    data["stages"][3] = {"\n": False}  # found by the property above: the message broke over two lines
    _load(out_dir, _document(data))
