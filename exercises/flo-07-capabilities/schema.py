"""The shape of an improvement bet (exercise flo-07-capabilities), and the metric vocabulary.

A bet file names the team, repeats the team's five delivery metrics from module
flo-05 as its baseline, and places two or three bets: each on one DORA
capability, with the evidence for it, the metric or metrics it should move and a
target for each, a date, a first experiment, an owner and a guardrail.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal, NamedTuple

from pydantic import BeforeValidator, Field, StrictFloat, StrictStr

from curriculum.validation import Artefact, Synonyms
from curriculum.validation.fields import calendar_date


class MetricInfo(NamedTuple):
    field: str  #: the baseline field that holds the team's value
    group: str  #: throughput or instability, as DORA's guide groups them
    higher_is_better: bool
    unit: str


#: DORA's five software delivery metrics, as module flo-05 teaches them
METRICS: dict[str, MetricInfo] = {
    "deployment frequency": MetricInfo(
        "deployments_per_week", "throughput", True, "deployments a week"
    ),
    "change lead time": MetricInfo("median_lead_time_hours", "throughput", False, "hours"),
    "failed deployment recovery time": MetricInfo(
        "median_recovery_minutes", "throughput", False, "minutes"
    ),
    "change fail rate": MetricInfo("change_fail_rate_percent", "instability", False, "%"),
    "deployment rework rate": MetricInfo(
        "deployment_rework_rate_percent", "instability", False, "%"
    ),
}

MetricName = Literal[
    "deployment frequency",
    "change lead time",
    "failed deployment recovery time",
    "change fail rate",
    "deployment rework rate",
]
#: what people write for each metric (the old names of the four keys included)
METRIC_WORDS = Synonyms(
    **{
        "deployment frequency": [
            "frequency",
            "deploy frequency",
            "deployments per week",
            "deployments a week",
            "deployments_per_week",
            "release frequency",
        ],
        "change lead time": [
            "lead time",
            "lead time for changes",
            "median lead time",
            "median change lead time",
            "median_lead_time_hours",
            "lead time (hours)",
            "deployment lead time",
        ],
        "failed deployment recovery time": [
            "recovery time",
            "median recovery time",
            "failed deployment recovery",
            "time to restore",
            "time to restore service",
            "mttr",
            "mean time to restore",
            "mean time to recovery",
            "median_recovery_minutes",
            "deployment recovery time",
        ],
        "change fail rate": [
            "change failure rate",
            "change fail percentage",
            "change failure percentage",
            "cfr",
            "failure rate",
            "change_fail_rate_percent",
        ],
        "deployment rework rate": [
            "rework rate",
            "rework",
            "deployment_rework_rate_percent",
            "unplanned deployment rate",
        ],
    }
)
Metric = Annotated[MetricName, METRIC_WORDS]

TeamName = Literal["parcel-tracking", "scan-sync"]
TEAM_WORDS = Synonyms(
    **{
        "parcel-tracking": [
            "Parcel Tracking",
            "Parcel Tracking application team",
            "Parcel Tracking team",
            "application team",
            "Parcel Tracking app team",
            "the Parcel Tracking team",
        ],
        "scan-sync": [
            "platform team",
            "the platform team",
            "platform team, scan-sync",
            "platform team (scan-sync)",
            "scan-sync service",
            "Depot Scanning sync service",
            "sync service",
            "scansync",
            "Depot Scanning sync",
        ],
    }
)

_DAY_HINT = "write the date as YYYY-MM-DD, e.g. 2026-06-26"


def _day(value: Any) -> dt.date:
    return calendar_date(value, _DAY_HINT)


Text = Annotated[StrictStr, Field(min_length=1, max_length=1500)]
Day = Annotated[dt.date, BeforeValidator(_day)]
Number = Annotated[StrictFloat, Field(ge=0, le=100000)]  # whole numbers are accepted too
Percent = Annotated[StrictFloat, Field(ge=0, le=100)]


class Baseline(Artefact):
    deployments_per_week: Annotated[
        Number, Field(description="deployment frequency: deployments a week in the window")
    ]
    median_lead_time_hours: Annotated[
        Number, Field(description="median change lead time, commit to production, in hours")
    ]
    change_fail_rate_percent: Annotated[
        Percent, Field(description="failed deployments / deployments x 100")
    ]
    median_recovery_minutes: Annotated[
        Number, Field(description="median failed deployment recovery time, in minutes")
    ]
    deployment_rework_rate_percent: Annotated[
        Percent, Field(description="unplanned deployments / deployments x 100")
    ]


class Move(Artefact):
    metric: Annotated[Metric, Field(description="a DORA metric the bet should move")]
    target: Annotated[Number, Field(description="its value by the date, in the baseline's unit")]


class Guardrail(Artefact):
    metric: Annotated[Metric, Field(description="the DORA metric that must not get worse")]
    limit: Annotated[Number, Field(description="the worst value allowed, in the baseline's unit")]


class Bet(Artefact):
    capability: Annotated[Text, Field(description="one capability from DORA's catalogue")]
    evidence: Annotated[
        Text, Field(description="why this capability, from the team's own figures and logs")
    ]
    moves: Annotated[
        list[Move], Field(min_length=1, max_length=2, description="the metric(s) and targets")
    ]
    by: Annotated[Day, Field(description="the date by which the targets should be reached")]
    experiment: Annotated[Text, Field(description="the first small experiment")]
    experiment_ends: Annotated[Day, Field(description="when the first experiment is looked at")]
    owner: Annotated[Text, Field(description="who answers for the bet: a person or a role")]
    guardrail: Annotated[Guardrail, Field(description="the metric that must not get worse")]


class CapabilityBets(Artefact):
    team: Annotated[TeamName, TEAM_WORDS, Field(description="parcel-tracking or scan-sync")]
    baseline: Annotated[
        Baseline, Field(description="the team's five delivery metrics from module flo-05")
    ]
    bets: Annotated[list[Bet], Field(min_length=2, max_length=3, description="two or three bets")]
