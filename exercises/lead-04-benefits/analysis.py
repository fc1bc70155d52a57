"""The case's facts and the pure helpers of the rules (module lead-04): the payback
formula, quarters, the road map's dependency graph.
"""

from __future__ import annotations

import re
from typing import Any

from curriculum.validation import number
from curriculum.validation.toolkit import load_case, normal

from .schema import QUARTER_FORM, BenefitsCase

CASE: dict[str, Any] = load_case()


def is_the_case(case: BenefitsCase) -> bool:
    """Whether the learner kept Brightwater's programme (not an improvement of their own)."""
    text = normal(" ".join([case.title, *(c.item for c in case.costs)]))
    return any(normal(m) in text for m in CASE["markers"])


def years_in_order(case: BenefitsCase) -> bool:
    return [t.year for t in case.totals] == list(range(len(case.totals)))


def payback(cumulative: list[float]) -> float | None:
    """Years to payback from year-end cumulative figures (year 0 first), interpolated."""
    if not cumulative:
        return None
    if cumulative[0] >= 0:
        return 0.0
    for k in range(1, len(cumulative)):
        before, after = cumulative[k - 1], cumulative[k]
        if after >= 0:
            return (k - 1) + (-before) / (after - before)
    return None


def quarter_index(value: str) -> int:
    match = QUARTER_FORM.fullmatch(value)
    assert match is not None  # the schema accepted it
    return int(match.group(1)) * 4 + int(match.group(2)) - 1


def graph(case: BenefitsCase) -> tuple[dict[str, int], list[list[int]], list[set[int]]]:
    """First position of each id; each item's known dependencies; the items each one
    reaches through its dependencies (its own position only when it is on a cycle)."""
    first: dict[str, int] = {}
    for index, item in enumerate(case.roadmap):
        first.setdefault(item.id, index)
    edges = [[first[d] for d in item.depends_on if d in first] for item in case.roadmap]
    reach: list[set[int]] = []
    for start in range(len(edges)):
        seen: set[int] = set()
        todo = list(edges[start])
        while todo:
            node = todo.pop()
            if node not in seen:
                seen.add(node)
                todo.extend(edges[node])
        reach.append(seen)
    return first, edges, reach


def knotted(reach: list[set[int]], a: int, b: int) -> bool:
    """Whether items a and b sit on one dependency cycle (each reaches the other)."""
    return b in reach[a] and a in reach[b] if a != b else a in reach[a]


def cycle_path(start: int, edges: list[list[int]], reach: list[set[int]]) -> list[int]:
    """A shortest cycle through ``start``: [start, ..., start]."""
    previous: dict[int, int] = {}
    queue, seen = [start], {start}
    while queue:
        node = queue.pop(0)
        for nxt in edges[node]:
            if nxt == start:
                path = [node]
                while path[-1] != start:
                    path.append(previous[path[-1]])
                return [start, *reversed(path[:-1]), start]
            if nxt not in seen and knotted(reach, start, nxt):
                seen.add(nxt)
                previous[nxt] = node
                queue.append(nxt)
    return [start, start]  # pragma: no cover - an item on a cycle always has one


def an_order(case: BenefitsCase, edges: list[list[int]]) -> list[str] | None:
    """A topological order that keeps the learner's order where it can (None if cyclic)."""
    placed: list[int] = []
    done = [False] * len(edges)
    while len(placed) < len(edges):
        ready = [i for i in range(len(edges)) if not done[i] and all(done[d] for d in edges[i])]
        if not ready:
            return None
        done[ready[0]] = True
        placed.append(ready[0])
    return [case.roadmap[i].id for i in placed]


def show_amounts(values: list[float]) -> str:
    return "[" + ", ".join(number(v) for v in values) + "]"


def about(text: str, groups: list[list[str]]) -> bool:
    """Whether ``text`` names one word of every group (a word may go on: page, pages)."""
    return all(any(re.search(r"\b" + re.escape(w), text, re.I) for w in g) for g in groups)
