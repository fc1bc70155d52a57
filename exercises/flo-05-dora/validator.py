"""Checks DORA delivery metrics computed from Parcel Tracking's logs (module flo-05).

The deployment log and the incident log below are supplied in the brief. They
cover the 28 days from Monday 2 February to Sunday 1 March 2026: four weeks of
the Parcel Tracking application team, the first month after its changes moved
from the weekly change board to peer review and automated gates.

Every figure is recomputed from the logs with the definitions the module
teaches, which follow DORA's current guide in Brightwater's own conventions:

- a deployment is a change that reached production; a run the pipeline stopped
  before production is not a deployment (and not a failure);
- change lead time runs from the change's commit to its arrival in production;
  the exercise asks for the median over all deployments, in hours;
- a failed deployment is one that caused an incident needing immediate
  intervention (a rollback or a hotfix); incidents with other causes are not
  deployment failures;
- failed deployment recovery time runs, for each failed deployment, from the
  start of the incident it caused to the moment users were no longer affected;
  the exercise asks for the median, in minutes;
- an unplanned deployment is one made because of an incident in production,
  whatever caused that incident (deployment rework rate).

Rates that follow from the learner's own counts (deployments per week, change
fail rate, deployment rework rate) are checked against those counts, so that one
wrong count is reported once; the counts and lists are checked against the logs.
"""

from __future__ import annotations

import datetime as dt
import re
import statistics
from typing import Annotated, Literal, NamedTuple

from pydantic import Field, StrictFloat, StrictInt, StrictStr

from curriculum.validation import Artefact, Check, Exercise
from curriculum.validation.toolkit import load_case, normal, plural, word_count

CASE = load_case()
WINDOW_DAYS: int = CASE["window_days"]
WEEKS = WINDOW_DAYS / 7


def _t(stamp: str | None) -> dt.datetime | None:
    return None if stamp is None else dt.datetime.fromisoformat(stamp)


class Deployment(NamedTuple):
    id: str
    committed: dt.datetime
    deployed: dt.datetime | None  # None: stopped by the pipeline, never reached production
    planned: bool


class Incident(NamedTuple):
    id: str
    started: dt.datetime
    restored: dt.datetime
    cause: str | None  # the deployment that caused it, or None


#: Parcel Tracking's deployment and incident logs, 2 February - 1 March 2026 (case.yaml)
DEPLOYMENTS = tuple(
    Deployment(d["id"], _t(d["committed"]), _t(d["deployed"]), d["planned"])  # type: ignore[arg-type]
    for d in CASE["deployments"]
)
INCIDENTS = tuple(
    Incident(i["id"], _t(i["started"]), _t(i["restored"]), i["cause"])  # type: ignore[arg-type]
    for i in CASE["incidents"]
)


class Truth(NamedTuple):
    deployments: int
    median_lead_hours: float
    failed: tuple[str, ...]
    median_recovery_minutes: float
    unplanned: tuple[str, ...]


def compute() -> Truth:
    """The figures the definitions give for the logs."""
    live = [d for d in DEPLOYMENTS if d.deployed is not None]
    leads = [(d.deployed - d.committed).total_seconds() / 3600 for d in live if d.deployed]
    failed = tuple(i.cause for i in INCIDENTS if i.cause)
    recoveries = [(i.restored - i.started).total_seconds() / 60 for i in INCIDENTS if i.cause]
    unplanned = tuple(d.id for d in live if not d.planned)
    return Truth(
        deployments=len(live),
        median_lead_hours=statistics.median(leads) if leads else 0.0,
        failed=failed,
        median_recovery_minutes=statistics.median(recoveries) if recoveries else 0.0,
        unplanned=unplanned,
    )


TRUTH = compute()
LIVE_IDS = {d.id for d in DEPLOYMENTS if d.deployed is not None}
STOPPED_IDS = {d.id for d in DEPLOYMENTS if d.deployed is None}
#: why a deployment is not in a list, for the hints
NOT_FAILED_WHY: dict[str, str] = CASE["not_failed_why"]
MIN_RISK_WORDS = 3
MIN_USE_WORDS = 8
MIN_RISKS, MAX_RISKS = 2, 5

_ID = re.compile(r"d\s*-?\s*(\d{3})", re.IGNORECASE)

Number = StrictFloat | StrictInt


class Critique(Artefact):
    risks: Annotated[
        list[StrictStr],
        Field(max_length=10, description="what would go wrong with individual targets"),
    ]
    better_use: Annotated[
        StrictStr, Field(description="how the team and its managers should use the metrics")
    ]


class Metrics(Artefact):
    service: Annotated[
        Literal["Parcel Tracking"], Field(description="the service: Parcel Tracking")
    ]
    deployments: Annotated[
        StrictInt, Field(ge=0, description="deployments that reached production in the 28 days")
    ]
    deployments_per_week: Annotated[
        Number, Field(ge=0, description="deployment frequency: deployments / 4 weeks")
    ]
    median_lead_time_hours: Annotated[
        Number, Field(ge=0, description="median change lead time, commit to production, hours")
    ]
    failed_deployments: Annotated[
        list[StrictStr],
        Field(max_length=30, description="ids of deployments that caused an incident"),
    ]
    change_fail_rate_percent: Annotated[
        Number, Field(ge=0, le=100, description="failed deployments / deployments x 100")
    ]
    median_recovery_minutes: Annotated[
        Number,
        Field(ge=0, description="median failed deployment recovery time, minutes"),
    ]
    unplanned_deployments: Annotated[
        list[StrictStr],
        Field(max_length=30, description="ids of deployments made because of an incident"),
    ]
    deployment_rework_rate_percent: Annotated[
        Number, Field(ge=0, le=100, description="unplanned deployments / deployments x 100")
    ]
    critique: Annotated[Critique, Field(description="your response to the league-table proposal")]


exercise = Exercise(schema=Metrics)


def _id(text: str) -> str:
    """'d103', 'D 103' and 'D-103' name the same deployment."""
    found = _ID.fullmatch(text.strip())
    return f"D-{found.group(1)}" if found else text.strip()


def _compare_ids(
    check: Check, path: str, declared: list[str], expected: tuple[str, ...], what: str, why: str
) -> None:
    """Report missing, extra and repeated ids in a declared list."""
    seen: set[str] = set()
    for index, item in enumerate(declared):
        name = _id(item)
        if name in seen:
            check.fail((path, index), f"{name} is listed twice", "list each deployment once")
            continue
        seen.add(name)
        if name in expected:
            continue
        if name in NOT_FAILED_WHY and path == "failed_deployments":
            hint = NOT_FAILED_WHY[name]
        elif name in STOPPED_IDS:
            hint = NOT_FAILED_WHY.get(name, "it never reached production")
        elif name in LIVE_IDS:
            hint = why
        else:
            hint = "use the deployment ids from the log, D-101 to D-117"
        check.fail((path, index), f"{name} is not {what}", hint)
    missing = [d for d in expected if d not in seen]
    if missing:
        found = len(expected) - len(missing)
        check.fail(
            path,
            f"{path} holds {found} of the {len(expected)} deployments that belong in it",
            why + "; go through the logs row by row",
        )


# --- throughput ---------------------------------------------------------------------------


@exercise.rule(
    "DORA-DEPLOYMENTS",
    "deployments equals the number of deployments in the log that reached production; a run "
    "the pipeline stopped before production does not count.",
)
def deployments(doc: Metrics, check: Check) -> None:
    check.close(
        "deployments",
        doc.deployments,
        TRUTH.deployments,
        how=f"the rows of the deployment log with a time in production ({len(DEPLOYMENTS)} rows, "
        f"less {len(STOPPED_IDS)} stopped by the pipeline)",
    )


@exercise.rule(
    "DORA-FREQUENCY",
    "deployments_per_week equals your deployments divided by the 4 weeks of the window, "
    "within 0.05.",
)
def frequency(doc: Metrics, check: Check) -> None:
    check.close(
        "deployments_per_week",
        doc.deployments_per_week,
        doc.deployments / WEEKS,
        tolerance=0.05,
        how=f"deployments ({doc.deployments}) / 4 weeks (28 days)",
    )


@exercise.rule(
    "DORA-LEAD-TIME",
    "median_lead_time_hours equals the median, over every deployment that reached production, "
    "of the hours from the change's commit to its arrival in production, within 0.1 hours. "
    "With an even number of deployments, the median is the mean of the middle two.",
)
def lead_time(doc: Metrics, check: Check) -> None:
    check.close(
        "median_lead_time_hours",
        doc.median_lead_time_hours,
        TRUTH.median_lead_hours,
        tolerance=0.1,
        how="sort the lead times (in production minus committed, in hours) of the "
        f"{TRUTH.deployments} deployments and take the middle value; with an even count, the "
        "mean of the two middle values. The clock does not stop overnight",
    )


@exercise.rule(
    "DORA-RECOVERY",
    "median_recovery_minutes equals the median, over the failed deployments, of the minutes "
    "from the start of the incident each one caused until service was restored, within 1 "
    "minute. Incidents not caused by a deployment are left out.",
)
def recovery(doc: Metrics, check: Check) -> None:
    check.close(
        "median_recovery_minutes",
        doc.median_recovery_minutes,
        TRUTH.median_recovery_minutes,
        tolerance=1,
        how="for each incident caused by a deployment, restored minus started, in minutes; then "
        "the middle value of those; incidents with another cause do not count",
    )


# --- instability ----------------------------------------------------------------------------


@exercise.rule(
    "DORA-FAILED",
    "failed_deployments lists exactly the deployments that caused an incident needing "
    "immediate intervention (a rollback or a hotfix), each once.",
)
def failed(doc: Metrics, check: Check) -> None:
    _compare_ids(
        check,
        "failed_deployments",
        doc.failed_deployments,
        TRUTH.failed,
        "a failed deployment",
        "a failed deployment is one named as the cause of an incident in the incident log; "
        "incidents with another cause, and the hotfixes that end incidents, are not failures",
    )


@exercise.rule(
    "DORA-CHANGE-FAIL-RATE",
    "change_fail_rate_percent equals the number of failed deployments you listed divided by "
    "your deployments, x 100, within 0.1.",
)
def change_fail_rate(doc: Metrics, check: Check) -> None:
    listed = len({_id(d) for d in doc.failed_deployments})
    if doc.deployments == 0:
        return  # no deployments: reported by DORA-DEPLOYMENTS
    check.close(
        "change_fail_rate_percent",
        doc.change_fail_rate_percent,
        listed / doc.deployments * 100,
        tolerance=0.1,
        how=f"failed deployments ({listed}) / deployments ({doc.deployments}) x 100",
    )


@exercise.rule(
    "DORA-UNPLANNED",
    "unplanned_deployments lists exactly the deployments made because of an incident in "
    "production, whatever caused the incident, each once.",
)
def unplanned(doc: Metrics, check: Check) -> None:
    _compare_ids(
        check,
        "unplanned_deployments",
        doc.unplanned_deployments,
        TRUTH.unplanned,
        "an unplanned deployment",
        "an unplanned deployment is one the log marks as made for an incident; a rollback "
        "is not a new deployment, and a planned release is not rework",
    )


@exercise.rule(
    "DORA-REWORK-RATE",
    "deployment_rework_rate_percent equals the number of unplanned deployments you listed "
    "divided by your deployments, x 100, within 0.1.",
)
def rework_rate(doc: Metrics, check: Check) -> None:
    listed = len({_id(d) for d in doc.unplanned_deployments})
    if doc.deployments == 0:
        return  # no deployments: reported by DORA-DEPLOYMENTS
    check.close(
        "deployment_rework_rate_percent",
        doc.deployment_rework_rate_percent,
        listed / doc.deployments * 100,
        tolerance=0.1,
        how=f"unplanned deployments ({listed}) / deployments ({doc.deployments}) x 100",
    )


# --- the critique ----------------------------------------------------------------------------


@exercise.rule(
    "DORA-CRITIQUE-RISKS",
    f"The critique names {MIN_RISKS} to {MAX_RISKS} different risks of turning the metrics "
    "into individual targets, each a statement (not a single word or two). Whether each names "
    "a behaviour and its cost is left to the reviewer.",
)
def critique_risks(doc: Metrics, check: Check) -> None:
    risks = doc.critique.risks
    filled = [r for r in risks if r.strip()]
    if not MIN_RISKS <= len(filled) <= MAX_RISKS:
        check.fail(
            "critique.risks",
            f"the critique names {plural(len(filled), 'risk')}; it needs {MIN_RISKS} to "
            f"{MAX_RISKS}",
            "say what people would start doing to hit the numbers, and what the team would "
            "stop learning",
        )
    seen: set[str] = set()
    for index, risk in enumerate(risks):
        key = normal(risk)
        if key and key in seen:
            check.fail(
                ("critique", "risks", index),
                "this risk repeats an earlier one",
                "name a different risk, or delete the repeat",
            )
        elif key and word_count(risk) < MIN_RISK_WORDS:
            check.fail(
                ("critique", "risks", index),
                f"risk {index + 1} ('{risk}') is a label, not a risk",
                "name the behaviour the target would reward and what it would cost, e.g. "
                "'engineers split one change into several deployments to raise their count'",
            )
        seen.add(key)


@exercise.rule(
    "DORA-BETTER-USE",
    "The critique says how the metrics should be used instead, concretely enough to act on: "
    "who looks at them, how often, next to what and for which decision, not only 'use them to "
    f"improve' (at least {MIN_USE_WORDS} words).",
)
def better_use(doc: Metrics, check: Check) -> None:
    count = word_count(doc.critique.better_use)
    if count < MIN_USE_WORDS:
        check.fail(
            "critique.better_use",
            "better_use "
            + (f"('{doc.critique.better_use}') is too short to act on" if count else "is empty"),
            "say who looks at the metrics, how often, next to which business outcome, and "
            "what decision they feed",
        )
