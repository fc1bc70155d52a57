"""Checks a service chain: the agreements beneath an SLA and the end-to-end
availability they add up to (module sup-02).

The chain is a list of stages in series. A stage with one component needs that
component; a stage with several components is redundant, and works while any
one of them works. Availability is worked out as a fraction:

- a stage in parallel: 1 - (1 - a1) x (1 - a2) x ...
- the chain in series: s1 x s2 x ...

This assumes the components fail independently; the module explains why that
assumption flatters shared links. Brightwater's suppliers and the words that mark a
backup component are in ``case.yaml``.
"""

from __future__ import annotations

import math
from typing import Annotated, Literal

from pydantic import AfterValidator, BeforeValidator, Field, StrictStr

from curriculum.validation import Artefact, Check, Exercise
from curriculum.validation.exercise import number
from curriculum.validation.fields import Text, finite_number, numbered_id
from curriculum.validation.toolkit import listed, load_case, normal, words

CASE = load_case()
SUPPLIERS: tuple[str, ...] = tuple(CASE["suppliers"])
BACKUP_WORDS = frozenset(normal(w) for w in CASE["backup_words"])
GENERIC_WORDS = frozenset(normal(w) for w in CASE["generic_provider_words"])

STAGE_TOLERANCE = 0.005  # percentage points: two decimals are enough
CHAIN_TOLERANCE = 0.01
MIN_ACTION_WORDS, MAX_ACTION_WORDS = 15, 150
ARTICLE = {"OLA": "an OLA", "UA": "a UA"}


Number = Annotated[
    float,
    BeforeValidator(
        finite_number("write digits, with a decimal point if needed, and no % sign, e.g. 99.5")
    ),
]
ComponentId = Annotated[StrictStr, AfterValidator(numbered_id("C", "C1"))]
StageId = Annotated[StrictStr, AfterValidator(numbered_id("S", "S1"))]
Availability = Annotated[Number, Field(gt=0, lt=100)]
Percent = Annotated[Number, Field(ge=0, le=100)]


class Component(Artefact):
    id: Annotated[ComponentId, Field(description="C and a number, e.g. C1")]
    name: Annotated[Text, Field(description="what the component is")]
    provider: Annotated[Text, Field(description="who provides it: a supplier or a team")]
    provider_type: Annotated[
        Literal["internal", "external"],
        Field(description="internal (a Brightwater team) or external (a supplier)"),
    ]
    agreement: Annotated[
        Literal["OLA", "UA"],
        Field(description="OLA with an internal team, UA with an external supplier"),
    ]
    availability_percent: Annotated[
        Availability, Field(description="the availability the agreement commits to")
    ]


class Stage(Artefact):
    id: Annotated[StageId, Field(description="S and a number, e.g. S1")]
    name: Annotated[Text, Field(description="what this step of the chain does")]
    components: Annotated[
        list[StrictStr],
        Field(min_length=1, max_length=10, description="component ids; several = redundant"),
    ]
    availability_percent: Annotated[
        Percent, Field(description="the stage's availability, which you work out")
    ]


class Chain(Artefact):
    service: Annotated[Text, Field(description="the service, as the business knows it")]
    journey: Annotated[Text, Field(description="the user journey the SLA covers")]
    components: Annotated[
        list[Component], Field(min_length=2, max_length=30, description="the components")
    ]
    stages: Annotated[
        list[Stage], Field(min_length=1, max_length=20, description="the stages, in series")
    ]
    end_to_end_percent: Annotated[
        Percent, Field(description="the chain's availability, which you work out")
    ]
    offered_sla_percent: Annotated[
        Availability, Field(description="the SLA target offered to the customer")
    ]
    weakest_link: Annotated[StageId, Field(description="the id of the weakest stage")]
    weakest_link_action: Annotated[
        Text, Field(description="what you would do about the weakest link, and with whom")
    ]


exercise = Exercise(schema=Chain)


def _components(chain: Chain) -> dict[str, Component]:
    found: dict[str, Component] = {}
    for component in chain.components:
        found.setdefault(component.id, component)
    return found


def _stage_fraction(stage: Stage, known: dict[str, Component]) -> float | None:
    """The stage's availability as a fraction, or None if it names an unknown id."""
    if any(cid not in known for cid in stage.components):
        return None
    down = math.prod(1 - known[cid].availability_percent / 100 for cid in stage.components)
    return 1 - down


def _topology_ok(chain: Chain) -> bool:
    """Unique ids, known ids, and every component in exactly one stage."""
    component_ids = [c.id for c in chain.components]
    stage_ids = [s.id for s in chain.stages]
    placed = [cid for stage in chain.stages for cid in stage.components]
    return (
        len(set(component_ids)) == len(component_ids)
        and len(set(stage_ids)) == len(stage_ids)
        and sorted(placed) == sorted(component_ids)
    )


def _chain_fraction(chain: Chain) -> float | None:
    """The chain's availability as a fraction, or None while the topology is broken."""
    if not _topology_ok(chain):
        return None
    known = _components(chain)
    fractions = [_stage_fraction(stage, known) for stage in chain.stages]
    if any(f is None for f in fractions):
        return None
    return math.prod(f for f in fractions if f is not None)


def _named(provider: str, text: str) -> bool:
    """Whether ``text`` names ``provider``: in full, or by a word of it that identifies it."""
    said = {normal(w) for w in words(text)}
    own = [normal(w) for w in words(provider) if normal(w) not in GENERIC_WORDS]
    return normal(provider) in normal(text) or any(w in said for w in own)


def _is_backup(component: Component) -> bool:
    return any(normal(w) in BACKUP_WORDS for w in words(component.name))


def _pct(value: float) -> str:
    return f"{value:.4f}".rstrip("0").rstrip(".")


@exercise.rule(
    "CHAIN-AGREEMENT",
    "Each component's agreement matches its provider: an OLA with an internal team, a UA "
    "(underpinning agreement) with an external supplier. Brightwater's suppliers ("
    + listed(SUPPLIERS)
    + ") are external.",
)
def agreement(chain: Chain, check: Check) -> None:
    expected = {"internal": "OLA", "external": "UA"}
    for index, component in enumerate(chain.components, 1):
        supplier = next((s for s in SUPPLIERS if normal(s) in normal(component.provider)), None)
        if supplier and component.provider_type == "internal":
            check.fail(
                f"components[{index}].provider_type",
                f"{component.id} is provided by {supplier}, an outside supplier, but is marked "
                "internal",
                "mark it external; its agreement is then a UA, the contract that underpins the SLA",
            )
            continue
        want = expected[component.provider_type]
        if component.agreement != want:
            check.fail(
                f"components[{index}].agreement",
                f"{component.id} ({component.provider}, {component.provider_type}) is covered "
                f"by {ARTICLE[component.agreement]}; it should be {ARTICLE[want]}",
                "an OLA is agreed between internal teams; a UA is the contract with an outside "
                "supplier that underpins the SLA",
            )


@exercise.rule(
    "CHAIN-TOPOLOGY",
    "Component ids and stage ids are each used once; every id a stage lists is a "
    "component; every component sits in exactly one stage.",
)
def topology(chain: Chain, check: Check) -> None:
    for name, what, ids in (
        ("components", "component", [c.id for c in chain.components]),
        ("stages", "stage", [s.id for s in chain.stages]),
    ):
        check.unique(
            name, ids, what=f"the {what} id", hint="give each entry its own id", field="id"
        )
    known = _components(chain)
    ids_known = ", ".join(known) or "none"
    placed: dict[str, int] = {}
    for s_index, stage in enumerate(chain.stages, 1):
        for c_index, cid in enumerate(stage.components, 1):
            if cid not in known:
                check.fail(
                    f"stages[{s_index}].components[{c_index}]",
                    f"stage {stage.id} lists '{cid}', which is not a component",
                    f"use a component id: {ids_known}",
                )
            placed[cid] = placed.get(cid, 0) + 1
    for index, component in enumerate(chain.components, 1):
        count = placed.get(component.id, 0)
        if count != 1:
            check.fail(
                f"components[{index}].id",
                f"component {component.id} sits in {count} stages",
                "put each component in exactly one stage: alone if the chain needs it, "
                "with its alternatives if any one of them is enough",
            )


@exercise.rule(
    "CHAIN-STAGE-AVAILABILITY",
    "Each stage's availability_percent is worked out from its components, within 0.005 "
    "percentage points: one component, its own availability; several (redundant) "
    "components, 100 x (1 - (1 - a1/100) x (1 - a2/100) x ...).",
)
def stage_availability(chain: Chain, check: Check) -> None:
    known = _components(chain)
    for index, stage in enumerate(chain.stages, 1):
        fraction = _stage_fraction(stage, known)
        if fraction is None:
            continue  # reported by CHAIN-TOPOLOGY
        if len(stage.components) == 1:
            how = f"the availability of {stage.components[0]}, on its own"
        else:
            terms = " x ".join(
                f"(1 - {number(known[cid].availability_percent)}/100)" for cid in stage.components
            )
            how = f"100 x (1 - {terms}): the stage fails only if all its components fail"
        check.close(
            f"stages[{index}].availability_percent",
            stage.availability_percent,
            fraction * 100,
            tolerance=STAGE_TOLERANCE,
            how=how,
        )


@exercise.rule(
    "CHAIN-END-TO-END",
    "end_to_end_percent is the product of the stages' availabilities (each worked out "
    "from its components), within 0.01 percentage points: 100 x s1 x s2 x ... with each "
    "stage as a fraction.",
)
def end_to_end(chain: Chain, check: Check) -> None:
    fraction = _chain_fraction(chain)
    if fraction is None:
        return  # reported by CHAIN-TOPOLOGY
    known = _components(chain)
    parts = " x ".join(_pct(100 * (_stage_fraction(s, known) or 0)) + "/100" for s in chain.stages)
    check.close(
        "end_to_end_percent",
        chain.end_to_end_percent,
        fraction * 100,
        tolerance=CHAIN_TOLERANCE,
        how=f"100 x {parts}: the stages are in series, so every one of them must work",
    )


@exercise.rule(
    "CHAIN-SLA-SUPPORTED",
    "offered_sla_percent is no higher than the end-to-end availability worked out from "
    "the components: the agreements beneath the SLA must be able to support it.",
)
def sla_supported(chain: Chain, check: Check) -> None:
    fraction = _chain_fraction(chain)
    if fraction is None:
        return
    ceiling = fraction * 100
    if chain.offered_sla_percent > ceiling + 1e-9:
        check.fail(
            "offered_sla_percent",
            f"the SLA offers {number(chain.offered_sla_percent)} %, but the agreements "
            f"beneath it add up to only {_pct(ceiling)} %",
            "offer a target no higher than the chain supports, or strengthen the chain "
            "first: add redundancy or improve the weakest link's agreement",
        )


@exercise.rule(
    "CHAIN-WEAKEST-LINK",
    "weakest_link is the id of the stage with the lowest availability worked out from "
    "its components (any of them, if several tie).",
)
def weakest_link(chain: Chain, check: Check) -> None:
    known = _components(chain)
    fractions = {s.id: _stage_fraction(s, known) for s in chain.stages}
    if chain.weakest_link not in fractions:
        check.fail(
            "weakest_link",
            f"'{chain.weakest_link}' is not a stage of this chain",
            f"use a stage id: {', '.join(fractions)}",
        )
        return
    values = {sid: f for sid, f in fractions.items() if f is not None}
    if not _topology_ok(chain) or len(values) != len(fractions):
        return  # reported by CHAIN-TOPOLOGY
    lowest = min(values.values())
    weakest = [sid for sid, f in values.items() if f <= lowest + 1e-12]
    if chain.weakest_link not in weakest:
        check.fail(
            "weakest_link",
            f"stage {chain.weakest_link} ({_pct(values[chain.weakest_link] * 100)} %) is not "
            f"the weakest link; {' or '.join(weakest)} is, at {_pct(lowest * 100)} %",
            "compare the stages' own availabilities, with redundancy taken into account: "
            "a weak component backed up by another can make a strong stage",
        )


@exercise.rule(
    "CHAIN-ACTION",
    f"weakest_link_action has {MIN_ACTION_WORDS} to {MAX_ACTION_WORDS} words and names the "
    "provider of at least one component in the weakest stage (the stage you give as "
    "weakest_link, or the weakest one worked out from the components), in full or by a "
    "word of its name that identifies it (ScanTech, 'the platform team' for Platform "
    "team): say who you will work with.",
)
def action(chain: Chain, check: Check) -> None:
    check.word_count(
        "weakest_link_action",
        chain.weakest_link_action,
        MIN_ACTION_WORDS,
        MAX_ACTION_WORDS,
        what="the action on the weakest link",
    )
    known = _components(chain)
    stages = {s.id: s for s in chain.stages}
    candidates = [chain.weakest_link] if chain.weakest_link in stages else []
    fractions = {s.id: _stage_fraction(s, known) for s in chain.stages}
    values = {sid: f for sid, f in fractions.items() if f is not None}
    if values:
        lowest = min(values.values())
        candidates += [sid for sid, f in values.items() if f <= lowest + 1e-12]
    providers = sorted(
        {
            known[cid].provider
            for sid in candidates
            for cid in stages[sid].components
            if cid in known
        }
    )
    if not providers:
        return  # reported by CHAIN-TOPOLOGY or CHAIN-WEAKEST-LINK
    if not any(_named(p, chain.weakest_link_action) for p in providers):
        check.fail(
            "weakest_link_action",
            "the action does not name who provides the weakest stage: " + " or ".join(providers),
            "the weakest link is improved with the people who run it: name the provider "
            "and say what you will ask of them, or do together",
        )


@exercise.rule(
    "CHAIN-REDUNDANCY",
    "A component whose name says it stands in for another ("
    + listed((f"'{w}'" for w in CASE["backup_words"]), "or")
    + ") shares a stage with at least one other component: a backup is redundant, so the "
    "stage works while either works.",
)
def redundancy(chain: Chain, check: Check) -> None:
    shared = {
        cid for stage in chain.stages if len(stage.components) > 1 for cid in stage.components
    }
    for index, stage in enumerate(chain.stages, 1):
        backups = [c for c in chain.components if c.id in stage.components and _is_backup(c)]
        if len(stage.components) == 1 and backups and backups[0].id not in shared:
            check.fail(
                f"stages[{index}].components",
                f"stage {stage.id} holds only {backups[0].id} ({backups[0].name}), a backup, "
                "so the chain needs it and what it backs up to work at the same time",
                "put the backup in one stage with the component it stands in for, e.g. "
                "components: [C2, C3], and work the stage out as redundant; then ask what "
                "happens at the depot when the main line is cut",
            )
