"""Checks an SLO specification (module rel-01)."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, StrictFloat, StrictInt, StrictStr

from curriculum.validation import Artefact, Check, Exercise

Text = Annotated[StrictStr, Field(min_length=1)]
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


@exercise.rule(
    "SLO-SLI-EVENTS",
    "The SLI names its good events (numerator) and its valid events (denominator), "
    "and they are not the same.",
)
def sli_events(slo: Slo, check: Check) -> None:
    good, valid = slo.sli.good_events, slo.sli.valid_events
    for path, text in (("sli.good_events", good), ("sli.valid_events", valid)):
        if len(text.split()) < 3:
            check.fail(
                path,
                f"'{text}' is too short to say which events count",
                "describe the events and, for good events, the threshold, "
                "e.g. 'scans confirmed within 10 seconds'",
            )
    if good.casefold() == valid.casefold():
        check.fail(
            "sli.good_events",
            "good events and valid events are the same",
            "good events are the subset of valid events that met the threshold",
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


@exercise.rule("SLO-SLA-LOOSER", "Any SLA target is no higher than the SLO target.")
def sla_looser(slo: Slo, check: Check) -> None:
    if slo.sla_target_percent is not None and slo.sla_target_percent > slo.target_percent:
        check.fail(
            "sla_target_percent",
            f"the SLA target ({slo.sla_target_percent} %) is stricter than the SLO "
            f"({slo.target_percent} %)",
            "keep the promise looser than the internal objective, so the team reacts "
            "before the agreement is broken",
        )
