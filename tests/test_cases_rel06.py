"""rel-06-alerting: the case facts agree with what learners are shown, and the checks
judge an alerting policy as a marker following marking.md would."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from curriculum.core.yamlsource import load_yaml
from curriculum.validation.findings import Finding

from . import exercisecheck as ec
from .conftest import REPO

EXERCISE = "rel-06-alerting"
FOLDER = REPO / "exercises" / EXERCISE


def case() -> Any:
    return ec.case_of(EXERCISE)


def text_of(name: str) -> str:
    return ec.text_of(EXERCISE, name)


def findings(tmp_path: Path, text: str) -> list[Finding]:
    return ec.findings_in(EXERCISE, tmp_path, text)


def codes(tmp_path: Path, text: str) -> set[str]:
    return {f.code for f in findings(tmp_path, text)}


def messages(tmp_path: Path, text: str, code: str) -> list[str]:
    return [f"{f.message} ({f.hint})" for f in findings(tmp_path, text) if f.code == code]


def solution() -> str:
    return text_of("solution.yaml")


def changed(text: str, old: str, new: str) -> str:
    assert old in text, old
    return text.replace(old, new)


# the case facts, as the brief, the template and the module page show them


def test_brief_table_is_the_case_pages() -> None:
    rows = re.findall(r"^\| (.+?) \| (\d+) \| (\d+) \|$", text_of("brief.md"), re.M)
    assert [(w, int(p), int(n)) for w, p, n in rows] == [
        (r["source"], r["pages"], r["needed_action"]) for r in case()["pages_last_peak"]
    ]


def test_brief_and_template_state_the_case_slo_and_rota() -> None:
    slo, rota = case()["slo"], case()["rota_today"]
    brief = " ".join(text_of("brief.md").split())
    assert f"{slo['target_percent']} %" in brief
    assert f"rolling {slo['window_days']} days" in brief
    assert f"{slo['valid_events_peak']:,} requests" in brief
    team = f"{rota['engineers_on_rota']} of the platform team's {rota['platform_engineers']}"
    assert team in brief
    assert f"{rota['on_call_at_once']} on call at a time" in brief
    template = load_yaml(text_of("template.yaml")).data
    assert template["slo"]["target_percent"] == slo["target_percent"]
    assert template["slo"]["window_days"] == slo["window_days"]
    assert template["on_call"]["rota_size"] == rota["engineers_on_rota"]
    assert f"{slo['window_days']} days are {slo['window_days'] * 24} hours" in text_of(
        "template.yaml"
    )


def test_module_page_gives_the_same_pages() -> None:
    page = (REPO / "modules" / "rel-06" / "index.md").read_text(encoding="utf-8")
    total = sum(r["pages"] for r in case()["pages_last_peak"])
    useful = sum(r["needed_action"] for r in case()["pages_last_peak"])
    assert f"went off {total} times" in page
    assert (total, useful) == (55, 8)
    assert f"Only eight of the {total} needed anyone" in page
    assert f"{total - useful} pointless pages" in page or f"{total - useful} noise pages" in page
    for row in case()["pages_last_peak"]:
        assert f"| {row['source']} | {row['pages']} | {row['needed_action']} |" in page


# the recomputation: burn rate from share and window, error rate from the target


def test_model_answer_has_no_findings(tmp_path: Path) -> None:
    assert findings(tmp_path, solution()) == []


def test_the_workbooks_thirty_day_burn_rate_is_refused_with_the_28_day_one(tmp_path: Path) -> None:
    copied = changed(solution(), "burn_rate: 13.44  # 2/100 x 672 / 1", "burn_rate: 14.4")
    copied = changed(copied, "error_rate_percent: 1.344  #", "error_rate_percent: 1.44  #")
    assert codes(tmp_path, copied) == {"ALERT-BURN-RATE"}
    (message,) = messages(tmp_path, copied, "ALERT-BURN-RATE")
    assert "burn_rate is 14.4; expected 13.44" in message
    assert "672 hours" in message
    assert "2.14 %" in message  # what 14.4 would spend, if that is the rate meant


@pytest.mark.parametrize("written", ["13.4", "13", '"13.44"', "13.5"])
def test_a_burn_rate_rounded_to_two_figures_is_accepted(tmp_path: Path, written: str) -> None:
    rounded = changed(solution(), "burn_rate: 13.44  #", f"burn_rate: {written}  #")
    error = float(written.strip('"')) * 0.1
    rounded = changed(rounded, "error_rate_percent: 1.344  #", f"error_rate_percent: {error:g}  #")
    assert codes(tmp_path, rounded) == set()


@pytest.mark.parametrize("written", ["14", "12.8", "16.8"])
def test_a_burn_rate_off_by_more_than_rounding_is_refused(tmp_path: Path, written: str) -> None:
    wrong = changed(solution(), "burn_rate: 13.44  #", f"burn_rate: {written}  #")
    error = float(written) * 0.1
    wrong = changed(wrong, "error_rate_percent: 1.344  #", f"error_rate_percent: {error:g}  #")
    assert codes(tmp_path, wrong) == {"ALERT-BURN-RATE"}


def test_a_ticket_at_burn_rate_one_with_its_own_share_is_accepted(tmp_path: Path) -> None:
    # 1 x 72 h / 672 h = 10.71 %: the learner chose the rate, and the share follows
    ticket = changed(solution(), "budget_consumed_percent: 10", "budget_consumed_percent: 11")
    ticket = changed(ticket, "burn_rate: 0.933  #", "burn_rate: 1  #")
    ticket = changed(ticket, "error_rate_percent: 0.0933", "error_rate_percent: 0.1")
    assert codes(tmp_path, ticket) == set()
    copied = changed(ticket, "budget_consumed_percent: 11", "budget_consumed_percent: 10")
    assert codes(tmp_path, copied) == {"ALERT-BURN-RATE"}


def test_an_error_rate_written_as_a_ratio_is_refused_with_the_percentage(tmp_path: Path) -> None:
    ratio = changed(solution(), "error_rate_percent: 1.344  #", "error_rate_percent: 0.01344  #")
    (message,) = messages(tmp_path, ratio, "ALERT-ERROR-RATE")
    assert "expected 1.344" in message
    assert "13.44 x 0.1" in message


def test_the_error_rate_follows_the_learners_own_target(tmp_path: Path) -> None:
    # a wrong target is one finding (ALERT-SLO); the error rates are judged from it
    other = changed(solution(), "target_percent: 99.9", "target_percent: 99.5")
    assert codes(tmp_path, other) == {"ALERT-SLO", "ALERT-ERROR-RATE"}
    consistent = changed(other, "error_rate_percent: 1.344  #", "error_rate_percent: 6.72  #")
    consistent = changed(consistent, "error_rate_percent: 0.56", "error_rate_percent: 2.8")
    consistent = changed(consistent, "error_rate_percent: 0.0933", "error_rate_percent: 0.467")
    assert codes(tmp_path, consistent) == {"ALERT-SLO"}


def test_a_thirty_day_window_is_the_one_finding_of_a_consistent_copy(tmp_path: Path) -> None:
    thirty = (FOLDER / "cases" / "fail" / "thirty-day-window.yaml").read_text(encoding="utf-8")
    (message,) = messages(tmp_path, thirty, "ALERT-SLO")
    assert "rolling 28 days" in message
    assert "672 hours" in message


# windows: units a marker reads, and the short window against the long one


@pytest.mark.parametrize("said", ["1 hour", "1h", "60 min", "one hour", "60 minutes", "1 HOUR"])
def test_a_window_may_be_written_in_any_unit(tmp_path: Path, said: str) -> None:
    text = changed(solution(), "long_window: 1 hour", f"long_window: {said}")
    assert codes(tmp_path, text) == set()


def test_a_window_without_a_unit_is_refused_with_a_hint(tmp_path: Path) -> None:
    bare = changed(solution(), "long_window: 1 hour", "long_window: 60")
    (finding,) = findings(tmp_path, bare)
    assert finding.code == "schema.type"
    assert "unit" in finding.hint


@pytest.mark.parametrize(
    ("short", "ok"),
    [("5 minutes", True), ("15 minutes", True), ("20 minutes", False), ("1 hour", False)],
)
def test_the_short_window_is_at_most_a_quarter_of_the_long(
    tmp_path: Path, short: str, ok: bool
) -> None:
    text = changed(solution(), "short_window: 5 minutes", f"short_window: {short}")
    assert ("ALERT-WINDOWS" not in codes(tmp_path, text)) is ok


# pages are fast burns, tickets slow ones, and pages reach a role on a rota


def test_a_slow_burn_that_pages_is_refused_at_its_response(tmp_path: Path) -> None:
    paging = changed(
        solution(),
        "    response: ticket\n    notify: Platform team queue, taken by the primary on the next "
        "working day",
        "    response: page\n    notify: Parcel Tracking primary on-call engineer",
    )
    found = [f for f in findings(tmp_path, paging) if f.code == "ALERT-PAGE-TICKET"]
    assert {f.location.field for f in found} == {"alerts", "A3.response"}
    assert any("burn rate of at least 4" in f.hint for f in found)


@pytest.mark.parametrize(
    ("who", "ok"),
    [
        ("Parcel Tracking primary on-call engineer", True),
        ("Secondary on call", True),
        ("Tomasz Kowal", False),
        ("The platform team", False),
        ("#platform-alerts on Slack", False),
        ("Platform team lead", False),
    ],
)
def test_a_page_goes_to_a_role_on_a_rota(tmp_path: Path, who: str, ok: bool) -> None:
    text = solution().replace(
        "notify: Parcel Tracking primary on-call engineer", f'notify: "{who}"', 1
    )
    assert ("ALERT-NOTIFY" not in codes(tmp_path, text)) is ok


# on-call: the 25 % ceiling, the load limit, the handover


@pytest.mark.parametrize(("rota", "ok"), [(8, True), (7, False)])
def test_a_primary_and_secondary_need_a_rota_of_eight(tmp_path: Path, rota: int, ok: bool) -> None:
    text = changed(solution(), "rota_size: 10", f"rota_size: {rota}")
    text = changed(text, "on_call_share_percent: 20", f"on_call_share_percent: {200 / rota:.1f}")
    found = messages(tmp_path, text, "ALERT-ROTA-SIZE")
    assert (found == []) is ok
    if not ok:
        assert "at least 8 engineers" in found[0]


def test_the_share_on_call_is_recomputed_from_the_rota(tmp_path: Path) -> None:
    text = changed(solution(), "on_call_share_percent: 20", "on_call_share_percent: 10")
    (message,) = messages(tmp_path, text, "ALERT-ONCALL-SHARE")
    assert "expected 20" in message


def test_a_load_limit_above_two_is_refused(tmp_path: Path) -> None:
    text = changed(solution(), "max_incidents_per_12_hours: 2", "max_incidents_per_12_hours: 3")
    assert codes(tmp_path, text) == {"ALERT-LOAD-LIMIT"}


def test_a_handover_must_say_when_and_what(tmp_path: Path) -> None:
    text = re.sub(r"  handover: >-\n(    .*\n)+", "  handover: {said}\n", solution())
    assert codes(tmp_path, text.format(said="Monday 09:30, open incidents and pages")) == set()
    (message,) = messages(tmp_path, text.format(said="Open incidents and pages"), "ALERT-HANDOVER")
    assert "does not say when" in message


# the review rule: thresholds, not judgements


@pytest.mark.parametrize(
    ("trigger", "ok"),
    [
        ("Every SEV1 and SEV2 incident", True),
        ("One incident spending a fifth of the error budget or more", True),
        ("Any incident found by a person before an alert", True),
        ("Serious incidents", False),
        ("Significant customer impact", False),
        ("Every SEV4 incident", False),
    ],
)
def test_a_review_trigger_is_a_threshold(tmp_path: Path, trigger: str, ok: bool) -> None:
    text = changed(solution(), "  - Every SEV1 and SEV2 incident", f"  - {trigger}")
    assert ("ALERT-REVIEW-CONCRETE" not in codes(tmp_path, text)) is ok


def test_the_review_rule_needs_a_budget_share(tmp_path: Path) -> None:
    text = changed(
        solution(),
        "  - Any incident that spends 20 % or more of the 28-day error budget on its own\n",
        "",
    )
    assert codes(tmp_path, text) == {"ALERT-REVIEW-BUDGET"}
