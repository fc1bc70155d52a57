"""Timing plans: a bullet list of ``- 10 min: activity`` lines that adds up to a module.

Pure functions, shared by the ``{timing-plan}`` directive and ``curriculum lint``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

#: ``10 min: Opening`` (also ``10 minutes``, with ``:``, a dash or nothing after it)
MINUTES = re.compile(r"^\s*(\d{1,3})\s*min(?:ute)?s?\b\s*[:\-–—]?\s*", re.IGNORECASE)
RAW_ITEM = re.compile(r"^\s*[-*+]\s+(.*)$")
#: an activity that is the module's exercise ("Artefact work", "Exercise: …")
EXERCISE_ACTIVITY = re.compile(r"^\W*(artefact|artifact|exercise)\b", re.IGNORECASE)


def plan_total(lines: Sequence[str]) -> tuple[int | None, int, str]:
    """The plan's total minutes, or None with the offending line offset and a message."""
    total = 0
    items = 0
    for offset, line in enumerate(lines):
        item = RAW_ITEM.match(line)
        if item is None:
            if line.strip() and not line.startswith((" ", "\t")):
                return None, offset, "only a bullet list may stand in a timing plan"
            continue
        match = MINUTES.match(item.group(1))
        if match is None:
            return None, offset, "each item must start with its minutes, e.g. '- 10 min: ...'"
        total += int(match.group(1))
        items += 1
    if not items:
        return None, 0, "the timing plan is empty; list the activities as '- 10 min: ...'"
    return total, 0, ""


#: the opening fence of a ``{timing-plan}`` in a page's source
_PLAN_OPENING = re.compile(r"^[ \t]*(?P<fence>:{3,}|`{3,})\{timing-plan\}[ \t]*$")


def plan_items(lines: Sequence[str]) -> list[tuple[int, str]] | None:
    """The ``(minutes, activity)`` items of a timing plan's lines; None if malformed."""
    total, _offset, _message = plan_total(lines)
    if total is None:
        return None
    items: list[tuple[int, str]] = []
    for line in lines:
        item = RAW_ITEM.match(line)
        if item is None:
            continue
        match = MINUTES.match(item.group(1))
        assert match is not None  # plan_total accepted every item
        items.append((int(match.group(1)), item.group(1)[match.end() :].strip()))
    return items


def plan_shape(text: str) -> tuple[tuple[int, bool], ...]:
    """``(minutes, is the exercise)`` of each activity of the page's timing plan.

    Only the minutes and a flag: the activities' words are trainer-only text, and a
    module's record is kept in the learner edition's environment too.
    """
    items = find_plan(text) or []
    return tuple((minutes, EXERCISE_ACTIVITY.match(what) is not None) for minutes, what in items)


def find_plan(text: str) -> list[tuple[int, str]] | None:
    """The items of the first well-formed ``{timing-plan}`` in a page's source."""
    lines = text.splitlines()
    for index, line in enumerate(lines):
        opening = _PLAN_OPENING.match(line)
        if opening is None:
            continue
        fence = opening.group("fence")
        body: list[str] = []
        for inner in lines[index + 1 :]:
            stripped = inner.strip()
            if len(stripped) >= len(fence) and set(stripped) == {fence[0]}:
                return plan_items(body)
            body.append(inner)
        return None
    return None
