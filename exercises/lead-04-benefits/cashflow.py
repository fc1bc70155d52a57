"""The cash-flow rules of a benefits case (module lead-04): years, totals, net, cumulative
and payback. ``validator.py`` registers them after its own rules, in this order."""

from __future__ import annotations

from curriculum.validation import Check, Rules, number
from curriculum.validation.toolkit import plural

from .analysis import payback, years_in_order
from .schema import BenefitsCase

MONEY_TOLERANCE = 1.0  # in the case's currency
PAYBACK_TOLERANCE = 0.02  # years, about a week

rules: Rules[BenefitsCase] = Rules()


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


@rules.rule(
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


@rules.rule(
    "BENEFITS-YEAR-TOTALS",
    f"Each year's costs and benefits equal the sums of the cost lines (by_year) and of the "
    f"cash benefits (cash_by_year) for that year, within {number(MONEY_TOLERANCE)}. Each "
    "side is checked once its lines have one amount per year.",
)
def year_totals(case: BenefitsCase, check: Check) -> None:
    if not years_in_order(case):
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


@rules.rule(
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


@rules.rule(
    "BENEFITS-CUMULATIVE",
    "Year 0's cumulative equals its net; each later year's cumulative equals the year "
    f"before's cumulative plus this year's net, within {number(MONEY_TOLERANCE)}. Checked "
    "once the years are in order.",
)
def cumulative(case: BenefitsCase, check: Check) -> None:
    if not years_in_order(case):
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


@rules.rule(
    "BENEFITS-PAYBACK",
    "payback_years is when the cumulative cash flow first reaches 0, interpolated within "
    "that year: (k - 1) + (-cumulative of year k-1) / (cumulative of year k - cumulative of "
    "year k-1), where k is the first year whose cumulative is 0 or more, using your own "
    "cumulative figures; 0 if year 0's cumulative is already 0 or more; ~ (null) if it "
    f"never reaches 0 within the case's years. Within {PAYBACK_TOLERANCE} years. Checked "
    "once the years are in order.",
)
def payback_rule(case: BenefitsCase, check: Check) -> None:
    if not years_in_order(case):
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
