"""Checks an SLO specification (module rel-01)."""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import Field, StrictFloat, StrictInt

from curriculum.validation import Artefact, Check, Exercise
from curriculum.validation.fields import Text
from curriculum.validation.toolkit import normal

Percent = StrictFloat | StrictInt


class Sli(Artefact):
    good_events: Annotated[Text, Field(description="numerator: the events that count as good")]
    valid_events: Annotated[Text, Field(description="denominator: the events that count at all")]
    measured_at: Annotated[Text, Field(description="where the events are measured")]


class Slo(Artefact):
    service: Annotated[Text, Field(description="the service, as the business knows it")]
    journey: Annotated[Text, Field(description="the user journey, in the users' words")]
    sli: Annotated[Sli, Field(description="the indicator: good events over valid events")]
    target_percent: Annotated[Percent, Field(description="the SLO target, a percentage")]
    window_days: Annotated[StrictInt, Field(ge=1, le=366, description="rolling window, days")]
    valid_events_per_window: Annotated[
        StrictInt, Field(ge=1, description="valid events expected in one window")
    ]
    error_budget_minutes: Annotated[Percent, Field(description="the budget in minutes")]
    error_budget_events: Annotated[Percent, Field(description="the budget in events")]
    sla_target_percent: Annotated[
        Percent | None, Field(default=None, description="optional agreed (SLA) target")
    ]


exercise = Exercise(schema=Slo)


@exercise.rule("SLO-TARGET-RANGE", "The target is above 0 % and below 100 %.")
def target_range(slo: Slo, check: Check) -> None:
    if not 0 < slo.target_percent < 100:
        check.fail(
            "target_percent",
            f"target_percent is {slo.target_percent}; it must be above 0 and below 100",
            "100 % leaves no error budget at all and no room to change anything; "
            "pick the level below which users notice, e.g. 99.5",
        )


#: an aggregate of a measurement, where the SLI asks for a count of events
AGGREGATE = re.compile(
    r"\b(averages?|averaged|median|percentiles?|p(50|90|95|99|99\.9)"
    r"|mean\s+(time|response|latency|duration|load|scan))\b",
    re.IGNORECASE,
)


def _same(a: str, b: str) -> bool:
    return normal(a).strip(" .;") == normal(b).strip(" .;")


@exercise.rule(
    "SLO-SLI-EVENTS",
    "The good events (numerator) and the valid events (denominator) are not the same "
    "text: good events are the part of the valid events that met the threshold.",
)
def sli_events(slo: Slo, check: Check) -> None:
    if _same(slo.sli.good_events, slo.sli.valid_events):
        check.fail(
            "sli.good_events",
            "good_events and valid_events say the same thing, so the SLI is always 100 %",
            "good events are the valid events that met a threshold a user notices, "
            "e.g. 'scans confirmed within 10 seconds'",
        )


@exercise.rule(
    "SLO-SLI-COUNTS",
    "The SLI counts events: neither good nor valid events is an average, a median "
    "or a percentile of a measurement.",
)
def sli_counts(slo: Slo, check: Check) -> None:
    for name in ("good_events", "valid_events"):
        found = AGGREGATE.search(getattr(slo.sli, name))
        if found:
            check.fail(
                f"sli.{name}",
                f"sli.{name} describes a figure ('{found.group(0)}'), not a set of events "
                "that can be counted",
                "count each event against the threshold instead, e.g. 'scans confirmed "
                "within 3 seconds' out of 'all load-out scans': an average hides the "
                "slow scans users feel",
            )


@exercise.rule(
    "SLO-BUDGET-MINUTES",
    "error_budget_minutes equals (1 - target_percent/100) x window_days x 1440, "
    "within 0.5 minutes.",
)
def budget_minutes(slo: Slo, check: Check) -> None:
    if not 0 < slo.target_percent < 100:
        return  # reported by SLO-TARGET-RANGE
    expected = (1 - slo.target_percent / 100) * slo.window_days * 1440
    check.close(
        "error_budget_minutes",
        slo.error_budget_minutes,
        expected,
        tolerance=0.5,
        how=f"(1 - {slo.target_percent}/100) x {slo.window_days} days x 1440 minutes",
    )


@exercise.rule(
    "SLO-BUDGET-EVENTS",
    "error_budget_events equals (1 - target_percent/100) x valid_events_per_window, "
    "within one event or 0.5 %.",
)
def budget_events(slo: Slo, check: Check) -> None:
    if not 0 < slo.target_percent < 100:
        return
    expected = (1 - slo.target_percent / 100) * slo.valid_events_per_window
    check.close(
        "error_budget_events",
        slo.error_budget_events,
        expected,
        tolerance=1,
        relative=0.005,
        how=f"(1 - {slo.target_percent}/100) x {slo.valid_events_per_window} valid events",
    )


@exercise.rule(
    "SLO-SLA-LOOSER",
    "Any SLA target is below the SLO target (looser), so the team can react before "
    "the agreement is broken.",
)
def sla_looser(slo: Slo, check: Check) -> None:
    sla = slo.sla_target_percent
    if sla is not None and sla >= slo.target_percent:
        stricter = "the same as" if sla == slo.target_percent else "stricter than"
        check.fail(
            "sla_target_percent",
            f"the SLA target ({sla} %) is {stricter} the SLO ({slo.target_percent} %)",
            "keep the promise looser than the internal objective (e.g. SLA 99 % for an "
            "SLO of 99.5 %), so the team reacts before the agreement is broken; "
            "or leave sla_target_percent as null if there is no agreement",
        )
