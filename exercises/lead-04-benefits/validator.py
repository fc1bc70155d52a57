"""Checks a benefits case with its cash flow, payback and road map (module lead-04).

The case is the learner's own: Brightwater's load-out scanning programme, as in
the template, or an improvement from their own work. When it is Brightwater's
(a marker word from ``case.yaml`` in the title or a cost line), the figures the
template gives (Ben Carter's cost lines and cash benefits, the 2025 baselines,
the road map's dependencies and durations) are checked against ``case.yaml``.

Benefits: at least one for the organisation and one for individuals, each with
an owner on the side that gains, a measure of behaviour or experience (not of
the programme's outputs, such as sign-offs or people trained) and a baseline
different from its target. Cash is the organisation's money: only organisation
benefits carry cash, people's time is not cash unless it releases money, and
every cash figure shows its sum.

Cash flow: year 0 is the money spent up front; within a year money flows
evenly. Each figure is checked against the learner's own figures one step
before it, so that one slip gives one finding. The payback period is
interpolated within the first year k whose cumulative is 0 or more::

    payback = (k - 1) + (-cumulative[k-1]) / (cumulative[k] - cumulative[k-1])

Road map: the list is in an order in which every item comes after everything it
depends on; a dependency cycle is reported once, naming every item in it, and the
order and timing checks then leave that cycle's own links alone.

The schema is in ``schema.py``, the case's facts and the pure helpers in
``analysis.py``; the cash-flow and road-map rules are in ``cashflow.py`` and
``roadmap.py``, registered at the end of this file, after its own rules.
"""

from __future__ import annotations

import re

from curriculum.validation import Check, Exercise, number
from curriculum.validation.toolkit import listed, names_nobody, normal

from . import cashflow, roadmap
from .analysis import CASE, about, is_the_case, show_amounts
from .schema import BenefitsCase

#: owners that name nobody who could answer for a benefit, beyond the toolkit's own
NOBODY = ["anyone", "it", "the it department", "it department", "business", "the business"]
NOBODY += ["management", "us", "we", "team", "the team", "owner"]
#: owners whose job ends with the programme, not on the side that gains
PROJECT_ROLE = re.compile(r"\b(project|programme manager|program manager|pmo)\b", re.I)
#: a measure that counts the programme's outputs, not what people do or live with
OUTPUTS = {
    "sign-offs": r"\bsign(ed|s|ing)?[\s-]*offs?\b|\bsignoffs?\b",
    "people trained or attending": r"\btrained\b|\battend\w*\b.*\b(training|courses?|"
    r"workshops?|sessions?|briefings?)\b|\b(training|courses?|workshops?|sessions?)\b.*\battend|"
    r"\btraining (completed|done|sessions?)\b|\bcompleted (the )?(training|courses?)\b",
    "sessions held": r"\b(workshops?|courses?|sessions?|meetings?) (held|run|delivered)\b",
    "things installed": r"\b(installed|deployed|rolled out|went live|go[- ]live)\b",
}
#: a measure of people's time, and words that show the time releases money
TIME_UNIT = re.compile(r"\b(minutes?|mins?|hours?|hrs?|days?)\b", re.I)
PEOPLE_TIME = re.compile(
    r"\b(spen[dt]|spending|wait\w*|saved|time|drivers?|analysts?|engineers?|staff|people)\b",
    re.I,
)
RELEASED = re.compile(
    r"\b(agency|overtime|contractors?|temps?|temporary|hire|hiring|bought|invoices?)\b", re.I
)
_FIGURE = re.compile(r"\d[\d,.]*")

exercise = Exercise(schema=BenefitsCase)


# --- the rules: identity and benefits --------------------------------------------------------


@exercise.rule("BENEFITS-IDS", "Every id (costs, benefits and road map items) is used only once.")
def ids(case: BenefitsCase, check: Check) -> None:
    seen: dict[str, str] = {}
    groups = (
        ("costs", [c.id for c in case.costs]),
        ("benefits", [b.id for b in case.benefits]),
        ("roadmap", [r.id for r in case.roadmap]),
    )
    for name, item_ids in groups:
        for index, item_id in enumerate(item_ids):
            key = item_id.casefold()
            if key in seen:
                check.fail(
                    (name, index, "id"),
                    f"the id '{item_id}' is already used by {seen[key]}",
                    "give every cost, benefit and road map item its own id, e.g. C1, B1, R1",
                )
            else:
                seen[key] = f"{name}[{index + 1}]"


@exercise.rule(
    "BENEFITS-BOTH-SIDES",
    "The case has at least one benefit for the organisation and at least one for "
    "individuals (beneficiary: organisation / individuals).",
)
def both_sides(case: BenefitsCase, check: Check) -> None:
    kinds = {b.beneficiary for b in case.benefits}
    if "organisation" not in kinds:
        check.fail(
            "benefits",
            "no benefit is for the organisation",
            "add what the organisation gains, in its own measures: trucks on time, calls "
            "avoided, money saved",
        )
    if "individuals" not in kinds:
        check.fail(
            "benefits",
            "no benefit is for individuals",
            "add what the people doing the work gain, in their own units: minutes not spent "
            "waiting, pages not received at night, repeat calls not taken",
        )


@exercise.rule(
    "BENEFITS-OWNER",
    "Every benefit's owner names a role on the side that gains, who could say whether the "
    "benefit arrived: not a placeholder ('TBD', 'IT', 'the business', 'everyone') and not "
    "a project or programme role, whose job ends with the programme.",
)
def owner(case: BenefitsCase, check: Check) -> None:
    for index, benefit in enumerate(case.benefits):
        if names_nobody(benefit.owner, NOBODY):
            check.fail(
                ("benefits", index, "owner"),
                f"'{benefit.owner}' does not say who answers for benefit {benefit.id}",
                "name the role that will track the measure and call it realised or not, "
                "usually on the side that gains: e.g. 'depot operations manager' or "
                "'service desk team lead'",
            )
        elif PROJECT_ROLE.search(benefit.owner):
            check.fail(
                ("benefits", index, "owner"),
                f"benefit {benefit.id} is owned by '{benefit.owner}', a role that ends with "
                "the programme",
                f"give it to the role on the side that gains ({benefit.who}), who will still "
                "be there to say whether the benefit arrived",
            )


@exercise.rule(
    "BENEFITS-MEASURE",
    "Every benefit's target differs from its baseline: a benefit is a change you can measure.",
)
def measure(case: BenefitsCase, check: Check) -> None:
    for index, benefit in enumerate(case.benefits):
        if benefit.target == benefit.baseline:
            check.fail(
                ("benefits", index, "target"),
                f"benefit {benefit.id} has the same target as its baseline "
                f"({number(benefit.target)} {benefit.unit})",
                "say what the measure will read once the benefit is realised; if nothing "
                "changes, it is not a benefit",
            )


@exercise.rule(
    "BENEFITS-MEASURE-OUTCOME",
    "No benefit's measure counts an output of the programme (sign-offs, people trained, "
    "sessions held, things installed): a benefit is measured in what people do or live with.",
)
def measure_outcome(case: BenefitsCase, check: Check) -> None:
    for index, benefit in enumerate(case.benefits):
        found = [
            what for what, pattern in OUTPUTS.items() if re.search(pattern, benefit.measure, re.I)
        ]
        if found:
            check.fail(
                ("benefits", index, "measure"),
                f"the measure of benefit {benefit.id} counts {listed(found)}, which the "
                "programme delivers, not what changes for the people who gain",
                f"measure what {benefit.who} do or live with once it works, e.g. minutes "
                "waited, repeat calls taken, pages received at night",
            )


@exercise.rule(
    "BENEFITS-INDIVIDUAL-CASH",
    "Only benefits for the organisation carry cash_by_year: the cash flow is the "
    "organisation's money. Quantify benefits for individuals in their own units "
    "(minutes, pages, calls) without cash.",
)
def individual_cash(case: BenefitsCase, check: Check) -> None:
    for index, benefit in enumerate(case.benefits):
        if benefit.beneficiary == "individuals" and benefit.cash_by_year is not None:
            check.fail(
                ("benefits", index, "cash_by_year"),
                f"benefit {benefit.id} is for individuals but carries cash",
                "remove cash_by_year from it; if the organisation also saves money from the "
                "same change, list that once, as an organisation benefit with its valuation",
            )


@exercise.rule(
    "BENEFITS-TIME-AS-CASH",
    "A cash benefit measured in people's time (minutes, hours or days spent or waited) "
    "says what money that time releases: agency cover, overtime, contractors. Time that "
    "releases no money is a benefit for individuals, not cash.",
)
def time_as_cash(case: BenefitsCase, check: Check) -> None:
    for index, benefit in enumerate(case.benefits):
        if benefit.beneficiary != "organisation" or benefit.cash_by_year is None:
            continue
        timed = TIME_UNIT.search(f"{benefit.unit} {benefit.measure}")
        said = f"{benefit.measure} {benefit.benefit} {benefit.valuation or ''}"
        if timed and PEOPLE_TIME.search(benefit.measure) and not RELEASED.search(said):
            check.fail(
                ("benefits", index, "cash_by_year"),
                f"benefit {benefit.id} turns people's time ({benefit.unit}) into cash, but "
                "says no money is released by it",
                "time is not cash unless it stops a payment (agency cover, overtime): name "
                "that payment in the valuation, or remove cash_by_year and keep the time as a "
                "benefit for the people who gain it",
            )


@exercise.rule(
    "BENEFITS-VALUATION",
    "Every benefit with cash_by_year has a valuation that shows its sum: at least two "
    "figures, such as a quantity and a price.",
)
def valuation(case: BenefitsCase, check: Check) -> None:
    for index, benefit in enumerate(case.benefits):
        if benefit.cash_by_year is None:
            continue
        figures = _FIGURE.findall(benefit.valuation or "")
        if len(figures) < 2:
            check.fail(
                ("benefits", index, "valuation"),
                f"the valuation of benefit {benefit.id} does not show how its cash was worked "
                "out" + (f" (it gives only {figures[0]})" if figures else ""),
                "show the sum: how many, times how much each (e.g. '360 swaps a year x 110 "
                "pounds'), and how fast the benefit builds up",
            )


@exercise.rule(
    "BENEFITS-CASE-FIGURES",
    "For Brightwater's programme: the template's cost lines keep their amounts, no cash "
    "benefit is raised above the template's figures, and a benefit measured like one of "
    "the 2025 figures in the same unit starts from that figure.",
)
def case_figures(case: BenefitsCase, check: Check) -> None:
    if not is_the_case(case):
        return
    costs = {c.id: (i, c) for i, c in enumerate(case.costs)}
    held = [c.by_year for c in case.costs]
    for cid, amounts in CASE["costs"].items():
        if cid in costs and costs[cid][1].by_year != amounts:
            check.fail(
                ("costs", costs[cid][0], "by_year"),
                f"cost {cid} is {show_amounts(costs[cid][1].by_year)}; the template gives "
                f"{show_amounts(amounts)}",
                "keep the template's cost figures; if you doubt one, say so in a comment",
            )
        elif cid not in costs and amounts not in held:
            check.fail(
                "costs",
                f"cost line {cid} {show_amounts(amounts)} from the template is missing",
                "keep every cost line of the template: leaving a cost out makes the case "
                "look better than it is",
            )
    for index, benefit in enumerate(case.benefits):
        given = CASE["cash"].get(benefit.id)
        mine = benefit.cash_by_year
        if (
            given
            and mine
            and len(mine) == len(given)
            and any(m > g for m, g in zip(mine, given, strict=True))
        ):
            check.fail(
                ("benefits", index, "cash_by_year"),
                f"benefit {benefit.id}'s cash {show_amounts(mine)} is above the template's "
                f"{show_amounts(given)}",
                "lower the figures if you think them optimistic, but do not raise them "
                "without new evidence in the valuation",
            )
        for figure in CASE["figures"]:
            if (
                about(benefit.measure, figure["about"])
                and re.fullmatch(figure["unit"], normal(benefit.unit))
                and benefit.baseline != figure["baseline"]
            ):
                check.fail(
                    ("benefits", index, "baseline"),
                    f"benefit {benefit.id} starts from {number(benefit.baseline)} "
                    f"{benefit.unit}, but the 2025 figure is {figure['says']}",
                    f"use {number(figure['baseline'])} as the baseline: it is what the "
                    "people who gain measured in 2025",
                )


# the rules of cash flow and road map, in their modules, come after these
exercise.include(cashflow.rules)
exercise.include(roadmap.rules)
