"""The facts of rel-07-capacity's scenario, read once from case.yaml, and the pure
helpers its rules share (capacity per instance, headroom, what a setup lacks)."""

from __future__ import annotations

import datetime as dt

from curriculum.validation import Check, number
from curriculum.validation.toolkit import load_case, normal, terms

from .schema import CapacityPlan

CASE = load_case()
PLAN_DATE = dt.date.fromisoformat(str(CASE["plan_date"]))
FREEZE = dt.date.fromisoformat(str(CASE["freeze"]))
PEAK_LAST = dt.date.fromisoformat(str(CASE["peak"]["last_day"]))
LAST_PEAK = CASE["last_peak"]
#: last peak's busiest minute, in requests a second (2,760 requests in a minute: 46)
BUSIEST_RPS = max(w["requests"] for w in LAST_PEAK["weekly_busiest_minute"]) / 60
#: figures a learner may take for the busiest minute, and what each really is
NOT_THE_PEAK = (
    (
        BUSIEST_RPS * 60,
        "the requests in the busiest minute, not requests a second",
        "divide the minute's requests by 60",
    ),
    (
        LAST_PEAK["busiest_hour"]["requests"] / 3600,
        "the busiest hour's average",
        "an hour's average hides the minutes after the 18:00 notifications",
    ),
    (
        LAST_PEAK["busiest_day"]["requests"] / 86400,
        "the busiest day's average",
        "a day's average spreads the evening over the night",
    ),
    (
        sum(w["requests"] for w in LAST_PEAK["weekly_busiest_minute"])
        / len(LAST_PEAK["weekly_busiest_minute"])
        / 60,
        "the average of the six weekly busiest minutes",
        "plan for the busiest minute of the whole peak, not a typical week's",
    ),
    (
        LAST_PEAK["outage_minute_requests"] / 60,
        "the outage minute of 1 December",
        "most of those requests were the app's own immediate retries, which the June "
        "release replaced with backoff; plan for users' requests",
    ),
)
GROWTH: float = CASE["organic_growth_percent"]
EVENTS = {e["id"]: e for e in CASE["events"]}
EVENT_START = {e["id"]: dt.date.fromisoformat(str(e["from"])) for e in CASE["events"]}
TEST = CASE["load_test"]
TEST_DATE = dt.date.fromisoformat(str(TEST["date"]))
STEPS = TEST["steps"]
TARGET: float = CASE["slo"]["target_percent"]
HELD = [s for s in STEPS if s["within_2s_percent"] >= TARGET]
#: the highest step at which the SLO held, and the first at which it did not
LAST_HELD = max(HELD, key=lambda s: s["rps"])
FIRST_BROKEN = min((s for s in STEPS if s["rps"] > LAST_HELD["rps"]), key=lambda s: s["rps"])
#: where a straight line between those two steps crosses the SLO: the most one may claim
CROSSING = LAST_HELD["rps"] + (FIRST_BROKEN["rps"] - LAST_HELD["rps"]) * (
    (LAST_HELD["within_2s_percent"] - TARGET)
    / (LAST_HELD["within_2s_percent"] - FIRST_BROKEN["within_2s_percent"])
)
DB_LIMIT: float = TEST["database_limit_rps"]
RUNNING: int = CASE["running_instances"]
PRICE: float = CASE["instance_price_gbp_per_day"]
MIN_HEADROOM: float = CASE["policy"]["min_headroom_percent"]
PERSON = terms(CASE["people"])
SUPPLIERS = {normal(s) for s in CASE["suppliers"]}
NOBODY_EXTRA = ("the team", "team", "we", "us", "it", "ops", "management", "the business")
#: slack for figures a learner rounds to one decimal place
EPS = 0.05
#: points a declared headroom may be off (rounding the forecast and the share)
HEADROOM_TOLERANCE = 0.3


def _date(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


def _fits(declared: float, expected: float, tolerance: float, relative: float = 0.0) -> bool:
    return abs(declared - expected) <= max(tolerance, abs(expected) * relative) + 1e-9


def per_instance(plan: CapacityPlan) -> float:
    """Requests a second one instance carries at the SLO, from the learner's own test."""
    return plan.capacity.capacity_rps / plan.capacity.tested_instances


def peak_capacity(plan: CapacityPlan, instances: int) -> float:
    """The capacity of ``instances`` at the SLO: the instances, up to the database's limit."""
    return min(per_instance(plan) * max(instances, 0), DB_LIMIT)


def headroom(capacity: float, forecast: float) -> float:
    return (capacity - forecast) / capacity * 100 if capacity > 0 else -100000.0


def short_of_rule(capacity: float, n_plus_1: float, forecast: float) -> list[str]:
    """What a setup lacks against Brightwater's rule (empty when it meets it)."""
    lacks = []
    room = headroom(capacity, forecast)
    if room < MIN_HEADROOM - EPS:
        lacks.append(
            f"its headroom is {room:.1f} %, below the {number(MIN_HEADROOM)} % the rule asks"
        )
    if n_plus_1 < forecast - EPS:
        lacks.append(
            f"with one instance lost it carries {number(round(n_plus_1, 2))} requests a second, "
            f"below the forecast of {number(round(forecast, 2))}"
        )
    return lacks


def misread_peak(declared: float) -> tuple[str, str] | None:
    """What a wrong busiest minute really is, and how to fix it (None: not recognised)."""
    for figure, what, hint in NOT_THE_PEAK:
        if _fits(declared, figure, 0.5, 0.01):
            return (
                f"last_peak_rps is {number(declared)}: that is {what}",
                f"{hint}; the busiest minute of peak 2025 had {number(BUSIEST_RPS * 60)} "
                "requests, which is the figure to divide by 60",
            )
    return None


def misread_step(declared: float) -> tuple[str, str] | None:
    """What is wrong with a capacity that is one of the load test's steps (None: no step)."""
    step = next((s for s in STEPS if abs(s["rps"] - declared) < EPS), None)
    held = f"{number(LAST_HELD['rps'])} ({number(LAST_HELD['within_2s_percent'])} % within 2 s)"
    if step is None:
        return None
    if step["within_2s_percent"] < TARGET:
        return (
            f"at {number(declared)} requests a second only {number(step['within_2s_percent'])} % "
            f"were answered within 2 seconds: the SLO of {number(TARGET)} % no longer held there",
            f"capacity is the highest load at which the SLO still holds: {held}; the step where "
            "errors climb or CPU looks busy is past it",
        )
    return (
        f"the SLO held at {number(declared)} requests a second, but that is not the highest "
        f"step where it held: {held}",
        "take the highest such step and leave the margin to headroom, or it is counted twice",
    )


# --- reporting a recomputed figure, where two rules share the wording ----------------


def unrounded_forecasts(plan: CapacityPlan) -> list[float]:
    """The forecast a learner may have worked from before rounding: either formula."""
    demand = plan.demand
    extra = sum(event.extra_rps for event in demand.inorganic)
    rate = 1 + demand.growth_percent / 100
    return [demand.last_peak_rps * rate + extra, (demand.last_peak_rps + extra) * rate]


def _headroom(
    check: Check, place: str, declared: float, capacity: float, plan: CapacityPlan
) -> None:
    """Headroom from the plan's forecast, or from its forecast before it was rounded."""
    forecast = plan.demand.forecast_peak_rps
    expected = headroom(capacity, forecast)
    if any(
        _fits(declared, headroom(capacity, f), HEADROOM_TOLERANCE)
        for f in [forecast, *unrounded_forecasts(plan)]
        if abs(f - forecast) <= max(0.5, forecast * 0.01)
    ):
        return
    hint = ""
    if forecast > 0 and _fits(declared, (capacity - forecast) / forecast * 100, HEADROOM_TOLERANCE):
        hint = "; you divided by the forecast: headroom is a share of capacity"
    check.close(
        f"{place}.headroom_percent",
        declared,
        expected,
        tolerance=HEADROOM_TOLERANCE,
        how=f"({number(capacity)} - {number(forecast)}) / {number(capacity)} x 100{hint}",
    )


def _n_plus_1(
    check: Check, place: str, declared: float, expected: float, more: float, how: str
) -> None:
    if _fits(declared, expected, 0.5):
        return
    hint = ""
    if _fits(declared, more, 0.5):
        hint = "; N+1 asks what is left with one instance lost, not what one more would add"
    check.close(f"{place}.n_plus_1_rps", declared, expected, tolerance=0.5, how=how + hint)
