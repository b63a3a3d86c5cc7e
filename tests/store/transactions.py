"""Count a store's transactions as they begin: writing ones (they take the write lock) and reading ones."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import event

from workshop_app.store.database import READ_ONLY, Store


@dataclass
class Transactions:
    """What a store did while it was watched: transactions begun and statements run."""

    writes: int = 0
    reads: int = 0
    statements: list[str] = field(default_factory=list)

    def _on_begin(self, connection: Any) -> None:
        if connection.get_execution_options().get(READ_ONLY):
            self.reads += 1
        else:
            self.writes += 1

    def _on_statement(self, _conn: Any, _cursor: Any, statement: str, *_rest: Any) -> None:
        self.statements.append(statement)


@contextmanager
def counted(store: Store) -> Iterator[Transactions]:
    """Count the transactions the store begins inside the block (a SQLAlchemy event listener on its engine)."""
    seen = Transactions()
    engine = store._engine  # noqa: SLF001 - the test watches the store's own engine
    event.listen(engine, "begin", seen._on_begin)
    event.listen(engine, "before_cursor_execute", seen._on_statement)
    try:
        yield seen
    finally:
        event.remove(engine, "begin", seen._on_begin)
        event.remove(engine, "before_cursor_execute", seen._on_statement)
