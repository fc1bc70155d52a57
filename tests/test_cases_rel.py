"""The rel-* exercises: their case facts agree with what learners are shown, and the
checks judge as a marker following marking.md would (issue 14)."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

import pytest

from curriculum.core.yamlsource import load_yaml
from curriculum.validation.registry import check_file, read_exercise

from .conftest import REPO

EXERCISES = REPO / "exercises"
REL = ["rel-01-slo", "rel-02-policy", "rel-03-incident", "rel-04-pir", "rel-05-toil"]


def case_of(exercise_id: str) -> Any:
    path = EXERCISES / exercise_id / "case.yaml"
    return load_yaml(path.read_text(encoding="utf-8")).data


def text_of(exercise_id: str, name: str) -> str:
    return (EXERCISES / exercise_id / name).read_text(encoding="utf-8")


def codes(exercise_id: str, tmp_path: Path, text: str) -> set[str]:
    exercise = read_exercise(EXERCISES / exercise_id)[0]
    assert exercise is not None
    target = tmp_path / f"submission.{exercise.meta.format}"
    target.write_text(text, encoding="utf-8")
    findings, readable = check_file(exercise, target)
    assert readable
    return {f.code for f in findings}


def figure(text: str) -> float:
    return float(text.replace(",", ""))


@pytest.mark.parametrize("exercise_id", REL)
def test_review_questions_give_no_answer_away(exercise_id: str) -> None:
    exercise = read_exercise(EXERCISES / exercise_id)[0]
    assert exercise is not None
    assert 2 <= len(exercise.meta.review) <= 5
    for question in exercise.meta.review:
        assert question.endswith("?"), question
        assert 10 <= len(question) <= 300


# rel-01: the learner chooses the journey, so the exercise has no fixed case facts.


@pytest.mark.parametrize("exercise_id", ["rel-01-slo"])
def test_rel01_has_no_case_file(exercise_id: str) -> None:
    assert not (EXERCISES / exercise_id / "case.yaml").exists()


@pytest.mark.parametrize("exercise_id", ["rel-01-slo"])
def test_rel01_an_average_is_not_a_count_of_events(exercise_id: str, tmp_path: Path) -> None:
    good = text_of(exercise_id, "solution.yaml")
    assert codes(exercise_id, tmp_path, good) == set()
    averaged = re.sub(r"good_events: .*", "good_events: Average scan time under 3 s", good)
    assert codes(exercise_id, tmp_path, averaged) == {"SLO-SLI-COUNTS"}


# rel-02: the SLO and the 28 days of burn data


@pytest.mark.parametrize("exercise_id", ["rel-02-policy"])
def test_rel02_brief_table_is_the_case_burn_data(exercise_id: str) -> None:
    case = case_of(exercise_id)
    rows = re.findall(r"^\| (\d) \|(.+)\|\s*$", text_of(exercise_id, "brief.md"), re.M)
    table = [[int(figure(c)) for c in cells.split("|")] for _week, cells in rows]
    assert table == case["daily_bad_scans"]
    assert all(len(week) == 7 for week in case["daily_bad_scans"])


@pytest.mark.parametrize("exercise_id", ["rel-02-policy"])
def test_rel02_brief_and_template_state_the_case_slo(exercise_id: str) -> None:
    slo = case_of(exercise_id)["slo"]
    brief = text_of(exercise_id, "brief.md")
    template = text_of(exercise_id, "template.yaml")
    assert f"{slo['target_percent']} %" in brief
    assert f"rolling {slo['window_days']} days" in brief
    assert f"{slo['valid_events_per_window']:,}" in brief
    assert f"(1 - {slo['target_percent']}/100) x {slo['valid_events_per_window']:,}" in template
    assert f"sum of the {slo['window_days']} daily counts" in template


@pytest.mark.parametrize("exercise_id", ["rel-02-policy"])
def test_rel02_brief_places_the_events_on_their_days(exercise_id: str) -> None:
    brief = text_of(exercise_id, "brief.md")
    days = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
    for event in case_of(exercise_id)["events"]:
        week, weekday = divmod(event["day"] - 1, 7)
        assert f"{days[weekday]} of week {week + 1}" in brief, event
    supplier = next(e for e in case_of(exercise_id)["events"] if e["cause"] == "supplier")
    assert supplier["supplier"] in brief


@pytest.mark.parametrize("exercise_id", ["rel-02-policy"])
def test_rel02_supplier_spend_may_be_left_out_only_if_the_policy_says_so(
    exercise_id: str,
    tmp_path: Path,
) -> None:
    case = case_of(exercise_id)
    burn = [n for week in case["daily_bad_scans"] for n in week]
    day = next(e for e in case["events"] if e["cause"] == "supplier")["day"]
    left_out = sum(burn) - burn[day - 1]
    said = (EXERCISES / "rel-02-policy/cases/pass/supplier-spend-excluded.yaml").read_text()
    assert f"bad_events: {left_out}" in said
    assert codes(exercise_id, tmp_path, said) == set()
    silent = re.sub(r"  exceptions: >-\n(    .*\n)+", "  exceptions: Security patches.\n", said)
    assert "LinkWave" not in silent.split("evaluation:")[0]
    assert codes(exercise_id, tmp_path, silent) == {"EBP-BAD-EVENTS"}


@pytest.mark.parametrize("exercise_id", ["rel-02-policy"])
def test_rel02_a_forecast_is_not_a_claim_that_the_slo_is_missed(
    exercise_id: str, tmp_path: Path
) -> None:
    good = text_of(exercise_id, "solution.yaml")
    forecast = good.replace(
        "The SLO is met (SLI", "At this rate the budget will be spent soon (SLI"
    )
    assert forecast != good
    assert codes(exercise_id, tmp_path, forecast) == set()
    claim = good.replace("The SLO is met (SLI", "The SLO is breached (SLI")
    assert codes(exercise_id, tmp_path, claim) == {"EBP-DECISION-FACTS"}


# rel-03: the severity table of the module page and the morning of the brief


@pytest.mark.parametrize("exercise_id", ["rel-03-incident"])
def test_rel03_severity_table_is_the_module_page_table(exercise_id: str) -> None:
    severity = case_of(exercise_id)["severity"]
    page = (REPO / "modules" / "rel-03" / "index.md").read_text(encoding="utf-8")
    rows = {
        m[0]: m for m in re.findall(r"^\| (SEV\d) \| (.+?) \| .+? \| (\d+) minutes \|", page, re.M)
    }
    assert set(rows) == set(severity)
    for level, row in severity.items():
        _level, rule, cadence = rows[level]
        assert int(cadence) == row["cadence_minutes"]
        if "depots" in row:
            assert f"blocked at {row['depots']} " in rule
        for key in ("customer_percent", "internal_percent"):
            if key in row:
                assert f"{row[key]} % or more" in rule


@pytest.mark.parametrize("exercise_id", ["rel-03-incident"])
def test_rel03_brief_gives_the_case_morning(exercise_id: str) -> None:
    case = case_of(exercise_id)
    morning = case["incident"]
    brief = text_of(exercise_id, "brief.md")
    assert "Monday 24 November 2025" in brief and str(morning["date"]) == "2025-11-24"
    impact = morning["impact"]
    assert f"{impact['depots_load_out_blocked']} of {case['depots_in_network']} depots" in brief
    assert f"about {impact['users_affected_percent']} % of scanner users" in brief
    assert impact["depots_load_out_blocked"] == len(morning["depots"])
    for depot in morning["depots"]:
        assert depot in brief
    times = re.findall(r"^\| (\d\d:\d\d) \|", brief, re.M)
    assert times == [t["at"] for t in morning["timeline"] if t["at"] in times]
    assert set(times) <= {t["at"] for t in morning["timeline"]}
    for person in morning["on_duty"] + morning["others"]:
        assert person in " ".join(brief.split())
    template = json.loads(text_of(exercise_id, "template.json"))
    assert template["detected_at"].startswith(str(morning["date"]))


@pytest.mark.parametrize("exercise_id", ["rel-03-incident"])
def test_rel03_understating_the_impact_is_caught_only_for_the_brief_morning(
    exercise_id: str,
    tmp_path: Path,
) -> None:
    log = json.loads(text_of(exercise_id, "solution.json"))
    log["impact"]["depots_load_out_blocked"] = 1
    log["severity"] = "SEV2"
    assert codes(exercise_id, tmp_path, json.dumps(log)) == {"INCIDENT-IMPACT"}
    other = json.dumps(log).replace("2025-11-24", "2025-12-02")
    assert "INCIDENT-IMPACT" not in codes(exercise_id, tmp_path, other)


@pytest.mark.parametrize("exercise_id", ["rel-03-incident"])
def test_rel03_a_broken_promise_is_found_at_the_late_update(
    exercise_id: str, tmp_path: Path
) -> None:
    log = json.loads(text_of(exercise_id, "solution.json"))
    log["updates"][0]["text"] = log["updates"][0]["text"].replace("05:55", "05:45")
    assert codes(exercise_id, tmp_path, json.dumps(log)) == {"INCIDENT-PROMISE"}
    log["updates"][0]["text"] = log["updates"][0]["text"].replace(
        "Next update at 05:45", "We will update you again in 35 minutes"
    )
    assert codes(exercise_id, tmp_path, json.dumps(log)) == set()


# rel-04: the notes in the template, and the people of the case


@pytest.mark.parametrize("exercise_id", ["rel-04-pir"])
def test_rel04_notes_hold_every_key_time_the_case_accepts(exercise_id: str) -> None:
    case = case_of(exercise_id)
    notes = text_of(exercise_id, "template.yaml")
    for key, times in case["key_times"].items():
        for time in times:
            assert time in notes, (key, time)


@pytest.mark.parametrize("exercise_id", ["rel-04-pir"])
def test_rel04_brief_and_template_give_the_case_dates(exercise_id: str) -> None:
    case = case_of(exercise_id)
    brief = " ".join(text_of(exercise_id, "brief.md").split())
    template = text_of(exercise_id, "template.yaml")
    day = dt.date.fromisoformat(str(case["incident_day"]))
    meeting = dt.date.fromisoformat(str(case["review_meeting"]))
    assert f"{day:%A} {day.day} {day:%B %Y}" in brief
    assert f"{meeting:%A} {meeting.day} {meeting:%B %Y}" in brief
    assert f"{meeting:%A} {meeting.day} {meeting:%B %Y}" in template
    assert f"{day:%a} {day.day} {day:%b %Y}" in template


@pytest.mark.parametrize("exercise_id", ["rel-04-pir"])
def test_rel04_an_everyday_word_is_a_name_only_in_full(exercise_id: str, tmp_path: Path) -> None:
    case = case_of(exercise_id)
    review = text_of(exercise_id, "solution.yaml")
    word = case["everyday_words"][0]
    person = next(p for p in case["people"] if p.split()[0] == word)
    plain = review.replace(
        "starts on the device-management server.", f"starts on the {word.lower()} and live servers."
    )
    assert codes(exercise_id, tmp_path, plain) == set()
    named = review.replace("The analyst links", f"{person} links")
    assert codes(exercise_id, tmp_path, named) == {"PIR-NO-BLAME"}


@pytest.mark.parametrize(
    ("sentence", "blame"),
    [
        ("Scans failed to confirm within 10 seconds.", False),
        ("The alert failed to fire.", False),
        ("The overnight analyst failed to escalate the call.", True),
        ("The service desk should have called the on-call engineer.", True),
        ("It was human error.", True),
    ],
)
@pytest.mark.parametrize("exercise_id", ["rel-04-pir"])
def test_rel04_blame_needs_a_person_as_the_subject(
    exercise_id: str, sentence: str, blame: bool, tmp_path: Path
) -> None:
    review = text_of(exercise_id, "solution.yaml")
    changed = review.replace(
        "event: The weekly inventory job starts on the device-management server.",
        f"event: The weekly inventory job starts. {sentence}",
    )
    assert changed != review
    assert ("PIR-NO-BLAME" in codes(exercise_id, tmp_path, changed)) is blame


@pytest.mark.parametrize("exercise_id", ["rel-04-pir"])
def test_rel04_detection_at_the_declaration_is_refused_for_the_brief_incident_only(
    exercise_id: str,
    tmp_path: Path,
) -> None:
    review = text_of(exercise_id, "solution.yaml").replace(
        "detected: 2025-12-09 04:56", "detected: 2025-12-09 05:26"
    )
    assert codes(exercise_id, tmp_path, review) == {"PIR-CASE-TIMES"}


# rel-05: the platform team's time log


@pytest.mark.parametrize("exercise_id", ["rel-05-toil"])
def test_rel05_brief_table_is_the_case_log(exercise_id: str) -> None:
    case = case_of(exercise_id)
    rows = re.findall(
        r"^\| (T\d\d) \| (.+?) \| ([\d.]+) \|$", text_of(exercise_id, "brief.md"), re.M
    )
    assert [(i, w, float(h)) for i, w, h in rows] == [
        (r["id"], r["work"], float(r["hours"])) for r in case["log"]
    ]


@pytest.mark.parametrize("exercise_id", ["rel-05-toil"])
def test_rel05_template_gives_the_case_log_and_team(exercise_id: str) -> None:
    case = case_of(exercise_id)
    template = load_yaml(text_of(exercise_id, "template.yaml")).data
    assert [(t["id"], t["hours_per_week"]) for t in template["tasks"]] == [
        (r["id"], r["hours"]) for r in case["log"]
    ]
    team = case["team"]
    total = sum(r["hours"] for r in case["log"])
    assert total == team["engineers"] * team["hours_each"]
    assert (
        f"{team['engineers']} engineers, {team['hours_each']} hours a week each" in template["team"]
    )
    assert case["team"]["team_word"] in template["team"].lower()
    assert template["payback_horizon_weeks"] == case["payback_horizon_weeks"]
    brief = " ".join(text_of(exercise_id, "brief.md").split())
    assert f"{total:g} hours a week" in brief
    assert set(case["not_toil"]) <= {r["id"] for r in case["log"]}


@pytest.mark.parametrize("exercise_id", ["rel-05-toil"])
def test_rel05_the_solution_calls_none_of_the_plain_non_toil_tasks_toil(exercise_id: str) -> None:
    case = case_of(exercise_id)
    solution = load_yaml(text_of(exercise_id, "solution.yaml")).data
    marked = {t["id"] for t in solution["tasks"] if t["is_toil"]}
    assert marked.isdisjoint(case["not_toil"])


@pytest.mark.parametrize("exercise_id", ["rel-05-toil"])
def test_rel05_own_team_is_not_compared_with_the_log(exercise_id: str, tmp_path: Path) -> None:
    register = text_of(exercise_id, "solution.yaml")
    assert codes(exercise_id, tmp_path, register) == set()
    changed = (
        register.replace("hours_per_week: 60", "hours_per_week: 50")
        .replace("total_hours: 412.5", "total_hours: 402.5")
        .replace("toil_hours: 215", "toil_hours: 205")
        .replace("toil_percent: 52.1", "toil_percent: 50.9")
    )
    assert codes(exercise_id, tmp_path, changed) == {"TOIL-CASE-LOG"}
    own = changed.replace(
        "team: Platform and operations team (11 engineers, 37.5 hours a week each)",
        "team: Network operations centre (11 engineers)",
    )
    assert codes(exercise_id, tmp_path, own) == set()
