"""The capstone's evaluation checks (module lead-05): the programme values the plan is
judged against, its Kirkpatrick measures, the sponsor's reviews and the owners.

validator.py registers these functions as rules, with their codes and descriptions,
in the order of the module page's "What is checked".
"""

from __future__ import annotations

import re

from curriculum.validation import Check, number
from curriculum.validation.toolkit import listed, names_nobody

from .analysis import (
    HIGH_BASELINE,
    LEARNING,
    MAX_REVIEW_GAP_DAYS,
    MIN_SHORTFALL_KEPT,
    MIN_VALUES,
    NO_TENSION,
    NOBODY,
    OUTPUTS,
    counts,
    known_ids,
    measures,
    value_id,
)
from .schema import VALUES, Capstone


def value_known(plan: Capstone, check: Check) -> None:
    choices = "; ".join(f"{k} {v}" for k, v in VALUES.items())
    for index, value in enumerate(plan.values, start=1):
        if value_id(value.value) not in VALUES:
            check.fail(
                f"values[{index}].value",
                f"'{value.value}' is not a programme value",
                f"use one of {choices}",
            )


def values_count(plan: Capstone, check: Check) -> None:
    cited = {value_id(v.value) for v in plan.values} & set(VALUES)
    check.at_least(
        "values",
        len(cited),
        MIN_VALUES,
        what="the number of different programme values the plan is evaluated against",
        why="look at the plan from at least three values' sides: the ones it serves best "
        "are easy, the others show you where it is weak",
    )


def value_improvements(plan: Capstone, check: Check) -> None:
    known = [i.id for i in plan.improvements]
    for index, value in enumerate(plan.values, start=1):
        if not value.improvements:
            check.fail(
                f"values[{index}].improvements",
                f"the entry for {value.value} names no improvement",
                f"say which improvements serve it (improvements in this plan: {known_ids(known)})",
            )
        for position, improvement in enumerate(value.improvements, start=1):
            if improvement not in known:
                check.fail(
                    f"values[{index}].improvements[{position}]",
                    f"the entry for {value.value} names '{improvement}', which is not an "
                    "improvement in this plan",
                    f"use an id from improvements: {known_ids(known)}",
                )


def values_tension(plan: Capstone, check: Check) -> None:
    said = [(i, v.tension) for i, v in enumerate(plan.values) if v.tension and v.tension.strip()]
    real = [i for i, text in said if not NO_TENSION.match(text)]
    for index, text in said:
        if index not in real and not real:
            check.fail(
                ("values", index, "tension"),
                f"'{text}' says there is no tension",
                "name a real way the plan could fall short of this value, and what you will "
                "watch or do about it",
            )
    if not said:
        check.fail(
            "values",
            "no value entry records a tension",
            "for the value your plan serves least well, say in 'tension' where it falls "
            "short and what you will watch for",
        )


def measure_direction(plan: Capstone, check: Check) -> None:
    for path, level, improvement, measure in measures(plan):
        better = (
            measure.target > measure.baseline
            if measure.direction == "up"
            else measure.target < measure.baseline
        )
        if not better:
            word = "above" if measure.direction == "up" else "below"
            check.fail(
                f"{path}.target",
                f"the {level} measure of {improvement.id} aims at {number(measure.target)} "
                f"{measure.unit} from a baseline of {number(measure.baseline)}; with "
                f"direction '{measure.direction}' the target must be {word} the baseline",
                "check the direction (is more better, or less?) and the target: a measure "
                "whose target is no better than today does not show an improvement",
            )


def level3(plan: Capstone, check: Check) -> None:
    for index, improvement in enumerate(plan.improvements):
        found = counts(improvement.behaviour_measure.measure, LEARNING)
        if found:
            check.fail(
                ("improvements", index, "behaviour_measure", "measure"),
                f"the behaviour measure of {improvement.id} counts {listed(found)}, not what "
                "people do at work",
                "count a repeated action at work, e.g. 'load-out mornings on which the early "
                "shift reads the SLO dashboard by 05:15', not who was trained or signed off",
            )


def level4(plan: Capstone, check: Check) -> None:
    for index, improvement in enumerate(plan.improvements):
        text = improvement.results_measure.measure
        learning, outputs = counts(text, LEARNING), counts(text, OUTPUTS)
        if learning or outputs:
            check.fail(
                ("improvements", index, "results_measure", "measure"),
                f"the results measure of {improvement.id} counts {listed(learning + outputs)}, "
                "not a result for the business",
                "count what the business or its users get (trucks on time, depot mornings "
                "held up, complaints per 10,000 parcels), not what IT produces or who learned",
            )


def realistic(plan: Capstone, check: Check) -> None:
    for index, improvement in enumerate(plan.improvements):
        m = improvement.results_measure
        if not (m.direction == "up" and "%" in m.unit and HIGH_BASELINE <= m.baseline < 100):
            continue
        floor = 100 - (100 - m.baseline) * MIN_SHORTFALL_KEPT
        if m.target > floor + 1e-9:
            check.fail(
                ("improvements", index, "results_measure", "target"),
                f"the results measure of {improvement.id} jumps from {number(m.baseline)} % "
                f"to {number(m.target)} % in 90 days",
                f"aim at a step the team can reach and show (at most about "
                f"{number(round(floor, 2))} %), and keep the rest for the next plan",
            )


def levels_differ(plan: Capstone, check: Check) -> None:
    def norm(text: str) -> str:
        return " ".join(re.findall(r"[\w%]+", text.casefold()))

    for index, improvement in enumerate(plan.improvements, start=1):
        if norm(improvement.behaviour_measure.measure) == norm(improvement.results_measure.measure):
            check.fail(
                f"improvements[{index}].results_measure.measure",
                f"improvement {improvement.id} uses the same measure for behaviour and results",
                "behaviour (level 3) is what people do differently; results (level 4) is "
                "what that changes for the business: find one of each",
            )


def sponsor_review(plan: Capstone, check: Check) -> None:
    check.at_most(
        "sponsor.review_every_days",
        plan.sponsor.review_every_days,
        MAX_REVIEW_GAP_DAYS,
        what="the gap between sponsor reviews, in days",
        why="agree a review at least at day 30, day 60 and day 90, with the measures on "
        "one page, so the sponsor can decide what to stop, keep or add",
    )


def owners(plan: Capstone, check: Check) -> None:
    if names_nobody(plan.sponsor.who, NOBODY):
        check.fail(
            "sponsor.who",
            f"'{plan.sponsor.who}' does not say who sponsors the plan",
            "name the person, with their role, who can give you time, money or a decision",
        )
    for index, improvement in enumerate(plan.improvements, start=1):
        if names_nobody(improvement.owner, NOBODY):
            check.fail(
                f"improvements[{index}].owner",
                f"'{improvement.owner}' does not say who owns improvement {improvement.id}",
                "name the person or role who will see it through, e.g. 'Platform team lead'",
            )
