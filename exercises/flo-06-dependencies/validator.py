"""Checks a service dependency record for Depot Scanning (module flo-06).

The asset list, the owners and contacts, the journeys' needs, the change and the
incident are Brightwater's, in case.yaml; the record is the learner's own. Its
graph is read as the learner drew it: which journeys a component supports, what a
change puts at risk and which components an incident points at are recomputed
from the learner's own dependencies, so one wrong link is reported once, where it
is, rather than again in every answer that follows from it. The rules of the record
in use (journeys, feeds, change and incident) are in ``uses.py``, registered after
the record's own rules and before DEP-UPKEEP.
"""

from __future__ import annotations

import difflib

from curriculum.validation import Check, Exercise
from curriculum.validation.toolkit import listed, names_nobody, plural

from . import uses
from .record import (
    ASSETS,
    CASE,
    LIVE,
    OWNERS,
    Graph,
    main_tag,
    owner_of,
    owners_named,
    people_named,
    shown,
    supplier,
    what,
)
from .schema import DependencyRecord

exercise = Exercise(schema=DependencyRecord)

#: owners that name no team or supplier in particular
NOBODY = (
    "it",
    "the it department",
    "it department",
    "the business",
    "the supplier",
    "supplier",
    "vendor",
    "the team",
    "team",
    "we",
    "us",
    "management",
)


@exercise.rule(
    "DEP-SCOPE",
    "Every asset tag in the record is on the asset list, and is a live part of Depot "
    "Scanning: not a retired asset, and not another service's.",
)
def scope(doc: DependencyRecord, check: Check) -> None:
    for ci, component in enumerate(doc.components):
        for ai, tag in enumerate(component.assets):
            where = ("components", ci, "assets", ai)
            facts = ASSETS.get(tag)
            if facts is None:
                close = difflib.get_close_matches(tag, list(ASSETS), n=1)
                check.fail(
                    where,
                    f"{tag} is not on the asset list",
                    "write the tag as the asset list writes it"
                    + (f": did you mean {close[0]}?" if close else ""),
                )
            elif "retired" in facts:
                check.fail(
                    where,
                    f"{tag} was retired {facts['retired']}, though the asset register still "
                    "shows it as live: a record that lists it sends people to a server that "
                    "no longer exists",
                    f"take it out; its work is done by {facts['replaced_by']}",
                )
            elif "service" in facts:
                check.fail(
                    where,
                    f"{tag} belongs to {facts['service']}, not to Depot Scanning",
                    f'the notes say "{facts["note"]}" Leave it out of this record; it belongs '
                    f"in {facts['service']}'s",
                )


@exercise.rule(
    "DEP-COVERAGE",
    "Every live asset of Depot Scanning on the asset list is held by a component of the record.",
)
def coverage(doc: DependencyRecord, check: Check) -> None:
    graph = Graph(doc)
    held = set().union(*(graph.assets(i) for i in range(len(doc.components))))
    for tag in LIVE:
        if tag not in held:
            check.fail(
                "components",
                f"{what(tag)} is live, but no component of the record holds it",
                f"add a component for it, or add {tag} to the assets of the component it "
                f'belongs with. The notes say "{ASSETS[tag]["note"]}"',
            )


@exercise.rule(
    "DEP-TWICE",
    "Nothing is listed twice: each component id and journey id is used once, and each "
    "asset is held by one component, under one name or several (SCANSYNC and SYNC-SVC "
    "are one service).",
)
def twice(doc: DependencyRecord, check: Check) -> None:
    hint = "each id once: give the second one the next free number"
    check.unique(
        "components",
        [c.id for c in doc.components],
        what="component id",
        hint=hint,
        key=str.upper,
        field="id",
    )
    check.unique(
        "journeys",
        [j.id for j in doc.journeys],
        what="journey id",
        hint=hint,
        key=str.upper,
        field="id",
    )
    first: dict[str, tuple[int, str]] = {}
    for ci, component in enumerate(doc.components):
        for ai, tag in enumerate(component.assets):
            key = main_tag(tag)
            if key not in first:
                first[key] = (ci, tag)
                continue
            before, name = first[key]
            if before == ci and name != tag:
                continue  # both names on one component: exactly what is asked
            earlier = doc.components[before].id
            if before == ci:
                message = f"{tag} is listed twice in {component.id}"
                fix = "list it once"
            elif name == tag:
                message = f"{tag} is held by {earlier} and again by {component.id}"
                fix = "keep it in one component, the one whose owner you would call"
            else:
                alias = tag if "same_as" in ASSETS.get(tag, {}) else name
                message = (
                    f"{component.id} holds {tag} and {earlier} holds {name}: they are one "
                    "asset under two names, so the record describes it twice"
                )
                fix = (
                    f'the notes say "{ASSETS[alias]["note"]}" List both names in the assets '
                    "of one component, so that whoever searches for either finds it"
                )
            check.fail(("components", ci, "assets", ai), message, fix)


@exercise.rule(
    "DEP-OWNER",
    "Each component has one owner, the team or supplier the notes give for its assets "
    "(the asset register's owner column is out of date): not a person, and not two owners.",
)
def owner(doc: DependencyRecord, check: Check) -> None:
    graph = Graph(doc)
    for ci, component in enumerate(doc.components):
        owners = graph.owners(ci)
        if len(owners) > 1:
            split = "; ".join(
                f"{shown(who)}: {listed(sorted(t for t in graph.assets(ci) if owner_of(t) == who))}"
                for who in owners
            )
            check.fail(
                ("components", ci, "assets"),
                f"{component.id} holds assets with different owners ({split})",
                "split it into one component per owner: one component, one owner, one call",
            )
            continue
        where = ("components", ci, "owner")
        people = people_named(component.owner)
        if people:
            check.fail(
                where,
                f"the owner of {component.id} is a person ('{people[0]}'), not a team or "
                "a supplier",
                "name the team or supplier: people move on, and the record must still say "
                "who answers" + (f"; the notes give {shown(owners[0])}" if owners else ""),
            )
            continue
        if not owners:
            continue  # it holds no live asset: DEP-SCOPE says so
        expected = owners[0]
        named = owners_named(component.owner)
        if named == [expected]:
            continue
        if len(named) > 1:
            message = (
                f"{component.id} names {listed([shown(n) for n in named])} as its owners; "
                "a component has one"
            )
        elif names_nobody(component.owner, NOBODY):
            message = f"the owner of {component.id} ('{component.owner}') names nobody"
        else:
            message = (
                f"the owner of {component.id} is '{component.owner}'; the notes give "
                f"{shown(expected)} for {listed(sorted(graph.assets(ci)))}"
            )
        tag = sorted(graph.assets(ci))[0]
        check.fail(
            where,
            message,
            f"the owner is the one team or supplier you would call to fix or change it, "
            f'here {shown(expected)}. The notes say "{ASSETS[tag]["note"]}"',
        )


@exercise.rule(
    "DEP-CONTACT",
    "Each component's contact reaches its owner: where a supplier runs it, the supplier's "
    "own desk or queue; where a Brightwater team runs it, a route into that team, not only "
    "a supplier's.",
)
def contact(doc: DependencyRecord, check: Check) -> None:
    graph = Graph(doc)
    for ci, component in enumerate(doc.components):
        who = graph.owner(ci)
        if who is None:
            continue  # DEP-OWNER or DEP-SCOPE says why
        named = owners_named(component.contact)
        where = ("components", ci, "contact")
        if supplier(who) and who not in named:
            check.fail(
                where,
                f"{component.id} is run by {who}, but its contact ('{component.contact}') "
                f"does not reach {who}",
                f"give {who}'s own route, as the notes give it: {OWNERS[who]['contact']}",
            )
        elif not supplier(who) and named and all(supplier(n) for n in named):
            check.fail(
                where,
                f"{component.id} is run by {shown(who)}, but its contact reaches only "
                f"{listed(named)}",
                f"give the route into {shown(who)}: {OWNERS[who]['contact']}",
            )


@exercise.rule(
    "DEP-LINKS",
    "Every id the record refers to exists: the components in uses, depends_on, touches and "
    "suspects, and the journeys in supports and journeys_at_risk.",
)
def links(doc: DependencyRecord, check: Check) -> None:
    graph = Graph(doc)
    components = sorted(graph.component, key=_number)
    journeys = sorted(graph.journey, key=_number)

    def each(where: tuple[str | int, ...], refs: list[str], whose: str, journey: bool) -> None:
        known, kind = (journeys, "journey") if journey else (components, "component")
        for k, ref in enumerate(refs):
            if ref.strip().upper() not in known:
                check.fail(
                    (*where, k),
                    f"{whose} refers to '{ref}', which is not a {kind} of the record",
                    f"use the id of a {kind} of the record ({listed(known)}), or add the "
                    f"{kind} it means",
                )

    for ji, journey in enumerate(doc.journeys):
        each(("journeys", ji, "uses"), journey.uses, journey.id, False)
    for ci, component in enumerate(doc.components):
        each(("components", ci, "depends_on"), component.depends_on, component.id, False)
        each(("components", ci, "supports"), component.supports, component.id, True)
    each(("change", "touches"), doc.change.touches, "change.touches", False)
    each(("change", "journeys_at_risk"), doc.change.journeys_at_risk, "the change", True)
    each(("incident", "suspects"), doc.incident.suspects, "incident.suspects", False)
    each(("incident", "journeys_at_risk"), doc.incident.journeys_at_risk, "the incident", True)


@exercise.rule(
    "DEP-CYCLE",
    "The dependencies contain no cycle (a component that, through what it depends on, "
    "depends on itself); each cycle is reported once.",
)
def cycle(doc: DependencyRecord, check: Check) -> None:
    graph = Graph(doc)
    reported: set[int] = set()
    for index in range(len(graph.edges)):
        if index in reported or index not in graph.reach[index]:
            continue
        loop = _loop(graph, index)
        reported.update(
            i
            for i in range(len(graph.edges))
            if index in graph.reach[i] and i in graph.reach[index]
        )
        names = [doc.components[i].id for i in loop]
        check.fail(
            ("components", index, "depends_on"),
            f"the dependencies form a cycle: {' -> '.join(names)}"
            if len(names) > 2
            else f"{names[0]} depends on itself",
            "a dependency points from what needs something to what it needs; ask which of "
            "these links is the wrong way round, or is not a real need",
        )


exercise.include(uses.rules)


@exercise.rule(
    "DEP-UPKEEP",
    "The record says who answers for the service and who keeps the record true (roles, not "
    f"people), and when it is next checked: after the last check, within "
    f"{CASE['check_within_days']} days.",
)
def upkeep(doc: DependencyRecord, check: Check) -> None:
    for name in ("service_owner", "record_owner"):
        value = getattr(doc, name)
        people = people_named(value)
        if people or names_nobody(value, NOBODY):
            check.fail(
                name,
                f"{name} is '{value}', "
                + ("a person" if people else "which names nobody")
                + ": it should be a role someone holds",
                "name the role, e.g. 'Depot Scanning service owner' or 'platform team lead', "
                "so that the record outlives the people",
            )
    days = (doc.next_check - doc.last_checked).days
    limit = CASE["check_within_days"]
    if days <= 0:
        check.fail(
            "next_check",
            f"next_check ({doc.next_check}) is not after last_checked ({doc.last_checked})",
            "set the date of the next check",
        )
    elif days > limit:
        check.fail(
            "next_check",
            f"next_check is {plural(days, 'day')} after last_checked; a record is checked "
            f"at least every {limit} days",
            "check it every quarter at least: a record nobody checks drifts, as the asset "
            "register did",
        )


def _number(value: str) -> tuple[int, str]:
    digits = "".join(ch for ch in value if ch.isdigit())
    return (int(digits) if digits else 0, value)


def _loop(graph: Graph, start: int) -> list[int]:
    """A shortest cycle through ``start``: [start, ..., start]."""
    previous: dict[int, int] = {}
    queue, seen = [start], {start}
    while queue:
        node = queue.pop(0)
        for nxt in graph.edges[node]:
            if nxt == start:
                path = [node]
                while path[-1] != start:
                    path.append(previous[path[-1]])
                return [start, *reversed(path[:-1]), start]
            if nxt not in seen and start in graph.reach[nxt]:
                seen.add(nxt)
                previous[nxt] = node
                queue.append(nxt)
    return [start, start]  # pragma: no cover - a node on a cycle always has one
