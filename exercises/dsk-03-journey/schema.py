"""The schema of a ticket-journey analysis and a swarm policy (module dsk-03)."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, StrictInt, StrictStr

from curriculum.validation import Artefact
from curriculum.validation.fields import Text

Count = Annotated[StrictInt, Field(ge=0)]


class SwarmPolicy(Artefact):
    name: Annotated[
        Text, Field(description="a short name for the swarm, e.g. 'load-out scanner swarm'")
    ]
    owner: Annotated[
        Text, Field(description="who keeps the ticket from start to finish while the swarm works")
    ]
    entry_triggers: Annotated[
        list[StrictStr], Field(description="conditions that start a swarm, each with a threshold")
    ]
    members: Annotated[list[StrictStr], Field(description="the roles who join the swarm")]
    exit_criteria: Annotated[
        list[StrictStr], Field(description="conditions that end the swarm, each with a threshold")
    ]


class JourneyAnalysis(Artefact):
    ticket: Annotated[Literal["INC-46094"], Field(description="the ticket you analysed: INC-46094")]
    handoffs: Annotated[Count, Field(description="moves of the ticket to a different team")]
    reassignments: Annotated[
        Count, Field(description="handoffs back to a team that had held the ticket before")
    ]
    working_minutes: Annotated[Count, Field(description="minutes someone was working on it")]
    waiting_minutes: Annotated[Count, Field(description="minutes nobody was working on it")]
    queue_minutes: Annotated[
        Count, Field(description="the waiting minutes spent in a team's queue after a handoff")
    ]
    observation: Annotated[
        StrictStr, Field(description="what the history tells you, in 20 to 150 words")
    ]
    swarm_policy: Annotated[SwarmPolicy, Field(description="your swarm trigger policy")]
