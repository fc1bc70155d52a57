"""Word lists and pure helpers of flo-04-change's rules."""

from __future__ import annotations

import datetime as dt
import re

from .schema import LOAD_OUT, LOAD_OUT_DAYS, Change, ChangeRisk

#: approval bodies outside the team: the evidence says they slow changes without making them safer
EXTERNAL_APPROVERS = ("CAB", "change advisory board", "change board", "change manager")
#: words before an approver that say it is *not* the reviewer ("a peer, not the CAB")
NEGATION = re.compile(
    r"\b(not|no|never|instead of|rather than|without|nor|except)\b\W+(\w+\W+){0,5}$", re.I
)
#: phrases that leave a gate's decision to a person's mood or judgement, not a test
JUDGEMENT = (
    *("as needed", "when needed", "if needed", "as appropriate", "where appropriate"),
    *("if necessary", "when necessary", "as required", "if required", "where possible"),
    *("if possible", "at their discretion", "thinks", "feels", "decides", "judges"),
    *("is not happy", "is not comfortable", "is unhappy", "is worried", "looks risky"),
    *("seems risky", "looks wrong", "seems wrong", "approve", "approves", "sign off"),
)
#: a main risk that names no one: it could fail, something breaks
GENERIC_RISK = re.compile(
    r"^(it|the change|this|something|things?)\s+(could|may|might|can|will)?\s*"
    r"(fail|go wrong|break|not work|have (a )?problems?|cause (an )?issues?)\W*$",
    re.I,
)
#: words that confirm a rollback worked: the last safeguard a marker looks for
CONFIRM = re.compile(
    r"\b(check|checks|checked|checking|confirm\w*|verif\w*|ensure\w*|make sure|test\w*|"
    r"watch\w*|monitor\w*|see (if|that|whether)|look (if|that|whether)|validat\w*|"
    r"smoke|synthetic|passes|works? again|is back)\b",
    re.I,
)
#: test evidence that says nothing: one word, or a placeholder
EMPTY_EVIDENCE = {"ok", "tested", "tested ok", "done", "yes", "passed", "fine", "n/a", "tbd"}


def _assessed(change: Change) -> bool:
    """Normal and emergency changes are assessed one by one; standard ones were assessed once."""
    return change.type != "standard"


def _weights(doc: ChangeRisk) -> dict[str, int]:
    weights: dict[str, int] = {}
    for factor in doc.model.factors:
        weights.setdefault(factor.id, factor.weight)
    return weights


def _ref(text: str | None, prefix: str) -> str:
    """'sc 1', 'SC01' and 'SC-01' are the same entry; 'inc51890' is INC-51890."""
    found = re.fullmatch(prefix + r"\s*[-_ ]?\s*(\d+)", (text or "").strip(), re.I)
    if not found:
        return (text or "").strip()
    digits = found.group(1)
    return f"{prefix}-{digits.zfill(2) if prefix == 'SC' else digits}"


def _show(stamp: dt.datetime) -> str:
    return stamp.strftime("%a %Y-%m-%d %H:%M")


def _load_out_clash(start: dt.datetime, end: dt.datetime) -> dt.datetime | None:
    """The start of the first morning load-out the window overlaps."""
    day = start.date()
    while day <= end.date():
        begin, finish = (dt.datetime.combine(day, t) for t in LOAD_OUT)
        if day.weekday() in LOAD_OUT_DAYS and start < finish and end > begin:
            return begin
        day += dt.timedelta(days=1)
    return None


def _phrase(text: str, phrases: tuple[str, ...], negated: bool = False) -> str | None:
    """The first phrase found as whole words; with ``negated``, one not said to be excluded."""
    for phrase in phrases:
        pattern = r"\b" + r"\s+".join(re.escape(w) for w in phrase.split()) + r"\b"
        for match in re.finditer(pattern, text, re.IGNORECASE):
            if not (negated and NEGATION.search(text[: match.start()])):
                return match.group(0)
    return None


ROUTES = {
    "standard": ("pre-approved", "standard changes are approved once, in advance"),
    "emergency": (
        "emergency",
        "emergency changes are approved on the spot by the incident commander and the "
        "service owner, and reviewed afterwards",
    ),
    "low": ("peer-review", "low-risk normal changes need a peer and the gates"),
    "high": ("service-owner", "high-risk normal changes need the service owner and a window"),
}
