"""Checks an incident log: roles, severity, actions and stakeholder updates (module rel-03).

Brightwater's severity rule (the module page's table; the first row that matches
wins) and the morning of the brief live in case.yaml. The cadence is checked
against the severity the impact gives, from the declaration to the first update,
between consecutive updates, and until a closing update at or after the
resolution. A log of the brief's morning must record the impact the brief gives.
"""

from __future__ import annotations

import itertools
import re
from datetime import datetime, timedelta
from typing import Annotated, Literal

from pydantic import Field, NaiveDatetime, StrictBool, StrictFloat, StrictInt, StrictStr

from curriculum.validation import Artefact, Check, Exercise
from curriculum.validation.toolkit import listed, load_case, normal

CASE = load_case()
Severity = Literal["SEV1", "SEV2", "SEV3"]
Role = Literal["incident-commander", "scribe", "sme", "liaison"]
ActionKind = Literal["coordinate", "communicate", "record", "diagnose", "fix"]

SEVERITY = CASE["severity"]
#: update cadence per severity: the longest silence stakeholders should face, in minutes
CADENCE: dict[str, int] = {level: row["cadence_minutes"] for level, row in SEVERITY.items()}
#: kinds of action that are hands-on work, which the commander and the scribe delegate
HANDS_ON = ("diagnose", "fix")
#: how late an update may come after the time the one before promised
PROMISE_GRACE = timedelta(minutes=2)
S1, S2 = SEVERITY["SEV1"], SEVERITY["SEV2"]
DEPOTS: int = CASE["depots_in_network"]
MORNING = CASE["incident"]
IMPACT = MORNING["impact"]

_TIME = r"(?:[01]?\d|2[0-3])[:.h][0-5]\d"
#: a promise of the next update: a clock time, or a delay such as 'in 30 minutes'
_NEXT_UPDATE = re.compile(
    r"\b(?:next (?:update|one|message|call|briefing)|update (?:you )?again|further update|"
    r"(?:we|i) will (?:update|write|send)|(?:another|new) update)\b[^.!?]{0,40}?"
    r"(?:(?P<clock>" + _TIME + r")|\bin (?P<delay>\d{1,3}) ?(?:min|minutes?|mins)\b)",
    re.IGNORECASE,
)
#: the closing update says a review will follow
_REVIEW = re.compile(r"\b(review|pir|post[- ]incident|retro\w*|lessons?|learn\w*)\b", re.I)
_JARGON = re.compile(
    r"\b(" + "|".join(re.escape(j) for j in CASE["jargon"]) + r")\b", re.IGNORECASE
)

Text = Annotated[StrictStr, Field(min_length=1)]
When = Annotated[NaiveDatetime, Field(description="date and time, YYYY-MM-DD HH:MM")]


class Impact(Artefact):
    customer_facing: Annotated[
        StrictBool, Field(description="true if Brightwater's customers use the service")
    ]
    users_affected_percent: Annotated[
        StrictFloat | StrictInt,
        Field(ge=0, le=100, description="share of the service's users who cannot use it, 0-100"),
    ]
    depots_load_out_blocked: Annotated[
        StrictInt, Field(ge=0, le=DEPOTS, description="depots whose trucks are held at load-out")
    ]


class Person(Artefact):
    person: Annotated[Text, Field(description="who")]
    role: Annotated[Role, Field(description="incident-commander, scribe, sme or liaison")]


class Action(Artefact):
    at: When
    by: Annotated[Text, Field(description="a person named under roles")]
    kind: Annotated[
        ActionKind, Field(description="coordinate, communicate, record, diagnose or fix")
    ]
    text: Annotated[Text, Field(description="what they did")]


class Update(Artefact):
    at: When
    audience: Annotated[Text, Field(description="who receives it")]
    text: Annotated[Text, Field(description="the update, as sent")]


class IncidentLog(Artefact):
    incident: Annotated[Text, Field(description="a short title for the incident")]
    service: Annotated[Text, Field(description="the affected service")]
    impact: Annotated[Impact, Field(description="the impact, as far as it is known")]
    severity: Annotated[Severity, Field(description="SEV1, SEV2 or SEV3")]
    detected_at: When
    declared_at: When
    resolved_at: When
    roles: Annotated[list[Person], Field(description="who held which incident role")]
    actions: Annotated[list[Action], Field(description="who did what, when, in time order")]
    updates: Annotated[list[Update], Field(description="stakeholder updates, in time order")]


exercise = Exercise(schema=IncidentLog)


def severity_for(impact: Impact) -> str:
    """The severity Brightwater's impact rule gives (the first matching row wins)."""
    share = "customer_percent" if impact.customer_facing else "internal_percent"
    for level, row in SEVERITY.items():
        if (
            len(row) == 1  # only a cadence: the row for anything else
            or impact.depots_load_out_blocked >= row.get("depots", DEPOTS + 1)
            or impact.users_affected_percent >= row.get(share, 101)
        ):
            return level
    return list(SEVERITY)[-1]


def _why(impact: Impact, severity: str) -> str:
    depots = impact.depots_load_out_blocked
    side = "customer-facing" if impact.customer_facing else "internal"
    return (
        f"load-out blocked at {depots} depot{'' if depots == 1 else 's'} and a {side} "
        f"service unusable for {impact.users_affected_percent:g} % of its users give {severity}"
    )


def _hhmm(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M")


def _minutes(start: datetime, end: datetime) -> float:
    return (end - start).total_seconds() / 60


def _key(name: str) -> str:
    return normal(re.sub(r"\(.*?\)", " ", name)).strip(" .")


def _who(name: str, doc: IncidentLog) -> str:
    """The person under roles that ``name`` means: the full name, or a first name or a
    surname that only one of them has; else ``name`` itself."""
    key = _key(name)
    people = {_key(p.person) for p in doc.roles}
    if key in people:
        return key
    matches = [p for p in people if key and set(key.split()) <= set(p.split())]
    return matches[0] if len(matches) == 1 else key


def _holders(doc: IncidentLog, role: str) -> set[str]:
    return {_key(p.person) for p in doc.roles if p.role == role}


def _commanders(doc: IncidentLog) -> set[str]:
    return _holders(doc, "incident-commander")


def _promised(update: Update) -> datetime | None:
    """The time an update promises the next one, if it says."""
    found = _NEXT_UPDATE.search(update.text)
    if found is None:
        return None
    if found.group("delay"):
        return update.at + timedelta(minutes=int(found.group("delay")))
    hours, minutes = re.split(r"[:.h]", found.group("clock").lower())
    moment = update.at.replace(hour=int(hours), minute=int(minutes))
    return moment if moment >= update.at else moment + timedelta(days=1)


@exercise.rule(
    "INCIDENT-COMMANDER",
    "Exactly one person holds the incident-commander role, and the commander holds no other role.",
)
def commander(doc: IncidentLog, check: Check) -> None:
    commanders = [i for i, p in enumerate(doc.roles) if p.role == "incident-commander"]
    if not commanders:
        check.fail(
            "roles",
            "nobody holds the incident-commander role",
            "name one incident commander: the single person who coordinates and decides",
        )
        return
    names = {_key(doc.roles[i].person) for i in commanders}
    if len(names) > 1:
        listed = ", ".join(doc.roles[i].person for i in commanders)
        check.fail(
            ("roles", commanders[1], "role"),
            f"{len(names)} people hold the incident-commander role ({listed})",
            "keep one commander; hand over command explicitly if it changes, and record "
            "the handover as an action",
        )
    for index, entry in enumerate(doc.roles):
        if entry.role != "incident-commander" and _key(entry.person) in names:
            check.fail(
                ("roles", index, "role"),
                f"{entry.person} is the incident commander and also holds the {entry.role} role",
                "the commander only coordinates: give the other role to someone else",
            )


@exercise.rule(
    "INCIDENT-HANDS-OFF",
    "The incident commander and the scribe do no hands-on work: none of their actions is of "
    "kind 'diagnose' or 'fix' (unless the scribe is also named as an SME).",
)
def hands_off(doc: IncidentLog, check: Check) -> None:
    commanders = _commanders(doc)
    scribes = _holders(doc, "scribe") - _holders(doc, "sme")
    for index, action in enumerate(doc.actions):
        who = _who(action.by, doc)
        if action.kind not in HANDS_ON or who not in commanders | scribes:
            continue
        if who in commanders:
            check.fail(
                ("actions", index, "kind"),
                f"the incident commander, {action.by}, does hands-on work here ({action.kind})",
                "delegate it to a subject matter expert by name, with a time to report back, "
                "and record the delegation as the commander's 'coordinate' action",
            )
        else:
            check.fail(
                ("actions", index, "kind"),
                f"the scribe, {action.by}, does hands-on work here ({action.kind}), so nobody "
                "keeps the timeline meanwhile",
                "give the work to an SME, or name another scribe while this person works on "
                "the fix",
            )


@exercise.rule(
    "INCIDENT-ROLES",
    "Besides the commander, a scribe, at least one SME and a liaison are named, and no person "
    "is listed twice in the same role. One person may be both scribe and liaison only below "
    "SEV1 (by the impact rule); at SEV1 they are different people.",
)
def roles(doc: IncidentLog, check: Check) -> None:
    held = {p.role for p in doc.roles}
    hints = {
        "scribe": "name a scribe, who keeps the timeline of actions and decisions",
        "sme": "name at least one subject matter expert, who diagnoses and fixes",
        "liaison": "name a liaison, who sends the stakeholder updates",
    }
    for role, hint in hints.items():
        if role not in held:
            check.fail("roles", f"nobody holds the {role} role", hint)
    seen: set[tuple[str, str]] = set()
    for index, entry in enumerate(doc.roles):
        pair = (_key(entry.person), entry.role)
        if pair in seen:
            check.fail(
                ("roles", index),
                f"{entry.person} is listed twice as {entry.role}",
                "list each person once per role",
            )
        seen.add(pair)
    if severity_for(doc.impact) == "SEV1":
        scribes = {_key(p.person) for p in doc.roles if p.role == "scribe"}
        for index, entry in enumerate(doc.roles):
            if entry.role == "liaison" and _key(entry.person) in scribes:
                check.fail(
                    ("roles", index, "person"),
                    f"{entry.person} is both scribe and liaison in a SEV1 incident",
                    "at SEV1 the timeline and the updates are each a full-time job: give "
                    "the liaison role to someone else",
                )


@exercise.rule(
    "INCIDENT-ACTORS",
    "Every action is done by a person named under roles (a first name or surname that only "
    "one of them has is enough).",
)
def actors(doc: IncidentLog, check: Check) -> None:
    known = {_key(p.person) for p in doc.roles}
    for index, action in enumerate(doc.actions):
        if _who(action.by, doc) not in known:
            check.fail(
                ("actions", index, "by"),
                f"'{action.by}' is not named under roles",
                "add them to roles with the role they held (usually sme), or correct the "
                "spelling so that it matches",
            )


def _is_the_morning(doc: IncidentLog) -> bool:
    """Whether the log is of the brief's incident (its service, on its date)."""
    words = set(re.findall(r"\w+", normal(doc.service + " " + doc.incident)))
    return str(doc.detected_at.date()) == str(MORNING["date"]) and bool(
        words & set(MORNING["service_words"])
    )


@exercise.rule(
    "INCIDENT-IMPACT",
    "A log of the brief's morning records the impact the brief gives: load-out blocked at "
    f"{IMPACT['depots_load_out_blocked']} depots, an internal service, about "
    f"{IMPACT['users_affected_percent']} % of scanner users.",
)
def impact(doc: IncidentLog, check: Check) -> None:
    if not _is_the_morning(doc):
        return
    got, depots = doc.impact, IMPACT["depots_load_out_blocked"]
    if got.depots_load_out_blocked != depots:
        check.fail(
            "impact.depots_load_out_blocked",
            f"depots_load_out_blocked is {got.depots_load_out_blocked}; the brief has trucks "
            f"held at {depots} depots ({listed(MORNING['depots'])})",
            "record the impact as it was; the severity follows from it, not the other way round",
        )
    if got.customer_facing != IMPACT["customer_facing"]:
        check.fail(
            "impact.customer_facing",
            f"customer_facing is {str(got.customer_facing).lower()}; {MORNING['service']} is "
            "used by Brightwater's own depot staff, not its customers",
            "set customer_facing to false; stale tracking for customers goes into the updates",
        )
    share = IMPACT["users_affected_percent"]
    if abs(got.users_affected_percent - share) > IMPACT["users_tolerance"]:
        check.fail(
            "impact.users_affected_percent",
            f"users_affected_percent is {got.users_affected_percent:g}; the brief gives about "
            f"{share:g} % of scanner users",
            f"use the brief's figure: {depots} of {DEPOTS} depots' scanner users",
        )


@exercise.rule(
    "INCIDENT-SEVERITY",
    f"The severity follows the impact rule: SEV1 if load-out is blocked at "
    f"{S1['depots']} or more depots or a customer-facing service is unusable for "
    f"{S1['customer_percent']} % or more of its users; otherwise SEV2 if load-out is blocked "
    f"at {S2['depots']} depot, a customer-facing service is unusable for "
    f"{S2['customer_percent']} % or more, or an internal service for "
    f"{S2['internal_percent']} % or more of its users; "
    "otherwise SEV3.",
)
def severity(doc: IncidentLog, check: Check) -> None:
    expected = severity_for(doc.impact)
    if doc.severity != expected:
        check.fail(
            "severity",
            f"severity is {doc.severity}; the impact rule gives {expected}",
            f"{_why(doc.impact, expected)}; if the impact you recorded is wrong, correct "
            "the impact instead",
        )


@exercise.rule(
    "INCIDENT-ORDER",
    "Times are in order: detected_at no later than declared_at, resolved_at after "
    "declared_at, actions in time order, and updates in time order with no two at the same "
    "minute.",
)
def order(doc: IncidentLog, check: Check) -> None:
    if doc.declared_at < doc.detected_at:
        check.fail(
            "declared_at",
            f"declared_at ({_hhmm(doc.declared_at)}) is before detected_at "
            f"({_hhmm(doc.detected_at)})",
            "an incident is declared after someone has noticed it: check both times",
        )
    if doc.resolved_at <= doc.declared_at:
        check.fail(
            "resolved_at",
            f"resolved_at ({_hhmm(doc.resolved_at)}) is not after declared_at "
            f"({_hhmm(doc.declared_at)})",
            "check the date as well as the time",
        )
    check.ascending(
        "actions", [a.at for a in doc.actions], what="action times", strict=False, label=_hhmm
    )
    check.ascending("updates", [u.at for u in doc.updates], what="update times", label=_hhmm)


@exercise.rule(
    "INCIDENT-CADENCE",
    "Updates keep to the cadence of the severity the impact rule gives (SEV1 every "
    f"{CADENCE['SEV1']} minutes, SEV2 every {CADENCE['SEV2']}, SEV3 every {CADENCE['SEV3']}): "
    "the first update comes no later than one cadence after declared_at, and no gap between "
    "consecutive updates is longer than the cadence.",
)
def cadence(doc: IncidentLog, check: Check) -> None:
    level = severity_for(doc.impact)
    limit = CADENCE[level]
    times = sorted(u.at for u in doc.updates)  # the order itself is INCIDENT-ORDER's job
    if not times:
        check.fail(
            "updates",
            "there are no stakeholder updates",
            f"at {level}, send the first update within {limit} minutes of declaring the "
            f"incident and then at least every {limit} minutes",
        )
        return
    first = _minutes(doc.declared_at, times[0])
    if first > limit:
        index = next(i for i, u in enumerate(doc.updates) if u.at == times[0])
        check.fail(
            ("updates", index, "at"),
            f"the first update comes {first:g} minutes after the incident was declared; "
            f"at {level} the limit is {limit}",
            "send a short first update as soon as the incident is declared, even if all "
            "you can say is what is affected and when the next update will come",
        )
    for before, after in itertools.pairwise(times):
        gap = _minutes(before, after)
        if gap > limit:
            index = next(i for i, u in enumerate(doc.updates) if u.at == after)
            check.fail(
                ("updates", index, "at"),
                f"{gap:g} minutes pass between the updates at {_hhmm(before)} and "
                f"{_hhmm(after)}; at {level} the limit is {limit}",
                f"add an update by {(before + timedelta(minutes=limit)).strftime('%H:%M')}, "
                "even if nothing has changed: say so, and say when the next one comes",
            )


@exercise.rule(
    "INCIDENT-CLOSING",
    "The last update is a closing update, sent at or after resolved_at, so that stakeholders "
    "hear that the incident is over (the cadence applies to it too); at SEV1 it says that a "
    "review will follow.",
)
def closing(doc: IncidentLog, check: Check) -> None:
    last = max(range(len(doc.updates)), key=lambda i: doc.updates[i].at, default=None)
    if last is None or doc.updates[last].at < doc.resolved_at:
        check.fail(
            "updates",
            f"no update is sent at or after the resolution ({_hhmm(doc.resolved_at)})",
            "finish with a closing update: what was restored and when, what users may "
            "still notice, and when the review will take place",
        )
    elif severity_for(doc.impact) == "SEV1" and not _REVIEW.search(doc.updates[last].text):
        check.fail(
            ("updates", last, "text"),
            "the closing update does not say that a review will follow",
            "add that a blameless review will take place (and when), so stakeholders know "
            "the causes will be looked at",
        )


@exercise.rule(
    "INCIDENT-UPDATE-TEXT",
    "Every update sent before resolved_at says when the next one will come: 'next update' "
    "(or 'we will update you again') with a time such as 06:30, or 'in 30 minutes'.",
)
def update_text(doc: IncidentLog, check: Check) -> None:
    for index, update in enumerate(doc.updates):
        if update.at < doc.resolved_at and _promised(update) is None:
            check.fail(
                ("updates", index, "text"),
                f"the update at {_hhmm(update.at)} does not say when the next update will come",
                "end with 'Next update at HH:MM', no later than one cadence away",
            )


@exercise.rule(
    "INCIDENT-PROMISE",
    "Each promised next-update time is kept: the next update (or the closing one) comes no "
    "later than the time the update before it gave (two minutes' grace).",
)
def promise(doc: IncidentLog, check: Check) -> None:
    ordered = sorted(range(len(doc.updates)), key=lambda i: doc.updates[i].at)
    for before, after in itertools.pairwise(ordered):
        promised = _promised(doc.updates[before])
        if promised is not None and doc.updates[after].at > promised + PROMISE_GRACE:
            check.fail(
                ("updates", after, "at"),
                f"the update at {_hhmm(doc.updates[before].at)} promised the next one by "
                f"{promised.strftime('%H:%M')}, but it came at {doc.updates[after].at:%H:%M}",
                "send an update at the promised time even if nothing has changed, or "
                "promise a later time",
            )


@exercise.rule(
    "INCIDENT-UPDATE-JARGON",
    "Updates are written for depot managers and other stakeholders: no internal technical "
    "terms such as 'connection pool' or 'sync workers'.",
)
def update_jargon(doc: IncidentLog, check: Check) -> None:
    for index, update in enumerate(doc.updates):
        found = _JARGON.search(update.text)
        if found:
            check.fail(
                ("updates", index, "text"),
                f"the update at {_hhmm(update.at)} uses the internal term '{found.group(0)}'",
                "say what it means for the reader instead, e.g. 'the scanner service is "
                "overloaded': what is affected, what to do meanwhile, when the next update comes",
            )
