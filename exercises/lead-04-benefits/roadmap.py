"""The road-map rules of a benefits case (module lead-04): links, cycles, order, timing, the
case's road map and the benefits each item enables. ``validator.py`` registers them after
the cash-flow rules, in this order."""

from __future__ import annotations

from curriculum.validation import Check, Rules
from curriculum.validation.toolkit import listed, plural

from .analysis import CASE, an_order, cycle_path, graph, is_the_case, knotted, quarter_index
from .schema import BenefitsCase

rules: Rules[BenefitsCase] = Rules()


@rules.rule(
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


@rules.rule(
    "BENEFITS-ROADMAP-CYCLE",
    "The road map's dependencies contain no cycle (an item that, through its "
    "dependencies, depends on itself): each cycle is reported once, naming every item "
    "in it.",
)
def roadmap_cycle(case: BenefitsCase, check: Check) -> None:
    _first, edges, reach = graph(case)
    reported: set[int] = set()
    for index, item in enumerate(case.roadmap):
        if index not in reach[index] or index in reported:
            continue
        members = [i for i in range(len(edges)) if knotted(reach, index, i)]
        reported.update(members)
        names = [case.roadmap[i].id for i in cycle_path(index, edges, reach)]
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


@rules.rule(
    "BENEFITS-ROADMAP-ORDER",
    "The road map is in dependency order: every item comes after each item it depends on "
    "(a topological order). Links inside a dependency cycle are left to "
    "BENEFITS-ROADMAP-CYCLE.",
)
def roadmap_order(case: BenefitsCase, check: Check) -> None:
    first, edges, reach = graph(case)
    cyclic = any(i in reach[i] for i in range(len(edges)))
    suggestion = None if cyclic else an_order(case, edges)
    for index, item in enumerate(case.roadmap):
        for position, dep in enumerate(item.depends_on):
            where = first.get(dep)
            if where is None or where < index or knotted(reach, where, index):
                continue
            hint = f"move {dep} above {item.id}"
            if suggestion:
                hint += f"; one order that works: {', '.join(suggestion)}"
            check.fail(
                ("roadmap", index, "depends_on", position),
                f"{item.id} is listed before {dep}, which it depends on",
                hint,
            )


@rules.rule(
    "BENEFITS-ROADMAP-TIMING",
    "Every road map item ends in the same quarter as it starts or later, and starts no "
    "earlier than the quarter in which each item it depends on ends. Links inside a "
    "dependency cycle are left to BENEFITS-ROADMAP-CYCLE.",
)
def roadmap_timing(case: BenefitsCase, check: Check) -> None:
    first, _edges, reach = graph(case)
    for index, item in enumerate(case.roadmap):
        start, end = quarter_index(item.start), quarter_index(item.end)
        if end < start:
            check.fail(
                ("roadmap", index, "end"),
                f"{item.id} ends in {item.end}, before it starts ({item.start})",
                "check the start and end quarters; an item that takes one quarter starts "
                "and ends in the same quarter",
            )
        for dep in item.depends_on:
            where = first.get(dep)
            if where is None or knotted(reach, where, index):
                continue
            before = case.roadmap[where]
            if start < quarter_index(before.end):
                check.fail(
                    ("roadmap", index, "start"),
                    f"{item.id} starts in {item.start}, before {dep}, which it depends on, "
                    f"ends ({before.end})",
                    f"start {item.id} in {before.end} or later, or bring {dep} forward",
                )


@rules.rule(
    "BENEFITS-CASE-ROADMAP",
    "For Brightwater's programme: each road map item keeps the dependencies the template "
    "gives it, takes at least as many quarters as the template says, and starts no "
    "earlier than the template allows.",
)
def case_roadmap(case: BenefitsCase, check: Check) -> None:
    if not is_the_case(case):
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
        took = quarter_index(item.end) - quarter_index(item.start) + 1
        if 0 < took < given["quarters"]:
            check.fail(
                ("roadmap", index, "end"),
                f"{item.id} takes {plural(took, 'quarter')} ({item.start} to {item.end}); the "
                f"template says it takes {plural(given['quarters'], 'quarter')}",
                "keep the durations you were given: a plan shorter than the work makes the "
                "benefits look earlier than they will come",
            )
        earliest = given.get("earliest")
        if earliest and quarter_index(item.start) < quarter_index(earliest):
            check.fail(
                ("roadmap", index, "start"),
                f"{item.id} starts in {item.start}; the template says {earliest} at the earliest",
                f"start {item.id} in {earliest} or later",
            )


@rules.rule(
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
