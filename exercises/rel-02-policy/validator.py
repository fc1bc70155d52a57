"""Checks an error-budget policy and its evaluation against a window of burn data (module rel-02).

The scenario is fixed: Depot Scanning's load-out SLO from rel-01 (99.5 % of
load-out scans confirmed within 10 seconds over a rolling 28 days, about
4,320,000 valid scans and so 21,600 bad scans of budget per window) and the
daily bad-scan counts of the last 28 days, shown to learners in the brief.
The learner's policy is their own; the state is recomputed from the burn data
against *their* thresholds.
"""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import Field, StrictFloat, StrictStr

from curriculum.validation import Artefact, Check, Exercise, number

Text = Annotated[StrictStr, Field(min_length=1)]
Number = StrictFloat  # accepts whole numbers too, but not text or true/false

#: the SLO the policy protects (rel-01's model answer)
TARGET_PERCENT = 99.5
WINDOW_DAYS = 28
VALID_EVENTS_PER_WINDOW = 4_320_000
ERROR_BUDGET_EVENTS = (1 - TARGET_PERCENT / 100) * VALID_EVENTS_PER_WINDOW  # 21,600

#: bad load-out scans per day over the last 28 days, Monday of week 1 to Sunday of
#: week 4. Sundays have no load-out. Day 9: a sync-service release during load-out;
#: day 17: a LinkWave link failure at three depots.
DAILY_BAD_SCANS: tuple[int, ...] = (
    520, 480, 610, 455, 590, 430, 0,
    505, 3140, 870, 540, 470, 415, 0,
    560, 495, 2380, 610, 525, 440, 0,
    585, 530, 475, 620, 505, 395, 0,
)  # fmt: skip
BAD_EVENTS = sum(DAILY_BAD_SCANS)  # 17,145
CONSUMED_PERCENT = BAD_EVENTS / ERROR_BUDGET_EVENTS * 100  # 79.375

#: the state below the first threshold; thresholds may not use this name
NORMAL = "normal"
MIN_ACTION_WORDS, MAX_ACTION_WORDS = 6, 60
MIN_DECISION_WORDS, MAX_DECISION_WORDS = 15, 150
#: the people of the case organisation: an owner is a role, not a person
PEOPLE = (
    "Priya", "Nair", "Okafor", "Tomasz", "Kowal", "Aisha", "Bello", "Carter",
    "Marta", "Lindqvist", "Raman", "Lena", "Fischer", "Sam", "Ben",
)  # fmt: skip
#: tolerance, in percentage points, for the declared consumed percentage
CONSUMED_TOLERANCE = 0.1


class Threshold(Artefact):
    consumed_percent: Annotated[
        Number,
        Field(gt=0, le=1000, description="share of the error budget consumed, in %"),
    ]
    state: Annotated[Text, Field(description="the name of the state this threshold starts")]
    action: Annotated[Text, Field(description="what changes when the threshold is reached")]
    owner_role: Annotated[Text, Field(description="the role that makes sure the action happens")]


class Policy(Artefact):
    thresholds: Annotated[
        list[Threshold],
        Field(min_length=2, description="the escalating thresholds, lowest first"),
    ]
    exceptions: Annotated[
        Text, Field(description="what may still go live in a freeze, and who says so")
    ]


class Evaluation(Artefact):
    bad_events: Annotated[Number, Field(description="bad scans in the 28-day window")]
    error_budget_events: Annotated[Number, Field(description="bad scans the SLO allows per window")]
    consumed_percent: Annotated[Number, Field(description="share of the budget consumed, in %")]
    current_state: Annotated[
        Text, Field(description="the state the policy puts the service in now")
    ]
    decision: Annotated[Text, Field(description="what the owner does this week, and why")]


class ErrorBudgetPolicy(Artefact):
    service: Annotated[Text, Field(description="the service the policy covers")]
    slo: Annotated[Text, Field(description="the SLO whose budget the policy spends")]
    policy: Annotated[Policy, Field(description="thresholds, actions, owners and exceptions")]
    evaluation: Annotated[Evaluation, Field(description="the policy applied to the burn data")]


exercise = Exercise(schema=ErrorBudgetPolicy)


def _key(name: str) -> str:
    """A state name as compared: case-folded, spaces collapsed."""
    return re.sub(r"\s+", " ", name).strip().casefold()


def computed_state(thresholds: list[Threshold], consumed: float) -> tuple[set[str], float | None]:
    """The acceptable state names for ``consumed`` and the threshold reached (None: normal)."""
    reached = [t for t in thresholds if t.consumed_percent <= consumed + 1e-9]
    if not reached:
        return {NORMAL}, None
    top = max(t.consumed_percent for t in reached)
    return {_key(t.state) for t in reached if t.consumed_percent == top}, top


@exercise.rule(
    "EBP-THRESHOLDS-ASCENDING",
    "The thresholds are listed lowest first, each at a strictly higher share of the budget "
    "consumed than the one before.",
)
def thresholds_ascending(doc: ErrorBudgetPolicy, check: Check) -> None:
    check.ascending(
        "policy.thresholds",
        [t.consumed_percent for t in doc.policy.thresholds],
        what="thresholds (consumed_percent)",
        label=lambda v: f"{number(v)} %",
    )


@exercise.rule(
    "EBP-THRESHOLD-100",
    "One threshold sits at exactly 100 %: the policy says what happens when the whole "
    "budget has been spent.",
)
def threshold_100(doc: ErrorBudgetPolicy, check: Check) -> None:
    if not any(t.consumed_percent == 100 for t in doc.policy.thresholds):
        shown = ", ".join(f"{number(t.consumed_percent)} %" for t in doc.policy.thresholds)
        check.fail(
            "policy.thresholds",
            f"no threshold is at 100 % (the thresholds are {shown})",
            "add a threshold with consumed_percent: 100 for the moment the budget is spent; "
            "this is where most policies pause risky releases",
        )


@exercise.rule(
    "EBP-STATE-NAMES",
    "Each threshold names its state, every name is different, and none is 'normal', "
    "which is the state below the first threshold.",
)
def state_names(doc: ErrorBudgetPolicy, check: Check) -> None:
    first: dict[str, int] = {}
    for index, threshold in enumerate(doc.policy.thresholds):
        key = _key(threshold.state)
        path = ("policy", "thresholds", index, "state")
        if key == NORMAL:
            check.fail(
                path,
                f"the threshold at {number(threshold.consumed_percent)} % is named 'normal'",
                "'normal' is the state below the first threshold; give this one its own name, "
                "e.g. 'watch' or 'caution'",
            )
        elif key in first:
            check.fail(
                path,
                f"the state name '{threshold.state}' is already used by "
                f"policy.thresholds[{first[key] + 1}]",
                "give every threshold its own state name, so that everyone can say which "
                "state the service is in",
            )
        else:
            first[key] = index


@exercise.rule(
    "EBP-ACTION",
    f"Every threshold has an action of {MIN_ACTION_WORDS} to {MAX_ACTION_WORDS} words "
    "that says what changes when it is reached.",
)
def action(doc: ErrorBudgetPolicy, check: Check) -> None:
    for index, threshold in enumerate(doc.policy.thresholds):
        check.word_count(
            ("policy", "thresholds", index, "action"),
            threshold.action,
            MIN_ACTION_WORDS,
            MAX_ACTION_WORDS,
            what=f"the action at {number(threshold.consumed_percent)} %",
        )


@exercise.rule(
    "EBP-OWNER-ROLE",
    "Every threshold has an owner role: a role such as 'platform team lead', not a "
    "person's name, so the policy still works when people move on.",
)
def owner_role(doc: ErrorBudgetPolicy, check: Check) -> None:
    for index, threshold in enumerate(doc.policy.thresholds):
        path = ("policy", "thresholds", index, "owner_role")
        if not re.search(r"[A-Za-z]{2,}", threshold.owner_role):
            check.fail(
                path,
                f"the owner role at {number(threshold.consumed_percent)} % "
                f"('{threshold.owner_role}') does not name a role",
                "write the role in words, e.g. 'Depot Scanning service owner'",
            )
            continue
        check.banned_phrases(
            path,
            threshold.owner_role,
            PEOPLE,
            why="name the role, not the person who holds it today, e.g. 'platform team lead' "
            "or 'CIO'",
        )


@exercise.rule(
    "EBP-BAD-EVENTS",
    "evaluation.bad_events is the sum of the 28 daily bad-scan counts in the brief.",
)
def bad_events(doc: ErrorBudgetPolicy, check: Check) -> None:
    check.close(
        "evaluation.bad_events",
        doc.evaluation.bad_events,
        BAD_EVENTS,
        how="the sum of the 28 daily bad-scan counts, Monday of week 1 to Sunday of week 4",
    )


@exercise.rule(
    "EBP-BUDGET",
    "evaluation.error_budget_events equals (1 - 99.5/100) x 4,320,000 valid scans per "
    "window, within one scan.",
)
def budget(doc: ErrorBudgetPolicy, check: Check) -> None:
    check.close(
        "evaluation.error_budget_events",
        doc.evaluation.error_budget_events,
        ERROR_BUDGET_EVENTS,
        tolerance=1,
        how=f"(1 - {TARGET_PERCENT}/100) x {number(VALID_EVENTS_PER_WINDOW)} valid scans "
        f"in {WINDOW_DAYS} days",
    )


@exercise.rule(
    "EBP-CONSUMED",
    "evaluation.consumed_percent equals bad scans in the window / error budget x 100, "
    f"recomputed from the burn data, within {CONSUMED_TOLERANCE} percentage points.",
)
def consumed(doc: ErrorBudgetPolicy, check: Check) -> None:
    check.close(
        "evaluation.consumed_percent",
        doc.evaluation.consumed_percent,
        CONSUMED_PERCENT,
        tolerance=CONSUMED_TOLERANCE,
        how=f"{number(BAD_EVENTS)} bad scans / {number(ERROR_BUDGET_EVENTS)} scans of budget x 100",
    )


@exercise.rule(
    "EBP-STATE",
    "evaluation.current_state is the state the policy gives for the consumed share "
    "recomputed from the burn data: the state of the highest threshold reached (a "
    "threshold is reached when the consumed share is equal to it or above it), or "
    "'normal' if none is reached.",
)
def state(doc: ErrorBudgetPolicy, check: Check) -> None:
    names, top = computed_state(doc.policy.thresholds, CONSUMED_PERCENT)
    declared = doc.evaluation.current_state
    if _key(declared) in names:
        return
    if top is None:
        why = "no threshold is reached yet"
        lowest = min(t.consumed_percent for t in doc.policy.thresholds)
        hint = (
            f"your lowest threshold is {number(lowest)} %, above the consumed share, so the "
            "service is in 'normal'"
        )
    else:
        why = f"the highest threshold reached is {number(top)} %"
        above = [
            t
            for t in doc.policy.thresholds
            if _key(t.state) == _key(declared) and t.consumed_percent > top
        ]
        hint = (
            "a threshold counts only once the consumed share has reached it: the state is "
            "the one of the highest threshold at or below the consumed share, not the next "
            "one up"
            if above
            else "compare the consumed share with every threshold: the state is the one of "
            "the highest threshold at or below it"
        )
    names_by_key = {_key(t.state): t.state for t in doc.policy.thresholds}
    expected = " or ".join(f"'{names_by_key.get(n, n)}'" for n in sorted(names))
    check.fail(
        "evaluation.current_state",
        f"current_state is '{declared}'; with {CONSUMED_PERCENT:.1f} % of the "
        f"budget consumed your policy gives {expected} ({why})",
        hint,
    )


@exercise.rule(
    "EBP-DECISION",
    f"evaluation.decision explains in {MIN_DECISION_WORDS} to {MAX_DECISION_WORDS} words "
    "what the owner of the current state does this week, and why.",
)
def decision(doc: ErrorBudgetPolicy, check: Check) -> None:
    check.word_count(
        "evaluation.decision",
        doc.evaluation.decision,
        MIN_DECISION_WORDS,
        MAX_DECISION_WORDS,
        what="the decision",
    )
