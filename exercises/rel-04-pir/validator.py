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
The schema is in ``schema.py``; the vocabulary and the helpers in ``analysis.py``.
"""

from __future__ import annotations

import datetime as dt
import itertools

from curriculum.validation import Check, Exercise
from curriculum.validation.toolkit import listed, names_nobody

from .analysis import (
    _NAME,
    BLAME_WORDS,
    CASE,
    EXHORTATION,
    FIX_PHRASES,
    KEYS,
    MARKS_AS,
    MAX_BUSINESS_DAYS,
    MIN_FACTORS,
    PERSON_FAULT,
    PLACEHOLDER_OWNERS,
    _account,
    _business_days_after,
    _counterfactual,
    _show,
)
from .schema import Review

exercise = Exercise(schema=Review)


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
    what = {"contributing_factors": "the factor id", "actions": "the action id"}
    for name, ids in lists.items():
        check.unique(
            name,
            ids,
            what=what[name],
            hint="give each entry its own id (CF1, CF2... or A1, A2...)",
            field="id",
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
