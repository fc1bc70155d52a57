"""Checks a ticket-journey analysis and a swarm policy (module dsk-03).

The event log of ticket INC-46094 is supplied here and shown in the brief. The
learner declares what the log shows (handoffs, reassignments, working, waiting
and queue minutes), writes one observation, and designs a swarm policy. Every
figure is recomputed from the log below with these definitions:

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

import itertools
import re
from datetime import datetime
from typing import Annotated, Literal, NamedTuple

from pydantic import Field, StrictInt, StrictStr

from curriculum.validation import Artefact, Check, Exercise

Kind = Literal["created", "assigned", "started", "waiting", "resolved"]


class Event(NamedTuple):
    at: datetime
    kind: Kind
    team: str
    note: str


def _t(day: int, hhmm: str) -> datetime:
    hours, minutes = map(int, hhmm.split(":"))
    return datetime(2025, 11, day, hours, minutes)


#: ticket INC-46094: slow scanner sync at Northgate, Tuesday 4 and Wednesday 5 November 2025
EVENTS: tuple[Event, ...] = (
    Event(_t(4, "05:38"), "created", "Service desk", "Priya logs Dev Raman's call"),
    Event(_t(4, "05:55"), "assigned", "Platform team", "a handheld restart did not help"),
    Event(_t(4, "07:35"), "started", "Platform team", "Tomasz finds the sync service healthy"),
    Event(_t(4, "08:10"), "assigned", "ScanTech", "'looks like the devices'"),
    Event(_t(4, "10:40"), "started", "ScanTech", "duty engineer checks device logs"),
    Event(_t(4, "11:05"), "assigned", "Platform team", "'devices fine, scans leave late'"),
    Event(_t(4, "13:20"), "started", "Platform team", "cannot reproduce: load-out is over"),
    Event(_t(4, "13:50"), "assigned", "Service desk", "'ask the depot for logs'"),
    Event(_t(4, "14:30"), "started", "Service desk", "Priya calls Dev Raman"),
    Event(_t(4, "14:45"), "waiting", "Service desk", "until tomorrow's load-out logs"),
    Event(_t(5, "05:50"), "started", "Service desk", "Dev sends logs; slow again"),
    Event(_t(5, "06:05"), "assigned", "Platform team", "logs attached"),
    Event(_t(5, "07:40"), "started", "Platform team", "scans queue while the link is full"),
    Event(_t(5, "08:00"), "assigned", "LinkWave", "check the Northgate link"),
    Event(_t(5, "09:30"), "started", "LinkWave", "congestion 05:00-06:30 confirmed"),
    Event(_t(5, "10:15"), "resolved", "LinkWave", "scanner traffic given priority"),
)

WORKING_KINDS = ("created", "started")
WAITING_KINDS = ("assigned", "waiting")


class Journey(NamedTuple):
    handoffs: int
    reassignments: int
    working: int
    waiting: int
    queue: int
    elapsed: int


def analyse(events: tuple[Event, ...]) -> Journey:
    """The figures the definitions above give for an event log."""
    handoffs = reassignments = working = waiting = queue = 0
    if not events:
        return Journey(0, 0, 0, 0, 0, 0)
    holder = events[0].team
    held = {holder}
    for event, following in itertools.pairwise(events):
        minutes = int((following.at - event.at).total_seconds() // 60)
        if event.kind in WORKING_KINDS:
            working += minutes
        elif event.kind in WAITING_KINDS:
            waiting += minutes
            if event.kind == "assigned":
                queue += minutes
    for event in events[1:]:
        if event.kind == "assigned" and event.team != holder:
            handoffs += 1
            if event.team in held:
                reassignments += 1
            holder = event.team
            held.add(holder)
    elapsed = int((events[-1].at - events[0].at).total_seconds() // 60)
    return Journey(handoffs, reassignments, working, waiting, queue, elapsed)


TRUTH = analyse(EVENTS)

MIN_CONDITION_WORDS, MAX_CONDITION_WORDS = 5, 60
MIN_OBSERVATION_WORDS, MAX_OBSERVATION_WORDS = 20, 150
MIN_MEMBERS, MAX_MEMBERS = 2, 6
#: phrases that leave the decision to mood rather than to a condition anyone can check
VAGUE = (
    "as needed",
    "when needed",
    "if needed",
    "as appropriate",
    "where appropriate",
    "when appropriate",
    "if necessary",
    "when necessary",
    "as required",
    "when required",
    "if required",
    "at their discretion",
)
_WORD = re.compile(r"[\w'’-]+")
_DIGIT = re.compile(r"\d")

Text = Annotated[StrictStr, Field(min_length=1)]
Count = Annotated[StrictInt, Field(ge=0)]


class SwarmPolicy(Artefact):
    name: Annotated[
        Text, Field(description="a short name for the swarm, e.g. 'load-out scanner swarm'")
    ]
    owner: Annotated[
        Text, Field(description="who keeps the ticket from start to finish while the swarm works")
    ]
    entry_triggers: Annotated[
        list[StrictStr], Field(description="conditions that start a swarm, each with a threshold")
    ]
    members: Annotated[list[StrictStr], Field(description="the roles who join the swarm")]
    exit_criteria: Annotated[
        list[StrictStr], Field(description="conditions that end the swarm, each with a threshold")
    ]


class JourneyAnalysis(Artefact):
    ticket: Annotated[Literal["INC-46094"], Field(description="the ticket you analysed: INC-46094")]
    handoffs: Annotated[Count, Field(description="moves of the ticket to a different team")]
    reassignments: Annotated[
        Count, Field(description="handoffs back to a team that had held the ticket before")
    ]
    working_minutes: Annotated[Count, Field(description="minutes someone was working on it")]
    waiting_minutes: Annotated[Count, Field(description="minutes nobody was working on it")]
    queue_minutes: Annotated[
        Count, Field(description="the waiting minutes spent in a team's queue after a handoff")
    ]
    observation: Annotated[
        StrictStr, Field(description="what the history tells you, in 20 to 150 words")
    ]
    swarm_policy: Annotated[SwarmPolicy, Field(description="your swarm trigger policy")]


exercise = Exercise(schema=JourneyAnalysis)


@exercise.rule(
    "JOURNEY-HANDOFFS",
    "handoffs equals the number of 'assigned' events in the log that move the ticket to a "
    "different team from the one holding it (the team that creates a ticket holds it first).",
)
def handoffs(doc: JourneyAnalysis, check: Check) -> None:
    check.close(
        "handoffs",
        doc.handoffs,
        TRUTH.handoffs,
        how="the number of 'assigned' events whose team differs from the team holding the "
        "ticket just before; the ticket starts with the Service desk, which created it",
    )


@exercise.rule(
    "JOURNEY-REASSIGNMENTS",
    "reassignments equals the number of handoffs that send the ticket back to a team that "
    "has held it before (the bounces of ticket ping-pong).",
)
def reassignments(doc: JourneyAnalysis, check: Check) -> None:
    check.close(
        "reassignments",
        doc.reassignments,
        TRUTH.reassignments,
        how="the number of handoffs whose receiving team already appears earlier in the "
        "ticket's history (including the Service desk, which created it)",
    )


@exercise.rule(
    "JOURNEY-WORKING",
    "working_minutes equals the clock minutes from each 'created' or 'started' event to the "
    "event after it, added up.",
)
def working(doc: JourneyAnalysis, check: Check) -> None:
    check.close(
        "working_minutes",
        doc.working_minutes,
        TRUTH.working,
        how="the sum, over every 'created' and 'started' event, of the minutes until the "
        "next event",
    )


@exercise.rule(
    "JOURNEY-WAITING",
    "waiting_minutes equals the clock minutes from each 'assigned' or 'waiting' event to the "
    "event after it, added up (the clock does not stop overnight); working and waiting "
    "minutes together make the ticket's whole elapsed time.",
)
def waiting(doc: JourneyAnalysis, check: Check) -> None:
    check.close(
        "waiting_minutes",
        doc.waiting_minutes,
        TRUTH.waiting,
        how="the sum, over every 'assigned' and 'waiting' event, of the minutes until the "
        f"next event; check: working + waiting = {TRUTH.elapsed} minutes from created to "
        "resolved",
    )


@exercise.rule(
    "JOURNEY-QUEUE",
    "queue_minutes equals the part of the waiting time that follows an 'assigned' event: "
    "the minutes from each handoff until the receiving team starts work.",
)
def queue(doc: JourneyAnalysis, check: Check) -> None:
    check.close(
        "queue_minutes",
        doc.queue_minutes,
        TRUTH.queue,
        how="the sum, over every 'assigned' event only, of the minutes until the next "
        "event; time after a 'waiting' event is waiting but not queue time",
    )


@exercise.rule(
    "JOURNEY-OBSERVATION",
    f"The observation says what the history tells you in {MIN_OBSERVATION_WORDS} to "
    f"{MAX_OBSERVATION_WORDS} words.",
)
def observation(doc: JourneyAnalysis, check: Check) -> None:
    count = len(_WORD.findall(doc.observation))
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


def _condition_problem(text: str) -> tuple[str, str] | None:
    """What makes a trigger or exit criterion not concrete, as (message, hint), or None."""
    count = len(_WORD.findall(text))
    if count < MIN_CONDITION_WORDS:
        return (
            f"has {count} word{'' if count == 1 else 's'}; a condition needs at least "
            f"{MIN_CONDITION_WORDS}",
            "say what is counted or timed and the threshold, e.g. 'two or more depots "
            "report slow scans between 05:00 and 06:30'",
        )
    if count > MAX_CONDITION_WORDS:
        return (
            f"has {count} words; keep a condition to {MAX_CONDITION_WORDS}",
            "one condition per entry: split it into two if it checks two things",
        )
    lowered = " ".join(text.casefold().split())
    for phrase in VAGUE:
        if re.search(r"\b" + r"\s+".join(map(re.escape, phrase.split())) + r"\b", lowered):
            return (
                f"leaves the decision open ('{phrase}')",
                "replace it with a condition anyone on the desk could check, with a number",
            )
    if not _DIGIT.search(text):
        return (
            "names no threshold in figures",
            "write the threshold in digits, e.g. '2 handoffs', '15 minutes', '3 depots' "
            "or '06:30', so that anyone can tell whether it is met",
        )
    return None


def _conditions(
    check: Check, items: list[str], field: str, what: tuple[str, str], example: str
) -> None:
    one, many = what
    if not any(item.strip() for item in items):
        check.fail(
            f"swarm_policy.{field}",
            f"the policy has no {many}",
            f"add at least one concrete condition, e.g. '{example}'",
        )
        return
    for index, item in enumerate(items):
        problem = _condition_problem(item)
        if problem:
            message, hint = problem
            check.fail(
                ("swarm_policy", field, index),
                f"{one} {index + 1} {message}",
                hint,
            )


@exercise.rule(
    "JOURNEY-ENTRY",
    f"The policy has at least one entry trigger, and every trigger is a concrete condition: "
    f"{MIN_CONDITION_WORDS} to {MAX_CONDITION_WORDS} words, a threshold written in digits "
    "(such as 2 handoffs, 30 minutes, 2 depots or 06:30) and no open phrase such as "
    "'as needed', 'if necessary' or 'as appropriate'.",
)
def entry(doc: JourneyAnalysis, check: Check) -> None:
    _conditions(
        check,
        doc.swarm_policy.entry_triggers,
        "entry_triggers",
        ("entry trigger", "entry triggers"),
        "a scanner ticket is reassigned for the 2nd time",
    )


@exercise.rule(
    "JOURNEY-EXIT",
    f"The policy has at least one exit criterion, and every criterion is a concrete "
    f"condition: {MIN_CONDITION_WORDS} to {MAX_CONDITION_WORDS} words, a threshold written in "
    "digits and no open phrase such as 'as needed', 'if necessary' or 'as appropriate'.",
)
def exit_criteria(doc: JourneyAnalysis, check: Check) -> None:
    _conditions(
        check,
        doc.swarm_policy.exit_criteria,
        "exit_criteria",
        ("exit criterion", "exit criteria"),
        "the depot confirms 3 consecutive scans within 10 seconds",
    )


@exercise.rule(
    "JOURNEY-MEMBERS",
    f"The swarm names {MIN_MEMBERS} to {MAX_MEMBERS} members (people or roles), none twice.",
)
def members(doc: JourneyAnalysis, check: Check) -> None:
    names = [" ".join(m.casefold().split()) for m in doc.swarm_policy.members]
    seen: set[str] = set()
    for index, name in enumerate(names):
        if not name:
            check.fail(
                ("swarm_policy", "members", index),
                f"member {index + 1} is empty",
                "name the role, e.g. 'platform engineer on call', or delete the entry",
            )
        elif name in seen:
            check.fail(
                ("swarm_policy", "members", index),
                f"member {index + 1} ('{doc.swarm_policy.members[index]}') is listed twice",
                "list each role once",
            )
        seen.add(name)
    distinct = len({n for n in names if n})
    if distinct < MIN_MEMBERS:
        check.fail(
            "swarm_policy.members",
            f"the swarm has {distinct} member{'' if distinct == 1 else 's'}; "
            f"it needs at least {MIN_MEMBERS}",
            "a swarm brings the people who can solve it to the ticket: name the desk "
            "owner and at least one other team or supplier",
        )
    elif distinct > MAX_MEMBERS:
        check.fail(
            "swarm_policy.members",
            f"the swarm has {distinct} members; keep it to {MAX_MEMBERS}",
            "a swarm is the few people who can solve this ticket; bring others in only "
            "when one of them asks",
        )
