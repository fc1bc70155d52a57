"""Timing plans: a bullet list of ``- 10 min: activity`` lines that adds up to a module.

Pure functions, shared by the ``{timing-plan}`` directive and ``curriculum lint``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

#: ``10 min: Opening`` (also ``10 minutes``, with ``:``, a dash or nothing after it)
MINUTES = re.compile(r"^\s*(\d{1,3})\s*min(?:ute)?s?\b\s*[:\-–—]?\s*", re.IGNORECASE)
RAW_ITEM = re.compile(r"^\s*[-*+]\s+(.*)$")


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
