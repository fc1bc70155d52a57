"""Quizzes: the model, checked the same way in Sphinx and the CLI, and a source scanner.

A quiz is written in a module page as a directive whose body is YAML::

    :::{quiz} rel-01-check
    - id: q1
      objective: o3
      question: The SLO is 99.9 % over 30 days. How many minutes of error budget is that?
      options:
        - text: 43.2 minutes
          correct: true
          feedback: Right. (1 - 0.999) x 30 x 1440 = 43.2.
        - text: 4.32 minutes
          feedback: That is the budget of 99.99 %.
    :::

Single choice (the default) needs exactly one correct option; ``type:
multiple`` needs at least one. Every option needs feedback.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Annotated, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StrictBool,
    StrictStr,
    ValidationError,
    model_validator,
)
from pydantic_core import PydanticCustomError

from curriculum.core.diagnostics import Diagnostic, from_validation_error, from_yaml_error
from curriculum.core.model import first_repeat
from curriculum.core.yamlsource import YamlSourceError, load_yaml

QUIZ_ID = r"^[a-z][a-z0-9-]*$"
Text = Annotated[StrictStr, Field(min_length=1)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class QuizOption(_Strict):
    text: Annotated[Text, Field(description="the option as the learner reads it")]
    correct: Annotated[StrictBool, Field(default=False, description="true for a right answer")]
    feedback: Annotated[Text, Field(description="why this option is right or wrong")]


class QuizQuestion(_Strict):
    id: Annotated[StrictStr, Field(pattern=QUIZ_ID, description="unique in the quiz, e.g. q1")]
    question: Annotated[Text, Field(description="the question")]
    type: Annotated[
        Literal["single", "multiple"], Field(default="single", description="single or multiple")
    ]
    objective: Annotated[
        StrictStr | None,
        Field(default=None, description="the module objective the question tests, e.g. o2"),
    ]
    options: Annotated[list[QuizOption], Field(min_length=2, max_length=8)]

    @model_validator(mode="after")
    def _answers(self) -> QuizQuestion:
        right = sum(option.correct for option in self.options)
        if self.type == "single" and right != 1:
            raise PydanticCustomError(
                "single_choice",
                "single-choice question '{qid}' has {right} correct options; it needs exactly one",
                {
                    "qid": self.id,
                    "right": right,
                    "at": ("options",),
                    "hint": "mark one option 'correct: true', or make it 'type: multiple'",
                },
            )
        if self.type == "multiple" and right < 1:
            raise PydanticCustomError(
                "multiple_choice",
                "multiple-choice question '{qid}' has no correct option",
                {"qid": self.id, "at": ("options",), "hint": "mark at least one 'correct: true'"},
            )
        return self


class Quiz(BaseModel):
    """The questions of one quiz."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    questions: Annotated[list[QuizQuestion], Field(min_length=1)]

    @model_validator(mode="after")
    def _unique(self) -> Quiz:
        repeat = first_repeat(q.id for q in self.questions)
        if repeat is not None:
            index, question_id = repeat
            raise PydanticCustomError(
                "duplicate_question",
                "question id '{qid}' is used twice",
                {
                    "qid": question_id,
                    "at": ("questions", index, "id"),
                    "hint": "number the questions q1, q2, q3...",
                },
            )
        return self


def parse_quiz(text: str, first_line: int, shown: str) -> tuple[Quiz | None, list[Diagnostic]]:
    """Validate a quiz body (a YAML list of questions) that starts on ``first_line``."""
    try:
        loaded = load_yaml(text, first_line=first_line)
    except YamlSourceError as err:
        return None, [from_yaml_error(shown, err, "quiz")]
    # the body is a list; validate it as {"questions": [...]} so paths read well
    loaded.lines = {("questions", *path): line for path, line in loaded.lines.items()}
    try:
        return Quiz.model_validate({"questions": loaded.data}), []
    except ValidationError as err:
        return None, from_validation_error(shown, err, loaded, Quiz, "quiz")


# --- finding quizzes in page sources (for the CLI, without Sphinx) -------------------

_OPEN = re.compile(r"^(?P<fence>`{3,}|:{3,})\{quiz\}\s+(?P<id>\S+)\s*$")
#: a unit's quick check, ``{unit-check} Title``: a quiz too (its id is ``unit-<n>``)
_UNIT = re.compile(r"^(?P<fence>`{3,}|:{3,})\{unit-check\}(?P<title>.*)$")


@dataclass(frozen=True)
class QuizSource:
    id: str
    line: int  # the directive's line
    body: str
    body_line: int  # first line of the body
    unit: int = 0  # a {unit-check}: its unit's number (the quiz id is <module>-u<unit>)


def scan_quizzes(text: str) -> list[QuizSource]:
    """Every ``{quiz}`` and ``{unit-check}`` directive in a MyST page, with its body
    (options not supported)."""
    found: list[QuizSource] = []
    lines = text.splitlines()
    index = 0
    units = 0
    while index < len(lines):
        match = _OPEN.match(lines[index]) or _UNIT.match(lines[index])
        if match is None:
            index += 1
            continue
        unit = 0
        if "title" in match.groupdict():
            units += 1
            unit, quiz_id = units, f"unit-{units}"
        else:
            quiz_id = match.group("id")
        fence = match.group("fence")
        end = index + 1
        while end < len(lines) and lines[end].rstrip() != fence:
            end += 1
        found.append(
            QuizSource(
                quiz_id, index + 1, "\n".join(lines[index + 1 : end]) + "\n", index + 2, unit
            )
        )
        index = end + 1
    return found
