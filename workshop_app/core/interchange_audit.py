"""Comparing an interchange file's revealed votes with what its own audit chain recorded at each reveal.

A file whose ballots were edited (even with the stated outcome edited to match) no longer agrees with
the totals and outcome its chain recorded, and the chain's hashes stop anyone changing those quietly.
The outcome is compared as agreed or not: its wording may differ between versions of the app.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from workshop_app.core.errors import ImportError_
from workshop_app.core.interchange_read import fail
from workshop_app.core.workshop_record import WorkshopRecord
from workshop_app.core.reveals import REVEAL_KINDS, Reveal, read_reveal, reveal_of
from workshop_app.core.model import require_id

_CREATED = re.compile(r"Proposal (\d+) was drafted")


def fallback_ids(record: WorkshopRecord) -> dict[int, int]:
    """For a file without proposal audit ids: match each proposal the chain saw drafted to a ref, in order."""
    drafted = sorted({int(m.group(1)) for e in record.audit if e.kind == "proposal_created"
                      for m in [_CREATED.match(e.text)] if m})
    started = bool(record.audit) and record.audit[0].kind == "workshop_created"
    if not started or len(drafted) != len(record.proposals):
        return {}
    return {source: require_id(p) for source, p in zip(drafted, record.proposals)}


def check_against_chain(record: WorkshopRecord, source_ids: Mapping[int, int]) -> None:
    """Refuse a revealed round whose votes do not give what the file's audit chain recorded at its reveal."""
    recorded = _recorded(record, source_ids)
    for vote in record.rounds:
        outcome = record.outcome(vote)
        if outcome is None:
            continue
        found = reveal_of(vote.round_no, 0, outcome)
        said = recorded.get((vote.proposal_id or 0, vote.round_no))
        if said is None:
            raise _refusal(record, vote.proposal_id, vote.round_no, "its audit log has no record of its reveal")
        if said.totals != found.totals or said.agreed != found.agreed:
            raise _refusal(record, vote.proposal_id, vote.round_no,
                           f'its votes give "{found.summary()}" but its audit log recorded "{said.summary()}" '
                           "when it was revealed")


def _recorded(record: WorkshopRecord, source_ids: Mapping[int, int]) -> dict[tuple[int, int], Reveal]:
    """Return, per (proposal ref, round number), what the chain recorded at the reveal."""
    recorded: dict[tuple[int, int], Reveal] = {}
    for n, entry in enumerate(record.audit):
        if entry.kind not in REVEAL_KINDS:
            continue
        reveal = read_reveal(entry.text)
        if reveal is None:
            raise fail(f"audit[{n}].text", "does not say what the revealed vote gave",
                       "export the workshop again from its store")
        ref = source_ids.get(reveal.proposal_id)
        if ref is None:
            raise fail(f"audit[{n}]", f"records a vote on proposal {reveal.proposal_id}, which is not in the file",
                       "export the workshop again from its store")
        recorded[(ref, reveal.round_no)] = reveal
    return recorded


def _refusal(record: WorkshopRecord, proposal_id: int | None, round_no: int, problem: str) -> ImportError_:
    """Return the sentence refusing a round, naming its proposal."""
    proposal = record.proposal(proposal_id)
    text = proposal.text if proposal else ""
    short = text if len(text) <= 60 else text[:57] + "..."
    return ImportError_(
        f'Proposal {proposal_id} ("{short}"), round {round_no}, does not match the file\'s own audit log: '
        f"{problem}; the votes were changed after the reveal, so export the workshop again from its store."
    )
