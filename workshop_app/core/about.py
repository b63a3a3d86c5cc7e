"""Where the app's content comes from (the report) and the big picture, read from resources/about.toml."""

from __future__ import annotations

import functools
import tomllib
from dataclasses import dataclass, fields
from typing import Any

from workshop_app import paths
from workshop_app.core.errors import WorkshopError


@dataclass(frozen=True)
class Source:
    """The report the five principles come from."""

    title: str
    authors: tuple[str, ...]
    publisher: str
    place: str
    year: int
    month: str
    credit: str

    @property
    def citation(self) -> str:
        """Return the reference in one line: authors (year), title, publisher, place."""
        who = " and ".join(self.authors)
        return f"{who} ({self.year}). {self.title}. {self.publisher}, {self.place}, {self.month} {self.year}."


@dataclass(frozen=True)
class Overview:
    """The big shift the five principles belong to, the questions about context, and their limits."""

    heading: str
    shift: str
    shifts: tuple[str, ...]
    context_heading: str
    context: tuple[str, ...]
    not_enough: str


@dataclass(frozen=True)
class About:
    """Everything the 'Where this comes from' page and the charter's credit show."""

    source: Source
    overview: Overview


@functools.lru_cache(maxsize=1)
def load_about() -> About:
    """Read the bundled about.toml; a damaged file gets one sentence saying what to do."""
    path = paths.resources_dir() / "about.toml"
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        return About(Source(**_fields(data["source"], Source)), Overview(**_fields(data["overview"], Overview)))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError, KeyError, TypeError, ValueError) as error:
        raise WorkshopError(f'The content file "{path}" is missing or damaged ({error}); reinstall the app.') from None


def _fields(table: dict[str, Any], kind: type) -> dict[str, Any]:
    """Return a table's fields for a dataclass, lists as tuples, refusing missing or empty ones."""
    values: dict[str, Any] = {}
    for item in fields(kind):
        value = table[item.name]
        if value in ("", [], None):
            raise ValueError(f'"{item.name}" is empty')
        values[item.name] = tuple(value) if isinstance(value, list) else value
    return values
