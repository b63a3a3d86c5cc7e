"""The workshop list read straight from a SQLite store with stdlib sqlite3: no ORM, no migration, nothing written.

`list` and the start page use it so that a person sees their workshops before SQLAlchemy, SQLModel and Alembic
have loaded. It answers only for a store file at this app's newest schema; anything else (no file, an older or
newer schema, a server database, a damaged file) returns None and the caller opens the store the full way, which
migrates it or says in one sentence what is wrong.
"""

from __future__ import annotations

import datetime as dt
import re
import sqlite3
from pathlib import Path

from workshop_app.core.model import DecisionRule, Workshop, WorkshopStatus

VERSIONS_DIR = Path(__file__).resolve().parent / "migrations" / "versions"
_REVISION = re.compile(r"^(down_revision|revision)\b[^=\n]*=\s*(?:None|[\"']([^\"']+)[\"'])", re.MULTILINE)
COLUMNS = ("id", "title", "partnership", "place", "date", "facilitator", "plan_key", "decision_rule", "status",
           "purpose", "scope", "next_review", "created_at")


def store_file(target: str | None) -> Path | None:
    """Return the SQLite file a --db target names (None: the default store file), or None for a database address."""
    if target is None:
        from workshop_app import paths

        return paths.default_db_path()
    if "://" in target:
        return None
    return Path(target).expanduser().absolute()


def head_revision(folder: Path = VERSIONS_DIR) -> str | None:
    """Return the newest migration revision, read from the migration files' `revision` lines (no Alembic)."""
    revisions: set[str] = set()
    parents: set[str] = set()
    for script in folder.glob("*.py"):
        for name, value in _REVISION.findall(script.read_text(encoding="utf-8")):
            if value:
                (revisions if name == "revision" else parents).add(value)
    heads = revisions - parents
    return heads.pop() if len(heads) == 1 else None


def read_only_uri(path: Path, wal: bool = True) -> str:
    """Return a URI that opens the file without writing to it or creating files beside it.

    A WAL file with no -wal beside it is fully contained in itself and not open elsewhere, so it is
    opened immutable (which creates no -shm); otherwise read-only, honouring other programs' locks.
    """
    mode = "immutable=1" if wal and not Path(f"{path}-wal").exists() else "mode=ro"
    return f"{path.resolve().as_uri()}?{mode}"


def _utc(text: str) -> dt.datetime:
    """Return a stored naive UTC time as an aware one."""
    return dt.datetime.fromisoformat(text).replace(tzinfo=dt.UTC)


def _workshop(row: tuple[object, ...]) -> Workshop:
    """Return the Workshop a `workshop` row holds."""
    values = dict(zip(COLUMNS, row))
    review = values["next_review"]
    return Workshop(
        id=int(str(values["id"])), title=str(values["title"]), partnership=str(values["partnership"]),
        place=str(values["place"]), date=dt.date.fromisoformat(str(values["date"])),
        facilitator=str(values["facilitator"]), plan_key=str(values["plan_key"]),
        decision_rule=DecisionRule(str(values["decision_rule"])), status=WorkshopStatus(str(values["status"])),
        purpose=str(values["purpose"]), scope=str(values["scope"]),
        next_review=dt.date.fromisoformat(str(review)) if review else None,
        created_at=_utc(str(values["created_at"])),
    )


def workshops_in_file(path: Path | None) -> list[Workshop] | None:
    """Return the workshops in a store file at the newest schema (deleted ones too), or None to take the full way."""
    if path is None or not path.is_file():
        return None
    head = head_revision()
    try:
        connection = sqlite3.connect(read_only_uri(path), uri=True, timeout=5.0)
    except sqlite3.Error:
        return None
    try:
        versions = [r[0] for r in connection.execute("SELECT version_num FROM alembic_version")]
        if head is None or versions != [head]:
            return None
        rows = connection.execute(f"SELECT {', '.join(COLUMNS)} FROM workshop ORDER BY id").fetchall()
        return [_workshop(row) for row in rows]
    except (sqlite3.Error, ValueError):
        return None
    finally:
        connection.close()

