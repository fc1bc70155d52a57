"""Checks an alerting and on-call policy for one SLO (module rel-06).

The scenario (Parcel Tracking's availability SLO from rel-02, the pages of the
last peak and today's rota, shown in the brief) lives in case.yaml. Every figure
is recomputed from the learner's own numbers: a burn rate from the share of the
budget and the long window, an error rate from the burn rate and the SLO target,
the share of time on call from the rota.
"""

from __future__ import annotations

from curriculum.validation import Check, Exercise, number
from curriculum.validation.toolkit import load_case, normal

from .judgements import (
    ROLE,
    WHAT,
    WHEN,
    agrees,
    budget_share,
    lasts,
    length,
    vague,
    who,
)
from .schema import AlertingPolicy

CASE = load_case()
SERVICE: str = CASE["slo"]["service"]
TARGET_PERCENT: float = CASE["slo"]["target_percent"]
WINDOW_DAYS: int = CASE["slo"]["window_days"]

#: the SRE book's ceiling on time on call, and its pager load limit per 12 hours
MAX_ON_CALL_PERCENT = 25
MAX_INCIDENTS_PER_12_HOURS = 2
#: this course's reading of the Workbook's "hours or a few days": a page is for a
#: burn that would spend the whole budget within a week
PAGE_WITHIN_DAYS = 7
#: this course's limit on the short window (the Workbook's guideline is a twelfth)
SHORT_WINDOW_MAX_SHARE = 1 / 4

exercise = Exercise(schema=AlertingPolicy)


@exercise.rule(
    "ALERT-SLO",
    f"The SLO is {SERVICE}'s availability SLO from the brief: {number(TARGET_PERCENT)} % over "
    f"a rolling {WINDOW_DAYS} days, not the 30 days of the Workbook's examples.",
)
def slo(doc: AlertingPolicy, check: Check) -> None:
    if normal(SERVICE) not in normal(doc.slo.service):
        check.fail(
            "slo.service",
            f"the service is '{doc.slo.service}'; the brief's policy is for {SERVICE}",
            f"write '{SERVICE}': its availability SLO is the one these alerts defend",
        )
    if abs(doc.slo.target_percent - TARGET_PERCENT) > 1e-9:
        check.fail(
            "slo.target_percent",
            f"target_percent is {number(doc.slo.target_percent)}; {SERVICE}'s SLO is "
            f"{number(TARGET_PERCENT)} %",
            "take the target from the brief: every error-rate threshold depends on it",
        )
    if doc.slo.window_days != WINDOW_DAYS:
        check.fail(
            "slo.window_days",
            f"window_days is {doc.slo.window_days}; {SERVICE}'s SLO window is a rolling "
            f"{WINDOW_DAYS} days",
            f"the Workbook's examples use 30 days: recompute every burn rate for {WINDOW_DAYS} "
            f"days ({WINDOW_DAYS * 24} hours)",
        )


@exercise.rule("ALERT-IDS", "Every alert has its own id (A1, A2, ...).")
def ids(doc: AlertingPolicy, check: Check) -> None:
    check.unique(
        "alerts",
        [a.id for a in doc.alerts],
        what="alert id",
        hint="give each alert its own id, e.g. A1, A2, A3",
        field="id",
    )


@exercise.rule(
    "ALERT-BURN-RATE",
    "Each alert's burn rate and budget share agree: budget consumed = burn rate x long window "
    "/ SLO window, to two significant figures or better.",
)
def burn_rate(doc: AlertingPolicy, check: Check) -> None:
    window = doc.slo.window_days * 1440
    for index, alert in enumerate(doc.alerts):
        share = alert.budget_consumed_percent
        expected = share / 100 * window / alert.long_window
        spends = alert.burn_rate * alert.long_window / window * 100
        if agrees(alert.burn_rate, expected) or agrees(share, spends):
            continue
        check.fail(
            ("alerts", index, "burn_rate"),
            f"burn_rate is {number(alert.burn_rate)}; expected {number(round(expected, 4))} "
            f"for {number(share)} % of the budget in {length(alert.long_window)} of a "
            f"{doc.slo.window_days}-day window",
            f"burn rate = {number(share)}/100 x {number(window / 60)} hours / "
            f"{number(round(alert.long_window / 60, 4))} hours; if {number(alert.burn_rate)} is "
            f"the rate you want, the alert fires when {number(round(spends, 2))} % of the "
            "budget has gone: correct budget_consumed_percent instead",
        )


@exercise.rule(
    "ALERT-ERROR-RATE",
    "Each alert's error rate is its burn rate times the budget's share of requests: "
    "error_rate_percent = burn_rate x (100 - target_percent), to two significant figures.",
)
def error_rate(doc: AlertingPolicy, check: Check) -> None:
    budget = 100 - doc.slo.target_percent
    for index, alert in enumerate(doc.alerts):
        expected = alert.burn_rate * budget
        if not agrees(alert.error_rate_percent, expected):
            check.fail(
                ("alerts", index, "error_rate_percent"),
                f"error_rate_percent is {number(alert.error_rate_percent)}; expected "
                f"{number(round(expected, 4))}: at a burn rate of {number(alert.burn_rate)}, "
                f"{number(round(expected, 4))} % of requests are failing",
                f"error rate = burn rate x (100 - {number(doc.slo.target_percent)}) = "
                f"{number(alert.burn_rate)} x {number(round(budget, 4))}, in % of requests",
            )


@exercise.rule(
    "ALERT-WINDOWS",
    "Each short window is shorter than its long window and at most a quarter of it (the "
    "Workbook's guideline is a twelfth); no long window is longer than the SLO's window.",
)
def windows(doc: AlertingPolicy, check: Check) -> None:
    for index, alert in enumerate(doc.alerts):
        long, short = alert.long_window, alert.short_window
        twelfth = length(long / 12)
        if short >= long:
            check.fail(
                ("alerts", index, "short_window"),
                f"{alert.id}: short_window ({length(short)}) is not shorter than long_window "
                f"({length(long)})",
                f"the short window checks that the burn is still going on: make it about a "
                f"twelfth of the long one, {twelfth}",
            )
        elif short > long * SHORT_WINDOW_MAX_SHARE + 1e-9:
            check.fail(
                ("alerts", index, "short_window"),
                f"{alert.id}: short_window ({length(short)}) is more than a quarter of "
                f"long_window ({length(long)}), so the alert goes on firing long after the "
                "burn has stopped",
                f"the Workbook's guideline is a twelfth of the long window: {twelfth}",
            )
        if long > doc.slo.window_days * 1440:
            check.fail(
                ("alerts", index, "long_window"),
                f"{alert.id}: long_window ({length(long)}) is longer than the SLO's "
                f"{doc.slo.window_days}-day window",
                "an alert judges a part of the window: the slowest ticket in the Workbook "
                "looks at 3 days",
            )


@exercise.rule(
    "ALERT-PAGE-TICKET",
    "Pages are the fast burns and tickets the slow ones: at least one of each; every page is "
    f"for a burn that would spend the whole budget within {PAGE_WITHIN_DAYS} days; every "
    "ticket is for a slower burn than every page.",
)
def page_ticket(doc: AlertingPolicy, check: Check) -> None:
    days = doc.slo.window_days
    pages = [(i, a) for i, a in enumerate(doc.alerts) if a.response == "page"]
    tickets = [(i, a) for i, a in enumerate(doc.alerts) if a.response == "ticket"]
    if not pages:
        check.fail(
            "alerts",
            "no alert pages anyone: a burn that spends the budget in hours reaches nobody "
            "until the next working day",
            "page on the fast burns, e.g. 2 % of the budget in 1 hour",
        )
    if not tickets:
        check.fail(
            "alerts",
            "no alert opens a ticket: a slow burn either wakes someone at night or goes unseen",
            "open a ticket, for the next working day, on a slow burn, e.g. 10 % of the budget "
            "in 3 days",
        )
    for index, alert in pages:
        if alert.burn_rate * PAGE_WITHIN_DAYS < days - 1e-9:
            check.fail(
                ("alerts", index, "response"),
                f"{alert.id} pages at a burn rate of {number(alert.burn_rate)}: at that pace the "
                f"budget lasts {lasts(days / alert.burn_rate)}, which is not a reason to wake "
                "anyone",
                f"page only on a burn that spends the whole budget within {PAGE_WITHIN_DAYS} "
                f"days (a burn rate of at least {number(round(days / PAGE_WITHIN_DAYS, 2))} on "
                f"a {days}-day window); make this one a ticket",
            )
    if not pages:
        return
    slowest, slowest_page = min(((a.burn_rate, a) for _, a in pages), key=lambda p: p[0])
    for index, alert in tickets:
        if alert.burn_rate >= slowest - 1e-9:
            check.fail(
                ("alerts", index, "response"),
                f"{alert.id} opens a ticket at a burn rate of {number(alert.burn_rate)}, no "
                f"slower than the page {slowest_page.id} ({number(slowest)}): at that pace the "
                f"budget lasts {lasts(days / alert.burn_rate)}",
                "fast burns page and slow burns open tickets: page on this one, or swap the "
                "two responses",
            )


@exercise.rule(
    "ALERT-NOTIFY",
    "Every page goes to a role on a rota (such as 'primary on-call engineer'), not to a "
    "person's name, a team, a channel or a list; every ticket goes to a queue or a role.",
)
def notify(doc: AlertingPolicy, check: Check) -> None:
    for index, alert in enumerate(doc.alerts):
        wrong = who(alert)
        if wrong:
            check.fail(("alerts", index, "notify"), *wrong)


@exercise.rule(
    "ALERT-ONCALL-SHARE",
    "on_call.on_call_share_percent equals on_call_at_once / rota_size x 100, within half a "
    "percentage point.",
)
def on_call_share(doc: AlertingPolicy, check: Check) -> None:
    rota = doc.on_call
    check.close(
        "on_call.on_call_share_percent",
        rota.on_call_share_percent,
        rota.on_call_at_once / rota.rota_size * 100,
        tolerance=0.5,
        how=f"{rota.on_call_at_once} people on call at once / {rota.rota_size} on the rota x 100",
    )


@exercise.rule(
    "ALERT-ROTA-SIZE",
    f"The rota is large enough that nobody is on call more than {MAX_ON_CALL_PERCENT} % of "
    "their time: at least four engineers for each person on call at once.",
)
def rota_size(doc: AlertingPolicy, check: Check) -> None:
    rota = doc.on_call
    share = rota.on_call_at_once / rota.rota_size * 100
    if share > MAX_ON_CALL_PERCENT + 1e-9:
        check.fail(
            "on_call.rota_size",
            f"with {rota.on_call_at_once} on call at once, a rota of {rota.rota_size} keeps each "
            f"engineer on call {number(round(share, 1))} % of the time, above "
            f"{MAX_ON_CALL_PERCENT} %",
            f"a rota with {rota.on_call_at_once} on call at once needs at least "
            f"{rota.on_call_at_once * 100 // MAX_ON_CALL_PERCENT} engineers; train more people "
            "onto it before adding duties",
        )


@exercise.rule(
    "ALERT-LOAD-LIMIT",
    f"The pager load limit is at most {MAX_INCIDENTS_PER_12_HOURS} incidents per 12 hours on "
    "call, and the policy says who acts when it is passed.",
)
def load_limit(doc: AlertingPolicy, check: Check) -> None:
    rota = doc.on_call
    if rota.max_incidents_per_12_hours > MAX_INCIDENTS_PER_12_HOURS:
        check.fail(
            "on_call.max_incidents_per_12_hours",
            f"the limit is {rota.max_incidents_per_12_hours} incidents per 12 hours; an "
            "incident and its follow-up take about 6 hours",
            f"set it at {MAX_INCIDENTS_PER_12_HOURS} or fewer, and treat a shift above it as a "
            "reason to fix the alerts or the service",
        )
    if not ROLE.search(rota.over_the_limit):
        check.fail(
            "on_call.over_the_limit",
            "over_the_limit says what happens, but not who makes it happen",
            "name the role that acts, e.g. 'the platform team lead moves the noisiest alert's "
            "fix to the top of the backlog; the secondary takes the pager for the night'",
        )


@exercise.rule(
    "ALERT-HANDOVER",
    "on_call.handover says when it happens (a day, a time or the start of each shift) and what "
    "is handed over (open incidents, tickets, alerts that fired).",
)
def handover(doc: AlertingPolicy, check: Check) -> None:
    said = doc.on_call.handover
    parts = (("when", WHEN), ("what", WHAT))
    missing = [part for part, pattern in parts if not pattern.search(said)]
    if missing:
        check.fail(
            "on_call.handover",
            f"the handover does not say {' or '.join(missing)}",
            "e.g. 'Monday 09:30, 15 minutes: open incidents and tickets, every page of the "
            "week and whether it needed action'",
        )


@exercise.rule(
    "ALERT-REVIEW-CONCRETE",
    "Every review trigger is a threshold someone could check: a figure, a severity level of "
    "the table (SEV1 to SEV3), or an event that either happened or did not (any rollback, "
    "every major incident), not a judgement such as 'serious incidents'.",
)
def review_concrete(doc: AlertingPolicy, check: Check) -> None:
    for index, trigger in enumerate(doc.review_triggers):
        why = vague(trigger)
        if why:
            check.fail(
                ("review_triggers", index),
                f"review trigger {index + 1} ('{trigger}'): {why}",
                "say where the line is, e.g. 'every SEV1 and SEV2 incident' or 'any incident "
                "that spends 20 % or more of the budget on its own'",
            )


@exercise.rule(
    "ALERT-REVIEW-BUDGET",
    "One review trigger measures the harm in the SLO's own terms: a share of the error budget "
    "(above 0 % and at most 100 %) that one incident spent.",
)
def review_budget(doc: AlertingPolicy, check: Check) -> None:
    shares = [s for s in (budget_share(t) for t in doc.review_triggers) if s is not None]
    if not shares:
        check.fail(
            "review_triggers",
            "no trigger says how much of the error budget one incident may spend before it "
            "gets a review",
            "add one, e.g. 'any incident that spends 20 % or more of the 28-day budget on its "
            "own' (the Workbook's example policy uses 20 %)",
        )
    elif not any(0 < s <= 100 for s in shares):
        check.fail(
            "review_triggers",
            f"the budget share in the review triggers ({number(shares[0])} %) is not between "
            "0 % and 100 %",
            "an incident can only be measured against the budget it is allowed: e.g. 20 %",
        )
