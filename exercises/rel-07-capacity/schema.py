"""The schema of rel-07-capacity: demand, capacity, the peak setup and the actions."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from pydantic import AfterValidator, BeforeValidator, Field, StrictFloat, StrictInt, StrictStr
from pydantic_core import PydanticCustomError

from curriculum.validation import Artefact
from curriculum.validation.fields import Text, calendar_date, numbered_id

#: a number: whole or with decimals, never text or true/false (quoted numbers and
#: "46 %" are read as numbers before the schema judges them)
Number = StrictFloat | StrictInt

_DAY_HINT = "write the date as YYYY-MM-DD, e.g. 2026-10-16"


def _day(value: Any) -> dt.date:
    return calendar_date(value, _DAY_HINT)


def _upper(value: Any) -> Any:
    """An id as compared: 'e1' and ' E1 ' are E1 (a marker reads them alike)."""
    return value.strip().upper() if isinstance(value, str) else value


def _above_zero(hint: str) -> Any:
    """A figure that must be above 0, with a hint that says where it comes from."""

    def check(value: float) -> float:
        if value <= 0:
            raise PydanticCustomError("greater_than", "above 0", {"gt": 0, "hint": hint})
        return value

    return AfterValidator(check)


Day = Annotated[dt.date, BeforeValidator(_day)]
EventId = Annotated[StrictStr, BeforeValidator(_upper), AfterValidator(numbered_id("E", "E1"))]
ActionId = Annotated[StrictStr, BeforeValidator(_upper), AfterValidator(numbered_id("A", "A1"))]


class Event(Artefact):
    id: Annotated[EventId, Field(description="the event's id in the brief, e.g. E1")]
    extra_rps: Annotated[
        Number, Field(ge=0, le=10000, description="requests a second it adds at the busiest minute")
    ]
    what: Annotated[Text | None, Field(default=None, description="optional: the event in words")]


class Demand(Artefact):
    last_peak_rps: Annotated[
        Number,
        Field(le=100000, description="last peak's busiest minute, in requests a second"),
        _above_zero("write last peak's busiest minute: its requests divided by 60"),
    ]
    growth_percent: Annotated[
        Number, Field(ge=-90, le=1000, description="organic growth on last peak, in %")
    ]
    inorganic: Annotated[
        list[Event],
        Field(max_length=20, description="the known events that add demand at the peak"),
    ]
    forecast_peak_rps: Annotated[
        Number,
        Field(ge=0, le=1000000, description="the busiest minute forecast for the coming peak"),
    ]


class Capacity(Artefact):
    tested_instances: Annotated[
        StrictInt, Field(ge=1, le=1000, description="instances in the load test")
    ]
    capacity_rps: Annotated[
        Number,
        Field(le=1000000, description="the highest load at which the SLO still held"),
        _above_zero("write the highest load-test step at which the SLO held, in requests a second"),
    ]
    headroom_percent: Annotated[
        Number, Field(ge=-100000, le=100, description="(capacity - forecast) / capacity x 100")
    ]
    n_plus_1_rps: Annotated[
        Number, Field(ge=0, le=1000000, description="capacity with one instance lost")
    ]


class PeakSetup(Artefact):
    instances: Annotated[
        StrictInt, Field(ge=1, le=1000, description="instances running through the peak")
    ]
    start: Annotated[Day, Field(description="the day the peak setup is in place")]
    end: Annotated[Day, Field(description="the last day it runs")]
    load_test_on: Annotated[Day, Field(description="the day a load test confirms it")]
    capacity_rps: Annotated[
        Number, Field(ge=0, le=1000000, description="the peak setup's capacity at the SLO")
    ]
    headroom_percent: Annotated[
        Number, Field(ge=-100000, le=100, description="its headroom at the forecast peak")
    ]
    n_plus_1_rps: Annotated[
        Number, Field(ge=0, le=1000000, description="its capacity with one instance lost")
    ]
    cost_gbp: Annotated[
        Number, Field(ge=0, le=100000000, description="the extra instances' cost, in pounds")
    ]


class Action(Artefact):
    id: Annotated[ActionId, Field(description="A and a number, e.g. A1")]
    action: Annotated[Text, Field(description="what will be done, specific enough to check")]
    owner_role: Annotated[Text, Field(description="the role that owns it, not a person's name")]
    due: Annotated[Day, Field(description="the date it is done by: YYYY-MM-DD")]


class CapacityPlan(Artefact):
    service: Annotated[Text, Field(description="the service the plan is for")]
    slo: Annotated[Text, Field(description="the SLO that says what 'enough' means")]
    demand: Annotated[Demand, Field(description="last peak, growth, events and the forecast")]
    capacity: Annotated[
        Capacity, Field(description="capacity today, from the load test, with its headroom")
    ]
    peak_setup: Annotated[
        PeakSetup, Field(description="the service as it will run through the peak")
    ]
    actions: Annotated[
        list[Action],
        Field(max_length=30, description="what must be done before the freeze, and by whom"),
    ]
    review_on: Annotated[
        Day | None,
        Field(default=None, description="optional: when the plan is checked after the peak"),
    ]
