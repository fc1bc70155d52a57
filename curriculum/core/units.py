"""A module's units: the stretches of teaching a learner takes in one sitting.

A unit ends with a ``{unit-check} Title`` (one or two questions, answered in the
page): unit 1 runs from the top of the page to the first check, unit 2 from there
to the second, and so on; what follows the last check (the seats, pitfalls, key
points, the job aid, the quiz and the exercise) is the module's close, not a unit.
A unit's minutes are the reading of its learner text, its check included, counted
from the source as the module's reading is (:mod:`curriculum.core.reading`), so
the header, the catalogue and lint agree in both editions. Pure.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from curriculum.core.reading import count_words, reading_minutes

UNIT_CHECK = "unit-check"
#: a unit longer than this is more than a learner between tickets can take (lint warns)
MAX_UNIT_MINUTES = 18
_CHECK = re.compile(r"^[ \t]*(?P<fence>:{3,}|`{3,})\{unit-check\}[ \t]*(?P<title>.*?)\s*$")


@dataclass(frozen=True)
class Unit:
    number: int
    title: str
    line: int  #: the 1-based line of the unit's check
    minutes: int  #: reading minutes of the unit's learner text, its check included


def page_units(text: str, body_start: int = 0) -> list[Unit]:
    """The units of a module page whose body starts at 0-based line ``body_start``."""
    lines = text.splitlines()
    if body_start == 0 and lines and lines[0].strip() == "---":
        # front matter, when the caller has not skipped it: metadata is not reading
        body_start = next(
            (n + 1 for n, line in enumerate(lines[1:], 1) if line.strip() == "---"), 0
        )
    units: list[Unit] = []
    start = index = body_start
    while index < len(lines):
        match = _CHECK.match(lines[index])
        if match is None:
            index += 1
            continue
        fence = match.group("fence")
        end = index + 1
        while end < len(lines) and lines[end].strip() != fence:
            end += 1
        minutes = reading_minutes(count_words(lines[start : end + 1]))
        units.append(Unit(len(units) + 1, match.group("title"), index + 1, minutes))
        start = index = end + 1
    return units
