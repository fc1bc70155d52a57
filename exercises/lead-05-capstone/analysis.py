"""What the lead-05 rules share: the plan's limits, the words of a measure that counts
learning or an IT output, and small readings of a plan (a value named by its id or its
statement, a plan day as a date, every measure with its place).

Pure functions of the plan, ``case.yaml`` and ``programme.yaml``; the rules judge.
"""

from __future__ import annotations

import datetime as dt
import re

from curriculum.validation.toolkit import normal

from .schema import CASE, VALUES, Capstone, Improvement, Measure

THIS_EXERCISE = "lead-05-capstone"
PHASES: list[tuple[int, int]] = [(first, last) for first, last in CASE["phases"]]
SERVICES: list[str] = CASE["services"]
MIN_EXERCISES = 3
MIN_VALUES = 3
MAX_IMPROVEMENTS = 6
MAX_REVIEW_GAP_DAYS = 30
#: a results percentage already this high is near its ceiling: the shortfall from
#: 100 % may not shrink to less than this share of today's in 90 days
HIGH_BASELINE, MIN_SHORTFALL_KEPT = 90.0, 0.1

_TAUGHT = (
    r"(training|courses?|workshops?|sessions?|class(es)?|webinars?|briefings?|e-learning|lessons?)"
)
_ATTEND = rf"\battend\w*\b.*\b{_TAUGHT}\b|\b{_TAUGHT}\b.*\battend\w*"
#: Kirkpatrick levels 1 and 2 (reaction and learning), and one-off sign-offs: what a
#: course or a project can count, not what people do repeatedly at work
LEARNING = {
    #: attending is behaviour at work (swarms attended), not when it is a course
    "attendance": _ATTEND,
    "people trained": r"\b(trained|certified|certificates?|certification)\b",
    "training done": r"\b(training|courses?|e-learning|modules?|workshops?|sessions?) "
    r"(hours|days|completed|completions?|done|held|run|delivered|passed|attended)\b|"
    r"\b(hours|days) of (\w+ )?(training|e-learning|courses?)\b|\bwith (\w+ )?training\b|"
    r"\bcompleted (the |a |an )?(\w+ )?(training|courses?|e-learning|modules?)\b",
    "test scores": r"\b(quiz(zes)?|exams?|test scores?|happy sheets?|feedback forms?)\b",
    "sign-offs": r"\bsign(ed|s|ing)?[\s-]*offs?\b|\bsignoffs?\b",
}
#: things IT produces: outputs, not results for the business
OUTPUTS = {
    "tickets handled": r"\btickets (closed|logged|raised|resolved)\b",
    "uptime": r"\buptime\b|\bserver availability\b|\bcpu\b",
    "articles written": r"\barticles (written|published|created)\b",
    "things delivered": r"\b(changes deployed|dashboards built|reports produced|meetings held)\b",
}
#: owners and sponsors that name nobody, beyond the toolkit's own
NOBODY = ["anyone", "us", "me", "we", "owner", "sponsor", "management", "it", "the business"]
#: a tension that admits none: "None", "n/a", "None, the plan serves every value"
NO_TENSION = re.compile(
    r"\W*((none|nothing|no|n/?a|not applicable|-+)\W*$|(none|no (real )?tensions?|there "
    r"(is|are) no( real)? tensions?)\b(?!\s+of\b))",
    re.I,
)


def known_ids(ids: list[str]) -> str:
    return ", ".join(ids) or "none yet"


def value_id(text: str) -> str:
    """A value as its id: 'v2', 'V2' and 'Business outcomes over IT outputs' are V2."""
    said = normal(text).strip(" .")
    for known, statement in VALUES.items():
        if said in (known.casefold(), normal(statement)) or said.startswith(known.casefold() + " "):
            return known
    return text.strip().upper()


def service_key(text: str) -> str:
    return normal(re.sub(r"[-_]", " ", text))


def plan_day(plan: Capstone, day: int) -> str:
    """The calendar date of a plan day, e.g. day 1 is the start date."""
    try:
        return (plan.start_date + dt.timedelta(days=day - 1)).isoformat()
    except OverflowError:
        return f"day {day}"


def counts(text: str, kinds: dict[str, str]) -> list[str]:
    """The kinds of thing (of ``kinds``) that a measure's text counts."""
    return [kind for kind, pattern in kinds.items() if re.search(pattern, text, re.I)]


def measures(plan: Capstone) -> list[tuple[str, str, Improvement, Measure]]:
    """(path, level name, improvement, measure) for every measure in the plan."""
    out = []
    for index, improvement in enumerate(plan.improvements, start=1):
        out.append(
            (
                f"improvements[{index}].behaviour_measure",
                "behaviour",
                improvement,
                improvement.behaviour_measure,
            )
        )
        out.append(
            (
                f"improvements[{index}].results_measure",
                "results",
                improvement,
                improvement.results_measure,
            )
        )
    return out
