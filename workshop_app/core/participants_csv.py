"""Reading a participant list from CSV: a preview with a verdict on every row, then import of the good rows."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from workshop_app.core import audit
from workshop_app.core.changes import Changed, Changes
from workshop_app.core.errors import WorkshopError
from workshop_app.core.model import Participant, StakeholderGroup
from workshop_app.core.ports import UnitOfWork
from workshop_app.core.roster import clean_name

HEADER_ALIASES: dict[str, str] = {
    "name": "name", "full name": "name", "participant": "name",
    "organisation": "organisation", "organization": "organisation", "org": "organisation",
    "group": "group", "stakeholder group": "group", "party": "group",
    "role": "role", "job": "role",
    "voting": "voting", "votes": "voting", "member": "voting", "status": "voting",
    "ward": "ward", "neighbourhood": "ward", "neighborhood": "ward",
}
YES = {"yes", "y", "true", "1", "voting", "voting member", "member", ""}
NO = {"no", "n", "false", "0", "observer", "non-voting", "not voting"}


@dataclass(frozen=True)
class CsvRow:
    """One data row of the file: the participant it would add, or the problem that stops it."""

    line: int
    name: str
    organisation: str
    group: str
    role: str
    voting: str
    participant: Participant | None
    problem: str = ""

    @property
    def ok(self) -> bool:
        """Say whether this row can be imported."""
        return self.participant is not None


@dataclass(frozen=True)
class CsvPreview:
    """Every row of a participants file with its verdict."""

    rows: tuple[CsvRow, ...]

    @property
    def good(self) -> list[Participant]:
        """Return the participants the good rows would add."""
        return [r.participant for r in self.rows if r.participant is not None]

    @property
    def problems(self) -> list[CsvRow]:
        """Return the rows that will be skipped."""
        return [r for r in self.rows if not r.ok]


def decode(data: bytes) -> str:
    """Decode a CSV file saved as UTF-8 (with or without BOM) or, failing that, Windows-1252."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _columns(header: list[str]) -> dict[str, int]:
    columns: dict[str, int] = {}
    for index, title in enumerate(header):
        key = HEADER_ALIASES.get(" ".join(title.split()).casefold())
        if key and key not in columns:
            columns[key] = index
    missing = [k for k in ("name", "group") if k not in columns]
    if missing:
        raise WorkshopError(
            f"The first row must name the columns; add a '{missing[0]}' column "
            "(columns: name, organisation, group, role, voting, ward)."
        )
    return columns


DELIMITERS = (",", ";", "\t")
"""The separators spreadsheets use: comma, semicolon (Excel where the decimal mark is a comma) and tab."""


def _known_columns(header: str, delimiter: str) -> int:
    """Return how many cells of the header row, split at this separator, are column names the app knows."""
    cells = next(csv.reader([header], delimiter=delimiter), [])
    return sum(" ".join(cell.split()).casefold() in HEADER_ALIASES for cell in cells)


def _dialect(text: str) -> type[csv.Dialect] | csv.Dialect:
    """Choose the separator that splits the header row into the most known column names; else ask the sniffer.

    Excel in much of Europe saves with ';', and a comma inside a quoted cell must not fool the choice.
    """
    header = next((line for line in text.splitlines() if line.strip()), "")
    known = {d: _known_columns(header, d) for d in DELIMITERS}
    best = max(DELIMITERS, key=known.__getitem__)
    if known[best] and list(known.values()).count(known[best]) == 1:
        return type("HeaderDialect", (csv.excel,), {"delimiter": best})
    try:
        return csv.Sniffer().sniff(text[:4096], delimiters="".join(DELIMITERS))
    except csv.Error:
        return csv.excel


def preview_csv(text: str, workshop_id: int, groups: list[StakeholderGroup],
                existing: list[Participant]) -> CsvPreview:
    """Check every row against the workshop's groups and people; nothing is stored."""
    try:
        lines = list(csv.reader(io.StringIO(text), _dialect(text)))
    except csv.Error as error:
        raise WorkshopError(f"The file could not be read as CSV ({error}); save it again as CSV and retry.") from None
    while lines and not any(cell.strip() for cell in lines[0]):
        lines.pop(0)
    if not lines:
        raise WorkshopError("The file is empty; it needs a header row and one row per participant.")
    columns = _columns(lines[0])
    by_name = {g.name.casefold(): g for g in groups}
    seen = {p.name.casefold() for p in existing}
    rows: list[CsvRow] = []
    for number, cells in enumerate(lines[1:], start=2):
        if not any(c.strip() for c in cells):
            continue
        row = _row(number, cells, columns, workshop_id, by_name, seen)
        if row.ok:
            seen.add(row.name.casefold())
        rows.append(row)
    return CsvPreview(tuple(rows))


def _cell(cells: list[str], columns: dict[str, int], key: str) -> str:
    index = columns.get(key)
    return cells[index].strip() if index is not None and index < len(cells) else ""


def _row(number: int, cells: list[str], columns: dict[str, int], workshop_id: int,
         groups: dict[str, StakeholderGroup], seen: set[str]) -> CsvRow:
    name = clean_name(_cell(cells, columns, "name"))
    group_text = _cell(cells, columns, "group")
    fields = dict(name=name, organisation=_cell(cells, columns, "organisation"), group=group_text,
                  role=_cell(cells, columns, "role"), voting=_cell(cells, columns, "voting"))
    group = groups.get(" ".join(group_text.split()).casefold())
    voting = fields["voting"].casefold()
    problem = ""
    if not name:
        problem = "The name is empty."
    elif group is None:
        known = ", ".join(g.name for g in groups.values())
        problem = f"Unknown group '{' '.join(group_text.split())}' (use one of: {known})."
    elif name.casefold() in seen:
        problem = f"{name} is already on the list."
    elif voting not in YES | NO:
        problem = f"Voting must be 'yes' or 'observer', not '{' '.join(fields['voting'].split())}'."
    if problem:
        return CsvRow(number, participant=None, problem=problem, **fields)
    assert group is not None and group.id is not None
    person = Participant(workshop_id, name, group.id, fields["organisation"], fields["role"],
                         is_voting=voting in YES, ward=clean_name(_cell(cells, columns, "ward")))
    return CsvRow(number, participant=person, **fields)


def import_good_rows(uow: UnitOfWork, preview: CsvPreview) -> Changed[list[Participant]]:
    """Add the good rows' participants and return them."""
    added: list[Participant] = []
    for person in preview.good:
        present = {p.name.casefold() for p in uow.repo(Participant).list(workshop_id=person.workshop_id)}
        if person.name.casefold() not in present:
            added.append(uow.repo(Participant).add(person))
    if added:
        audit.append(uow, added[0].workshop_id, "participants_imported", f"{len(added)} participants imported from CSV")
    return Changed(added, Changes(roster=bool(added)))
