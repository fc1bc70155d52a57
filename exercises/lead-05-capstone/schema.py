"""The capstone plan's schema (module lead-05): sponsor, embedded artefacts, improvements
with their measures, and the evaluation against the programme's values.

The learners' seats and the programme's values are read from ``programme.yaml`` at the
course root, the one place they are defined; the plan's length from ``case.yaml``.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BeforeValidator, Field, StrictFloat, StrictInt, StrictStr
from pydantic_core import PydanticCustomError

from curriculum.core.programme import load_programme
from curriculum.validation import Artefact
from curriculum.validation.fields import Text, calendar_date
from curriculum.validation.toolkit import load_case

CASE: dict[str, Any] = load_case()
_PROGRAMME, _problems = load_programme(Path(__file__).resolve().parents[2] / "programme.yaml")
if _PROGRAMME is None:  # pragma: no cover - the course build reports a broken programme.yaml
    raise RuntimeError("programme.yaml at the course root cannot be read")

PLAN_DAYS: int = CASE["plan_days"]
#: the programme's values (id -> statement) and the learners' seats (audience ids)
VALUES = {v.id: v.statement for v in _PROGRAMME.values}
SEATS = tuple(a.id for a in _PROGRAMME.audiences)
Seat = Literal[SEATS]  # type: ignore[valid-type]

_DAY_HINT = "write the date as YYYY-MM-DD, e.g. 2026-01-05"
_SLUG = re.compile(r"[a-z0-9][a-z0-9-]{0,29}")
_IMPROVEMENT = re.compile(r"I[0-9]{1,2}")
_EXERCISE = re.compile(r"[a-z]+-[0-9]{2}-[a-z0-9-]+")


def _day(value: Any) -> dt.date:
    return calendar_date(value, _DAY_HINT)


def _pattern(regex: re.Pattern[str], hint: str) -> Any:
    def check(value: str) -> str:
        if not regex.fullmatch(value):
            raise PydanticCustomError("string_pattern_mismatch", "wrong form", {"hint": hint})
        return value

    return AfterValidator(check)


Number = StrictInt | StrictFloat
Day = Annotated[dt.date, BeforeValidator(_day)]
Slug = Annotated[
    StrictStr,
    _pattern(_SLUG, "a short name in lower case, digits and hyphens, e.g. 'slo' or 'pir'"),
]
ImprovementId = Annotated[StrictStr, _pattern(_IMPROVEMENT, "write 'I' and a number, e.g. 'I1'")]
ExerciseId = Annotated[
    StrictStr,
    Field(min_length=1),
    _pattern(
        _EXERCISE,
        "write the earlier exercise's id as the course shows it, in lower case, "
        "e.g. 'rel-01-slo' or 'dsk-04-scorecard'",
    ),
]


class Sponsor(Artefact):
    who: Annotated[Text, Field(description="the sponsor: a name and role, or a role")]
    ask: Annotated[Text, Field(description="what you ask the sponsor to decide, give or protect")]
    review_every_days: Annotated[
        StrictInt,
        Field(ge=1, le=PLAN_DAYS, description="days between reviews of the plan with the sponsor"),
    ]


class Embedded(Artefact):
    id: Annotated[Slug, Field(description="a short name improvements use, e.g. 'slo'")]
    exercise: Annotated[ExerciseId, Field(description="the earlier exercise's id, e.g. rel-01-slo")]
    contributes: Annotated[Text, Field(description="what this artefact gives the plan")]
    content: Annotated[Any, Field(description="the earlier artefact, pasted in and indented")]


class Measure(Artefact):
    measure: Annotated[Text, Field(description="what is counted, in words")]
    baseline: Annotated[Number, Field(description="the value today, before the plan")]
    target: Annotated[Number, Field(description="the value the plan aims for")]
    unit: Annotated[Text, Field(description="the unit of baseline and target")]
    direction: Annotated[
        Literal["up", "down"], Field(description="up or down: which way is better")
    ]
    data_source: Annotated[Text, Field(description="where the numbers come from")]


class Improvement(Artefact):
    id: Annotated[ImprovementId, Field(description="I and a number, e.g. I1")]
    title: Annotated[Text, Field(description="the improvement, in a short phrase")]
    change: Annotated[Text, Field(description="what will be different, specific enough to check")]
    owner: Annotated[Text, Field(description="who owns it: a name and role, or a role")]
    artefacts: Annotated[
        list[StrictStr], Field(description="ids of the embedded artefacts it builds on")
    ]
    start_day: Annotated[StrictInt, Field(description="first day of work, counted from 1")]
    end_day: Annotated[StrictInt, Field(description="the day it is done, at most 90")]
    depends_on: Annotated[
        list[StrictStr],
        Field(default_factory=list, description="ids of improvements that must finish first"),
    ]
    behaviour_measure: Annotated[
        Measure, Field(description="Kirkpatrick level 3: what people do differently at work")
    ]
    results_measure: Annotated[
        Measure, Field(description="Kirkpatrick level 4: what changes for the business")
    ]


class ValueCheck(Artefact):
    value: Annotated[StrictStr, Field(description="a programme value id, V1 to V5")]
    how: Annotated[Text, Field(description="how the plan serves this value")]
    improvements: Annotated[
        list[StrictStr], Field(description="ids of the improvements that serve it")
    ]
    tension: Annotated[
        StrictStr | None,
        Field(default=None, description="where the plan falls short of it or trades against it"),
    ]


class Capstone(Artefact):
    title: Annotated[Text, Field(description="the plan's title")]
    author_role: Annotated[
        Seat, Field(description="your seat, an audience of programme.yaml: " + ", ".join(SEATS))
    ]
    service: Annotated[Text, Field(description="one Brightwater service")]
    problem: Annotated[Text, Field(description="the problem, in business terms, with evidence")]
    start_date: Annotated[Day, Field(description="day 1 of the plan: YYYY-MM-DD")]
    sponsor: Annotated[Sponsor, Field(description="who backs the plan, and what you ask of them")]
    artefacts: Annotated[
        list[Embedded],
        Field(min_length=1, max_length=12, description="earlier artefacts, embedded"),
    ]
    improvements: Annotated[
        list[Improvement],
        Field(min_length=1, max_length=20, description="what will change, phased in 90 days"),
    ]
    values: Annotated[
        list[ValueCheck],
        Field(min_length=1, max_length=10, description="the plan evaluated against the values"),
    ]
