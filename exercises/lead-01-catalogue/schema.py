"""The schema of a service catalogue entry (lead-01), and the case's vocabulary.

The word lists, the suppliers and last month's figures are in ``case.yaml``; the
rules in ``validator.py`` and the helpers in ``analysis.py`` read them from here.
A window whose end is at or before its start runs past midnight (22:00 to 05:00);
24:00 may end one.
"""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import AfterValidator, Field, StrictFloat, StrictInt, StrictStr
from pydantic_core import PydanticCustomError

from curriculum.validation import Artefact, Synonyms
from curriculum.validation.fields import Text, numbered_id
from curriculum.validation.toolkit import load_case

# --- the case and the vocabulary the rules use (case.yaml) ---------------------------------

CASE = load_case()
#: technology words that belong in the supporting part of the entry, not in what the
#: business reads or in its outcome measures
COMPONENT_TERMS: tuple[str, ...] = tuple(CASE["component_terms"])
#: what IT produces rather than what the business gets
OUTPUT_PHRASES: tuple[str, ...] = tuple(CASE["output_phrases"])
#: Brightwater's external suppliers (whole words, any case), and the short forms people use
SUPPLIER_NAMES: tuple[str, ...] = tuple(CASE["suppliers"])
SUPPLIERS = tuple(n for name, short in CASE["suppliers"].items() for n in (name, *short))
#: teams that run one part of the journey
COMPONENT_TEAMS: tuple[str, ...] = tuple(CASE["component_teams"])
#: owners that name nobody in particular, beyond the framework's own list
PLACEHOLDER_OWNERS: tuple[str, ...] = tuple(CASE["placeholder_owners"])
#: words that mark a provider as an internal unit (its agreement is an OLA, not a UA)
INTERNAL = re.compile(r"\b(team|department|dept|in-house|internal|our|brightwater)\b", re.I)
#: how direction and frequency are said, beyond the template's words
DIRECTIONS: dict[str, list[str]] = CASE["said"]["direction"]
FREQUENCIES: dict[str, list[str]] = CASE["said"]["frequency"]
DESCRIPTION_WORDS = (20, 80)
DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
DAY_NAMES = dict(zip(DAYS, ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"), strict=True))
WEEK = 7 * 1440

_CLOCK = re.compile(r"(?:[01]\d|2[0-3]):[0-5]\d|24:00")


# --- schema helpers ------------------------------------------------------------------------


def _clock(value: str) -> str:
    if not _CLOCK.fullmatch(value):
        raise PydanticCustomError(
            "string_pattern_mismatch",
            "wrong form",
            {
                "hint": "write a 24-hour clock time with two digits each side, e.g. '05:00' or "
                "'22:30'; use '24:00' for the end of the day"
            },
        )
    return value


Number = StrictInt | StrictFloat
Clock = Annotated[StrictStr, AfterValidator(_clock)]
Day = Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
SloId = Annotated[StrictStr, AfterValidator(numbered_id("SLO", "SLO1"))]
ComponentId = Annotated[StrictStr, AfterValidator(numbered_id("C", "C1"))]


class Channel(Artefact):
    channel: Annotated[Text, Field(description="how to reach the service: phone, portal, form")]
    use_for: Annotated[Text, Field(description="what to use this channel for")]
    open: Annotated[
        StrictStr | None, Field(default=None, description="when the channel is open, in words")
    ]


class Window(Artefact):
    days: Annotated[
        list[Day], Field(min_length=1, max_length=7, description="days it starts on: mon ... sun")
    ]
    start: Annotated[Clock, Field(description="start time, HH:MM")]
    end: Annotated[
        Clock, Field(description="end time, HH:MM; at or before start runs past midnight")
    ]


class CriticalPeriod(Window):
    name: Annotated[Text, Field(description="what happens then, in business words")]


class Hours(Artefact):
    service: Annotated[
        list[Window], Field(max_length=20, description="when the service can be used")
    ]
    support: Annotated[list[Window], Field(max_length=20, description="when help is available")]
    critical: Annotated[
        list[CriticalPeriod],
        Field(max_length=20, description="when the business depends on it most"),
    ]


class Slo(Artefact):
    id: Annotated[SloId, Field(description="SLO and a number, e.g. SLO1")]
    sli: Annotated[Text, Field(description="the indicator: good events out of valid events")]
    target_percent: Annotated[Number, Field(description="the SLO target, a percentage")]
    window_days: Annotated[StrictInt, Field(ge=1, le=366, description="rolling window, in days")]
    depends_on: Annotated[
        list[StrictStr], Field(max_length=30, description="ids of the components it depends on")
    ]


class Component(Artefact):
    id: Annotated[ComponentId, Field(description="C and a number, e.g. C1")]
    name: Annotated[Text, Field(description="the supporting component")]
    provider: Annotated[Text, Field(description="the internal team or supplier that provides it")]
    agreement: Annotated[
        Literal["OLA", "UA", "none"],
        Field(description="OLA (internal team), UA (external supplier) or none"),
    ]


class OutcomeMeasure(Artefact):
    name: Annotated[Text, Field(description="the business result, as the customer would say it")]
    definition: Annotated[Text, Field(description="how it is counted, e.g. 'A / B x 100'")]
    unit: Annotated[StrictStr | None, Field(default=None, description="e.g. %, per 10,000 parcels")]
    baseline: Annotated[Number | None, Field(default=None, description="the value today")]
    target: Annotated[Number | None, Field(default=None, description="the value you aim for")]
    direction: Annotated[
        Literal["up", "down"] | None,
        Synonyms(**DIRECTIONS),
        Field(default=None, description="up (or increase) if higher is better, down if lower"),
    ]
    frequency: Annotated[
        Literal["daily", "weekly", "fortnightly", "monthly", "quarterly"] | None,
        Synonyms(**FREQUENCIES),
        Field(default=None, description="how often it is reported"),
    ]
    data_source: Annotated[
        StrictStr | None, Field(default=None, description="where the numbers come from")
    ]


class Entry(Artefact):
    service: Annotated[Text, Field(description="the service, as the business knows it")]
    description: Annotated[Text, Field(description="what it does for the business, 20-80 words")]
    owner: Annotated[Text, Field(description="the person or role accountable end to end")]
    customers: Annotated[
        list[Text], Field(max_length=20, description="who decides what it must achieve")
    ]
    users: Annotated[list[Text], Field(max_length=20, description="who uses it day to day")]
    request_channels: Annotated[
        list[Channel], Field(max_length=20, description="how to ask for help or for something")
    ]
    hours: Annotated[Hours, Field(description="service hours, support hours, critical periods")]
    slos: Annotated[list[Slo], Field(max_length=20, description="the SLOs the entry refers to")]
    outcome_measures: Annotated[
        list[OutcomeMeasure], Field(max_length=20, description="business results it serves")
    ]
    supporting_components: Annotated[
        list[Component], Field(max_length=30, description="what the SLOs depend on")
    ]
