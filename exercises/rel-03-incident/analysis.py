"""What the rel-03 rules read from a log: the severity its impact gives, who is who,
the next update an update promises, and whether the log is of the brief's morning.

Pure functions of the log and of case.yaml; the rules in validator.py judge.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta

from curriculum.validation.toolkit import normal, plural

from .schema import CASE, DEPOTS, Impact, IncidentLog, Update

SEVERITY = CASE["severity"]
#: update cadence per severity: the longest silence stakeholders should face, in minutes
CADENCE: dict[str, int] = {level: row["cadence_minutes"] for level, row in SEVERITY.items()}
#: kinds of action that are hands-on work, which the commander and the scribe delegate
HANDS_ON = ("diagnose", "fix")
#: how late an update may come after the time the one before promised
PROMISE_GRACE = timedelta(minutes=2)
S1, S2 = SEVERITY["SEV1"], SEVERITY["SEV2"]
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
REVIEW = re.compile(r"\b(review|pir|post[- ]incident|retro\w*|lessons?|learn\w*)\b", re.I)
#: an internal term, found where it touches a hyphen too ('cpu-bound'), which
#: toolkit.terms would not find
JARGON = re.compile(r"\b(" + "|".join(re.escape(j) for j in CASE["jargon"]) + r")\b", re.IGNORECASE)


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


def why(impact: Impact, severity: str) -> str:
    """Why the impact gives ``severity``, in the words of the impact rule."""
    side = "customer-facing" if impact.customer_facing else "internal"
    return (
        f"load-out blocked at {plural(impact.depots_load_out_blocked, 'depot')} and a {side} "
        f"service unusable for {impact.users_affected_percent:g} % of its users give {severity}"
    )


def hhmm(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M")


def minutes(start: datetime, end: datetime) -> float:
    return (end - start).total_seconds() / 60


def person_key(name: str) -> str:
    """A name as compared: any case, without a note in brackets ('Sam Okafor (IC)')."""
    return normal(re.sub(r"\(.*?\)", " ", name)).strip(" .")


def who_is(name: str, doc: IncidentLog) -> str:
    """The person under roles that ``name`` means: the full name, or a first name or a
    surname that only one of them has; else ``name`` itself."""
    key = person_key(name)
    people = {person_key(p.person) for p in doc.roles}
    if key in people:
        return key
    matches = [p for p in people if key and set(key.split()) <= set(p.split())]
    return matches[0] if len(matches) == 1 else key


def holders_of(doc: IncidentLog, role: str) -> set[str]:
    return {person_key(p.person) for p in doc.roles if p.role == role}


def commanders_of(doc: IncidentLog) -> set[str]:
    return holders_of(doc, "incident-commander")


def promised_at(update: Update) -> datetime | None:
    """The time an update promises the next one, if it says."""
    found = _NEXT_UPDATE.search(update.text)
    if found is None:
        return None
    if found.group("delay"):
        return update.at + timedelta(minutes=int(found.group("delay")))
    hour, minute = re.split(r"[:.h]", found.group("clock").lower())
    moment = update.at.replace(hour=int(hour), minute=int(minute))
    return moment if moment >= update.at else moment + timedelta(days=1)


def is_the_morning(doc: IncidentLog) -> bool:
    """Whether the log is of the brief's incident (its service, on its date)."""
    words = set(re.findall(r"\w+", normal(doc.service + " " + doc.incident)))
    return str(doc.detected_at.date()) == str(MORNING["date"]) and bool(
        words & set(MORNING["service_words"])
    )
