"""The flo-07 exercise: its case is the data flo-05 uses, the brief shows that data,
and the checks judge as a marker following marking.md would: they recompute the
team's baseline, accept rounding and other names, and refuse a wrong figure with
the figure it should have been."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from curriculum.core.yamlsource import load_yaml

from . import exercisecheck as ec
from .conftest import REPO

EXERCISES = REPO / "exercises"
FLO07 = "flo-07-capabilities"
#: puts the exercise id in each test's name, so `-k flo07` and `-k flo-07` select it
ON07 = pytest.mark.parametrize("exercise_id", [FLO07])
_DAY = re.compile(r"(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) (\d{1,2}) Feb (\d\d:\d\d)")


def case(exercise_id: str) -> Any:
    return ec.case_of(exercise_id)


def text(exercise_id: str, name: str) -> str:
    return ec.text_of(exercise_id, name)


def model() -> Any:
    return load_yaml(text(FLO07, "solution.yaml")).data


def findings(tmp_path: Path, data: Any) -> list[Any]:
    return ec.findings_in(FLO07, tmp_path, json.dumps(data, default=str))  # JSON is YAML too


def codes(tmp_path: Path, data: Any) -> list[str]:
    return sorted(f.code for f in findings(tmp_path, data))


def _rows(body: str, first: str) -> list[list[str]]:
    rows = []
    for line in body.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if cells and cells[0].startswith(first) and cells[0] != first:
            rows.append(cells)
    return rows


def _stamp(cell: str, day: str | None = None) -> str | None:
    found = _DAY.search(cell)
    if found:
        return f"2026-02-{int(found.group(1)):02d} {found.group(2)}"
    if day and re.fullmatch(r"\d\d:\d\d", cell):
        return f"{day[:10]} {cell}"
    return None


# --- the case is flo-05's data, and the brief shows it ----------------------------------------


@ON07
def test_flo07_parcel_tracking_logs_are_flo05s_case(exercise_id: str) -> None:
    ours = case(exercise_id)["teams"]["parcel-tracking"]
    theirs = case("flo-05-dora")
    keep = ("id", "committed", "deployed", "planned")
    assert [{k: d[k] for k in keep} for d in ours["deployments"]] == [
        {k: d[k] for k in keep} for d in theirs["deployments"]
    ]
    assert ours["incidents"] == theirs["incidents"]
    assert ours["window"]["days"] == theirs["window_days"]


@ON07
def test_flo07_scan_sync_log_is_flo05s_worked_example(exercise_id: str) -> None:
    page = (REPO / "modules" / "flo-05" / "index.md").read_text(encoding="utf-8")
    table = page.split("Worked example: the scan-sync service in January")[1].split(":::")[0]
    rows = _rows(table, "S-")
    team = case(exercise_id)["teams"]["scan-sync"]
    assert [r[0] for r in rows] == [d["id"] for d in team["deployments"]]
    for row, deployment in zip(rows, team["deployments"], strict=True):
        assert float(row[1]) == deployment["lead_hours"], row
        assert row[2].startswith("planned") == deployment["planned"], row
    for incident in team["incidents"]:
        assert f"{incident['started']} to {incident['restored']}" in table, incident


@ON07
def test_flo07_the_brief_shows_both_teams_logs_as_the_case_holds_them(exercise_id: str) -> None:
    brief = text(exercise_id, "brief.md")
    teams = case(exercise_id)["teams"]
    tracking = teams["parcel-tracking"]
    rows = _rows(brief, "D-")
    assert [r[0] for r in rows] == [d["id"] for d in tracking["deployments"]]
    for row, deployment in zip(rows, tracking["deployments"], strict=True):
        assert _stamp(row[1]) == deployment["committed"], row
        assert _stamp(row[2]) == deployment["deployed"], row
        assert row[3].startswith("planned") == deployment["planned"], row
    incidents = _rows(brief, "INC-")
    assert [r[0] for r in incidents] == [i["id"] for i in tracking["incidents"]]
    for row, incident in zip(incidents, tracking["incidents"], strict=True):
        assert _stamp(row[2], incident["started"]) == incident["restored"], row
        assert (row[3] if row[3].startswith("D-") else None) == incident["cause"], row
    sync = _rows(brief, "S-")
    assert [(r[0], float(r[1])) for r in sync] == [
        (d["id"], d["lead_hours"]) for d in teams["scan-sync"]["deployments"]
    ]
    for key in teams:
        assert f"`{key}`" in brief and key in text(exercise_id, "template.yaml")


@ON07
def test_flo07_recomputed_baselines_are_flo05s_answers(exercise_id: str) -> None:
    flo05 = json.loads(text("flo-05-dora", "solution.json"))
    solution = model()
    assert solution["team"] == "parcel-tracking"
    base = solution["baseline"]
    assert base["deployments_per_week"] == flo05["deployments_per_week"]
    assert base["median_lead_time_hours"] == flo05["median_lead_time_hours"]
    assert base["change_fail_rate_percent"] == flo05["change_fail_rate_percent"]
    assert base["median_recovery_minutes"] == flo05["median_recovery_minutes"]
    assert base["deployment_rework_rate_percent"] == flo05["deployment_rework_rate_percent"]


# --- the checks judge as a marker would ----------------------------------------------------------


def test_flo07_the_model_answer_passes(tmp_path: Path) -> None:
    assert codes(tmp_path, model()) == []


def test_flo07_rounded_baseline_and_a_guardrail_at_the_true_value_pass(tmp_path: Path) -> None:
    bets = model()
    bets["baseline"].update(
        median_lead_time_hours=19, change_fail_rate_percent=19, deployment_rework_rate_percent=13
    )
    # rounded up to 19 %, the learner may still set the line at the true 18.75 %
    bets["bets"][0]["guardrail"]["limit"] = 18.75
    assert codes(tmp_path, bets) == []


def test_flo07_the_mean_lead_time_is_refused_with_the_median(tmp_path: Path) -> None:
    bets = model()
    bets["baseline"]["median_lead_time_hours"] = 15.1  # 242 / 16
    (found,) = findings(tmp_path, bets)
    assert found.code == "BET-BASELINE"
    assert found.location.field == "baseline.median_lead_time_hours"
    assert "the logs give 19.21" in found.message
    assert "that is the mean" in found.hint


def test_flo07_a_stopped_run_counted_is_refused_and_named(tmp_path: Path) -> None:
    bets = model()
    bets["baseline"]["deployments_per_week"] = 4.25  # 17 / 4
    (found,) = findings(tmp_path, bets)
    assert found.code == "BET-BASELINE"
    assert "the logs give 4" in found.message
    assert "D-110" in found.hint


def test_flo07_the_other_teams_figures_are_refused_for_scan_sync(tmp_path: Path) -> None:
    bets = model()
    bets["team"] = "platform team"  # another name for scan-sync
    baseline = [f for f in findings(tmp_path, bets) if f.code == "BET-BASELINE"]
    by_field = {f.location.field: f for f in baseline}
    assert set(by_field) == {
        "baseline.deployments_per_week",
        "baseline.median_lead_time_hours",
        "baseline.change_fail_rate_percent",
        "baseline.median_recovery_minutes",
    }  # the rework rate is 12.5 % for both teams
    assert "the logs give 145" in by_field["baseline.median_lead_time_hours"].message
    assert "the logs give 68.5" in by_field["baseline.median_recovery_minutes"].message
    assert (
        "Parcel Tracking application team's figure"
        in by_field["baseline.change_fail_rate_percent"].hint
    )


@pytest.mark.parametrize(
    "name", ["Continuous testing", "test automation.", "Test-automation", "Tset automation"]
)
def test_flo07_other_names_and_slips_for_a_capability_pass(tmp_path: Path, name: str) -> None:
    bets = model()
    bets["bets"][1]["capability"] = name
    assert codes(tmp_path, bets) == []


def test_flo07_a_practice_is_not_a_capability_and_the_hint_names_one(tmp_path: Path) -> None:
    bets = model()
    bets["bets"][1]["capability"] = "Feature flags"
    (found,) = findings(tmp_path, bets)
    assert found.code == "BET-CAPABILITY"
    assert "Working in small batches" in found.hint


def test_flo07_two_names_for_one_capability_are_one_bet(tmp_path: Path) -> None:
    bets = model()
    bets["bets"][0]["capability"] = "Continuous integration"
    bets["bets"][1]["capability"] = "CI"
    assert codes(tmp_path, bets) == ["BET-DISTINCT"]


def test_flo07_a_bet_on_both_sides_guards_a_third_metric(tmp_path: Path) -> None:
    bets = model()
    bet = bets["bets"][0]
    bet["moves"].append({"metric": "change failure rate", "target": 12})  # another name
    bet["guardrail"] = {"metric": "deployment frequency", "limit": 4}
    assert codes(tmp_path, bets) == []
    bet["guardrail"] = {"metric": "CFR", "limit": 18.8}  # a metric the bet moves
    assert codes(tmp_path, bets) == ["BET-GUARDRAIL-PAIR"]


def test_flo07_a_frequency_written_as_one_a_day_is_no_improvement(tmp_path: Path) -> None:
    bets = model()
    bets["bets"][0]["moves"] = [{"metric": "deployment frequency", "target": 1}]
    bets["bets"][0]["guardrail"] = {"metric": "change fail rate", "limit": 18.8}
    (found,) = findings(tmp_path, bets)
    assert found.code == "BET-TARGET"
    assert "5 a week" in found.hint


@pytest.mark.parametrize(("ends", "ok"), [("2026-03-16", True), ("2026-03-17", False)])
def test_flo07_six_weeks_count_from_the_teams_own_day(tmp_path: Path, ends: str, ok: bool) -> None:
    bets = load_yaml(
        (EXERCISES / FLO07 / "cases" / "pass" / "platform-team-scan-sync.yaml").read_text()
    ).data
    bets["bets"][0]["experiment_ends"] = ends  # scan-sync writes its bets on 2 February
    assert codes(tmp_path, bets) == ([] if ok else ["BET-DATES"])


def test_flo07_evidence_that_counts_the_stopped_run_is_refused(tmp_path: Path) -> None:
    bets = model()
    bets["bets"][1]["evidence"] = "3 of 17 deployments failed, two on untested pages."
    (found,) = findings(tmp_path, bets)
    assert found.code == "BET-EVIDENCE"
    assert "16 deployments reached production, not 17" in found.message
    bets["bets"][1]["evidence"] = "16 of 17 changes reached production; 3 of 16 failed."
    assert codes(tmp_path, bets) == []
