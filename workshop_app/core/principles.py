"""The five principles of changemaking partnerships, read from resources/principles.toml."""

from __future__ import annotations

import functools
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from workshop_app import paths
from workshop_app.core.errors import WorkshopError

PRINCIPLE_KEYS: tuple[str, ...] = ("collaborative", "creative", "adaptable", "accountable", "place_based")
"""The five principles, in the order the report and the workshop take them."""


@dataclass(frozen=True)
class Route:
    """A practical route to change under one principle."""

    key: str
    name: str
    description: str


@dataclass(frozen=True)
class CaseStudy:
    """A real example from the report, told in two plain sentences."""

    key: str
    name: str
    summary: str
    also_relevant_to: tuple[str, ...] = ()


@dataclass(frozen=True)
class ScaleEnds:
    """The labels of the 1-5 'where are we now?' scale: low is the challenge, high the principle."""

    low: str
    high: str


@dataclass(frozen=True)
class CommitmentStarter:
    """A 'We will ...' sentence a group can adopt and edit, optionally tied to a route."""

    text: str
    route: str = ""


@dataclass(frozen=True)
class Principle:
    """One principle: the shift away from a challenge, with prompts, routes and examples."""

    key: str
    challenge: str
    name: str
    shift: str
    explanation: str
    prompts: tuple[str, ...]
    scale: ScaleEnds
    routes: tuple[Route, ...]
    case_studies: tuple[CaseStudy, ...]
    starters: tuple[CommitmentStarter, ...] = ()

    def route_by_key(self, key: str) -> Route:
        """Return this principle's route with the given key."""
        for route in self.routes:
            if route.key == key:
                return route
        known = ", ".join(route.key for route in self.routes)
        raise WorkshopError(f'The principle "{self.name}" has no route called "{key}"; use one of: {known}.')


def default_principles_path() -> Path:
    """Return the bundled principles file."""
    return paths.resources_dir() / "principles.toml"


def load_principles(path: Path | None = None) -> list[Principle]:
    """Read the five principles from a content file (the bundled one by default)."""
    source = path or default_principles_path()
    try:
        stamp = source.stat().st_mtime_ns
    except OSError as error:
        raise WorkshopError(
            f'The content file "{source}" cannot be read ({error.strerror}); reinstall the app or restore the file.'
        ) from None
    return list(_load_cached(source, stamp))


def principle_by_key(key: str, principles: Sequence[Principle] | None = None) -> Principle:
    """Return the principle with the given key, from the given list or the bundled content."""
    for principle in principles if principles is not None else load_principles():
        if principle.key == key:
            return principle
    raise WorkshopError(f'There is no principle called "{key}"; use one of: {", ".join(PRINCIPLE_KEYS)}.')


def case_study_for(principle: Principle, workshop_id: int, occurrence: int = 0) -> CaseStudy | None:
    """Pick the case study a workshop shows: each workshop and each later framing stage moves one on."""
    if not principle.case_studies:
        return None
    return principle.case_studies[(workshop_id + occurrence) % len(principle.case_studies)]


@functools.lru_cache(maxsize=8)
def _load_cached(source: Path, stamp: int) -> tuple[Principle, ...]:
    """Parse and check a content file; cached per file version (its modification time)."""
    del stamp  # part of the cache key only
    reader = _Reader(source)
    try:
        data = tomllib.loads(source.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as error:
        reason = str(error).replace(" (at ", ", at ").rstrip(")")
        raise reader.error(f"is not valid TOML ({reason}); fix the text there") from None
    except (OSError, UnicodeDecodeError) as error:
        raise reader.error(f"cannot be read ({error}); restore the file") from None
    entries = data.get("principles")
    if not isinstance(entries, list) or not entries:
        raise reader.error('has no [[principles]] tables; add the five principles')
    principles = tuple(reader.principle(entry, number) for number, entry in enumerate(entries, start=1))
    found = tuple(principle.key for principle in principles)
    if found != PRINCIPLE_KEYS:
        raise reader.error(
            f'lists the principles {", ".join(found)}; list exactly {", ".join(PRINCIPLE_KEYS)}, in that order'
        )
    return principles


class _Reader:
    """Turns the parsed TOML into Principle objects, naming the file and field of any mistake."""

    def __init__(self, source: Path) -> None:
        self.source = source

    def error(self, problem: str, where: str = "") -> WorkshopError:
        """Build the one-sentence error for a mistake in this file."""
        place = f", {where}," if where else ""
        return WorkshopError(f'The content file "{self.source}"{place} {problem}.')

    def text(self, table: Any, field: str, where: str, required: bool = True) -> str:
        """Return a non-empty text field (or "" when optional and absent)."""
        value = table.get(field, None if required else "")
        if not isinstance(value, str) or (required and not value.strip()):
            raise self.error(f'needs the field "{field}" as non-empty text', where)
        return value.strip()

    def texts(self, table: Any, field: str, where: str) -> tuple[str, ...]:
        """Return a list-of-text field as a tuple (absent means empty)."""
        value = table.get(field, [])
        if not isinstance(value, list) or not all(isinstance(item, str) and item.strip() for item in value):
            raise self.error(f'needs the field "{field}" as a list of non-empty texts', where)
        return tuple(item.strip() for item in value)

    def tables(self, table: Any, field: str, where: str) -> list[dict[str, Any]]:
        """Return a list of sub-tables (absent means empty)."""
        value = table.get(field, [])
        if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
            raise self.error(f'needs "{field}" as a list of tables, written [[principles.{field}]]', where)
        return value

    def principle(self, entry: Any, number: int) -> Principle:
        """Build one principle from its table."""
        if not isinstance(entry, dict):
            raise self.error("must hold a table for each principle", f"principle {number}")
        key = entry.get("key")
        where = f'principle "{key}"' if isinstance(key, str) and key else f"principle {number}"
        routes = tuple(self.route(item, where) for item in self.tables(entry, "routes", where))
        principle = Principle(
            key=self.text(entry, "key", where),
            challenge=self.text(entry, "challenge", where),
            name=self.text(entry, "name", where),
            shift=self.text(entry, "shift", where),
            explanation=self.text(entry, "explanation", where),
            prompts=self.texts(entry, "prompts", where),
            scale=self.scale(entry.get("scale"), where),
            routes=routes,
            case_studies=tuple(self.case_study(item, where) for item in self.tables(entry, "case_studies", where)),
            starters=tuple(self.starter(item, where, routes) for item in self.tables(entry, "starters", where)),
        )
        if not principle.prompts:
            raise self.error('needs at least one question in "prompts"', where)
        return principle

    def scale(self, table: Any, where: str) -> ScaleEnds:
        """Build the labelled ends of the scale."""
        if not isinstance(table, dict):
            raise self.error('needs a [principles.scale] table with "low" and "high" labels', where)
        return ScaleEnds(low=self.text(table, "low", f"{where} scale"), high=self.text(table, "high", f"{where} scale"))

    def route(self, table: dict[str, Any], where: str) -> Route:
        """Build one practical route."""
        place = f"{where} route"
        return Route(
            key=self.text(table, "key", place),
            name=self.text(table, "name", place),
            description=self.text(table, "description", place),
        )

    def case_study(self, table: dict[str, Any], where: str) -> CaseStudy:
        """Build one case study, checking the principles it also relates to."""
        place = f"{where} case study"
        related = self.texts(table, "also_relevant_to", place)
        unknown = [key for key in related if key not in PRINCIPLE_KEYS]
        if unknown:
            raise self.error(
                f'has "{unknown[0]}" in "also_relevant_to", which is not a principle; '
                f'use one of: {", ".join(PRINCIPLE_KEYS)}',
                place,
            )
        return CaseStudy(
            key=self.text(table, "key", place),
            name=self.text(table, "name", place),
            summary=self.text(table, "summary", place),
            also_relevant_to=related,
        )

    def starter(self, table: dict[str, Any], where: str, routes: tuple[Route, ...]) -> CommitmentStarter:
        """Build one commitment starter, checking its route key."""
        place = f"{where} starter"
        route = self.text(table, "route", place, required=False)
        known = [item.key for item in routes]
        if route and route not in known:
            raise self.error(
                f'has the route "{route}" in the field "route", which this principle does not have; '
                f'use one of: {", ".join(known)}, or ""',
                place,
            )
        return CommitmentStarter(text=self.text(table, "text", place), route=route)
