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

    objectives_min: Annotated[
        Count, Field(description="the fewest learning objectives a module may have")
    ] = 1
    objectives_max: Annotated[
        Count,
        Field(
            description="the most learning objectives a module may have (not below objectives_min)"
        ),
    ] = 8
    min_words: Annotated[
        Count,
        Field(
            description="the fewest words a module page must teach, counting its learner "
            "text (not its quiz, exercise brief, trainer material, code or front matter); "
            "0 for no minimum"
        ),
    ] = 0
    quiz_questions: Annotated[
        Count,
        Field(description="the fewest questions in each module's quiz; 0 leaves the quiz optional"),
    ] = 0
    exercise_required: Annotated[
        StrictBool,
        Field(
            description="whether every module must have an exercise, whose validator checks "
            "the file a learner makes"
        ),
    ] = False
    pass_cases: Annotated[
        Count,
        Field(
            description="the fewest example files in an exercise's `cases/pass/`, each of "
            "which its validator must accept"
        ),
    ] = 1
    fail_cases: Annotated[
        Count,
        Field(
            description="the fewest example files in an exercise's `cases/fail/`, each of "
            "which must produce exactly the findings its `.expected` file lists"
        ),
    ] = 1
    schema_fail_case: Annotated[
        StrictBool,
        Field(
            description="whether at least one fail case must break the exercise's schema "
            "(a `schema.*` finding: a missing field, a wrong kind of value)"
        ),
    ] = False
    every_rule_failed: Annotated[
        StrictBool,
        Field(
            description="whether every rule of a validator must be triggered by at least "
            "one of its fail cases"
        ),
    ] = True
    unassessed_objectives: Annotated[
        Level,
        Field(
            description="how lint reports an objective that no exercise or quiz question "
            "assesses: `error`, `warning` or `off`"
        ),
    ] = "error"
    timing_plan: Annotated[
        Level,
        Field(
            description="how lint reports a module page without a `{timing-plan}` whose "
            "minutes add up to the module's duration: `error`, `warning` or `off`"
        ),
    ] = "error"
    trainer_material: Annotated[
        Level,
        Field(
            description="how lint reports a module page without a `{trainer-note}` and a "
            "`{solution}`: `error`, `warning` or `off`"
        ),
    ] = "off"
    unobservable_openings: Annotated[
        list[StrictStr],
        Field(
            description="words an objective may not start with, because a trainer cannot "
            "observe them (e.g. 'understand', 'know'); English by default: a course in "
            "another language sets its own"
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
            "to be linked on every page, e.g. `[service, user]`"
        ),
    ] = []
    module_id_pattern: Annotated[
        StrictStr,
        Field(
            description="the form of a module id, which is also the module's folder name "
            "under `modules/`, as a regular expression; the default asks for a track id, a "
            "hyphen and two digits: `rel-01`"
        ),
    ] = DEFAULT_MODULE_ID
    value_id_pattern: Annotated[
        StrictStr,
        Field(
            description="the form of a value id, as a regular expression; the default asks "
            "for V and a number: `V1`"
        ),
    ] = DEFAULT_VALUE_ID
    policy: Annotated[
        TeachingPolicy,
        Field(
            description="the teaching rules that lint and the build enforce, each with its number"
        ),
    ] = TeachingPolicy()

    _check_patterns = field_validator("module_id_pattern", "value_id_pattern")(_regex)

    def is_module_id(self, text: str) -> bool:
        return re.match(self.module_id_pattern, text) is not None
