"""The schema of a process-improvement backlog and its first sprint (module flo-01)."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, StrictInt, StrictStr

from curriculum.validation import Artefact
from curriculum.validation.fields import Text


class Sprint(Artefact):
    length_weeks: Annotated[StrictInt, Field(ge=1, le=4, description="sprint length in weeks")]
    capacity_points: Annotated[
        StrictInt, Field(ge=1, le=200, description="story points the team can finish in a sprint")
    ]


class Story(Artefact):
    id: Annotated[StrictStr, Field(min_length=1, max_length=12, description="a short id, e.g. B1")]
    rank: Annotated[StrictInt, Field(description="order in the backlog: 1 is done first")]
    story: Annotated[Text, Field(description="As a <who>, I want <what>, so that <why>")]
    acceptance_criteria: Annotated[
        list[StrictStr],
        Field(max_length=12, description="checkable statements that say when it is done"),
    ]
    estimate_points: Annotated[StrictInt, Field(ge=1, description="the team's estimate, in points")]


class FirstSprint(Artefact):
    goal: Annotated[StrictStr, Field(description="what the sprint achieves, in one sentence")]
    stories: Annotated[
        list[StrictStr],
        Field(min_length=1, max_length=30, description="ids of the stories the team pulls in"),
    ]
    total_points: Annotated[StrictInt, Field(description="the sum of those stories' estimates")]


class Backlog(Artefact):
    process: Annotated[Text, Field(description="the service-management process being improved")]
    process_owner: Annotated[Text, Field(description="the role accountable for the process")]
    product_owner: Annotated[
        Text, Field(description="the role that orders the backlog: the process owner")
    ]
    sprint: Annotated[Sprint, Field(description="sprint length and the team's capacity")]
    backlog: Annotated[
        list[Story], Field(min_length=5, max_length=30, description="the user stories, ranked")
    ]
    sprint_1: Annotated[FirstSprint, Field(description="the first sprint: goal, stories, points")]
