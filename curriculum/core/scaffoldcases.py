"""The test cases of a new exercise: as many as the course's policy asks, each a real
learner's artefact for the skeleton's validator (``scaffolds/validator.py.tmpl``).

Pass cases are other ways of writing a right answer (more items, decimals, keys in
another order, numbers in quotes). Fail cases are each one mistake a learner makes,
with the codes the checker gives for it (and where), as ``.expected`` declares them:
a case for every rule when ``every_rule_failed``, then schema cases when
``schema_fail_case``, then the others. Beyond what the skeleton has, more cases vary
the numbers. ``curriculum test`` confirms every case gives exactly what it declares.
"""

from __future__ import annotations

from dataclasses import dataclass

from curriculum.core.settings import TeachingPolicy

#: the rules of the skeleton's validator, each failed by the fail case of that name
RULE_CASES = {
    "ITEMS-TOTAL": "wrong-total",
    "ITEMS-UNIQUE": "repeated-item",
    "ITEMS-VALUE": "value-left-at-zero",
}


@dataclass(frozen=True)
class Case:
    name: str  #: the file name without ``.yaml``
    text: str
    #: the lines of ``.expected`` (a fail case), ``CODE @ PLACE``
    expected: tuple[str, ...] = ()

    @property
    def is_schema(self) -> bool:
        return any(line.startswith("schema.") for line in self.expected)


def _artefact(title: str, items: list[tuple[str, str]], total: str) -> str:
    lines = [f"title: {title}", "items:"]
    for name, value in items:
        lines += [f"  - name: {name}", f"    value: {value}"]
    return "\n".join([*lines, f"total: {total}", ""])


EXAMPLE = [("First item", "2"), ("Second item", "3")]

PASS = [
    Case("example", _artefact("An example artefact", EXAMPLE, "5")),
    Case(
        "three-items",
        _artefact("Three items, one large", [*EXAMPLE, ("Third item", "40")], "45"),
    ),
    Case(
        "decimal-values",
        _artefact("Values with decimals", [("Half", "1.5"), ("More", "2.25")], "3.75"),
    ),
    Case(
        "keys-in-another-order",
        "total: 5\nitems:\n  - value: 2\n    name: First item\n  - value: 3\n"
        "    name: Second item\ntitle: The keys in another order\n",
    ),
    Case(
        "numbers-in-quotes",
        _artefact(
            "Numbers written in quotes", [("First item", '"2"'), ("Second item", '"3"')], '"5"'
        ),
    ),
    Case("one-item", _artefact("A single item", [("Only item", "7")], "7")),
]

RULE_FAILS = [
    Case(
        "wrong-total",
        _artefact("An example artefact", EXAMPLE, "6"),
        ("ITEMS-TOTAL @ total",),
    ),
    Case(
        "repeated-item",
        _artefact("An item listed twice", [("First item", "2"), ("first item", "3")], "5"),
        ("ITEMS-UNIQUE @ items[2].name",),
    ),
    Case(
        "value-left-at-zero",
        _artefact(
            "A value left as in the template", [("First item", "2"), ("Second item", "0")], "2"
        ),
        ("ITEMS-VALUE @ items[2].value",),
    ),
]

SCHEMA_FAILS = [
    Case(
        "missing-total",
        "title: An example artefact\nitems:\n  - name: First item\n    value: 2\n",
        ("schema.missing @ total",),
    ),
    Case(
        "title-left-empty",
        _artefact('""', EXAMPLE, "5"),
        ("schema.empty @ title",),
    ),
    Case(
        "value-in-words",
        _artefact("A value written in words", [("First item", "two"), ("Second item", "3")], "5"),
        ("schema.type @ items[1].value",),
    ),
    Case(
        "no-items",
        "title: No items yet\nitems: []\ntotal: 0\n",
        ("schema.length @ items",),
    ),
]


def pass_cases(policy: TeachingPolicy) -> list[Case]:
    """``policy.pass_cases`` right answers (at least one), the model answer first."""
    wanted = max(1, policy.pass_cases)
    cases = PASS[:wanted]
    for number in range(len(cases) + 1, wanted + 1):
        values = [(f"Item {n}", str(n)) for n in range(1, number + 1)]
        total = str(sum(range(1, number + 1)))
        cases.append(Case(f"items-{number}", _artefact(f"{number} items", values, total)))
    return cases


def fail_cases(policy: TeachingPolicy) -> list[Case]:
    """At least ``policy.fail_cases`` mistakes (and one): every rule's case first when
    ``every_rule_failed``, a schema case when ``schema_fail_case``, then the others."""
    required = list(RULE_FAILS) if policy.every_rule_failed else []
    if policy.schema_fail_case:
        required.append(SCHEMA_FAILS[0])
    cases = required + [c for c in RULE_FAILS + SCHEMA_FAILS if c not in required]
    wanted = max(1, policy.fail_cases, len(required))
    chosen = cases[:wanted]
    for extra in range(1, wanted - len(chosen) + 1):
        chosen.append(
            Case(
                f"total-off-by-{extra + 1}",
                _artefact("An example artefact", EXAMPLE, str(5 + extra + 1)),
                ("ITEMS-TOTAL @ total",),
            )
        )
    return chosen
