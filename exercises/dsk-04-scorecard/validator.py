"""Checks a balanced scorecard for Brightwater's service desk (module dsk-04).

A measure's ``kind`` says what it tells you: how users experience the help
(experience), a business result the desk contributes to (outcome), how the desk
works (operational) or how quickly it first answers or responds (response_time).

Time-to-respond measures are recognised by their kind. So that relabelling
cannot hide one, a measure whose name or formula uses a speed-of-answer phrase
(listed in ``RESPONSE_PHRASES``) must carry the kind ``response_time``.
"""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import Field, StrictStr

from curriculum.validation import Artefact, Check, Exercise

Text = Annotated[StrictStr, Field(min_length=1)]
Kind = Literal["experience", "outcome", "operational", "response_time"]

MAX_RESPONSE_SHARE = 40.0  # per cent of all measures
MIN_CRITIQUE_POINTS = 2
MIN_CRITIQUE_WORDS, MAX_CRITIQUE_WORDS = 8, 60

#: phrases that make a measure a time-to-respond measure, whatever its declared kind
RESPONSE_PHRASES = (
    "response time",
    "time to respond",
    "first response",
    "respond within",
    "responds within",
    "responded within",
    "responded to within",
    "speed of answer",
    "time to answer",
    "answer within",
    "answered within",
    "acknowledged within",
    "time to acknowledge",
)
_RESPONSE_PATTERNS = [
    (phrase, re.compile(r"\b" + r"\s+".join(map(re.escape, phrase.split())) + r"\b", re.I))
    for phrase in RESPONSE_PHRASES
]
_WORD = re.compile(r"[\w'’-]+")


class Measure(Artefact):
    name: Annotated[Text, Field(description="the measure, as people will call it")]
    kind: Annotated[Kind, Field(description="experience, outcome, operational or response_time")]
    formula: Annotated[StrictStr | None, Field(default=None, description="how it is calculated")]
    data_source: Annotated[
        StrictStr | None, Field(default=None, description="where the numbers come from")
    ]
    owner: Annotated[
        StrictStr | None, Field(default=None, description="who answers for the measure")
    ]
    direction: Annotated[
        Literal["up", "down"] | None,
        Field(default=None, description="which way is better: up or down"),
    ]


class Scorecard(Artefact):
    scorecard: Annotated[Text, Field(description="what the scorecard measures")]
    reviewed_with: Annotated[
        list[Text],
        Field(min_length=1, description="who reads and discusses it with the desk"),
    ]
    critique: Annotated[
        list[StrictStr],
        Field(description="what is wrong with the current response-time-only scorecard"),
    ]
    measures: Annotated[list[Measure], Field(description="the measures of the new scorecard")]


exercise = Exercise(schema=Scorecard)


def _response_phrase(measure: Measure) -> str | None:
    """The first speed-of-answer phrase in the measure's name or formula, if any."""
    text = f"{measure.name} {measure.formula or ''}"
    for phrase, pattern in _RESPONSE_PATTERNS:
        if pattern.search(text):
            return phrase
    return None


@exercise.rule(
    "SCORE-CRITIQUE",
    f"The critique of the current scorecard makes at least {MIN_CRITIQUE_POINTS} points, "
    f"each of {MIN_CRITIQUE_WORDS} to {MAX_CRITIQUE_WORDS} words.",
)
def critique(card: Scorecard, check: Check) -> None:
    points = [p for p in card.critique if p.strip()]
    if len(points) < MIN_CRITIQUE_POINTS:
        check.fail(
            "critique",
            f"the critique has {len(points)} point{'' if len(points) == 1 else 's'}; "
            f"it needs at least {MIN_CRITIQUE_POINTS}",
            "for each measure on the current scorecard ask: who would notice if it got "
            "worse, what behaviour does it reward, and what does it miss?",
        )
    for index, point in enumerate(card.critique):
        if point.strip():
            check.word_count(
                ("critique", index),
                point,
                MIN_CRITIQUE_WORDS,
                MAX_CRITIQUE_WORDS,
                what=f"critique point {index + 1}",
            )


@exercise.rule(
    "SCORE-BALANCE",
    "The scorecard has at least one measure of kind experience and at least one of kind "
    "outcome (a business result such as trucks leaving by 06:30).",
)
def balance(card: Scorecard, check: Check) -> None:
    kinds = {m.kind for m in card.measures}
    for kind, example in (
        ("experience", "the share of callers who say the desk got them working again"),
        ("outcome", "the share of depot mornings with no truck held past 06:30 by an IT problem"),
    ):
        if kind not in kinds:
            check.fail(
                "measures",
                f"the scorecard has no measure of kind {kind}",
                f"add one, for example {example}",
            )


@exercise.rule(
    "SCORE-COMPLETE",
    "Every measure has a formula, a data source, an owner and a desired direction (up or down).",
)
def complete(card: Scorecard, check: Check) -> None:
    for index, measure in enumerate(card.measures):
        for field, what, hint in (
            ("formula", "a formula", "say what you count and divide by, e.g. 'A / B x 100'"),
            ("data_source", "a data source", "name the system or survey the numbers come from"),
            ("owner", "an owner", "name the person or role who answers for this measure"),
        ):
            if not (getattr(measure, field) or "").strip():
                check.fail(
                    ("measures", index, field),
                    f"measure {index + 1} ({measure.name}) has no {field.replace('_', ' ')}",
                    f"give it {what}: {hint}",
                )
        if measure.direction is None:
            check.fail(
                ("measures", index, "direction"),
                f"measure {index + 1} ({measure.name}) has no desired direction",
                "write up if a higher number is better, down if a lower number is better",
            )


@exercise.rule(
    "SCORE-RESPONSE-SHARE",
    f"Measures of kind response_time (how quickly the desk first answers or responds) make "
    f"up no more than {MAX_RESPONSE_SHARE:g} % of all measures.",
)
def response_share(card: Scorecard, check: Check) -> None:
    total = len(card.measures)
    if total == 0:
        check.fail(
            "measures", "the scorecard has no measures", "add the measures of your scorecard"
        )
        return
    responses = sum(1 for m in card.measures if m.kind == "response_time")
    share = round(responses / total * 100, 1)
    check.at_most(
        "measures",
        share,
        MAX_RESPONSE_SHARE,
        what=f"the response_time share in per cent ({responses} of {total} measures)",
        why="speed of answer is one thing users value, not most of it: drop a response-time "
        "measure or add experience and outcome measures",
    )


@exercise.rule(
    "SCORE-RESPONSE-KIND",
    "A measure whose name or formula is about how quickly the desk answers or first "
    "responds has the kind response_time. It is recognised by these phrases: "
    + ", ".join(f"'{p}'" for p in RESPONSE_PHRASES)
    + ".",
)
def response_kind(card: Scorecard, check: Check) -> None:
    for index, measure in enumerate(card.measures):
        phrase = _response_phrase(measure)
        if phrase and measure.kind != "response_time":
            check.fail(
                ("measures", index, "kind"),
                f"measure {index + 1} ({measure.name}) is about speed of response "
                f"('{phrase}') but its kind is {measure.kind}",
                "set its kind to response_time; if it really measures something else, "
                "say what in the name and formula",
            )
