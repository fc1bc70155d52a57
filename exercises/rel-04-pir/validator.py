"""Checks a blameless post-incident review (module rel-04).

The review keeps *what happened* (summary, impact, timeline) apart from *what
will change* (actions), explains the incident through contributing factors
rather than people, and links every action to a factor it addresses.

Text checks are plain regular expressions, case-insensitive and on whole words,
so that a learner can predict them from the rule descriptions. Blame is a person
or a role as the subject of a fault ("the analyst failed to"), or words that are
blame whoever they are about ("human error"); "scans failed to confirm" is not.
Whether a factor is a person in disguise is for the reviewer (exercise.yaml).
The brief's incident, its people and the times its notes support are in case.yaml.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from typing import Annotated, Any

from pydantic import AfterValidator, BeforeValidator, Field, StrictFloat, StrictInt, StrictStr

from curriculum.validation import Artefact, Check, Exercise
from curriculum.validation.fields import calendar_date, local_datetime, numbered_id
from curriculum.validation.toolkit import listed, load_case, names_nobody

CASE = load_case()

# --- the vocabulary the text rules use -------------------------------------------------

#: words that are blame whoever they are about
BLAME_WORDS = re.compile(
    r"\b(human|operator|user|staff) error\b|\bcareless\w*|\bnegligen\w*", re.IGNORECASE
)
#: a person or a role: the subject a fault verb must have to be blame
_SUBJECT = (
    r"\b(?:he|she|they|someone|somebody|(?:[\w-]+\s+){0,3}?(?:analysts?|engineers?|desk|"
    r"agents?|drivers?|managers?|leads?|team|staff|operators?|technicians?|commander|"
    r"supervisors?|users?|person|people|colleagues?|admins?|administrators?|developers?|"
    r"on-call|shift|manager|controller|planner))\b"
)
_FAULT = (
    r"(?:failed to|should(?:\s+not|n['’]t)?\s+have|should['’]ve|forgot(?:ten)? to|"
    r"neglected to|ignored|did not bother|didn['’]t bother|could not be bothered)"
)
#: between the subject and the fault verb, at most an adverb ('the desk then failed to')
_ADVERB = r"(?:\s+(?:\w+ly|also|then|still|again|never|just|twice))?"
PERSON_FAULT = re.compile(_SUBJECT + _ADVERB + r"\s+" + _FAULT + r"\b", re.IGNORECASE)
#: the people of the case organisation: full names, and each name that is no everyday word
_EVERYDAY = {w.casefold() for w in CASE["everyday_words"]}
NAMES = tuple(
    dict.fromkeys(
        [*CASE["people"]]
        + [
            part
            for name in CASE["people"]
            for part in name.split()
            if part.casefold() not in _EVERYDAY
        ]
    )
)
_NAME = re.compile(
    r"\b(" + "|".join(re.escape(n).replace(r"\ ", r"\s+") for n in NAMES) + r")\b", re.I
)
#: "if ... had" within one sentence, or "would have" / "would not have" / "wouldn't have"
COUNTERFACTUAL = re.compile(
    r"\bif\b[^.!?;\n]*?\bhad(?:n['’]t)?\b"
    r"|\bwould(?:\s+not|n['’]t)?\s+have\b",
    re.IGNORECASE,
)
#: 'checked if ... had' asks a question: it is 'whether', not a counterfactual
_ASKS = re.compile(
    r"\b(check\w*|ask\w*|see|saw|seeing|know\w*|knew|wonder\w*|confirm\w*|test\w*|"
    r"verif\w*|find out|found out|tell|told|unclear|sure)\s*$",
    re.IGNORECASE,
)
#: wording that belongs in the actions, not in the account of what happened
FIX_PHRASES = (
    "we will", "we'll", "we’ll", "we need to", "we must", "we should", "going forward",
    "in future", "in the future", "next time", "action item", "action items",
)  # fmt: skip
#: an action that only asks people to try harder changes no condition
EXHORTATION = re.compile(
    r"\b(remind\w*|reminder|be (?:more |extra )?(?:careful|vigilant|aware)|"
    r"pay (?:more |extra )?attention|take (?:more )?care|raise awareness|try harder)\b",
    re.IGNORECASE,
)
#: owner roles that name nobody
PLACEHOLDER_OWNERS = ("anyone", "us", "me", "owner", "we", "the team")
MIN_FACTORS = 2
MAX_BUSINESS_DAYS = 5

_STAMP_HINT = "write it as YYYY-MM-DD HH:MM in Brightwater's local time, e.g. 2025-12-09 05:18"
_DAY_HINT = "write the date as YYYY-MM-DD, e.g. 2025-12-19"


# --- schema helpers ---------------------------------------------------------------------


def _stamp(value: Any) -> dt.datetime:
    return local_datetime(value, _STAMP_HINT)


def _day(value: Any) -> dt.date:
    return calendar_date(value, _DAY_HINT)


Text = Annotated[StrictStr, Field(min_length=1)]
Stamp = Annotated[dt.datetime, BeforeValidator(_stamp)]
Day = Annotated[dt.date, BeforeValidator(_day)]
FactorId = Annotated[StrictStr, AfterValidator(numbered_id("CF", "CF1"))]
ActionId = Annotated[StrictStr, AfterValidator(numbered_id("A", "A1"))]


class KeyTimes(Artefact):
    started: Annotated[Stamp, Field(description="when users were first affected")]
    detected: Annotated[
        Stamp, Field(description="when IT first recorded a signal: an alert, a call, a ticket")
    ]
    mitigated: Annotated[Stamp, Field(description="when users stopped being affected")]
    resolved: Annotated[
        Stamp, Field(description="when the condition was removed and the incident closed")
    ]


class Entry(Artefact):
    at: Annotated[Stamp, Field(description="when it happened: YYYY-MM-DD HH:MM")]
    event: Annotated[Text, Field(description="what happened, in the past tense, naming no one")]


class Factor(Artefact):
    id: Annotated[FactorId, Field(description="CF and a number, e.g. CF1")]
    factor: Annotated[Text, Field(description="a condition in the system that contributed")]
    evidence: Annotated[Text, Field(description="what in the timeline or the data shows it")]


class Action(Artefact):
    id: Annotated[ActionId, Field(description="A and a number, e.g. A1")]
    action: Annotated[Text, Field(description="what will change, specific enough to check")]
    owner_role: Annotated[Text, Field(description="the role that owns it, not a person's name")]
    due: Annotated[Day, Field(description="the date it is due: YYYY-MM-DD")]
    factors: Annotated[
        list[StrictStr], Field(description="ids of the contributing factors it addresses")
    ]


class Review(Artefact):
    title: Annotated[Text, Field(description="a short, neutral title for the incident")]
    service: Annotated[Text, Field(description="the service, as the business knows it")]
    review_meeting: Annotated[Day, Field(description="the date of the review meeting")]
    key_times: Annotated[KeyTimes, Field(description="started, detected, mitigated, resolved")]
    impact_minutes: Annotated[
        StrictInt | StrictFloat,
        Field(ge=0, description="minutes from started to mitigated"),
    ]
    summary: Annotated[Text, Field(description="what happened, in a few sentences")]
    impact: Annotated[Text, Field(description="who was affected and how, in business terms")]
    timeline: Annotated[
        list[Entry], Field(min_length=3, max_length=200, description="what happened, in order")
    ]
    contributing_factors: Annotated[
        list[Factor], Field(max_length=50, description="conditions that contributed")
    ]
    actions: Annotated[
        list[Action], Field(min_length=1, max_length=50, description="what will change")
    ]


exercise = Exercise(schema=Review)


# --- helpers for the rules --------------------------------------------------------------

KEYS = ("started", "detected", "mitigated", "resolved")
#: what each key time marks, as a phrase after 'the moment'
MARKS_AS = {
    "started": "users were first affected",
    "detected": "IT first recorded a signal (a call, a ticket or an alert)",
    "mitigated": "users stopped being affected",
    "resolved": "the condition was removed and the incident closed",
}


def _show(stamp: dt.datetime) -> str:
    return stamp.strftime("%Y-%m-%d %H:%M" + (":%S" if stamp.second else ""))


def _account(review: Review) -> list[tuple[str, str]]:
    """(path, text) of the account of what happened and of the factors."""
    texts = [("summary", review.summary), ("impact", review.impact)]
    texts += [(f"timeline[{i}].event", e.event) for i, e in enumerate(review.timeline, 1)]
    for i, f in enumerate(review.contributing_factors, 1):
        texts += [(f"contributing_factors[{i}].{k}", getattr(f, k)) for k in ("factor", "evidence")]
    return texts


def _business_days_after(start: dt.date, end: dt.date) -> int:
    """Weekdays (Monday to Friday) after ``start`` up to and including ``end``."""
    weeks, rest = divmod(max((end - start).days, 0), 7)
    # every run of seven days holds five weekdays; count the remaining days one by one
    extra = sum(1 for n in range(1, rest + 1) if (start + dt.timedelta(n)).weekday() < 5)
    return weeks * 5 + extra


# --- the rules ---------------------------------------------------------------------------


@exercise.rule(
    "PIR-KEY-TIMES",
    "The key times are in order: started <= detected <= mitigated <= resolved.",
)
def key_times(review: Review, check: Check) -> None:
    times = review.key_times
    for earlier, later in itertools.pairwise(KEYS):
        first, second = getattr(times, earlier), getattr(times, later)
        if second < first:
            check.fail(
                f"key_times.{later}",
                f"key_times.{later} ({_show(second)}) is before key_times.{earlier} "
                f"({_show(first)})",
                "an incident starts, is detected, is mitigated and is resolved in that "
                "order (two may share a time); check each against the timeline",
            )


@exercise.rule(
    "PIR-TIMELINE-ORDER",
    "Timeline times are strictly ascending: each entry is later than the one before. "
    "Merge two things that happened in the same minute into one entry, or add seconds "
    "(05:49:30).",
)
def timeline_order(review: Review, check: Check) -> None:
    check.ascending(
        "timeline", [e.at for e in review.timeline], what="timeline entries", label=_show
    )


@exercise.rule(
    "PIR-TIMELINE-KEYS",
    "Each of the four key times is the time of an entry in the timeline, so the "
    "reader can see what marked it.",
)
def timeline_keys(review: Review, check: Check) -> None:
    times = {e.at for e in review.timeline}
    for key in KEYS:
        stamp = getattr(review.key_times, key)
        if stamp not in times:
            check.fail(
                f"key_times.{key}",
                f"key_times.{key} ({_show(stamp)}) is not the time of any timeline entry",
                f"add a timeline entry at {_show(stamp)} for the moment {MARKS_AS[key]}, or "
                "correct the time",
            )


@exercise.rule(
    "PIR-IMPACT-MINUTES",
    "impact_minutes equals the minutes from key_times.started to key_times.mitigated, "
    "within 1 minute.",
)
def impact_minutes(review: Review, check: Check) -> None:
    start, end = review.key_times.started, review.key_times.mitigated
    if end < start:
        return  # reported by PIR-KEY-TIMES
    expected = (end - start).total_seconds() / 60
    check.close(
        "impact_minutes",
        review.impact_minutes,
        expected,
        tolerance=1,
        how=f"key_times.mitigated ({_show(end)}) minus key_times.started ({_show(start)}), "
        "in minutes",
    )


@exercise.rule(
    "PIR-FACTORS-COUNT",
    f"The review names at least {MIN_FACTORS} contributing factors.",
)
def factors_count(review: Review, check: Check) -> None:
    check.at_least(
        "contributing_factors",
        len(review.contributing_factors),
        MIN_FACTORS,
        what="the number of contributing factors",
        why="incidents rarely have a single cause: ask what made the failure possible, "
        "what delayed detection and what made the impact worse",
    )


@exercise.rule(
    "PIR-IDS-UNIQUE",
    "Each contributing factor id and each action id is used only once.",
)
def ids_unique(review: Review, check: Check) -> None:
    lists = {
        "contributing_factors": [f.id for f in review.contributing_factors],
        "actions": [a.id for a in review.actions],
    }
    for name, ids in lists.items():
        for index, item_id in enumerate(ids):
            if item_id in ids[:index]:
                check.fail(
                    (name, index, "id"),
                    f"the id {item_id} is used more than once in {name}",
                    "give each entry its own id (CF1, CF2... or A1, A2...)",
                )


@exercise.rule(
    "PIR-NO-BLAME",
    "The summary, impact, timeline and contributing factors blame no one: no person or role "
    "as the subject of a fault ('the analyst failed to', 'the desk should have'), no "
    "'human error', 'careless' or 'negligent', and no name of a Brightwater person. Things "
    "may fail ('scans failed to confirm'); people are described by what they saw and did.",
)
def no_blame(review: Review, check: Check) -> None:
    for path, text in _account(review):
        found = BLAME_WORDS.search(text) or PERSON_FAULT.search(text)
        if found:
            check.fail(
                path,
                f"'{found.group(0).strip()}' puts the cause in a person",
                "describe the condition in the system instead: say what people saw and did, "
                "and what made that reasonable at the time (a rule, a dashboard, a handover)",
            )
        named = _NAME.search(text)
        if named:
            check.fail(
                path,
                f"'{named.group(0)}' names a person",
                "name the role ('the on-call engineer', 'the analyst'), not the person",
            )


def _counterfactual(text: str) -> re.Match[str] | None:
    for match in COUNTERFACTUAL.finditer(text):
        if match.group(0).lower().startswith("if") and _ASKS.search(text[: match.start()]):
            continue  # 'checked if the job had finished' asks whether, it imagines nothing
        return match
    return None


@exercise.rule(
    "PIR-NO-COUNTERFACTUAL",
    "The summary, impact, timeline and contributing factors contain no counterfactual: "
    "no 'if' followed in the same sentence by 'had' or 'hadn't' (a sentence ends at "
    ". ! ? ; or a line break), and no 'would have', 'would not have' or 'wouldn't have'. "
    "An 'if' that means 'whether' ('checked if the job had finished') is fine.",
)
def no_counterfactual(review: Review, check: Check) -> None:
    for path, text in _account(review):
        match = _counterfactual(text)
        if match:
            check.fail(
                path,
                f"'{match.group(0)}' describes what did not happen",
                "say what did happen and what people knew at the time; put the change "
                "you want in an action",
            )


@exercise.rule(
    "PIR-FIXES-SEPARATE",
    "What happened stays apart from what will change: the summary, impact, timeline and "
    "contributing factors contain none of 'we will', 'we'll', 'we need to', 'we must', "
    "'we should', 'going forward', 'in future', 'in the future', 'next time', "
    "'action item' or 'action items'. Fixes go in the actions.",
)
def fixes_separate(review: Review, check: Check) -> None:
    for path, text in _account(review):
        check.banned_phrases(
            path,
            text,
            FIX_PHRASES,
            why="keep this part to what happened and why; move the fix to an action "
            "with an owner role, a due date and the factor it addresses",
        )


@exercise.rule(
    "PIR-ACTION-FACTOR",
    "Every action lists at least one contributing factor id, and every id it lists is "
    "a factor in this review.",
)
def action_factor(review: Review, check: Check) -> None:
    known = [f.id for f in review.contributing_factors]
    listed = ", ".join(known) or "none yet"
    for index, action in enumerate(review.actions, 1):
        if not action.factors:
            check.fail(
                f"actions[{index}].factors",
                f"action {action.id} is not linked to any contributing factor",
                f"list the factor ids it addresses (factors in this review: {listed})",
            )
        for position, factor in enumerate(action.factors, 1):
            if factor not in known:
                check.fail(
                    f"actions[{index}].factors[{position}]",
                    f"action {action.id} links to '{factor}', which is not a contributing "
                    "factor in this review",
                    f"use an id from contributing_factors: {listed}",
                )


@exercise.rule(
    "PIR-ACTION-OWNER",
    "Every action's owner_role names a role, not a person: no Brightwater name and no "
    "placeholder such as 'TBD', 'someone' or 'everyone'.",
)
def action_owner(review: Review, check: Check) -> None:
    for index, action in enumerate(review.actions, 1):
        path = f"actions[{index}].owner_role"
        if names_nobody(action.owner_role, PLACEHOLDER_OWNERS):
            check.fail(
                path,
                f"'{action.owner_role}' does not say who owns action {action.id}",
                "name the role that will do it, e.g. 'platform team lead' or 'supplier "
                "and SIAM manager'",
            )
            continue
        named = _NAME.search(action.owner_role)
        if named:
            check.fail(
                path,
                f"'{named.group(0)}' names a person, not a role",
                "write the role, e.g. 'service desk team lead': roles outlast people, "
                "and a blameless review names no one",
            )


@exercise.rule(
    "PIR-ACTION-CHANGE",
    "Every action changes a condition (a rule, an alert, a protected window, a tested "
    "contact list), not only people's effort: 'remind analysts to escalate' or 'be more "
    "careful' changes nothing.",
)
def action_change(review: Review, check: Check) -> None:
    for index, action in enumerate(review.actions, 1):
        found = EXHORTATION.search(action.action)
        if found:
            check.fail(
                f"actions[{index}].action",
                f"action {action.id} asks people to try harder ('{found.group(0)}'); the "
                "conditions that made the incident possible stay as they were",
                "change what made the old behaviour reasonable, e.g. a routing rule, an "
                "alert, a checklist built into the handover",
            )


@exercise.rule(
    "PIR-CASE-TIMES",
    "A review of the brief's incident takes each key time from the notes: users first "
    "affected when the first scans slowed (or when the load-out window or the 90 % drop "
    "began), detected at the first call or ticket, mitigated when confirmations recovered, "
    "resolved when the job was moved back.",
)
def case_times(review: Review, check: Check) -> None:
    day = dt.date.fromisoformat(str(CASE["incident_day"]))
    if not any(getattr(review.key_times, key).date() == day for key in KEYS):
        return  # a review of the learner's own incident
    for key in KEYS:
        stamp = getattr(review.key_times, key)
        allowed = CASE["key_times"][key]
        if stamp.date() != day or stamp.strftime("%H:%M") not in allowed:
            check.fail(
                f"key_times.{key}",
                f"key_times.{key} is {_show(stamp)}; the notes do not support it as the "
                f"moment {MARKS_AS[key]}",
                f"read the notes again for {MARKS_AS[key]}: the notes give it at "
                f"{listed(allowed, 'or')} on {day.isoformat()}",
            )


@exercise.rule(
    "PIR-ACTION-DUE",
    "Every action is due after the review meeting.",
)
def action_due(review: Review, check: Check) -> None:
    for index, action in enumerate(review.actions, 1):
        if action.due <= review.review_meeting:
            check.fail(
                f"actions[{index}].due",
                f"action {action.id} is due on {action.due.isoformat()}, not after the "
                f"review meeting ({review.review_meeting.isoformat()})",
                "actions are agreed at the meeting: give each a realistic date after it",
            )


@exercise.rule(
    "PIR-REVIEW-PROMPT",
    "The review meeting is held on or after the day the incident was resolved, and "
    f"within {MAX_BUSINESS_DAYS} business days (Monday to Friday) of it: the outer limit "
    "this course uses for every review. The check cannot see how severe the incident was; "
    "after the most severe incidents, aim for three calendar days.",
)
def review_prompt(review: Review, check: Check) -> None:
    resolved = review.key_times.resolved.date()
    meeting = review.review_meeting
    if meeting < resolved:
        check.fail(
            "review_meeting",
            f"the review meeting ({meeting.isoformat()}) is before the incident was "
            f"resolved ({resolved.isoformat()})",
            "hold the review after the incident is over, with the timeline gathered",
        )
        return
    days = _business_days_after(resolved, meeting)
    if days > MAX_BUSINESS_DAYS:
        check.fail(
            "review_meeting",
            f"the review meeting is {days} business days after the incident was resolved "
            f"({resolved.isoformat()}); the limit is {MAX_BUSINESS_DAYS}",
            "meet while memories and logs are fresh: within five business days at most, "
            "and within three calendar days after the most severe incidents",
        )
