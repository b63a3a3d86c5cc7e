"""The timing parts of a session plan: its whole length, spare time, and focus stages picked by gaps."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from workshop_app.core.principles import PRINCIPLE_KEYS

if TYPE_CHECKING:
    from workshop_app.core.plans import PlanFileError, Stage

FOCUS_STAGE_KINDS: frozenset[str] = frozenset({"framing", "ideas", "commitments"})
"""Stage kinds that may name a focus (the principle with the nth largest gap) instead of a principle."""

MAX_FOCUS = 3
"""A plan goes deep on at most this many principles picked by their gaps."""

Fail = Callable[[tuple[int, str] | None, str, str], "PlanFileError"]
"""Builds the one-sentence error for a field: (stage or None, field name, problem)."""


def read_focus(table: dict[str, Any], where: tuple[int, str], kind: str, fail: Fail) -> int:
    """Return a stage's focus rank (0 when it has none); a focus stage names no principle."""
    if "focus" not in table:
        return 0
    value = table["focus"]
    if kind not in FOCUS_STAGE_KINDS:
        raise fail(where, "focus", f'is only for {", ".join(sorted(FOCUS_STAGE_KINDS))} stages; remove it or '
                   "change the kind")
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= MAX_FOCUS:
        shown = f'"{value}" (text)' if isinstance(value, str) else str(value)
        raise fail(where, "focus", f"is {shown}; set it to a whole number from 1 to {MAX_FOCUS}, such as "
                   "focus = 1 for the largest gap")
    if "principle" in table:
        raise fail(where, "focus", 'and the field "principle" are both set; keep only one of them')
    return value


def check_focus_order(stages: Sequence[Stage], fail: Fail) -> None:
    """Refuse a focus stage that comes before every principle has had its 'where are we now?' stage."""
    assessed: set[str] = set()
    for number, stage in enumerate(stages, start=1):
        if stage.kind == "assessment" and stage.principle:
            assessed.add(stage.principle)
        if stage.focus and assessed != set(PRINCIPLE_KEYS):
            raise fail((number, stage.title), "focus", 'needs every principle scored first; put a "where are we '
                       'now?" stage for each of the five principles before this stage')


def read_session_minutes(data: dict[str, Any], fail: Fail) -> int | None:
    """Return the whole session's length in minutes, if the plan gives it."""
    if "session_minutes" not in data:
        return None
    value = data["session_minutes"]
    if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
        shown = f'"{value}" (text)' if isinstance(value, str) else str(value)
        raise fail(None, "session_minutes", f"is {shown}; set it to a whole number of minutes above 0, such as "
                   "session_minutes = 180")
    return int(value)


def timing_warnings(title: str, total: int, session_minutes: int | None) -> tuple[str, ...]:
    """Return sentences about a plan that leaves no spare time; the plan can still be used."""
    if session_minutes is None:
        return (f'The plan "{title}" leaves no spare time; add session_minutes (the whole session, longer than '
                f"the {total} minutes of its stages) so that late starts and long votes do not push the end back.",)
    if session_minutes <= total:
        return (f'The stages of "{title}" take {total} of its {session_minutes} minutes, leaving no spare time; '
                "shorten a stage or make session_minutes longer.",)
    return ()
