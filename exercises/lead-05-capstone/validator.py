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
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BeforeValidator, Field, StrictFloat, StrictInt, StrictStr
from pydantic_core import PydanticCustomError

from curriculum.programme import load_programme
from curriculum.validation import Artefact, Check, Exercise, number
from curriculum.validation.fields import calendar_date
from curriculum.validation.toolkit import listed, load_case, names_nobody, normal, plural

CASE: dict[str, Any] = load_case()
_PROGRAMME, _problems = load_programme(Path(__file__).resolve().parents[2] / "programme.yaml")
if _PROGRAMME is None:  # pragma: no cover - the course build reports a broken programme.yaml
    raise RuntimeError("programme.yaml at the course root cannot be read")

THIS_EXERCISE = "lead-05-capstone"
PLAN_DAYS: int = CASE["plan_days"]
PHASES: list[tuple[int, int]] = [(first, last) for first, last in CASE["phases"]]
SERVICES: list[str] = CASE["services"]
#: the programme's values (id -> statement) and the learners' seats (audience ids)
VALUES = {v.id: v.statement for v in _PROGRAMME.values}
SEATS = tuple(a.id for a in _PROGRAMME.audiences)
Seat = Literal[SEATS]  # type: ignore[valid-type]
MIN_EXERCISES = 3
MIN_VALUES = 3
MAX_IMPROVEMENTS = 6
MAX_REVIEW_GAP_DAYS = 30
#: a results percentage already this high is near its ceiling: the shortfall from
#: 100 % may not shrink to less than this share of today's in 90 days
HIGH_BASELINE, MIN_SHORTFALL_KEPT = 90.0, 0.1

_TAUGHT = (
    r"(training|courses?|workshops?|sessions?|class(es)?|webinars?|briefings?|e-learning|lessons?)"
)
_ATTEND = rf"\battend\w*\b.*\b{_TAUGHT}\b|\b{_TAUGHT}\b.*\battend\w*"
#: Kirkpatrick levels 1 and 2 (reaction and learning), and one-off sign-offs: what a
#: course or a project can count, not what people do repeatedly at work
LEARNING = {
    #: attending is behaviour at work (swarms attended), not when it is a course
    "attendance": _ATTEND,
    "people trained": r"\b(trained|certified|certificates?|certification)\b",
    "training done": r"\b(training|courses?|e-learning|modules?|workshops?|sessions?) "
    r"(hours|days|completed|completions?|done|held|run|delivered|passed|attended)\b|"
    r"\b(hours|days) of (\w+ )?(training|e-learning|courses?)\b|\bwith (\w+ )?training\b|"
    r"\bcompleted (the |a |an )?(\w+ )?(training|courses?|e-learning|modules?)\b",
    "test scores": r"\b(quiz(zes)?|exams?|test scores?|happy sheets?|feedback forms?)\b",
    "sign-offs": r"\bsign(ed|s|ing)?[\s-]*offs?\b|\bsignoffs?\b",
}
#: things IT produces: outputs, not results for the business
OUTPUTS = {
    "tickets handled": r"\btickets (closed|logged|raised|resolved)\b",
    "uptime": r"\buptime\b|\bserver availability\b|\bcpu\b",
    "articles written": r"\barticles (written|published|created)\b",
    "things delivered": r"\b(changes deployed|dashboards built|reports produced|meetings held)\b",
}
#: owners and sponsors that name nobody, beyond the toolkit's own
NOBODY = ["anyone", "us", "me", "we", "owner", "sponsor", "management", "it", "the business"]
#: a tension that admits none: "None", "n/a", "None, the plan serves every value"
NO_TENSION = re.compile(
    r"\W*((none|nothing|no|n/?a|not applicable|-+)\W*$|(none|no (real )?tensions?|there "
    r"(is|are) no( real)? tensions?)\b(?!\s+of\b))",
    re.I,
)

_DAY_HINT = "write the date as YYYY-MM-DD, e.g. 2026-01-05"
_SLUG = re.compile(r"[a-z0-9][a-z0-9-]{0,29}")
_IMPROVEMENT = re.compile(r"I[0-9]{1,2}")
_EXERCISE = re.compile(r"[a-z]+-[0-9]{2}-[a-z0-9-]+")


# --- schema -------------------------------------------------------------------------------


def _day(value: Any) -> dt.date:
    return calendar_date(value, _DAY_HINT)


def _pattern(regex: re.Pattern[str], hint: str) -> Any:
    def check(value: str) -> str:
        if not regex.fullmatch(value):
            raise PydanticCustomError("string_pattern_mismatch", "wrong form", {"hint": hint})
        return value

    return AfterValidator(check)


Text = Annotated[StrictStr, Field(min_length=1)]
Number = StrictInt | StrictFloat
Day = Annotated[dt.date, BeforeValidator(_day)]
Slug = Annotated[
    StrictStr,
    _pattern(_SLUG, "a short name in lower case, digits and hyphens, e.g. 'slo' or 'pir'"),
]
ImprovementId = Annotated[StrictStr, _pattern(_IMPROVEMENT, "write 'I' and a number, e.g. 'I1'")]
ExerciseId = Annotated[
    StrictStr,
    Field(min_length=1),
    _pattern(
        _EXERCISE,
        "write the earlier exercise's id as the course shows it, in lower case, "
        "e.g. 'rel-01-slo' or 'dsk-04-scorecard'",
    ),
]


class Sponsor(Artefact):
    who: Annotated[Text, Field(description="the sponsor: a name and role, or a role")]
    ask: Annotated[Text, Field(description="what you ask the sponsor to decide, give or protect")]
    review_every_days: Annotated[
        StrictInt,
        Field(ge=1, le=PLAN_DAYS, description="days between reviews of the plan with the sponsor"),
    ]


class Embedded(Artefact):
    id: Annotated[Slug, Field(description="a short name improvements use, e.g. 'slo'")]
    exercise: Annotated[ExerciseId, Field(description="the earlier exercise's id, e.g. rel-01-slo")]
    contributes: Annotated[Text, Field(description="what this artefact gives the plan")]
    content: Annotated[Any, Field(description="the earlier artefact, pasted in and indented")]


class Measure(Artefact):
    measure: Annotated[Text, Field(description="what is counted, in words")]
    baseline: Annotated[Number, Field(description="the value today, before the plan")]
    target: Annotated[Number, Field(description="the value the plan aims for")]
    unit: Annotated[Text, Field(description="the unit of baseline and target")]
    direction: Annotated[
        Literal["up", "down"], Field(description="up or down: which way is better")
    ]
    data_source: Annotated[Text, Field(description="where the numbers come from")]


class Improvement(Artefact):
    id: Annotated[ImprovementId, Field(description="I and a number, e.g. I1")]
    title: Annotated[Text, Field(description="the improvement, in a short phrase")]
    change: Annotated[Text, Field(description="what will be different, specific enough to check")]
    owner: Annotated[Text, Field(description="who owns it: a name and role, or a role")]
    artefacts: Annotated[
        list[StrictStr], Field(description="ids of the embedded artefacts it builds on")
    ]
    start_day: Annotated[StrictInt, Field(description="first day of work, counted from 1")]
    end_day: Annotated[StrictInt, Field(description="the day it is done, at most 90")]
    depends_on: Annotated[
        list[StrictStr],
        Field(default_factory=list, description="ids of improvements that must finish first"),
    ]
    behaviour_measure: Annotated[
        Measure, Field(description="Kirkpatrick level 3: what people do differently at work")
    ]
    results_measure: Annotated[
        Measure, Field(description="Kirkpatrick level 4: what changes for the business")
    ]


class ValueCheck(Artefact):
    value: Annotated[StrictStr, Field(description="a programme value id, V1 to V5")]
    how: Annotated[Text, Field(description="how the plan serves this value")]
    improvements: Annotated[
        list[StrictStr], Field(description="ids of the improvements that serve it")
    ]
    tension: Annotated[
        StrictStr | None,
        Field(default=None, description="where the plan falls short of it or trades against it"),
    ]


class Capstone(Artefact):
    title: Annotated[Text, Field(description="the plan's title")]
    author_role: Annotated[
        Seat, Field(description="your seat, an audience of programme.yaml: " + ", ".join(SEATS))
    ]
    service: Annotated[Text, Field(description="one Brightwater service")]
    problem: Annotated[Text, Field(description="the problem, in business terms, with evidence")]
    start_date: Annotated[Day, Field(description="day 1 of the plan: YYYY-MM-DD")]
    sponsor: Annotated[Sponsor, Field(description="who backs the plan, and what you ask of them")]
    artefacts: Annotated[
        list[Embedded],
        Field(min_length=1, max_length=12, description="earlier artefacts, embedded"),
    ]
    improvements: Annotated[
        list[Improvement],
        Field(min_length=1, max_length=20, description="what will change, phased in 90 days"),
    ]
    values: Annotated[
        list[ValueCheck],
        Field(min_length=1, max_length=10, description="the plan evaluated against the values"),
    ]


exercise = Exercise(schema=Capstone)


# --- helpers--------------------------------------------------------------------------------


def _known(ids: list[str]) -> str:
    return ", ".join(ids) or "none yet"


def _value_id(text: str) -> str:
    """A value as its id: 'v2', 'V2' and 'Business outcomes over IT outputs' are V2."""
    said = normal(text).strip(" .")
    for value_id, statement in VALUES.items():
        if said in (value_id.casefold(), normal(statement)) or said.startswith(
            value_id.casefold() + " "
        ):
            return value_id
    return text.strip().upper()


def _service(text: str) -> str:
    return normal(re.sub(r"[-_]", " ", text))


def _plan_day(plan: Capstone, day: int) -> str:
    """The calendar date of a plan day, e.g. day 1 is the start date."""
    try:
        return (plan.start_date + dt.timedelta(days=day - 1)).isoformat()
    except OverflowError:
        return f"day {day}"


def _counts(text: str, kinds: dict[str, str]) -> list[str]:
    """The kinds of thing (of ``kinds``) that a measure's text counts."""
    return [kind for kind, pattern in kinds.items() if re.search(pattern, text, re.I)]


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
            f"the artefacts come from {len(exercises)} different exercise"
            f"{'' if len(exercises) == 1 else 's'}{shown}; the plan needs at least "
            f"{MIN_EXERCISES}",
            "embed work from other modules too: a plan that integrates an SLO, a review "
            "and a scorecard sees the service from three sides",
        )


@exercise.rule(
    "CAPSTONE-IDS-UNIQUE",
    "Each artefact id and each improvement id is used only once, and each value is "
    "evaluated only once.",
)
def ids_unique(plan: Capstone, check: Check) -> None:
    groups: list[tuple[str, str, list[str]]] = [
        ("artefacts", "id", [a.id for a in plan.artefacts]),
        ("improvements", "id", [i.id for i in plan.improvements]),
        ("values", "value", [_value_id(v.value) for v in plan.values]),
    ]
    for name, key, ids in groups:
        seen: set[str] = set()
        for index, item_id in enumerate(ids, start=1):
            if item_id in seen:
                check.fail(
                    f"{name}[{index}].{key}",
                    f"'{item_id}' appears more than once in {name}",
                    "give each artefact and improvement its own id, and evaluate each "
                    "value in one entry (list all the improvements that serve it there)",
                )
            seen.add(item_id)


@exercise.rule(
    "CAPSTONE-SERVICE",
    "The plan is for one Brightwater service, named as the business knows it: "
    + listed(SERVICES, "or")
    + " (any letter case).",
)
def one_service(plan: Capstone, check: Check) -> None:
    if _service(plan.service) not in {_service(s) for s in SERVICES}:
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
        if isinstance(named, str) and _service(named) != _service(plan.service):
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
                f"list the artefacts it starts from (artefacts in this plan: {_known(known)})",
            )
        for position, artefact in enumerate(improvement.artefacts, start=1):
            if artefact not in known:
                check.fail(
                    f"improvements[{index}].artefacts[{position}]",
                    f"improvement {improvement.id} refers to '{artefact}', which is not an "
                    "embedded artefact",
                    f"use an id from artefacts: {_known(known)}",
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
                f"({_plan_day(plan, PLAN_DAYS)})",
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
                f"({_plan_day(plan, first)} to {_plan_day(plan, last)})",
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
                    f"use an id from improvements: {_known(list(by_id))}",
                )
            elif other.end_day >= improvement.start_day:
                check.fail(
                    path,
                    f"improvement {improvement.id} starts on day {improvement.start_day}, "
                    f"but {other.id}, which it depends on, ends on day {other.end_day}",
                    f"start {improvement.id} on day {other.end_day + 1} or later, or finish "
                    f"{other.id} sooner",
                )


@exercise.rule(
    "CAPSTONE-VALUE-KNOWN",
    "Every value evaluated is a programme value, named by its id or its statement: "
    + "; ".join(f"{k} {v}" for k, v in VALUES.items())
    + ".",
)
def value_known(plan: Capstone, check: Check) -> None:
    listed = "; ".join(f"{k} {v}" for k, v in VALUES.items())
    for index, value in enumerate(plan.values, start=1):
        if _value_id(value.value) not in VALUES:
            check.fail(
                f"values[{index}].value",
                f"'{value.value}' is not a programme value",
                f"use one of {listed}",
            )


@exercise.rule(
    "CAPSTONE-VALUES-COUNT",
    f"The plan is evaluated against at least {MIN_VALUES} different programme values.",
)
def values_count(plan: Capstone, check: Check) -> None:
    cited = {_value_id(v.value) for v in plan.values} & set(VALUES)
    check.at_least(
        "values",
        len(cited),
        MIN_VALUES,
        what="the number of different programme values the plan is evaluated against",
        why="look at the plan from at least three values' sides: the ones it serves best "
        "are easy, the others show you where it is weak",
    )


@exercise.rule(
    "CAPSTONE-VALUE-IMPROVEMENTS",
    "Every value entry names at least one improvement that serves it, and every id it "
    "names is an improvement of this plan.",
)
def value_improvements(plan: Capstone, check: Check) -> None:
    known = [i.id for i in plan.improvements]
    for index, value in enumerate(plan.values, start=1):
        if not value.improvements:
            check.fail(
                f"values[{index}].improvements",
                f"the entry for {value.value} names no improvement",
                f"say which improvements serve it (improvements in this plan: {_known(known)})",
            )
        for position, improvement in enumerate(value.improvements, start=1):
            if improvement not in known:
                check.fail(
                    f"values[{index}].improvements[{position}]",
                    f"the entry for {value.value} names '{improvement}', which is not an "
                    "improvement in this plan",
                    f"use an id from improvements: {_known(known)}",
                )


@exercise.rule(
    "CAPSTONE-VALUES-TENSION",
    "At least one value entry records a tension: where the plan falls short of that "
    "value or trades against it. 'None', 'n/a' or 'no tension' is not one: an evaluation "
    "that finds no weakness has not looked.",
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


def _measures(plan: Capstone) -> list[tuple[str, str, Improvement, Measure]]:
    """(path, level name, improvement, measure) for every measure in the plan."""
    out = []
    for index, improvement in enumerate(plan.improvements, start=1):
        out.append(
            (
                f"improvements[{index}].behaviour_measure",
                "behaviour",
                improvement,
                improvement.behaviour_measure,
            )
        )
        out.append(
            (
                f"improvements[{index}].results_measure",
                "results",
                improvement,
                improvement.results_measure,
            )
        )
    return out


@exercise.rule(
    "CAPSTONE-MEASURE-DIRECTION",
    "Every measure's target is better than its baseline in the direction it gives: "
    "higher for 'up', lower for 'down'.",
)
def measure_direction(plan: Capstone, check: Check) -> None:
    for path, level, improvement, measure in _measures(plan):
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


@exercise.rule(
    "CAPSTONE-LEVEL3-BEHAVIOUR",
    "Every behaviour measure (Kirkpatrick level 3) counts what people do differently at "
    "work, again and again: not what a course can count (levels 1 and 2: attendance, "
    "people trained, training completed, quiz or exam scores) and not one-off sign-offs. "
    "Words such as 'workshop' or 'training' are fine when the measure counts an action.",
)
def level3(plan: Capstone, check: Check) -> None:
    for index, improvement in enumerate(plan.improvements):
        found = _counts(improvement.behaviour_measure.measure, LEARNING)
        if found:
            check.fail(
                ("improvements", index, "behaviour_measure", "measure"),
                f"the behaviour measure of {improvement.id} counts {listed(found)}, not what "
                "people do at work",
                "count a repeated action at work, e.g. 'load-out mornings on which the early "
                "shift reads the SLO dashboard by 05:15', not who was trained or signed off",
            )


@exercise.rule(
    "CAPSTONE-LEVEL4-RESULTS",
    "Every results measure (Kirkpatrick level 4) is a result for the business or its "
    "users: it counts neither learning (as for behaviour measures) nor an IT output "
    "(tickets closed, uptime, server availability, articles written, changes deployed, "
    "dashboards built, reports produced, meetings held).",
)
def level4(plan: Capstone, check: Check) -> None:
    for index, improvement in enumerate(plan.improvements):
        text = improvement.results_measure.measure
        learning, outputs = _counts(text, LEARNING), _counts(text, OUTPUTS)
        if learning or outputs:
            check.fail(
                ("improvements", index, "results_measure", "measure"),
                f"the results measure of {improvement.id} counts {listed(learning + outputs)}, "
                "not a result for the business",
                "count what the business or its users get (trucks on time, depot mornings "
                "held up, complaints per 10,000 parcels), not what IT produces or who learned",
            )


@exercise.rule(
    "CAPSTONE-REALISTIC-TARGET",
    f"A results measure in per cent that is already {number(HIGH_BASELINE)} % or more "
    "moves a step in 90 days, not to perfection: its shortfall from 100 % keeps at "
    "least a tenth of today's (from 96 %, 99 % is a step; 99.9 % is a leap).",
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


@exercise.rule(
    "CAPSTONE-LEVELS-DIFFER",
    "An improvement's behaviour measure and results measure are different measures.",
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


@exercise.rule(
    "CAPSTONE-SPONSOR-REVIEW",
    f"The sponsor reviews the plan at least every {MAX_REVIEW_GAP_DAYS} days "
    "(review_every_days is 30 or less), so there is a review in every phase.",
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


@exercise.rule(
    "CAPSTONE-OWNERS",
    "The sponsor and every improvement's owner name a person or a role, not a "
    "placeholder such as 'TBD', 'someone', 'everyone', 'management' or 'IT'.",
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
