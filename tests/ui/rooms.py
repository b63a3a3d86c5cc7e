"""Rooms of any size for layout tests: 1-60 present voters in 1-10 groups, short names or 40-character ones."""

from __future__ import annotations

import datetime as dt

from workshop_app.core import roster, workshops
from workshop_app.core.model import Participant, Workshop
from workshop_app.core.ports import UnitOfWorkFactory

GROUP_NAMES = ("Council", "Provider", "VCS", "Residents", "Health board", "Elected members", "Unions",
               "Housing association", "Tenants' and residents' forum of Northside", "Youth council")
LONG_GROUP_NAMES = ("Cyngor Sir Gâr a Chyngor Tref Llanelli", "Dostawca usług: Spółdzielnia Żółta Łąka",
                    "Gönüllü ve toplum kuruluşları ağı Şişli", "Residents of the Northside and Eastbank",
                    "مجلس الصحة المحلي لمدينة الشمال الجديدة", "当選議員と地域代表の合同委員会グループ",
                    "Elected members of the borough council", "Unions: UNISON, GMB and Unite together",
                    "Housing association: Taff Housing Trust", "Tenants' and residents' forum, Northside")
LONG_NAMES = (
    "Llŷr ap Gwilym ab Ieuan Llywelyn-Ŵynne Rhys Dafydd", "Grzegorz Brzęczyszczykiewicz-Żółtkowski-Wąs",
    "Şükrü Çağlayan Öztürkoğlu-İnönü Gülbahar Ağaoğlu", "عبد الرحمن بن محمد الهاشمي القحطاني العتيبي",
    "欧阳明日司马长风诸葛孔明上官婉儿皇甫嵩令狐冲东方不败独孤求败慕容复段誉王语嫣乔峰虚竹",
    "Olusegun Akinwande-Babatunde Oluwaseun Adeyemi",
    "Maria-Magdalena Fernández de Córdoba y Villanueva", "Siobhán Ní Bhriain-Mhic Giolla Phádraig Ó Sé",
)
SHORT_NAMES = ("Ana", "Tom", "Bea", "Kim", "Cai", "Eli", "Sue", "Raj", "Li", "Mo")


def person_name(index: int, long: bool) -> str:
    """Return the index-th name: short ('Ana 3'), or 40 characters in one of several scripts."""
    if not long:
        return f"{SHORT_NAMES[index % len(SHORT_NAMES)]} {index + 1}"
    suffix = f" {index + 1}"
    return LONG_NAMES[(index + index // 7) % len(LONG_NAMES)][:40 - len(suffix)] + suffix


def make_room(uow_factory: UnitOfWorkFactory, voters: int, groups: int, long: bool,
              date: dt.date = dt.date(2026, 5, 6)) -> Workshop:
    """Create a charter workshop with `voters` present voters spread over `groups` groups (and one observer)."""
    names = (LONG_GROUP_NAMES if long else GROUP_NAMES)[:groups]
    title = ("Partnership charter workshop of the Northside and Eastbank leisure and wellbeing alliance"
             if long else "Charter workshop")
    workshop = workshops.create_workshop(uow_factory, Workshop(
        title, "Northside Partnership", "" if long else "Northside", date, "Sam Rivers", "charter"), names)
    ids = [g.id or 0 for g in workshops.list_groups(uow_factory, workshop.id or 0)]
    for index in range(voters):
        roster.add_participant(uow_factory, Participant(workshop.id or 0, person_name(index, long),
                                                        ids[index % len(ids)], present=True))
    roster.add_participant(uow_factory, Participant(workshop.id or 0, "Olu Observer", ids[0], is_voting=False,
                                                    present=True))
    return workshop
