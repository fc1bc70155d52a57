"""Checks a benefits case with its cash flow, payback and road map (module lead-04).

The case is the learner's own: Brightwater's load-out scanning programme, as in
the template, or an improvement from their own work. When it is Brightwater's
(a marker word from ``case.yaml`` in the title or a cost line), the figures the
template gives (Ben Carter's cost lines and cash benefits, the 2025 baselines,
the road map's dependencies and durations) are checked against ``case.yaml``.

Benefits: at least one for the organisation and one for individuals, each with
an owner on the side that gains, a measure of behaviour or experience (not of
the programme's outputs, such as sign-offs or people trained) and a baseline
different from its target. Cash is the organisation's money: only organisation
benefits carry cash, people's time is not cash unless it releases money, and
every cash figure shows its sum.

Cash flow: year 0 is the money spent up front; within a year money flows
evenly. Each figure is checked against the learner's own figures one step
before it, so that one slip gives one finding. The payback period is
interpolated within the first year k whose cumulative is 0 or more::

    payback = (k - 1) + (-cumulative[k-1]) / (cumulative[k] - cumulative[k-1])

Road map: the list is in an order in which every item comes after everything it
depends on; a dependency cycle is reported once, naming every item in it, and the
order and timing checks then leave that cycle's own links alone.
"""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, Field, StrictFloat, StrictInt, StrictStr
from pydantic_core import PydanticCustomError

from curriculum.validation import Artefact, Check, Exercise, number
from curriculum.validation.toolkit import listed, load_case, names_nobody, normal, plural

CASE: dict[str, Any] = load_case()

MONEY_TOLERANCE = 1.0  # in the case's currency
PAYBACK_TOLERANCE = 0.02  # years, about a week
MAX_YEARS = 21  # year 0 and up to 20 more
#: owners that name nobody who could answer for a benefit, beyond the toolkit's own
NOBODY = ["anyone", "it", "the it department", "it department", "business", "the business"]
NOBODY += ["management", "us", "we", "team", "the team", "owner"]
#: owners whose job ends with the programme, not on the side that gains
PROJECT_ROLE = re.compile(r"\b(project|programme manager|program manager|pmo)\b", re.I)
#: a measure that counts the programme's outputs, not what people do or live with
OUTPUTS = {
    "sign-offs": r"\bsign(ed|s|ing)?[\s-]*offs?\b|\bsignoffs?\b",
    "people trained or attending": r"\btrained\b|\battend\w*\b.*\b(training|courses?|"
    r"workshops?|sessions?|briefings?)\b|\b(training|courses?|workshops?|sessions?)\b.*\battend|"
    r"\btraining (completed|done|sessions?)\b|\bcompleted (the )?(training|courses?)\b",
    "sessions held": r"\b(workshops?|courses?|sessions?|meetings?) (held|run|delivered)\b",
    "things installed": r"\b(installed|deployed|rolled out|went live|go[- ]live)\b",
}
#: a measure of people's time, and words that show the time releases money
TIME_UNIT = re.compile(r"\b(minutes?|mins?|hours?|hrs?|days?)\b", re.I)
PEOPLE_TIME = re.compile(
    r"\b(spen[dt]|spending|wait\w*|saved|time|drivers?|analysts?|engineers?|staff|people)\b",
    re.I,
)
RELEASED = re.compile(
    r"\b(agency|overtime|contractors?|temps?|temporary|hire|hiring|bought|invoices?)\b", re.I
)
_QUARTER = re.compile(r"(\d{4})-Q([1-4])")
_FIGURE = re.compile(r"\d[\d,.]*")


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
        Literal["organisation", "individuals"], Field(description="organisation or individuals")
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


def _is_the_case(case: BenefitsCase) -> bool:
    """Whether the learner kept Brightwater's programme (not an improvement of their own)."""
    text = normal(" ".join([case.title, *(c.item for c in case.costs)]))
    return any(normal(m) in text for m in CASE["markers"])


def _years_in_order(case: BenefitsCase) -> bool:
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


def _quarter_index(value: str) -> int:
    match = _QUARTER.fullmatch(value)
    assert match is not None  # the schema accepted it
    return int(match.group(1)) * 4 + int(match.group(2)) - 1


def _graph(case: BenefitsCase) -> tuple[dict[str, int], list[list[int]], list[set[int]]]:
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


def _knotted(reach: list[set[int]], a: int, b: int) -> bool:
    """Whether items a and b sit on one dependency cycle (each reaches the other)."""
    return b in reach[a] and a in reach[b] if a != b else a in reach[a]


def _cycle_path(start: int, edges: list[list[int]], reach: list[set[int]]) -> list[int]:
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
            if nxt not in seen and _knotted(reach, start, nxt):
                seen.add(nxt)
                previous[nxt] = node
                queue.append(nxt)
    return [start, start]  # pragma: no cover - an item on a cycle always has one


def _an_order(case: BenefitsCase, edges: list[list[int]]) -> list[str] | None:
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


def _amounts(values: list[float]) -> str:
    return "[" + ", ".join(number(v) for v in values) + "]"


def _about(text: str, groups: list[list[str]]) -> bool:
    """Whether ``text`` names one word of every group (a word may go on: page, pages)."""
    return all(any(re.search(r"\b" + re.escape(w), text, re.I) for w in g) for g in groups)


# --- the rules: identity and benefits --------------------------------------------------------


@exercise.rule("BENEFITS-IDS", "Every id (costs, benefits and road map items) is used only once.")
def ids(case: BenefitsCase, check: Check) -> None:
    seen: dict[str, str] = {}
    groups = (
        ("costs", [c.id for c in case.costs]),
        ("benefits", [b.id for b in case.benefits]),
        ("roadmap", [r.id for r in case.roadmap]),
    )
    for name, item_ids in groups:
        for index, item_id in enumerate(item_ids):
            key = item_id.casefold()
            if key in seen:
                check.fail(
                    (name, index, "id"),
                    f"the id '{item_id}' is already used by {seen[key]}",
                    "give every cost, benefit and road map item its own id, e.g. C1, B1, R1",
                )
            else:
                seen[key] = f"{name}[{index + 1}]"


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
    "Every benefit's owner names a role on the side that gains, who could say whether the "
    "benefit arrived: not a placeholder ('TBD', 'IT', 'the business', 'everyone') and not "
    "a project or programme role, whose job ends with the programme.",
)
def owner(case: BenefitsCase, check: Check) -> None:
    for index, benefit in enumerate(case.benefits):
        if names_nobody(benefit.owner, NOBODY):
            check.fail(
                ("benefits", index, "owner"),
                f"'{benefit.owner}' does not say who answers for benefit {benefit.id}",
                "name the role that will track the measure and call it realised or not, "
                "usually on the side that gains: e.g. 'depot operations manager' or "
                "'service desk team lead'",
            )
        elif PROJECT_ROLE.search(benefit.owner):
            check.fail(
                ("benefits", index, "owner"),
                f"benefit {benefit.id} is owned by '{benefit.owner}', a role that ends with "
                "the programme",
                f"give it to the role on the side that gains ({benefit.who}), who will still "
                "be there to say whether the benefit arrived",
            )


@exercise.rule(
    "BENEFITS-MEASURE",
    "Every benefit's target differs from its baseline: a benefit is a change you can measure.",
)
def measure(case: BenefitsCase, check: Check) -> None:
    for index, benefit in enumerate(case.benefits):
        if benefit.target == benefit.baseline:
            check.fail(
                ("benefits", index, "target"),
                f"benefit {benefit.id} has the same target as its baseline "
                f"({number(benefit.target)} {benefit.unit})",
                "say what the measure will read once the benefit is realised; if nothing "
                "changes, it is not a benefit",
            )


@exercise.rule(
    "BENEFITS-MEASURE-OUTCOME",
    "No benefit's measure counts an output of the programme (sign-offs, people trained, "
    "sessions held, things installed): a benefit is measured in what people do or live with.",
)
def measure_outcome(case: BenefitsCase, check: Check) -> None:
    for index, benefit in enumerate(case.benefits):
        found = [
            what for what, pattern in OUTPUTS.items() if re.search(pattern, benefit.measure, re.I)
        ]
        if found:
            check.fail(
                ("benefits", index, "measure"),
                f"the measure of benefit {benefit.id} counts {listed(found)}, which the "
                "programme delivers, not what changes for the people who gain",
                f"measure what {benefit.who} do or live with once it works, e.g. minutes "
                "waited, repeat calls taken, pages received at night",
            )


@exercise.rule(
    "BENEFITS-INDIVIDUAL-CASH",
    "Only benefits for the organisation carry cash_by_year: the cash flow is the "
    "organisation's money. Quantify benefits for individuals in their own units "
    "(minutes, pages, calls) without cash.",
)
def individual_cash(case: BenefitsCase, check: Check) -> None:
    for index, benefit in enumerate(case.benefits):
        if benefit.beneficiary == "individuals" and benefit.cash_by_year is not None:
            check.fail(
                ("benefits", index, "cash_by_year"),
                f"benefit {benefit.id} is for individuals but carries cash",
                "remove cash_by_year from it; if the organisation also saves money from the "
                "same change, list that once, as an organisation benefit with its valuation",
            )


@exercise.rule(
    "BENEFITS-TIME-AS-CASH",
    "A cash benefit measured in people's time (minutes, hours or days spent or waited) "
    "says what money that time releases: agency cover, overtime, contractors. Time that "
    "releases no money is a benefit for individuals, not cash.",
)
def time_as_cash(case: BenefitsCase, check: Check) -> None:
    for index, benefit in enumerate(case.benefits):
        if benefit.beneficiary != "organisation" or benefit.cash_by_year is None:
            continue
        timed = TIME_UNIT.search(f"{benefit.unit} {benefit.measure}")
        said = f"{benefit.measure} {benefit.benefit} {benefit.valuation or ''}"
        if timed and PEOPLE_TIME.search(benefit.measure) and not RELEASED.search(said):
            check.fail(
                ("benefits", index, "cash_by_year"),
                f"benefit {benefit.id} turns people's time ({benefit.unit}) into cash, but "
                "says no money is released by it",
                "time is not cash unless it stops a payment (agency cover, overtime): name "
                "that payment in the valuation, or remove cash_by_year and keep the time as a "
                "benefit for the people who gain it",
            )


@exercise.rule(
    "BENEFITS-VALUATION",
    "Every benefit with cash_by_year has a valuation that shows its sum: at least two "
    "figures, such as a quantity and a price.",
)
def valuation(case: BenefitsCase, check: Check) -> None:
    for index, benefit in enumerate(case.benefits):
        if benefit.cash_by_year is None:
            continue
        figures = _FIGURE.findall(benefit.valuation or "")
        if len(figures) < 2:
            check.fail(
                ("benefits", index, "valuation"),
                f"the valuation of benefit {benefit.id} does not show how its cash was worked "
                "out" + (f" (it gives only {figures[0]})" if figures else ""),
                "show the sum: how many, times how much each (e.g. '360 swaps a year x 110 "
                "pounds'), and how fast the benefit builds up",
            )


@exercise.rule(
    "BENEFITS-CASE-FIGURES",
    "For Brightwater's programme: the template's cost lines keep their amounts, no cash "
    "benefit is raised above the template's figures, and a benefit measured like one of "
    "the 2025 figures in the same unit starts from that figure.",
)
def case_figures(case: BenefitsCase, check: Check) -> None:
    if not _is_the_case(case):
        return
    costs = {c.id: (i, c) for i, c in enumerate(case.costs)}
    held = [c.by_year for c in case.costs]
    for cid, amounts in CASE["costs"].items():
        if cid in costs and costs[cid][1].by_year != amounts:
            check.fail(
                ("costs", costs[cid][0], "by_year"),
                f"cost {cid} is {_amounts(costs[cid][1].by_year)}; the template gives "
                f"{_amounts(amounts)}",
                "keep the template's cost figures; if you doubt one, say so in a comment",
            )
        elif cid not in costs and amounts not in held:
            check.fail(
                "costs",
                f"cost line {cid} {_amounts(amounts)} from the template is missing",
                "keep every cost line of the template: leaving a cost out makes the case "
                "look better than it is",
            )
    for index, benefit in enumerate(case.benefits):
        given = CASE["cash"].get(benefit.id)
        mine = benefit.cash_by_year
        if (
            given
            and mine
            and len(mine) == len(given)
            and any(m > g for m, g in zip(mine, given, strict=True))
        ):
            check.fail(
                ("benefits", index, "cash_by_year"),
                f"benefit {benefit.id}'s cash {_amounts(mine)} is above the template's "
                f"{_amounts(given)}",
                "lower the figures if you think them optimistic, but do not raise them "
                "without new evidence in the valuation",
            )
        for figure in CASE["figures"]:
            if (
                _about(benefit.measure, figure["about"])
                and re.fullmatch(figure["unit"], normal(benefit.unit))
                and benefit.baseline != figure["baseline"]
            ):
                check.fail(
                    ("benefits", index, "baseline"),
                    f"benefit {benefit.id} starts from {number(benefit.baseline)} "
                    f"{benefit.unit}, but the 2025 figure is {figure['says']}",
                    f"use {number(figure['baseline'])} as the baseline: it is what the "
                    "people who gain measured in 2025",
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
            break  # one slip shifts every later row: the first is the one to fix
    lines = [("costs", i, "by_year", c.id, c.by_year, "spending") for i, c in enumerate(case.costs)]
    lines += [
        ("benefits", i, "cash_by_year", b.id, b.cash_by_year, "cash")
        for i, b in enumerate(case.benefits)
        if b.cash_by_year is not None
    ]
    for group, index, name, item_id, amounts, what in lines:
        if len(amounts) != n:
            check.fail(
                (group, index, name),
                f"{item_id} has {plural(len(amounts), 'amount')}; totals has {n} years",
                f"give one amount per year, year 0 first ({n} amounts); write 0 for a year "
                f"with no {what}",
            )


@exercise.rule(
    "BENEFITS-YEAR-TOTALS",
    f"Each year's costs and benefits equal the sums of the cost lines (by_year) and of the "
    f"cash benefits (cash_by_year) for that year, within {number(MONEY_TOLERANCE)}. Each "
    "side is checked once its lines have one amount per year.",
)
def year_totals(case: BenefitsCase, check: Check) -> None:
    if not _years_in_order(case):
        return  # reported by BENEFITS-YEARS
    n = len(case.totals)
    cash = [(b.id, b.cash_by_year) for b in case.benefits if b.cash_by_year is not None]
    sides = [
        ("costs", "costs", [(c.id, c.by_year) for c in case.costs]),
        ("benefits", "cash benefits", cash),
    ]
    for name, what, lines in sides:
        if any(len(amounts) != n for _id, amounts in lines):
            continue  # reported by BENEFITS-YEARS
        for y, row in enumerate(case.totals):
            parts = " + ".join(f"{i} {number(a[y])}" for i, a in lines) or "none, so 0"
            _money(
                check,
                ("totals", y, name),
                getattr(row, name),
                sum(a[y] for _i, a in lines),
                what=f"the total of year {y}'s {what}",
                how=f"the sum of year {y} over the {what}: {parts}",
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
    known = [item.id for item in case.roadmap]
    for index, item in enumerate(case.roadmap):
        for position, dep in enumerate(item.depends_on):
            if dep not in known:
                check.fail(
                    ("roadmap", index, "depends_on", position),
                    f"{item.id} depends on '{dep}', which is not a road map item",
                    f"use the id of a road map item ({', '.join(known)}), or add the missing item",
                )


@exercise.rule(
    "BENEFITS-ROADMAP-CYCLE",
    "The road map's dependencies contain no cycle (an item that, through its "
    "dependencies, depends on itself): each cycle is reported once, naming every item "
    "in it.",
)
def roadmap_cycle(case: BenefitsCase, check: Check) -> None:
    _first, edges, reach = _graph(case)
    reported: set[int] = set()
    for index, item in enumerate(case.roadmap):
        if index not in reach[index] or index in reported:
            continue
        members = [i for i in range(len(edges)) if _knotted(reach, index, i)]
        reported.update(members)
        names = [case.roadmap[i].id for i in _cycle_path(index, edges, reach)]
        if len(names) == 2:
            message = f"{item.id} depends on itself"
        else:
            steps = ", ".join(f"{names[i]} on {names[i + 1]}" for i in range(1, len(names) - 1))
            message = (
                f"the dependencies form a cycle: {' -> '.join(names)} ({names[0]} depends on "
                f"{names[1]}, {steps}), so none of them can start first"
            )
        if len(members) > len(set(names)):
            message += "; items caught in the same knot: " + ", ".join(
                case.roadmap[i].id for i in members
            )
        check.fail(
            ("roadmap", index, "depends_on"),
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
    first, edges, reach = _graph(case)
    cyclic = any(i in reach[i] for i in range(len(edges)))
    suggestion = None if cyclic else _an_order(case, edges)
    for index, item in enumerate(case.roadmap):
        for position, dep in enumerate(item.depends_on):
            where = first.get(dep)
            if where is None or where < index or _knotted(reach, where, index):
                continue
            hint = f"move {dep} above {item.id}"
            if suggestion:
                hint += f"; one order that works: {', '.join(suggestion)}"
            check.fail(
                ("roadmap", index, "depends_on", position),
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
    first, _edges, reach = _graph(case)
    for index, item in enumerate(case.roadmap):
        start, end = _quarter_index(item.start), _quarter_index(item.end)
        if end < start:
            check.fail(
                ("roadmap", index, "end"),
                f"{item.id} ends in {item.end}, before it starts ({item.start})",
                "check the start and end quarters; an item that takes one quarter starts "
                "and ends in the same quarter",
            )
        for dep in item.depends_on:
            where = first.get(dep)
            if where is None or _knotted(reach, where, index):
                continue
            before = case.roadmap[where]
            if start < _quarter_index(before.end):
                check.fail(
                    ("roadmap", index, "start"),
                    f"{item.id} starts in {item.start}, before {dep}, which it depends on, "
                    f"ends ({before.end})",
                    f"start {item.id} in {before.end} or later, or bring {dep} forward",
                )


@exercise.rule(
    "BENEFITS-CASE-ROADMAP",
    "For Brightwater's programme: each road map item keeps the dependencies the template "
    "gives it, takes at least as many quarters as the template says, and starts no "
    "earlier than the template allows.",
)
def case_roadmap(case: BenefitsCase, check: Check) -> None:
    if not _is_the_case(case):
        return
    for index, item in enumerate(case.roadmap):
        given = CASE["roadmap"].get(item.id)
        if given is None:
            continue
        dropped = [d for d in given["needs"] if d not in item.depends_on]
        if dropped:
            check.fail(
                ("roadmap", index, "depends_on"),
                f"{item.id} no longer depends on {listed(dropped)}, which the template says "
                "it needs",
                f"put {listed(dropped)} back in depends_on and move the quarters instead",
            )
        took = _quarter_index(item.end) - _quarter_index(item.start) + 1
        if 0 < took < given["quarters"]:
            check.fail(
                ("roadmap", index, "end"),
                f"{item.id} takes {plural(took, 'quarter')} ({item.start} to {item.end}); the "
                f"template says it takes {plural(given['quarters'], 'quarter')}",
                "keep the durations you were given: a plan shorter than the work makes the "
                "benefits look earlier than they will come",
            )
        earliest = given.get("earliest")
        if earliest and _quarter_index(item.start) < _quarter_index(earliest):
            check.fail(
                ("roadmap", index, "start"),
                f"{item.id} starts in {item.start}; the template says {earliest} at the earliest",
                f"start {item.id} in {earliest} or later",
            )


@exercise.rule(
    "BENEFITS-ROADMAP-BENEFITS",
    "Every id in a road map item's enables is a benefit, and every benefit is enabled by "
    "at least one road map item.",
)
def roadmap_benefits(case: BenefitsCase, check: Check) -> None:
    benefit_ids = [b.id for b in case.benefits]
    enabled: set[str] = set()
    for index, item in enumerate(case.roadmap):
        for position, ref in enumerate(item.enables):
            if ref in benefit_ids:
                enabled.add(ref)
            else:
                check.fail(
                    ("roadmap", index, "enables", position),
                    f"{item.id} enables '{ref}', which is not a benefit in this case",
                    f"use the id of a benefit ({', '.join(benefit_ids)})",
                )
    for index, benefit in enumerate(case.benefits):
        if benefit.id not in enabled:
            check.fail(
                ("benefits", index, "id"),
                f"no road map item enables benefit {benefit.id}",
                "add its id to the enables list of the item that makes it possible; a "
                "benefit nothing on the road map delivers will not arrive",
            )
