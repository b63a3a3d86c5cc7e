"""Participant files as spreadsheets save them: Excel's semicolons and Windows-1252, tabs, commas inside quotes."""

from __future__ import annotations

import pytest

from workshop_app.core.model import StakeholderGroup
from workshop_app.core.participants_csv import decode, preview_csv

GROUPS = [StakeholderGroup(1, "Council", "#000000", "▲", id=10), StakeholderGroup(1, "Residents", "#ffffff", "●",
                                                                                     id=11)]
EXCEL_ROWS = [
    "Name;Organisation;Group;Role;Voting",
    'René Côté;"Smith, Jones & Partners";Council;Officer;yes',
    "Zoë Ñúñez;Café € Club;Residents;;observer",
    "Łukasz Kowalski;Tenants' Forum;Residents;Chair, treasurer;yes",
]


@pytest.mark.parametrize("encoding", ["cp1252", "utf-8-sig"])
def test_an_excel_semicolon_file_with_a_quoted_comma_imports_every_row(encoding: str) -> None:
    rows = EXCEL_ROWS if encoding != "cp1252" else EXCEL_ROWS[:3]  # 'Ł' is not in Windows-1252
    data = "\r\n".join(rows).encode(encoding) + b"\r\n"
    preview = preview_csv(decode(data), 1, GROUPS, [])
    assert preview.problems == []
    people = {p.name: p for p in preview.good}
    assert list(people)[:2] == ["René Côté", "Zoë Ñúñez"]
    assert people["René Côté"].organisation == "Smith, Jones & Partners" and people["René Côté"].group_id == 10
    assert people["Zoë Ñúñez"].organisation == "Café € Club" and not people["Zoë Ñúñez"].is_voting
    if encoding != "cp1252":
        assert people["Łukasz Kowalski"].role == "Chair, treasurer"


def test_the_header_decides_between_comma_and_semicolon() -> None:
    text = 'name,group,organisation\n"Ana; Bo",Council,"A; B; C"\nCy,Residents,"D; E"\n'
    preview = preview_csv(text, 1, GROUPS, [])
    assert [(p.name, p.organisation) for p in preview.good] == [("Ana; Bo", "A; B; C"), ("Cy", "D; E")]


def test_a_tab_separated_file_from_a_spreadsheet_imports() -> None:
    text = "Full name\tStakeholder group\tOrganisation\nAna Jones\tCouncil\tTown hall, west wing\n"
    preview = preview_csv(text, 1, GROUPS, [])
    assert [(p.name, p.organisation) for p in preview.good] == [("Ana Jones", "Town hall, west wing")]


def test_a_windows_1252_file_is_decoded_not_mangled() -> None:
    assert decode("Café;€;Zoë\r\n".encode("cp1252")) == "Café;€;Zoë\r\n"
    assert decode("\ufeffŁódź;Zoë".encode("utf-8")) == "Łódź;Zoë"


def test_a_quoted_semicolon_and_commas_elsewhere_do_not_make_the_file_unreadable() -> None:
    """Excel quotes a cell holding ';' and leaves commas bare; the sniffer alone gave up and fell back to ','."""
    data = ("Name;Group;Role\r\nAnn Lee;Council;\"Chair; treasurer\"\r\nBo Ngata;Residents;Lead, youth, sport\r\n"
            .encode("cp1252"))
    preview = preview_csv(decode(data), 1, GROUPS, [])
    assert [(p.name, p.role) for p in preview.good] == [("Ann Lee", "Chair; treasurer"),
                                                         ("Bo Ngata", "Lead, youth, sport")]


def test_a_ward_column_is_read_and_nobody_is_named_or_signs_by_import() -> None:
    text = "name,group,ward\nSiân Prŷs,Residents,  Glan-yr-afon   ward \nAled Jones,Council,\n"
    people = {p.name: p for p in preview_csv(text, 1, GROUPS, []).good}
    assert people["Siân Prŷs"].ward == "Glan-yr-afon ward" and people["Aled Jones"].ward == ""
    assert not any(p.publish_name or p.signs for p in people.values())  # agreement is asked in person
