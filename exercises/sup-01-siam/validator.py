"""Checks a SIAM model: layers, structure, end-to-end RACI, governance and road map
(module sup-01).

The model names the customer and what it retains, the service integrator and the
organisations that staff it, the service providers (internal teams and external
suppliers), a RACI for each end-to-end process, the forums that govern the
ecosystem, and the road map from discovery to run and improve.

Names are compared without regard to case or spacing, and a shorter form
("Platform", "Brightwater") stands for the one party whose name holds it. The
structures and road-map stages are the ones in the SIAM Foundation Body of
Knowledge (Scopism, 2017), named here in the course's own words; the case's
facts are in case.yaml.
"""

from __future__ import annotations

from curriculum.validation import Check, Exercise
from curriculum.validation.toolkit import listed, normal, word_count

from .analysis import _accountable, _match, _own, _parties, _resolve
from .schema import (
    INTEGRATOR_WORK,
    LEVELS,
    MIN_ALT_WORDS,
    MIN_REASON_WORDS,
    OVERNIGHT_DESK,
    RESPONSIBLE,
    STAGES,
    STRUCTURES,
    TAKES_PART,
    Process,
    SiamModel,
)

exercise = Exercise(schema=SiamModel)


@exercise.rule(
    "SIAM-UNIQUE",
    "Each provider and each process is listed only once (names compared without regard to case).",
)
def unique(model: SiamModel, check: Check) -> None:
    for name, items, field in (
        ("provider", [p.name for p in model.providers], "providers"),
        ("process", [p.process for p in model.processes], "processes"),
    ):
        check.unique(
            field,
            items,
            what=f"the {name}",
            hint=f"list each {name} once; merge the two entries",
            key=normal,
            field="name" if name == "provider" else "process",
        )


@exercise.rule(
    "SIAM-RETAINED",
    "The customer layer keeps what the customer cannot hand over (contracts, the business "
    "relationship, strategy, policy), not an end-to-end process such as incident or problem "
    "management, which is the integrator's work.",
)
def retained(model: SiamModel, check: Check) -> None:
    for index, capability in enumerate(model.retained_capabilities, 1):
        found = INTEGRATOR_WORK.search(capability)
        if found:
            check.fail(
                f"retained_capabilities[{index}]",
                f"'{found.group(0)}' is an end-to-end process the integrator runs, not "
                "something the customer layer keeps",
                "keep here what only the customer can do (contract ownership, the business "
                "relationship, strategy, policy) and give the process a RACI instead",
            )


@exercise.rule(
    "SIAM-EXTERNAL-NO-PROVIDER",
    "An externally sourced integrator holds no provider role: when the structure is "
    "externally-sourced, no organisation in integrator.staffed_by is also one of the "
    "providers.",
)
def external_no_provider(model: SiamModel, check: Check) -> None:
    if model.structure != "externally-sourced":
        return  # only this structure forbids it
    providers = {normal(p.name): p.name for p in model.providers}
    for index, org in enumerate(model.integrator.staffed_by, 1):
        party = _resolve(org, providers)
        if party is not None:
            check.fail(
                f"integrator.staffed_by[{index}]",
                f"'{org}' staffs an externally sourced integrator and is also a provider "
                f"('{providers[party]}')",
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
    staff = model.integrator.staffed_by
    has_customer = any(_own(model, org) for org in staff)
    outsiders = [org for org in staff if not _own(model, org)]
    external = {normal(p.name): p.name for p in model.providers if p.kind == "external"}
    path, customer = "integrator.staffed_by", model.customer
    if model.structure == "internally-sourced" and outsiders:
        check.fail(
            path,
            "an internally sourced integrator is staffed by the customer alone, but "
            f"staffed_by also lists {listed(repr(o) for o in outsiders)}",
            f"list only '{customer}', or choose hybrid if an outside organisation shares the role",
        )
    elif model.structure == "hybrid" and (not has_customer or not outsiders):
        check.fail(
            path,
            "a hybrid integrator is staffed by the customer together with at least one "
            "outside organisation",
            f"list '{customer}' and the outside organisation that shares the role",
        )
    elif model.structure == "lead-supplier" and (
        has_customer or not any(_resolve(org, external) for org in staff)
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
    f"with a reason of at least {MIN_ALT_WORDS} words; the selected structure is not "
    "among them.",
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
        if word_count(alt.why_not) < MIN_ALT_WORDS:
            check.fail(
                f"alternatives[{index}].why_not",
                f"the reason for not choosing {alt.structure} is too short to give a reason",
                "say what about this customer makes it fit less well: its cost, its "
                "control, its time to set up, or a conflict of interest",
            )
    missing = [s for s in STRUCTURES if s != model.structure and s not in seen]
    if missing:
        check.fail(
            "alternatives",
            f"alternatives does not cover {listed(missing)}",
            "compare every structure: say for each one you did not select why it fits "
            "this customer less well",
        )


@exercise.rule(
    "SIAM-REASONS",
    f"structure_reasons explains the choice in at least {MIN_REASON_WORDS} words.",
)
def reasons(model: SiamModel, check: Check) -> None:
    count = word_count(model.structure_reasons)
    if count < MIN_REASON_WORDS:
        check.fail(
            "structure_reasons",
            f"structure_reasons has {count} words; it needs at least {MIN_REASON_WORDS}",
            "argue from the case: the capabilities the customer has, how many providers "
            "there are, how much control it wants, its time and its budget",
        )


@exercise.rule(
    "SIAM-RACI-PARTIES",
    "Every party named in a RACI is the customer, the integrator (by integrator.name) or "
    "one of the providers, written as there or in a shorter form that can mean only one.",
)
def raci_parties(model: SiamModel, check: Check) -> None:
    known = _parties(model)
    for index, process in enumerate(model.processes, 1):
        for party in process.raci:
            found = _match(party, known)
            if len(found) == 1:
                continue
            check.fail(
                ("processes", index - 1, "raci", party),
                f"'{party}' in the RACI for '{process.process}' "
                + (
                    "could be " + listed((repr(known[k]) for k in found), "or")
                    if found
                    else "is not a party of this model"
                ),
                "write the party as in the model: one of "
                + listed(repr(n) for n in known.values()),
            )


@exercise.rule(
    "SIAM-ONE-ACCOUNTABLE",
    "Every process has exactly one accountable party: one 'A' or 'A/R' in its RACI.",
)
def one_accountable(model: SiamModel, check: Check) -> None:
    for index, process in enumerate(model.processes, 1):
        accountable = _accountable(process)
        if len(accountable) != 1:
            shown = listed(f"'{p}'" for p in accountable) or "nobody"
            check.fail(
                f"processes[{index}].raci",
                f"'{process.process}' has {len(accountable)} accountable parties ({shown})",
                "give exactly one party 'A' (or 'A/R'): the one who answers for the whole "
                "process end to end; the others are R, C or I",
            )


@exercise.rule(
    "SIAM-ACCOUNTABLE-FITS",
    "Unless the structure is lead-supplier, no external provider is accountable for an "
    "end-to-end process: the integrator answers for them, the customer for commercial ones.",
)
def accountable_fits(model: SiamModel, check: Check) -> None:
    if model.structure == "lead-supplier":
        return  # there a provider integrates, so it may answer for a process
    known = _parties(model)
    external = {normal(p.name) for p in model.providers if p.kind == "external"}
    for index, process in enumerate(model.processes, 1):
        for party in _accountable(process):
            if _resolve(party, known) in external - {normal(model.integrator.name)}:
                check.fail(
                    ("processes", index - 1, "raci", party),
                    f"'{party}', a supplier, is accountable for '{process.process}'",
                    f"make '{model.integrator.name}' accountable (or '{model.customer}' for a "
                    "commercial process) and give the supplier R or C",
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
    f"(being only informed does not count), and {OVERNIGHT_DESK}, the overnight desk, takes "
    "part in incident management and a supplier in problem management.",
)
def provider_covered(model: SiamModel, check: Check) -> None:
    known = _parties(model)

    def taking_part(process: Process) -> set[str | None]:
        return {_resolve(p, known) for p, role in process.raci.items() if role in TAKES_PART}

    everywhere = set().union(*(taking_part(p) for p in model.processes))
    for index, provider in enumerate(model.providers, 1):
        if normal(provider.name) not in everywhere:
            check.fail(
                f"providers[{index}].name",
                f"'{provider.name}' takes part in no end-to-end process",
                "add it to the RACI of the processes its service depends on, as R or C: "
                "a provider outside every process is managed alone, not integrated",
            )
    external = {normal(p.name) for p in model.providers if p.kind == "external"}
    desk = normal(OVERNIGHT_DESK)
    for index, process in enumerate(model.processes, 1):
        name, part = normal(process.process), taking_part(process)
        if "incident" in name and desk in external and desk in everywhere and desk not in part:
            check.fail(
                f"processes[{index}].raci",
                f"{OVERNIGHT_DESK}, the overnight desk, does not take part in '{process.process}'",
                f"give {OVERNIGHT_DESK} R: it takes the calls from 22:00 to 05:00, and an "
                "incident it cannot work on is passed around all night",
            )
        if "problem" in name and external and not part & external:
            check.fail(
                f"processes[{index}].raci",
                f"no supplier takes part in '{process.process}'",
                "give the suppliers whose services the problems touch R or C: finding causes "
                "together is where tickets stop bouncing between providers",
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
            f"no {listed(missing, 'or')} forum in governance",
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
            f"the road map has no {listed(missing)} stage",
            "include all four stages: " + ", then ".join(STAGES),
        )
    for index in range(1, len(stages)):
        if STAGES.index(stages[index]) < STAGES.index(stages[index - 1]):
            check.fail(
                f"roadmap[{index + 1}].stage",
                f"'{stages[index]}' comes after '{stages[index - 1]}'",
                "put the stages in road-map order: " + ", then ".join(STAGES),
            )
