"""Checks an incident log: roles, severity, actions and stakeholder updates (module rel-03).

Brightwater's severity rule, as the module page sets it out (the first row that
matches wins):

- SEV1: load-out blocked at 2 or more depots, or a customer-facing service
  unusable for 25 % or more of its users. Updates at least every 30 minutes.
- SEV2: load-out blocked at 1 depot, a customer-facing service unusable for 5 %
  or more of its users, or an internal service unusable for 25 % or more of its
  users. Updates at least every 60 minutes.
- SEV3: anything else. Updates at least every 120 minutes.

The cadence is checked against the severity the impact gives, from the
declaration to the first update, between consecutive updates, and until a
closing update at or after the resolution.
"""

from __future__ import annotations

import itertools
import re
from datetime import datetime, timedelta
from typing import Annotated, Literal

from pydantic import Field, NaiveDatetime, StrictBool, StrictFloat, StrictInt, StrictStr

from curriculum.validation import Artefact, Check, Exercise

Severity = Literal["SEV1", "SEV2", "SEV3"]
Role = Literal["incident-commander", "scribe", "sme", "liaison"]
ActionKind = Literal["coordinate", "communicate", "record", "diagnose", "fix"]

#: update cadence per severity: the longest silence stakeholders should face, in minutes
CADENCE: dict[str, int] = {"SEV1": 30, "SEV2": 60, "SEV3": 120}
#: kinds of action that are hands-on work, which the commander delegates
HANDS_ON = ("diagnose", "fix")
SEV1_DEPOTS, SEV1_CUSTOMER_PERCENT = 2, 25
SEV2_DEPOTS, SEV2_CUSTOMER_PERCENT, SEV2_INTERNAL_PERCENT = 1, 5, 25
MIN_UPDATE_WORDS, MAX_UPDATE_WORDS = 15, 120
DEPOTS = 38

_WORD = re.compile(r"[\w'’-]+")
_NEXT_UPDATE = re.compile(r"next update\b[^.!?]*?\b([01]?\d|2[0-3]):[0-5]\d\b", re.IGNORECASE)

Text = Annotated[StrictStr, Field(min_length=1)]
When = Annotated[NaiveDatetime, Field(description="date and time, YYYY-MM-DD HH:MM")]


class Impact(Artefact):
    customer_facing: Annotated[
        StrictBool,
        Field(
            description="true if Brightwater's customers use the service "
            "(Parcel Tracking, Business Customer Portal)"
        ),
    ]
    users_affected_percent: Annotated[
        StrictFloat | StrictInt,
        Field(ge=0, le=100, description="share of the service's users who cannot use it, 0-100"),
    ]
    depots_load_out_blocked: Annotated[
        StrictInt,
        Field(
            ge=0,
            le=DEPOTS,
            description="depots whose trucks are held at load-out because of the incident",
        ),
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
    pct = impact.users_affected_percent
    if impact.depots_load_out_blocked >= SEV1_DEPOTS or (
        impact.customer_facing and pct >= SEV1_CUSTOMER_PERCENT
    ):
        return "SEV1"
    if (
        impact.depots_load_out_blocked >= SEV2_DEPOTS
        or (impact.customer_facing and pct >= SEV2_CUSTOMER_PERCENT)
        or (not impact.customer_facing and pct >= SEV2_INTERNAL_PERCENT)
    ):
        return "SEV2"
    return "SEV3"


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
    return " ".join(name.casefold().split())


def _commanders(doc: IncidentLog) -> set[str]:
    return {_key(p.person) for p in doc.roles if p.role == "incident-commander"}


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
    "The incident commander performs no hands-on action: none of their actions is of kind "
    "'diagnose' or 'fix'.",
)
def hands_off(doc: IncidentLog, check: Check) -> None:
    names = _commanders(doc)
    for index, action in enumerate(doc.actions):
        if _key(action.by) in names and action.kind in HANDS_ON:
            check.fail(
                ("actions", index, "kind"),
                f"the incident commander, {action.by}, does hands-on work here ({action.kind})",
                "delegate it to a subject matter expert by name, with a time to report back, "
                "and record the delegation as the commander's 'coordinate' action",
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
    "Every action is done by a person named under roles.",
)
def actors(doc: IncidentLog, check: Check) -> None:
    known = {_key(p.person) for p in doc.roles}
    for index, action in enumerate(doc.actions):
        if _key(action.by) not in known:
            check.fail(
                ("actions", index, "by"),
                f"'{action.by}' is not named under roles",
                "add them to roles with the role they held (usually sme), or correct the "
                "spelling so that it matches",
            )


@exercise.rule(
    "INCIDENT-SEVERITY",
    f"The severity follows the impact rule: SEV1 if load-out is blocked at "
    f"{SEV1_DEPOTS} or more depots or a customer-facing service is unusable for "
    f"{SEV1_CUSTOMER_PERCENT} % or more of its users; otherwise SEV2 if load-out is blocked at "
    f"{SEV2_DEPOTS} depot, a customer-facing service is unusable for {SEV2_CUSTOMER_PERCENT} % "
    f"or more, or an internal service for {SEV2_INTERNAL_PERCENT} % or more of its users; "
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
    "hear that the incident is over (the cadence applies to it too).",
)
def closing(doc: IncidentLog, check: Check) -> None:
    times = sorted(u.at for u in doc.updates)
    if not times or times[-1] < doc.resolved_at:
        check.fail(
            "updates",
            f"no update is sent at or after the resolution ({_hhmm(doc.resolved_at)})",
            "finish with a closing update: what was restored and when, what users may "
            "still notice, and when the review will take place",
        )


@exercise.rule(
    "INCIDENT-UPDATE-TEXT",
    f"Every update has {MIN_UPDATE_WORDS} to {MAX_UPDATE_WORDS} words, and every update sent "
    "before resolved_at says when the next one will come ('next update' followed by a time "
    "such as 06:30).",
)
def update_text(doc: IncidentLog, check: Check) -> None:
    for index, update in enumerate(doc.updates):
        path = ("updates", index, "text")
        count = len(_WORD.findall(update.text))
        if count < MIN_UPDATE_WORDS:
            check.fail(
                path,
                f"update {index + 1} has {count} words; it needs at least {MIN_UPDATE_WORDS}",
                "say what is affected, what is being done, what people should do "
                "meanwhile, and when the next update comes",
            )
        elif count > MAX_UPDATE_WORDS:
            check.fail(
                path,
                f"update {index + 1} has {count} words; keep it to {MAX_UPDATE_WORDS}",
                "stakeholders read updates on the move: keep the impact, the action and "
                "the next update time, and cut the technical detail",
            )
        if update.at < doc.resolved_at and not _NEXT_UPDATE.search(update.text):
            check.fail(
                path,
                f"update {index + 1} does not say when the next update will come",
                "end with 'Next update at HH:MM', no later than one cadence away",
            )
