"""Reading a version-1 interchange document: every field checked, one sentence naming the first bad one."""

from __future__ import annotations

import datetime as dt
import json
from enum import StrEnum
from collections.abc import Callable
from typing import Any, TypeVar

from workshop_app.core.errors import ImportError_, WorkshopError
from workshop_app.core.interchange_json import parse
from workshop_app.core.model import Workshop, utc_now

E = TypeVar("E", bound=StrEnum)
T = TypeVar("T")
MAX_OFFSET = dt.timedelta(hours=14)
Item = tuple[dict[str, Any], str]

TYPE_WORDS = {str: "text", int: "a whole number", bool: "true or false", float: "a number",
              list: "a list", dict: "an object"}


def fail(path: str, problem: str, fix: str = "correct it or export the workshop again") -> ImportError_:
    """Return the one-sentence error for a bad field."""
    return ImportError_(f"The field {path} {problem}; {fix}.")


def load_json(data: str | bytes) -> dict[str, Any]:
    """Parse the file's text into the top-level object, or refuse with a sentence."""
    if isinstance(data, bytes):
        try:
            data = data.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise ImportError_(
                f"The file is not UTF-8 text (byte {error.start}); choose a workshop file exported as JSON."
            ) from None
    document = parse(data)
    if not isinstance(document, dict):
        raise ImportError_("The file holds JSON but not a workshop record (its top level is not an object); "
                           "choose a workshop file exported by workshop-app.")
    return document


class Fields:
    """Typed access to one object of the document, naming the JSON path of anything wrong."""

    def __init__(self, obj: dict[str, Any], path: str) -> None:
        self.obj = obj
        self.path = path

    def at(self, key: str) -> str:
        """Return the JSON path of a key of this object."""
        return f"{self.path}.{key}" if self.path else key

    def raw(self, key: str) -> Any:
        """Return a field's value, refusing a missing one."""
        if key not in self.obj:
            raise ImportError_(f"The file is missing the field {self.at(key)}; add it or export the workshop again.")
        return self.obj[key]

    def typed(self, key: str, kind: type, nullable: bool = False) -> Any:
        """Return a field of one JSON type (a whole number is also a number; true/false is never a number)."""
        value = self.raw(key)
        if value is None and nullable:
            return None
        ok = isinstance(value, kind) and not (kind in (int, float) and isinstance(value, bool))
        if kind is float and isinstance(value, int) and not isinstance(value, bool):
            ok, value = True, float(value)
        if not ok:
            word = TYPE_WORDS[kind] + (" or null" if nullable else "")
            raise fail(self.at(key), f"should be {word}, not {json.dumps(value, ensure_ascii=False)[:40]}")
        return value

    def text(self, key: str) -> str:
        """Return a text field."""
        return str(self.typed(key, str))

    def whole(self, key: str, nullable: bool = False, lowest: int | None = None) -> Any:
        """Return a whole-number field, optionally with a lowest allowed value."""
        value = self.typed(key, int, nullable)
        if value is not None and lowest is not None and value < lowest:
            raise fail(self.at(key), f"is {value}, but it must be {lowest} or more")
        return value

    def flag(self, key: str) -> bool:
        """Return a true/false field."""
        return bool(self.typed(key, bool))

    def choice(self, key: str, enum: type[E]) -> E:
        """Return a field that must be one of an enum's values."""
        value = self.text(key)
        try:
            return enum(value)
        except ValueError:
            allowed = ", ".join(f'"{m.value}"' for m in enum)
            raise fail(self.at(key), f'is "{value}", which is not one of {allowed}', "use one of them") from None

    def date(self, key: str, nullable: bool = False) -> dt.date | None:
        """Return a YYYY-MM-DD date field."""
        value = self.typed(key, str, nullable)
        if value is None:
            return None
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            raise fail(self.at(key), f'is "{value}", which is not a date written YYYY-MM-DD') from None

    def time(self, key: str, nullable: bool = False) -> dt.datetime | None:
        """Return an ISO 8601 time field, taken as UTC when it has no offset."""
        value = self.typed(key, str, nullable)
        if value is None:
            return None
        try:
            at = dt.datetime.fromisoformat(value)
        except ValueError:
            raise fail(self.at(key), f'is "{value}", which is not a time such as 2025-03-14T10:30:00Z') from None
        offset = at.utcoffset()
        if offset is not None and (offset % dt.timedelta(minutes=1) or abs(offset) > MAX_OFFSET):
            raise fail(self.at(key), f'is "{value}", whose offset from UTC is not whole minutes within 14 hours')
        try:
            return at.replace(tzinfo=dt.UTC) if offset is None else at.astimezone(dt.UTC)
        except OverflowError:
            raise fail(self.at(key), f'is "{value}", which is outside the years a time can have') from None

    def checked(self, key: str, check: Callable[[], T]) -> T:
        """Run one of the app's own checks on a field, naming the field if it refuses."""
        try:
            return check()
        except WorkshopError as error:
            raise ImportError_(f"The field {self.at(key)} is not accepted: {error}") from None

    def stamp(self, key: str) -> dt.datetime:
        """Return a required time field."""
        at = self.time(key)
        assert at is not None
        return at

    def items(self, key: str) -> list[Item]:
        """Return a list field whose entries are objects, each with its JSON path."""
        rows = self.typed(key, list)
        out: list[Item] = []
        for n, row in enumerate(rows):
            path = f"{self.at(key)}[{n}]"
            if not isinstance(row, dict):
                raise fail(path, "should be an object")
            out.append((row, path))
        return out

    def obj_field(self, key: str, nullable: bool = False) -> Fields | None:
        """Return a nested object field."""
        value = self.typed(key, dict, nullable)
        return None if value is None else Fields(value, self.at(key))


class RefTable:
    """The refs one kind of entry declares, to check references against."""

    def __init__(self, kind: str, list_name: str) -> None:
        self.kind = kind
        self.list_name = list_name
        self.known: set[int] = set()

    def declare(self, f: Fields) -> int:
        """Read an entry's own ref and refuse a repeated one."""
        ref = int(f.whole("ref", lowest=1))
        if ref in self.known:
            raise fail(f.at("ref"), f"repeats {self.kind} ref {ref}", "give each entry its own ref")
        self.known.add(ref)
        return ref

    def check(self, f: Fields, key: str, nullable: bool = False) -> Any:
        """Read a reference field and refuse a ref this kind does not declare."""
        ref = f.whole(key, nullable=nullable)
        if ref is not None and ref not in self.known:
            raise fail(f.at(key), f'refers to {self.kind} {ref}, which is not in the file\'s "{self.list_name}" list',
                       f"use the ref of one of its {self.list_name}")
        return ref


def read_workshop(f: Fields) -> Workshop:
    """Read the workshop object."""
    from workshop_app.core.model import DecisionRule, WorkshopStatus

    from workshop_app.core.plans import plan_by_key
    from workshop_app.core.workshops import check_workshop

    date = f.date("date")
    assert date is not None
    title, plan_key = f.text("title"), f.text("plan_key")
    f.checked("title", lambda: check_workshop(Workshop(title, "", "", date, "", plan_key)))
    f.checked("plan_key", lambda: plan_by_key(plan_key))
    return Workshop(
        title=title.strip(), partnership=f.text("partnership"), place=f.text("place"), date=date,
        facilitator=f.text("facilitator"), plan_key=plan_key,
        decision_rule=f.choice("decision_rule", DecisionRule), status=f.choice("status", WorkshopStatus),
        purpose=f.text("purpose"), scope=f.text("scope"), next_review=f.date("next_review", nullable=True),
        created_at=f.time("created_at") or utc_now(), id=None,
    )
