"""The vocabulary of rel-04-pir's text rules and the pure helpers of its rules; the
brief's incident and its people come from case.yaml."""

from __future__ import annotations

import datetime as dt
import re

from curriculum.validation.toolkit import load_case

from .schema import Review

CASE = load_case()

# --- the vocabulary the text rules use -------------------------------------------------

#: words that are blame whoever they are about
BLAME_WORDS = re.compile(
    r"\b(human|operator|user|staff) error\b|\bcareless\w*|\bnegligen\w*", re.IGNORECASE
)
#: a person or a role: the subject a fault verb must have to be blame
_SUBJECT = (
    r"\b(?:he|she|they|someone|somebody|(?:[\w-]+\s+){0,3}?(?:analysts?|engineers?|desk|"
    r"agents?|drivers?|managers?|leads?|team|staff|operators?|technicians?|commander|"
    r"supervisors?|users?|person|people|colleagues?|admins?|administrators?|developers?|"
    r"on-call|shift|manager|controller|planner))\b"
)
_FAULT = (
    r"(?:failed to|should(?:\s+not|n['’]t)?\s+have|should['’]ve|forgot(?:ten)? to|"
    r"neglected to|ignored|did not bother|didn['’]t bother|could not be bothered)"
)
#: between the subject and the fault verb, at most an adverb ('the desk then failed to')
_ADVERB = r"(?:\s+(?:\w+ly|also|then|still|again|never|just|twice))?"
PERSON_FAULT = re.compile(_SUBJECT + _ADVERB + r"\s+" + _FAULT + r"\b", re.IGNORECASE)
#: the people of the case organisation: full names, and each name that is no everyday word
_EVERYDAY = {w.casefold() for w in CASE["everyday_words"]}
NAMES = tuple(
    dict.fromkeys(
        [*CASE["people"]]
        + [
            part
            for name in CASE["people"]
            for part in name.split()
            if part.casefold() not in _EVERYDAY
        ]
    )
)
_NAME = re.compile(
    r"\b(" + "|".join(re.escape(n).replace(r"\ ", r"\s+") for n in NAMES) + r")\b", re.I
)
#: "if ... had" within one sentence, or "would have" / "would not have" / "wouldn't have"
COUNTERFACTUAL = re.compile(
    r"\bif\b[^.!?;\n]*?\bhad(?:n['’]t)?\b"
    r"|\bwould(?:\s+not|n['’]t)?\s+have\b",
    re.IGNORECASE,
)
#: 'checked if ... had' asks a question: it is 'whether', not a counterfactual
_ASKS = re.compile(
    r"\b(check\w*|ask\w*|see|saw|seeing|know\w*|knew|wonder\w*|confirm\w*|test\w*|"
    r"verif\w*|find out|found out|tell|told|unclear|sure)\s*$",
    re.IGNORECASE,
)
#: wording that belongs in the actions, not in the account of what happened
FIX_PHRASES = (
    "we will", "we'll", "we’ll", "we need to", "we must", "we should", "going forward",
    "in future", "in the future", "next time", "action item", "action items",
)  # fmt: skip
#: an action that only asks people to try harder changes no condition
EXHORTATION = re.compile(
    r"\b(remind\w*|reminder|be (?:more |extra )?(?:careful|vigilant|aware)|"
    r"pay (?:more |extra )?attention|take (?:more )?care|raise awareness|try harder)\b",
    re.IGNORECASE,
)
#: owner roles that name nobody
PLACEHOLDER_OWNERS = ("anyone", "us", "me", "owner", "we", "the team")
MIN_FACTORS = 2
MAX_BUSINESS_DAYS = 5

KEYS = ("started", "detected", "mitigated", "resolved")
#: what each key time marks, as a phrase after 'the moment'
MARKS_AS = {
    "started": "users were first affected",
    "detected": "IT first recorded a signal (a call, a ticket or an alert)",
    "mitigated": "users stopped being affected",
    "resolved": "the condition was removed and the incident closed",
}


def _show(stamp: dt.datetime) -> str:
    return stamp.strftime("%Y-%m-%d %H:%M" + (":%S" if stamp.second else ""))


def _account(review: Review) -> list[tuple[str, str]]:
    """(path, text) of the account of what happened and of the factors."""
    texts = [("summary", review.summary), ("impact", review.impact)]
    texts += [(f"timeline[{i}].event", e.event) for i, e in enumerate(review.timeline, 1)]
    for i, f in enumerate(review.contributing_factors, 1):
        texts += [(f"contributing_factors[{i}].{k}", getattr(f, k)) for k in ("factor", "evidence")]
    return texts


def _business_days_after(start: dt.date, end: dt.date) -> int:
    """Weekdays (Monday to Friday) after ``start`` up to and including ``end``."""
    weeks, rest = divmod(max((end - start).days, 0), 7)
    # every run of seven days holds five weekdays; count the remaining days one by one
    extra = sum(1 for n in range(1, rest + 1) if (start + dt.timedelta(n)).weekday() < 5)
    return weeks * 5 + extra


def _counterfactual(text: str) -> re.Match[str] | None:
    for match in COUNTERFACTUAL.finditer(text):
        if match.group(0).lower().startswith("if") and _ASKS.search(text[: match.start()]):
            continue  # 'checked if the job had finished' asks whether, it imagines nothing
        return match
    return None
