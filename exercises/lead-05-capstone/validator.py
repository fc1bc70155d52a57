"""Checks a capstone 90-day improvement plan (module lead-05).

The plan bundles at least three artefacts from earlier exercises of the course,
pasted in under ``artefacts[n].content``. Each one is checked again with its own
exercise's validator (``Check.embedded``), so its findings appear here under
``CAPSTONE-ARTEFACT-VALID``, at their lines in the capstone file. Those findings
are the other exercise's own: this validator passes them on and never reads
their messages.

Around the embedded artefacts the plan sets out a handful of improvements for one
Brightwater service (the services are in ``case.yaml``), each phased within 90
days, linked to the artefacts it builds on, and measured at Kirkpatrick's level 3
(behaviour: what people do differently at work) and level 4 (results: what
changes for the business). An evaluation against the programme's values closes
it; the values and the learners' seats are read from ``programme.yaml`` at the
course root, the one place they are defined.

A measure is judged by what it counts, not by the words around it: "handhelds
sent to the workshop" is a result, "analysts who attended the workshop" is not.

The schema is in schema.py and what the rules share in analysis.py. The checks of
the evaluation (values, measures, sponsor, owners) are in evaluation.py; they are
registered at the end of this file with their codes and descriptions, so this file
still lists every rule, in the order of the module page's "What is checked".
"""

from __future__ import annotations

from curriculum.validation import Check, Exercise, number
from curriculum.validation.toolkit import listed, plural

from . import evaluation
from .analysis import (
    HIGH_BASELINE,
    MAX_IMPROVEMENTS,
    MAX_REVIEW_GAP_DAYS,
    MIN_EXERCISES,
    MIN_VALUES,
    PHASES,
    SERVICES,
    THIS_EXERCISE,
    known_ids,
    plan_day,
    service_key,
    value_id,
)
from .schema import PLAN_DAYS, VALUES, Capstone

exercise = Exercise(schema=Capstone)


@exercise.rule(
    "CAPSTONE-ARTEFACT-VALID",
    "Every embedded artefact passes its own exercise's checks, exactly as if it were a "
    "file of its own. Its findings are reported here, at their line in this file, with "
    "the earlier exercise's id and code in front of the message (for example "
    "'rel-01-slo SLO-BUDGET-MINUTES: ...'). The capstone cannot embed itself.",
)
def artefacts_valid(plan: Capstone, check: Check) -> None:
    for number_, item in enumerate(plan.artefacts, start=1):
        check.embedded(f"artefacts[{number_}].content", item.exercise, item.content)


@exercise.rule(
    "CAPSTONE-DISTINCT-EXERCISES",
    f"The embedded artefacts come from at least {MIN_EXERCISES} different earlier "
    "exercises (two SLOs count as one exercise).",
)
def distinct_exercises(plan: Capstone, check: Check) -> None:
    exercises = sorted({a.exercise for a in plan.artefacts} - {THIS_EXERCISE})
    if len(exercises) < MIN_EXERCISES:
        shown = f" ({', '.join(exercises)})" if exercises else ""
        check.fail(
            "artefacts",
            f"the artefacts come from {plural(len(exercises), 'different exercise')}{shown}; "
            f"the plan needs at least {MIN_EXERCISES}",
            "embed work from other modules too: a plan that integrates an SLO, a review "
            "and a scorecard sees the service from three sides",
        )


@exercise.rule(
    "CAPSTONE-IDS-UNIQUE",
    "Each artefact id and each improvement id is used only once, and each value is "
    "evaluated only once.",
)
def ids_unique(plan: Capstone, check: Check) -> None:
    hint = (
        "give each artefact and improvement its own id, and evaluate each "
        "value in one entry (list all the improvements that serve it there)"
    )
    groups: list[tuple[str, str, str, list[str]]] = [
        ("artefacts", "id", "the artefact id", [a.id for a in plan.artefacts]),
        ("improvements", "id", "the improvement id", [i.id for i in plan.improvements]),
        ("values", "value", "the value", [value_id(v.value) for v in plan.values]),
    ]
    for name, key, what, ids in groups:
        check.unique(name, ids, what=what, hint=hint, field=key)


@exercise.rule(
    "CAPSTONE-SERVICE",
    "The plan is for one Brightwater service, named as the business knows it: "
    + listed(SERVICES, "or")
    + " (any letter case).",
)
def one_service(plan: Capstone, check: Check) -> None:
    if service_key(plan.service) not in {service_key(s) for s in SERVICES}:
        check.fail(
            "service",
            f"'{plan.service}' is not one of Brightwater's services",
            "choose one: " + ", ".join(SERVICES),
        )


@exercise.rule(
    "CAPSTONE-SERVICE-MATCH",
    "An embedded artefact that names a service at its top level (an SLO, a review, an "
    "incident log) names the plan's service: one plan, one service.",
)
def service_match(plan: Capstone, check: Check) -> None:
    for number_, item in enumerate(plan.artefacts, start=1):
        content = item.content
        if not isinstance(content, dict):
            continue
        named = content.get("service")
        if isinstance(named, str) and service_key(named) != service_key(plan.service):
            check.fail(
                f"artefacts[{number_}].content.service",
                f"artefact '{item.id}' is about {named.strip()}, but the plan is for "
                f"{plan.service}",
                "embed the artefact you made for this service, or redo it for this service; "
                "a plan that spreads over several services rarely finishes in 90 days",
            )


@exercise.rule(
    "CAPSTONE-FOCUS",
    f"The plan has at most {MAX_IMPROVEMENTS} improvements: a 90-day plan that tries "
    "more than that usually finishes none of them.",
)
def focus(plan: Capstone, check: Check) -> None:
    check.at_most(
        "improvements",
        len(plan.improvements),
        MAX_IMPROVEMENTS,
        what="the number of improvements",
        why="keep the few that move your results measure most and put the rest on a "
        "list for the next 90 days",
    )


@exercise.rule(
    "CAPSTONE-IMPROVEMENT-ARTEFACTS",
    "Every improvement builds on at least one embedded artefact, and every artefact id "
    "it lists is the id of an artefact in this plan.",
)
def improvement_artefacts(plan: Capstone, check: Check) -> None:
    known = [a.id for a in plan.artefacts]
    for index, improvement in enumerate(plan.improvements, start=1):
        if not improvement.artefacts:
            check.fail(
                f"improvements[{index}].artefacts",
                f"improvement {improvement.id} does not build on any embedded artefact",
                f"list the artefacts it starts from (artefacts in this plan: {known_ids(known)})",
            )
        for position, artefact in enumerate(improvement.artefacts, start=1):
            if artefact not in known:
                check.fail(
                    f"improvements[{index}].artefacts[{position}]",
                    f"improvement {improvement.id} refers to '{artefact}', which is not an "
                    "embedded artefact",
                    f"use an id from artefacts: {known_ids(known)}",
                )


@exercise.rule(
    "CAPSTONE-ARTEFACT-USED",
    "Every embedded artefact is used by at least one improvement: integrating an "
    "artefact means the plan acts on it.",
)
def artefact_used(plan: Capstone, check: Check) -> None:
    used = {a for i in plan.improvements for a in i.artefacts}
    for index, artefact in enumerate(plan.artefacts, start=1):
        if artefact.id not in used:
            check.fail(
                f"artefacts[{index}].id",
                f"no improvement uses the artefact '{artefact.id}' ({artefact.exercise})",
                "add its id to the artefacts of the improvement that acts on it, or leave "
                "it out of the plan",
            )


@exercise.rule(
    "CAPSTONE-WITHIN-90-DAYS",
    "Every improvement starts on day 1 or later, ends on or after the day it starts, and "
    "ends by day 90.",
)
def within_90_days(plan: Capstone, check: Check) -> None:
    for index, improvement in enumerate(plan.improvements, start=1):
        start, end = improvement.start_day, improvement.end_day
        if start < 1:
            check.fail(
                f"improvements[{index}].start_day",
                f"improvement {improvement.id} starts on day {start}; day 1 is "
                f"{plan.start_date.isoformat()}",
                "count days from 1, the plan's start date",
            )
        if end < start:
            check.fail(
                f"improvements[{index}].end_day",
                f"improvement {improvement.id} ends on day {end}, before it starts (day {start})",
                "swap the days or correct one of them",
            )
        if end > PLAN_DAYS:
            check.fail(
                f"improvements[{index}].end_day",
                f"improvement {improvement.id} ends on day {end}, after day {PLAN_DAYS} "
                f"({plan_day(plan, PLAN_DAYS)})",
                "cut it down to what can be done in 90 days, or split it and move the rest "
                "to the next plan",
            )


@exercise.rule(
    "CAPSTONE-PHASES",
    "Each of the three 30-day phases (days 1-30, 31-60 and 61-90) has at least one "
    "improvement under way, so the plan shows progress to its sponsor at every review.",
)
def phases(plan: Capstone, check: Check) -> None:
    for first, last in PHASES:
        busy = [i for i in plan.improvements if i.start_day <= last and i.end_day >= first]
        if not busy:
            check.fail(
                "improvements",
                f"no improvement is under way in days {first}-{last} "
                f"({plan_day(plan, first)} to {plan_day(plan, last)})",
                "sequence the work across the 90 days: start something early that shows "
                "a result by day 30, and keep the last 30 days for embedding and measuring",
            )


@exercise.rule(
    "CAPSTONE-SEQUENCED",
    "The improvements do not all start on the same day: a plan that starts everything at "
    "once has not been sequenced.",
)
def sequenced(plan: Capstone, check: Check) -> None:
    starts = {i.start_day for i in plan.improvements}
    if len(plan.improvements) > 1 and len(starts) == 1:
        check.fail(
            "improvements",
            f"all {plural(len(plan.improvements), 'improvement')} start on day {starts.pop()}",
            "start with measuring and one quick, visible change; start what depends on them "
            "later, and keep the last 30 days for embedding and measuring",
        )


@exercise.rule(
    "CAPSTONE-DEPENDENCIES",
    "Every improvement listed in depends_on is another improvement of this plan, and it "
    "ends before the dependent improvement starts (its end_day is lower than the other's "
    "start_day).",
)
def dependencies(plan: Capstone, check: Check) -> None:
    by_id = {i.id: i for i in plan.improvements}
    for index, improvement in enumerate(plan.improvements, start=1):
        for position, other_id in enumerate(improvement.depends_on, start=1):
            path = f"improvements[{index}].depends_on[{position}]"
            other = by_id.get(other_id)
            if other_id == improvement.id:
                check.fail(
                    path,
                    f"improvement {improvement.id} depends on itself",
                    "list the improvements that must be finished before this one starts",
                )
            elif other is None:
                check.fail(
                    path,
                    f"improvement {improvement.id} depends on '{other_id}', which is not an "
                    "improvement in this plan",
                    f"use an id from improvements: {known_ids(list(by_id))}",
                )
            elif other.end_day >= improvement.start_day:
                check.fail(
                    path,
                    f"improvement {improvement.id} starts on day {improvement.start_day}, "
                    f"but {other.id}, which it depends on, ends on day {other.end_day}",
                    f"start {improvement.id} on day {other.end_day + 1} or later, or finish "
                    f"{other.id} sooner",
                )


# --- the evaluation: values, measures, sponsor and owners (the checks: evaluation.py)

exercise.rule(
    "CAPSTONE-VALUE-KNOWN",
    "Every value evaluated is a programme value, named by its id or its statement: "
    + "; ".join(f"{k} {v}" for k, v in VALUES.items())
    + ".",
)(evaluation.value_known)

exercise.rule(
    "CAPSTONE-VALUES-COUNT",
    f"The plan is evaluated against at least {MIN_VALUES} different programme values.",
)(evaluation.values_count)

exercise.rule(
    "CAPSTONE-VALUE-IMPROVEMENTS",
    "Every value entry names at least one improvement that serves it, and every id it "
    "names is an improvement of this plan.",
)(evaluation.value_improvements)

exercise.rule(
    "CAPSTONE-VALUES-TENSION",
    "At least one value entry records a tension: where the plan falls short of that "
    "value or trades against it. 'None', 'n/a' or 'no tension' is not one: an evaluation "
    "that finds no weakness has not looked.",
)(evaluation.values_tension)

exercise.rule(
    "CAPSTONE-MEASURE-DIRECTION",
    "Every measure's target is better than its baseline in the direction it gives: "
    "higher for 'up', lower for 'down'.",
)(evaluation.measure_direction)

exercise.rule(
    "CAPSTONE-LEVEL3-BEHAVIOUR",
    "Every behaviour measure (Kirkpatrick level 3) counts what people do differently at "
    "work, again and again: not what a course can count (levels 1 and 2: attendance, "
    "people trained, training completed, quiz or exam scores) and not one-off sign-offs. "
    "Words such as 'workshop' or 'training' are fine when the measure counts an action.",
)(evaluation.level3)

exercise.rule(
    "CAPSTONE-LEVEL4-RESULTS",
    "Every results measure (Kirkpatrick level 4) is a result for the business or its "
    "users: it counts neither learning (as for behaviour measures) nor an IT output "
    "(tickets closed, uptime, server availability, articles written, changes deployed, "
    "dashboards built, reports produced, meetings held).",
)(evaluation.level4)

exercise.rule(
    "CAPSTONE-REALISTIC-TARGET",
    f"A results measure in per cent that is already {number(HIGH_BASELINE)} % or more "
    "moves a step in 90 days, not to perfection: its shortfall from 100 % keeps at "
    "least a tenth of today's (from 96 %, 99 % is a step; 99.9 % is a leap).",
)(evaluation.realistic)

exercise.rule(
    "CAPSTONE-LEVELS-DIFFER",
    "An improvement's behaviour measure and results measure are different measures.",
)(evaluation.levels_differ)

exercise.rule(
    "CAPSTONE-SPONSOR-REVIEW",
    f"The sponsor reviews the plan at least every {MAX_REVIEW_GAP_DAYS} days "
    "(review_every_days is 30 or less), so there is a review in every phase.",
)(evaluation.sponsor_review)

exercise.rule(
    "CAPSTONE-OWNERS",
    "The sponsor and every improvement's owner name a person or a role, not a "
    "placeholder such as 'TBD', 'someone', 'everyone', 'management' or 'IT'.",
)(evaluation.owners)
