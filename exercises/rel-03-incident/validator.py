"""Checks an incident log: roles, severity, actions and stakeholder updates (module rel-03).

Brightwater's severity rule (the module page's table; the first row that matches
wins) and the morning of the brief live in case.yaml. The cadence is checked
against the severity the impact gives, from the declaration to the first update,
between consecutive updates, and until a closing update at or after the
resolution. A log of the brief's morning must record the impact the brief gives.

The schema is in schema.py; what the rules read from a log (the severity its
impact gives, who is who, the time an update promises) is in analysis.py.
"""

from __future__ import annotations

import itertools
from datetime import timedelta

from curriculum.validation import Check, Exercise
from curriculum.validation.toolkit import listed

from .analysis import (
    CADENCE,
    HANDS_ON,
    IMPACT,
    JARGON,
    MORNING,
    PROMISE_GRACE,
    REVIEW,
    S1,
    S2,
    commanders_of,
    hhmm,
    holders_of,
    is_the_morning,
    minutes,
    person_key,
    promised_at,
    severity_for,
    who_is,
    why,
)
from .schema import DEPOTS, IncidentLog

exercise = Exercise(schema=IncidentLog)


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
    names = {person_key(doc.roles[i].person) for i in commanders}
    if len(names) > 1:
        named = ", ".join(doc.roles[i].person for i in commanders)
        check.fail(
            ("roles", commanders[1], "role"),
            f"{len(names)} people hold the incident-commander role ({named})",
            "keep one commander; hand over command explicitly if it changes, and record "
            "the handover as an action",
        )
    for index, entry in enumerate(doc.roles):
        if entry.role != "incident-commander" and person_key(entry.person) in names:
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
    commanders = commanders_of(doc)
    scribes = holders_of(doc, "scribe") - holders_of(doc, "sme")
    for index, action in enumerate(doc.actions):
        who = who_is(action.by, doc)
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
        pair = (person_key(entry.person), entry.role)
        if pair in seen:
            check.fail(
                ("roles", index),
                f"{entry.person} is listed twice as {entry.role}",
                "list each person once per role",
            )
        seen.add(pair)
    if severity_for(doc.impact) == "SEV1":
        scribes = holders_of(doc, "scribe")
        for index, entry in enumerate(doc.roles):
            if entry.role == "liaison" and person_key(entry.person) in scribes:
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
    known = {person_key(p.person) for p in doc.roles}
    for index, action in enumerate(doc.actions):
        if who_is(action.by, doc) not in known:
            check.fail(
                ("actions", index, "by"),
                f"'{action.by}' is not named under roles",
                "add them to roles with the role they held (usually sme), or correct the "
                "spelling so that it matches",
            )


@exercise.rule(
    "INCIDENT-IMPACT",
    "A log of the brief's morning records the impact the brief gives: load-out blocked at "
    f"{IMPACT['depots_load_out_blocked']} depots, an internal service, about "
    f"{IMPACT['users_affected_percent']} % of scanner users.",
)
def impact(doc: IncidentLog, check: Check) -> None:
    if not is_the_morning(doc):
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
            f"{why(doc.impact, expected)}; if the impact you recorded is wrong, correct "
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
            f"declared_at ({hhmm(doc.declared_at)}) is before detected_at "
            f"({hhmm(doc.detected_at)})",
            "an incident is declared after someone has noticed it: check both times",
        )
    if doc.resolved_at <= doc.declared_at:
        check.fail(
            "resolved_at",
            f"resolved_at ({hhmm(doc.resolved_at)}) is not after declared_at "
            f"({hhmm(doc.declared_at)})",
            "check the date as well as the time",
        )
    check.ascending(
        "actions", [a.at for a in doc.actions], what="action times", strict=False, label=hhmm
    )
    check.ascending("updates", [u.at for u in doc.updates], what="update times", label=hhmm)


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
    first = minutes(doc.declared_at, times[0])
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
        gap = minutes(before, after)
        if gap > limit:
            index = next(i for i, u in enumerate(doc.updates) if u.at == after)
            check.fail(
                ("updates", index, "at"),
                f"{gap:g} minutes pass between the updates at {hhmm(before)} and "
                f"{hhmm(after)}; at {level} the limit is {limit}",
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
            f"no update is sent at or after the resolution ({hhmm(doc.resolved_at)})",
            "finish with a closing update: what was restored and when, what users may "
            "still notice, and when the review will take place",
        )
    elif severity_for(doc.impact) == "SEV1" and not REVIEW.search(doc.updates[last].text):
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
        if update.at < doc.resolved_at and promised_at(update) is None:
            check.fail(
                ("updates", index, "text"),
                f"the update at {hhmm(update.at)} does not say when the next update will come",
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
        promised = promised_at(doc.updates[before])
        if promised is not None and doc.updates[after].at > promised + PROMISE_GRACE:
            check.fail(
                ("updates", after, "at"),
                f"the update at {hhmm(doc.updates[before].at)} promised the next one by "
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
        found = JARGON.search(update.text)
        if found:
            check.fail(
                ("updates", index, "text"),
                f"the update at {hhmm(update.at)} uses the internal term '{found.group(0)}'",
                "say what it means for the reader instead, e.g. 'the scanner service is "
                "overloaded': what is affected, what to do meanwhile, when the next update comes",
            )
