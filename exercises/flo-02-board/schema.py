"""The schema of flo-02-board, and the limits and word lists its rules use."""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import Field, StrictFloat, StrictInt, StrictStr

from curriculum.validation import Artefact
from curriculum.validation.fields import Text
from curriculum.validation.toolkit import load_case, normal, word_count

Number = StrictFloat  # whole numbers are accepted too, text and true/false are not

#: total WIP across in-progress columns may not exceed this multiple of the team size
WIP_PER_PERSON = 1.5
MIN_IN_PROGRESS_COLUMNS = 2
CASE = load_case()
MIN_PULL_WORDS = 2
EXPEDITE = "expedite"
#: pull criteria that leave the decision to whoever pulls: nothing must be true
VAGUE_PULL = re.compile(
    r"\b(when (it is |it's |they are )?ready|ready when ready|as needed|when needed|if possible|"
    r"when possible|when there is time|whenever|at any time|no criteria|tbd)\b",
    re.IGNORECASE,
)
#: words that say only that work is urgent, not which work qualifies
# fmt: off
URGENT_ONLY = frozenset({
    "urgent", "urgently", "important", "high", "priority", "critical", "asap", "items", "item",
    "work", "tickets", "ticket", "stuff", "things", "anything", "everything", "is", "are",
    "the", "a", "an", "that", "for", "when", "if", "it", "goes", "go", "here", "in", "this",
    "class", "lane", "expedite", "expedited", "and", "or", "of", "to", "be", "all", "any",
    "only", "very", "really", "top", "first", "done", "now", "immediately",
})
# fmt: on
THROUGHPUT_RELATIVE = 0.01
THROUGHPUT_TOLERANCE = 0.005  # a figure rounded to two decimals is accepted
WIP_TOLERANCE = 0.1
CYCLE_RELATIVE = 0.05


def _words(text: str) -> int:
    return word_count(text)


def _is_expedite(name: str) -> bool:
    return normal(name).startswith("expedit")


class Column(Artefact):
    name: Annotated[Text, Field(description="the column's name on the board")]
    kind: Annotated[
        Literal["backlog", "in_progress", "done"],
        Field(
            description="backlog (before the commitment point), in_progress (committed work, "
            "being done or waiting inside the team's workflow) or done"
        ),
    ]
    wip_limit: Annotated[
        StrictInt | None,
        Field(description="the most items allowed in the column at once; null if none"),
    ]
    pull_criteria: Annotated[
        StrictStr,
        Field(description="what must be true of an item before someone pulls it into the column"),
    ]


class ClassOfService(Artefact):
    name: Annotated[
        Text, Field(description="the class's name, e.g. expedite, fixed date, standard")
    ]
    wip_limit: Annotated[
        StrictInt | None,
        Field(description="the most items of this class in progress at once; null if none"),
    ]
    policy: Annotated[
        StrictStr,
        Field(description="when an item belongs to the class and how it is pulled"),
    ]


class Flow(Artefact):
    period_working_days: Annotated[
        StrictInt, Field(ge=1, le=260, description="working days of history the figures cover")
    ]
    items_finished: Annotated[
        StrictInt, Field(ge=0, description="items that reached done in that period")
    ]
    throughput_per_day: Annotated[Number, Field(description="items_finished / period_working_days")]
    wip_snapshots: Annotated[
        list[StrictInt],
        Field(
            min_length=1,
            max_length=260,
            description="items in progress, counted on the board at regular points in the period",
        ),
    ]
    average_wip: Annotated[Number, Field(description="the mean of wip_snapshots")]
    cycle_time_days: Annotated[
        Number, Field(description="average cycle time today: average_wip / throughput_per_day")
    ]
    forecast_cycle_time_days: Annotated[
        Number,
        Field(
            description="average cycle time once the board runs at its WIP limits: "
            "the total WIP limit / throughput_per_day"
        ),
    ]


class Board(Artefact):
    team: Annotated[Text, Field(description="the team the board is for")]
    team_size: Annotated[
        StrictInt, Field(ge=1, le=100, description="people who pull work from the board")
    ]
    columns: Annotated[
        list[Column], Field(min_length=1, max_length=20, description="the columns, left to right")
    ]
    classes_of_service: Annotated[
        list[ClassOfService],
        Field(min_length=1, max_length=10, description="the classes of service and their policies"),
    ]
    flow: Annotated[Flow, Field(description="the team's flow figures and Little's Law")]


# --- helpers -----------------------------------------------------------------------------


def _in_progress(board: Board) -> list[tuple[int, Column]]:
    return [(i, c) for i, c in enumerate(board.columns, 1) if c.kind == "in_progress"]


def _total_wip(board: Board) -> int:
    return sum(c.wip_limit or 0 for _, c in _in_progress(board) if (c.wip_limit or 0) > 0)


def _article(kind: str) -> str:
    return ("an " if kind[0] in "aeiou" else "a ") + kind


def _throughput(board: Board) -> float:
    return board.flow.items_finished / board.flow.period_working_days
