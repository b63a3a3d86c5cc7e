"""Principle content: complete, faithful to DESIGN.md §2, plain enough for the room, and checked on load."""

from __future__ import annotations

import os
import re
from dataclasses import fields
from pathlib import Path

import pytest

from workshop_app.core.principles import (
    PRINCIPLE_KEYS,
    CaseStudy,
    Principle,
    case_study_for,
    default_principles_path,
    load_principles,
    principle_by_key,
)
from workshop_app.core.about import load_about
from workshop_app.core.errors import WorkshopError

CHALLENGES = {
    "collaborative": "Territorial",
    "creative": "Process-driven",
    "adaptable": "Rigid",
    "accountable": "Closed-door",
    "place_based": "Linear",
}

# Every practical route named in DESIGN.md §2, by the key the content file gives it.
ROUTES = {
    "collaborative": {"managing_risk", "co_commissioning", "client_side_capacity"},
    "creative": {"procurement_profession", "creative_space", "diverse_approaches"},
    "adaptable": {"contract_phases", "break_clauses"},
    "accountable": {"data_disclosure", "open_book_accounting", "business_case", "public_engagement"},
    "place_based": {"social_impact", "elected_members", "local_smes"},
}

# Each route's name must carry the words DESIGN.md uses for it, so a key cannot drift from its meaning.
ROUTE_WORDS = {
    "managing_risk": "risk",
    "co_commissioning": "consortium",
    "client_side_capacity": "client-side capacity",
    "procurement_profession": "procurement",
    "creative_space": "creative thinking",
    "diverse_approaches": "diverse approaches",
    "contract_phases": "phases",
    "break_clauses": "break clauses",
    "data_disclosure": "data disclosure",
    "open_book_accounting": "open book accounting",
    "business_case": "business case",
    "public_engagement": "public engagement",
    "social_impact": "social value",
    "elected_members": "elected members",
    "local_smes": "local small businesses",
}

# Every case study in DESIGN.md §2, under the principle the report places it in.
CASE_STUDIES = {
    "qwest": ("collaborative", "Qwest"),
    "welsh_mutual_investment_model": ("creative", "Welsh Mutual Investment Model"),
    "preston_community_wealth_building": ("creative", "Preston"),
    "braintree_leisure_services": ("adaptable", "Braintree"),
    "copenhagen_omradeloft": ("accountable", "Copenhagen Områdeløft"),
    "b_corporation": ("accountable", "B Corporation"),
    "essex_childrens_services": ("place_based", "Essex"),
}


@pytest.fixture(scope="module")
def principles() -> list[Principle]:
    """The bundled principles."""
    return load_principles()


def all_text(principles: list[Principle]) -> list[str]:
    """Every piece of text the app may show from the content file."""
    texts: list[str] = []
    for principle in principles:
        texts += [principle.challenge, principle.name, principle.shift, principle.explanation, *principle.prompts]
        texts += [principle.scale.low, principle.scale.high]
        texts += [text for route in principle.routes for text in (route.name, route.description)]
        texts += [text for case in principle.case_studies for text in (case.name, case.summary)]
        texts += [starter.text for starter in principle.starters]
    return texts


def sentences(text: str) -> list[str]:
    """Split text into sentences at full stops, question marks and exclamation marks."""
    return [part for part in re.split(r"(?<=[.?!])\s+", text.strip()) if part]


def test_the_five_principles_in_order(principles: list[Principle]) -> None:
    assert [principle.key for principle in principles] == list(PRINCIPLE_KEYS)
    assert {principle.key: principle.challenge for principle in principles} == CHALLENGES


def test_every_field_is_filled(principles: list[Principle]) -> None:
    for principle in principles:
        for item in fields(principle):
            assert getattr(principle, item.name), f"{principle.key}.{item.name} is empty"
        for route in principle.routes:
            assert route.key and route.name and route.description
        for case in principle.case_studies:
            assert case.key and case.name and case.summary


def test_shift_and_explanation(principles: list[Principle]) -> None:
    for principle in principles:
        assert len(sentences(principle.shift)) == 1
        assert principle.shift.startswith("From ")
        assert 2 <= len(sentences(principle.explanation)) <= 4


def test_two_to_four_prompts_each_a_question(principles: list[Principle]) -> None:
    for principle in principles:
        assert 2 <= len(principle.prompts) <= 4
        assert all(prompt.endswith("?") for prompt in principle.prompts)


def test_every_route_in_the_design_is_present(principles: list[Principle]) -> None:
    for principle in principles:
        assert {route.key for route in principle.routes} == ROUTES[principle.key]
        for route in principle.routes:
            assert ROUTE_WORDS[route.key] in route.name.lower(), route.key
            assert 1 <= len(sentences(route.description)) <= 2  # what it is, then a caveat or an example


def test_every_case_study_is_present_under_its_principle(principles: list[Principle]) -> None:
    found: dict[str, tuple[str, CaseStudy]] = {
        case.key: (principle.key, case) for principle in principles for case in principle.case_studies
    }
    assert set(found) == set(CASE_STUDIES)
    for key, (principle_key, name_part) in CASE_STUDIES.items():
        where, case = found[key]
        assert where == principle_key, key
        assert name_part in case.name, key
        assert len(sentences(case.summary)) == 2, key
        assert where not in case.also_relevant_to


def test_case_study_facts(principles: list[Principle]) -> None:
    summaries = {case.key: case.summary for principle in principles for case in principle.case_studies}
    assert "2015" in summaries["qwest"] and "ENGIE" in summaries["qwest"]
    assert "Velindre" in summaries["welsh_mutual_investment_model"]
    assert "£74 million" in summaries["preston_community_wealth_building"]
    assert "£200 million" in summaries["preston_community_wealth_building"]
    assert "Fusion" in summaries["braintree_leisure_services"]
    assert "three phases" in summaries["copenhagen_omradeloft"]
    assert "£200,000" in summaries["b_corporation"]
    assert "Barnardo's" in summaries["essex_childrens_services"]
    assert "Virgin Care" in summaries["essex_childrens_services"]


def test_scale_ends_are_labelled_with_challenge_and_principle(principles: list[Principle]) -> None:
    for principle in principles:
        assert principle.scale.low.startswith(f"{principle.challenge}: ")
        assert principle.scale.high.startswith(f"{principle.name}: ")
    assert principle_by_key("collaborative", principles).scale.low == "Territorial: each side guards its own patch"


def test_commitment_starters(principles: list[Principle]) -> None:
    for principle in principles:
        assert 3 <= len(principle.starters) <= 10
        route_keys = {route.key for route in principle.routes}
        for starter in principle.starters:
            assert starter.text.startswith("We will ") and starter.text.endswith(".")
            assert starter.route == "" or starter.route in route_keys
        assert any(starter.route for starter in principle.starters)


def test_text_is_plain_enough_for_the_room(principles: list[Principle]) -> None:
    every = [sentence for text in all_text(principles) for sentence in sentences(text)]
    lengths = [len(sentence.split()) for sentence in every]
    assert sum(lengths) / len(lengths) < 16
    assert max(lengths) <= 28
    long_words = [word for text in all_text(principles) for word in re.findall(r"[A-Za-z]{13,}", text)]
    assert len(long_words) <= 10, long_words


def test_keys_are_unique(principles: list[Principle]) -> None:
    routes = [route.key for principle in principles for route in principle.routes]
    cases = [case.key for principle in principles for case in principle.case_studies]
    assert len(routes) == len(set(routes)) and len(cases) == len(set(cases))


def test_route_and_principle_lookups(principles: list[Principle]) -> None:
    creative = principle_by_key("creative", principles)
    assert creative.route_by_key("diverse_approaches").name == "Encouraging diverse approaches"
    assert principle_by_key("place_based").name == "Place-based"
    with pytest.raises(WorkshopError, match="place_based"):
        principle_by_key("placebased", principles)
    with pytest.raises(WorkshopError, match="diverse_approaches"):
        creative.route_by_key("nope")


def broken_copy(tmp_path: Path, old: str, new: str) -> Path:
    """Write a copy of the bundled content with one change, checking the change applies."""
    text = default_principles_path().read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "principles.toml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("old", "new", "named"),
    [
        ('shift = "From guarding', 'shiftt = "From guarding', '"shift"'),
        ('low = "Territorial', 'lo = "Territorial', '"low"'),
        ('key = "managing_risk"\n', "", '"key"'),
        ('route = "managing_risk"', 'route = "managing_risks"', '"route"'),
        ('also_relevant_to = ["collaborative"]', 'also_relevant_to = ["collab"]', '"also_relevant_to"'),
        ('key = "creative"', 'key = "inventive"', "creative"),
        ('name = "Collaborative"', "name = Collaborative", "valid TOML"),
    ],
    ids=["missing-shift", "missing-scale-low", "route-without-key", "bad-starter-route", "bad-related", "wrong-key",
         "bad-toml"],
)
def test_a_broken_content_file_names_the_file_and_field(tmp_path: Path, old: str, new: str, named: str) -> None:
    with pytest.raises(WorkshopError) as caught:
        load_principles(broken_copy(tmp_path, old, new))
    message = str(caught.value)
    assert str(tmp_path / "principles.toml") in message
    assert named in message
    assert "\n" not in message


def test_a_missing_content_file(tmp_path: Path) -> None:
    with pytest.raises(WorkshopError, match="cannot be read"):
        load_principles(tmp_path / "absent.toml")


def test_an_edited_file_is_read_again(tmp_path: Path) -> None:
    path = broken_copy(tmp_path, "From guarding our own patch", "From guarding our patch")
    assert load_principles(path)[0].shift.startswith("From guarding our patch")
    path.write_text(path.read_text(encoding="utf-8").replace("guarding our patch", "minding our patch"), "utf-8")
    os.utime(path, ns=(1, 1))
    assert load_principles(path)[0].shift.startswith("From minding our patch")


# Each point of the report the first build dropped, and a phrase that now carries it (issue 19).
REPORT_POINTS = [
    ("collaborative", "explanation", "the public body that has the legal duty must still put it right"),
    ("managing_risk", "route", "Thames Tideway Tunnel"),
    ("client_side_capacity", "route", "a price that seems too cheap is a warning sign"),
    ("client_side_capacity", "route", "The provider builds its side too"),
    ("creative", "explanation", "blank sheet"),
    ("creative", "explanation", "whether the service should be bought in at all"),
    ("contract_phases", "route", "It is a trade-off"),
    ("adaptable", "explanation", "more in year ten of a contract than in year one"),
    ("accountable", "explanation", '"Commercial secrets" can become an excuse to hide things'),
    ("accountable", "explanation", "only after the decision is made"),
    ("business_case", "route", "publish the contract itself, blacking out only what is truly sensitive"),
    ("public_engagement", "route", "Surveys of the people who use the service"),
    ("open_book_accounting", "route", "code of conduct on openness, with open books on every public contract"),
    ("open_book_accounting", "route", "worth £1 million or more"),
    ("data_disclosure", "route", "National Audit Office and other inspectors"),
    ("elected_members", "route", "Councillors who check the partnership get help"),
    ("place_based", "explanation", "pushes local wages down"),
    ("social_impact", "route", "shaped by asking local people"),
]


@pytest.mark.parametrize(("key", "where", "phrase"), REPORT_POINTS)
def test_the_reports_points_are_in_the_content(principles: list[Principle], key: str, where: str,
                                               phrase: str) -> None:
    if where == "explanation":
        text = principle_by_key(key, principles).explanation
    else:
        text = next(r.description for p in principles for r in p.routes if r.key == key)
    assert phrase in text


def test_caveats_are_kept(principles: list[Principle]) -> None:
    starters = [s.text for p in principles for s in p.starters]
    assert not any("split the next large contract into phases, each" in s for s in starters)
    assert any("weigh up splitting" in s and "keeping it whole" in s for s in starters)
    social = principle_by_key("place_based", principles).route_by_key("social_impact").description
    assert "agreed with the community" not in social
    assert not any("with the community" in s for s in starters)


def test_case_studies_rotate_per_workshop_so_each_appears(principles: list[Principle]) -> None:
    creative = principle_by_key("creative", principles)
    shown = {case_study_for(creative, workshop_id).key for workshop_id in range(1, 5)}
    assert shown == {"welsh_mutual_investment_model", "preston_community_wealth_building"}
    assert case_study_for(creative, 1, 0) != case_study_for(creative, 1, 1)  # a second framing stage moves on
    assert case_study_for(principle_by_key("place_based", principles), 7).key == "essex_childrens_services"
    every = {case_study_for(p, w, n).key for p in principles for w in range(1, 3) for n in range(2)}
    assert every == set(CASE_STUDIES)


def test_the_source_is_credited() -> None:
    source = load_about().source
    assert source.authors == ("Trinley Walker", "Sarah Lawson") and source.year == 2018
    assert source.publisher == "New Local Government Network (NLGN)"
    assert source.citation.startswith("Trinley Walker and Sarah Lawson (2018). From transactions to changemaking")
    overview = load_about().overview
    assert len(overview.shifts) == 5 and len(overview.context) == 3 and overview.not_enough
