"""The case's facts and what the rules work out from a record (module flo-06): which
asset is which, who owns it, and the record's dependency graph, read as the learner
wrote it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from curriculum.validation.toolkit import find_terms, listed, load_case, terms

from .schema import DependencyRecord

CASE: dict[str, Any] = load_case()
ASSETS: dict[str, dict[str, Any]] = CASE["assets"]
OWNERS: dict[str, dict[str, Any]] = CASE["owners"]
JOURNEYS: dict[str, dict[str, Any]] = CASE["journeys"]
PERSON = terms(CASE["people"])
SERVICES = terms(CASE["services"])
_SAID = {owner: terms(facts["said"]) for owner, facts in OWNERS.items()}


def main_tag(tag: str) -> str:
    """The tag an asset is recorded under: another name's original (SCANSYNC: SYNC-SVC)."""
    return str(ASSETS.get(tag, {}).get("same_as", tag))


def live(tag: str) -> bool:
    """Whether the tag is a live asset of the service (not retired, not another service's)."""
    facts = ASSETS.get(tag)
    return facts is not None and "retired" not in facts and "service" not in facts


#: the service's live assets, each under the tag it is recorded under
LIVE = sorted({main_tag(tag) for tag in ASSETS if live(tag)})


def owner_of(tag: str) -> str:
    return str(ASSETS[main_tag(tag)]["owner"])


def supplier(owner: str) -> bool:
    return bool(OWNERS[owner]["supplier"])


def shown(owner: str) -> str:
    """An owner as a sentence names it: 'ScanTech', 'the platform team'."""
    return f"the {owner[0].lower()}{owner[1:]}" if owner.endswith("team") else owner


def owners_named(text: str) -> list[str]:
    """The case's owners that ``text`` names, in the case's order."""
    return [owner for owner, pattern in _SAID.items() if pattern.search(text)]


def services_named(text: str) -> list[str]:
    """The Brightwater services ``text`` names; else the text itself, as one name."""
    return find_terms(text, SERVICES) or [text.strip()]


def people_named(text: str) -> list[str]:
    return find_terms(text, PERSON)


def what(tag: str) -> str:
    return f"{tag} ({ASSETS[tag]['what']})" if tag in ASSETS else tag


def ids(values: list[str]) -> str:
    return listed(values) if values else "none"


@dataclass
class Graph:
    """A record's components and journeys as the learner linked them, by position."""

    record: DependencyRecord
    component: dict[str, int] = field(default_factory=dict)  #: id (capitals) -> first position
    journey: dict[str, int] = field(default_factory=dict)
    edges: list[list[int]] = field(default_factory=list)  #: known dependencies of each
    reach: list[set[int]] = field(default_factory=list)  #: what each reaches through them
    path: list[set[int]] = field(default_factory=list)  #: what each journey reaches

    def __post_init__(self) -> None:
        for index, item in enumerate(self.record.components):
            self.component.setdefault(item.id.upper(), index)
        for index, journey in enumerate(self.record.journeys):
            self.journey.setdefault(journey.id.upper(), index)
        self.edges = [self.known(c.depends_on) for c in self.record.components]
        self.reach = [self._reached(list(edges)) for edges in self.edges]
        self.path = []
        for journey in self.record.journeys:
            used = self.known(journey.uses)
            self.path.append(set(used).union(*(self.reach[i] for i in used)))

    def _reached(self, todo: list[int]) -> set[int]:
        seen: set[int] = set()
        while todo:
            node = todo.pop()
            if node not in seen:
                seen.add(node)
                todo.extend(self.edges[node])
        return seen

    def known(self, refs: list[str]) -> list[int]:
        """The positions of the components ``refs`` names (unknown ids left out)."""
        found = [self.component.get(r.strip().upper()) for r in refs]
        return list(dict.fromkeys(i for i in found if i is not None))

    def known_journeys(self, refs: list[str]) -> set[str]:
        return {r.strip().upper() for r in refs if r.strip().upper() in self.journey}

    def name(self, index: int) -> str:
        """A component as a message names it: its id and the start of its name."""
        item = self.record.components[index]
        words = item.name.split()
        short = " ".join(words[:6]) + (" ..." if len(words) > 6 else "")
        return f"{item.id} ({short})"

    def assets(self, index: int) -> set[str]:
        """The live assets a component holds, each under the tag it is recorded under."""
        return {main_tag(t) for t in self.record.components[index].assets if live(t)}

    def holder(self, tag: str) -> int | None:
        """The first component that holds a live asset."""
        return next((i for i in range(len(self.edges)) if tag in self.assets(i)), None)

    def owners(self, index: int) -> list[str]:
        """The owners the notes give for a component's live assets."""
        return sorted({owner_of(t) for t in self.assets(index)})

    def owner(self, index: int) -> str | None:
        """The component's one owner according to the notes, when it has exactly one."""
        found = self.owners(index)
        return found[0] if len(found) == 1 else None

    def supported(self, index: int) -> list[str]:
        """The ids of the journeys whose path reaches the component."""
        return [
            self.record.journeys[j].id.upper()
            for j in range(len(self.path))
            if index in self.path[j] and self.journey[self.record.journeys[j].id.upper()] == j
        ]

    def dependants(self, index: int) -> list[int]:
        """The components that reach ``index`` through their dependencies."""
        return [i for i in range(len(self.edges)) if i != index and index in self.reach[i]]

    def shown_working(self, index: int, working: set[str]) -> bool:
        """Whether everything a component holds is shown working (and it holds something)."""
        held = self.assets(index)
        return bool(held) and held <= working
