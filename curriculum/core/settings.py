"""A course's own rules, from the ``course:`` block of programme.yaml.

Everything here has a neutral default, so a new course needs no ``course:`` block at
all; this repository's course sets its stricter house rules there. The build, lint
and ``curriculum test`` read the same object, so a rule holds in all three with the
same number, and the contributor guide quotes it from here (``{course-policy}``).
"""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StrictBool,
    StrictInt,
    StrictStr,
    ValidationInfo,
    field_validator,
)

#: how a rule that a course may relax is reported
Level = Literal["error", "warning", "off"]

DEFAULT_MODULE_ID = r"^[a-z]{1,8}-[0-9]{2}$"
DEFAULT_VALUE_ID = r"^V[0-9]+$"

#: openings that describe a state of mind, not something a trainer can observe (English)
DEFAULT_UNOBSERVABLE = (
    "understand",
    "know",
    "learn",
    "appreciate",
    "be aware",
    "become aware",
    "be familiar",
    "become familiar",
    "gain",
    "grasp",
)

Count = Annotated[StrictInt, Field(ge=0, le=100_000)]


class _Settings(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


def _regex(value: str) -> str:
    try:
        re.compile(value)
    except re.error as err:
        raise ValueError(f"'{value}' is not a regular expression: {err}") from None
    return value


class TeachingPolicy(_Settings):
    """What every module and exercise must hold. Lint reports each rule with its number."""

    objectives_min: Annotated[Count, Field(description="fewest objectives in a module")] = 1
    objectives_max: Annotated[Count, Field(description="most objectives in a module")] = 8
    min_words: Annotated[
        Count,
        Field(
            description="fewest words a module page teaches (its learner text: no "
            "trainer notes, model answers, code or front matter); 0 for no minimum"
        ),
    ] = 0
    quiz_questions: Annotated[
        Count,
        Field(description="each module has a quiz of at least this many questions; 0: optional"),
    ] = 0
    exercise_required: Annotated[
        StrictBool, Field(description="each module shows an exercise with a validator")
    ] = False
    pass_cases: Annotated[Count, Field(description="fewest files in an exercise's cases/pass/")] = 1
    fail_cases: Annotated[Count, Field(description="fewest files in an exercise's cases/fail/")] = 1
    schema_fail_case: Annotated[
        StrictBool,
        Field(description="at least one fail case breaks the schema (a schema.* finding)"),
    ] = False
    every_rule_failed: Annotated[
        StrictBool,
        Field(description="every rule of a validator is triggered by one of its fail cases"),
    ] = True
    unassessed_objectives: Annotated[
        Level,
        Field(description="an objective that no exercise or quiz question assesses"),
    ] = "error"
    timing_plan: Annotated[
        Level,
        Field(description="a module without a trainer timing plan adding up to its duration"),
    ] = "error"
    trainer_material: Annotated[
        Level,
        Field(description="a module without a {trainer-note} and a {solution}"),
    ] = "off"
    unobservable_openings: Annotated[
        list[StrictStr],
        Field(
            description="objective openings refused because a trainer cannot observe them "
            "(English by default; set your language's)"
        ),
    ] = list(DEFAULT_UNOBSERVABLE)

    @field_validator("objectives_max")
    @classmethod
    def _max_at_least_min(cls, value: int, info: ValidationInfo) -> int:
        low = info.data.get("objectives_min", 1)
        if value < low:
            raise ValueError(f"objectives_max ({value}) is below objectives_min ({low})")
        return value


class CourseSettings(_Settings):
    """The ``course:`` block of programme.yaml: where things are and the house rules."""

    common_words: Annotated[
        list[StrictStr],
        Field(
            description="glossary terms that are everyday words, which lint does not ask "
            "to be linked on every page (e.g. service, user)"
        ),
    ] = []
    module_id_pattern: Annotated[
        StrictStr,
        Field(description="a module id (and its folder name under modules/), as a regex"),
    ] = DEFAULT_MODULE_ID
    value_id_pattern: Annotated[StrictStr, Field(description="a value id, as a regex")] = (
        DEFAULT_VALUE_ID
    )
    policy: Annotated[
        TeachingPolicy, Field(description="the teaching rules lint and the build enforce")
    ] = TeachingPolicy()

    _check_patterns = field_validator("module_id_pattern", "value_id_pattern")(_regex)

    def is_module_id(self, text: str) -> bool:
        return re.match(self.module_id_pattern, text) is not None
