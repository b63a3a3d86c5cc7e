"""Every sentence the app shows is in its own words: no run of 8 words copied from the report."""

from __future__ import annotations

import json
import re
import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
REPORT = REPO.parent / "shared" / "reference" / "changemaking-partnerships-report.txt"
RUN = 8
CITATION_FIELDS = {("source", "title")}
"""The report's own title is quoted on purpose, as any credit must."""


def words(text: str) -> list[str]:
    """Return the lower-case words of a text, with curly quotes and dashes made plain."""
    plain = text.lower().replace("\u2019", "'").replace("\u2018", "'").replace("-", " ").replace("\u2013", " ")
    return re.findall(r"[\w£%']+", plain)


def runs(text: str) -> set[tuple[str, ...]]:
    """Return every run of RUN consecutive words in a text."""
    tokens = words(text)
    return {tuple(tokens[i:i + RUN]) for i in range(len(tokens) - RUN + 1)}


def shown_strings(value: object, where: tuple[str, ...] = ()) -> Iterator[tuple[str, str]]:
    """Yield (place, text) for every text in a parsed TOML or JSON value, skipping citation fields."""
    if isinstance(value, str):
        if where[-2:] not in CITATION_FIELDS:
            yield ".".join(where), value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from shown_strings(item, (*where, str(key)))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from shown_strings(item, (*where, str(index)))


def content_files() -> list[Path]:
    """Return every content file whose text the app shows, prints or exports."""
    files = sorted((REPO / "resources").glob("*.toml")) + sorted((REPO / "sessions").glob("*.toml"))
    return files + sorted((REPO / "sessions" / "examples").glob("*.json"))


def parsed(path: Path) -> object:
    """Parse a TOML or JSON content file."""
    text = path.read_text(encoding="utf-8")
    return json.loads(text) if path.suffix == ".json" else tomllib.loads(text)


def copied_runs(text: str, report_runs: set[tuple[str, ...]]) -> list[str]:
    """Return the runs of a text that also appear in the report."""
    return sorted(" ".join(run) for run in runs(text) & report_runs)


@pytest.fixture(scope="module")
def report_runs() -> set[tuple[str, ...]]:
    if not REPORT.is_file():
        pytest.skip(f"the reference report is not at {REPORT}")
    return runs(REPORT.read_text(encoding="utf-8"))


def test_the_checker_finds_a_copied_run(report_runs: set[tuple[str, ...]]) -> None:
    copied = "Note: If a price looks too good to be true, it may well be."
    assert "if a price looks too good to be" in copied_runs(copied, report_runs)
    assert copied_runs("If the price seems far too good, ask why.", report_runs) == []


@pytest.mark.parametrize("path", content_files(), ids=lambda p: p.name)
def test_no_content_file_copies_eight_words_from_the_report(path: Path, report_runs: set[tuple[str, ...]]) -> None:
    found = {place: copied_runs(text, report_runs) for place, text in shown_strings(parsed(path))}
    assert {place: hits for place, hits in found.items() if hits} == {}


def test_the_help_and_readme_texts_are_in_our_own_words(report_runs: set[tuple[str, ...]]) -> None:
    for path in (REPO / "sessions" / "README.md",):
        assert copied_runs(path.read_text(encoding="utf-8"), report_runs) == [], path


def test_the_fidelity_table_covers_every_principle_route_and_example() -> None:
    from workshop_app.core.principles import load_principles

    readme = (REPO / "sessions" / "README.md").read_text(encoding="utf-8")
    table = readme.split("## Where the content comes from: the fidelity table", 1)[1]
    for principle in load_principles():
        section = table.split(f"### {principle.name} (", 1)[1].split("\n### ", 1)[0]
        assert section.count("\n| ") >= 6, principle.key  # a header, a rule and at least four points
        for route in principle.routes:
            assert f"`{route.key}`" in section, route.key
        for case in principle.case_studies:
            assert case.key in section or case.name in section, case.key
    for field in ("overview.shift", "overview.context", "overview.not_enough", "source"):
        assert f"`{field}`" in table
