"""What the sup-03 rules share: the case's figures, the words that mark an IT output or
a sustained earn-back, and the KPIs of a contract. Pure functions of the contract."""

from __future__ import annotations

import re
from typing import Any

from curriculum.validation.toolkit import load_case, normal

from .schema import Contract, Kpi

CASE: dict[str, Any] = load_case()

MONEY_TOLERANCE = 1.0  # pounds
SHARE_TOLERANCE = 0.01  # percentage points
MIN_SIDE_EFFECTS = 2

#: what a component or IT-output measure counts, not a business outcome; a name may
#: still mention a server or a circuit as the cause of what it counts
OUTPUT_WORDS = (
    "uptime",
    "availability",
    "CPU",
    "utilisation",
    "utilization",
    "latency",
    "packet loss",
    "response time",
    "resolution time",
    "tickets closed",
    "tickets resolved",
    "calls answered",
    "calls handled",
)
#: an earn-back that asks for sustained recovery names a period or a level to meet
SUSTAINED = re.compile(
    r"\b(months?|quarters?|weeks?|periods?|days?|load-?outs?|mornings?)\b|\d|"
    r"\b(meets?|met|reach(es|ed)?|achieves?|target|level)\b",
    re.I,
)


def kpis_of(contract: Contract) -> dict[str, Kpi]:
    found: dict[str, Kpi] = {}
    for kpi in contract.outcome_kpis:
        found.setdefault(kpi.id, kpi)
    return found


def better(kpi: Kpi, value: float, than: float) -> bool:
    return value > than if kpi.direction == "up" else value < than


def is_the_case(contract: Contract) -> bool:
    """Whether a supplier of the case (ScanTech, LinkWave) shares in the gain."""
    named = {normal(s.party) for s in contract.gain_share.shares if s.role == "supplier"}
    return any(normal(x) in named for x in CASE["suppliers"])


def about(text: str, groups: list[list[str]]) -> bool:
    """Whether ``text`` names one word of every group (a word may go on: scan, scanned)."""
    return all(any(re.search(r"\b" + re.escape(w), text, re.I) for w in g) for g in groups)
