"""Checks a triage batch of ten Brightwater tickets (module dsk-01).

The rules, in the words the module page uses:

- Type: each ticket's type matches the key. A single call is a problem only
  when nothing is broken now and the caller asks why something keeps
  happening; a failure happening now is an incident even if it has happened
  before.
- Impact and urgency: each is one of the values the key accepts for that
  ticket. Where two readings of Brightwater's definitions are reasonable, the
  key accepts both.
- Priority: the matrix lookup of the impact and urgency you declared.
- Major incident: true exactly when your type is "incident" and a trigger
  applies: M1, your priority is 1 and the ticket affects two or more depots;
  M2, Parcel Tracking or the Business Customer Portal is unavailable to all
  its customers. The number of depots and the outage are facts of the ticket,
  held in the key below.
- Summary: 6 to 40 words, reuses at least two of the caller's own words, and
  contains none of the internal IT terms listed in ``JARGON``.
"""

from __future__ import annotations

import re
from typing import Annotated, Literal, NamedTuple

from pydantic import Field, StrictBool, StrictInt, StrictStr

from curriculum.validation import Artefact, Check, Exercise

Level = Literal["high", "medium", "low"]
TicketType = Literal["incident", "service_request", "problem"]

#: Brightwater's priority matrix: (impact, urgency) -> priority
MATRIX: dict[tuple[str, str], int] = {
    ("high", "high"): 1,
    ("high", "medium"): 2,
    ("high", "low"): 3,
    ("medium", "high"): 2,
    ("medium", "medium"): 3,
    ("medium", "low"): 4,
    ("low", "high"): 3,
    ("low", "medium"): 4,
    ("low", "low"): 4,
}

#: customer-facing services whose complete outage is a major incident (trigger M2)
CUSTOMER_FACING = ("Parcel Tracking", "Business Customer Portal")


class Key(NamedTuple):
    caller: str
    words: str  # what the caller said, as printed in the template
    type: str
    type_why: str
    impact: frozenset[str]
    impact_why: str
    urgency: frozenset[str]
    urgency_why: str
    depots: int  # depots affected, as reported by the caller
    customer_outage: bool  # a customer-facing service unavailable to all its customers


def _levels(*names: str) -> frozenset[str]:
    return frozenset(names)


KEY: dict[str, Key] = {
    "INC-47402": Key(
        "Dev Raman, Northgate",
        "Scanners are crawling again. Every parcel sits on the spinning wheel for twenty, "
        "thirty seconds before it goes green. That's four Mondays out of five. "
        "I've got 41 vans to load "
        "and they're meant to be out by half six. I've just rung Eastfield and they've got "
        "exactly the same.",
        "incident",
        "scanning is failing now; that it has happened before makes it a recurring "
        "incident to link to a problem, not a problem in itself",
        _levels("high"),
        "load-out at two depots is slowed: a whole site's work or more is high",
        _levels("high"),
        "the harm is happening now, with vans due out by 06:30",
        2,
        False,
    ),
    "INC-47406": Key(
        "Kelly Ashworth, Southport",
        "My scanner's dead. Won't switch on at all, and it was on charge all night. "
        "Everyone else's is fine. I'm due out at quarter past six, can someone sort me a spare?",
        "incident",
        "a device has stopped working for its user",
        _levels("low"),
        "one person is affected: that is low, however urgent it is for her",
        _levels("high"),
        "she is due out at 06:15, within the hour",
        1,
        False,
    ),
    "INC-47409": Key(
        "Tom Reilly, Westmoor",
        "The label printer on bay 2 is printing blank labels. We've moved everything over to "
        "bay 4 for now. It's slower but we'll still get out on time. Can someone look at bay 2 "
        "before tomorrow?",
        "incident",
        "a printer that should work has stopped working, even though there is a workaround",
        _levels("low"),
        "one printer is part of a depot's work (medium), and moving to bay 4 keeps the "
        "depot on time, so one level lower",
        _levels("low", "medium"),
        "the workaround holds today; the next harm is tomorrow's load-out, within 24 hours",
        1,
        False,
    ),
    "INC-47431": Key(
        "Grace Mensah, people team",
        "Twelve agency drivers start at Westmoor tomorrow at 05:00 for the peak. Please set "
        "them up with scanner logins and add them to the rota system. Their depot manager's "
        "approval is attached.",
        "service_request",
        "nothing is broken: the caller asks for a standard, approved set-up",
        _levels("low", "medium"),
        "twelve drivers at one depot are a group (medium); low is a fair reading for a "
        "routine request",
        _levels("medium"),
        "the drivers start tomorrow at 05:00: within 24 hours but not within the hour",
        1,
        False,
    ),
    "INC-47437": Key(
        "Sunita Rao, payroll",
        "The overtime report has come out without the night-shift hours again. We've added "
        "them in by hand, so this month's pay will be right. But that's the fourth month "
        "running, and every time we've rung you. Can somebody find out why it keeps happening?",
        "problem",
        "nothing is broken now (this month's pay is fixed by hand) and the caller asks why "
        "it keeps happening, with four earlier incidents as evidence",
        _levels("medium", "high"),
        "the pay of many staff is at stake (high); the hand fix keeps pay right for now, "
        "so medium is also a fair reading",
        _levels("low"),
        "the next report is a month away: no harm within 24 hours",
        0,
        False,
    ),
    "INC-47446": Key(
        "Joe Hartley, contact centre",
        "Customers are ringing to say the tracking page shows 'Something went wrong' for every "
        "parcel. We've had about 60 calls in 20 minutes. I tried it myself on the website and "
        "on the app: same thing.",
        "incident",
        "Parcel Tracking has stopped working now",
        _levels("high"),
        "every consumer and business customer who tracks a parcel is affected",
        _levels("high"),
        "customers are affected now and the calls are piling up",
        0,
        True,
    ),
    "INC-47450": Key(
        "Paul Fenwick, Southport",
        "When I press Publish on next week's rota for Southport, the screen says 'Error 500' "
        "and nothing happens. The rota has to be out by four o'clock today so the drivers know "
        "their shifts.",
        "incident",
        "a function that should work has failed",
        _levels("medium"),
        "one depot's rota is part of a depot's work, with no workaround",
        _levels("medium"),
        "the deadline is 16:00 today: more than an hour away, within 24 hours",
        1,
        False,
    ),
    "INC-47455": Key(
        "Rachel Chapman, Chapman Home & Garden",
        "Our team can't book today's collection on the portal. The Book button does nothing, "
        "though the other pages work. Your account manager says other customers are booking "
        "fine. The cut-off is twelve o'clock and we've got 300 parcels ready to go.",
        "incident",
        "booking has stopped working for this customer",
        _levels("medium"),
        "one business customer is affected (medium); other customers are booking fine",
        _levels("high"),
        "the cut-off is 12:00, within the hour of the 11:15 call",
        0,
        False,
    ),
    "INC-47478": Key(
        "Owen Price, finance",
        "I'm covering Jo's invoices from next Monday for two weeks. Could I have access to "
        "the shared Finance mailbox from then, please?",
        "service_request",
        "a standard request for access; nothing is broken",
        _levels("low"),
        "one person",
        _levels("low"),
        "the access is needed next Monday, more than 24 hours away",
        0,
        False,
    ),
    "INC-47509": Key(
        "Hannah Osei, transport planning",
        "Tonight's route run hasn't started. The screen normally says 'optimising' from nine, "
        "but it's still on 'waiting for Routewise'. The run takes about four hours and the "
        "routes have to be on every driver's handheld by six. If they aren't, none of the "
        "depots can send anyone out.",
        "incident",
        "the nightly run that should have started has not",
        _levels("high"),
        "every depot's routes for the morning are at risk",
        _levels("medium"),
        "at 21:40 the harm is hours away (the run must start by about 01:30): re-triage "
        "later, when it would become high",
        38,
        False,
    ),
}

#: internal IT terms a caller did not use; matched as whole words, case-insensitive
JARGON = (
    "API",
    "DNS",
    "DHCP",
    "MDM",
    "HTTP",
    "latency",
    "endpoint",
    "server",
    "database",
    "cluster",
    "backend",
    "back end",
    "back-end",
    "middleware",
    "packet loss",
    "sync service",
    "SLA",
    "P1",
    "P2",
    "P3",
    "P4",
    "RCA",
    "root cause",
    "user error",
    "PEBKAC",
    "ID10T",
)
MIN_SUMMARY_WORDS, MAX_SUMMARY_WORDS = 6, 40
MIN_CALLER_WORDS = 2
#: common words that do not count as "the caller's own words"
COMMON = frozenset(
    [
        "about",
        "after",
        "again",
        "also",
        "been",
        "before",
        "being",
        "could",
        "does",
        "done",
        "each",
        "even",
        "every",
        "from",
        "have",
        "here",
        "into",
        "just",
        "like",
        "made",
        "make",
        "more",
        "much",
        "must",
        "need",
        "only",
        "other",
        "over",
        "said",
        "same",
        "some",
        "such",
        "than",
        "that",
        "their",
        "them",
        "then",
        "there",
        "these",
        "they",
        "this",
        "those",
        "very",
        "want",
        "were",
        "what",
        "when",
        "where",
        "which",
        "while",
        "will",
        "with",
        "would",
        "your",
        "yours",
        "ours",
        "please",
        "thing",
        "things",
        "says",
    ]
)

_WORD = re.compile(r"[a-z]+(?:'[a-z]+)?")


def caller_words(text: str) -> dict[str, str]:
    """Words of four or more letters, in order: their comparable form -> as written.

    The comparable form is lower case, without a final "'s" and a plural "s", so
    "scanners", "Scanner's" and "scanner" count as the same word.
    """
    out: dict[str, str] = {}
    for word in _WORD.findall(text.casefold().replace("\u2019", "'")):
        written = word = re.sub(r"'s$", "", word)
        if "'" in word or len(word) < 4 or word in COMMON:
            continue
        if len(word) > 4 and word.endswith("s") and not word.endswith("ss"):
            word = word[:-1]
        out.setdefault(word, written)
    return out


class Ticket(Artefact):
    id: Annotated[StrictStr, Field(description="the ticket number, e.g. INC-47402")]
    type: Annotated[TicketType, Field(description="incident, service_request or problem")]
    impact: Annotated[Level, Field(description="high, medium or low")]
    urgency: Annotated[Level, Field(description="high, medium or low")]
    priority: Annotated[
        StrictInt, Field(ge=1, le=4, description="1 to 4, from the impact x urgency matrix")
    ]
    major_incident: Annotated[StrictBool, Field(description="true or false")]
    summary: Annotated[
        StrictStr, Field(min_length=1, description="the issue in the caller's words")
    ]
    note: Annotated[
        StrictStr | None,
        Field(default=None, description="optional: your reasoning for a borderline call"),
    ]


class TriageBatch(Artefact):
    tickets: Annotated[list[Ticket], Field(min_length=1, description="the ten tickets, each once")]


exercise = Exercise(schema=TriageBatch)


def _known(doc: TriageBatch) -> list[tuple[int, Ticket, Key]]:
    """(index, ticket, key) for every ticket whose id is in the key."""
    return [(i, t, KEY[t.id]) for i, t in enumerate(doc.tickets) if t.id in KEY]


@exercise.rule(
    "TRIAGE-TICKETS",
    "The batch holds the ten tickets the template gives (INC-47402 to INC-47509), each "
    "once, and no other ids.",
)
def tickets(doc: TriageBatch, check: Check) -> None:
    first: dict[str, int] = {}
    for index, ticket in enumerate(doc.tickets):
        if ticket.id not in KEY:
            check.fail(
                ("tickets", index, "id"),
                f"'{ticket.id}' is not one of the ten tickets in this batch",
                "keep each id exactly as the template gives it (INC-47402 to INC-47509)",
            )
        elif ticket.id in first:
            check.fail(
                ("tickets", index, "id"),
                f"{ticket.id} appears again; it is already at tickets[{first[ticket.id] + 1}]",
                "triage each ticket once: delete one of the two entries",
            )
        else:
            first[ticket.id] = index
    missing = [tid for tid in KEY if tid not in first]
    if missing:
        check.fail(
            "tickets",
            f"{'this ticket is' if len(missing) == 1 else f'{len(missing)} tickets are'} "
            f"missing: {', '.join(missing)}",
            "add one entry per ticket; the template lists all ten",
        )


@exercise.rule(
    "TRIAGE-TYPE",
    "Each type matches the key. A single call is a problem only when nothing is broken now "
    "and the caller asks why something keeps happening; a failure happening now is an "
    "incident even if it has happened before; a request for something standard is a "
    "service_request.",
)
def ticket_type(doc: TriageBatch, check: Check) -> None:
    for index, ticket, key in _known(doc):
        if ticket.type != key.type:
            check.fail(
                ("tickets", index, "type"),
                f"{ticket.id} ({key.caller}) is typed {ticket.type}; the key says {key.type}",
                f"ask: is something broken now, is it a standard request, or is the caller "
                f"asking why something keeps happening? Here: {key.type_why}",
            )


def _allowed(levels: frozenset[str]) -> str:
    order = [lv for lv in ("high", "medium", "low") if lv in levels]
    return " or ".join(order)


@exercise.rule(
    "TRIAGE-IMPACT",
    "Each impact is one the key accepts for that ticket under Brightwater's definitions "
    "(high: a whole depot or more, a customer-facing service for all or most of its "
    "customers, or many staff's pay; medium: a group of people, one business customer or "
    "part of a depot's work; low: one person; one level lower when a workaround keeps the "
    "business on time). Where two readings are reasonable, both are accepted.",
)
def impact(doc: TriageBatch, check: Check) -> None:
    for index, ticket, key in _known(doc):
        if ticket.impact not in key.impact:
            check.fail(
                ("tickets", index, "impact"),
                f"{ticket.id}: impact '{ticket.impact}' does not fit the ticket; "
                f"the key accepts {_allowed(key.impact)}",
                f"impact is how much of the business is hurt, not how loud the caller is: "
                f"{key.impact_why}",
            )


@exercise.rule(
    "TRIAGE-URGENCY",
    "Each urgency is one the key accepts for that ticket under Brightwater's definitions "
    "(high: the harm is happening now or within the hour; medium: within 24 hours; low: "
    "later than that, or no deadline).",
)
def urgency(doc: TriageBatch, check: Check) -> None:
    for index, ticket, key in _known(doc):
        if ticket.urgency not in key.urgency:
            check.fail(
                ("tickets", index, "urgency"),
                f"{ticket.id}: urgency '{ticket.urgency}' does not fit the ticket; "
                f"the key accepts {_allowed(key.urgency)}",
                f"urgency is how soon the harm lands, counted from the time of the call: "
                f"{key.urgency_why}",
            )


@exercise.rule(
    "TRIAGE-PRIORITY",
    "Each priority is the matrix lookup of the impact and urgency you declared: high/high 1; "
    "high/medium and medium/high 2; high/low, medium/medium and low/high 3; medium/low, "
    "low/medium and low/low 4.",
)
def priority(doc: TriageBatch, check: Check) -> None:
    for index, ticket in enumerate(doc.tickets):
        expected = MATRIX[(ticket.impact, ticket.urgency)]
        if ticket.priority != expected:
            check.fail(
                ("tickets", index, "priority"),
                f"{ticket.id}: priority is {ticket.priority}; impact {ticket.impact} and "
                f"urgency {ticket.urgency} give {expected}",
                "read the priority from the matrix, row = impact, column = urgency; if the "
                "priority feels wrong, revisit the impact or urgency instead",
            )


def expected_major(ticket: Ticket, key: Key) -> tuple[bool, str]:
    """The rule applied to the learner's type and priority and the ticket's facts."""
    if ticket.type != "incident":
        return False, f"only incidents can be major, and you typed it {ticket.type}"
    if key.customer_outage:
        return True, "trigger M2: a customer-facing service is unavailable to all its customers"
    if ticket.priority == 1 and key.depots >= 2:
        return True, f"trigger M1: priority 1 and {key.depots} depots affected"
    if ticket.priority == 1:
        return False, "priority 1 but only one depot or none: no trigger applies"
    if key.depots >= 2:
        return False, (
            f"{key.depots} depots are affected but the priority is {ticket.priority}, not 1: "
            "no trigger applies yet; re-triage as the deadline nears"
        )
    return False, "no trigger applies"


@exercise.rule(
    "TRIAGE-MAJOR",
    "major_incident is true exactly when your type is incident and a trigger applies: M1, "
    "your priority is 1 and the ticket affects two or more depots; M2, Parcel Tracking or "
    "the Business Customer Portal is unavailable to all its customers. The rule is applied "
    "to your own type and priority and to the facts the caller gives.",
)
def major(doc: TriageBatch, check: Check) -> None:
    for index, ticket, key in _known(doc):
        expected, why = expected_major(ticket, key)
        if ticket.major_incident != expected:
            check.fail(
                ("tickets", index, "major_incident"),
                f"{ticket.id}: major_incident is {str(ticket.major_incident).lower()}; "
                f"the rule gives {str(expected).lower()}",
                f"{why}; the triggers are M1 (priority 1 and two or more depots) and M2 "
                f"({' or '.join(CUSTOMER_FACING)} unavailable to all its customers)",
            )


@exercise.rule(
    "TRIAGE-SUMMARY-LENGTH",
    f"Each summary has {MIN_SUMMARY_WORDS} to {MAX_SUMMARY_WORDS} words.",
)
def summary_length(doc: TriageBatch, check: Check) -> None:
    for index, ticket in enumerate(doc.tickets):
        check.word_count(
            ("tickets", index, "summary"),
            ticket.summary,
            MIN_SUMMARY_WORDS,
            MAX_SUMMARY_WORDS,
            what=f"the summary of {ticket.id}",
        )


@exercise.rule(
    "TRIAGE-SUMMARY-JARGON",
    "No summary uses internal IT terms the callers did not use: "
    + ", ".join(f"'{term}'" for term in JARGON)
    + " (whole words, any case).",
)
def summary_jargon(doc: TriageBatch, check: Check) -> None:
    for index, ticket in enumerate(doc.tickets):
        check.banned_phrases(
            ("tickets", index, "summary"),
            ticket.summary,
            JARGON,
            why=f"{ticket.id}: write what the caller sees and what it stops them doing, "
            "in their words; keep IT's diagnosis and the priority for other fields",
        )


@exercise.rule(
    "TRIAGE-SUMMARY-CALLER",
    f"Each summary reuses at least {MIN_CALLER_WORDS} of the caller's own words (words of "
    "four or more letters from what the caller said, other than common words such as "
    "'this', 'that' or 'with'; plurals count as the same word).",
)
def summary_caller(doc: TriageBatch, check: Check) -> None:
    for index, ticket, key in _known(doc):
        said = caller_words(key.words)
        shared = caller_words(ticket.summary).keys() & said.keys()
        if len(shared) < MIN_CALLER_WORDS:
            examples = ", ".join(list(said.values())[:8])
            check.fail(
                ("tickets", index, "summary"),
                f"the summary of {ticket.id} reuses {len(shared)} of the caller's words; "
                f"it needs at least {MIN_CALLER_WORDS}",
                f"keep the caller's own words for what they see and need, e.g. from: {examples}",
            )
