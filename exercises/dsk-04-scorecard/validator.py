"""Checks a balanced scorecard for Brightwater's service desk (module dsk-04).

A measure's ``kind`` says what it tells you: how users experience the help
(experience), a business result the desk contributes to (outcome), how the desk
works (operational) or how quickly it first answers or responds (response_time).

Time-to-respond measures are recognised by their kind. So that relabelling
cannot hide one, a measure whose name or formula uses a speed-of-answer phrase
(listed in ``case.yaml``) must carry the kind ``response_time``. The other
kinds are checked for honesty where code can tell: an experience measure's data
comes from the people served, and an outcome is not a count of tickets or calls.
Whether the outcome is one the desk can move, and whether the measures pull
against each other, is left to the reviewer.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, StrictStr

from curriculum.validation import Artefact, Check, Exercise
from curriculum.validation.fields import Text
from curriculum.validation.toolkit import (
    listed,
    load_case,
    names_nobody,
    plural,
    terms,
    word_count,
)

CASE = load_case()
Kind = Literal["experience", "outcome", "operational", "response_time"]

MAX_RESPONSE_SHARE = float(CASE["max_response_share"])  # per cent of all measures
MIN_CRITIQUE_POINTS = 2
MIN_CRITIQUE_WORDS, MAX_CRITIQUE_WORDS = 5, 80
RESPONSE_PHRASES: list[str] = CASE["response_phrases"]


_RESPONSE = terms(RESPONSE_PHRASES)
_EXPERIENCE_SOURCE = terms(CASE["experience_sources"])
_BUSINESS = terms(CASE["business_words"])
_OUTPUTS = terms(CASE["outputs"])
_SYSTEMS = terms(CASE["systems"])
_SERVED = terms(CASE["served"])


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
    found = _RESPONSE.search(f"{measure.name} {measure.formula or ''}")
    return found.group(0) if found else None


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
            f"the critique has {plural(len(points), 'point')}; it needs at least "
            f"{MIN_CRITIQUE_POINTS}",
            "for each measure on the current scorecard ask: who would notice if it got "
            "worse, what behaviour does it reward, and what does it miss?",
        )
    for index, point in enumerate(card.critique):
        if point.strip():
            count = word_count(point)
            if not MIN_CRITIQUE_WORDS <= count <= MAX_CRITIQUE_WORDS:
                check.fail(
                    ("critique", index),
                    f"critique point {index + 1} has {plural(count, 'word')}; it needs "
                    f"{MIN_CRITIQUE_WORDS} to {MAX_CRITIQUE_WORDS}",
                    "say what the current scorecard rewards or misses and who pays for it, "
                    "e.g. 'it rewards quick pick-up while depots wait 47 minutes for a fix'"
                    if count < MIN_CRITIQUE_WORDS
                    else "keep one point per entry: split it, or cut it to what it costs",
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
    "A measure whose name or formula is about how quickly the desk answers, picks up or "
    "first responds has the kind response_time. It is recognised by these phrases: "
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


@exercise.rule(
    "SCORE-KIND-HONEST",
    "Each kind fits what the measure counts: an experience measure comes from the people "
    "served (a survey, feedback, their own estimate), so its data source says so; an outcome "
    "measure is a business result (late trucks, lost load-out minutes, complaints), not a "
    "count of tickets or calls, which is an IT output.",
)
def kind_honest(card: Scorecard, check: Check) -> None:
    for index, measure in enumerate(card.measures):
        source = measure.data_source or ""
        if (
            measure.kind == "experience"
            and source.strip()
            and not _EXPERIENCE_SOURCE.search(source)
        ):
            check.fail(
                ("measures", index, "kind"),
                f"measure {index + 1} ({measure.name}) is labelled experience, but its data "
                f"comes from '{source}', not from the people served",
                "take an experience measure from the people served (a one-question survey, "
                "their own estimate of time lost), or give this one the kind operational",
            )
        text = f"{measure.name} {measure.formula or ''}"
        output = _OUTPUTS.search(text)
        if measure.kind == "outcome" and output and not _BUSINESS.search(text):
            check.fail(
                ("measures", index, "kind"),
                f"measure {index + 1} ({measure.name}) is labelled outcome, but it counts "
                f"{output.group(0).lower()}, an output of IT, not a business result",
                "an outcome is what the depots and directors see, e.g. 'depot mornings with a "
                "truck held past 06:30 by IT'; give this one the kind operational",
            )


@exercise.rule(
    "SCORE-OWNER",
    "Every owner is a person or a role who answers for the measure, not a system such as "
    "the ticket tool or the telephony system (that is a data source), and not 'TBD'.",
)
def owner(card: Scorecard, check: Check) -> None:
    for index, measure in enumerate(card.measures):
        name = (measure.owner or "").strip()
        if not name:
            continue  # SCORE-COMPLETE reports it
        if names_nobody(name) or _SYSTEMS.fullmatch(name.rstrip(".")):
            check.fail(
                ("measures", index, "owner"),
                f"measure {index + 1} ({measure.name}) is owned by '{name}', which is "
                + ("nobody" if names_nobody(name) else "a system, not a person or role"),
                "name the person or role who answers for it, e.g. 'Sam Okafor, service desk "
                "team lead'; put the system under data_source",
            )


@exercise.rule(
    "SCORE-REVIEWED-WITH",
    "The scorecard is reviewed with at least one person or group the desk serves (such as "
    "depot operations managers), not only with IT.",
)
def reviewed_with(card: Scorecard, check: Check) -> None:
    if not any(_SERVED.search(who) for who in card.reviewed_with):
        check.fail(
            "reviewed_with",
            f"the scorecard is reviewed only with IT ({listed(card.reviewed_with)})",
            "add someone the desk serves, e.g. 'Dev Raman and the other depot operations "
            "managers': they are the ones who can say whether it shows their experience",
        )
