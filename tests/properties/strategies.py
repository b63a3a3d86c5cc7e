"""Hypothesis strategies shared by the property tests: awkward Unicode and the one-line error check."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import strategies as st

from workshop_app.core.errors import WorkshopError

AWKWARD = st.sampled_from([
    "", " ", "\x00", "\x07\x1b[31m", "\u202eRTL override\u202c", "שלום עולם", "مرحبا بالعالم", "👩🏽‍🤝‍👩🏻🏳️‍🌈",
    "Ŵyl y Bartneriaeth", "e\u0301\u0301\u0301", "\ufeff", "\u200b\u200d", "A" * 3000, "Donaudampfschiff" * 40,
    "<b>not markup</b> & <para>", "line\nbreak\r\nand\ttab", "\ud7ff\ue000\uffff", "%s %(x)s {0}",
])
"""Hand-picked trouble: control characters, RTL, emoji sequences, combining marks, very long words, markup."""

TEXT = st.one_of(AWKWARD, st.text(max_size=60), st.text(alphabet=st.characters(codec="utf-8"), max_size=200))

JSONISH: st.SearchStrategy[Any] = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | TEXT,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(TEXT | st.sampled_from(
        ["format", "format_version", "workshop", "groups", "participants", "proposals", "title", "id"]), inner,
        max_size=5),
    max_leaves=20,
)


def assert_one_line(error: WorkshopError) -> None:
    """A refusal is one line of text for a person, not a traceback or a Python repr."""
    text = str(error)
    assert text.strip() and "\n" not in text.strip() and "Traceback" not in text, repr(text)


def mutate(value: Any, path: list[Any], replacement: Any) -> Any:
    """Return a deep copy of a JSON value with the item at path replaced (or the path's end removed if None)."""
    copy = json.loads(json.dumps(value))
    target = copy
    for step in path[:-1]:
        target = target[step]
    if replacement is None and isinstance(target, dict):
        target.pop(path[-1], None)
    else:
        target[path[-1]] = replacement
    return copy


def paths_of(value: Any, prefix: tuple[Any, ...] = ()) -> list[list[Any]]:
    """Return the path of every item inside a JSON value."""
    found: list[list[Any]] = []
    items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else []
    for key, item in items:
        found.append([*prefix, key])
        found.extend(paths_of(item, (*prefix, key)))
    return found
