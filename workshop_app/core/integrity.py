"""What `verify` checks: the hash chain, every fingerprinted row against its audit entry, every revealed outcome."""

from __future__ import annotations

from dataclasses import dataclass

from workshop_app.core import audit
from workshop_app.core.model import AuditEntry, VoteRound
from workshop_app.core.workshop_record import WorkshopRecord
from workshop_app.core.reveals import REVEAL_KINDS, Reveal, read_reveal


@dataclass(frozen=True)
class Verdict:
    """Whether a record is whole; if not, the problems in words, first found first."""

    head: str
    count: int
    problems: tuple[str, ...] = ()
    unfingerprinted: int = 0
    """Rows written before row fingerprints existed (an older store): only the log vouches for them."""

    @property
    def ok(self) -> bool:
        """Say whether nothing was found wrong."""
        return not self.problems


def check_record(record: WorkshopRecord) -> Verdict:
    """Check a workshop's chain, its rows against the digests its entries hold, and its revealed outcomes."""
    entries = record.audit
    chain = audit.check_chain(entries)
    if not chain.ok:
        broken = next(e for e in entries if e.id == chain.broken_id)
        return Verdict(chain.head, chain.count, (
            f"The first broken entry is {broken.id} ({audit.iso_utc(broken.at)}, {broken.kind}): it {chain.problem}.",
        ))
    if not entries:
        return Verdict(chain.head, 0, ("Its audit log is empty, so nothing vouches for its data.",))
    written = _latest_digests(entries)
    rows = {(audit.COVERED[type(r)], getattr(r, "id")): r for r in _covered_rows(record)}
    fingerprinted = bool(entries[0].row_digests)
    problems: list[str] = []
    for key, row in rows.items():
        if key not in written:
            if fingerprinted:
                problems.append(f"{_name(record, row)} is not in the audit log: it was added outside the app.")
            continue
        digest, entry = written[key]
        if audit.row_digest(row) != digest:
            problems.append(f"{_name(record, row)} was changed after audit entry {entry.id} recorded it.")
    for key, (_digest, entry) in written.items():
        if key not in rows:
            problems.append(f"The {key[0].replace('_', ' ')} with id {key[1]} that audit entry {entry.id} recorded "
                            "has been deleted.")
    problems.extend(_outcome_problems(record, entries))
    untracked = 0 if fingerprinted else sum(1 for key in rows if key not in written)
    return Verdict(chain.head, chain.count, tuple(problems), untracked)


def _latest_digests(entries: list[AuditEntry]) -> dict[tuple[str, int], tuple[str, AuditEntry]]:
    """Return, for each row any entry fingerprinted, the digest the newest such entry recorded."""
    written: dict[tuple[str, int], tuple[str, AuditEntry]] = {}
    for entry in entries:
        for kind, row_id, digest in audit.parse_digests(entry.row_digests):
            written[(kind, row_id)] = (digest, entry)
    return written


def _covered_rows(record: WorkshopRecord) -> list[object]:
    """Return every row of the record whose kind the audit entries fingerprint."""
    return [record.workshop, *record.proposals, *record.amendments, *record.rounds, *record.ballots,
            *record.hand_counts, *record.assessments, *record.actions]


def _outcome_problems(record: WorkshopRecord, entries: list[AuditEntry]) -> list[str]:
    """Count each revealed round again and compare its totals and verdict with its newest reveal entry."""
    recorded: dict[tuple[int, int], tuple[Reveal, AuditEntry]] = {}
    for entry in entries:
        reveal = read_reveal(entry.text) if entry.kind in REVEAL_KINDS else None
        if reveal is not None:
            recorded[(reveal.proposal_id, reveal.round_no)] = (reveal, entry)
    problems = []
    for vote in record.rounds:
        outcome = record.outcome(vote)
        said = recorded.get((vote.proposal_id, vote.round_no))
        if outcome is None or said is None:
            continue
        reveal, entry = said
        if (outcome.totals, outcome.agreed) != (reveal.totals, reveal.agreed):
            problems.append(f"{_round_name(vote)} now gives \"{outcome.reason}\", not what audit entry "
                            f"{entry.id} recorded when it was revealed.")
    return problems


def _round_name(vote: VoteRound) -> str:
    """Name a round as people see it."""
    return f"Round {vote.round_no} of proposal {vote.proposal_id}"


def _name(record: WorkshopRecord, row: object) -> str:
    """Name a fingerprinted row in words, with enough to find it."""
    kind = audit.COVERED[type(row)]
    row_id = getattr(row, "id")
    if kind == "workshop":
        return "The workshop's details"
    if kind == "proposal":
        return f"Proposal {row_id} (\"{_short(getattr(row, 'text'))}\")"
    if kind == "vote_round":
        return _round_name(row)  # type: ignore[arg-type]
    if kind in ("ballot", "hand_count"):
        vote = next((r for r in record.rounds if r.id == getattr(row, "round_id")), None)
        where = f" in {_round_name(vote).lower()}" if vote is not None else ""
        what = "Ballot" if kind == "ballot" else "Show-of-hands count"
        return f"{what} {row_id}{where}"
    if kind == "amendment":
        return f"Amendment {row_id} of proposal {getattr(row, 'proposal_id')}"
    if kind == "action":
        return f"Action {row_id} (\"{_short(getattr(row, 'what'))}\")"
    return f"Score {row_id}"


def _short(text: str) -> str:
    """Return a text cut to 40 characters for a message."""
    return text if len(text) <= 40 else text[:37] + "..."
