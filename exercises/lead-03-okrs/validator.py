"""Checks a team's OKRs for one quarter (module lead-03).

The OKRs are the learner's own, so the validator holds no key. It checks the
shape of the set, that every key result can be measured and asks for a change
in the declared direction, short of perfection, that none is worded as an
activity or counts an output, and that every objective links to a parent.
The activity check looks only at the first word (or two, for "roll out",
"set up"...), or its -ing form. The word lists are in ``case.yaml``.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field, StrictFloat, StrictStr

from curriculum.validation import Artefact, Check, Exercise, Synonyms, number
from curriculum.validation.exercise import show_path
from curriculum.validation.fields import calendar_date
from curriculum.validation.toolkit import listed, load_case, plural, terms

# --- the vocabulary the rules use (case.yaml) ---------------------------------------------

CASE = load_case()

MIN_OBJECTIVES, MAX_OBJECTIVES = 1, 5
MIN_KRS, MAX_KRS = 3, 5

#: verbs that describe work to be done rather than a result to be reached
ACTIVITY_VERBS: tuple[str, ...] = tuple(CASE["activity_verbs"])
#: what a team produces rather than what changes for its users
OUTPUT_PHRASES: tuple[str, ...] = tuple(CASE["output_phrases"])
_OUTPUT = terms(OUTPUT_PHRASES)
#: two-word activity phrases, checked against the first two words, and the same written
#: as one word (listed with the verbs above)
ACTIVITY_PHRASES: tuple[str, ...] = tuple(CASE["activity_phrases"])
ONE_WORD_PHRASES = tuple(p.replace(" ", "") for p in ACTIVITY_PHRASES if p != "go live")
#: a unit that means "a percentage": baseline and target must then lie between 0 and 100
PERCENT_UNIT = re.compile(r"^\s*(%|per\s*cent|percentage)", re.IGNORECASE)
#: how a direction is said beyond up and down (any case)
_SAID = Synonyms(**CASE["directions"])

_WORD = re.compile(r"[A-Za-z]+")
_DAY_HINT = "write the date as YYYY-MM-DD, e.g. 2026-03-31"


# --- schema helpers -------------------------------------------------------------------------


def _day(value: Any) -> dt.date:
    return calendar_date(value, _DAY_HINT)


Text = Annotated[StrictStr, Field(min_length=1, max_length=1000)]
Id = Annotated[StrictStr, Field(min_length=1, max_length=20, pattern=r"^[A-Za-z0-9][A-Za-z0-9-]*$")]
Day = Annotated[dt.date, BeforeValidator(_day)]
Number = Annotated[StrictFloat, Field(ge=-1e12, le=1e12)]  # whole numbers are accepted too


class Period(Artefact):
    start: Annotated[Day, Field(description="first day of the OKR period, YYYY-MM-DD")]
    end: Annotated[Day, Field(description="last day of the OKR period, YYYY-MM-DD")]


class ParentObjective(Artefact):
    id: Annotated[Id, Field(description="the organisation objective's id, e.g. ORG1")]
    objective: Annotated[Text, Field(description="the organisation's objective, as published")]


class KeyResult(Artefact):
    id: Annotated[Id, Field(description="a short id, e.g. O1-KR1")]
    key_result: Annotated[
        Text, Field(description="the result in one sentence, starting with what changes")
    ]
    metric: Annotated[Text, Field(description="exactly what is counted or measured")]
    unit: Annotated[Text, Field(description="the unit of baseline and target, e.g. %")]
    direction: Annotated[
        Literal["up", "down"],
        _SAID,
        Field(description="up (or increase) if a higher value is better, down (decrease) if not"),
    ]
    baseline: Annotated[Number, Field(description="the value now, from the source")]
    target: Annotated[Number, Field(description="the value to reach by the deadline")]
    deadline: Annotated[Day, Field(description="when the target is due, YYYY-MM-DD")]
    source: Annotated[Text, Field(description="where the figures come from")]


class Objective(Artefact):
    id: Annotated[Id, Field(description="a short id, e.g. O1")]
    objective: Annotated[Text, Field(description="qualitative: where the team wants to be")]
    parent: Annotated[Id, Field(description="id of the organisation objective it serves")]
    key_results: Annotated[
        list[KeyResult], Field(max_length=20, description="three to five key results")
    ]


class Okrs(Artefact):
    team: Annotated[Text, Field(description="the team whose OKRs these are")]
    owner_role: Annotated[Text, Field(description="the role that answers for the set")]
    period: Annotated[Period, Field(description="the quarter (or other period) they cover")]
    parent_objectives: Annotated[
        list[ParentObjective],
        Field(min_length=1, max_length=20, description="the organisation's objectives"),
    ]
    okrs: Annotated[
        list[Objective], Field(max_length=20, description="one to five team objectives")
    ]


exercise = Exercise(schema=Okrs)


def _key_results(doc: Okrs) -> list[tuple[tuple[str | int, ...], Objective, KeyResult]]:
    """(path, objective, key result) for every key result, in file order."""
    return [
        (("okrs", i, "key_results", j), objective, kr)
        for i, objective in enumerate(doc.okrs)
        for j, kr in enumerate(objective.key_results)
    ]


def _is_form(word: str, verb: str) -> bool:
    """``word`` is ``verb`` or its -ing form (running, implementing, organising, setting)."""
    if word == verb:
        return True
    stem = word[:-3] if word.endswith("ing") and len(word) > 4 else ""
    doubled = len(stem) > 2 and stem[-1] == stem[-2]
    return bool(stem) and (verb in (stem, stem + "e") or (doubled and stem[:-1] == verb))


def activity_opening(text: str) -> str | None:
    """The activity verb or phrase the text starts with, if any."""
    first = [w.lower() for w in _WORD.findall(text)[:2]]
    if len(first) == 2:
        for phrase in ACTIVITY_PHRASES:
            verb, particle = phrase.split()
            if first[1] == particle and _is_form(first[0], verb):
                return " ".join(first)
    if first and any(_is_form(first[0], verb) for verb in ACTIVITY_VERBS):
        return first[0]
    return None


def _is_percent(unit: str) -> bool:
    return PERCENT_UNIT.match(unit) is not None


# --- the rules ----------------------------------------------------------------------------


@exercise.rule(
    "OKR-IDS",
    "Every id (organisation objectives, team objectives and key results) is used only once.",
)
def ids(doc: Okrs, check: Check) -> None:
    seen: dict[str, str] = {}
    places: list[tuple[tuple[str | int, ...], str]] = []
    places += [(("parent_objectives", i, "id"), p.id) for i, p in enumerate(doc.parent_objectives)]
    for i, objective in enumerate(doc.okrs):
        places.append((("okrs", i, "id"), objective.id))
        for j, kr in enumerate(objective.key_results):
            places.append((("okrs", i, "key_results", j, "id"), kr.id))
    for path, value in places:
        key = value.casefold()
        if key in seen:
            check.fail(
                path,
                f"the id '{value}' is already used by {seen[key]}",
                "give every objective and key result its own id, e.g. O1, O1-KR1, O1-KR2",
            )
        else:
            seen[key] = show_path(path[:-1])


@exercise.rule(
    "OKR-COUNT",
    f"The set has {MIN_OBJECTIVES} to {MAX_OBJECTIVES} objectives, and each objective has "
    f"{MIN_KRS} to {MAX_KRS} key results.",
)
def count(doc: Okrs, check: Check) -> None:
    n = len(doc.okrs)
    if n < MIN_OBJECTIVES:
        check.fail(
            "okrs",
            "the set has no objectives",
            "write at least one objective, with three to five key results",
        )
    elif n > MAX_OBJECTIVES:
        check.fail(
            "okrs",
            f"the set has {n} objectives; the most is {MAX_OBJECTIVES}",
            "choose the objectives that matter most this quarter; the others can wait, or "
            "stay in the team's normal work",
        )
    for i, objective in enumerate(doc.okrs):
        k = len(objective.key_results)
        if MIN_KRS <= k <= MAX_KRS:
            continue
        check.fail(
            ("okrs", i, "key_results"),
            f"objective {objective.id} has {plural(k, 'key result')}; it needs "
            f"{MIN_KRS} to {MAX_KRS}",
            "add the results that together would show the objective is met"
            if k < MIN_KRS
            else "keep the three to five results that best show the objective is met; "
            "fewer numbers get more attention",
        )


@exercise.rule(
    "OKR-PARENT",
    "Every team objective's parent is the id of one of the organisation objectives listed "
    "in parent_objectives.",
)
def parent(doc: Okrs, check: Check) -> None:
    known = {p.id.casefold() for p in doc.parent_objectives}
    listed = ", ".join(p.id for p in doc.parent_objectives)
    for i, objective in enumerate(doc.okrs):
        if objective.parent.casefold() not in known:
            check.fail(
                ("okrs", i, "parent"),
                f"objective {objective.id} links to '{objective.parent}', which is not one "
                "of the organisation's objectives",
                f"use the id of the organisation objective it contributes to ({listed}); if it "
                "serves none of them, ask whether it belongs in this quarter's OKRs",
            )


@exercise.rule(
    "OKR-ACTIVITY",
    "No objective or key result starts with an activity verb: "
    + listed(v for v in ACTIVITY_VERBS if v not in ONE_WORD_PHRASES)
    + ", "
    + listed(ACTIVITY_PHRASES, "or")
    + " (also hyphenated, or as one word: "
    + listed(ONE_WORD_PHRASES)
    + "), or their -ing forms. Only the first word (or two) is checked, in any case.",
)
def activity(doc: Okrs, check: Check) -> None:
    for i, objective in enumerate(doc.okrs):
        verb = activity_opening(objective.objective)
        if verb:
            check.fail(
                ("okrs", i, "objective"),
                f"objective {objective.id} starts with '{verb}': it describes work, not "
                "where the team wants to be",
                "ask 'so that what?' and write the answer: the state of the service or the "
                "business you want, e.g. 'Depot staff never wait for a scan at load-out'",
            )
    for path, _objective, kr in _key_results(doc):
        verb = activity_opening(kr.key_result)
        if verb:
            check.fail(
                (*path, "key_result"),
                f"key result {kr.id} starts with '{verb}': it is an activity, which could be "
                "done without anything improving",
                "state the change you will measure, e.g. 'Raise load-out scans confirmed "
                "within 10 seconds from 97.8 % to 99.5 %', and move the work to the team's "
                "backlog",
            )


@exercise.rule(
    "OKR-TARGET-CHANGE",
    "Every key result's target differs from its baseline: a key result asks for a change. "
    "The change stops short of perfection: a target of 0 for a measure that should fall, or "
    "of 100 % for one that should rise, is a wish rather than a target.",
)
def target_change(doc: Okrs, check: Check) -> None:
    for path, _objective, kr in _key_results(doc):
        if kr.target == kr.baseline:
            check.fail(
                (*path, "target"),
                f"key result {kr.id} has the same target as its baseline ({number(kr.target)} "
                f"{kr.unit})",
                "set the value you want to reach by the deadline; a figure to be kept where "
                "it is belongs in a service level objective, not in a key result",
            )
        elif (kr.direction == "down" and kr.target <= 0 < kr.baseline) or (
            kr.direction == "up" and _is_percent(kr.unit) and kr.target >= 100 > kr.baseline
        ):
            check.fail(
                (*path, "target"),
                f"key result {kr.id} aims at {number(kr.target)} {kr.unit} from "
                f"{number(kr.baseline)}: a perfect result in one quarter",
                "set a target that stretches the team and that it could reach this quarter, "
                "e.g. cutting 47 minutes to 15, and keep perfection as the direction of travel",
            )


@exercise.rule(
    "OKR-DIRECTION",
    "Every key result moves the way its direction says: for 'up' the target is above the "
    "baseline, for 'down' below it.",
)
def direction(doc: Okrs, check: Check) -> None:
    for path, _objective, kr in _key_results(doc):
        if kr.target == kr.baseline:
            continue  # reported by OKR-TARGET-CHANGE
        moves_up = kr.target > kr.baseline
        if moves_up == (kr.direction == "up"):
            continue
        check.fail(
            (*path, "direction"),
            f"key result {kr.id} says '{kr.direction}', but its target "
            f"({number(kr.target)}) is {'above' if moves_up else 'below'} its baseline "
            f"({number(kr.baseline)})",
            "direction says which way is better: 'up' when more is better (scans on time), "
            "'down' when less is better (calls, complaints); check the direction, the "
            "baseline and the target together",
        )


@exercise.rule(
    "OKR-PERCENT-RANGE",
    "A key result measured in % (a unit that starts with '%', 'percent', 'per cent' or "
    "'percentage', such as '% of mornings') has a baseline and a target between 0 and 100.",
)
def percent_range(doc: Okrs, check: Check) -> None:
    for path, _objective, kr in _key_results(doc):
        if not _is_percent(kr.unit):
            continue
        for name in ("baseline", "target"):
            value = getattr(kr, name)
            if not 0 <= value <= 100:
                check.fail(
                    (*path, name),
                    f"key result {kr.id} is in {kr.unit}, but its {name} is {number(value)}",
                    "a percentage lies between 0 and 100; write 97.8 for 97.8 %, not 0.978, "
                    "or change the unit if this is a count",
                )


@exercise.rule(
    "OKR-PERIOD",
    "The period ends after it starts.",
)
def period(doc: Okrs, check: Check) -> None:
    if doc.period.end <= doc.period.start:
        check.fail(
            "period.end",
            f"the period ends on {doc.period.end.isoformat()}, not after it starts "
            f"({doc.period.start.isoformat()})",
            "give the first and last day of the quarter, e.g. 2026-01-01 and 2026-03-31",
        )


@exercise.rule(
    "OKR-DEADLINE",
    "Every key result's deadline falls within the period (on or after period.start and on "
    "or before period.end). Checked once the period itself is in order.",
)
def deadline(doc: Okrs, check: Check) -> None:
    start, end = doc.period.start, doc.period.end
    if end <= start:
        return  # reported by OKR-PERIOD
    for path, _objective, kr in _key_results(doc):
        if start <= kr.deadline <= end:
            continue
        where = "before the period starts" if kr.deadline < start else "after the period ends"
        check.fail(
            (*path, "deadline"),
            f"key result {kr.id} is due on {kr.deadline.isoformat()}, {where} "
            f"({start.isoformat()} to {end.isoformat()})",
            "OKRs are set for one period: give each key result a date inside it, usually "
            "the period's last day; a result that needs longer belongs in a later quarter",
        )


@exercise.rule(
    "OKR-OUTPUT",
    "No key result or metric counts what the team produces instead of what changes for its "
    "users or the business: "
    + listed((f"'{p}'" for p in OUTPUT_PHRASES), "or")
    + " (whole words, any case). Such a figure can rise while nothing improves for anyone.",
)
def output(doc: Okrs, check: Check) -> None:
    for path, _objective, kr in _key_results(doc):
        for field in ("key_result", "metric"):
            if found := _OUTPUT.search(getattr(kr, field)):
                check.fail(
                    (*path, field),
                    f"key result {kr.id} counts '{found.group(0)}', an output of the team's "
                    "work, not a result for its users",
                    "ask 'could we hit this and still have the problem?'; measure the change "
                    "the work is for (faster fixes, fewer repeat calls, trucks out on time) and "
                    "keep the work itself in the backlog",
                )
                break
