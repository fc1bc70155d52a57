"""Checks a culture survey: Likert scores on six items based on Westrum's
typology, the means worked out from them, a culture type and two leader
behaviours aimed at the lowest item (module fnd-04).

The numeric bands are this course's rule of thumb, not Westrum's: he described
the three cultures in words. On a 1-5 agreement scale, an overall mean below
2.5 means people mostly disagree that information flows well (pathological);
3.75 or more means they clearly agree, closer to "agree" than to "neither"
(generative); everything between is bureaucratic.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import Annotated, Literal

from pydantic import Field, StrictFloat, StrictInt, StrictStr

from curriculum.validation import Artefact, Check, Exercise

Text = Annotated[StrictStr, Field(min_length=1)]
Number = StrictFloat | StrictInt
Likert = Annotated[
    StrictInt, Field(ge=1, le=5, description="1 strongly disagree ... 5 strongly agree")
]
ItemId = Literal["W1", "W2", "W3", "W4", "W5", "W6"]
CultureType = Literal["pathological", "bureaucratic", "generative"]

#: the six survey items, one per row of Westrum's typology (our own wording)
ITEMS: dict[str, str] = {
    "W1": "cooperation: people here, and the teams we depend on, cooperate readily",
    "W2": "messengers: people who bring bad news are thanked, not blamed",
    "W3": "shared responsibility: risks are shared, not pushed onto one person or team",
    "W4": "bridging: working across team and supplier boundaries is encouraged",
    "W5": "failure leads to inquiry: we ask how the system allowed it, not who is to blame",
    "W6": "novelty: new ideas, from anyone, are welcomed and tried",
}
PATHOLOGICAL_BELOW = Fraction(5, 2)  # 2.5
GENERATIVE_FROM = Fraction(15, 4)  # 3.75
TOLERANCE = 0.05
MIN_RESPONDENTS = 3
ACTIONS = 2
MIN_BEHAVIOUR_WORDS, MAX_BEHAVIOUR_WORDS = 12, 60
#: slogans that name a wish rather than something a leader could be seen doing
SLOGANS = (
    "improve communication",
    "be more open",
    "be more transparent",
    "foster a culture",
    "create a culture",
    "promote a culture",
    "raise awareness",
)
_WORD = re.compile(r"[\w'’-]+")


class Scores(Artefact):
    W1: Annotated[Likert, Field(description="cooperation")]
    W2: Annotated[Likert, Field(description="messengers")]
    W3: Annotated[Likert, Field(description="shared responsibility")]
    W4: Annotated[Likert, Field(description="bridging")]
    W5: Annotated[Likert, Field(description="failure leads to inquiry")]
    W6: Annotated[Likert, Field(description="novelty")]


class Response(Artefact):
    respondent: Annotated[Text, Field(description="an anonymous label, e.g. R1")]
    scores: Annotated[Scores, Field(description="a score from 1 to 5 for each item W1-W6")]


class Means(Artefact):
    W1: Annotated[Number, Field(description="mean score of W1")]
    W2: Annotated[Number, Field(description="mean score of W2")]
    W3: Annotated[Number, Field(description="mean score of W3")]
    W4: Annotated[Number, Field(description="mean score of W4")]
    W5: Annotated[Number, Field(description="mean score of W5")]
    W6: Annotated[Number, Field(description="mean score of W6")]


class Action(Artefact):
    item: Annotated[ItemId, Field(description="the item the behaviour targets")]
    leader: Annotated[Text, Field(description="the leader who will do it, by role")]
    behaviour: Annotated[Text, Field(description="what they will do, when and how often")]


class CultureSurvey(Artefact):
    team: Annotated[Text, Field(description="the team surveyed")]
    responses: Annotated[list[Response], Field(description="one entry per respondent")]
    item_means: Annotated[Means, Field(description="your mean score for each item")]
    overall_mean: Annotated[Number, Field(description="the mean of the six item means")]
    culture_type: Annotated[
        CultureType, Field(description="pathological, bureaucratic or generative")
    ]
    lowest_item: Annotated[ItemId, Field(description="the item with the lowest mean")]
    leader_actions: Annotated[
        list[Action], Field(description="two leader behaviours aimed at the lowest item")
    ]


exercise = Exercise(schema=CultureSurvey)


def _means(doc: CultureSurvey) -> dict[str, Fraction]:
    """Each item's exact mean, or nothing when there are no responses."""
    if not doc.responses:
        return {}
    count = len(doc.responses)
    return {
        item: Fraction(sum(getattr(r.scores, item) for r in doc.responses), count) for item in ITEMS
    }


def _overall(means: dict[str, Fraction]) -> Fraction:
    return sum(means.values(), Fraction(0)) / len(means)


def _band(overall: Fraction) -> str:
    if overall < PATHOLOGICAL_BELOW:
        return "pathological"
    if overall < GENERATIVE_FROM:
        return "bureaucratic"
    return "generative"


def _show(value: Fraction) -> str:
    """Two decimal places, rounding halves up as people do by hand (3.625 -> 3.63)."""
    exact = Decimal(value.numerator) / Decimal(value.denominator)
    return str(exact.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


@exercise.rule(
    "CULTURE-RESPONDENTS",
    f"There are at least {MIN_RESPONDENTS} responses, each with its own respondent label.",
)
def respondents(doc: CultureSurvey, check: Check) -> None:
    if len(doc.responses) < MIN_RESPONDENTS:
        check.fail(
            "responses",
            f"there {'is' if len(doc.responses) == 1 else 'are'} {len(doc.responses)} "
            f"response{'' if len(doc.responses) == 1 else 's'}; the survey needs at least "
            f"{MIN_RESPONDENTS}",
            "with fewer people the means say little and nobody's answers stay anonymous; "
            "combine small teams or wait for more responses",
        )
    first: dict[str, int] = {}
    for index, response in enumerate(doc.responses):
        label = response.respondent.casefold()
        if label in first:
            check.fail(
                ("responses", index, "respondent"),
                f"the label '{response.respondent}' is already used at "
                f"responses[{first[label] + 1}]",
                "give each response its own anonymous label (R1, R2, ...); if it is the same "
                "person twice, keep only one of the two",
            )
        else:
            first[label] = index


@exercise.rule(
    "CULTURE-ITEM-MEANS",
    f"Each item's mean is the sum of its scores divided by the number of responses, "
    f"within {TOLERANCE}.",
)
def item_means(doc: CultureSurvey, check: Check) -> None:
    means = _means(doc)
    count = len(doc.responses)
    for item, mean in means.items():
        total = sum(getattr(r.scores, item) for r in doc.responses)
        check.close(
            ("item_means", item),
            getattr(doc.item_means, item),
            float(mean),
            tolerance=TOLERANCE,
            how=f"the sum of the {item} scores ({total}) / the number of responses ({count})",
        )


@exercise.rule(
    "CULTURE-OVERALL-MEAN",
    f"overall_mean is the mean of the six item means, within {TOLERANCE}.",
)
def overall_mean(doc: CultureSurvey, check: Check) -> None:
    means = _means(doc)
    if not means:
        return  # reported by CULTURE-RESPONDENTS
    parts = " + ".join(_show(m) for m in means.values())
    check.close(
        "overall_mean",
        doc.overall_mean,
        float(_overall(means)),
        tolerance=TOLERANCE,
        how=f"({parts}) / 6, from the item means recomputed from the scores",
    )


@exercise.rule(
    "CULTURE-TYPE",
    "culture_type follows the course's bands for the overall mean recomputed from the scores: "
    "below 2.5 pathological; from 2.5 to below 3.75 bureaucratic; 3.75 or more generative.",
)
def culture_type(doc: CultureSurvey, check: Check) -> None:
    means = _means(doc)
    if not means:
        return
    overall = _overall(means)
    expected = _band(overall)
    if doc.culture_type != expected:
        check.fail(
            "culture_type",
            f"culture_type is {doc.culture_type}, but the overall mean of "
            f"{_show(overall)} falls in the {expected} band",
            "below 2.5 is pathological, from 2.5 to below 3.75 bureaucratic, and 3.75 or "
            "more generative; the band comes from the mean recomputed from the scores",
        )


@exercise.rule(
    "CULTURE-LOWEST",
    "lowest_item is the item with the lowest mean (any of them when several tie).",
)
def lowest(doc: CultureSurvey, check: Check) -> None:
    means = _means(doc)
    if not means:
        return
    bottom = min(means.values())
    lowest_items = [item for item, mean in means.items() if mean == bottom]
    if doc.lowest_item not in lowest_items:
        check.fail(
            "lowest_item",
            f"lowest_item is {doc.lowest_item} (mean {_show(means[doc.lowest_item])}), but "
            f"{' and '.join(lowest_items)} {'has' if len(lowest_items) == 1 else 'have'} "
            f"the lowest mean, {_show(bottom)}",
            f"compare the six item means and name the lowest: {ITEMS[lowest_items[0]]}",
        )


@exercise.rule(
    "CULTURE-ACTIONS",
    f"There are exactly {ACTIONS} leader actions, different from each other, and each one's "
    "item is your lowest_item.",
)
def actions(doc: CultureSurvey, check: Check) -> None:
    count = len(doc.leader_actions)
    if count != ACTIONS:
        check.fail(
            "leader_actions",
            f"there {'is' if count == 1 else 'are'} {count} leader action"
            f"{'' if count == 1 else 's'}; the survey needs exactly {ACTIONS}",
            "choose the two behaviours most likely to move the lowest item, and keep the "
            "others for later",
        )
    seen: dict[str, int] = {}
    for index, action in enumerate(doc.leader_actions):
        if action.item != doc.lowest_item:
            check.fail(
                ("leader_actions", index, "item"),
                f"this action targets {action.item}, but your lowest item is {doc.lowest_item}",
                f"aim both behaviours at {doc.lowest_item} ({ITEMS[doc.lowest_item]}): "
                "one focused change is more likely to move than several scattered ones",
            )
        key = " ".join(_WORD.findall(action.behaviour.casefold()))
        if key in seen:
            check.fail(
                ("leader_actions", index, "behaviour"),
                f"this behaviour repeats leader_actions[{seen[key] + 1}]",
                "the two behaviours should be different things a leader does",
            )
        else:
            seen[key] = index


@exercise.rule(
    "CULTURE-BEHAVIOUR",
    f"Each behaviour is {MIN_BEHAVIOUR_WORDS} to {MAX_BEHAVIOUR_WORDS} words and describes "
    "something a leader could be seen doing, not a slogan such as 'improve communication' or "
    "'raise awareness'.",
)
def behaviour(doc: CultureSurvey, check: Check) -> None:
    for index, action in enumerate(doc.leader_actions):
        path = ("leader_actions", index, "behaviour")
        check.word_count(
            path,
            action.behaviour,
            MIN_BEHAVIOUR_WORDS,
            MAX_BEHAVIOUR_WORDS,
            what=f"the behaviour in leader_actions[{index + 1}]",
        )
        check.banned_phrases(
            path,
            action.behaviour,
            SLOGANS,
            why="say what the leader will do, when and how often, so that the team could "
            "see it happen, e.g. 'opens each weekly meeting by asking what nearly went wrong'",
        )
