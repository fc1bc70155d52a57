"""Checks a value stream map of one service request, current and future state (module flo-03).

The map is the learner's own (Brightwater's agency-driver set-up, as in the
template, or a request from their own work): the validator holds no key. It
checks that every step's times make sense, recomputes every total from the
steps (process time, lead time, activity ratio, rolled %C&A), and checks the
design of the future state: it must be faster end to end, each improvement
must name the current-state steps it changes, and at least one improvement
must tackle the step where work waits longest.

All times are in working hours (8 to a working day), so that they can be
added up. Steps are mapped in series: two steps that happen at the same time
are mapped as one step whose lead time is the longer of the two.
"""

from __future__ import annotations

import math
from typing import Annotated

from pydantic import Field, StrictFloat, StrictStr

from curriculum.validation import Artefact, Check, Exercise, number
from curriculum.validation.fields import Text
from curriculum.validation.toolkit import listed, load_case, normal

Number = StrictFloat  # whole numbers are accepted too, text and true/false are not

HOURS_TOLERANCE = 0.05
PERCENT_TOLERANCE = 0.1
STATES = ("current_state", "future_state")
CASE = load_case()
CA_TOLERANCE = 0.5


class Step(Artefact):
    id: Annotated[
        StrictStr,
        Field(min_length=1, max_length=12, description="a short id, unique in its state, e.g. C1"),
    ]
    name: Annotated[Text, Field(description="what happens at this step, verb first")]
    who: Annotated[Text, Field(description="the team, role or supplier that does it")]
    process_time_hours: Annotated[
        Number, Field(gt=0, description="hands-on working time on one request, in hours")
    ]
    lead_time_hours: Annotated[
        Number,
        Field(
            gt=0,
            description="working hours from the request reaching the step to its leaving it",
        ),
    ]
    complete_accurate_percent: Annotated[
        Number,
        Field(
            gt=0,
            le=100,
            description="%C&A: share of the work reaching the step that could be used as it came",
        ),
    ]


class Totals(Artefact):
    process_time_hours: Annotated[Number, Field(description="the sum of the steps' process times")]
    lead_time_hours: Annotated[Number, Field(description="the sum of the steps' lead times")]
    activity_ratio_percent: Annotated[
        Number, Field(description="total process time / total lead time x 100")
    ]
    rolled_complete_accurate_percent: Annotated[
        Number, Field(description="the product of the steps' %C&A, as a percentage")
    ]


class State(Artefact):
    steps: Annotated[
        list[Step], Field(min_length=2, max_length=40, description="the steps, in order")
    ]
    totals: Annotated[Totals, Field(description="the state's totals, recomputed by the check")]


class Improvement(Artefact):
    id: Annotated[StrictStr, Field(min_length=1, max_length=12, description="a short id, e.g. I1")]
    change: Annotated[Text, Field(description="what will be different, specific enough to do")]
    steps: Annotated[
        list[StrictStr],
        Field(max_length=40, description="ids of the current-state steps this changes"),
    ]
    effect: Annotated[Text, Field(description="what it does to waiting, work or rework")]


class ValueStream(Artefact):
    request: Annotated[Text, Field(description="the service request, as the customer names it")]
    customer: Annotated[Text, Field(description="who asks for it and judges the result")]
    trigger: Annotated[Text, Field(description="the event that starts the clock")]
    done_when: Annotated[Text, Field(description="what the customer has when the clock stops")]
    current_state: Annotated[State, Field(description="the request as it travels today")]
    future_state: Annotated[State, Field(description="the request as you propose it travels")]
    improvements: Annotated[
        list[Improvement],
        Field(min_length=1, max_length=40, description="the changes that lead to the future"),
    ]


exercise = Exercise(schema=ValueStream)


# --- helpers -------------------------------------------------------------------------------


def _states(vsm: ValueStream) -> list[tuple[str, State]]:
    return [(name, getattr(vsm, name)) for name in STATES]


def _hours(value: float) -> str:
    return f"{number(round(value, 4))} h"


# --- the rules -----------------------------------------------------------------------------


@exercise.rule(
    "VSM-IDS-UNIQUE",
    "Each step id is used only once within its state (current or future), and each "
    "improvement id only once.",
)
def ids_unique(vsm: ValueStream, check: Check) -> None:
    lists: list[tuple[str, str, list[str]]] = [
        (f"{name}.steps", "step", [s.id for s in state.steps]) for name, state in _states(vsm)
    ]
    lists.append(("improvements", "improvement", [i.id for i in vsm.improvements]))
    for path, what, ids in lists:
        check.unique(
            path,
            [f"'{item}'" for item in ids],
            what=f"the {what} id",
            hint="give every entry its own id (C1, C2... for the current state, "
            "F1, F2... for the future state, I1, I2... for improvements)",
            field="id",
        )


@exercise.rule(
    "VSM-STEP-TIMES",
    "At every step, in both states, the lead time is at least the process time: lead time "
    "runs from the moment the request reaches the step until it leaves it, so it includes "
    "the hands-on work and any waiting.",
)
def step_times(vsm: ValueStream, check: Check) -> None:
    for name, state in _states(vsm):
        for index, step in enumerate(state.steps, 1):
            if step.lead_time_hours < step.process_time_hours:
                check.fail(
                    f"{name}.steps[{index}].lead_time_hours",
                    f"step {step.id} has a lead time of {_hours(step.lead_time_hours)}, shorter "
                    f"than its process time of {_hours(step.process_time_hours)}",
                    "lead time includes the work itself; check that both are in working "
                    "hours (8 to a working day) and that the two have not been swapped",
                )


@exercise.rule(
    "VSM-TOTAL-TIMES",
    "In each state, totals.process_time_hours is the sum of the steps' process times and "
    f"totals.lead_time_hours the sum of their lead times, within {HOURS_TOLERANCE} hours.",
)
def total_times(vsm: ValueStream, check: Check) -> None:
    for name, state in _states(vsm):
        ids = ", ".join(s.id for s in state.steps)
        check.close(
            f"{name}.totals.process_time_hours",
            state.totals.process_time_hours,
            sum(s.process_time_hours for s in state.steps),
            tolerance=HOURS_TOLERANCE,
            how=f"the sum of process_time_hours over the steps ({ids})",
        )
        check.close(
            f"{name}.totals.lead_time_hours",
            state.totals.lead_time_hours,
            sum(s.lead_time_hours for s in state.steps),
            tolerance=HOURS_TOLERANCE,
            how=f"the sum of lead_time_hours over the steps ({ids})",
        )


@exercise.rule(
    "VSM-ACTIVITY-RATIO",
    "In each state, totals.activity_ratio_percent equals the steps' total process time "
    "divided by their total lead time, times 100, within "
    f"{PERCENT_TOLERANCE} percentage points.",
)
def activity_ratio(vsm: ValueStream, check: Check) -> None:
    for name, state in _states(vsm):
        pt = sum(s.process_time_hours for s in state.steps)
        lt = sum(s.lead_time_hours for s in state.steps)
        if lt <= 0:
            continue  # the schema keeps every lead time above zero
        check.close(
            f"{name}.totals.activity_ratio_percent",
            state.totals.activity_ratio_percent,
            pt / lt * 100,
            tolerance=PERCENT_TOLERANCE,
            how=f"total process time / total lead time x 100 = {_hours(pt)} / {_hours(lt)} x 100, "
            "from the steps",
        )


@exercise.rule(
    "VSM-ROLLED-CA",
    "In each state, totals.rolled_complete_accurate_percent equals the product of the steps' "
    "%C&A (each as a fraction), times 100, within "
    f"{PERCENT_TOLERANCE} percentage points: the share of requests that pass through every "
    "step without being corrected, chased or sent back.",
)
def rolled_ca(vsm: ValueStream, check: Check) -> None:
    for name, state in _states(vsm):
        fractions = [s.complete_accurate_percent / 100 for s in state.steps]
        shown = " x ".join(number(s.complete_accurate_percent / 100) for s in state.steps)
        check.close(
            f"{name}.totals.rolled_complete_accurate_percent",
            state.totals.rolled_complete_accurate_percent,
            math.prod(fractions) * 100,
            tolerance=PERCENT_TOLERANCE,
            how=f"{shown} x 100, from the steps' complete_accurate_percent",
        )


@exercise.rule(
    "VSM-FUTURE-FASTER",
    "The future state's total lead time, summed from its steps, is lower than the current "
    "state's: the point of the redesign is a shorter wait for the customer.",
)
def future_faster(vsm: ValueStream, check: Check) -> None:
    now = sum(s.lead_time_hours for s in vsm.current_state.steps)
    then = sum(s.lead_time_hours for s in vsm.future_state.steps)
    if then >= now:
        check.fail(
            "future_state.steps",
            f"the future state takes {_hours(then)} end to end, not less than the current "
            f"state's {_hours(now)}",
            "look first at the steps where work waits longest (lead time minus process time): "
            "remove a handoff, an approval that adds no information, or a queue",
        )


@exercise.rule(
    "VSM-IMPROVEMENT-STEPS",
    "Every improvement lists at least one step it changes, and every id it lists is the id "
    "of a step in the current state.",
)
def improvement_steps(vsm: ValueStream, check: Check) -> None:
    known = list(dict.fromkeys(s.id for s in vsm.current_state.steps))
    listed = ", ".join(known)
    for index, improvement in enumerate(vsm.improvements, 1):
        if not improvement.steps:
            check.fail(
                f"improvements[{index}].steps",
                f"improvement {improvement.id} does not say which step it changes",
                f"list the current-state step ids it changes (steps: {listed})",
            )
        for position, step in enumerate(improvement.steps, 1):
            if step not in known:
                check.fail(
                    f"improvements[{index}].steps[{position}]",
                    f"improvement {improvement.id} names '{step}', which is not a step of the "
                    "current state",
                    f"use a current-state step id: {listed}",
                )


@exercise.rule(
    "VSM-BIGGEST-WAIT",
    "At least one improvement changes the current-state step where the request waits "
    "longest, that is, the step with the largest lead time minus process time (if several "
    "steps share the largest wait, any one of them will do).",
)
def biggest_wait(vsm: ValueStream, check: Check) -> None:
    steps = vsm.current_state.steps
    waits = {s.id: s.lead_time_hours - s.process_time_hours for s in steps}
    longest = max(waits.values())
    worst = [s.id for s in steps if math.isclose(waits[s.id], longest, abs_tol=1e-9)]
    touched = {step for i in vsm.improvements for step in i.steps}
    if not touched.intersection(worst):
        names = " or ".join(worst)
        check.fail(
            "improvements",
            f"no improvement changes {names}, where the request waits longest "
            f"({_hours(longest)} of waiting)",
            "start with the biggest queue: ask why the request waits there and what would "
            "let it move on sooner, and add an improvement that names that step",
        )


def _brightwater(vsm: ValueStream) -> bool:
    text = normal(f"{vsm.request} {vsm.trigger}")
    return any(name in text for name in CASE["known_as"])


@exercise.rule(
    "VSM-CASE-FIGURES",
    "A map of Brightwater's agency-driver set-up has the nine stages of the notes in its "
    "current state, each with the notes' figures in working hours (8 to a working day) and "
    "its %C&A at the step that receives the work. A map of your own request keeps its own.",
)
def case_figures(vsm: ValueStream, check: Check) -> None:
    if not _brightwater(vsm):
        return
    steps, notes = vsm.current_state.steps, CASE["current_steps"]
    if len(steps) != len(notes):
        check.fail(
            "current_state.steps",
            f"the current state has {len(steps)} steps; the notes describe {len(notes)} stages",
            "map one step for each numbered stage of the notes, in order: "
            + listed(n["id"] for n in notes),
        )
        return
    fields = (
        ("process_time_hours", "process", HOURS_TOLERANCE, "hands-on work", " h"),
        ("lead_time_hours", "lead", HOURS_TOLERANCE, "lead time", " h"),
        ("complete_accurate_percent", "ca", CA_TOLERANCE, "%C&A", " %"),
    )
    for index, (step, note) in enumerate(zip(steps, notes, strict=True), 1):
        for field, key, tolerance, what, unit in fields:
            given = getattr(step, field)
            if abs(given - note[key]) > tolerance + 1e-9:
                hint = (
                    "count in working hours, 8 to a working day: 30 minutes is 0.5, a day "
                    "and a half is 12"
                    if key != "ca"
                    else "record the share that arrives usable at the step that receives "
                    "the work, not at the step that made the error"
                )
                check.fail(
                    f"current_state.steps[{index}].{field}",
                    f"step {step.id} has {what} {number(given)}{unit}; stage {index} of the "
                    f"notes says {note['note']}: {number(note[key])}{unit}",
                    hint,
                )
