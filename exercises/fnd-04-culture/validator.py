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

from pydantic import Field, StrictFloat, StrictInt

from curriculum.validation import Artefact, Check, Exercise
from curriculum.validation.fields import Text
from curriculum.validation.toolkit import (
    duplicates,
    listed,
    load_case,
    names_nobody,
    normal,
    plural,
)

CASE = load_case()
ITEMS: dict[str, str] = CASE["items"]
PATHOLOGICAL_BELOW = Fraction(str(CASE["bands"]["pathological_below"]))
GENERATIVE_FROM = Fraction(str(CASE["bands"]["generative_from"]))
TOLERANCE: float = CASE["tolerance"]
MIN_RESPONDENTS: int = CASE["min_respondents"]
ACTIONS: int = CASE["actions"]
#: the survey the brief gives: respondent -> item -> score
GIVEN: dict[str, dict[str, int]] = CASE["responses"]
MIN_BEHAVIOUR_WORDS = 6
#: a slogan: a wish, not something a leader could be seen doing
SLOGAN = re.compile(
    r"\b(?:improve\w*\s+(?:the\s+)?communication|be(?:ing)?\s+more\s+(?:open|transparent)"
    r"|(?:foster|create|promote|build)\w*\s+an?\s+(?:\w+\s+)?culture|rais\w+\s+awareness)\b",
    re.IGNORECASE,
)
#: words that say when or how often a behaviour happens
WHEN = re.compile(
    r"\b(?:every|each|whenever|when|after|before|during|within|next|always|once|twice|times"
    r"|daily|weekly|fortnightly|monthly|quarterly|yearly|annually|regularly"
    r"|per\s+(?:day|week|month|quarter|sprint)|(?:mon|tues|wednes|thurs|fri|satur|sun)days?"
    r"|mornings?|evenings?|nights?|shifts?|stand-?ups?|handovers?|meetings?|reviews?|until"
    r"|\d{1,2}:\d{2})\b",
    re.IGNORECASE,
)
#: a behaviour whose subject is the team, not a leader ("The team will speak up more")
TEAM_SUBJECT = re.compile(
    r"^\W*(?:the\s+|all\s+|our\s+)?(?:team(?:\s+members)?|engineers|staff|everyone|everybody"
    r"|people|analysts|we\s+all)\s+(?:should|must|will|need\s+to|are\s+to|have\s+to)\b"
    r"|\bspeak\s+up\s+more\b",
    re.IGNORECASE,
)
#: leaders that name no leader who could act
NOT_A_LEADER = ("the team", "team", "everyone", "everybody", "all of us", "we", "us", "staff")
#: plans to find out or discuss who gave which answer
UNMASKING = re.compile(
    r"\b(?:who\s+(?:scored|gave|answered|rated|put)|individual\s+(?:scores|answers|results)"
    r"|each\s+person's\s+(?:score|answer)s?|(?:their|his|her)\s+own\s+scores?)\b",
    re.IGNORECASE,
)

Number = StrictFloat | StrictInt
Likert = Annotated[
    StrictInt, Field(ge=1, le=5, description="1 strongly disagree ... 5 strongly agree")
]
ItemId = Literal["W1", "W2", "W3", "W4", "W5", "W6"]
CultureType = Literal["pathological", "bureaucratic", "generative"]


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
            f"there {'is' if len(doc.responses) == 1 else 'are'} "
            f"{plural(len(doc.responses), 'response')}; the survey needs at least "
            f"{MIN_RESPONDENTS}",
            "with fewer people the means say little and nobody's answers stay anonymous; "
            "combine small teams or wait for more responses",
        )
    first: dict[str, int] = {}
    for index, response in enumerate(doc.responses):
        label = normal(response.respondent)
        if first.setdefault(label, index) != index:
            check.fail(
                ("responses", index, "respondent"),
                f"the label '{response.respondent}' is already used at "
                f"responses[{first[label] + 1}]",
                "give each response its own anonymous label (R1, R2, ...); if it is the same "
                "person twice, keep only one of the two",
            )


@exercise.rule(
    "CULTURE-GIVEN-DATA",
    "When you use the survey the brief gives, every one of its responses is there with the "
    "scores the template holds (a copying slip changes every figure after it).",
)
def given_data(doc: CultureSurvey, check: Check) -> None:
    if duplicates(doc.responses, key=lambda r: normal(r.respondent)):
        return  # a repeated label is reported by CULTURE-RESPONDENTS
    mine = {
        normal(r.respondent).upper(): (i, r.scores.model_dump())
        for i, r in enumerate(doc.responses)
    }
    same = [label for label, scores in GIVEN.items() if mine.get(label, (0, {}))[1] == scores]
    if len(same) * 2 < len(GIVEN):
        return  # the learner's own team's answers: nothing to compare
    for label, scores in GIVEN.items():
        if label not in mine:
            check.fail(
                "responses",
                f"{label}'s answers from the survey you were given are missing",
                f"copy {label}'s scores from the template: {scores}",
            )
            continue
        index, entered = mine[label]
        for item, score in scores.items():
            if entered[item] != score:
                check.fail(
                    ("responses", index, "scores", item),
                    f"{label}'s {item} score is {entered[item]} here, but {score} in the "
                    "survey you were given",
                    f"copy the score from the template ({label}: {item} {score}); the means "
                    "are then worked out again from the corrected scores",
                )


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
        return  # reported by CULTURE-RESPONDENTS
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
        return  # reported by CULTURE-RESPONDENTS
    bottom = min(means.values())
    lowest_items = [item for item, mean in means.items() if mean == bottom]
    if doc.lowest_item not in lowest_items:
        check.fail(
            "lowest_item",
            f"lowest_item is {doc.lowest_item} (mean {_show(means[doc.lowest_item])}), but "
            f"{listed(lowest_items)} {'has' if len(lowest_items) == 1 else 'have'} "
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
            f"there {'is' if count == 1 else 'are'} {plural(count, 'leader action')}; "
            f"the survey needs exactly {ACTIONS}",
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
        key = normal(action.behaviour).rstrip(". ")
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
    "Each behaviour says what the leader will do and when or how often (every Monday, after "
    "each incident...), so the team could see it happen; a slogan such as 'improve "
    "communication' or 'raise awareness' with no time in it is not a behaviour.",
)
def behaviour(doc: CultureSurvey, check: Check) -> None:
    for index, action in enumerate(doc.leader_actions):
        path = ("leader_actions", index, "behaviour")
        text, slogan = action.behaviour, SLOGAN.search(action.behaviour)
        name = f"the behaviour in leader_actions[{index + 1}]"
        if len(text.split()) < MIN_BEHAVIOUR_WORDS:
            check.fail(
                path,
                f"{name} is too short to say what the leader does and when",
                "write one sentence: what the leader does, when and how often, e.g. 'opens "
                "every Monday meeting by asking what nearly went wrong'",
            )
        elif not WHEN.search(text):
            wish = f" ('{slogan.group(0)}' is a wish, not an action)" if slogan else ""
            check.fail(
                path,
                f"{name} does not say when or how often it happens{wish}",
                "add when and how often the leader does it (every Monday meeting, after each "
                "incident, once a month), so the team could see it happen",
            )


@exercise.rule(
    "CULTURE-LEADER",
    "Each action is done by a leader, named by role, not by 'the team' or 'everyone', and the "
    "behaviour is the leader's own, not an instruction that the team should speak up more.",
)
def leader(doc: CultureSurvey, check: Check) -> None:
    for index, action in enumerate(doc.leader_actions):
        if names_nobody(action.leader, NOT_A_LEADER):
            check.fail(
                ("leader_actions", index, "leader"),
                f"'{action.leader}' is not a leader who will do this",
                "name the leader by role (platform team lead, CIO, service owner): the "
                "behaviour must be something a leader does themselves",
            )
        found = TEAM_SUBJECT.search(action.behaviour)
        if found:
            check.fail(
                ("leader_actions", index, "behaviour"),
                f"the behaviour in leader_actions[{index + 1}] asks the team to change "
                f"('{found.group(0).strip()}'), not the leader",
                "say what the leader will do differently, e.g. how they respond the next "
                "time someone brings bad news",
            )


@exercise.rule(
    "CULTURE-ANONYMOUS",
    "No behaviour plans to find out or discuss who gave which answer: the survey is anonymous.",
)
def anonymous(doc: CultureSurvey, check: Check) -> None:
    # only labels with a digit (R4), so a label such as 'A' is not read in every 'a'
    labels = {r.respondent for r in doc.responses if re.search(r"\d", r.respondent)}
    for index, action in enumerate(doc.leader_actions):
        named = [w for w in re.findall(r"[\w-]+", action.behaviour) if w in labels]
        found = UNMASKING.search(action.behaviour)
        if named or found:
            what = f"respondent {named[0]}" if named or not found else f"'{found.group(0)}'"
            check.fail(
                ("leader_actions", index, "behaviour"),
                f"the behaviour in leader_actions[{index + 1}] singles out answers ({what})",
                "keep the survey anonymous: act on the team's results as a whole and never "
                "try to find or discuss who gave which score",
            )
