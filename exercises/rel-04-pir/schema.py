"""The schema of rel-04-pir: key times, timeline, contributing factors and actions."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from pydantic import AfterValidator, BeforeValidator, Field, StrictFloat, StrictInt, StrictStr

from curriculum.validation import Artefact
from curriculum.validation.fields import Text, calendar_date, local_datetime, numbered_id

_STAMP_HINT = "write it as YYYY-MM-DD HH:MM in Brightwater's local time, e.g. 2025-12-09 05:18"
_DAY_HINT = "write the date as YYYY-MM-DD, e.g. 2025-12-19"


# --- schema helpers ---------------------------------------------------------------------


def _stamp(value: Any) -> dt.datetime:
    return local_datetime(value, _STAMP_HINT)


def _day(value: Any) -> dt.date:
    return calendar_date(value, _DAY_HINT)


Stamp = Annotated[dt.datetime, BeforeValidator(_stamp)]
Day = Annotated[dt.date, BeforeValidator(_day)]
FactorId = Annotated[StrictStr, AfterValidator(numbered_id("CF", "CF1"))]
ActionId = Annotated[StrictStr, AfterValidator(numbered_id("A", "A1"))]


class KeyTimes(Artefact):
    started: Annotated[Stamp, Field(description="when users were first affected")]
    detected: Annotated[
        Stamp, Field(description="when IT first recorded a signal: an alert, a call, a ticket")
    ]
    mitigated: Annotated[Stamp, Field(description="when users stopped being affected")]
    resolved: Annotated[
        Stamp, Field(description="when the condition was removed and the incident closed")
    ]


class Entry(Artefact):
    at: Annotated[Stamp, Field(description="when it happened: YYYY-MM-DD HH:MM")]
    event: Annotated[Text, Field(description="what happened, in the past tense, naming no one")]


class Factor(Artefact):
    id: Annotated[FactorId, Field(description="CF and a number, e.g. CF1")]
    factor: Annotated[Text, Field(description="a condition in the system that contributed")]
    evidence: Annotated[Text, Field(description="what in the timeline or the data shows it")]


class Action(Artefact):
    id: Annotated[ActionId, Field(description="A and a number, e.g. A1")]
    action: Annotated[Text, Field(description="what will change, specific enough to check")]
    owner_role: Annotated[Text, Field(description="the role that owns it, not a person's name")]
    due: Annotated[Day, Field(description="the date it is due: YYYY-MM-DD")]
    factors: Annotated[
        list[StrictStr], Field(description="ids of the contributing factors it addresses")
    ]


class Review(Artefact):
    title: Annotated[Text, Field(description="a short, neutral title for the incident")]
    service: Annotated[Text, Field(description="the service, as the business knows it")]
    review_meeting: Annotated[Day, Field(description="the date of the review meeting")]
    key_times: Annotated[KeyTimes, Field(description="started, detected, mitigated, resolved")]
    impact_minutes: Annotated[
        StrictInt | StrictFloat,
        Field(ge=0, description="minutes from started to mitigated"),
    ]
    summary: Annotated[Text, Field(description="what happened, in a few sentences")]
    impact: Annotated[Text, Field(description="who was affected and how, in business terms")]
    timeline: Annotated[
        list[Entry], Field(min_length=3, max_length=200, description="what happened, in order")
    ]
    contributing_factors: Annotated[
        list[Factor], Field(max_length=50, description="conditions that contributed")
    ]
    actions: Annotated[
        list[Action], Field(min_length=1, max_length=50, description="what will change")
    ]
