"""Checks an error-budget policy and its evaluation against a window of burn data (module rel-02).

The scenario (Depot Scanning's load-out SLO from rel-01 and the daily bad-scan
counts of the last 28 days, shown in the brief) lives in case.yaml. The policy is
the learner's own; the state is recomputed from the burn data against *their*
thresholds (with the supplier's day left out when the policy says so in advance).
"""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import Field, StrictFloat

from curriculum.validation import Artefact, Check, Exercise, number
from curriculum.validation.fields import Text
from curriculum.validation.toolkit import load_case, names_nobody, normal, terms

Number = StrictFloat  # accepts whole numbers too, but not text or true/false

CASE = load_case()
TARGET_PERCENT: float = CASE["slo"]["target_percent"]
WINDOW_DAYS: int = CASE["slo"]["window_days"]
VALID_EVENTS_PER_WINDOW: int = CASE["slo"]["valid_events_per_window"]
ERROR_BUDGET_EVENTS = (1 - TARGET_PERCENT / 100) * VALID_EVENTS_PER_WINDOW  # 21,600
#: bad load-out scans per day, Monday of week 1 to Sunday of week 4
DAILY_BAD_SCANS: tuple[int, ...] = tuple(n for week in CASE["daily_bad_scans"] for n in week)
BAD_EVENTS = sum(DAILY_BAD_SCANS)  # 17,145
#: the day a supplier caused: a policy may leave its spend out, if it says so
SUPPLIER_DAY = next(e for e in CASE["events"] if e["cause"] == "supplier")
SUPPLIER_EXCLUDED = BAD_EVENTS - DAILY_BAD_SCANS[SUPPLIER_DAY["day"] - 1]  # 14,765
#: words a policy uses when it leaves a supplier's spend out of the budget
EXCLUDES = re.compile(r"(\bexclud\w*|\bleft out|\bleaves? out|(\bnot|n't) count\w*)\b", re.I)
SUPPLIER = re.compile(
    r"\b(suppliers?|vendors?|third[- ]part\w+|providers?|"
    + "|".join(re.escape(s) for s in CASE["suppliers"])
    + r")\b",
    re.IGNORECASE,
)

#: the state below the first threshold; thresholds may not use this name
NORMAL = "normal"
#: the people of the case organisation: an owner is a role, not a person
PERSON = terms(CASE["people"])
#: owners that name no role who could act
NOBODY_EXTRA = ("the team", "team", "we", "us", "it", "management", "the business")
#: tolerance, in percentage points, for the declared consumed percentage
CONSUMED_TOLERANCE = 0.1
#: an action that only asks for care or attention: nobody could check it happened
VAGUE = re.compile(
    r"^(be (more |extra |very )?(careful|cautious|vigilant)|take (more )?care|"
    r"pay (more |extra )?attention|keep an eye( on (it|things))?|stay alert|"
    r"monitor (closely|more)|watch (closely|carefully)|be aware|do better|try harder)"
    r"[\s.!]*$",
    re.IGNORECASE,
)
#: the decision uses the burn data: a figure, a day, a cause or the budget
BURN_DATA = re.compile(
    r"\d|\b(day|days|week|monday|tuesday|wednesday|thursday|friday|saturday|release\w*|"
    r"deploy\w*|change|supplier|links?|budget|spen[dt]\w*|burn\w*|mornings?|queue|"
    r"bad scans|consumed)\b|" + "|".join(re.escape(s) for s in CASE["suppliers"]),
    re.IGNORECASE,
)
#: claims the burn data contradicts: the SLI is 99.60 %, and the budget is not spent
SLO_MISSED = re.compile(
    r"\b(slo|objective)\b[^.;,]{0,40}\b(breach\w*|missed|broken|violated|not met)\b"
    r"|\b(breach\w*|missed|broke|violated)\b[^.;,]{0,20}\b(slo|objective)\b"
    r"|\bbudget\b[^.;,]{0,30}\b(is|has been|was|got) (all |fully |completely )?"
    r"(spent|exhausted|used up|overspent|blown)\b",
    re.IGNORECASE,
)
#: a clause with these words is a forecast or a denial, not a claim about today
NOT_A_CLAIM = re.compile(
    r"\b(will|would|could|might|may|if|before|until|unless|soon|risk\w*|rate|trend\w*|"
    r"never|isn't|hasn't|wasn't|not (yet )?(breach\w*|missed|broken|violated|spent|"
    r"exhausted|used))\b",
    re.IGNORECASE,
)


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
    exceptions: Annotated[Text, Field(description="what may go live in a freeze; who says")]


class Evaluation(Artefact):
    bad_events: Annotated[Number, Field(description="bad scans in the 28-day window")]
    error_budget_events: Annotated[Number, Field(description="bad scans the SLO allows per window")]
    consumed_percent: Annotated[Number, Field(description="share of the budget consumed, in %")]
    current_state: Annotated[Text, Field(description="the state the policy gives now")]
    decision: Annotated[Text, Field(description="what the owner does this week, and why")]


class ErrorBudgetPolicy(Artefact):
    service: Annotated[Text, Field(description="the service the policy covers")]
    slo: Annotated[Text, Field(description="the SLO whose budget the policy spends")]
    policy: Annotated[Policy, Field(description="thresholds, actions, owners and exceptions")]
    evaluation: Annotated[Evaluation, Field(description="the policy applied to the burn data")]


exercise = Exercise(schema=ErrorBudgetPolicy)


def _key(name: str) -> str:
    """A state name as compared: case-folded, spaces collapsed, quotes and stops dropped."""
    return normal(name).strip(" .'\"")


def excludes_supplier(doc: ErrorBudgetPolicy) -> bool:
    """Whether the policy says in advance that a supplier's spend does not count."""
    return any(
        EXCLUDES.search(part) and SUPPLIER.search(part)
        for part in re.split(
            r"(?<=[.;])\s+",
            " ".join([doc.policy.exceptions, *(t.action for t in doc.policy.thresholds)]),
        )
    )


def consumed_share(doc: ErrorBudgetPolicy) -> tuple[float, float]:
    """(bad events, consumed %) the check uses: the learner's choice of the two readings."""
    left_out = abs(doc.evaluation.bad_events - SUPPLIER_EXCLUDED) < 0.5
    bad = float(SUPPLIER_EXCLUDED if left_out else BAD_EVENTS)
    return bad, bad / ERROR_BUDGET_EVENTS * 100


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
    "Every threshold's action says what changes, not only to take care: 'be careful' "
    "or 'keep an eye on it' is something nobody could check next week.",
)
def action(doc: ErrorBudgetPolicy, check: Check) -> None:
    for index, threshold in enumerate(doc.policy.thresholds):
        if VAGUE.match(threshold.action.strip()):
            check.fail(
                ("policy", "thresholds", index, "action"),
                f"the action at {number(threshold.consumed_percent)} % "
                f"('{threshold.action}') asks for care but changes nothing anyone could check",
                "say what changes, e.g. 'no changes between 04:30 and 07:00' or "
                "'feature work pauses'",
            )


@exercise.rule(
    "EBP-ESCALATION",
    "Each threshold's action differs from the others': a step that repeats an earlier "
    "action escalates nothing.",
)
def escalation(doc: ErrorBudgetPolicy, check: Check) -> None:
    first: dict[str, int] = {}
    for index, threshold in enumerate(doc.policy.thresholds):
        key = re.sub(r"[^\w]+", " ", normal(threshold.action)).strip()
        if key in first:
            check.fail(
                ("policy", "thresholds", index, "action"),
                f"the action at {number(threshold.consumed_percent)} % repeats the one at "
                f"{number(doc.policy.thresholds[first[key]].consumed_percent)} %",
                "make each step cost the team more than the one before, e.g. no changes "
                "during load-out, then feature work pauses, then only fixes go live",
            )
        else:
            first[key] = index


@exercise.rule(
    "EBP-OWNER-ROLE",
    "Every threshold has an owner role: a role such as 'platform team lead', not a "
    "person's name and not a placeholder such as 'TBD' or 'everyone', so the policy "
    "still works when people move on.",
)
def owner_role(doc: ErrorBudgetPolicy, check: Check) -> None:
    for index, threshold in enumerate(doc.policy.thresholds):
        path = ("policy", "thresholds", index, "owner_role")
        role = threshold.owner_role
        named = PERSON.search(role)
        if not re.search(r"[^\W\d_]{2,}", role) or names_nobody(role, NOBODY_EXTRA):
            check.fail(
                path,
                f"the owner role at {number(threshold.consumed_percent)} % ('{role}') "
                "names no one who could make the action happen",
                "write the role in words, e.g. 'Depot Scanning service owner'",
            )
        elif named:
            check.fail(
                path,
                f"the owner at {number(threshold.consumed_percent)} % is a person "
                f"('{named.group(0)}'), not a role",
                "name the role, not the person who holds it today, e.g. 'platform team lead' "
                "or 'CIO'",
            )


@exercise.rule(
    "EBP-BAD-EVENTS",
    "evaluation.bad_events is the sum of the 28 daily bad-scan counts in the brief; or "
    "that sum less the supplier's day, when the policy says in advance that a supplier's "
    "outage does not count.",
)
def bad_events(doc: ErrorBudgetPolicy, check: Check) -> None:
    declared = doc.evaluation.bad_events
    if abs(declared - SUPPLIER_EXCLUDED) < 0.5:
        if not excludes_supplier(doc):
            check.fail(
                "evaluation.bad_events",
                f"bad_events is {number(declared)}: the day {SUPPLIER_DAY['day']} "
                f"{SUPPLIER_DAY['supplier']} failure is left out, but the policy does "
                "not say that a supplier's outage is excluded",
                "either count all 28 days, or say in the policy (e.g. in exceptions) that "
                "bad scans during a supplier's outage are excluded from the budget",
            )
        return
    check.close(
        "evaluation.bad_events",
        declared,
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
    bad, share = consumed_share(doc)
    check.close(
        "evaluation.consumed_percent",
        doc.evaluation.consumed_percent,
        share,
        tolerance=CONSUMED_TOLERANCE,
        how=f"{number(bad)} bad scans / {number(ERROR_BUDGET_EVENTS)} scans of budget x 100",
    )


@exercise.rule(
    "EBP-STATE",
    "evaluation.current_state is the state the policy gives for the consumed share "
    "recomputed from the burn data: the state of the highest threshold reached (a "
    "threshold is reached when the consumed share is equal to it or above it), or "
    "'normal' if none is reached.",
)
def state(doc: ErrorBudgetPolicy, check: Check) -> None:
    share = consumed_share(doc)[1]
    names, top = computed_state(doc.policy.thresholds, share)
    declared = doc.evaluation.current_state
    if _key(declared) in names:
        return
    lowest = min(t.consumed_percent for t in doc.policy.thresholds)
    why = f"the highest threshold reached is {number(top)} %" if top else "none is reached"
    hint = (
        f"your lowest threshold is {number(lowest)} %, above the consumed share, so the "
        "service is in 'normal'"
        if top is None
        else "a threshold counts once the consumed share is equal to it or above it: the "
        "state is the one of the highest threshold at or below the consumed share"
    )
    names_by_key = {_key(t.state): t.state for t in doc.policy.thresholds}
    expected = " or ".join(f"'{names_by_key.get(n, n)}'" for n in sorted(names))
    check.fail(
        "evaluation.current_state",
        f"current_state is '{declared}'; with {share:.1f} % of the "
        f"budget consumed your policy gives {expected} ({why})",
        hint,
    )


@exercise.rule(
    "EBP-DECISION",
    "evaluation.decision says why, using the burn data: a figure, a day, a cause such as "
    "the release or the supplier, or where the budget went.",
)
def decision(doc: ErrorBudgetPolicy, check: Check) -> None:
    if not BURN_DATA.search(doc.evaluation.decision):
        check.fail(
            "evaluation.decision",
            "the decision does not say why: it uses nothing from the burn data",
            "add where the budget went, e.g. how much the day 9 release spent, and what "
            "the owner does about it this week",
        )


@exercise.rule(
    "EBP-DECISION-FACTS",
    "evaluation.decision does not contradict the burn data: the SLO is still met over the "
    "window and the budget is not all spent.",
)
def decision_facts(doc: ErrorBudgetPolicy, check: Check) -> None:
    share = consumed_share(doc)[1]
    clauses = re.split(r"[.;:!?]|\bbut\b", doc.evaluation.decision)
    found = next(
        (m for c in clauses if (m := SLO_MISSED.search(c)) and not NOT_A_CLAIM.search(c)), None
    )
    if found and share < 100:
        check.fail(
            "evaluation.decision",
            f"the decision says '{found.group(0)}', but with {share:.1f} % of the budget "
            "consumed the SLO is still met",
            f"the SLI is {100 - share * (100 - TARGET_PERCENT) / 100:.2f} % against a target "
            f"of {number(TARGET_PERCENT)} %: say why the policy acts although the SLO is met",
        )
