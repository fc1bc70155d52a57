"""Units: a stretch of teaching a learner can take between two tickets.

``unit-size`` warns when a unit (the page from the previous ``{unit-check}`` to
this one) reads longer than :data:`~curriculum.core.units.MAX_UNIT_MINUTES`
minutes; a check's own questions are checked as a quiz's are.
"""

from __future__ import annotations

from curriculum.core.units import MAX_UNIT_MINUTES, UNIT_CHECK, page_units
from curriculum.lint.problems import Problem


def unit_problems(shown: str, text: str, body_start: int = 0) -> list[Problem]:
    if f"{{{UNIT_CHECK}}}" not in text:
        return []
    return [
        Problem(
            shown,
            unit.line,
            "unit-size",
            f"unit {unit.number} ('{unit.title}') reads in about {unit.minutes} minutes; a unit "
            f"is 10 to 15 minutes (at most {MAX_UNIT_MINUTES}), what a learner takes between "
            "two tickets",
            "close it earlier with a {unit-check}, after the section where its first idea ends",
        )
        for unit in page_units(text, body_start)
        if unit.minutes > MAX_UNIT_MINUTES
    ]
