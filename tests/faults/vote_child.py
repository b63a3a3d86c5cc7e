"""A child process casting ballots through core.voting on a real store, printing each acknowledged one.

Usage: vote_child.py TARGET ROUND_ID WORKSHOP_ID COUNT PERSON_ID...   (COUNT 0: until killed)
Each line is `ballot ID PERSON CHOICE` after the ballot's commit returned, then (mixed mode, COUNT > 0)
`presence PERSON PRESENT` and `extended` after a presence change and a one-minute timer extension.
"""

from __future__ import annotations

import itertools
import sys

from workshop_app.core.changes import perform
from workshop_app.core import roster, stage_progress, voting
from workshop_app.core.model import Choice
from workshop_app.store import open_store

CHOICES = (Choice.AGREE, Choice.ABSTAIN, Choice.DISAGREE)


def main(target: str, round_id: int, workshop_id: int, count: int, people: list[int]) -> None:
    """Vote in a loop; with a count, also toggle the first person's presence and extend the timer each time."""
    store = open_store(target)
    print("ready", flush=True)
    steps = range(count) if count else itertools.count()
    for n in steps:
        person, choice = people[n % len(people)], CHOICES[n % len(CHOICES)]
        ballot = perform(store, voting.cast, round_id, person, choice).value
        print(f"ballot {ballot.id} {person} {choice}", flush=True)
        if count:
            present = perform(store, roster.set_present, people[0], n % 2 == 0).value.present
            print(f"presence {people[0]} {present}", flush=True)
            perform(store, stage_progress.extend_timer, workshop_id, 1)
            print("extended", flush=True)
    store.close()


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), [int(a) for a in sys.argv[5:]])
