"""Checks a toil register: classification, toil share and automation payback (module rel-05).

The register is the learner's own (Brightwater's platform team, as in the
template, or their own team). It checks that the classification follows the
six-attribute test, that every total is recomputed from the tasks, and that each
automation case adds up. A register of the template's log (case.yaml) must keep
the log's tasks and hours, and must not call toil the tasks that plainly are not.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, StrictBool, StrictFloat

from curriculum.validation import Artefact, Check, Exercise, number
from curriculum.validation.fields import Text
from curriculum.validation.toolkit import listed, load_case, normal, word_count

Number = StrictFloat  # accepts whole numbers too, but not text or true/false

#: the six attributes of toil, in the order the module teaches them
ATTRIBUTES = (
    "manual", "repetitive", "automatable", "tactical", "no_lasting_value", "grows_with_service",
)  # fmt: skip
#: toil above this share of the team's time must be flagged
TOIL_LIMIT_PERCENT = 50
HOURS_TOLERANCE = 0.05
PERCENT_TOLERANCE = 0.1
PAYBACK_TOLERANCE, PAYBACK_RELATIVE = 0.1, 0.01
CASE = load_case()
#: the template's time log, by id
LOG: dict[str, dict] = {row["id"]: row for row in CASE["log"]}
NOT_TOIL: dict[str, str] = CASE["not_toil"]
#: a justification that only repeats the decision, or holds a placeholder, gives no reason
NO_REASON = {"automate", "defer", "yes", "no", "ok", "tbd", "n/a", "-", "see above", "because"}


class Attributes(Artefact):
    manual: Annotated[StrictBool, Field(description="a person does it by hand")]
    repetitive: Annotated[StrictBool, Field(description="done again and again, the same way")]
    automatable: Annotated[StrictBool, Field(description="a machine could do it as well")]
    tactical: Annotated[StrictBool, Field(description="reactive, interrupt-driven")]
    no_lasting_value: Annotated[StrictBool, Field(description="the service is no better after")]
    grows_with_service: Annotated[
        StrictBool, Field(description="grows in step with the service's size or use")
    ]


class Automation(Artefact):
    build_hours: Annotated[Number, Field(gt=0, description="hours to build the automation")]
    hours_saved_per_week: Annotated[
        Number, Field(gt=0, description="hours of the task the automation saves each week")
    ]
    payback_weeks: Annotated[Number, Field(description="build_hours / hours_saved_per_week")]
    decision: Annotated[Literal["automate", "defer"], Field(description="automate or defer")]
    justification: Annotated[Text, Field(description="why: what the payback leaves out")]


class Task(Artefact):
    id: Annotated[Text, Field(description="a short id, e.g. T01")]
    task: Annotated[Text, Field(description="what the team does, in its own words")]
    hours_per_week: Annotated[
        Number, Field(gt=0, le=10000, description="team hours the task takes in a typical week")
    ]
    attributes: Annotated[Attributes, Field(description="the six toil attributes, true or false")]
    is_toil: Annotated[StrictBool, Field(description="true only if all six attributes are true")]
    automation: Annotated[
        Automation | None,
        Field(default=None, description="for automation candidates: the payback case"),
    ]


class Totals(Artefact):
    total_hours: Annotated[Number, Field(description="sum of hours_per_week of all tasks")]
    toil_hours: Annotated[Number, Field(description="sum of hours_per_week of the toil tasks")]
    toil_percent: Annotated[Number, Field(description="toil_hours / total_hours x 100")]
    over_half: Annotated[StrictBool, Field(description="true if toil is above 50 % of the total")]


class ToilRegister(Artefact):
    team: Annotated[Text, Field(description="the team whose week this is")]
    period: Annotated[Text, Field(description="the week or weeks the hours come from")]
    payback_horizon_weeks: Annotated[
        Number, Field(gt=0, description="the longest payback the team accepts, in weeks")
    ]
    tasks: Annotated[list[Task], Field(min_length=1, description="every kind of work, once")]
    totals: Annotated[Totals, Field(description="the totals, recomputed by the check")]


exercise = Exercise(schema=ToilRegister)


def is_toil(task: Task) -> bool:
    """Toil only when all six attributes hold."""
    return all(getattr(task.attributes, name) for name in ATTRIBUTES)


def _hours(tasks: list[Task], *, toil_only: bool = False) -> float:
    return sum(t.hours_per_week for t in tasks if is_toil(t) or not toil_only)


def _payback(automation: Automation) -> float:
    return automation.build_hours / automation.hours_saved_per_week


@exercise.rule("TOIL-IDS", "Every task has its own id.")
def ids(doc: ToilRegister, check: Check) -> None:
    check.unique(
        "tasks",
        [task.id for task in doc.tasks],
        what="the task id",
        hint="give every task its own id, e.g. T01, T02, ...",
        key=str.casefold,
        field="id",
    )


@exercise.rule(
    "TOIL-CLASSIFY",
    "is_toil is true exactly when all six attributes (manual, repetitive, automatable, "
    "tactical, no_lasting_value, grows_with_service) are true.",
)
def classify(doc: ToilRegister, check: Check) -> None:
    for index, task in enumerate(doc.tasks):
        expected = is_toil(task)
        if task.is_toil == expected:
            continue
        if expected:
            message = f"'{task.id}' has all six attributes but is_toil is false"
            hint = "a task with all six attributes is toil: set is_toil to true"
        else:
            missing = [name for name in ATTRIBUTES if not getattr(task.attributes, name)]
            message = f"'{task.id}' is marked as toil, but " + (
                f"{'this attribute is' if len(missing) == 1 else 'these attributes are'} "
                f"false: {', '.join(missing)}"
                if len(missing) < len(ATTRIBUTES)
                else "none of its attributes is true"
            )
            hint = (
                "toil needs all six attributes: set is_toil to false, or correct the "
                "attribute if you judged it wrongly"
            )
        check.fail(("tasks", index, "is_toil"), message, hint)


@exercise.rule(
    "TOIL-TOTAL-HOURS",
    f"totals.total_hours is the sum of every task's hours_per_week, within {HOURS_TOLERANCE} "
    "hours.",
)
def total_hours(doc: ToilRegister, check: Check) -> None:
    check.close(
        "totals.total_hours",
        doc.totals.total_hours,
        _hours(doc.tasks),
        tolerance=HOURS_TOLERANCE,
        how="the sum of hours_per_week over all tasks",
    )


@exercise.rule(
    "TOIL-TOIL-HOURS",
    "totals.toil_hours is the sum of hours_per_week of the tasks that have all six "
    f"attributes, within {HOURS_TOLERANCE} hours.",
)
def toil_hours(doc: ToilRegister, check: Check) -> None:
    toil = [t.id for t in doc.tasks if is_toil(t)]
    check.close(
        "totals.toil_hours",
        doc.totals.toil_hours,
        _hours(doc.tasks, toil_only=True),
        tolerance=HOURS_TOLERANCE,
        how="the sum of hours_per_week of the tasks with all six attributes ("
        + (", ".join(toil) if toil else "none")
        + ")",
    )


@exercise.rule(
    "TOIL-PERCENT",
    "totals.toil_percent equals toil hours / total hours x 100, both recomputed from the "
    f"tasks, within {PERCENT_TOLERANCE} percentage points.",
)
def toil_percent(doc: ToilRegister, check: Check) -> None:
    total, toil = _hours(doc.tasks), _hours(doc.tasks, toil_only=True)
    if total <= 0:
        return  # the schema requires hours above 0; nothing to divide by
    check.close(
        "totals.toil_percent",
        doc.totals.toil_percent,
        toil / total * 100,
        tolerance=PERCENT_TOLERANCE,
        how=f"{number(toil)} toil hours / {number(total)} total hours x 100",
    )


@exercise.rule(
    "TOIL-OVER-HALF",
    f"totals.over_half is true if toil is more than {TOIL_LIMIT_PERCENT} % of the team's "
    "hours (recomputed from the tasks), and false otherwise.",
)
def over_half(doc: ToilRegister, check: Check) -> None:
    total, toil = _hours(doc.tasks), _hours(doc.tasks, toil_only=True)
    if total <= 0:
        return
    share = toil / total * 100
    above = share > TOIL_LIMIT_PERCENT
    if doc.totals.over_half == above:
        return
    if above:
        check.fail(
            "totals.over_half",
            f"toil is {number(round(share, 1))} % of the team's hours, above "
            f"{TOIL_LIMIT_PERCENT} %, but over_half is false",
            "raise the flag (over_half: true): the team is spending more time on toil than "
            "on everything else together",
        )
    else:
        check.fail(
            "totals.over_half",
            f"over_half is true, but toil is {number(round(share, 1))} % of the team's hours, "
            f"not above {TOIL_LIMIT_PERCENT} %",
            f"set over_half to false; raise it only when toil is above {TOIL_LIMIT_PERCENT} %",
        )


@exercise.rule(
    "TOIL-CANDIDATES",
    "At least one task has an automation case: the register ends with a proposal, not only "
    "a measurement.",
)
def candidates(doc: ToilRegister, check: Check) -> None:
    if not any(task.automation is not None for task in doc.tasks):
        check.fail(
            "tasks",
            "no task has an automation case",
            "add an automation block (build_hours, hours_saved_per_week, payback_weeks, "
            "decision, justification) to at least one toil task; start with the biggest one",
        )


@exercise.rule(
    "TOIL-AUTOMATABLE",
    "Only tasks marked automatable have an automation case.",
)
def automatable(doc: ToilRegister, check: Check) -> None:
    for index, task in enumerate(doc.tasks):
        if task.automation is not None and not task.attributes.automatable:
            check.fail(
                ("tasks", index, "automation"),
                f"'{task.id}' has an automation case, but its attributes say it is not automatable",
                "remove the automation case, or set automatable to true if a machine could "
                "really do the work",
            )


@exercise.rule(
    "TOIL-SAVING",
    "An automation saves no more hours a week than the task takes (hours_saved_per_week "
    "is at most hours_per_week).",
)
def saving(doc: ToilRegister, check: Check) -> None:
    for index, task in enumerate(doc.tasks):
        if task.automation is None:
            continue
        check.at_most(
            ("tasks", index, "automation", "hours_saved_per_week"),
            task.automation.hours_saved_per_week,
            task.hours_per_week,
            what=f"the weekly saving for '{task.id}'",
            why="an automation cannot save more time than the task takes: use the hours "
            "it really removes, after any checking that remains",
        )


@exercise.rule(
    "TOIL-PAYBACK",
    "Each automation's payback_weeks equals build_hours / hours_saved_per_week, within "
    "0.1 weeks or 1 %.",
)
def payback(doc: ToilRegister, check: Check) -> None:
    for index, task in enumerate(doc.tasks):
        if task.automation is None:
            continue
        auto = task.automation
        check.close(
            ("tasks", index, "automation", "payback_weeks"),
            auto.payback_weeks,
            _payback(auto),
            tolerance=PAYBACK_TOLERANCE,
            relative=PAYBACK_RELATIVE,
            how=f"{number(auto.build_hours)} build hours / "
            f"{number(auto.hours_saved_per_week)} hours saved per week",
        )


@exercise.rule(
    "TOIL-HORIZON",
    "An automation marked 'automate' pays back within the register's "
    "payback_horizon_weeks (payback recomputed from its hours).",
)
def horizon(doc: ToilRegister, check: Check) -> None:
    for index, task in enumerate(doc.tasks):
        auto = task.automation
        if auto is None or auto.decision != "automate":
            continue
        weeks = _payback(auto)
        if weeks > doc.payback_horizon_weeks + 1e-9:
            check.fail(
                ("tasks", index, "automation", "decision"),
                f"'{task.id}' is marked automate, but it pays back in {number(round(weeks, 1))} "
                f"weeks, beyond the horizon of {number(doc.payback_horizon_weeks)} weeks",
                "defer it and say what would change the case (a cheaper build, a bigger saving, "
                "growth), or argue for a longer horizon with the team",
            )


@exercise.rule(
    "TOIL-JUSTIFICATION",
    "Each automation's justification gives a reason, not only the decision again or a "
    "placeholder such as 'TBD'.",
)
def justification(doc: ToilRegister, check: Check) -> None:
    for index, task in enumerate(doc.tasks):
        if task.automation is None:
            continue
        text = normal(task.automation.justification).strip(" .!")
        if text in NO_REASON or word_count(text) == 0:
            check.fail(
                ("tasks", index, "automation", "justification"),
                f"the justification for '{task.id}' ('{task.automation.justification}') "
                "gives no reason",
                "say why the payback does or does not settle it: the task's remaining life, "
                "growth, risk removed, or what the automation will cost to maintain",
            )


def _on_the_log(doc: ToilRegister) -> bool:
    """Whether the register is of the template's log (and not the learner's own team)."""
    ids = {task.id.strip().upper() for task in doc.tasks}
    return CASE["team"]["team_word"] in normal(doc.team) and len(ids & set(LOG)) * 2 >= len(LOG)


@exercise.rule(
    "TOIL-CASE-LOG",
    "A register of the template's time log keeps every task of the log, with the log's "
    f"hours ({number(sum(r['hours'] for r in CASE['log']))} hours in all). A register of "
    "your own team is not compared with the log.",
)
def case_log(doc: ToilRegister, check: Check) -> None:
    if not _on_the_log(doc):
        return
    kept: dict[str, int] = {}
    for index, task in enumerate(doc.tasks):  # a repeated id is TOIL-IDS's to report
        kept.setdefault(task.id.strip().upper(), index)
    missing = [i for i in LOG if i not in kept]
    if missing:
        check.fail(
            "tasks",
            f"the log's {listed(missing)} {'is' if len(missing) == 1 else 'are'} missing "
            f"({listed([LOG[i]['work'] for i in missing])})",
            "keep every task of the log, toil or not, so that the hours add up to the "
            "team's whole week",
        )
    for task_id, index in kept.items():
        row, task = LOG.get(task_id), doc.tasks[index]
        if row is not None and abs(task.hours_per_week - row["hours"]) > HOURS_TOLERANCE:
            check.fail(
                ("tasks", index, "hours_per_week"),
                f"'{task.id}' has {number(task.hours_per_week)} hours a week; the log gives "
                f"{number(row['hours'])}",
                "keep the hours from the log: the register measures the week as it was",
            )


@exercise.rule(
    "TOIL-CASE-NOT-TOIL",
    "A register of the template's time log does not call toil the tasks that are plainly "
    f"not: {listed(list(NOT_TOIL))} (the capacity spreadsheet, new incidents, reviews, "
    "projects, meetings). Improving them may still be worth it.",
)
def case_not_toil(doc: ToilRegister, check: Check) -> None:
    if not _on_the_log(doc):
        return
    for index, task in enumerate(doc.tasks):
        question = NOT_TOIL.get(task.id.strip().upper())
        if question is not None and task.is_toil:
            check.fail(
                ("tasks", index, "is_toil"),
                f"'{task.id}' is marked as toil, but it is not: at least one attribute "
                "does not hold",
                f"judge each attribute again and ask: {question} Set the attribute that "
                "does not hold to false and is_toil to false",
            )
