"""Where a TOML syntax error sits in a plan file: its line, column, stage and field, for a clear message."""

from __future__ import annotations

import re
import tomllib
import unicodedata
from pathlib import Path

_POSITION = re.compile(r"\(at line (\d+), column (\d+)\)")
_KEY_AT_LINE = re.compile(r"^\s*([A-Za-z0-9_-]+)\s*=")
_TITLE_LINE = re.compile(r"""^\s*title\s*=\s*["'](.*?)["']\s*$""")


def syntax_error_parts(
    path: Path, text: str, error: tomllib.TOMLDecodeError
) -> tuple[str, int | None, str, str]:
    """Describe invalid TOML: the sentence, and the stage number, stage title and field it falls in."""
    reason = _POSITION.sub("", str(error)).strip()
    match = _POSITION.search(str(error))
    if not match:
        message = (
            f'The plan file "{path}" is not valid TOML ({reason}); check the end of the file, '
            "for example for a missing closing quote or bracket."
        )
        return message, None, "", ""
    line, column = int(match.group(1)), int(match.group(2))
    lines = text.splitlines()
    stage_number, stage_title = _stage_at_line(lines, line)
    key = _KEY_AT_LINE.match(lines[line - 1]) if 0 < line <= len(lines) else None
    field_name = key.group(1) if key else ""
    where = stage_phrase(stage_number, stage_title)
    in_field = f', field "{field_name}"' if field_name else ""
    message = (
        f'The plan file "{path}" is not valid TOML at line {line}, column {column} ({where}{in_field}): '
        f"{reason.lower()}; put text in double quotes, numbers without quotes and lists in [ ]."
    )
    return message, stage_number, stage_title, field_name


def _stage_at_line(lines: list[str], line: int) -> tuple[int | None, str]:
    """Return the number and title of the [[stages]] table that a line falls in, if any."""
    count, inside, title = 0, False, ""
    for text in lines[: max(line, 0)]:
        stripped = text.strip()
        if stripped.startswith("[["):
            inside = stripped.replace(" ", "").startswith("[[stages]]")
            count, title = count + inside, ""
        elif stripped.startswith("["):
            inside = False
        elif inside and (found := _TITLE_LINE.match(text)):
            title = found.group(1)
    if not inside:
        return None, ""
    return count, title or _title_after(lines, line)


def _title_after(lines: list[str], line: int) -> str:
    """Return the title given later in the same stage table, if there is one."""
    for text in lines[line:]:
        if text.strip().startswith("["):
            return ""
        if found := _TITLE_LINE.match(text):
            return found.group(1)
    return ""


def printable(text: str) -> str:
    """Return text with line breaks and other control characters written as escapes, so a message stays one line."""
    return "".join(repr(char)[1:-1] if unicodedata.category(char)[0] == "C" else char for char in text)


def stage_phrase(number: int | None, title: str) -> str:
    """Return 'stage 3 ("Ground rules")', 'stage 3' or 'outside the stages'."""
    if number is None:
        return "outside the stages"
    return f'stage {number} ("{printable(title)}")' if title else f"stage {number}"
