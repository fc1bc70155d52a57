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

WINDOW_DAYS = 28
WEEKS = WINDOW_DAYS / 7


def _t(day: int, hhmm: str, month: int = 2) -> dt.datetime:
    hours, minutes = map(int, hhmm.split(":"))
    return dt.datetime(2026, month, day, hours, minutes)


class Deployment(NamedTuple):
    id: str
    committed: dt.datetime
    deployed: dt.datetime | None  # None: stopped by the pipeline, never reached production
    planned: bool
    incident: str | None  # for an unplanned deployment: the incident it was made for
    note: str


class Incident(NamedTuple):
    id: str
    started: dt.datetime
    restored: dt.datetime
    cause: str | None  # the deployment that caused it, or None
    note: str


#: Parcel Tracking's deployment log, 2 February - 1 March 2026
DEPLOYMENTS: tuple[Deployment, ...] = (
    Deployment("D-101", _t(2, "09:10"), _t(2, "15:40"), True, None, "delivery-slot wording"),
    Deployment("D-102", _t(3, "11:00"), _t(4, "10:30"), True, None, "map tiles cached longer"),
    Deployment("D-103", _t(4, "16:20"), _t(5, "11:15"), True, None, "new parcel-status page"),
    Deployment("D-104", _t(5, "13:30"), _t(6, "10:00"), True, None, "app login clean-up"),
    Deployment("D-105", _t(9, "10:00"), _t(9, "16:30"), True, None, "search by reference"),
    Deployment("D-106", _t(10, "09:45"), _t(11, "11:15"), True, None, "accessibility fixes"),
    Deployment("D-107", _t(11, "15:00"), _t(12, "16:30"), True, None, "delivery-window times"),
    Deployment("D-108", _t(12, "17:25"), _t(12, "18:10"), False, "INC-52077", "hotfix"),
    Deployment("D-109", _t(16, "08:50"), _t(16, "14:20"), True, None, "safe-place photos"),
    Deployment("D-110", _t(17, "10:30"), None, True, None, "stopped: contract tests failed"),
    Deployment("D-111", _t(17, "15:10"), _t(18, "09:35"), True, None, "tracking API upgrade"),
    Deployment("D-112", _t(18, "14:00"), _t(19, "10:40"), True, None, "parcel-status page again"),
    Deployment("D-113", _t(19, "19:05"), _t(19, "19:50"), False, "INC-52130", "cache setting"),
    Deployment("D-114", _t(23, "09:30"), _t(23, "15:00"), True, None, "Welsh translations"),
    Deployment("D-115", _t(24, "11:20"), _t(25, "10:50"), True, None, "notification opt-out"),
    Deployment("D-116", _t(25, "16:00"), _t(26, "11:30"), True, None, "faster status lookups"),
    Deployment("D-117", _t(26, "14:10"), _t(27, "10:40"), True, None, "depot opening hours"),
)

#: Parcel Tracking's incident log for the same four weeks
INCIDENTS: tuple[Incident, ...] = (
    Incident(
        "INC-52011", _t(5, "11:21"), _t(5, "11:52"), "D-103", "status page errors; rolled back"
    ),
    Incident("INC-52040", _t(10, "19:05"), _t(10, "20:20"), None, "Nimbus Cloud storage fault"),
    Incident("INC-52077", _t(12, "16:45"), _t(12, "18:10"), "D-107", "wrong windows; hotfix D-108"),
    Incident("INC-52102", _t(18, "09:40"), _t(18, "09:58"), "D-111", "API errors; rolled back"),
    Incident("INC-52130", _t(19, "18:30"), _t(19, "19:50"), None, "marketing email surge"),
)


class Truth(NamedTuple):
    deployments: int
    median_lead_hours: float
    failed: tuple[str, ...]
    median_recovery_minutes: float
    unplanned: tuple[str, ...]


def compute() -> Truth:
    """The figures the definitions give for the logs above."""
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
NOT_FAILED_WHY = {
    "D-108": "D-108 is the hotfix that ended INC-52077; it worked, so it did not fail",
    "D-113": "D-113 is the hotfix for INC-52130, which a marketing email surge caused, not a "
    "deployment",
    "D-110": "D-110 never reached production: the pipeline stopped it, which is the gate working",
}

MIN_RISK_WORDS, MAX_RISK_WORDS = 10, 80
MIN_USE_WORDS, MAX_USE_WORDS = 20, 150
MIN_RISKS, MAX_RISKS = 2, 5

_WORD = re.compile(r"[\w'’%-]+")

Number = StrictFloat | StrictInt
Text = Annotated[StrictStr, Field(min_length=1)]


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


def _words(text: str) -> int:
    return len(_WORD.findall(text))


def _compare_ids(
    check: Check, path: str, declared: list[str], expected: tuple[str, ...], what: str, why: str
) -> None:
    """Report missing, extra and repeated ids in a declared list."""
    seen: set[str] = set()
    for index, item in enumerate(declared):
        name = item.strip()
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
    listed = len({d.strip() for d in doc.failed_deployments})
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
    listed = len({d.strip() for d in doc.unplanned_deployments})
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
    f"into individual targets, each in {MIN_RISK_WORDS} to {MAX_RISK_WORDS} words.",
)
def critique_risks(doc: Metrics, check: Check) -> None:
    risks = doc.critique.risks
    filled = [r for r in risks if r.strip()]
    if not MIN_RISKS <= len(filled) <= MAX_RISKS:
        check.fail(
            "critique.risks",
            f"the critique names {len(filled)} risk{'' if len(filled) == 1 else 's'}; it needs "
            f"{MIN_RISKS} to {MAX_RISKS}",
            "say what people would start doing to hit the numbers, and what the team would "
            "stop learning",
        )
    seen: set[str] = set()
    for index, risk in enumerate(risks):
        if not risk.strip():
            continue
        key = " ".join(risk.casefold().split())
        if key in seen:
            check.fail(
                ("critique", "risks", index),
                "this risk repeats an earlier one",
                "name a different risk, or delete the repeat",
            )
            continue
        seen.add(key)
        count = _words(risk)
        if not MIN_RISK_WORDS <= count <= MAX_RISK_WORDS:
            check.fail(
                ("critique", "risks", index),
                f"risk {index + 1} has {count} words; it needs {MIN_RISK_WORDS} to "
                f"{MAX_RISK_WORDS}",
                "name the behaviour the target would reward and what it would cost, e.g. "
                "'engineers split one change into several deployments to raise their count'",
            )


@exercise.rule(
    "DORA-BETTER-USE",
    f"The critique says, in {MIN_USE_WORDS} to {MAX_USE_WORDS} words, how the metrics should "
    "be used instead.",
)
def better_use(doc: Metrics, check: Check) -> None:
    count = _words(doc.critique.better_use)
    if not MIN_USE_WORDS <= count <= MAX_USE_WORDS:
        check.fail(
            "critique.better_use",
            f"better_use has {count} words; it needs {MIN_USE_WORDS} to {MAX_USE_WORDS}",
            "say who looks at the metrics, how often, next to which business outcome, and "
            "what question they ask of them"
            if count < MIN_USE_WORDS
            else "keep the one or two uses that matter most",
        )
