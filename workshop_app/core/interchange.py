"""The JSON interchange format (version 1) for one workshop: a record becomes a plain dict (see docs/interchange.md).

Secrecy: a round that is not revealed yet (open, or closed and not revealed) is "sealed": its ballots
are kept apart under `sealed_ballots` so an import can carry the vote on, and no outcome or count is
given. That file is the only place they leave the store. A revealed secret round gives its counted
ballots without voters (group, choice, reason and an anonymous key only).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from typing import Any

from workshop_app.core.audit import iso_utc
from workshop_app.core import charter_wording
from workshop_app.core.errors import WorkshopError
from workshop_app.core.decisions import Counts, Outcome, last_ballots
from workshop_app.core.model import Ballot, Choice, HandCount, VoteRound, utc_now
from workshop_app.core.workshop_record import WorkshopRecord

FORMAT = "changemaking-workshop"
VERSION = 1
SEALED = ("not revealed yet: these ballots are kept only so that an import can carry the vote on; "
          "the app shows no choice or count before the reveal")
CHOICE_ORDER = tuple(Choice)

Refs = Mapping[str, Mapping[int | None, int]]


def when(at: dt.datetime | None) -> str | None:
    """Return a time as a fixed-format UTC string, or None."""
    return iso_utc(at) if at is not None else None


def day(on: dt.date | None) -> str | None:
    """Return a date as YYYY-MM-DD, or None."""
    return on.isoformat() if on is not None else None


def file_refs(record: WorkshopRecord) -> Refs:
    """Return, per kind, each record id's file ref: 1, 2, 3 ... in stored order."""
    kinds: dict[str, list[Any]] = {
        "group": record.groups, "participant": record.participants,
        "proposal": record.proposals, "round": record.rounds,
    }
    return {kind: {row.id: n for n, row in enumerate(rows, 1)} for kind, rows in kinds.items()}


def _ref(refs: Refs, kind: str, record_id: int | None) -> int | None:
    """Return the file ref of an id (None stays None)."""
    return None if record_id is None else refs[kind][record_id]


def facts_document(record: WorkshopRecord, refs: Refs) -> dict[str, Any]:
    """Return the charter's facts and contacts entries (see interchange_facts)."""
    from workshop_app.core.interchange_facts import facts_document as facts

    return facts(record, refs)


def to_document(record: WorkshopRecord, exported_at: dt.datetime | None = None) -> dict[str, Any]:
    """Return the complete version-1 document of a workshop record."""
    refs = file_refs(record)
    return {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": when(exported_at or utc_now()),
        "workshop": _workshop(record),
        "groups": [
            {"ref": refs["group"][g.id], "name": g.name, "colour": g.colour, "mark": g.mark, "position": g.position}
            for g in record.groups
        ],
        "participants": [
            {"ref": refs["participant"][p.id], "name": p.name, "group_ref": _ref(refs, "group", p.group_id),
             "organisation": p.organisation, "role": p.role, "is_voting": p.is_voting, "present": p.present,
             "ward": p.ward, "publish_name": p.publish_name, "signs": p.signs}
            for p in record.participants
        ],
        "stage_progress": _progress(record),
        "assessments": [
            {"principle": a.principle, "group_ref": _ref(refs, "group", a.group_id),
             "participant_ref": _ref(refs, "participant", a.participant_id), "score": a.score,
             "created_at": when(a.created_at)}
            for a in record.assessments
        ],
        "notes": [
            {"stage_index": n.stage_index, "text": n.text, "group_ref": _ref(refs, "group", n.group_id),
             "route": n.route, "created_at": when(n.created_at)}
            for n in record.notes
        ],
        "proposals": [_proposal(record, refs, p.id) for p in record.proposals],
        "vote_rounds": [_round(record, refs, r) for r in record.rounds],
        "actions": [_action(refs, a) for a in record.actions],
        "charter_versions": [
            {"version": c.version, "status": str(c.status), "agreed_on": day(c.agreed_on), "changes": c.changes,
             "sections": charter_wording.to_document(charter_wording.parse_version(c.sections_json)),
             "created_at": when(c.created_at)}
            for c in record.charter_versions
        ],
        **facts_document(record, refs),
        "audit_workshop_id": record.audit[0].workshop_id if record.audit else None,
        "audit_head": record.audit_head,
        "audit": [
            {"kind": e.kind, "text": e.text, "at": when(e.at), "prev_hash": e.prev_hash, "hash": e.hash,
             **({"row_digests": e.row_digests} if e.row_digests else {})}
            for e in record.audit
        ],
    }


def _workshop(record: WorkshopRecord) -> dict[str, Any]:
    """Return the workshop's own fields."""
    w = record.workshop
    return {
        "title": w.title, "partnership": w.partnership, "place": w.place, "date": day(w.date),
        "facilitator": w.facilitator, "plan_key": w.plan_key, "decision_rule": str(w.decision_rule),
        "status": str(w.status), "purpose": w.purpose, "scope": w.scope, "next_review": day(w.next_review),
        "created_at": when(w.created_at),
    }


def _progress(record: WorkshopRecord) -> dict[str, Any] | None:
    """Return where the room is in the plan, or None."""
    s = record.stage_progress
    if s is None:
        return None
    return {
        "stage_index": s.stage_index, "timer_running": s.timer_running, "elapsed_seconds": s.elapsed_seconds,
        "timer_started_at": when(s.timer_started_at), "extra_minutes": s.extra_minutes,
        "updated_at": when(s.updated_at), "results_shown": s.results_shown,
    }


def _proposal(record: WorkshopRecord, refs: Refs, proposal_id: int | None) -> dict[str, Any]:
    """Return a proposal with its amendment history."""
    p = record.proposal(proposal_id)
    assert p is not None
    return {
        "ref": refs["proposal"][p.id], "audit_id": p.id, "principle": p.principle, "text": p.text, "route": p.route,
        "party_group_ref": _ref(refs, "group", p.party_group_id), "status": str(p.status),
        "created_at": when(p.created_at),
        "amendments": [
            {"old_text": a.old_text, "new_text": a.new_text, "author": a.author, "created_at": when(a.created_at)}
            for a in record.amendments_of(p.id)
        ],
    }


def _action(refs: Refs, a: Any) -> dict[str, Any]:
    """Return an action."""
    return {
        "principle": a.principle, "what": a.what, "owner_kind": str(a.owner_kind), "owner": a.owner,
        "due": day(a.due), "measure": a.measure, "status": str(a.status),
        "proposal_ref": _ref(refs, "proposal", a.proposal_id), "created_at": when(a.created_at),
    }


def _round(record: WorkshopRecord, refs: Refs, vote: VoteRound) -> dict[str, Any]:
    """Return a round: its ballots and outcome once revealed, otherwise only that votes are withheld."""
    head: dict[str, Any] = {
        "ref": refs["round"][vote.id], "proposal_ref": refs["proposal"][vote.proposal_id],
        "round_no": vote.round_no, "secret": vote.secret, "opened_at": when(vote.opened_at),
        "closed_at": when(vote.closed_at), "revealed_at": when(vote.revealed_at),
        "present_group_refs": [_ref(refs, "group", gid) for gid in vote.present_group_ids],
    }
    if vote.closed_at is not None:
        head["rule"] = str(vote.rule or record.workshop.decision_rule)
        head["voters"] = [{"participant_ref": _ref(refs, "participant", pid), "group_ref": _ref(refs, "group", gid)}
                          for pid, gid in vote.voters if pid in refs["participant"]]  # removed later: cast nothing
    outcome = record.outcome(vote)
    ballots = record.ballots_of(vote.id)
    hands = [_hands(refs, h) for h in record.hand_counts_of(vote.id)]
    if outcome is None:
        head["results"] = "sealed"
        head["sealed"] = SEALED
        head["sealed_ballots"] = _named_ballots(refs, ballots)
        head["sealed_hand_counts"] = hands
        return head
    head["results"] = "revealed"
    head["ballots"] = _secret_ballots(record, refs, vote, ballots) if vote.secret else _named_ballots(refs, ballots)
    head["hand_counts"] = hands
    head["outcome"] = outcome_dict(outcome, refs["group"])
    return head


def _named_ballots(refs: Refs, ballots: list[Ballot]) -> list[dict[str, Any]]:
    """Return every ballot cast with its voter, superseded ones too, in the order they were stored."""
    return [
        {"participant_ref": _ref(refs, "participant", b.participant_id), "choice": str(b.choice),
         "reason": b.reason, "proxy_holder_ref": _ref(refs, "participant", b.proxy_holder_id),
         "cast_at": when(b.cast_at)}
        for b in ballots
    ]


def _secret_ballots(record: WorkshopRecord, refs: Refs, vote: VoteRound, ballots: list[Ballot]) -> list[dict[str, Any]]:
    """Return the counted ballots of a secret round without voters, in an order that reveals nobody."""
    voters = record.voter_groups(vote)
    order = {g.id: n for n, g in enumerate(record.ordered_groups())}
    rows = []
    for pid, ballot in last_ballots(ballots).items():
        group_id = voters.get(pid)
        if group_id is not None:
            rows.append((order.get(group_id, len(order)), group_id, ballot))
    rows.sort(key=lambda row: (row[0], CHOICE_ORDER.index(Choice(row[2].choice)), row[2].reason))
    return [
        {"voter": f"anon-{n}", "group_ref": _ref(refs, "group", gid), "choice": str(b.choice), "reason": b.reason}
        for n, (_, gid, b) in enumerate(rows, 1)
    ]


def _hands(refs: Refs, h: HandCount) -> dict[str, Any]:
    """Return one show-of-hands entry."""
    return {
        "group_ref": _ref(refs, "group", h.group_id), "agree": h.agree, "abstain": h.abstain,
        "disagree": h.disagree, "block": h.block, "block_reason": h.block_reason,
    }


def _counts(c: Counts) -> dict[str, int]:
    """Return counts as a dict."""
    return {"agree": c.agree, "abstain": c.abstain, "disagree": c.disagree, "block": c.block}


def outcome_dict(outcome: Outcome, group_refs: Mapping[int | None, int]) -> dict[str, Any]:
    """Return an outcome as the document states it (group ids turned into file refs)."""
    return {
        "agreed": outcome.agreed, "kind": outcome.kind, "reason": outcome.reason, "rule": str(outcome.rule),
        "totals": _counts(outcome.totals),
        "per_group": [{"group_ref": group_refs[gid], **_counts(c)} for gid, c in outcome.per_group.items()],
        "block_reasons": [{"group_ref": group_refs[r.group_id], "reason": r.reason} for r in outcome.block_reasons],
    }


def dumps(document: Mapping[str, Any]) -> str:
    """Return a document as readable UTF-8 JSON text (two-space indent, non-ASCII kept), never NaN or Infinity."""
    try:
        return json.dumps(document, ensure_ascii=False, indent=2, allow_nan=False) + "\n"
    except ValueError:
        raise WorkshopError("The workshop holds a number that is not finite (NaN or Infinity, from an older "
                            "import), which a JSON file cannot hold; move the room to a stage again (its "
                            "timer starts from zero) and export again.") from None


def from_document(document: dict[str, Any]) -> WorkshopRecord:
    """Check a parsed document and return its record (ids are the file's refs); see interchange_import."""
    from workshop_app.core.interchange_import import from_document as read

    return read(document)
