"""Checks a SIAM model: layers, structure, end-to-end RACI, governance and road map
(module sup-01).

The model names the customer and what it retains, the service integrator and the
organisations that staff it, the service providers (internal teams and external
suppliers), a RACI for each end-to-end process, the forums that govern the
ecosystem, and the road map from discovery to run and improve.

Names are compared without regard to case or surrounding spaces, so
"ScanTech" and "scantech" are the same party. The structures and road-map
stages are the ones in the SIAM Foundation Body of Knowledge (Scopism, 2017),
named here in the course's own words.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, StrictStr

from curriculum.validation import Artefact, Check, Exercise

Text = Annotated[StrictStr, Field(min_length=1)]
Structure = Literal["externally-sourced", "internally-sourced", "hybrid", "lead-supplier"]
Stage = Literal["discovery-and-strategy", "plan-and-build", "implement", "run-and-improve"]
Level = Literal["strategic", "tactical", "operational"]
Role = Literal["R", "A", "A/R", "C", "I"]

STRUCTURES: tuple[str, ...] = (
    "externally-sourced",
    "internally-sourced",
    "hybrid",
    "lead-supplier",
)
STAGES: tuple[str, ...] = (
    "discovery-and-strategy",
    "plan-and-build",
    "implement",
    "run-and-improve",
)
LEVELS: tuple[str, ...] = ("strategic", "tactical", "operational")
ACCOUNTABLE = {"A", "A/R"}
RESPONSIBLE = {"R", "A/R"}
TAKES_PART = {"R", "A", "A/R", "C"}
MIN_REASON_WORDS, MAX_REASON_WORDS = 30, 250
MIN_ALT_WORDS, MAX_ALT_WORDS = 8, 120


def _key(name: str) -> str:
    return " ".join(name.split()).casefold()


class Provider(Artefact):
    name: Annotated[Text, Field(description="the provider: a supplier or an internal team")]
    kind: Annotated[
        Literal["internal", "external"],
        Field(description="internal (a team of the customer) or external (a supplier)"),
    ]
    provides: Annotated[Text, Field(description="what it provides, in a phrase")]


class Integrator(Artefact):
    name: Annotated[Text, Field(description="the service integrator's name in this model")]
    staffed_by: Annotated[
        list[Text],
        Field(
            min_length=1,
            max_length=5,
            description="the organisations that perform the integrator role",
        ),
    ]


class Alternative(Artefact):
    structure: Annotated[Structure, Field(description="a structure you did not choose")]
    why_not: Annotated[Text, Field(description="why it fits this customer less well")]


class Process(Artefact):
    process: Annotated[Text, Field(description="an end-to-end process across providers")]
    raci: Annotated[
        dict[StrictStr, Role],
        Field(
            min_length=2,
            max_length=20,
            description="party name -> R, A, A/R, C or I",
        ),
    ]


class Forum(Artefact):
    level: Annotated[Level, Field(description="strategic, tactical or operational")]
    forum: Annotated[Text, Field(description="the forum's name and purpose")]
    cadence: Annotated[Text, Field(description="how often it meets")]


class Step(Artefact):
    stage: Annotated[Stage, Field(description="the road-map stage")]
    when: Annotated[Text, Field(description="when, e.g. 'January to March 2026'")]
    activities: Annotated[
        list[Text], Field(min_length=1, max_length=12, description="what happens in this stage")
    ]


class SiamModel(Artefact):
    customer: Annotated[Text, Field(description="the customer organisation")]
    retained_capabilities: Annotated[
        list[Text],
        Field(min_length=1, max_length=15, description="what the customer layer keeps"),
    ]
    structure: Annotated[Structure, Field(description="the SIAM structure you select")]
    structure_reasons: Annotated[
        StrictStr, Field(description="why this structure fits the customer")
    ]
    alternatives: Annotated[
        list[Alternative],
        Field(max_length=3, description="the other three structures and why not"),
    ]
    integrator: Annotated[Integrator, Field(description="the service integrator")]
    providers: Annotated[
        list[Provider], Field(min_length=2, max_length=30, description="the service providers")
    ]
    processes: Annotated[
        list[Process],
        Field(min_length=3, max_length=20, description="end-to-end processes with a RACI"),
    ]
    governance: Annotated[
        list[Forum], Field(min_length=1, max_length=20, description="the governance forums")
    ]
    roadmap: Annotated[
        list[Step], Field(min_length=1, max_length=8, description="the road map, stage by stage")
    ]


exercise = Exercise(schema=SiamModel)


def _parties(model: SiamModel) -> dict[str, str]:
    """Every party a RACI may name: folded name -> how it is written in the model."""
    known = {
        _key(model.customer): model.customer,
        _key(model.integrator.name): model.integrator.name,
    }
    for provider in model.providers:
        known.setdefault(_key(provider.name), provider.name)
    return known


@exercise.rule(
    "SIAM-UNIQUE",
    "Each provider and each process is listed only once (names compared without regard to case).",
)
def unique(model: SiamModel, check: Check) -> None:
    for name, items, field in (
        ("provider", [p.name for p in model.providers], "providers[{}].name"),
        ("process", [p.process for p in model.processes], "processes[{}].process"),
    ):
        seen: set[str] = set()
        for index, item in enumerate(items, 1):
            if _key(item) in seen:
                check.fail(
                    field.format(index),
                    f"the {name} '{item}' is listed more than once",
                    f"list each {name} once; merge the two entries",
                )
            seen.add(_key(item))


@exercise.rule(
    "SIAM-EXTERNAL-NO-PROVIDER",
    "An externally sourced integrator holds no provider role: when the structure is "
    "externally-sourced, no organisation in integrator.staffed_by is also one of the "
    "providers.",
)
def external_no_provider(model: SiamModel, check: Check) -> None:
    if model.structure != "externally-sourced":
        return
    providers = {_key(p.name): p.name for p in model.providers}
    for index, org in enumerate(model.integrator.staffed_by, 1):
        if _key(org) in providers:
            check.fail(
                f"integrator.staffed_by[{index}]",
                f"'{org}' staffs an externally sourced integrator and is also a provider",
                "an externally sourced integrator does integration only; if one of the "
                "providers also integrates, the structure is lead-supplier",
            )


@exercise.rule(
    "SIAM-STRUCTURE-FIT",
    "The organisations that staff the integrator fit the structure: internally-sourced, "
    "only the customer; hybrid, the customer and at least one outside organisation; "
    "lead-supplier, an external provider and not the customer; externally-sourced, an "
    "outside organisation and not the customer.",
)
def structure_fit(model: SiamModel, check: Check) -> None:
    staff = [_key(org) for org in model.integrator.staffed_by]
    customer = _key(model.customer)
    external = {_key(p.name) for p in model.providers if p.kind == "external"}
    internal = {_key(p.name) for p in model.providers if p.kind == "internal"}
    has_customer = customer in staff
    # an internal team belongs to the customer: it does not make the role external
    outsiders = [
        org
        for org in model.integrator.staffed_by
        if _key(org) != customer and _key(org) not in internal
    ]
    path = "integrator.staffed_by"
    if model.structure == "internally-sourced" and outsiders:
        check.fail(
            path,
            "an internally sourced integrator is staffed by the customer alone, but "
            f"staffed_by also lists {', '.join(repr(o) for o in outsiders)}",
            f"list only '{model.customer}', or choose hybrid if an outside organisation "
            "shares the role",
        )
    elif model.structure == "internally-sourced" and not has_customer:
        check.fail(
            path,
            f"an internally sourced integrator is staffed by the customer, '{model.customer}'",
            f"write the customer's name exactly as in 'customer': '{model.customer}'",
        )
    elif model.structure == "hybrid" and (not has_customer or not outsiders):
        check.fail(
            path,
            "a hybrid integrator is staffed by the customer together with at least one "
            "outside organisation",
            f"list '{model.customer}' and the outside organisation that shares the role",
        )
    elif model.structure == "lead-supplier" and (
        has_customer or not any(org in external for org in staff)
    ):
        check.fail(
            path,
            "in a lead-supplier structure the integrator role is taken by one of the "
            "external providers, not by the customer",
            "list the external provider that also integrates, written as in 'providers'",
        )
    elif model.structure == "externally-sourced" and (has_customer or not outsiders):
        check.fail(
            path,
            "an externally sourced integrator is staffed by an outside organisation, "
            "not by the customer",
            "name the outside organisation; if the customer shares the role, choose hybrid",
        )


@exercise.rule(
    "SIAM-ALTERNATIVES",
    "Each of the three structures you did not select is listed once in alternatives, "
    f"with a reason of {MIN_ALT_WORDS} to {MAX_ALT_WORDS} words; the selected structure "
    "is not among them.",
)
def alternatives(model: SiamModel, check: Check) -> None:
    seen: set[str] = set()
    for index, alt in enumerate(model.alternatives, 1):
        if alt.structure == model.structure:
            check.fail(
                f"alternatives[{index}].structure",
                f"'{alt.structure}' is the structure you selected",
                "list only the three structures you did not choose",
            )
        elif alt.structure in seen:
            check.fail(
                f"alternatives[{index}].structure",
                f"'{alt.structure}' is listed more than once",
                "give each rejected structure one entry",
            )
        seen.add(alt.structure)
        check.word_count(
            f"alternatives[{index}].why_not",
            alt.why_not,
            MIN_ALT_WORDS,
            MAX_ALT_WORDS,
            what=f"the reason for not choosing {alt.structure}",
        )
    missing = [s for s in STRUCTURES if s != model.structure and s not in seen]
    if missing:
        check.fail(
            "alternatives",
            f"alternatives does not cover {', '.join(missing)}",
            "compare every structure: say for each one you did not select why it fits "
            "this customer less well",
        )


@exercise.rule(
    "SIAM-REASONS",
    f"structure_reasons explains the choice in {MIN_REASON_WORDS} to {MAX_REASON_WORDS} words.",
)
def reasons(model: SiamModel, check: Check) -> None:
    check.word_count(
        "structure_reasons",
        model.structure_reasons,
        MIN_REASON_WORDS,
        MAX_REASON_WORDS,
        what="structure_reasons",
    )


@exercise.rule(
    "SIAM-RACI-PARTIES",
    "Every party named in a RACI is the customer, the integrator (by integrator.name) or "
    "one of the providers, written as in those fields.",
)
def raci_parties(model: SiamModel, check: Check) -> None:
    known = _parties(model)
    listed = ", ".join(f"'{n}'" for n in known.values())
    for index, process in enumerate(model.processes, 1):
        for party in process.raci:
            if _key(party) not in known:
                check.fail(
                    ("processes", index - 1, "raci", party),
                    f"'{party}' in the RACI for '{process.process}' is not a party of this model",
                    f"use one of: {listed}",
                )


@exercise.rule(
    "SIAM-ONE-ACCOUNTABLE",
    "Every process has exactly one accountable party: one 'A' or 'A/R' in its RACI.",
)
def one_accountable(model: SiamModel, check: Check) -> None:
    for index, process in enumerate(model.processes, 1):
        accountable = [p for p, role in process.raci.items() if role in ACCOUNTABLE]
        if len(accountable) != 1:
            shown = ", ".join(f"'{p}'" for p in accountable) or "nobody"
            check.fail(
                f"processes[{index}].raci",
                f"'{process.process}' has {len(accountable)} accountable parties ({shown})",
                "give exactly one party 'A' (or 'A/R'): the one who answers for the whole "
                "process end to end; the others are R, C or I",
            )


@exercise.rule(
    "SIAM-RESPONSIBLE",
    "Every process has at least one responsible party: an 'R' or 'A/R' in its RACI.",
)
def responsible(model: SiamModel, check: Check) -> None:
    for index, process in enumerate(model.processes, 1):
        if not any(role in RESPONSIBLE for role in process.raci.values()):
            check.fail(
                f"processes[{index}].raci",
                f"nobody is responsible (R) for doing the work of '{process.process}'",
                "mark the parties that do the work with R (or A/R)",
            )


@exercise.rule(
    "SIAM-PROVIDER-COVERED",
    "Every provider takes part in at least one end-to-end process as R, A, A/R or C "
    "(being only informed does not count).",
)
def provider_covered(model: SiamModel, check: Check) -> None:
    taking_part: set[str] = set()
    for process in model.processes:
        taking_part.update(_key(p) for p, role in process.raci.items() if role in TAKES_PART)
    for index, provider in enumerate(model.providers, 1):
        if _key(provider.name) not in taking_part:
            check.fail(
                f"providers[{index}].name",
                f"'{provider.name}' takes part in no end-to-end process",
                "add it to the RACI of the processes its service depends on, as R or C: "
                "a provider outside every process is managed alone, not integrated",
            )


@exercise.rule(
    "SIAM-GOVERNANCE-LEVELS",
    "Governance covers all three levels: at least one strategic, one tactical and one "
    "operational forum.",
)
def governance_levels(model: SiamModel, check: Check) -> None:
    present = {forum.level for forum in model.governance}
    missing = [level for level in LEVELS if level not in present]
    if missing:
        check.fail(
            "governance",
            f"no {' or '.join(missing)} forum in governance",
            "add a forum for each level: strategic (direction and contracts), tactical "
            "(performance and plans across providers), operational (day-to-day delivery)",
        )


@exercise.rule(
    "SIAM-ROADMAP-ORDER",
    "The road map has the four stages once each, in order: discovery-and-strategy, "
    "plan-and-build, implement, run-and-improve.",
)
def roadmap_order(model: SiamModel, check: Check) -> None:
    stages = [step.stage for step in model.roadmap]
    seen: set[str] = set()
    for index, stage in enumerate(stages, 1):
        if stage in seen:
            check.fail(
                f"roadmap[{index}].stage",
                f"the stage '{stage}' appears more than once",
                "give each stage one entry and put all its activities there",
            )
        seen.add(stage)
    missing = [s for s in STAGES if s not in seen]
    if missing:
        check.fail(
            "roadmap",
            f"the road map has no {', '.join(missing)} stage",
            "include all four stages: " + ", then ".join(STAGES),
        )
    order = [STAGES.index(s) for s in stages]
    for index in range(1, len(order)):
        if order[index] < order[index - 1]:
            check.fail(
                f"roadmap[{index + 1}].stage",
                f"'{stages[index]}' comes after '{stages[index - 1]}'",
                "put the stages in road-map order: " + ", then ".join(STAGES),
            )
            break
