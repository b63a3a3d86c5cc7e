"""A workshop keeps the plan it ran: editing the plan file later never moves its stages; 0006 fills older stores."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

from tests.store.revisions import store_at_revision
from workshop_app.core.changes import perform, read
from workshop_app import paths
from workshop_app.core import model as m
from workshop_app.core import stored_plans, workshops
from workshop_app.core.plans import plan_by_key
from workshop_app.store import open_store

PLAN = '''title = "Short plan"

[[stages]]
kind = "welcome"
title = "Hello"
minutes = 5

[[stages]]
kind = "close"
title = "Thanks"
minutes = 5
'''


def test_editing_the_plan_file_later_never_moves_a_workshops_stages(tmp_path: Path) -> None:
    plan_file = paths.user_plans_dir() / "short.toml"
    plan_file.parent.mkdir(parents=True, exist_ok=True)
    plan_file.write_text(PLAN, encoding="utf-8")
    store = open_store(tmp_path / "w.sqlite3")
    try:
        workshop = perform(store, workshops.create_workshop,
            m.Workshop("Day", "P", "X", dt.date(2026, 3, 4), "Sam", "short")).value
        plan_file.write_text(PLAN.replace('[[stages]]\nkind = "welcome"',
                                          '[[stages]]\nkind = "welcome"\ntitle = "Coffee"\nminutes = 9\n\n'
                                          '[[stages]]\nkind = "welcome"', 1), encoding="utf-8")
        assert [s.title for s in plan_by_key("short").stages] == ["Coffee", "Hello", "Thanks"]
        assert [s.title for s in read(store, stored_plans.plan_of, workshop).stages] == ["Hello", "Thanks"]
        plan_file.unlink()
        assert [s.title for s in read(store, stored_plans.plan_of, workshop).stages] == ["Hello", "Thanks"]
    finally:
        store.close()


def test_migration_0006_keeps_the_plan_of_every_older_workshop(tmp_path: Path) -> None:
    db_path = tmp_path / "old.sqlite3"
    store_at_revision(db_path, "0005")
    with sqlite3.connect(db_path) as raw:
        for key in ("charter", "gone"):
            raw.execute("INSERT INTO workshop (title, partnership, place, date, facilitator, plan_key, decision_rule,"
                        " status, purpose, scope, created_at) VALUES ('Old', 'P', 'X', '2025-01-02', 'F', ?,"
                        " 'majority', 'draft', '', '', '2025-01-02 10:00:00.000000')", (key,))
    raw.close()
    store = open_store(db_path)
    try:
        with store() as uow:
            kept = uow.repo(m.WorkshopPlan).list()
        assert [(k.workshop_id, k.plan_key) for k in kept] == [(1, "charter")]
        assert kept[0].text == plan_by_key("charter").source.read_text(encoding="utf-8")
    finally:
        store.close()
