"""rel-07-capacity: the case facts agree with what learners are shown, and the checks
recompute the plan as a marker would, accepting rounding and other valid choices and
refusing a wrong figure with the right expected value."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest

from curriculum.core.yamlsource import load_yaml
from curriculum.validation import Finding

from . import exercisecheck as ec
from .conftest import REPO

EXERCISE = "rel-07-capacity"
FOLDER = REPO / "exercises" / EXERCISE


def case() -> Any:
    return ec.case_of(EXERCISE)


def text_of(name: str) -> str:
    return ec.text_of(EXERCISE, name)


def findings(tmp_path: Path, text: str) -> list[Finding]:
    return ec.findings_in(EXERCISE, tmp_path, text)


def codes(tmp_path: Path, text: str) -> set[str]:
    return {f.code for f in findings(tmp_path, text)}


def only(tmp_path: Path, text: str, code: str) -> Finding:
    found = findings(tmp_path, text)
    assert [f.code for f in found] == [code], [(f.code, f.message) for f in found]
    return found[0]


def solution() -> str:
    return text_of("solution.yaml")


def edit(text: str, old: str, new: str) -> str:
    assert old in text, old
    return text.replace(old, new, 1)


def number(text: str) -> float:
    return float(text.replace(",", ""))


# --- the case, the brief and the template agree ------------------------------------


def test_brief_gives_the_weekly_busiest_minutes_of_the_case() -> None:
    rows = re.findall(r"^\| (\d+ \w+ 2025) \| ([\d,]+)", text_of("brief.md"), re.M)
    weeks = case()["last_peak"]["weekly_busiest_minute"]
    assert [number(n) for _, n in rows] == [w["requests"] for w in weeks]
    assert [dt.datetime.strptime(d, "%d %B %Y").date() for d, _ in rows] == [
        w["week_of"] for w in weeks
    ]


def test_brief_gives_the_load_test_of_the_case() -> None:
    rows = re.findall(
        r"^\| (\d+) \| ([\d.]+) % \| ([\d.]+) % \| (\d+) % \|$", text_of("brief.md"), re.M
    )
    steps = case()["load_test"]["steps"]
    assert [(float(r), float(w), float(e), float(c)) for r, w, e, c in rows] == [
        (s["rps"], s["within_2s_percent"], s["errors_percent"], s["cpu_percent"]) for s in steps
    ]


def test_brief_gives_the_events_and_the_other_case_facts() -> None:
    data = case()
    brief = " ".join(text_of("brief.md").split())
    for event in data["events"]:
        row = re.search(rf"\| {event['id']} \| [^|]+ \| ([^|]+) \| ([\d.]+) \|", brief)
        assert row is not None, event["id"]
        assert dt.datetime.strptime(row.group(1).strip(), "%d %B %Y").date() == event["from"]
        assert float(row.group(2)) == event["extra_rps"]
    hour, day = data["last_peak"]["busiest_hour"], data["last_peak"]["busiest_day"]
    assert f"{hour['requests']:,} requests" in brief
    assert f"{day['requests']:,}" in brief
    assert f"{data['last_peak']['outage_minute_requests']:,} requests in a minute" in brief
    assert f"grown {data['organic_growth_percent']} % a year" in brief
    assert f"up to {data['load_test']['database_limit_rps']} requests a second" in brief
    assert f"{data['running_instances']} instances run all the time" in brief
    assert f"limit of {data['instance_limit']}" in brief
    assert f"£{data['instance_price_gbp_per_day']} a day" in brief
    assert f"at least {data['policy']['min_headroom_percent']} % headroom" in brief
    freeze = data["freeze"]
    assert f"{freeze:%A} {freeze.day} {freeze:%B %Y}" in brief


def test_template_states_the_case_it_is_checked_against() -> None:
    data = case()
    template = load_yaml(text_of("template.yaml")).data
    assert template["service"] == data["service"]
    assert template["capacity"]["tested_instances"] == data["load_test"]["instances"]
    assert template["peak_setup"]["instances"] == data["running_instances"]
    raw = text_of("template.yaml")
    assert f"x £{data['instance_price_gbp_per_day']} a day" in raw
    assert f"(instances - {data['running_instances']})" in raw
    assert f"database's limit of {data['load_test']['database_limit_rps']}" in raw
    freeze = data["freeze"]
    assert f"freeze on {freeze.day} {freeze:%B %Y}" in raw


def test_the_case_leaves_todays_setup_short_so_the_plan_needs_actions() -> None:
    data = case()
    busiest = max(w["requests"] for w in data["last_peak"]["weekly_busiest_minute"]) / 60
    in_peak = [e for e in data["events"] if e["from"] <= data["peak"]["last_day"]]
    forecast = busiest * (1 + data["organic_growth_percent"] / 100) + sum(
        e["extra_rps"] for e in in_peak
    )
    held = [s["rps"] for s in data["load_test"]["steps"] if s["within_2s_percent"] >= 99]
    capacity = max(held)
    n = data["load_test"]["instances"]
    assert (busiest, forecast, capacity) == (46, pytest.approx(61.52), 66)
    assert (capacity - forecast) / capacity * 100 < data["policy"]["min_headroom_percent"]
    assert capacity * (n - 1) / n < forecast
    assert len(in_peak) == len(data["events"]) - 1  # one event is after the peak


# --- recomputation: near misses accepted, wrong figures refused ---------------------


def test_the_solution_and_its_rounding_pass(tmp_path: Path) -> None:
    assert codes(tmp_path, solution()) == set()
    for old, new in [
        ("forecast_peak_rps: 61.5", "forecast_peak_rps: 62"),
        ("headroom_percent: 6.8", "headroom_percent: 6.79"),
        ("headroom_percent: 30.1", "headroom_percent: 30"),
        ("cost_gbp: 1536", "cost_gbp: 1512"),  # 63 days: the first day not counted
        ("capacity_rps: 66", "capacity_rps: 66.2"),  # the SLO line is crossed at 66.3
        ("- id: E1", "- id: e1"),
    ]:
        assert codes(tmp_path, edit(solution(), old, new)) == set(), new


def test_growth_applied_to_the_events_too_is_accepted(tmp_path: Path) -> None:
    cautious = edit(solution(), "forecast_peak_rps: 61.5", "forecast_peak_rps: 62.72")
    assert codes(tmp_path, cautious) == {"CAP-HEADROOM"}  # 6.8 % no longer fits 62.72
    cautious = edit(cautious, "headroom_percent: 6.8", "headroom_percent: 5.0")
    cautious = edit(cautious, "headroom_percent: 30.1", "headroom_percent: 28.7")
    assert codes(tmp_path, cautious) == set()


def test_a_wrong_forecast_gets_the_recomputed_value(tmp_path: Path) -> None:
    wrong = edit(solution(), "forecast_peak_rps: 61.5", "forecast_peak_rps: 68")
    finding = next(f for f in findings(tmp_path, wrong) if f.code == "CAP-FORECAST")
    assert "expected 61.52" in finding.message
    assert "46 x (1 + 12/100) + 4 + 6" in finding.hint


@pytest.mark.parametrize(
    ("declared", "says"),
    [
        ("4.7", "the busiest day's average"),
        ("26", "the busiest hour's average"),
        ("2760", "not requests a second"),
        ("71.7", "the outage minute"),
    ],
)
def test_a_misread_busiest_minute_is_named(tmp_path: Path, declared: str, says: str) -> None:
    plan = edit(solution(), "last_peak_rps: 46", f"last_peak_rps: {declared}")
    found = [f for f in findings(tmp_path, plan) if f.code == "CAP-LAST-PEAK"]
    assert len(found) == 1
    assert says in found[0].message
    assert "2,760 requests" in found[0].hint


@pytest.mark.parametrize(
    ("declared", "says"),
    [
        ("72", "only 97 % were answered within 2 seconds"),
        ("84", "only 71.5 %"),
        ("60", "not the highest step"),
        ("69", "expected 66"),
    ],
)
def test_capacity_is_taken_where_the_slo_still_holds(
    tmp_path: Path, declared: str, says: str
) -> None:
    plan = edit(solution(), "capacity_rps: 66", f"capacity_rps: {declared}")
    found = [f for f in findings(tmp_path, plan) if f.code == "CAP-LOAD-TEST"]
    assert len(found) == 1
    assert says in found[0].message


def test_headroom_divided_by_the_forecast_is_refused_with_the_reason(tmp_path: Path) -> None:
    plan = edit(solution(), "headroom_percent: 30.1", "headroom_percent: 43.1")
    finding = only(tmp_path, plan, "CAP-HEADROOM")
    assert finding.location.field == "peak_setup.headroom_percent"
    assert "expected 30.1136" in finding.message
    assert "divided by the forecast" in finding.hint


def test_n_plus_1_is_one_instance_lost_not_one_more(tmp_path: Path) -> None:
    plan = edit(solution(), "n_plus_1_rps: 55", "n_plus_1_rps: 77")
    finding = only(tmp_path, plan, "CAP-N-PLUS-1")
    assert "expected 55" in finding.message
    assert "one instance lost" in finding.hint


def test_the_database_caps_what_instances_add(tmp_path: Path) -> None:
    ten = (
        edit(solution(), "instances: 8\n", "instances: 10\n")
        .replace("capacity_rps: 88", "capacity_rps: 100")
        .replace("headroom_percent: 30.1", "headroom_percent: 38.5")
        .replace("n_plus_1_rps: 77", "n_plus_1_rps: 99")
        .replace("cost_gbp: 1536", "cost_gbp: 3072")
    )
    assert codes(tmp_path, ten) == set()
    uncapped = ten.replace("capacity_rps: 100", "capacity_rps: 110").replace(
        "headroom_percent: 38.5", "headroom_percent: 44.1"
    )
    finding = only(tmp_path, uncapped, "CAP-PEAK-CAPACITY")
    assert "expected 100" in finding.message
    assert "database's tested limit of 100" in finding.hint


def test_seven_instances_just_meet_the_rule_and_six_do_not(tmp_path: Path) -> None:
    seven = (
        edit(solution(), "instances: 8\n", "instances: 7\n")
        .replace("capacity_rps: 88", "capacity_rps: 77")
        .replace("headroom_percent: 30.1", "headroom_percent: 20.1")
        .replace("n_plus_1_rps: 77", "n_plus_1_rps: 66")
        .replace("cost_gbp: 1536", "cost_gbp: 768")
    )
    assert codes(tmp_path, seven) == set()
    six = (
        edit(solution(), "instances: 8\n", "instances: 6\n")
        .replace("capacity_rps: 88", "capacity_rps: 66")
        .replace("headroom_percent: 30.1", "headroom_percent: 6.8")
        .replace("n_plus_1_rps: 77", "n_plus_1_rps: 55")
        .replace("cost_gbp: 1536", "cost_gbp: 0")
    )
    finding = only(tmp_path, six, "CAP-READY")
    assert "headroom is 6.8 %" in finding.message
    assert "carries 55 requests a second" in finding.message


def test_events_are_counted_if_they_start_before_the_peak_ends(tmp_path: Path) -> None:
    late = edit(
        solution(),
        "    # E3, the live van map",
        "    - id: E3\n      extra_rps: 3\n    # E3, the live van map",
    ).replace("forecast_peak_rps: 61.5", "forecast_peak_rps: 64.52")
    late = late.replace("headroom_percent: 6.8", "headroom_percent: 2.2").replace(
        "headroom_percent: 30.1", "headroom_percent: 26.7"
    )
    finding = only(tmp_path, late, "CAP-INORGANIC")
    assert finding.location.field == "demand.E3.id"
    assert "1 February 2027" in finding.message


def test_actions_fall_before_the_freeze(tmp_path: Path) -> None:
    freeze = case()["freeze"]
    day_before = freeze - dt.timedelta(days=1)
    assert codes(tmp_path, edit(solution(), "due: 2026-11-02", f"due: {day_before}")) == set()
    on_the_day = only(
        tmp_path, edit(solution(), "due: 2026-11-02", f"due: {freeze}"), "CAP-BEFORE-FREEZE"
    )
    assert on_the_day.location.field == "A3.due"
    assert "the first day of the freeze" in on_the_day.message
    last_year = only(
        tmp_path, edit(solution(), "due: 2026-09-30", "due: 2025-09-30"), "CAP-BEFORE-FREEZE"
    )
    assert "not after the plan's date" in last_year.message


def test_an_owner_is_a_brightwater_role(tmp_path: Path) -> None:
    supplier = edit(solution(), "owner_role: Supplier and SIAM manager", "owner_role: Nimbus Cloud")
    assert only(tmp_path, supplier, "CAP-OWNER-ROLE").location.field == "A1.owner_role"
    their_role = edit(
        solution(), "owner_role: Supplier and SIAM manager", "owner_role: Supplier manager"
    )
    assert codes(tmp_path, their_role) == set()
    person = edit(solution(), "owner_role: Platform team lead", "owner_role: Mei Chen")
    assert "a person" in only(tmp_path, person, "CAP-OWNER-ROLE").message


def test_cost_counts_only_the_added_instances(tmp_path: Path) -> None:
    every = edit(solution(), "cost_gbp: 1536", "cost_gbp: 6144")
    finding = only(tmp_path, every, "CAP-COST")
    assert "expected 1,536" in finding.message
    assert "count only the instances added" in finding.hint
