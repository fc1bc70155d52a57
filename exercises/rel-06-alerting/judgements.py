"""What the rules of rel-06-alerting judge with: patterns for roles, rotas, handovers and
review triggers, the rounding a marker accepts, and lengths of time in words.

Kept apart from validator.py so that each file stays short; it reads the same
case.yaml (the people and the severity table of the case organisation).
"""

from __future__ import annotations

import math
import re

from curriculum.validation import number
from curriculum.validation.toolkit import load_case, names_nobody, normal, terms

from .schema import Alert

CASE = load_case()
SEVERITIES: set[str] = {normal(s) for s in CASE["severities"]}
PERSON = terms(CASE["people"])
#: who a page or a ticket may not go to: nobody in particular
NOBODY = (
    "the team",
    "team",
    "platform team",
    "the platform team",
    "ops",
    "operations",
    "it",
    "we",
    "us",
    "engineers",
    "the engineers",
    "everybody",
    "anyone",
    "whoever is free",
    "whoever is available",
)
#: places that are not a person with a pager
CHANNEL = re.compile(
    r"#[\w-]+|\b(e-?mails?|mailbox|inbox|channel|slack|chat|distribution list|"
    r"mailing list|dashboards?|wall screen)\b",
    re.IGNORECASE,
)
#: words that say the role is one on a rota
ROTA = re.compile(r"\b(on[- ]?call|rota|primary|secondary|duty|rostered|pager|commander)\b", re.I)
#: words that name someone who can act
ROLE = re.compile(
    r"\b(lead|leader|manager|owner|secondary|primary|commander|engineer|cio|director|head|"
    r"on[- ]?call)\b",
    re.IGNORECASE,
)
#: a handover: when it happens, and what it hands over
WHEN = re.compile(
    r"\d{1,2}[:.]\d{2}|\b\d{1,2}\s?(am|pm)\b|\b(mondays?|tuesdays?|wednesdays?|thursdays?|"
    r"fridays?|saturdays?|sundays?|daily|every day|each day|(start|end) of (each|every|the|a)"
    r" shift|shift change|each shift|every shift)\b",
    re.IGNORECASE,
)
WHAT = re.compile(
    r"\b(open|incidents?|tickets?|alerts?|pages?|changes?|notes?|log|actions?|follow[- ]?ups?|"
    r"playbooks?|runbooks?|handoff|issues?)\b",
    re.IGNORECASE,
)
#: judgements where a review rule needs a threshold ("major incident" is defined at triage)
VAGUE = re.compile(
    r"\b(serious|severe|significant|big|large|important|critical|bad|notable|noticeable|"
    r"high[- ]impact|high[- ]severity|major(?!\s+incidents?\b))\b",
    re.IGNORECASE,
)
SEVERITY = re.compile(r"\bsev(?:erity)?[\s-]?(\d)\b", re.IGNORECASE)
COUNTABLE = re.compile(
    r"\b(any|every|each|all|asks?|asked|requests?|requested|major incidents?)\b", re.I
)
BUDGET_SHARE = re.compile(
    r"(\d+(?:\.\d+)?)\s*(?:%|per ?cent)|\b(?:a|one) (tenth|fifth|quarter|third)\b|\b(half)\b",
    re.IGNORECASE,
)
#: a figure, in digits or in words ("a fifth of the budget", "two hours")
FIGURE = re.compile(
    r"\d|\b((a|one) (tenth|fifth|quarter|third)|half|two|three|four|five|six|seven|eight|"
    r"nine|ten|twelve|fifteen|twenty|thirty|forty|sixty|ninety)\b",
    re.IGNORECASE,
)
FRACTIONS = {"tenth": 10.0, "fifth": 20.0, "quarter": 25.0, "third": 33.3, "half": 50.0}


def tolerance(expected: float) -> float:
    """Half a unit of the expected value's second significant figure: 13.44 may be
    written 13 or 13.4, 0.9333 as 0.93 (two significant figures or better)."""
    if expected == 0 or not math.isfinite(expected):
        return 1e-9
    return 10 ** (math.floor(math.log10(abs(expected))) - 1) / 2 + 1e-9


def agrees(declared: float, expected: float) -> bool:
    return abs(declared - expected) <= tolerance(expected)


def length(minutes: float) -> str:
    """90 -> '1.5 hours', 4320 -> '3 days', 5 -> '5 minutes'."""
    if minutes >= 1440 and minutes % 1440 == 0:
        count, unit = minutes / 1440, "day"
    elif minutes >= 60:
        count, unit = minutes / 60, "hour"
    elif minutes >= 1:
        count, unit = minutes, "minute"
    else:
        count, unit = minutes * 60, "second"
    count = round(count, 2)
    return f"{number(count)} {unit}{'' if count == 1 else 's'}"


def lasts(days: float) -> str:
    """How long a budget lasts at a burn rate, in words a pager would use."""
    return f"{number(round(days * 24, 1))} hours" if days < 2 else f"{number(round(days, 1))} days"


def who(alert: Alert) -> tuple[str, str] | None:
    """What is wrong with who an alert goes to, as (message, hint); None if nothing."""
    said = alert.notify
    named = PERSON.search(said)
    if named:
        return (
            f"{alert.id} goes to a person ('{named.group(0)}'), not to a role",
            "name the role on the rota, e.g. 'primary on-call engineer for the service': "
            "a name stops working the week that person is off",
        )
    if names_nobody(said, NOBODY):
        return (
            f"{alert.id} goes to '{said}', which names no one who answers it",
            "a page goes to one role on the rota, e.g. 'primary on-call engineer'; a ticket to "
            "a queue someone works, e.g. 'platform team queue, next working day'",
        )
    if alert.response == "page" and CHANNEL.search(said):
        return (
            f"{alert.id} pages '{said}': a channel or a list is not a person with a pager",
            "page the role on call, e.g. 'primary on-call engineer', and copy the channel if "
            "you like",
        )
    if alert.response == "page" and not ROTA.search(said):
        return (
            f"{alert.id} pages '{said}', which is not a role on a rota",
            "say which rota role the page reaches, e.g. 'primary on-call engineer for the service'",
        )
    return None


def vague(trigger: str) -> str | None:
    """Why a review trigger is not a threshold, or None when it is one."""
    levels = SEVERITY.findall(trigger)
    unknown = [f"SEV{n}" for n in levels if f"sev{n}" not in SEVERITIES]
    if unknown:
        table = ", ".join(CASE["severities"])
        return f"{unknown[0]} is not a level of Brightwater's severity table ({table})"
    without_levels = SEVERITY.sub("", trigger)
    has_figure = bool(FIGURE.search(without_levels))
    judgement = VAGUE.search(trigger)
    if judgement and not has_figure:
        return f"'{judgement.group(0)}' is a judgement to argue about, not a threshold"
    if not (has_figure or levels or COUNTABLE.search(trigger)):
        return "it names no threshold anyone could check"
    return None


def budget_share(trigger: str) -> float | None:
    """The share of the budget a trigger names, in %, or None."""
    if "budget" not in trigger.lower():
        return None
    found = BUDGET_SHARE.search(trigger)
    if not found:
        return None
    if found.group(1):
        return float(found.group(1))
    return FRACTIONS[(found.group(2) or found.group(3)).lower()]
