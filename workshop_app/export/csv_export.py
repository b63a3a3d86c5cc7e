"""Open-data CSV files of one workshop: participants, assessments, votes and actions.

Built from the interchange document, so the same secrecy rules hold: no rows for unrevealed rounds,
and no voter named for a secret ballot. Files are UTF-8 with a byte-order mark (so Excel reads
accents and Welsh letters correctly), comma-separated with a header row and CRLF line ends. Text that
a spreadsheet would run as a formula (starting =, +, -, @, tab or carriage return) gets a leading
apostrophe, as OWASP advises against CSV injection; the JSON export keeps every text exactly.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from workshop_app import files
from workshop_app.core.ports import UnitOfWorkFactory
from workshop_app.core.public_names import shown_name
from workshop_app.export.json_export import workshop_document

"""How the files are encoded (the byte-order mark is written explicitly, see export_csv)."""
FILES = ("participants.csv", "assessments.csv", "votes.csv", "actions.csv")
CHOICES = ("agree", "abstain", "disagree", "block")


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""A cell starting with one of these is run as a formula by spreadsheets (OWASP: CSV injection)."""


def neutralised(cell: Any) -> Any:
    """Return a text cell a spreadsheet would run as a formula with a leading apostrophe, so it shows as text."""
    if isinstance(cell, str) and cell.startswith(FORMULA_STARTS):
        return "'" + cell
    return "" if cell is None else cell


def csv_text(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    """Return a header and rows as CSV text (None becomes an empty cell; formula-like text is neutralised)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    for row in rows:
        writer.writerow([neutralised(cell) for cell in row])
    return buffer.getvalue()


def _yes(flag: bool) -> str:
    return "yes" if flag else "no"


def public_names(doc: dict[str, Any]) -> dict[int, str]:
    """Each participant's name as open data may show it: a resident who did not agree to be named by their ward."""
    groups = {g["ref"]: g["name"] for g in doc["groups"]}
    return {p["ref"]: shown_name(p["name"], p["organisation"], p.get("ward", ""), p.get("publish_name", False),
                                 groups[p["group_ref"]]) for p in doc["participants"]}


def participants_csv(doc: dict[str, Any]) -> str:
    """Return participants.csv: one row per person, with their group (a resident not named has no role either)."""
    groups = {g["ref"]: g["name"] for g in doc["groups"]}
    shown = public_names(doc)
    rows = ([p["ref"], shown[p["ref"]], groups[p["group_ref"]], p["organisation"],
             p["role"] if shown[p["ref"]] == p["name"] else "", _yes(p["is_voting"]), _yes(p["present"])]
            for p in doc["participants"])
    return csv_text(["participant_id", "name", "group", "organisation", "role", "voting", "present"], rows)


def assessments_csv(doc: dict[str, Any]) -> str:
    """Return assessments.csv: every score given, by whom (or by a whole group) and when."""
    groups = {g["ref"]: g["name"] for g in doc["groups"]}
    people = public_names(doc)
    rows = ([a["principle"], groups[a["group_ref"]], people.get(a["participant_ref"], ""), a["score"],
             a["created_at"]] for a in doc["assessments"])
    return csv_text(["principle", "group", "participant", "score", "recorded_at"], rows)


def actions_csv(doc: dict[str, Any]) -> str:
    """Return actions.csv: what, who, by when, how we will know, and status."""
    shown = {p["name"]: public_names(doc)[p["ref"]] for p in doc["participants"]}
    rows = ([n, a["principle"], a["what"], a["owner_kind"],
             shown.get(a["owner"], a["owner"]) if a["owner_kind"] == "participant" else a["owner"], a["due"],
             a["measure"], a["status"], a["proposal_ref"]] for n, a in enumerate(doc["actions"], 1))
    return csv_text(["action_id", "principle", "what", "owner_type", "owner", "due", "measure", "status",
                     "proposal_id"], rows)


def round_voters(doc: dict[str, Any], vote: dict[str, Any]) -> dict[int, int]:
    """Return who could vote in a round and in which group ({participant ref: group ref}), as it froze them."""
    if "voters" in vote:
        return {v["participant_ref"]: v["group_ref"] for v in vote["voters"]}
    return {p["ref"]: p["group_ref"] for p in doc["participants"] if p["is_voting"]}


def counted_named_ballots(voters: dict[int, int], ballots: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Return the ballot that counts for each voter (their last stored), in first-vote order."""
    latest = {b["participant_ref"]: b for b in ballots}
    return [b for pid, b in latest.items() if pid in voters]


def votes_csv(doc: dict[str, Any]) -> str:
    """Return votes.csv: one row per counted vote of each revealed round (show of hands: one row per count).

    The voter and proxy columns appear only when a named round was revealed; secret rows leave them empty.
    """
    named = any(r["results"] == "revealed" and not r["secret"] for r in doc["vote_rounds"])
    header = ["proposal_id", "principle", "proposal", "round", "ballot", "group", "choice", "count", "reason",
              "outcome"]
    if named:
        header[6:6] = ["voter", "proxy_held_by"]
    rows = [row for r in doc["vote_rounds"] if r["results"] == "revealed" for row in _round_rows(doc, r, named)]
    return csv_text(header, rows)


def _round_rows(doc: dict[str, Any], vote: dict[str, Any], named: bool) -> list[list[Any]]:
    """Return the rows of one revealed round."""
    groups = {g["ref"]: g["name"] for g in doc["groups"]}
    people = public_names(doc)
    proposal = next(p for p in doc["proposals"] if p["ref"] == vote["proposal_ref"])
    head = [proposal["ref"], proposal["principle"], proposal["text"], vote["round_no"]]
    outcome = vote["outcome"]["reason"]
    rows: list[list[Any]] = []
    if vote["secret"]:
        for b in vote["ballots"]:
            who = ["", ""] if named else []
            rows.append([*head, "secret", groups[b["group_ref"]], *who, b["choice"], 1, b["reason"], outcome])
    else:
        voters = round_voters(doc, vote)
        for b in counted_named_ballots(voters, vote["ballots"]):
            holder = people[b["proxy_holder_ref"]] if b["proxy_holder_ref"] is not None else ""
            rows.append([*head, "named", groups[voters[b["participant_ref"]]], people[b["participant_ref"]], holder,
                         b["choice"],
                         1, b["reason"], outcome])
    last_hands = {h["group_ref"]: h for h in vote["hand_counts"]}
    for gid, hands in last_hands.items():
        for choice in CHOICES:
            if hands[choice]:
                reason = hands["block_reason"] if choice == "block" else ""
                who = ["", ""] if named else []
                rows.append([*head, "show of hands", groups[gid], *who, choice, hands[choice], reason, outcome])
    if not rows:
        rows.append([*head, "none", "", *(["", ""] if named else []), "", 0, "", outcome])
    return rows


def export_csv(uow_factory: UnitOfWorkFactory, workshop_id: int, folder: Path) -> list[Path]:
    """Write the four CSV files of one workshop as a new folder that replaces the old one whole; return their paths."""
    doc = workshop_document(uow_factory, workshop_id)
    texts = (participants_csv(doc), assessments_csv(doc), votes_csv(doc), actions_csv(doc))
    return files.replace_folder(folder, {name: ("\ufeff" + text).encode("utf-8") for name, text in zip(FILES, texts)})
