"""Open the large fictional example at one view, for looking at both screens (and for the README's pictures).

    .venv/bin/python scripts/show_large_example.py VIEW --db FILE
VIEW is one of: rating (as saved), results, voting, actions, charter_review. The store FILE should be new: the
example is imported into it, moved to the view, then the app opens as `workshop-app demo` would.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from workshop_app.core.changes import perform, read
from workshop_app import cli  # noqa: E402
from workshop_app.core import roster, stage_progress, voting  # noqa: E402
from workshop_app.core.model import Choice  # noqa: E402
from workshop_app.core.plans import plan_by_key  # noqa: E402
from workshop_app.store.database import Store, open_store  # noqa: E402

VIEWS = ("rating", "results", "voting", "actions", "charter_review")


def go(store: Store, workshop_id: int, kind: str, principle: str | None = None) -> None:
    """Move the workshop to the first stage of a kind (and principle)."""
    stages = plan_by_key("charter").stages
    index = next(i for i, s in enumerate(stages) if s.kind == kind and principle in (None, s.principle))
    perform(store, stage_progress.go_to_stage, workshop_id, index, len(stages), stages[index].title)


def open_a_vote(store: Store, workshop_id: int) -> None:
    """Open a vote at the second principle's commitments stage with two thirds of the room voted."""
    go(store, workshop_id, "commitments", "creative")
    proposal = perform(store, voting.create_proposal, workshop_id, "creative",
                                      "We will try one new idea from residents every season, and say what we learnt.").value
    vote = perform(store, voting.open_vote, proposal.id or 0, secret=False).value
    people = [p for p in read(store, roster.list_participants, workshop_id) if p.present and p.is_voting]
    for index, person in enumerate(people[: len(people) * 2 // 3]):
        perform(store, voting.cast, vote.id or 0, person.id or 0, (Choice.AGREE, Choice.ABSTAIN)[index % 7 == 3])


def main(argv: list[str]) -> int:
    """Import the example into the store, move it to the view and open the app."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("view", choices=VIEWS)
    parser.add_argument("--db", required=True)
    args = parser.parse_args(argv)
    store = open_store(args.db)
    workshop_id = cli.demo_workshop(store, cli.demo_file("eastbank-wellbeing-large"), at_review=False)
    if args.view == "results":
        go(store, workshop_id, "assessment", "collaborative")
        perform(store, stage_progress.show_results, workshop_id, True)
    elif args.view == "voting":
        open_a_vote(store, workshop_id)
    elif args.view in ("actions", "charter_review"):
        go(store, workshop_id, args.view)
    store.close()
    from workshop_app.ui.app import run_gui

    return run_gui(args.db, [sys.argv[0]], workshop_id)


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
