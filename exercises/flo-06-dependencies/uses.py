"""The rules of the record in use (module flo-06): the journeys' paths, the services it
feeds, what each component supports, and the record applied to change CHG-5310 and to
the 05:20 calls. ``validator.py`` registers them, in this order, after its rules on the
record itself and before DEP-UPKEEP.
"""

from __future__ import annotations

from curriculum.validation import Check, Rules
from curriculum.validation.toolkit import listed, terms

from .record import ASSETS, CASE, JOURNEYS, Graph, ids, owners_named, services_named, shown, what
from .schema import DependencyRecord

rules: Rules[DependencyRecord] = Rules()

CHANGE = CASE["change"]
INCIDENT = CASE["incident"]
WORKING: dict[str, str] = INCIDENT["working"]


def _order(values: set[str] | list[str]) -> list[str]:
    def key(value: str) -> tuple[int, str]:
        digits = "".join(ch for ch in value if ch.isdigit())
        return (int(digits) if digits else 0, value)

    return sorted(set(values), key=key)


def _them(values: list[str]) -> str:
    return "it" if len(values) == 1 else "them"


@rules.rule(
    "DEP-PATHS",
    "The four journeys the depot managers named (J1 to J4) are in the record, and each "
    "reaches, through the components it uses and what they depend on, every asset the "
    "notes say it needs.",
)
def paths(doc: DependencyRecord, check: Check) -> None:
    graph = Graph(doc)
    unreached: dict[str, list[str]] = {}
    for jid, facts in JOURNEYS.items():
        at = graph.journey.get(jid)
        if at is None:
            check.fail(
                "journeys",
                f"{jid} ({facts['name']}) is not in the record",
                "keep the four journeys the template gives, with their ids; add your own "
                "after them",
            )
            continue
        reached = set().union(*(graph.assets(i) for i in graph.path[at]))
        for tag in facts["needs"]:
            if tag not in reached and graph.holder(tag) is not None:
                unreached.setdefault(tag, []).append(jid)
    for tag, journeys in unreached.items():
        holder = graph.holder(tag)
        assert holder is not None  # only held assets are collected
        one = len(journeys) == 1
        held_by = doc.components[holder].id
        check.fail(
            ("components", holder),
            f"{listed(journeys)} need{'s' if one else ''} {what(tag)}, which {held_by} "
            f"holds, but nothing {'it uses' if one else 'they use'} reaches {held_by} "
            "through its dependencies",
            f"the notes say {ASSETS[tag]['why']}: add the dependency that leads to {held_by}",
        )


@rules.rule(
    "DEP-FEEDS",
    "The component that feeds another service says so in feeds: the scan sync service "
    "feeds Parcel Tracking, whose statuses come from it.",
)
def feeds(doc: DependencyRecord, check: Check) -> None:
    graph = Graph(doc)
    for tag, services in CASE["feeds"].items():
        holder = graph.holder(tag)
        if holder is None:
            continue  # DEP-COVERAGE says it is missing
        said = " ".join(doc.components[holder].feeds)
        for service in services:
            if not terms([service]).search(said):
                check.fail(
                    ("components", holder, "feeds"),
                    f"{graph.name(holder)} feeds {service}, but its feeds do not say so",
                    f"add {service} to its feeds: when it fails, {service}'s users feel it "
                    f"too, and its owner must hear",
                )


@rules.rule(
    "DEP-SUPPORTS",
    "Each component's supports lists exactly the journeys whose path reaches it, through "
    "the components they use and what those depend on (recomputed from the record).",
)
def supports(doc: DependencyRecord, check: Check) -> None:
    graph = Graph(doc)
    for ci, component in enumerate(doc.components):
        computed = set(graph.supported(ci))
        declared = graph.known_journeys(component.supports)
        if (declared == computed and computed) or not graph.assets(ci):
            continue  # right, or not a live part of the service (DEP-SCOPE says so)
        where = ("components", ci, "supports")
        if not computed:
            check.fail(
                where,
                f"no journey reaches {component.id} through the components it uses and "
                "their dependencies",
                "connect it: add it to the depends_on of the component that needs it, or to "
                "a journey's uses; a component no journey needs is not part of the service",
            )
            continue
        extra, missing = _order(declared - computed), _order(computed - declared)
        fixes = []
        if missing:
            one = len(missing) == 1
            fixes.append(f"add {listed(missing)}: {'it reaches' if one else 'they reach'} it")
        if extra:
            fixes.append(
                f"{listed(extra)} do{'es' if len(extra) == 1 else ''} not reach it: take "
                f"{_them(extra)} out, or add the dependency that makes {_them(extra)} need it"
            )
        check.fail(
            where,
            f"{component.id} supports {ids(_order(computed))}, the journeys that reach it "
            f"through your dependencies; its supports say {ids(_order(declared))}",
            "; ".join(fixes),
        )


@rules.rule(
    "DEP-CHANGE-SCOPE",
    "change.touches lists the component that holds what change CHG-5310 alters: ScanTech's "
    "device-management agent (DMS-ST).",
)
def change_scope(doc: DependencyRecord, check: Check) -> None:
    graph = Graph(doc)
    touched = graph.known(doc.change.touches)
    for tag in CHANGE["alters"]:
        holder = graph.holder(tag)
        if holder is not None and holder not in touched:
            check.fail(
                ("change", "touches"),
                f"the change alters {what(tag)}, held by {graph.name(holder)}, but touches "
                f"does not list {doc.components[holder].id}",
                f"add {doc.components[holder].id}: {CHANGE['what']}",
            )


def _journeys_at_risk(
    check: Check,
    graph: Graph,
    where: str,
    parts: list[int],
    declared: list[str],
    because: str,
    hint: str,
) -> None:
    """``where``'s journeys at risk against those ``parts`` support, from the graph."""
    expected = {j for p in parts for j in graph.supported(p)}
    found = graph.known_journeys(declared)
    if found != expected:
        check.fail(
            (where, "journeys_at_risk"),
            f"the journeys at risk are {ids(_order(expected))}, {because}; the {where}'s "
            f"list says {ids(_order(found))}",
            hint,
        )


@rules.rule(
    "DEP-CHANGE-IMPACT",
    "change.journeys_at_risk are the journeys that the touched components support, and "
    "change.tell names the owner of every component that depends on them (recomputed "
    "from the record).",
)
def change_impact(doc: DependencyRecord, check: Check) -> None:
    graph = Graph(doc)
    touched = graph.known(doc.change.touches)
    if not touched:
        return  # DEP-LINKS says why
    _journeys_at_risk(
        check,
        graph,
        "change",
        touched,
        doc.change.journeys_at_risk,
        f"those whose path reaches {listed([doc.components[t].id for t in touched])}",
        "take them from the supports of the components the change touches",
    )
    changer = {graph.owner(t) for t in touched}
    told = owners_named(" | ".join(doc.change.tell))
    due: dict[str, list[str]] = {}
    for t in touched:
        for d in graph.dependants(t):
            who = graph.owner(d)
            if who and who not in changer and who not in told and d not in touched:
                due.setdefault(who, []).append(doc.components[d].id)
    for who, needing in due.items():
        one = len(needing) == 1
        check.fail(
            ("change", "tell"),
            f"{shown(who)} owns {listed(_order(needing))}, which "
            f"depend{'s' if one else ''} on what the change touches "
            f"({listed([doc.components[t].id for t in touched])}), but tell does not name "
            f"{shown(who)}",
            f"add {shown(who)}: {listed(_order(needing))} could break when what "
            f"{'it depends' if one else 'they depend'} on changes",
        )


@rules.rule(
    "DEP-SUSPECTS",
    "incident.suspects are the components on the failing journey's path (J1) that the "
    "calls do not show working (recomputed from the record).",
)
def suspects(doc: DependencyRecord, check: Check) -> None:
    graph = Graph(doc)
    at = graph.journey.get(INCIDENT["journey"])
    if at is None:
        return  # DEP-PATHS says it is missing
    working = set(WORKING)
    path = graph.path[at]
    expected = {i for i in path if graph.assets(i) and not graph.shown_working(i, working)}
    declared = set(graph.known(doc.incident.suspects))
    where = ("incident", "suspects")
    jid = INCIDENT["journey"]
    for i in sorted(expected - declared):
        check.fail(
            where,
            f"{graph.name(i)} is on {jid}'s path and nothing in the calls shows it working, "
            "so it is a suspect",
            "add it: every component on the failing journey's path stays a suspect until "
            "the calls or a check clear it",
        )
    for i in sorted(declared - expected):
        if i in path:
            shows = "; ".join(dict.fromkeys(WORKING[t] for t in sorted(graph.assets(i))))
            check.fail(
                where,
                f"the calls show {graph.name(i)} working: {shows}",
                "take it out: it is on the path, but the callers have already cleared it",
            )
        else:
            check.fail(
                where,
                f"{graph.name(i)} is not on {jid}'s path in your record, so it cannot stop "
                "the scans",
                "take it out, or, if the journey does need it, add the dependency that puts "
                "it on the path",
            )


@rules.rule(
    "DEP-CALL",
    "incident.call names the owner of every suspect, including each supplier that runs "
    "one, and no owner whose components are not suspects.",
)
def call(doc: DependencyRecord, check: Check) -> None:
    graph = Graph(doc)
    suspected = graph.known(doc.incident.suspects)
    needed = {o for o in (graph.owner(s) for s in suspected) if o is not None}
    for k, entry in enumerate(doc.incident.call):
        for who in owners_named(entry):
            if who in needed:
                continue
            theirs = [
                doc.components[i].id for i in range(len(doc.components)) if graph.owner(i) == who
            ]
            cleared = (
                (
                    f": {listed(theirs)} {'is' if len(theirs) == 1 else 'are'} shown "
                    "working or not on the failing journey's path"
                )
                if theirs
                else ""
            )
            check.fail(
                ("incident", "call", k),
                f"{shown(who)} owns no suspect{cleared}",
                "call the owners of the suspects; bring others in only if a check points at them",
            )
    called = set(owners_named(" | ".join(doc.incident.call)))
    for who in sorted(needed - called):
        owned = [doc.components[s].id for s in suspected if graph.owner(s) == who]
        contact = next(doc.components[s].contact for s in suspected if graph.owner(s) == who)
        check.fail(
            ("incident", "call"),
            f"{shown(who)} owns {listed(owned)}, a suspect, but the call does not name "
            f"{shown(who)}",
            f"add {shown(who)}; the record says how to reach {_them(owned)}: {contact}",
        )


@rules.rule(
    "DEP-IMPACT",
    "incident.journeys_at_risk are the journeys the suspects support, and incident.tell "
    "names every service fed by a suspect or by a component that depends on one "
    "(recomputed from the record).",
)
def impact(doc: DependencyRecord, check: Check) -> None:
    graph = Graph(doc)
    suspected = graph.known(doc.incident.suspects)
    if not suspected:
        return  # DEP-LINKS says why
    _journeys_at_risk(
        check,
        graph,
        "incident",
        suspected,
        doc.incident.journeys_at_risk,
        "those the suspects support",
        "take them from the supports of the suspects: the desk should expect calls "
        "from all of them",
    )
    said = " | ".join(doc.incident.tell)
    reaching = dict.fromkeys([*suspected, *(d for s in suspected for d in graph.dependants(s))])
    warned: set[str] = set()
    for c in reaching:
        for entry in doc.components[c].feeds:
            for service in services_named(entry):
                if service in warned or terms([service]).search(said):
                    continue
                warned.add(service)
                how = "a suspect" if c in suspected else "which depends on a suspect"
                check.fail(
                    ("incident", "tell"),
                    f"{graph.name(c)}, {how}, feeds {service}, but tell does not name it",
                    f"add {service}'s service owner: its users will feel this too",
                )
