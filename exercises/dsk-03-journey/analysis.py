"""The figures of a ticket's event log, with the definitions of ``validator.py``'s
docstring, and the word search the policy rules use (module dsk-03). Pure: the case's
data stays in the validator."""

from __future__ import annotations

import itertools
import re
from datetime import datetime
from typing import Literal, NamedTuple

Kind = Literal["created", "assigned", "started", "waiting", "resolved"]


class Event(NamedTuple):
    at: datetime
    kind: Kind
    team: str
    note: str


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
    """The figures the definitions (in ``validator.py``) give for an event log."""
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


def has_term(text: str, terms: list[str]) -> bool:
    """Whether ``text`` holds any of ``terms`` as whole words, any case."""
    return any(re.search(r"(?<!\w)" + re.escape(t) + r"(?!\w)", text, re.I) for t in terms)
