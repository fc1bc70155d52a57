"""Checks a stakeholder map and engagement plan (module lead-02).

Each stakeholder is scored from 1 to 5 for power (how far they can shape or
stop the initiative) and interest (how much it affects them and how much they
care). The course splits each scale at 3.5: 4 and 5 are high, 1 to 3 are low.
The two scores give the quadrant of Mendelow's power/interest grid, and the
quadrant gives the strategy:

=============  =============  ================
power          interest       strategy
=============  =============  ================
high (4-5)     high (4-5)     manage_closely (key players)
high (4-5)     low (1-3)      keep_satisfied
low (1-3)      high (4-5)     keep_informed
low (1-3)      low (1-3)      monitor
=============  =============  ================

Each stakeholder gets a message that translates one programme value (V1 to V5)
into the group's own objectives. A message that quotes a value statement or a
value id has not been translated yet (``VALUE_STATEMENTS``). The values and the
facts of Marta's notes the rules use are in ``case.yaml``.
"""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BeforeValidator, Field, StrictInt, StrictStr

from curriculum.validation import Artefact, Check, Exercise, Synonyms
from curriculum.validation.fields import Text, numbered_id
from curriculum.validation.toolkit import duplicates, listed, load_case, normal

CASE = load_case()
#: the programme's values by id
VALUE_STATEMENTS: dict[str, str] = {k: v["statement"] for k, v in CASE["values"].items()}
#: how a learner may name a value instead of its id: the statement, its short name, or both
VALUE_NAMES = {
    normal(said): key
    for key, v in CASE["values"].items()
    for said in (v["statement"], v["short"], f"{key} {v['statement']}", f"{key} {v['short']}")
}
HIGH = 4  # scores of 4 and 5 are high; 1 to 3 are low
MIN_STAKEHOLDERS = 5
MIN_VALUES = 2
KEY_PLAYER_DAYS = 14
ANY_STAKEHOLDER_DAYS = 92  # a quarter
MESSAGE_WORDS = (10, 60)
#: cadences said in words
CADENCE_WORDS: dict[str, Any] = {
    "daily": 1,
    "weekly": 7,
    "fortnightly": 14,
    "biweekly": 14,
    "monthly": 31,
}
CADENCE_WORDS |= {"quarterly": 92, "every two weeks": 14, "every week": 7, "every month": 31}

QUADRANTS: dict[tuple[bool, bool], tuple[str, str]] = {
    (True, True): ("manage_closely", "key player (high power, high interest)"),
    (True, False): ("keep_satisfied", "high power, low interest"),
    (False, True): ("keep_informed", "low power, high interest"),
    (False, False): ("monitor", "low power, low interest"),
}
_VALUE_ID = re.compile(r"\bV[1-5]\b", re.IGNORECASE)


def _value_id(value: Any) -> Any:
    """'V5', 'v5', 'Partnership' or 'V5 - Partnership over contract policing' -> 'V5'."""
    if not isinstance(value, str):
        return value
    said = normal(re.sub(r"[\s:.,()-]+", " ", value)).strip()
    return VALUE_NAMES.get(said, value.strip().upper() if _VALUE_ID.fullmatch(said) else value)


def _cadence(value: Any) -> Any:
    """'weekly', '14 days' or 'every 14 days' -> a number of days."""
    if not isinstance(value, str):
        return value
    said = normal(value).strip(" .")
    days = re.fullmatch(r"(?:every\s+)?(\d+)\s*(?:days?)?", said)
    return int(days.group(1)) if days else CADENCE_WORDS.get(said, value)


Strategy = Annotated[
    Literal["manage_closely", "keep_satisfied", "keep_informed", "monitor"],
    # 'key player(s)' -> manage_closely; the framework reads 'Manage closely' itself
    Synonyms(manage_closely=["key player", "key players", "manage"]),
]
StakeholderId = Annotated[StrictStr, AfterValidator(numbered_id("S", "S1"))]


class Stakeholder(Artefact):
    id: Annotated[StakeholderId, Field(description="S and a number, e.g. S1")]
    name: Annotated[Text, Field(description="the person or group, by role")]
    power: Annotated[StrictInt, Field(description="1 to 5: how far they can shape or stop it")]
    interest: Annotated[StrictInt, Field(description="1 to 5: how much it affects them")]
    why: Annotated[Text, Field(description="the evidence behind the two scores")]
    strategy: Annotated[
        Strategy,
        Field(description="manage_closely, keep_satisfied, keep_informed or monitor"),
    ]
    value: Annotated[
        StrictStr,
        BeforeValidator(_value_id),
        Field(description="the programme value the message rests on, by id (V1 to V5)"),
    ]
    message: Annotated[Text, Field(description="what you will say to them, in their terms")]
    channel: Annotated[Text, Field(description="how you will reach them")]
    owner_role: Annotated[Text, Field(description="who in IT keeps this relationship")]
    cadence_days: Annotated[
        StrictInt,
        BeforeValidator(_cadence),
        Field(ge=1, le=366, description="days between contacts, at most (or 'weekly'...)"),
    ]


class StakeholderMap(Artefact):
    initiative: Annotated[Text, Field(description="what you need their support for")]
    sponsor: Annotated[Text, Field(description="who sponsors the initiative, by role")]
    stakeholders: Annotated[
        list[Stakeholder], Field(max_length=40, description="the people and groups on the map")
    ]


exercise = Exercise(schema=StakeholderMap)


def _in_range(score: int) -> bool:
    return 1 <= score <= 5


def _quadrant(person: Stakeholder) -> tuple[str, str] | None:
    """(strategy, description) from the scores, or None when a score is out of range."""
    if not (_in_range(person.power) and _in_range(person.interest)):
        return None
    return QUADRANTS[(person.power >= HIGH, person.interest >= HIGH)]


@exercise.rule(
    "STAKEHOLDER-COUNT",
    f"The map has at least {MIN_STAKEHOLDERS} stakeholders.",
)
def count(plan: StakeholderMap, check: Check) -> None:
    check.at_least(
        "stakeholders",
        len(plan.stakeholders),
        MIN_STAKEHOLDERS,
        what="the number of stakeholders",
        why="list everyone who can shape the initiative or is affected by it, inside IT and "
        "out: directors, customers, users, IT teams and suppliers",
    )


@exercise.rule(
    "STAKEHOLDER-IDS",
    "Each stakeholder id and each name is used only once.",
)
def ids(plan: StakeholderMap, check: Check) -> None:
    for field in ("id", "name"):
        check.unique(
            "stakeholders",
            [f"'{getattr(person, field)}'" for person in plan.stakeholders],
            what=f"the {field}",
            hint="give each stakeholder its own id (S1, S2...) and name; merge two entries "
            "for the same group into one",
            key=str.casefold,
            field=field,
        )


@exercise.rule(
    "STAKEHOLDER-SCORES",
    "Power and interest are whole numbers from 1 to 5.",
)
def scores(plan: StakeholderMap, check: Check) -> None:
    for index, person in enumerate(plan.stakeholders, 1):
        for field in ("power", "interest"):
            score = getattr(person, field)
            if not _in_range(score):
                check.fail(
                    f"stakeholders[{index}].{field}",
                    f"{person.name}: {field} is {score}; it must be from 1 to 5",
                    "score 1 (none) to 5 (decisive); 4 and 5 count as high",
                )


@exercise.rule(
    "STAKEHOLDER-QUADRANT",
    "The strategy matches the quadrant the scores give, with 4 and 5 counted as high and "
    "1 to 3 as low: high power and high interest, manage_closely (key players); high power "
    "and low interest, keep_satisfied; low power and high interest, keep_informed; low "
    "power and low interest, monitor.",
)
def quadrant(plan: StakeholderMap, check: Check) -> None:
    for index, person in enumerate(plan.stakeholders, 1):
        derived = _quadrant(person)
        if derived is None:
            continue  # reported by STAKEHOLDER-SCORES
        strategy, where = derived
        if person.strategy != strategy:
            check.fail(
                f"stakeholders[{index}].strategy",
                f"{person.name} scores power {person.power} and interest {person.interest}: "
                f"{where}, so the strategy is {strategy}, not {person.strategy}",
                "change the strategy, or, if the strategy is right, look again at the scores "
                "and the evidence in 'why'",
            )


@exercise.rule(
    "STAKEHOLDER-CADENCE",
    f"Key players (power and interest both 4 or 5) are engaged at least every "
    f"{KEY_PLAYER_DAYS} days (cadence_days {KEY_PLAYER_DAYS} or less), and nobody on the "
    f"map goes longer than {ANY_STAKEHOLDER_DAYS} days, a quarter, without contact.",
)
def cadence(plan: StakeholderMap, check: Check) -> None:
    for index, person in enumerate(plan.stakeholders, 1):
        path = f"stakeholders[{index}].cadence_days"
        derived = _quadrant(person)
        if derived is not None and derived[0] == "manage_closely":
            check.at_most(
                path,
                person.cadence_days,
                KEY_PLAYER_DAYS,
                what=f"cadence_days for {person.name} (a key player)",
                why="key players can make or break the initiative: talk with them at least "
                "every two weeks, even if only for a short check-in",
            )
        else:
            check.at_most(
                path,
                person.cadence_days,
                ANY_STAKEHOLDER_DAYS,
                what=f"cadence_days for {person.name}",
                why="people move on the grid as the work reaches them: check in with everyone "
                "at least once a quarter, if only by a short update",
            )


@exercise.rule(
    "STAKEHOLDER-VALUE",
    "Every stakeholder's message rests on one programme value, given by its id (V1, V2, "
    "V3, V4 or V5), its statement or its short name ("
    + listed((f"'{v['short']}'" for v in CASE["values"].values()), "or")
    + f"). The map as a whole uses at least {MIN_VALUES} different values.",
)
def value(plan: StakeholderMap, check: Check) -> None:
    used: set[str] = set()
    for index, person in enumerate(plan.stakeholders, 1):
        if person.value not in VALUE_STATEMENTS:
            check.fail(
                f"stakeholders[{index}].value",
                f"{person.name}: '{person.value}' is not one of the programme values",
                "use V1, V2, V3, V4 or V5: "
                + "; ".join(f"{k} {v}" for k, v in VALUE_STATEMENTS.items()),
            )
        else:
            used.add(person.value)
    if plan.stakeholders and len(used) < MIN_VALUES:
        check.fail(
            "stakeholders",
            f"every message rests on the same value ({', '.join(sorted(used)) or 'none'})",
            "groups care about different things: find the value that meets each group's own "
            "objectives, e.g. partnership (V5) for a supplier, learning (V4) for HR",
        )


@exercise.rule(
    "STAKEHOLDER-MESSAGE",
    f"Every message has {MESSAGE_WORDS[0]} to {MESSAGE_WORDS[1]} words, and no two "
    "stakeholders get the same message: each group hears the value in its own terms.",
)
def message(plan: StakeholderMap, check: Check) -> None:
    for index, person in enumerate(plan.stakeholders, 1):
        check.word_count(
            f"stakeholders[{index}].message",
            person.message,
            *MESSAGE_WORDS,
            what=f"the message for {person.name}",
        )
    for first in duplicates(plan.stakeholders, key=lambda p: normal(p.message)):
        same = [p for p in plan.stakeholders if normal(p.message) == normal(first.message)]
        for person in same[1:]:
            check.fail(
                f"stakeholders[{plan.stakeholders.index(person) + 1}].message",
                f"{person.name} gets the same message as {first.name}",
                "a message that fits any group has not been translated: say what changes "
                f"for {person.name} in the words they use about their own work",
            )


@exercise.rule(
    "STAKEHOLDER-OWNERS",
    "The relationships are not all kept by one role: a plan in which one person owns every "
    "relationship will not survive that person's diary.",
)
def owners(plan: StakeholderMap, check: Check) -> None:
    roles = {normal(p.owner_role) for p in plan.stakeholders}
    if len(plan.stakeholders) >= MIN_STAKEHOLDERS and len(roles) == 1:
        check.fail(
            "stakeholders",
            f"{plan.stakeholders[0].owner_role} keeps every one of the "
            f"{len(plan.stakeholders)} relationships",
            "share them out by who is closest to each group, e.g. suppliers to the supplier "
            "manager, the depot forum to the service owner",
        )


@exercise.rule(
    "STAKEHOLDER-NOTES",
    "In a map of the pilot, a group whose power the notes leave in no doubt ("
    + listed(f"{g['group']}: {' '.join(g['evidence'].split())}" for g in CASE["high_power"])
    + "), its power is 4 or 5.",
)
def notes(plan: StakeholderMap, check: Check) -> None:
    if not any(normal(w) in normal(plan.initiative) for w in CASE["pilot_recognised_by"]):
        return  # another initiative: the power of each group depends on it
    for index, person in enumerate(plan.stakeholders, 1):
        for group in CASE["high_power"]:
            said = any(normal(w) in normal(person.name) for w in group["recognised_by"])
            if said and 1 <= person.power < HIGH:
                check.fail(
                    f"stakeholders[{index}].power",
                    f"{person.name} has power {person.power}, but in the notes "
                    f"{' '.join(group['evidence'].split())}",
                    "score the power they have shown (4 or 5), and plan for it; ask what "
                    "happened to the last two pilots",
                )


@exercise.rule(
    "STAKEHOLDER-TRANSLATED",
    "No message quotes a value statement ('"
    + "', '".join(VALUE_STATEMENTS.values())
    + "') or a value id (V1 to V5): the message says what the value means for this group, "
    "in its own words.",
)
def translated(plan: StakeholderMap, check: Check) -> None:
    why = (
        "say what changes for this group and why it helps them, in the words they use "
        "about their own work; keep the value id in the 'value' field"
    )
    for index, person in enumerate(plan.stakeholders, 1):
        path = f"stakeholders[{index}].message"
        check.banned_phrases(path, person.message, VALUE_STATEMENTS.values(), why=why)
        match = _VALUE_ID.search(person.message)
        if match:
            check.fail(path, f"'{match.group(0)}' is not allowed here", why)
