"""Strict JSON for interchange files: no repeated keys, NaN, oversized numbers, control characters or deep nesting.

The standard json module does the parsing; its hooks mark anything the app cannot store, and one walk
over the parsed tree then names the first bad item by its JSON path (e.g. `participants[3].name`).
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterator
from typing import Any

from workshop_app.core.errors import ImportError_

MAX_DEPTH = 32
"""A workshop file nests about six levels; anything deeper than this is not a workshop."""
LOWEST_INT, HIGHEST_INT = -(2**63), 2**63 - 1
BAD_CHARACTER = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
"""Unicode's control characters (category Cc) except tab and line breaks, and lone surrogates (Cs)."""
NAME_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")


class _Refused:
    """A value the parser read but the app cannot keep; `problem` says why."""

    def __init__(self, problem: str) -> None:
        self.problem = problem


class _Object(dict[str, Any]):
    """A JSON object that remembers the first key it saw twice."""

    repeated: str | None = None


def _pairs(pairs: list[tuple[str, Any]]) -> _Object:
    """Build an object from its key/value pairs, noting a repeated key instead of letting the last one win."""
    obj = _Object()
    for key, value in pairs:
        if key in obj and obj.repeated is None:
            obj.repeated = key
        obj[key] = value
    return obj


def _whole(text: str) -> int | _Refused:
    """Read a whole number, refusing one outside 64 bits before Python converts a huge digit string."""
    if len(text.lstrip("-")) > 19:
        return _Refused("is a whole number too large to store (more than 19 digits)")
    value = int(text)
    if not LOWEST_INT <= value <= HIGHEST_INT:
        return _Refused(f"is {value}, a whole number too large to store")
    return value


def _number(text: str) -> float | _Refused:
    """Read a number with a fraction or exponent, refusing one too large to be finite."""
    value = float(text)
    return value if math.isfinite(value) else _Refused(f"is {text[:30]}, a number too large to store")


def _constant(name: str) -> _Refused:
    """Refuse NaN, Infinity and -Infinity, which are not JSON numbers."""
    return _Refused(f"is {name}, which is not a number JSON allows")


def parse(text: str) -> Any:
    """Parse JSON text strictly, or raise ImportError_ with one sentence naming the first bad item."""
    try:
        document = json.loads(text, object_pairs_hook=_pairs, parse_int=_whole, parse_float=_number,
                               parse_constant=_constant)
    except json.JSONDecodeError as error:
        raise ImportError_(
            f"The file is not valid JSON ({error.msg} at line {error.lineno}, column {error.colno}); "
            "choose a workshop file exported by workshop-app."
        ) from None
    except RecursionError:
        raise ImportError_(f"The file nests lists or objects far more than {MAX_DEPTH} levels deep, so it is not "
                           "a workshop record; choose a workshop file exported by workshop-app.") from None
    check_tree(document)
    return document


def check_tree(document: Any) -> None:
    """Refuse a parsed document holding anything the app cannot store, naming the first bad item."""
    for path, problem in _problems(document):
        where = f"The field {path}" if path else "The file"
        raise ImportError_(f"{where} {problem}; correct it or export the workshop again.")


def _problems(document: Any) -> Iterator[tuple[str, str]]:
    """Yield (JSON path, problem) for every bad item, walking the tree without recursion."""
    stack: list[tuple[str, Any, int]] = [("", document, 0)]
    while stack:
        path, value, depth = stack.pop()
        if depth > MAX_DEPTH:
            yield path, f"is nested more than {MAX_DEPTH} levels deep"
        elif isinstance(value, _Refused):
            yield path, value.problem
        elif isinstance(value, float) and not math.isfinite(value):
            yield path, f"is {value}, which is not a number JSON allows"
        elif isinstance(value, int) and not LOWEST_INT <= value <= HIGHEST_INT:
            yield path, "is a whole number too large to store"
        elif isinstance(value, str):
            problem = text_problem(value)
            if problem:
                yield path, problem
        elif isinstance(value, dict):
            if isinstance(value, _Object) and value.repeated is not None:
                yield key_path(path, value.repeated), "appears twice in the same object (keep one)"
            for key in reversed(list(value)):
                problem = text_problem(key)
                if problem:
                    yield path, f"has a key that {problem}"
                stack.append((key_path(path, key), value[key], depth + 1))
        elif isinstance(value, list):
            stack.extend((f"{path}[{n}]", item, depth + 1) for n, item in reversed(list(enumerate(value))))


def key_path(path: str, key: str) -> str:
    """Return the JSON path of a key inside an object (odd keys quoted)."""
    step = key if NAME_KEY.match(key) else json.dumps(key)
    return f"{path}.{step}" if path else step


def text_problem(text: str) -> str | None:
    """Say what is wrong with a text for the store (a control character or half of a surrogate pair), or None."""
    found = BAD_CHARACTER.search(text)
    if found is None:
        return None
    code = ord(found.group())
    if 0xD800 <= code <= 0xDFFF:
        return f"holds U+{code:04X}, half of a character pair, which is not valid text"
    return f"holds the control character U+{code:04X}, which text in a workshop cannot hold"
