"""Each phone's view kept in memory: read from the store once after each change, then served from here.

The console and shared screen tell the server whenever something a phone shows may have changed (a vote or
rating opened, closed or revealed, people or the stage changed, a vote cast on the console); the server then
forgets every view and reads them again, together, when next asked. A phone's own vote or score, once recorded,
updates its view here. A phone that asks for its view itself (polling, or after a refusal) always gets a fresh
read. A vote is never accepted from this memory: each cast checks the store in its own transaction.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

from workshop_app.core.phone_ratings import OpenRating
from workshop_app.core.phone_votes import NotAVoterError, PhoneState

State = PhoneState | NotAVoterError
ReadStates = Callable[[list[int]], Sequence[State]]
ReadRatings = Callable[[list[int]], Sequence[OpenRating | None]]


class ViewMemory:
    """The phone views (vote state and open rating) of the participants asked for since the last change."""

    def __init__(self, read_states: ReadStates, read_ratings: ReadRatings) -> None:
        self.read_states = read_states
        self.read_ratings = read_ratings
        self._views: dict[int, tuple[State, OpenRating | None]] = {}
        self.reads = 0  # how many times the store was read (for tests and the benchmark)

    def forget(self) -> None:
        """Drop every view: something they show may have changed, so the next ask reads them again."""
        self._views.clear()

    def views(self, participant_ids: Sequence[int], fresh: bool = False) -> list[tuple[State, OpenRating | None]]:
        """Return each participant's vote state and open rating, reading the ones not in memory (or, when
        `fresh`, all of them) together."""
        missing = list(dict.fromkeys(pid for pid in participant_ids if fresh or pid not in self._views))
        if missing:
            self.reads += 1
            states, ratings = self.read_states(missing), self.read_ratings(missing)
            self._views.update(zip(missing, zip(states, ratings, strict=True), strict=True))
        return [self._views[pid] for pid in participant_ids]

    def voted(self, participant_id: int, round_id: int, choice: str) -> None:
        """A phone's vote was recorded: its view now shows that choice (if the view is of that round)."""
        found = self._views.get(participant_id)
        if found is not None and isinstance(found[0], PhoneState) and found[0].round_id == round_id:
            self._views[participant_id] = (replace(found[0], my_choice=choice), found[1])

    def rated(self, participant_id: int, principle: str, score: int) -> None:
        """A phone's score was recorded: its view of that open rating now shows it."""
        found = self._views.get(participant_id)
        if found is not None and found[1] is not None and found[1].principle == principle:
            self._views[participant_id] = (found[0], replace(found[1], mine=score))
