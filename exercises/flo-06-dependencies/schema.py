"""The schema of a dependency record: journeys, components, a change and an incident
(module flo-06)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from pydantic import AfterValidator, BeforeValidator, Field, StrictStr

from curriculum.validation import Artefact
from curriculum.validation.fields import Text, calendar_date, numbered_id

DATE_HINT = "write the date as year-month-day, e.g. '2026-06-05'"


def _date(value: Any) -> dt.date:
    return calendar_date(value, DATE_HINT)


def _tag(value: Any) -> Any:
    """An asset tag as the asset list writes it: capitals, no spaces around it."""
    return value.strip().upper() if isinstance(value, str) else value


ComponentId = Annotated[StrictStr, AfterValidator(numbered_id("C", "C3"))]
JourneyId = Annotated[StrictStr, AfterValidator(numbered_id("J", "J2"))]
#: an id the record refers to; compared without case, so a 'c3' still finds C3
Ref = Annotated[StrictStr, Field(min_length=1, max_length=20)]
Tag = Annotated[StrictStr, BeforeValidator(_tag), Field(min_length=1, max_length=40)]
Day = Annotated[dt.date, BeforeValidator(_date)]
Names = Annotated[list[Text], Field(max_length=40)]


class Journey(Artefact):
    id: Annotated[JourneyId, Field(description="J and a number, as the template gives it")]
    name: Annotated[Text, Field(description="what the users do, in their words")]
    users: Annotated[Text, Field(description="who makes the journey")]
    when: Annotated[Text, Field(description="the hours it happens")]
    uses: Annotated[
        list[Ref],
        Field(min_length=1, max_length=40, description="the components the users touch"),
    ]


class Component(Artefact):
    id: Annotated[ComponentId, Field(description="C and a number")]
    name: Annotated[Text, Field(description="what the component is, in plain words")]
    assets: Annotated[
        list[Tag],
        Field(min_length=1, max_length=20, description="its tags on the asset list"),
    ]
    owner: Annotated[Text, Field(description="the one team or supplier that owns it")]
    contact: Annotated[Text, Field(description="how to reach the owner in an incident")]
    depends_on: Annotated[
        list[Ref],
        Field(default_factory=list, max_length=40, description="the components it needs"),
    ]
    supports: Annotated[
        list[Ref],
        Field(default_factory=list, max_length=40, description="the journeys that need it"),
    ]
    feeds: Annotated[
        Names,
        Field(default_factory=list, description="other services that take something from it"),
    ]


class Change(Artefact):
    touches: Annotated[
        list[Ref],
        Field(min_length=1, max_length=40, description="the components the change alters"),
    ]
    journeys_at_risk: Annotated[
        list[Ref],
        Field(min_length=1, max_length=40, description="the journeys the change could break"),
    ]
    tell: Annotated[
        Names,
        Field(min_length=1, description="who must hear of it before it goes ahead"),
    ]


class Incident(Artefact):
    suspects: Annotated[
        list[Ref],
        Field(min_length=1, max_length=40, description="the components that could cause it"),
    ]
    call: Annotated[Names, Field(min_length=1, description="the owners to bring onto the call")]
    journeys_at_risk: Annotated[
        list[Ref],
        Field(min_length=1, max_length=40, description="the journeys the suspects carry"),
    ]
    tell: Annotated[
        Names,
        Field(default_factory=list, description="other services and people to warn"),
    ]


class DependencyRecord(Artefact):
    service: Annotated[Text, Field(description="the service the record describes")]
    service_owner: Annotated[Text, Field(description="the role that answers for the service")]
    record_owner: Annotated[Text, Field(description="the role that keeps the record true")]
    last_checked: Annotated[Day, Field(description="when the record was last checked")]
    next_check: Annotated[Day, Field(description="when it will next be checked")]
    journeys: Annotated[
        list[Journey], Field(min_length=1, max_length=20, description="the users' journeys")
    ]
    components: Annotated[
        list[Component],
        Field(min_length=1, max_length=60, description="the components, one entry each"),
    ]
    change: Annotated[Change, Field(description="the record used for change CHG-5310")]
    incident: Annotated[Incident, Field(description="the record used for the 05:20 calls")]
