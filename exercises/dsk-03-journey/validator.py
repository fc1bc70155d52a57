"""Checks a ticket-journey analysis and a swarm policy (module dsk-03).

The event log of ticket INC-46094 is the case's (``case.yaml``), shown in the
brief. The learner declares what the log shows (handoffs, reassignments, working, waiting
and queue minutes), writes one observation, and designs a swarm policy. Every
figure is recomputed from the log with these definitions:

- the ticket is held by the team that created it until an ``assigned`` event
  gives it to another team;
- a handoff is an ``assigned`` event that moves the ticket to a different team
  from the one holding it;
- a reassignment is a handoff to a team that has held the ticket before (a
  bounce: the ping-pong);
- working time runs from each ``created`` or ``started`` event to the next
  event; waiting time runs from each ``assigned`` or ``waiting`` event to the
  next event; queue time is the part of waiting time that follows an
  ``assigned`` event (the ticket sits in a team's queue after a handoff).
  Minutes are clock minutes: the clock does not stop overnight.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime

from curriculum.validation import Check, Exercise
from curriculum.validation.toolkit import (
    duplicates,
    listed,
    load_case,
    names_nobody,
    normal,
    plural,
    word_count,
)

from .analysis import Event, analyse, has_term
from .schema import JourneyAnalysis

CASE = load_case()
TICKET: str = CASE["ticket"]
#: the event log of the case's ticket, as the brief shows it
EVENTS: tuple[Event, ...] = tuple(
    Event(datetime.fromisoformat(f"{CASE['days'][day]} {hhmm}"), kind, team, note)
    for day, hhmm, kind, team, note in CASE["events"]
)

TRUTH = analyse(EVENTS)

MAX_CONDITION_WORDS = 60
MIN_OBSERVATION_WORDS, MAX_OBSERVATION_WORDS = 20, 150
MIN_MEMBERS, MAX_MEMBERS = 2, 6
VAGUE: list[str] = CASE["vague"]
#: a threshold: digits or a number word ('2 depots', 'two depots', 'the second team')
_NUMBER = re.compile(r"\d|\b(?:" + "|".join(CASE["number_words"]) + r")\b", re.IGNORECASE)
#: a count of moves with its threshold: '5 reassignments', 'reassigned 5 times', '3rd handoff'
_MOVES = re.compile(
    r"(?:(\d+)(?:st|nd|rd|th)?\s+(?:or more\s+|times?\s+)?(reassign|bounce|hand-?off|handover)"
    r"|(reassign|bounce|hand-?off|handed|passed)\w*\D{0,25}?(\d+)\s*(?:times|teams|or more))",
    re.IGNORECASE,
)
#: an age with its threshold: 'open for 48 hours', 'unresolved after 2 days'
_AGE = re.compile(r"(\d+)\s*(minute|min|hour|hr|day)s?\b", re.IGNORECASE)
_AGE_WORDS = re.compile(r"\b(open|unresolved|old|age|not resolved|still)\b", re.IGNORECASE)
_UNIT_MINUTES = {"minute": 1, "min": 1, "hour": 60, "hr": 60, "day": 1440}


exercise = Exercise(schema=JourneyAnalysis)


#: the five figures: code, field, the true value, the description, how it is computed
FIGURES = (
    (
        "JOURNEY-HANDOFFS",
        "handoffs",
        TRUTH.handoffs,
        "handoffs equals the number of 'assigned' events in the log that move the ticket to a "
        "different team from the one holding it (the team that creates a ticket holds it first).",
        "the number of 'assigned' events whose team differs from the team holding the "
        "ticket just before; the ticket starts with the Service desk, which created it",
    ),
    (
        "JOURNEY-REASSIGNMENTS",
        "reassignments",
        TRUTH.reassignments,
        "reassignments equals the number of handoffs that send the ticket back to a team that "
        "has held it before (the bounces of ticket ping-pong).",
        "the number of handoffs whose receiving team already appears earlier in the "
        "ticket's history (including the Service desk, which created it)",
    ),
    (
        "JOURNEY-WORKING",
        "working_minutes",
        TRUTH.working,
        "working_minutes equals the clock minutes from each 'created' or 'started' event to "
        "the event after it, added up.",
        "the sum, over every 'created' and 'started' event, of the minutes until the next event",
    ),
    (
        "JOURNEY-WAITING",
        "waiting_minutes",
        TRUTH.waiting,
        "waiting_minutes equals the clock minutes from each 'assigned' or 'waiting' event to "
        "the event after it, added up (the clock does not stop overnight); working and waiting "
        "minutes together make the ticket's whole elapsed time.",
        "the sum, over every 'assigned' and 'waiting' event, of the minutes until the "
        f"next event; check: working + waiting = {TRUTH.elapsed} minutes from created to "
        "resolved",
    ),
    (
        "JOURNEY-QUEUE",
        "queue_minutes",
        TRUTH.queue,
        "queue_minutes equals the part of the waiting time that follows an 'assigned' event: "
        "the minutes from each handoff until the receiving team starts work.",
        "the sum, over every 'assigned' event only, of the minutes until the next "
        "event; time after a 'waiting' event is waiting but not queue time",
    ),
)


def _figure(field: str, truth: int, how: str) -> Callable[[JourneyAnalysis, Check], None]:
    def rule(doc: JourneyAnalysis, check: Check) -> None:
        check.close(field, getattr(doc, field), truth, how=how)

    return rule


for _code, _field, _truth, _description, _how in FIGURES:
    exercise.rule(_code, _description)(_figure(_field, _truth, _how))


@exercise.rule(
    "JOURNEY-OBSERVATION",
    f"The observation says what the history tells you in {MIN_OBSERVATION_WORDS} to "
    f"{MAX_OBSERVATION_WORDS} words.",
)
def observation(doc: JourneyAnalysis, check: Check) -> None:
    count = word_count(doc.observation)
    if count < MIN_OBSERVATION_WORDS:
        check.fail(
            "observation",
            f"the observation has {count} words; it needs at least {MIN_OBSERVATION_WORDS}",
            "say where the time went and what a swarm would have changed, "
            "e.g. which wait was longest and who was missing at load-out",
        )
    elif count > MAX_OBSERVATION_WORDS:
        check.fail(
            "observation",
            f"the observation has {count} words; keep it to {MAX_OBSERVATION_WORDS}",
            "keep the one or two findings that matter most for the swarm policy",
        )


def _condition_problem(text: str, exit_: bool) -> tuple[str, str] | None:
    """What makes a trigger or exit criterion not one anyone could check, or None."""
    if word_count(text) > MAX_CONDITION_WORDS:
        return (
            f"has {word_count(text)} words; keep a condition to {MAX_CONDITION_WORDS}",
            "one condition per entry: split it into two if it checks two things",
        )
    for phrase in VAGUE:
        if has_term(normal(text), [phrase]):
            return (
                f"leaves the decision open ('{phrase}')",
                "replace it with a condition anyone on the desk could check, with a number",
            )
    if not _NUMBER.search(text) and not (exit_ and has_term(text, CASE["exit_success"])):
        return (
            "names no threshold",
            "give the number that decides it, e.g. '2 handoffs', '15 minutes', 'two depots' "
            "or '06:30'"
            + (", or who confirms what ('the depot confirms scans are normal')" if exit_ else ""),
        )
    return None


def _conditions(check: Check, items: list[str], field: str, exit_: bool, example: str) -> None:
    one, many = (
        ("exit criterion", "exit criteria") if exit_ else ("entry trigger", "entry triggers")
    )
    if not any(item.strip() for item in items):
        check.fail(
            f"swarm_policy.{field}",
            f"the policy has no {many}",
            f"add at least one concrete condition, e.g. '{example}'",
        )
        return
    for index, item in enumerate(items):
        problem = (
            _condition_problem(item, exit_)
            if item.strip()
            else ("is empty", "fill it in or delete it")
        )
        if problem:
            check.fail(
                ("swarm_policy", field, index), f"{one} {index + 1} {problem[0]}", problem[1]
            )


@exercise.rule(
    "JOURNEY-ENTRY",
    "The policy has at least one entry trigger, and every trigger is a condition anyone "
    "could check: it gives the number that decides it (such as 2 handoffs, 30 minutes, two "
    "depots or 06:30, in digits or words) and no open phrase such as 'as needed', 'if "
    f"necessary' or 'as appropriate'; at most {MAX_CONDITION_WORDS} words.",
)
def entry(doc: JourneyAnalysis, check: Check) -> None:
    _conditions(
        check,
        doc.swarm_policy.entry_triggers,
        "entry_triggers",
        False,
        "a scanner ticket is handed to a 2nd team without a known cause",
    )


def _never_fires(trigger: str) -> str | None:
    """Why a count or age trigger would not have fired on the case's ticket, or None."""
    for match in _MOVES.finditer(trigger):
        number = int(match.group(1) or match.group(4))
        word = (match.group(2) or match.group(3)).casefold()
        bounce = word.startswith(("reassign", "bounce"))
        reached = TRUTH.reassignments if bounce else TRUTH.handoffs
        if number > reached:
            what = "reassignment" if bounce else "handoff"
            return f"{TICKET} had {plural(reached, what)} in all"
    if _AGE_WORDS.search(trigger):
        for match in _AGE.finditer(trigger):
            minutes = int(match.group(1)) * _UNIT_MINUTES[match.group(2).casefold()]
            if minutes >= TRUTH.elapsed:
                return f"{TICKET} was resolved {TRUTH.elapsed:,} minutes after the call"
    return None


@exercise.rule(
    "JOURNEY-ENTRY-LATE",
    f"Each trigger that counts handoffs, reassignments or a ticket's age would have fired on "
    f"{TICKET} at all: a trigger that waits for more moves, or a greater age, than the ticket "
    "ever reached never starts the swarm it needed.",
)
def entry_late(doc: JourneyAnalysis, check: Check) -> None:
    for index, trigger in enumerate(doc.swarm_policy.entry_triggers):
        why = _never_fires(trigger)
        if why:
            check.fail(
                ("swarm_policy", "entry_triggers", index),
                f"entry trigger {index + 1} would never have fired on {TICKET}: {why}",
                "set a threshold that fires early, while the fault can still be seen: on "
                "this ticket, during Tuesday's load-out",
            )


@exercise.rule(
    "JOURNEY-EXIT",
    "The policy has at least one exit criterion, and every criterion is a condition anyone "
    "could check: a number (in digits or words) or who confirms what, and no open phrase "
    f"such as 'as needed', 'if necessary' or 'as appropriate'; at most {MAX_CONDITION_WORDS} "
    "words.",
)
def exit_criteria(doc: JourneyAnalysis, check: Check) -> None:
    _conditions(
        check,
        doc.swarm_policy.exit_criteria,
        "exit_criteria",
        True,
        "the depot confirms 3 consecutive scans within 10 seconds",
    )


@exercise.rule(
    "JOURNEY-EXIT-BOTH-WAYS",
    "The exit criteria end the swarm both ways: one when it succeeds (someone confirms the "
    "fix, the service is restored) and one when it does not (a time box that ends in a major "
    "incident, a problem record or an escalation). Without the second, swarms never end.",
)
def exit_both_ways(doc: JourneyAnalysis, check: Check) -> None:
    items = [c for c in doc.swarm_policy.exit_criteria if c.strip()]
    if not items:
        return  # JOURNEY-EXIT reports it
    missing = []
    if not any(has_term(c, CASE["exit_success"]) for c in items):
        missing.append("one for success (e.g. 'the depot confirms scans are normal')")
    if not any(has_term(c, CASE["exit_failure"]) for c in items):
        missing.append(
            "one for failure (e.g. 'after 45 minutes with no cause, the owner declares a "
            "major incident')"
        )
    if missing:
        check.fail(
            "swarm_policy.exit_criteria",
            f"the exit criteria lack {listed(missing)}",
            "a swarm needs to know when it has won and when to hand over to a major "
            "incident or a problem record",
        )


@exercise.rule(
    "JOURNEY-OWNER",
    "The owner is one person or role who keeps the ticket from the first call to the close: "
    "not empty or 'TBD', and not 'the team that fixes it', which moves the ticket with the "
    "work (tiered escalation under a new name).",
)
def owner(doc: JourneyAnalysis, check: Check) -> None:
    text = doc.swarm_policy.owner
    if names_nobody(text, CASE["nobody"]):
        check.fail(
            "swarm_policy.owner",
            f"the owner '{text}' names nobody who could keep the ticket",
            "name the role, e.g. 'the desk analyst who took the first call'",
        )
    elif has_term(text, CASE["moving_owner"]):
        check.fail(
            "swarm_policy.owner",
            "the owner moves with the work, so the ticket still changes hands",
            "name one role that keeps the ticket and the contact with the caller while "
            "the other teams join it, e.g. 'the desk analyst who took the first call'",
        )


@exercise.rule(
    "JOURNEY-MEMBERS",
    f"The swarm names {MIN_MEMBERS} to {MAX_MEMBERS} members (people or roles), none twice, "
    "with at least one who can work on the fault (an engineer, the platform team, ScanTech, "
    "LinkWave or the network team), and no more managers than others.",
)
def members(doc: JourneyAnalysis, check: Check) -> None:
    listed_members = doc.swarm_policy.members
    for index, name in enumerate(listed_members):
        if not name.strip():
            check.fail(
                ("swarm_policy", "members", index),
                f"member {index + 1} is empty",
                "name the role, e.g. 'platform engineer on call', or delete the entry",
            )
    named = [m for m in listed_members if m.strip()]
    for twice in duplicates(named, key=normal):
        index = [i for i, m in enumerate(listed_members) if normal(m) == normal(twice)][1]
        check.fail(
            ("swarm_policy", "members", index),
            f"member {index + 1} ('{twice}') is listed twice",
            "list each role once",
        )
    distinct = len({normal(m) for m in named})
    if distinct < MIN_MEMBERS or distinct > MAX_MEMBERS:
        check.fail(
            "swarm_policy.members",
            f"the swarm has {plural(distinct, 'member')}; it needs {MIN_MEMBERS} to {MAX_MEMBERS}",
            "a swarm is the few people who can solve this ticket: the desk owner and the "
            "teams or suppliers where the fault may lie"
            if distinct > MAX_MEMBERS
            else "name the desk owner and at least one other team or supplier",
        )
        return
    managers = [m for m in named if has_term(m, CASE["managers"])]
    solvers = [m for m in named if has_term(m, CASE["solvers"])]
    if not solvers or len(managers) * 2 > len(named):
        check.fail(
            "swarm_policy.members",
            "nobody in the swarm can work on the fault itself"
            if not solvers
            else f"{len(managers)} of the {len(named)} members are managers",
            "bring the people who can solve this kind of ticket: engineers from the platform "
            "team and from the suppliers where the fault may lie (ScanTech, LinkWave)",
        )
