"""The incident log's schema (module rel-03): impact, roles, actions and updates."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, NaiveDatetime, StrictBool, StrictFloat, StrictInt

from curriculum.validation import Artefact
from curriculum.validation.fields import Text
from curriculum.validation.toolkit import load_case

CASE = load_case()
#: depots in Brightwater's network: no more than these can be blocked
DEPOTS: int = CASE["depots_in_network"]

Severity = Literal["SEV1", "SEV2", "SEV3"]
Role = Literal["incident-commander", "scribe", "sme", "liaison"]
ActionKind = Literal["coordinate", "communicate", "record", "diagnose", "fix"]

When = Annotated[NaiveDatetime, Field(description="date and time, YYYY-MM-DD HH:MM")]


class Impact(Artefact):
    customer_facing: Annotated[
        StrictBool, Field(description="true if Brightwater's customers use the service")
    ]
    users_affected_percent: Annotated[
        StrictFloat | StrictInt,
        Field(ge=0, le=100, description="share of the service's users who cannot use it, 0-100"),
    ]
    depots_load_out_blocked: Annotated[
        StrictInt, Field(ge=0, le=DEPOTS, description="depots whose trucks are held at load-out")
    ]


class Person(Artefact):
    person: Annotated[Text, Field(description="who")]
    role: Annotated[Role, Field(description="incident-commander, scribe, sme or liaison")]


class Action(Artefact):
    at: When
    by: Annotated[Text, Field(description="a person named under roles")]
    kind: Annotated[
        ActionKind, Field(description="coordinate, communicate, record, diagnose or fix")
    ]
    text: Annotated[Text, Field(description="what they did")]


class Update(Artefact):
    at: When
    audience: Annotated[Text, Field(description="who receives it")]
    text: Annotated[Text, Field(description="the update, as sent")]


class IncidentLog(Artefact):
    incident: Annotated[Text, Field(description="a short title for the incident")]
    service: Annotated[Text, Field(description="the affected service")]
    impact: Annotated[Impact, Field(description="the impact, as far as it is known")]
    severity: Annotated[Severity, Field(description="SEV1, SEV2 or SEV3")]
    detected_at: When
    declared_at: When
    resolved_at: When
    roles: Annotated[list[Person], Field(description="who held which incident role")]
    actions: Annotated[list[Action], Field(description="who did what, when, in time order")]
    updates: Annotated[list[Update], Field(description="stakeholder updates, in time order")]
