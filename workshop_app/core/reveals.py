"""The audit entry a revealed vote leaves: written at the reveal (or when an import brings a revealed vote in)
and read back when an interchange file's votes are compared with its own audit chain."""

from __future__ import annotations

import re
from dataclasses import dataclass

from workshop_app.core.decisions import Counts, Outcome

REVEAL_KINDS = ("vote_revealed", "result_imported")
"""The audit kinds whose text records a revealed vote's totals and outcome."""
_TEXT = re.compile(
    r"The vote \(round (\d+)\) on proposal (\d+) was revealed: (\d+) agree, (\d+) abstain, (\d+) disagree, "
    r"(\d+) block\. (.*)\Z", re.DOTALL,
)


@dataclass(frozen=True)
class Reveal:
    """What an audit entry says a vote gave when it was revealed."""

    round_no: int
    proposal_id: int
    totals: Counts
    reason: str

    @property
    def agreed(self) -> bool:
        """Say whether the entry records the proposal as agreed (every outcome sentence starts so)."""
        return self.reason.startswith("Agreed")

    def summary(self) -> str:
        """Say the totals and outcome in words, as the entry does."""
        t = self.totals
        return f"{t.agree} agree, {t.abstain} abstain, {t.disagree} disagree, {t.block} block: {self.reason}"


def reveal_text(round_no: int, proposal_id: int | None, outcome: Outcome) -> str:
    """Return the audit text that records a revealed vote's totals and outcome (never before the reveal)."""
    t = outcome.totals
    return (f"The vote (round {round_no}) on proposal {proposal_id} was revealed: {t.agree} agree, "
            f"{t.abstain} abstain, {t.disagree} disagree, {t.block} block. {outcome.reason}")


def read_reveal(text: str) -> Reveal | None:
    """Read a reveal entry's text back, or None if it is not one."""
    found = _TEXT.match(text)
    if found is None:
        return None
    numbers = [int(found.group(n)) for n in range(1, 7)]
    return Reveal(numbers[0], numbers[1], Counts(*numbers[2:]), found.group(7))


def reveal_of(round_no: int, proposal_id: int, outcome: Outcome) -> Reveal:
    """Return what a reveal entry for this outcome would say."""
    reveal = read_reveal(reveal_text(round_no, proposal_id, outcome))
    assert reveal is not None
    return reveal
