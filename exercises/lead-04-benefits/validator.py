"""Checks a benefits case with its cash flow, payback and road map (module lead-04).

The case is the learner's own (Brightwater's load-out scanning programme, as in
the template, or an improvement from their own work), so the validator holds
no key. It checks three things.

Benefits: at least one for the organisation and one for individuals, each with
an owner role, a measure, a unit and a baseline different from its target.
Cash is the organisation's money: only organisation benefits carry cash, and
every cash figure says how it was valued.

Cash flow: year 0 is the money spent up front, before any benefit arrives;
years 1, 2, ... follow, and within a year money is assumed to flow evenly.
Each year's totals are the sums of the lines, net = benefits - costs, and
cumulative = the previous year's cumulative + this year's net. Each figure is
checked against the learner's own figures one step before it, so that one
slip gives one finding. The payback period is interpolated within the first
year k whose cumulative is 0 or more::

    payback = (k - 1) + (-cumulative[k-1]) / (cumulative[k] - cumulative[k-1])

It is 0 when year 0's cumulative is already 0 or more, and null (``~``) when the
cumulative never reaches 0 within the case's years.

Road map: items depend on other items (``depends_on``). The list must be in an
order in which every item comes after everything it depends on (a topological
order); a dependency cycle is reported once, naming every item in it, and the
order and timing checks then leave that cycle's own links alone. Quarters are
written ``2026-Q1``; an item starts no earlier than the quarter in which each of
its dependencies ends.
"""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import AfterValidator, Field, StrictFloat, StrictInt, StrictStr
from pydantic_core import PydanticCustomError

from curriculum.validation import Artefact, Check, Exercise, number
from curriculum.validation.fields import NAMES_NOBODY

# --- the vocabulary the rules use ---------------------------------------------------------

#: absolute tolerance for money, in the case's currency
MONEY_TOLERANCE = 1.0
#: absolute tolerance for the payback period, in years (about a week)
PAYBACK_TOLERANCE = 0.02
MIN_VALUATION_WORDS, MAX_VALUATION_WORDS = 8, 80
MAX_YEARS = 21  # year 0 and up to 20 more
#: owners that name nobody who could answer for a benefit
PLACEHOLDER_OWNERS = NAMES_NOBODY | {
    "anyone",
    "it",
    "the it department",
    "it department",
    "business",
    "the business",
    "management",
    "us",
    "we",
    "team",
    "the team",
    "owner",
}

_WORD = re.compile(r"[\w'’-]+")
_QUARTER = re.compile(r"(\d{4})-Q([1-4])")


# --- schema helpers -------------------------------------------------------------------------


def _quarter(value: str) -> str:
    if not _QUARTER.fullmatch(value):
        raise PydanticCustomError(
            "string_pattern_mismatch",
            "wrong form",
            {"hint": "write the year, a hyphen, Q and the quarter, e.g. '2026-Q3'"},
        )
    return value


Text = Annotated[StrictStr, Field(min_length=1, max_length=2000)]
Id = Annotated[StrictStr, Field(min_length=1, max_length=20, pattern=r"^[A-Za-z0-9][A-Za-z0-9-]*$")]
Money = Annotated[StrictFloat, Field(ge=0, le=1e12)]  # whole numbers are accepted too
Signed = Annotated[StrictFloat, Field(ge=-1e13, le=1e13)]
Quarter = Annotated[StrictStr, AfterValidator(_quarter)]


class Cost(Artefact):
    id: Annotated[Id, Field(description="a short id, e.g. C1")]
    item: Annotated[Text, Field(description="what the money is spent on")]
    by_year: Annotated[
        list[Money],
        Field(min_length=1, max_length=MAX_YEARS, description="one amount per year, year 0 first"),
    ]


class Benefit(Artefact):
    id: Annotated[Id, Field(description="a short id, e.g. B1")]
    benefit: Annotated[Text, Field(description="what gets better, in the words of who gains")]
    beneficiary: Annotated[
        Literal["organisation", "individuals"],
        Field(description="organisation or individuals"),
    ]
    who: Annotated[Text, Field(description="which people or part of the organisation gain")]
    owner: Annotated[Text, Field(description="the role that answers for realising it")]
    measure: Annotated[Text, Field(description="exactly what is counted or measured")]
    unit: Annotated[Text, Field(description="the unit of baseline and target")]
    baseline: Annotated[Signed, Field(description="the value now")]
    target: Annotated[Signed, Field(description="the value the case promises")]
    cash_by_year: Annotated[
        list[Money] | None,
        Field(
            default=None,
            max_length=MAX_YEARS,
            description="organisation benefits only: cash per year, year 0 first",
        ),
    ]
    valuation: Annotated[
        StrictStr | None,
        Field(default=None, max_length=2000, description="how the cash figures were worked out"),
    ]


class YearTotal(Artefact):
    year: Annotated[StrictInt, Field(ge=0, le=MAX_YEARS - 1, description="0, 1, 2, ...")]
    costs: Annotated[Signed, Field(description="sum of the cost lines for the year")]
    benefits: Annotated[Signed, Field(description="sum of the cash benefits for the year")]
    net: Annotated[Signed, Field(description="benefits - costs")]
    cumulative: Annotated[Signed, Field(description="previous cumulative + net")]


class RoadmapItem(Artefact):
    id: Annotated[Id, Field(description="a short id, e.g. R1")]
    item: Annotated[Text, Field(description="what will be done")]
    depends_on: Annotated[
        list[Id],
        Field(default_factory=list, max_length=50, description="ids of items that must end first"),
    ]
    start: Annotated[Quarter, Field(description="the quarter it starts, e.g. 2026-Q1")]
    end: Annotated[Quarter, Field(description="the quarter it ends, e.g. 2026-Q2")]
    enables: Annotated[
        list[Id],
        Field(default_factory=list, max_length=50, description="ids of benefits it makes possible"),
    ]


class BenefitsCase(Artefact):
    title: Annotated[Text, Field(description="the improvement the case is for")]
    sponsor: Annotated[Text, Field(description="the role that asks for the money")]
    currency: Annotated[Text, Field(description="e.g. GBP")]
    costs: Annotated[list[Cost], Field(min_length=1, max_length=50, description="cost lines")]
    benefits: Annotated[
        list[Benefit], Field(min_length=1, max_length=50, description="benefits, cash or not")
    ]
    totals: Annotated[
        list[YearTotal],
        Field(min_length=2, max_length=MAX_YEARS, description="one row per year, year 0 first"),
    ]
    payback_years: Annotated[
        StrictFloat | None,
        Field(ge=0, le=100, description="years to payback, interpolated; ~ if none"),
    ]
    roadmap: Annotated[
        list[RoadmapItem], Field(min_length=1, max_length=100, description="the road map")
    ]


exercise = Exercise(schema=BenefitsCase)


# --- helpers ------------------------------------------------------------------------------


def _years_in_order(case: BenefitsCase) -> bool:
    return [t.year for t in case.totals] == list(range(len(case.totals)))


def _lines_fit(case: BenefitsCase) -> bool:
    n = len(case.totals)
    return all(len(c.by_year) == n for c in case.costs) and all(
        b.cash_by_year is None or len(b.cash_by_year) == n for b in case.benefits
    )


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


def _quarter_index(value: str) -> int:
    match = _QUARTER.fullmatch(value)
    assert match is not None  # the schema accepted it
    return int(match.group(1)) * 4 + int(match.group(2)) - 1


def _graph(case: BenefitsCase) -> tuple[dict[str, int], list[list[int]]]:
    """First position of each id, and for each item the positions of its known dependencies."""
    first: dict[str, int] = {}
    for index, item in enumerate(case.roadmap):
        first.setdefault(item.id, index)
    edges = [[first[d] for d in item.depends_on if d in first] for item in case.roadmap]
    return first, edges


def _components(edges: list[list[int]]) -> list[int]:
    """Strongly connected component number of every item (Tarjan, without recursion)."""
    n = len(edges)
    index_of = [-1] * n
    low = [0] * n
    on_stack = [False] * n
    stack: list[int] = []
    comp = [-1] * n
    counter = 0
    found = 0
    for root in range(n):
        if index_of[root] != -1:
            continue
        work = [(root, 0)]
        while work:
            node, child = work[-1]
            if child == 0:
                index_of[node] = low[node] = counter
                counter += 1
                stack.append(node)
                on_stack[node] = True
            if child < len(edges[node]):
                work[-1] = (node, child + 1)
                nxt = edges[node][child]
                if index_of[nxt] == -1:
                    work.append((nxt, 0))
                elif on_stack[nxt]:
                    low[node] = min(low[node], index_of[nxt])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index_of[node]:
                while True:
                    member = stack.pop()
                    on_stack[member] = False
                    comp[member] = found
                    if member == node:
                        break
                found += 1
    return comp


def _cycle_path(start: int, edges: list[list[int]], comp: list[int]) -> list[int]:
    """A shortest cycle through ``start`` inside its component: [start, ..., start]."""
    if start in edges[start]:
        return [start, start]
    previous: dict[int, int] = {}
    queue = [start]
    seen = {start}
    while queue:
        node = queue.pop(0)
        for nxt in edges[node]:
            if comp[nxt] != comp[start]:
                continue
            if nxt == start:
                path = [node]
                while path[-1] != start:
                    path.append(previous[path[-1]])
                return [start, *reversed(path[:-1]), start] if len(path) > 1 else [start, start]
            if nxt not in seen:
                seen.add(nxt)
                previous[nxt] = node
                queue.append(nxt)
    return [start, start]  # pragma: no cover - a component always holds a cycle


def _cyclic(case: BenefitsCase) -> tuple[list[int], list[list[int]], list[bool]]:
    """Components, edges, and whether each item sits on a dependency cycle."""
    _first, edges = _graph(case)
    comp = _components(edges)
    sizes: dict[int, int] = {}
    for c in comp:
        sizes[c] = sizes.get(c, 0) + 1
    on_cycle = [sizes[comp[i]] > 1 or i in edges[i] for i in range(len(edges))]
    return comp, edges, on_cycle


def _an_order(case: BenefitsCase, edges: list[list[int]]) -> list[str] | None:
    """A topological order that keeps the learner's order where it can (None if cyclic)."""
    placed: list[int] = []
    done = [False] * len(edges)
    while len(placed) < len(edges):
        for i in range(len(edges)):
            if not done[i] and all(done[d] for d in edges[i]):
                done[i] = True
                placed.append(i)
                break
        else:
            return None
    return [case.roadmap[i].id for i in placed]


def _money(
    check: Check,
    path: tuple[str | int, ...],
    declared: float,
    expected: float,
    *,
    what: str,
    how: str,
) -> None:
    """Like ``Check.close`` for money, with a message that names the year, not the row."""
    if abs(declared - expected) <= MONEY_TOLERANCE + 1e-9:
        return
    check.fail(
        path,
        f"{what} is {number(declared)}; expected {number(expected)} "
        f"(within {number(MONEY_TOLERANCE)})",
        f"it is computed as {how}",
    )


# --- the rules: identity and benefits --------------------------------------------------------


@exercise.rule(
    "BENEFITS-IDS",
    "Every id (costs, benefits and road map items) is used only once.",
)
def ids(case: BenefitsCase, check: Check) -> None:
    seen: dict[str, str] = {}
    groups: tuple[tuple[str, list[str]], ...] = (
        ("costs", [c.id for c in case.costs]),
        ("benefits", [b.id for b in case.benefits]),
        ("roadmap", [r.id for r in case.roadmap]),
    )
    for name, item_ids in groups:
        for index, item_id in enumerate(item_ids, 1):
            key = item_id.casefold()
            if key in seen:
                check.fail(
                    f"{name}[{index}].id",
                    f"the id '{item_id}' is already used by {seen[key]}",
                    "give every cost, benefit and road map item its own id, e.g. C1, B1, R1",
                )
            else:
                seen[key] = f"{name}[{index}]"


@exercise.rule(
    "BENEFITS-BOTH-SIDES",
    "The case has at least one benefit for the organisation and at least one for "
    "individuals (beneficiary: organisation / individuals).",
)
def both_sides(case: BenefitsCase, check: Check) -> None:
    kinds = {b.beneficiary for b in case.benefits}
    if "organisation" not in kinds:
        check.fail(
            "benefits",
            "no benefit is for the organisation",
            "add what the organisation gains, in its own measures: trucks on time, calls "
            "avoided, money saved",
        )
    if "individuals" not in kinds:
        check.fail(
            "benefits",
            "no benefit is for individuals",
            "add what the people doing the work gain, in their own units: minutes not spent "
            "waiting, pages not received at night, repeat calls not taken",
        )


@exercise.rule(
    "BENEFITS-OWNER",
    "Every benefit's owner names a role that will answer for realising it, not a "
    "placeholder such as 'TBD', 'IT', 'the business', 'everyone' or 'management'.",
)
def owner(case: BenefitsCase, check: Check) -> None:
    for index, benefit in enumerate(case.benefits, 1):
        if benefit.owner.casefold().strip(" .") in PLACEHOLDER_OWNERS:
            check.fail(
                f"benefits[{index}].owner",
                f"'{benefit.owner}' does not say who answers for benefit {benefit.id}",
                "name the role that will track the measure and call it realised or not, "
                "usually on the side that gains: e.g. 'depot operations manager' or "
                "'service desk team lead'",
            )


@exercise.rule(
    "BENEFITS-MEASURE",
    "Every benefit's target differs from its baseline: a benefit is a change you can measure.",
)
def measure(case: BenefitsCase, check: Check) -> None:
    for index, benefit in enumerate(case.benefits, 1):
        if benefit.target == benefit.baseline:
            check.fail(
                f"benefits[{index}].target",
                f"benefit {benefit.id} has the same target as its baseline "
                f"({number(benefit.target)} {benefit.unit})",
                "say what the measure will read once the benefit is realised; if nothing "
                "changes, it is not a benefit",
            )


@exercise.rule(
    "BENEFITS-INDIVIDUAL-CASH",
    "Only benefits for the organisation carry cash_by_year: the cash flow is the "
    "organisation's money. Quantify benefits for individuals in their own units "
    "(minutes, pages, calls) without cash.",
)
def individual_cash(case: BenefitsCase, check: Check) -> None:
    for index, benefit in enumerate(case.benefits, 1):
        if benefit.beneficiary == "individuals" and benefit.cash_by_year is not None:
            check.fail(
                f"benefits[{index}].cash_by_year",
                f"benefit {benefit.id} is for individuals but carries cash",
                "remove cash_by_year from it; if the organisation also saves money from the "
                "same change, list that once, as an organisation benefit with its valuation",
            )


@exercise.rule(
    "BENEFITS-VALUATION",
    f"Every benefit with cash_by_year has a valuation of {MIN_VALUATION_WORDS} to "
    f"{MAX_VALUATION_WORDS} words saying how the figures were worked out.",
)
def valuation(case: BenefitsCase, check: Check) -> None:
    for index, benefit in enumerate(case.benefits, 1):
        if benefit.cash_by_year is None:
            continue
        words = len(_WORD.findall(benefit.valuation or ""))
        if MIN_VALUATION_WORDS <= words <= MAX_VALUATION_WORDS:
            continue
        check.fail(
            f"benefits[{index}].valuation",
            f"the valuation of benefit {benefit.id} has {words} words; it needs "
            f"{MIN_VALUATION_WORDS} to {MAX_VALUATION_WORDS}",
            "show the sum: quantity x price, where each comes from, and how fast the benefit "
            "builds up"
            if words < MIN_VALUATION_WORDS
            else "keep to the sum and its sources; put the story in the benefit's text",
        )


# --- the rules: cash flow ------------------------------------------------------------------


@exercise.rule(
    "BENEFITS-YEARS",
    "totals lists years 0, 1, 2, ... in order, starting at year 0 (money spent up front); "
    "every cost's by_year and every cash_by_year has one amount per row of totals.",
)
def years(case: BenefitsCase, check: Check) -> None:
    n = len(case.totals)
    for index, row in enumerate(case.totals):
        if row.year != index:
            check.fail(
                ("totals", index, "year"),
                f"totals[{index + 1}] is year {row.year}; expected year {index}",
                "list one row per year, year 0 first, then 1, 2, 3 ... with none missing",
            )
            break
    for index, cost in enumerate(case.costs, 1):
        if len(cost.by_year) != n:
            check.fail(
                f"costs[{index}].by_year",
                f"cost {cost.id} has {len(cost.by_year)} amounts; totals has {n} years",
                f"give one amount per year, year 0 first ({n} amounts); write 0 for a year "
                "with no spending",
            )
    for index, benefit in enumerate(case.benefits, 1):
        if benefit.cash_by_year is not None and len(benefit.cash_by_year) != n:
            check.fail(
                f"benefits[{index}].cash_by_year",
                f"benefit {benefit.id} has {len(benefit.cash_by_year)} amounts; totals has "
                f"{n} years",
                f"give one amount per year, year 0 first ({n} amounts); write 0 for a year "
                "with no cash",
            )


@exercise.rule(
    "BENEFITS-YEAR-TOTALS",
    f"Each year's costs and benefits equal the sums of the cost lines (by_year) and of the "
    f"cash benefits (cash_by_year) for that year, within {number(MONEY_TOLERANCE)}. "
    "Checked once BENEFITS-YEARS is satisfied.",
)
def year_totals(case: BenefitsCase, check: Check) -> None:
    if not (_years_in_order(case) and _lines_fit(case)):
        return  # reported by BENEFITS-YEARS
    cash = [b for b in case.benefits if b.cash_by_year is not None]
    for y, row in enumerate(case.totals):
        parts = [c.by_year[y] for c in case.costs]
        _money(
            check,
            ("totals", y, "costs"),
            row.costs,
            sum(parts),
            what=f"the total of year {y}'s costs",
            how=f"the sum of year {y} over the cost lines: "
            + " + ".join(f"{c.id} {number(c.by_year[y])}" for c in case.costs),
        )
        _money(
            check,
            ("totals", y, "benefits"),
            row.benefits,
            sum(b.cash_by_year[y] for b in cash if b.cash_by_year is not None),
            what=f"the total of year {y}'s cash benefits",
            how=f"the sum of year {y} over the cash benefits: "
            + (
                " + ".join(f"{b.id} {number(b.cash_by_year[y])}" for b in cash if b.cash_by_year)
                or "none has cash, so 0"
            ),
        )


@exercise.rule(
    "BENEFITS-NET",
    f"Each year's net equals that year's benefits minus its costs, within "
    f"{number(MONEY_TOLERANCE)}.",
)
def net(case: BenefitsCase, check: Check) -> None:
    for y, row in enumerate(case.totals):
        _money(
            check,
            ("totals", y, "net"),
            row.net,
            row.benefits - row.costs,
            what=f"year {row.year}'s net",
            how=f"benefits {number(row.benefits)} - costs {number(row.costs)} for year {row.year}",
        )


@exercise.rule(
    "BENEFITS-CUMULATIVE",
    "Year 0's cumulative equals its net; each later year's cumulative equals the year "
    f"before's cumulative plus this year's net, within {number(MONEY_TOLERANCE)}. Checked "
    "once the years are in order.",
)
def cumulative(case: BenefitsCase, check: Check) -> None:
    if not _years_in_order(case):
        return  # reported by BENEFITS-YEARS
    previous = 0.0
    for y, row in enumerate(case.totals):
        _money(
            check,
            ("totals", y, "cumulative"),
            row.cumulative,
            previous + row.net,
            what=f"year {y}'s cumulative",
            how=f"year {y}'s net {number(row.net)}"
            if y == 0
            else f"year {y - 1}'s cumulative {number(previous)} + year {y}'s net {number(row.net)}",
        )
        previous = row.cumulative


@exercise.rule(
    "BENEFITS-PAYBACK",
    "payback_years is when the cumulative cash flow first reaches 0, interpolated within "
    "that year: (k - 1) + (-cumulative of year k-1) / (cumulative of year k - cumulative of "
    "year k-1), where k is the first year whose cumulative is 0 or more, using your own "
    "cumulative figures; 0 if year 0's cumulative is already 0 or more; ~ (null) if it "
    f"never reaches 0 within the case's years. Within {PAYBACK_TOLERANCE} years. Checked "
    "once the years are in order.",
)
def payback_rule(case: BenefitsCase, check: Check) -> None:
    if not _years_in_order(case):
        return  # reported by BENEFITS-YEARS
    series = [row.cumulative for row in case.totals]
    expected = payback(series)
    declared = case.payback_years
    if expected is None:
        if declared is not None:
            check.fail(
                "payback_years",
                f"payback_years is {number(declared)}, but the cumulative cash flow is still "
                f"below 0 in year {len(series) - 1} ({number(series[-1])})",
                "write payback_years: ~ (the case does not pay back within its years), or "
                "add years if the benefits really continue",
            )
        return
    k = next(i for i, value in enumerate(series) if value >= 0)
    how = (
        f"year 0's cumulative ({number(series[0])}) is already 0 or more, so 0"
        if k == 0
        else f"{k - 1} + {number(-series[k - 1])} / ({number(series[k])} - "
        f"({number(series[k - 1])})): year {k} is the first whose cumulative is 0 or more"
    )
    if declared is None:
        check.fail(
            "payback_years",
            f"payback_years is ~ (none), but the cumulative cash flow reaches 0 in year {k}; "
            f"expected {number(round(expected, 2))}",
            f"it is computed as {how}",
        )
        return
    check.close("payback_years", declared, expected, tolerance=PAYBACK_TOLERANCE, how=how)


# --- the rules: road map --------------------------------------------------------------------


@exercise.rule(
    "BENEFITS-ROADMAP-LINKS",
    "Every id in a road map item's depends_on is the id of another road map item.",
)
def roadmap_links(case: BenefitsCase, check: Check) -> None:
    known = {item.id for item in case.roadmap}
    listed = ", ".join(item.id for item in case.roadmap)
    for index, item in enumerate(case.roadmap, 1):
        for position, dep in enumerate(item.depends_on, 1):
            if dep not in known:
                check.fail(
                    f"roadmap[{index}].depends_on[{position}]",
                    f"{item.id} depends on '{dep}', which is not a road map item",
                    f"use the id of a road map item ({listed}), or add the missing item",
                )


@exercise.rule(
    "BENEFITS-ROADMAP-CYCLE",
    "The road map's dependencies contain no cycle (an item that, through its "
    "dependencies, depends on itself): each cycle is reported once, naming every item "
    "in it.",
)
def roadmap_cycle(case: BenefitsCase, check: Check) -> None:
    comp, edges, on_cycle = _cyclic(case)
    reported: set[int] = set()
    for index, item in enumerate(case.roadmap):
        if not on_cycle[index] or comp[index] in reported:
            continue
        reported.add(comp[index])
        path = _cycle_path(index, edges, comp)
        names = [case.roadmap[i].id for i in path]
        if len(path) == 2:
            message = f"{item.id} depends on itself"
        else:
            steps = ", ".join(f"{names[i]} on {names[i + 1]}" for i in range(1, len(names) - 1))
            message = (
                f"the dependencies form a cycle: {' -> '.join(names)} ({names[0]} depends on "
                f"{names[1]}, {steps}), so none of them can start first"
            )
        members = [case.roadmap[i].id for i in range(len(comp)) if comp[i] == comp[index]]
        if len(members) > len(set(names)):
            message += f"; items caught in the same knot: {', '.join(members)}"
        check.fail(
            f"roadmap[{index + 1}].depends_on",
            message,
            "break the cycle: ask which link is not a real 'must finish first', or split one "
            "item into a first step and a later step",
        )


@exercise.rule(
    "BENEFITS-ROADMAP-ORDER",
    "The road map is in dependency order: every item comes after each item it depends on "
    "(a topological order). Links inside a dependency cycle are left to "
    "BENEFITS-ROADMAP-CYCLE.",
)
def roadmap_order(case: BenefitsCase, check: Check) -> None:
    first, _edges = _graph(case)
    comp, edges, on_cycle = _cyclic(case)
    suggestion = None if any(on_cycle) else _an_order(case, edges)
    for index, item in enumerate(case.roadmap):
        for position, dep in enumerate(item.depends_on, 1):
            where = first.get(dep)
            if where is None or comp[where] == comp[index] or where < index:
                continue
            hint = f"move {dep} above {item.id}"
            if suggestion:
                hint += f"; one order that works: {', '.join(suggestion)}"
            check.fail(
                f"roadmap[{index + 1}].depends_on[{position}]",
                f"{item.id} is listed before {dep}, which it depends on",
                hint,
            )


@exercise.rule(
    "BENEFITS-ROADMAP-TIMING",
    "Every road map item ends in the same quarter as it starts or later, and starts no "
    "earlier than the quarter in which each item it depends on ends. Links inside a "
    "dependency cycle are left to BENEFITS-ROADMAP-CYCLE.",
)
def roadmap_timing(case: BenefitsCase, check: Check) -> None:
    first, _edges = _graph(case)
    comp, _edges2, _on_cycle = _cyclic(case)
    for index, item in enumerate(case.roadmap):
        start, end = _quarter_index(item.start), _quarter_index(item.end)
        if end < start:
            check.fail(
                f"roadmap[{index + 1}].end",
                f"{item.id} ends in {item.end}, before it starts ({item.start})",
                "check the start and end quarters; an item that takes one quarter starts "
                "and ends in the same quarter",
            )
        for dep in item.depends_on:
            where = first.get(dep)
            if where is None or comp[where] == comp[index]:
                continue
            before = case.roadmap[where]
            if start < _quarter_index(before.end):
                check.fail(
                    f"roadmap[{index + 1}].start",
                    f"{item.id} starts in {item.start}, before {dep}, which it depends on, "
                    f"ends ({before.end})",
                    f"start {item.id} in {before.end} or later, or bring {dep} forward",
                )


@exercise.rule(
    "BENEFITS-ROADMAP-BENEFITS",
    "Every id in a road map item's enables is a benefit, and every benefit is enabled by "
    "at least one road map item.",
)
def roadmap_benefits(case: BenefitsCase, check: Check) -> None:
    benefit_ids = [b.id for b in case.benefits]
    listed = ", ".join(benefit_ids)
    enabled: set[str] = set()
    for index, item in enumerate(case.roadmap, 1):
        for position, ref in enumerate(item.enables, 1):
            if ref in benefit_ids:
                enabled.add(ref)
            else:
                check.fail(
                    f"roadmap[{index}].enables[{position}]",
                    f"{item.id} enables '{ref}', which is not a benefit in this case",
                    f"use the id of a benefit ({listed})",
                )
    for index, benefit in enumerate(case.benefits, 1):
        if benefit.id not in enabled:
            check.fail(
                f"benefits[{index}].id",
                f"no road map item enables benefit {benefit.id}",
                "add its id to the enables list of the item that makes it possible; a "
                "benefit nothing on the road map delivers will not arrive",
            )
