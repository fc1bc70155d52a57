"""Checks a capacity plan for Parcel Tracking's coming peak (module rel-07).

The scenario lives in case.yaml, read in ``facts.py``; the schema is in ``schema.py``.
Each figure is recomputed from the learner's own earlier figures, so one slip is
reported once, where it is made, and not again in everything built on it.
"""

from __future__ import annotations

from typing import Any

from curriculum.validation import Check, Exercise, number
from curriculum.validation.toolkit import names_nobody, normal

from .facts import (
    BUSIEST_RPS,
    CROSSING,
    DB_LIMIT,
    EPS,
    EVENT_START,
    EVENTS,
    FREEZE,
    GROWTH,
    LAST_HELD,
    MIN_HEADROOM,
    NOBODY_EXTRA,
    PEAK_LAST,
    PERSON,
    PLAN_DATE,
    PRICE,
    RUNNING,
    SUPPLIERS,
    TARGET,
    TEST,
    TEST_DATE,
    _date,
    _fits,
    _headroom,
    _n_plus_1,
    misread_peak,
    misread_step,
    peak_capacity,
    per_instance,
    short_of_rule,
)
from .schema import CapacityPlan

exercise = Exercise(schema=CapacityPlan)


@exercise.rule(
    "CAP-LAST-PEAK",
    "demand.last_peak_rps is last peak's busiest minute in requests a second: the busiest "
    "of the weekly minutes in the brief, divided by 60, within 0.5.",
)
def last_peak(plan: CapacityPlan, check: Check) -> None:
    declared = plan.demand.last_peak_rps
    if _fits(declared, BUSIEST_RPS, 0.5):
        return
    misread = misread_peak(declared)
    if misread is not None:
        check.fail("demand.last_peak_rps", *misread)
        return
    check.close(
        "demand.last_peak_rps",
        declared,
        BUSIEST_RPS,
        tolerance=0.5,
        how=f"the busiest weekly minute, {number(BUSIEST_RPS * 60)} requests, / 60 seconds",
    )


@exercise.rule(
    "CAP-GROWTH",
    f"demand.growth_percent is at least the measured organic growth of {number(GROWTH)} % "
    "a year; a higher, more cautious figure is accepted.",
)
def growth(plan: CapacityPlan, check: Check) -> None:
    declared = plan.demand.growth_percent
    if declared < GROWTH - EPS:
        check.fail(
            "demand.growth_percent",
            f"growth_percent is {number(declared)}, below the {number(GROWTH)} % a year the "
            "busiest evening minute has grown for three years",
            "plan from at least the measured trend: a lower figure is a hope, not a forecast",
        )


@exercise.rule(
    "CAP-INORGANIC",
    "demand.inorganic lists each event of the brief that starts before the peak ends, "
    "once, with at least its extra requests a second, and no event that starts after it.",
)
def inorganic(plan: CapacityPlan, check: Check) -> None:
    listed = [event.id.upper() for event in plan.demand.inorganic]
    check.unique(
        "demand.inorganic",
        listed,
        what="event",
        hint="list each event once, with its whole effect",
        field="id",
    )
    for index, event in enumerate(plan.demand.inorganic):
        known = EVENTS.get(event.id.upper())
        path = ("demand", "inorganic", index)
        if known is None:
            check.fail(
                (*path, "id"),
                f"{event.id} is not one of the brief's events ({', '.join(EVENTS)})",
                "use the brief's ids; organic growth already covers ordinary change",
            )
            continue
        starts = EVENT_START[known["id"]]
        if starts > PEAK_LAST:
            check.fail(
                (*path, "id"),
                f"{event.id} starts on {_date(starts)}, after the peak ends on {_date(PEAK_LAST)}",
                "leave it out of this peak's forecast; it belongs in the next plan",
            )
        elif event.extra_rps < known["extra_rps"] - EPS:
            check.fail(
                (*path, "extra_rps"),
                f"{event.id} adds {number(event.extra_rps)} requests a second here; the brief "
                f"gives {number(known['extra_rps'])}",
                "take the effect the brief gives, or a larger one if you have a reason",
            )
    for key, known in EVENTS.items():
        starts = EVENT_START[key]
        if starts <= PEAK_LAST and key not in listed:
            check.fail(
                "demand.inorganic",
                f"{key} ({known['name']}) starts on {_date(starts)}, before the "
                "peak ends, but is not in the forecast",
                f"add it with extra_rps: {number(known['extra_rps'])}; events like this are "
                "what last year's busiest minute cannot show",
            )


@exercise.rule(
    "CAP-FORECAST",
    "demand.forecast_peak_rps equals last_peak_rps x (1 + growth_percent/100) plus the "
    "events' extra_rps (growth applied to the events too is accepted), within 0.5 or 1 %.",
)
def forecast(plan: CapacityPlan, check: Check) -> None:
    demand = plan.demand
    extra = sum(event.extra_rps for event in demand.inorganic)
    rate = 1 + demand.growth_percent / 100
    plain = demand.last_peak_rps * rate + extra
    if _fits(demand.forecast_peak_rps, (demand.last_peak_rps + extra) * rate, 0.5, 0.01):
        return
    check.close(
        "demand.forecast_peak_rps",
        demand.forecast_peak_rps,
        plain,
        tolerance=max(0.5, plain * 0.01),
        how=f"{number(demand.last_peak_rps)} x (1 + {number(demand.growth_percent)}/100)"
        + "".join(f" + {number(e.extra_rps)}" for e in demand.inorganic),
    )


@exercise.rule(
    "CAP-LOAD-TEST",
    "capacity.tested_instances is the load test's instance count, and capacity.capacity_rps "
    f"is the highest step at which at least {number(TARGET)} % of requests were still answered "
    "within 2 seconds (up to where the SLO line is crossed): not where it broke, nor a CPU level.",
)
def load_test(plan: CapacityPlan, check: Check) -> None:
    tested = plan.capacity.tested_instances
    if tested != TEST["instances"]:
        check.fail(
            "capacity.tested_instances",
            f"tested_instances is {tested}; the load test of {_date(TEST_DATE)} ran on "
            f"{TEST['instances']} instances",
            "give the instance count of the test the capacity comes from",
        )
    declared = plan.capacity.capacity_rps
    if LAST_HELD["rps"] - EPS <= declared <= CROSSING + EPS:
        return
    misread = misread_step(declared)
    if misread is not None:
        check.fail("capacity.capacity_rps", *misread)
    else:
        check.close(
            "capacity.capacity_rps",
            declared,
            LAST_HELD["rps"],
            tolerance=CROSSING - LAST_HELD["rps"],
            how=f"the highest step with at least {number(TARGET)} % within 2 s; the SLO line "
            f"is crossed at about {CROSSING:.1f}, and the test shows nothing beyond that",
        )


@exercise.rule(
    "CAP-HEADROOM",
    "Each headroom_percent equals (capacity - forecast peak) / capacity x 100, from the "
    "plan's own capacity and forecast, within 0.3 points.",
)
def headroom_rule(plan: CapacityPlan, check: Check) -> None:
    _headroom(check, "capacity", plan.capacity.headroom_percent, plan.capacity.capacity_rps, plan)
    setup = plan.peak_setup
    _headroom(check, "peak_setup", setup.headroom_percent, setup.capacity_rps, plan)


@exercise.rule(
    "CAP-N-PLUS-1",
    "Each n_plus_1_rps is the capacity with one instance lost: capacity x (instances - 1) / "
    "instances (for the peak setup, up to the database's limit), within 0.5.",
)
def n_plus_1(plan: CapacityPlan, check: Check) -> None:
    cap, tested = plan.capacity.capacity_rps, plan.capacity.tested_instances
    _n_plus_1(
        check,
        "capacity",
        plan.capacity.n_plus_1_rps,
        cap * (tested - 1) / tested,
        cap * (tested + 1) / tested,
        f"{number(cap)} x ({tested} - 1) / {tested}",
    )
    n = plan.peak_setup.instances
    each = per_instance(plan)
    _n_plus_1(
        check,
        "peak_setup",
        plan.peak_setup.n_plus_1_rps,
        peak_capacity(plan, n - 1),
        peak_capacity(plan, n + 1),
        f"{number(round(each, 4))} a second per instance x ({n} - 1), at most the "
        f"database's {number(DB_LIMIT)}",
    )


@exercise.rule(
    "CAP-PEAK-CAPACITY",
    "peak_setup.capacity_rps is the load test's capacity per instance times the peak "
    "setup's instances, at most the database's tested limit, within 0.5.",
)
def peak_capacity_rule(plan: CapacityPlan, check: Check) -> None:
    n = plan.peak_setup.instances
    expected = peak_capacity(plan, n)
    if _fits(plan.peak_setup.capacity_rps, expected, 0.5):
        return
    capped = per_instance(plan) * n > DB_LIMIT
    check.close(
        "peak_setup.capacity_rps",
        plan.peak_setup.capacity_rps,
        expected,
        tolerance=0.5,
        how=f"{number(plan.capacity.capacity_rps)} / {plan.capacity.tested_instances} x {n}"
        + (
            f", but no more than the database's tested limit of {number(DB_LIMIT)}: beyond it "
            "more instances add no capacity"
            if capped
            else ""
        ),
    )


@exercise.rule(
    "CAP-READY",
    f"The peak setup meets Brightwater's rule at the forecast peak: at least "
    f"{number(MIN_HEADROOM)} % headroom, and the forecast still carried with one instance "
    "lost (N+1), recomputed from the load test and the plan's forecast.",
)
def ready(plan: CapacityPlan, check: Check) -> None:
    n = plan.peak_setup.instances
    forecast_rps = plan.demand.forecast_peak_rps
    lacks = short_of_rule(peak_capacity(plan, n), peak_capacity(plan, n - 1), forecast_rps)
    if lacks:
        check.fail(
            "peak_setup.instances",
            f"with {n} instances the peak setup is not ready: {' and '.join(lacks)}",
            "add instances until both hold (the database caps what instances can add; those "
            "the autoscaler starts after 18:00 come too late to count), or lower the busiest "
            "minute with a change a load test has measured",
        )


@exercise.rule(
    "CAP-BEFORE-FREEZE",
    "A plan whose capacity today is short of the rule has actions; every action, the peak "
    f"setup's start and its load test fall after the plan's date ({_date(PLAN_DATE)}) and "
    f"before the freeze ({_date(FREEZE)}), and the peak setup runs to the peak's last day.",
)
def before_freeze(plan: CapacityPlan, check: Check) -> None:
    cap, tested = plan.capacity.capacity_rps, plan.capacity.tested_instances
    lacks = short_of_rule(cap, cap * (tested - 1) / tested, plan.demand.forecast_peak_rps)
    if lacks and not plan.actions:
        check.fail(
            "actions",
            f"capacity today is short of the rule ({' and '.join(lacks)}), but the plan has "
            "no actions",
            "say what will be done, by which role and by when, before the freeze",
        )
    dated: list[tuple[tuple[str | int, ...], str, Any]] = [
        (("actions", i, "due"), f"{a.id} is due on", a.due) for i, a in enumerate(plan.actions)
    ]
    dated += [
        (("peak_setup", "start"), "the peak setup starts on", plan.peak_setup.start),
        (("peak_setup", "load_test_on"), "its load test is on", plan.peak_setup.load_test_on),
    ]
    for path, what, day in dated:
        if day <= PLAN_DATE:
            check.fail(
                path,
                f"{what} {_date(day)}, not after the plan's date of {_date(PLAN_DATE)}",
                "check the year: everything in the plan is still to be done",
            )
        elif day >= FREEZE:
            when = "the first day of the freeze" if day == FREEZE else "after the freeze starts"
            check.fail(
                path,
                f"{what} {_date(day)}, {when} ({_date(FREEZE)})",
                f"bring it before {_date(FREEZE)}: from then on only fixes and standard changes "
                "go live"
                + ("; a review after the peak belongs in review_on" * (path[0] == "actions")),
            )
    if plan.peak_setup.end < max(PEAK_LAST, plan.peak_setup.start):
        check.fail(
            ("peak_setup", "end"),
            f"the peak setup ends on {_date(plan.peak_setup.end)}, before the peak's last day, "
            f"{_date(PEAK_LAST)}",
            "run it at least to the end of the peak",
        )


@exercise.rule(
    "CAP-OWNER-ROLE",
    "Every action has an owner role at Brightwater, such as 'platform team lead': not a "
    "person's name, a supplier, or a placeholder such as 'TBD' or 'the team'.",
)
def owner_role(plan: CapacityPlan, check: Check) -> None:
    for index, action in enumerate(plan.actions):
        role = action.owner_role
        path = ("actions", index, "owner_role")
        named = PERSON.search(role)
        if names_nobody(role, NOBODY_EXTRA):
            check.fail(
                path,
                f"{action.id}'s owner ('{role}') names no one who could make it happen",
                "write the role in words, e.g. 'platform team lead'",
            )
        elif normal(role).strip(" .") in SUPPLIERS:
            check.fail(
                path,
                f"{action.id}'s owner is a supplier ('{role}')",
                "the supplier does the work; a Brightwater role owns the action, e.g. "
                "'supplier and SIAM manager'",
            )
        elif named:
            check.fail(
                path,
                f"{action.id}'s owner is a person ('{named.group(0)}'), not a role",
                "name the role, not who holds it today, e.g. 'Parcel Tracking service owner'",
            )


@exercise.rule("CAP-ACTION-IDS", "Each action has its own id.")
def action_ids(plan: CapacityPlan, check: Check) -> None:
    check.unique(
        "actions",
        [action.id.upper() for action in plan.actions],
        what="action id",
        hint="number the actions A1, A2, A3...",
        field="id",
    )


@exercise.rule(
    "CAP-COST",
    f"peak_setup.cost_gbp equals the instances added to today's {RUNNING} x the days from "
    f"start to end (counting both or one of them) x £{number(PRICE)} a day, within £1 or 1 %.",
)
def cost(plan: CapacityPlan, check: Check) -> None:
    setup = plan.peak_setup
    added = max(setup.instances - RUNNING, 0)
    days = (setup.end - setup.start).days
    if days < 0:
        return  # an end before the start is reported by CAP-BEFORE-FREEZE, or is a slip
    candidates = [added * d * PRICE for d in (days + 1, days)]
    if any(_fits(setup.cost_gbp, c, 1, 0.01) for c in candidates):
        return
    hint = ""
    if any(_fits(setup.cost_gbp, setup.instances * d * PRICE, 1, 0.01) for d in (days, days + 1)):
        hint = f"; count only the instances added to the {RUNNING} running today"
    check.close(
        "peak_setup.cost_gbp",
        setup.cost_gbp,
        candidates[0],
        tolerance=max(1, candidates[0] * 0.01),
        how=f"({setup.instances} - {RUNNING}) instances x {days + 1} days "
        f"({_date(setup.start)} to {_date(setup.end)}) x £{number(PRICE)}{hint}",
    )
