"""Checks a triage batch of ten Brightwater tickets (module dsk-01).

The tickets, the answer key, the priority matrix and the word lists are the
case's facts and live in ``case.yaml``; this file keeps the schema and the rules.

- Type, impact and urgency are compared with the key; where two readings of
  Brightwater's definitions are reasonable, the key accepts both.
- Each id is a record number: the prefix of the learner's own type (INC-, REQ-
  or PRB-) and the ticket's number, which is how a ticket is found in the key.
- Priority is the matrix lookup of the learner's own impact and urgency.
- Major incident applies triggers M1 and M2 to the learner's own type and
  priority and to the ticket's facts (depots affected, a full outage).
- Summaries: length, the caller's own words, no IT jargon, and no cause the
  caller never gave. Whether a summary keeps the business effect is left to
  the reviewer (``review:`` in exercise.yaml).
"""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field, StrictBool, StrictInt, StrictStr

from curriculum.validation import Artefact, Check, Exercise
from curriculum.validation.toolkit import listed, load_case, plural, terms

CASE = load_case()
KEY: dict[str, dict[str, Any]] = CASE["tickets"]
MATRIX: dict[str, dict[str, int]] = CASE["matrix"]
CUSTOMER_FACING: list[str] = CASE["customer_facing"]
JARGON: list[str] = CASE["jargon"]
DIAGNOSIS: list[str] = CASE["diagnosis"]
COMMON = frozenset(CASE["common_words"])
#: the prefix of each type's record numbers, and the type each prefix belongs to
PREFIX: dict[str, str] = CASE["record_prefixes"]
TYPE_OF: dict[str, str] = {prefix: kind for kind, prefix in PREFIX.items()}
FIRST, LAST = min(KEY), max(KEY)

Level = Literal["high", "medium", "low"]
TicketType = Literal["incident", "service_request", "problem"]

MIN_SUMMARY_WORDS, MAX_SUMMARY_WORDS = 6, 40
MIN_CALLER_WORDS = 2
#: words that introduce a reason; what follows, up to the next punctuation, is the reason
CAUSAL = re.compile(
    r"\b(?:because(?: of)?|due to|caused by|owing to|as a result of|the cause (?:is|was))\b"
    r"([^.;:,!?()]*)",
    re.IGNORECASE,
)
_WORD = re.compile(r"[a-z]+(?:'[a-z]+)?")
#: an id as learners write it: an optional record prefix ("REQ-", "req -"), then the number
_ID = re.compile(r"^\s*(?:([A-Za-z]+)\s*-\s*)?(\d+)\s*$")


def number_of(ticket_id: str) -> str | None:
    """The ticket's number in an id ("REQ-47431" -> "47431"), or None if there is none."""
    match = _ID.match(ticket_id)
    return match.group(2) if match else None


def prefix_of(ticket_id: str) -> str | None:
    """The record prefix of an id, in capitals ("req-47431" -> "REQ"), or None."""
    match = _ID.match(ticket_id)
    return match.group(1).upper() if match and match.group(1) else None


def _as_text(value: Any) -> Any:
    """An id written as a bare number (47402, without quotes) is read as text."""
    return str(value) if isinstance(value, int) and not isinstance(value, bool) else value


def stem(word: str) -> str:
    """A word's comparable form: lower case, no "'s", no plural or -ed/-ing ending, no final e.

    "Scanners", "scanner's" and "scanner" compare equal, as do "publish" and
    "published", "book" and "booking", "charge" and "charged".
    """
    word = re.sub(r"'s$", "", word.casefold().replace("\u2019", "'"))
    for ending, keep in (("ing", 5), ("ed", 4), ("es", 5), ("s", 4)):
        if word.endswith(ending) and len(word) > keep and not word.endswith("ss"):
            word = word[: -len(ending)]
            break
    return word[:-1] if len(word) > 4 and word.endswith("e") else word


def caller_words(text: str) -> dict[str, str]:
    """Words of four or more letters, other than common ones: comparable form -> as written."""
    out: dict[str, str] = {}
    for word in _WORD.findall(text.casefold().replace("\u2019", "'")):
        written = re.sub(r"'s$", "", word)
        if "'" in written or len(written) < 4 or written in COMMON:
            continue
        out.setdefault(stem(written), written)
    return out


def _heard(key: dict[str, Any]) -> dict[str, str]:
    """What the desk heard on the call: the caller's words, their name and place."""
    return caller_words(f"{key['words']} {key['caller']}")


class Ticket(Artefact):
    id: Annotated[
        StrictStr,
        BeforeValidator(_as_text),
        Field(
            description="the record number: INC-, REQ- or PRB- for the type you choose, then "
            "the ticket's number, e.g. INC-47402"
        ),
    ]
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


def _known(doc: TriageBatch) -> list[tuple[int, Ticket, dict[str, Any]]]:
    """(index, ticket, key) for every ticket whose number is in the key."""
    found = [(i, t, number_of(t.id)) for i, t in enumerate(doc.tickets)]
    return [(i, t, KEY[n]) for i, t, n in found if n in KEY]


@exercise.rule(
    "TRIAGE-TICKETS",
    f"The batch holds the {len(KEY)} tickets the template gives (numbers {FIRST} to {LAST}), "
    "each once, and no other tickets.",
)
def tickets(doc: TriageBatch, check: Check) -> None:
    ids = [ticket.id for ticket in doc.tickets]
    numbers = [number_of(ticket_id) for ticket_id in ids]
    for index, ticket_id in enumerate(ids):
        if numbers[index] not in KEY:
            check.fail(
                ("tickets", index, "id"),
                f"'{ticket_id}' is not one of the ten tickets in this batch",
                f"keep each ticket's number as the template gives it ({FIRST} to {LAST}), "
                f"after the prefix of its type, e.g. {PREFIX['incident']}-{FIRST}",
            )
    # an unknown number is reported above, never also as a repeat; INC-47431 and
    # REQ-47431 are the same ticket twice
    check.unique(
        "tickets",
        ids,
        what="ticket",
        hint="triage each ticket once: delete one of the two entries",
        key=lambda tid: number if (number := number_of(tid)) in KEY else object(),
        field="id",
    )
    missing = [number for number in KEY if number not in numbers]
    if missing:
        check.fail(
            "tickets",
            f"{plural(len(missing), 'ticket')} missing: {listed(missing)}",
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
        if ticket.type != key["type"]:
            check.fail(
                ("tickets", index, "type"),
                f"{ticket.id} ({key['caller']}) is typed {ticket.type}; the key says {key['type']}",
                f"ask: is something broken now, is it a standard request, or is the caller "
                f"asking why something keeps happening? Here: {key['type_why']}",
            )


#: each type with its article, as the messages name it
_ARTICLE = {
    "incident": "an incident",
    "service_request": "a service_request",
    "problem": "a problem",
}


@exercise.rule(
    "TRIAGE-RECORD",
    "Each id is the record number for the type you chose: "
    + ", ".join(f"{p}- and the ticket's number for {_ARTICLE[kind]}" for kind, p in PREFIX.items())
    + ". Incidents, service requests and problems are different records, each with its own "
    "numbers.",
)
def record(doc: TriageBatch, check: Check) -> None:
    for index, ticket, key in _known(doc):
        prefix, want = prefix_of(ticket.id), PREFIX[ticket.type]
        if prefix == want:
            continue
        if prefix == PREFIX[key["type"]]:
            continue  # the prefix is right and the type wrong: reported by TRIAGE-TYPE
        expected = f"{want}-{number_of(ticket.id)}"
        if prefix is None:
            said = f"{ticket.id} has no record prefix"
        elif prefix in TYPE_OF:
            said = f"{ticket.id} is numbered as {_ARTICLE[TYPE_OF[prefix]]}"
        else:
            said = f"{ticket.id} starts with '{prefix}-', which is not a record prefix"
        check.fail(
            ("tickets", index, "id"),
            f"{said}, but you typed it {ticket.type}: as {_ARTICLE[ticket.type]} it is {expected}",
            f"write the id as {expected}, or change the type if that is what you got wrong; "
            + ", ".join(f"{_ARTICLE[kind]} is {p}-" for kind, p in PREFIX.items()),
        )


def _allowed(levels: list[str]) -> str:
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
        if ticket.impact not in key["impact"]:
            check.fail(
                ("tickets", index, "impact"),
                f"{ticket.id}: impact '{ticket.impact}' does not fit the ticket; "
                f"the key accepts {_allowed(key['impact'])}",
                f"impact is how much of the business is hurt, not how loud the caller is: "
                f"{key['impact_why']}",
            )


@exercise.rule(
    "TRIAGE-URGENCY",
    "Each urgency is one the key accepts for that ticket under Brightwater's definitions "
    "(high: the harm is happening now or within the hour; medium: within 24 hours; low: "
    "later than that, or no deadline).",
)
def urgency(doc: TriageBatch, check: Check) -> None:
    for index, ticket, key in _known(doc):
        if ticket.urgency not in key["urgency"]:
            check.fail(
                ("tickets", index, "urgency"),
                f"{ticket.id}: urgency '{ticket.urgency}' does not fit the ticket; "
                f"the key accepts {_allowed(key['urgency'])}",
                f"urgency is how soon the harm lands, counted from the time of the call: "
                f"{key['urgency_why']}",
            )


@exercise.rule(
    "TRIAGE-PRIORITY",
    "Each priority is the matrix lookup of the impact and urgency you declared: high/high 1; "
    "high/medium and medium/high 2; high/low, medium/medium and low/high 3; medium/low, "
    "low/medium and low/low 4.",
)
def priority(doc: TriageBatch, check: Check) -> None:
    for index, ticket in enumerate(doc.tickets):
        expected = MATRIX[ticket.impact][ticket.urgency]
        if ticket.priority != expected:
            check.fail(
                ("tickets", index, "priority"),
                f"{ticket.id}: priority is {ticket.priority}; impact {ticket.impact} and "
                f"urgency {ticket.urgency} give {expected}",
                "read the priority from the matrix, row = impact, column = urgency; if the "
                "priority feels wrong, revisit the impact or urgency instead",
            )


def expected_major(ticket: Ticket, key: dict[str, Any]) -> tuple[bool, str]:
    """The rule applied to the learner's type and priority and the ticket's facts."""
    if ticket.type != "incident":
        return False, f"only incidents can be major, and you typed it {ticket.type}"
    if key["customer_outage"]:
        return True, "trigger M2: a customer-facing service is unavailable to all its customers"
    if ticket.priority == 1 and key["depots"] >= 2:
        return True, f"trigger M1: priority 1 and {key['depots']} depots affected"
    if ticket.priority == 1:
        return False, "priority 1 but only one depot or none: no trigger applies"
    if key["depots"] >= 2:
        return False, (
            f"{key['depots']} depots are affected but the priority is {ticket.priority}, not 1: "
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
    "No summary uses IT's own terms, which none of these callers used: "
    + ", ".join(f"'{term}'" for term in JARGON)
    + " (whole words, any case).",
)
def summary_jargon(doc: TriageBatch, check: Check) -> None:
    for index, ticket in enumerate(doc.tickets):
        used = [m.group(0) for m in (_find(term, ticket.summary) for term in JARGON) if m]
        if used:
            check.fail(
                ("tickets", index, "summary"),
                f"the summary of {ticket.id} uses IT's own words: "
                f"{listed([repr(u) for u in used])}",
                "write what the caller sees and what it stops them doing, in their words; "
                "keep IT's diagnosis and the priority for other fields",
            )


def _find(term: str, text: str) -> re.Match[str] | None:
    """``term`` in ``text`` as whole words, any case, any white space between its words."""
    return terms([term]).search(text)


@exercise.rule(
    "TRIAGE-SUMMARY-CALLER",
    f"Each summary reuses at least {MIN_CALLER_WORDS} of the caller's own words (words of "
    "four or more letters from what the caller said, other than common words such as "
    "'this', 'that' or 'with'; 'scanners', 'scanner' and 'scanner's' count as one word, as "
    "do 'publish' and 'published').",
)
def summary_caller(doc: TriageBatch, check: Check) -> None:
    for index, ticket, key in _known(doc):
        said = _heard(key)
        shared = caller_words(ticket.summary).keys() & said.keys()
        if len(shared) < MIN_CALLER_WORDS:
            examples = ", ".join(list(caller_words(key["words"]).values())[:8])
            check.fail(
                ("tickets", index, "summary"),
                f"the summary of {ticket.id} reuses {len(shared)} of the caller's words; "
                f"it needs at least {MIN_CALLER_WORDS}",
                f"keep the caller's own words for what they see and need, e.g. from: {examples}",
            )


def _guessed(summary: str, said: dict[str, str]) -> list[str]:
    """The causes a summary gives that the caller did not: diagnosis words the caller
    never used, and reasons ('because ...', 'due to ...') told mostly in new words."""
    found: list[str] = []
    for term in DIAGNOSIS:
        match = _find(term, summary)
        if match and not all(stem(w) in said for w in term.split()):
            found.append(match.group(0))
    for match in CAUSAL.finditer(summary):
        reason = caller_words(match.group(1))
        new = [form for form in reason if form not in said]
        told = match.group(0).strip()
        if new and len(new) * 2 >= len(reason) and not any(f in told for f in found):
            found.append(told)
    return [f"'{f}'" for f in found]


@exercise.rule(
    "TRIAGE-SUMMARY-CAUSE",
    "No summary gives a cause the caller did not: a word that guesses at one ("
    + ", ".join(f"'{term}'" for term in DIAGNOSIS[:8])
    + " and the like) that the caller never used, or a reason after 'because', 'due to' "
    "or 'caused by' told mostly in words the caller never used. A reason in the caller's "
    "own words ('because the Book button does nothing') is fine.",
)
def summary_cause(doc: TriageBatch, check: Check) -> None:
    for index, ticket, key in _known(doc):
        guesses = _guessed(ticket.summary, _heard(key))
        if guesses:
            check.fail(
                ("tickets", index, "summary"),
                f"the summary of {ticket.id} gives a cause {key['caller'].split(',')[0]} did "
                f"not: {listed(guesses)}",
                "write only what the caller saw and what it stops; if you suspect a cause, "
                "put it in note, where it can be checked and corrected",
            )
