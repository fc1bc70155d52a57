"""The case data of lead-04, lead-05 and sup-03 is written once, in case.yaml.

The template and the brief give the learner the case's facts; these tests check
that they agree with the ``case.yaml`` the validator reads, and that the review
questions give no figure of the case away.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from curriculum.core.yamlsource import load_yaml
from curriculum.validation.registry import check_file, load_validator, read_exercise

from .conftest import REPO

EXERCISES = REPO / "exercises"


def folder(exercise_id: str) -> Path:
    return EXERCISES / exercise_id


def case_of(exercise_id: str) -> Any:
    return load_yaml((folder(exercise_id) / "case.yaml").read_text(encoding="utf-8")).data


def template_of(exercise_id: str) -> tuple[Any, str]:
    path = folder(exercise_id) / "template.yaml"
    text = path.read_text(encoding="utf-8")
    return load_yaml(text).data, text


def findings_of(exercise_id: str, text: str, tmp_path: Path) -> list[Any]:
    exercise, problems = read_exercise(folder(exercise_id))
    assert exercise is not None and problems == []
    path = tmp_path / exercise.meta.artefact
    path.write_text(text, encoding="utf-8")
    findings, readable = check_file(exercise, path)
    assert readable
    return findings


# --- lead-04: the benefits case ---------------------------------------------------------------


@pytest.mark.parametrize("exercise_id", ["lead-04-benefits"])
def test_benefits_template_costs_and_cash_are_the_case(exercise_id: str) -> None:
    case = case_of(exercise_id)
    data, _text = template_of(exercise_id)
    assert {c["id"]: c["by_year"] for c in data["costs"]} == case["costs"]
    cash = {b["id"]: b["cash_by_year"] for b in data["benefits"] if "cash_by_year" in b}
    assert cash == case["cash"]


@pytest.mark.parametrize("exercise_id", ["lead-04-benefits"])
def test_benefits_template_is_recognised_as_the_case(exercise_id: str) -> None:
    case = case_of(exercise_id)
    data, _text = template_of(exercise_id)
    text = " ".join([data["title"], *(c["item"] for c in data["costs"])]).casefold()
    assert any(marker.casefold() in text for marker in case["markers"])


@pytest.mark.parametrize("exercise_id", ["lead-04-benefits"])
def test_benefits_template_gives_the_case_baselines(exercise_id: str) -> None:
    case = case_of(exercise_id)
    _data, text = template_of(exercise_id)
    given = text.split("FIGURES FOR THE BENEFITS YOU ADD")[1].split("ROAD MAP ITEMS")[0]
    given = re.sub(r"\s*\n#\s*", " ", given)
    # each 2025 figure the validator holds the learner to is the one the template states
    stated = [int(n) for n in re.findall(r":\s*(\d+)\s", given)]
    assert stated == [f["baseline"] for f in case["figures"]]


@pytest.mark.parametrize("exercise_id", ["lead-04-benefits"])
def test_benefits_template_road_map_is_the_case(exercise_id: str) -> None:
    case = case_of(exercise_id)
    data, text = template_of(exercise_id)
    assert {r["id"]: r["depends_on"] for r in data["roadmap"]} == {
        rid: item["needs"] for rid, item in case["roadmap"].items()
    }
    notes = text.split("ROAD MAP ITEMS")[1].split("\ntitle:")[0]
    for block in re.split(r"\n# - ", notes)[1:]:
        block = re.sub(r"\s*\n#\s*", " ", block)
        rid = block.split()[0]
        takes = re.search(r"Takes (\d+) quarter", block)
        assert takes and int(takes.group(1)) == case["roadmap"][rid]["quarters"], rid
        needs = re.search(r"Needs ([^.]+)\.", block)
        assert needs is not None, rid
        named = re.findall(r"R\d", needs.group(1))
        assert named == case["roadmap"][rid]["needs"], rid
        earliest = case["roadmap"][rid].get("earliest")
        if earliest:
            assert earliest in block, rid


@pytest.mark.parametrize("exercise_id", ["lead-04-benefits"])
def test_benefits_brief_and_marking_agree_with_the_case(exercise_id: str) -> None:
    case = case_of(exercise_id)
    brief = (folder(exercise_id) / "brief.md").read_text(encoding="utf-8")
    assert "years 0 to 3" in brief and len(next(iter(case["costs"].values()))) == 4
    marking = (folder(exercise_id) / "marking.md").read_text(encoding="utf-8")
    half = sum(cash[1] for cash in case["cash"].values())
    assert f"{half // 2:,}" in marking and f"{half:,}" in marking


@pytest.mark.parametrize("exercise_id", ["lead-04-benefits"])
def test_benefits_own_improvement_is_not_held_to_the_case(exercise_id: str, tmp_path: Path) -> None:
    text = (folder(exercise_id) / "solution.yaml").read_text(encoding="utf-8")
    changed = text.replace(
        "by_year: [45000, 18000, 18000, 18000]", "by_year: [45000, 1800, 1800, 1800]"
    )
    codes = {f.code for f in findings_of(exercise_id, changed, tmp_path)}
    assert "BENEFITS-CASE-FIGURES" in codes
    # the same change in an improvement of the learner's own is not the case's business
    own = changed
    for marker in case_of(exercise_id)["markers"]:
        own = re.sub(re.escape(marker), "Acme", own, flags=re.I)
    codes = {f.code for f in findings_of(exercise_id, own, tmp_path)}
    assert not {"BENEFITS-CASE-FIGURES", "BENEFITS-CASE-ROADMAP"} & codes


@pytest.mark.parametrize("exercise_id", ["lead-04-benefits"])
def test_benefits_a_signed_off_measure_is_an_output_wherever_it_is(
    exercise_id: str, tmp_path: Path
) -> None:
    text = (folder(exercise_id) / "solution.yaml").read_text(encoding="utf-8")
    for measure in ("Depot managers who signed off the measure", "Sign-offs by depot managers"):
        changed = text.replace(
            "Out-of-hours pages to the platform team about scan sync, per month", measure
        )
        findings = findings_of(exercise_id, changed, tmp_path)
        assert [f.location.field for f in findings if f.code == "BENEFITS-MEASURE-OUTCOME"] == [
            "B6.measure"
        ]


@pytest.mark.parametrize("exercise_id", ["lead-04-benefits"])
def test_benefits_time_that_releases_money_may_be_cash(exercise_id: str, tmp_path: Path) -> None:
    text = (folder(exercise_id) / "solution.yaml").read_text(encoding="utf-8")
    extra = """
  - id: B9
    benefit: Analysts spend less time on scanner calls after their shift
    beneficiary: organisation
    who: The service desk budget
    owner: Service desk team lead
    measure: Hours analysts spend on scanner calls after their shift ends
    unit: hours a month
    baseline: 30
    target: 5
    cash_by_year: [0, 0, 0, 0]
    valuation: VALUATION
"""
    at = text.index("totals:")
    for valuation, flagged in (
        ("25 hours a month x 12 months x 40 pounds of overtime", False),
        ("25 hours a month x 12 months x 40 pounds an hour", True),
    ):
        changed = text[:at] + extra.replace("VALUATION", valuation) + "\n" + text[at:]
        codes = {f.code for f in findings_of(exercise_id, changed, tmp_path)}
        assert ("BENEFITS-TIME-AS-CASH" in codes) is flagged, valuation


# --- lead-05: the capstone -------------------------------------------------------------------


def programme() -> Any:
    return load_yaml((REPO / "programme.yaml").read_text(encoding="utf-8")).data


@pytest.mark.parametrize("exercise_id", ["lead-05-capstone"])
def test_capstone_template_lists_the_case_services(exercise_id: str) -> None:
    _data, text = template_of(exercise_id)
    said = text.split("# One Brightwater service, as the business knows it:")[1].split(
        "\nservice:"
    )[0]
    said = re.sub(r"\s*\n#\s*", " ", said).strip(" .")
    named = [s.strip() for s in re.split(r",| or ", said) if s.strip()]
    assert named == case_of(exercise_id)["services"]


@pytest.mark.parametrize("exercise_id", ["lead-05-capstone"])
def test_capstone_template_values_and_seats_are_the_programme_s(exercise_id: str) -> None:
    _data, text = template_of(exercise_id)
    flat = re.sub(r"\s*\n#\s*", " ", text)
    for value in programme()["values"]:
        assert f"{value['id']} {value['statement']}" in flat
    seats = flat.split("Your seat:")[1].split("\nauthor_role:")[0]
    seats = re.sub(r"\([^)]*\)", "", seats).strip(" .")
    named = [seat.strip() for seat in re.split(r",| or ", seats) if seat.strip()]
    assert named == [a["id"] for a in programme()["audiences"]]


@pytest.mark.parametrize("exercise_id", ["lead-05-capstone"])
def test_capstone_checks_read_the_programme_values(exercise_id: str) -> None:
    exercise, _ = read_exercise(folder(exercise_id))
    assert exercise is not None
    described = " ".join(d for _c, d in load_validator(exercise).checks)
    for value in programme()["values"]:
        assert value["statement"] in described


@pytest.mark.parametrize("exercise_id", ["lead-05-capstone"])
def test_capstone_brief_agrees_with_the_plan_length(exercise_id: str) -> None:
    case = case_of(exercise_id)
    brief = (folder(exercise_id) / "brief.md").read_text(encoding="utf-8")
    assert f"{case['plan_days']}-day" in brief and f"within {case['plan_days']} days" in brief
    lengths = {last - first + 1 for first, last in case["phases"]}
    assert lengths == {30} and case["phases"][-1][1] == case["plan_days"]
    assert "30-day phase" in brief


@pytest.mark.parametrize("exercise_id", ["lead-05-capstone"])
def test_capstone_value_may_be_named_by_its_statement(exercise_id: str, tmp_path: Path) -> None:
    text = (folder(exercise_id) / "solution.yaml").read_text(encoding="utf-8")
    for value in programme()["values"]:
        text = text.replace(
            f"  - value: {value['id']}\n", f"  - value: {value['statement'].lower()}\n"
        )
    assert findings_of(exercise_id, text, tmp_path) == []


@pytest.mark.parametrize("exercise_id", ["lead-05-capstone"])
def test_capstone_a_workshop_is_a_place_not_a_course(exercise_id: str, tmp_path: Path) -> None:
    text = (folder(exercise_id) / "solution.yaml").read_text(encoding="utf-8")
    old = "measure: Depot mornings held up by an IT problem"
    for measure, flagged in (
        ("Handhelds sent to the depot workshop with no fault found", False),
        ("Analysts who attended the swarm workshop", True),
        ("Swarm workshops held with the depots", True),
    ):
        findings = findings_of(exercise_id, text.replace(old, "measure: " + measure), tmp_path)
        codes = {f.code for f in findings}
        assert ("CAPSTONE-LEVEL4-RESULTS" in codes) is flagged, measure


@pytest.mark.parametrize("exercise_id", ["lead-05-capstone"])
def test_capstone_attending_at_work_is_behaviour(exercise_id: str, tmp_path: Path) -> None:
    text = (folder(exercise_id) / "solution.yaml").read_text(encoding="utf-8")
    old = "measure: Resolved scanner tickets that the analyst linked to a knowledge article"
    for measure, flagged in (
        ("Load-out swarms attended by the depot lead within 10 minutes", False),
        ("Analysts who attended the swarm briefing", True),
        ("Depot leads who signed off the swarm policy", True),
    ):
        findings = findings_of(exercise_id, text.replace(old, "measure: " + measure), tmp_path)
        places = [f.location.field for f in findings if f.code == "CAPSTONE-LEVEL3-BEHAVIOUR"]
        assert places == (["I4.behaviour_measure.measure"] if flagged else []), measure


@pytest.mark.parametrize("exercise_id", ["lead-05-capstone"])
def test_capstone_embedded_findings_come_back_at_the_artefact(
    exercise_id: str, tmp_path: Path
) -> None:
    # the embedded exercise's own codes and messages may change; its place may not
    text = (folder(exercise_id) / "solution.yaml").read_text(encoding="utf-8")
    broken = text.replace("error_budget_minutes: 201.6", "error_budget_minutes: 2016", 1)
    findings = findings_of(exercise_id, broken, tmp_path)
    assert findings and all(f.code == "CAPSTONE-ARTEFACT-VALID" for f in findings)
    assert all(f.location.field.startswith("slo.content") for f in findings)


# --- sup-03: the gain-share -------------------------------------------------------------------


@pytest.mark.parametrize("exercise_id", ["sup-03-gainshare"])
def test_gainshare_template_gives_the_case_figures(exercise_id: str) -> None:
    case = case_of(exercise_id)
    data, text = template_of(exercise_id)
    notes = re.sub(r"\s*\n#\s*", " ", text.split("WHAT BEN CARTER HAS AGREED SO FAR")[1])
    for given in case["baselines"]:
        figure = given["baseline"]
        shown = f"{figure:,}" if isinstance(figure, int) else f"{figure} %"
        assert shown in notes, given["says"]
    assert f"£{case['value_per_truck_gbp']}" in notes
    assert data["gain_share"]["value_per_unit_gbp"] == case["value_per_truck_gbp"]
    assert f"Measured in {case['period']}: {case['measured']:,} trucks" in notes


@pytest.mark.parametrize("exercise_id", ["sup-03-gainshare"])
def test_gainshare_template_credits_are_the_case_credits(exercise_id: str) -> None:
    case = case_of(exercise_id)
    data, _text = template_of(exercise_id)
    assert [c["supplier"] for c in data["service_credits"]] == list(case["credits"])
    for credit in data["service_credits"]:
        said = case["credits"][credit["supplier"]]
        share, level = re.findall(r"\d+(?:\.\d+)? %", said)
        assert credit["credit"].startswith(share) and level in credit["trigger"]
    suppliers = [s["party"] for s in data["gain_share"]["shares"] if s["role"] == "supplier"]
    assert suppliers == case["suppliers"]
    assert data["gain_share"]["shares"][0]["party"].startswith(case["customer"])


@pytest.mark.parametrize("exercise_id", ["sup-03-gainshare"])
def test_gainshare_brief_names_the_case_suppliers(exercise_id: str) -> None:
    brief = (folder(exercise_id) / "brief.md").read_text(encoding="utf-8")
    assert all(s in brief for s in case_of(exercise_id)["suppliers"])


@pytest.mark.parametrize("exercise_id", ["sup-03-gainshare"])
def test_gainshare_another_supplier_is_not_held_to_the_case(
    exercise_id: str, tmp_path: Path
) -> None:
    text = (folder(exercise_id) / "solution.yaml").read_text(encoding="utf-8")
    dearer = text.replace("value_per_unit_gbp: 150", "value_per_unit_gbp: 250").replace(
        "gain_gbp: 57000", "gain_gbp: 95000"
    )
    dearer = dearer.replace("payment_gbp: 17100", "payment_gbp: 25000").replace(
        "payment_gbp: 11400", "payment_gbp: 15000"
    )
    codes = {f.code for f in findings_of(exercise_id, dearer, tmp_path)}
    assert codes == {"GAINSHARE-CASE-FIGURES"}
    own = dearer.replace("ScanTech", "Acme Devices").replace("LinkWave", "Acme Networks")
    assert findings_of(exercise_id, own, tmp_path) == []


@pytest.mark.parametrize("exercise_id", ["sup-03-gainshare"])
def test_gainshare_customer_role_may_name_a_supplier(exercise_id: str, tmp_path: Path) -> None:
    text = (folder(exercise_id) / "solution.yaml").read_text(encoding="utf-8")
    for owner, flagged in (
        ("Brightwater supplier manager for ScanTech", False),
        ("ScanTech account manager", True),
    ):
        changed = text.replace("data_owner: Head of depot operations", f"data_owner: {owner}", 1)
        findings = findings_of(exercise_id, changed, tmp_path)
        assert [f.location.field for f in findings if f.code == "GAINSHARE-KPI-OWNER"] == (
            ["K1.data_owner"] if flagged else []
        ), owner


# --- every exercise: review questions ---------------------------------------------------------


@pytest.mark.parametrize(
    "exercise_id", ["lead-04-benefits", "lead-05-capstone", "sup-03-gainshare"]
)
def test_review_questions_give_no_figure_of_the_case_away(exercise_id: str) -> None:
    meta = load_yaml((folder(exercise_id) / "exercise.yaml").read_text(encoding="utf-8")).data
    questions = meta["review"]
    assert 2 <= len(questions) <= 5
    for question in questions:
        assert 10 <= len(question) <= 300
        assert not re.search(r"\d", question), question
